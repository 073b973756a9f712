"""The model worker: `python -m rag.worker`, started and supervised by rag.service.GenerationService.

It loads one generator and runs one generation at a time. JSON lines, one object per line:

  parent -> worker   first line: the generator spec (rag.generate.build_generator);
                     then {"op": "generate", "id", "messages", "max_tokens", "stop"} and {"op": "cancel", "id"};
                     closing stdin asks the worker to exit.
  worker -> parent   once loaded: {"event": "ready", "name"} or {"event": "error", "message", "model_error"};
                     per request: {"event": "piece", "id", "text"}..., then exactly one of
                     {"event": "done", "id"}, {"event": "cancelled", "id"} or {"event": "error", "id", "message"},
                     sent only once decoding has stopped, so the parent can free the slot.

A cancel is checked between tokens; a worker stuck inside one step is killed by the parent instead.
"""
from __future__ import annotations

import json
import os
import queue
import signal
import sys
import threading
from typing import Any, TextIO

from rag.errors import one_line


def serve(spec: dict[str, Any], inp: TextIO, out: TextIO) -> int:
    from rag.generate import build_generator
    from rag.models import ModelError

    lock = threading.Lock()

    def send(**msg: Any) -> None:
        with lock:
            out.write(json.dumps(msg) + "\n")
            out.flush()

    try:
        gen = build_generator(spec)
        if hasattr(gen, "load"):
            gen.load()
    except Exception as e:  # reported to the parent, which names the setting to fix
        send(event="error", message=one_line(e), model_error=isinstance(e, ModelError))
        return 1
    send(event="ready", name=gen.name)

    requests: queue.Queue = queue.Queue()
    cancelled: set = set()  # request ids; "*" once the parent has gone

    def read() -> None:  # a thread, so a cancel is seen while the main thread decodes
        for line in inp:
            msg = json.loads(line)
            if msg["op"] == "cancel":
                cancelled.add(msg["id"])
            else:
                requests.put(msg)
        cancelled.add("*")
        requests.put(None)

    threading.Thread(target=read, name="worker-stdin", daemon=True).start()
    while (req := requests.get()) is not None:
        rid = req["id"]
        end: dict[str, Any] = {"event": "done"}
        try:
            pieces = iter(gen.stream(req["messages"], req["max_tokens"], tuple(req.get("stop") or ())))
            try:
                for piece in pieces:
                    if rid in cancelled or "*" in cancelled:
                        end = {"event": "cancelled"}
                        break
                    send(event="piece", id=rid, text=piece)
            finally:
                close = getattr(pieces, "close", None)
                if close:
                    close()  # stops decoding before we say so
        except Exception as e:
            end = {"event": "error", "message": one_line(e)}
        if end["event"] == "done" and rid in cancelled:
            end = {"event": "cancelled"}
        send(id=rid, **end)
        cancelled.discard(rid)
    return 0


NICE = 10  # the model yields the CPU to the web app: its evidence must reach users at once


def main() -> int:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C in a terminal is for the parent, which stops us
    if hasattr(os, "nice"):
        os.nice(NICE)
    out = os.fdopen(os.dup(1), "w", encoding="utf-8")  # the protocol channel...
    os.dup2(2, 1)  # ...and anything a library prints goes to stderr, never into the protocol
    sys.stdout = sys.stderr
    line = sys.stdin.readline()
    if not line:
        return 0
    return serve(json.loads(line), sys.stdin, out)


if __name__ == "__main__":
    sys.exit(main())
