"""The one generation service: model loading, worker processes, slots, timeouts, and every failure as a notice.

    service = GenerationService(settings)      # serve: a supervised worker (ask: GenerationService(s, worker=False))
    service.check(); service.start()           # startup: one clear ModelError naming the setting, then the load
    try:
        for piece in service.stream(messages, max_tokens, timeout_s=...):
            ...
    except GenerationFailed as e:
        notice = e.notice(lang)                # "timeout" | "unavailable" | "busy" | "crashed" | "cancelled"

Slots: `concurrency` generations at once. With a worker, each slot is its own process holding its own model
(python -m rag.worker), so a crash, a hang or a SIGKILL costs one answer, never the app. A slot is free again
only once its generation has really stopped: the worker acknowledged the cancel, or was killed and restarted.
In-process (worker off, and the openai backend) a slot is a producer thread, freed when that thread has ended.
The extractive backend has no model: `available` is False and `stream` raises GenerationFailed("unavailable").
"""
from __future__ import annotations

import atexit
import itertools
import json
import logging
import os
import queue
import subprocess
import sys
import tempfile
import threading
import time
import weakref
from pathlib import Path
from typing import Iterator, Optional, Sequence

from rag import i18n
from rag.errors import ConsensusError, one_line
from rag.generate import Generator, Messages, Spec, build_generator, generator_name, generator_spec
from rag.models import ModelError, bundled_model, bundled_parts, resolve_gguf
from rag.routes import Failure
from rag.settings import Settings, SettingsError

log = logging.getLogger(__name__)

KINDS = tuple(Failure)
CANCEL_GRACE_S = 2.0      # a worker that has not stopped decoding this long after a cancel is killed
LOAD_TIMEOUT_S = 600.0    # loading a model in a worker (the transformers backend can take minutes on a cold disk)
RESTART_BACKOFF_S = (0.5, 2.0, 5.0, 15.0, 30.0)  # between failed restarts of a worker
MAX_LOAD_RETRIES = 5      # a worker that keeps dying while it loads (a crashing build) stays down: no summaries


class GenerationFailed(ConsensusError):
    """Generation did not complete; `kind` says why and `notice(lang)` says so to the asker."""

    def __init__(self, kind: "Failure | str", detail: str = "") -> None:
        kind = Failure(kind)  # ValueError for a kind that does not exist
        super().__init__(detail or f"generation {kind}")
        self.kind = kind

    def notice(self, lang: str) -> str:
        return i18n.t(f"notice_{self.kind}", lang)


# --- slots ---------------------------------------------------------------------------------------
# A slot runs one generation at a time. `begin` returns the queue its events arrive on: ("piece", text)...
# then one terminal event: ("done",), ("cancelled",), ("error", message) or ("exit", why) when a worker died.

_TERMINAL = ("done", "cancelled", "error", "exit")


class _Slot:
    killable = False

    def __init__(self, index: int) -> None:
        self.index = index
        self.state = "new"     # new | starting | idle | busy | broken | closed (guarded by the service lock)
        self.launched = False  # launched once already: the next launch is a restart
        self.error: Optional[BaseException] = None
        self.current: Optional[queue.Queue] = None   # the running request's events

    def launch(self, spec: Spec) -> None: ...
    def begin(self, rid: int, messages: Messages, max_tokens: int, stop: Sequence[str]) -> queue.Queue: ...
    def cancel(self, rid: int) -> None: ...
    def alive(self) -> bool: return True
    def kill(self) -> None: ...
    def shutdown(self) -> None: ...


class _ThreadSlot(_Slot):
    """In-process: the generator runs in a producer thread that checks a stop flag between pieces."""

    def __init__(self, index: int, generator: Optional[Generator] = None) -> None:
        super().__init__(index)
        self.gen = generator
        self._stop = threading.Event()

    def launch(self, spec: Spec) -> None:
        if self.gen is None:
            self.gen = build_generator(spec)
        if hasattr(self.gen, "load"):
            self.gen.load()

    def begin(self, rid, messages, max_tokens, stop) -> queue.Queue:
        q: queue.Queue = queue.Queue()
        self._stop = stop_flag = threading.Event()
        gen = self.gen

        def produce() -> None:
            end: tuple = ("done",)
            try:
                pieces = iter(gen.stream(messages, max_tokens, stop))
                try:
                    for piece in pieces:
                        if stop_flag.is_set():
                            end = ("cancelled",)
                            break
                        q.put(("piece", piece))
                finally:
                    close = getattr(pieces, "close", None)
                    if close:
                        close()  # a llama.cpp / transformers / HTTP stream stops decoding here
            except Exception as e:
                end = ("error", one_line(e))
            q.put(end)  # the last thing this thread does: the slot is free once this arrives

        threading.Thread(target=produce, name=f"generate-{self.index}", daemon=True).start()
        return q

    def cancel(self, rid: int) -> None:
        self._stop.set()

    def shutdown(self) -> None:
        self._stop.set()


class _WorkerSlot(_Slot):
    """A `python -m rag.worker` process holding its own model."""
    killable = True

    def __init__(self, index: int, on_exit) -> None:
        super().__init__(index)
        self.proc: Optional[subprocess.Popen] = None
        self.rid: Optional[int] = None
        self._on_exit = on_exit          # called (from the reader thread) when a loaded worker dies
        self._write = threading.Lock()

    def launch(self, spec: Spec) -> None:
        env = dict(os.environ)
        root = str(Path(__file__).resolve().parents[1])  # where `rag` is, whatever the cwd
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
        errlog = tempfile.TemporaryFile()  # a pipe nobody reads could fill and block the worker
        proc = subprocess.Popen([sys.executable, "-m", "rag.worker"], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=errlog, env=env)
        startup: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, args=(proc, startup, errlog), name=f"worker-{self.index}-reader",
                         daemon=True).start()
        try:
            proc.stdin.write((json.dumps(spec) + "\n").encode())
            proc.stdin.flush()
            ev = startup.get(timeout=LOAD_TIMEOUT_S)
        except OSError:  # it died at once: its reader says why
            ev = startup.get(timeout=LOAD_TIMEOUT_S)
        except queue.Empty:
            ev = {"event": "error", "message": f"the model did not load within {LOAD_TIMEOUT_S:g} s"}
        if ev["event"] == "ready":
            self.proc = proc
            return
        _kill(proc)
        why = f"the model worker failed to start: {ev.get('message')}"
        raise ModelError(ev["message"]) if ev.get("model_error") else GenerationFailed("unavailable", why)

    def _read(self, proc: subprocess.Popen, startup: queue.Queue, errlog) -> None:
        loaded = False
        for raw in proc.stdout:
            try:
                ev = json.loads(raw)
            except ValueError:
                continue
            if not isinstance(ev, dict) or "event" not in ev:
                continue  # not ours (the worker sends every other output to stderr)
            if not loaded:
                loaded = ev["event"] == "ready"
                startup.put(ev)
                continue
            q = self.current
            if q is not None and ev.get("id") == self.rid:
                q.put(("piece", ev["text"]) if ev["event"] == "piece" else
                      (ev["event"], ev.get("message", "")) if ev["event"] == "error" else (ev["event"],))
        code = proc.wait()
        proc.stdout.close()
        errlog.seek(0)
        lines = errlog.read().decode(errors="replace").strip().splitlines()
        errlog.close()
        why = f"the model worker exited with code {code}" + (f": {lines[-1][:300]}" if lines else "")
        if not loaded:
            startup.put({"event": "error", "message": why})
        else:
            self._on_exit(self, proc, why)

    def begin(self, rid, messages, max_tokens, stop) -> queue.Queue:
        q: queue.Queue = queue.Queue()
        self.rid, self.current = rid, q
        if not self._send({"op": "generate", "id": rid, "messages": messages, "max_tokens": max_tokens,
                           "stop": list(stop)}):
            q.put(("exit", "the worker was gone"))  # died between acquire and begin: say so now, not at timeout
        return q

    def cancel(self, rid: int) -> None:
        self._send({"op": "cancel", "id": rid})

    def _send(self, msg: dict) -> bool:
        try:
            with self._write:
                self.proc.stdin.write((json.dumps(msg) + "\n").encode())
                self.proc.stdin.flush()
            return True
        except (OSError, ValueError, AttributeError):
            return False  # the worker is gone: its reader reports the exit

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def kill(self) -> None:
        proc, self.proc = self.proc, None  # so its exit is not taken for a crash
        if proc is not None:
            _kill(proc)

    def shutdown(self) -> None:
        proc = self.proc
        if proc is None:
            return
        try:
            proc.stdin.close()  # asks the worker to exit once its current token is done
            proc.wait(timeout=2)
        except (OSError, subprocess.TimeoutExpired):
            pass
        _kill(proc)


def _kill(proc: subprocess.Popen) -> None:
    """SIGKILL and reap; its reader thread sees the end of its output and closes that."""
    if proc.poll() is None:
        proc.kill()
    proc.wait()
    try:
        proc.stdin.close()
    except OSError:
        pass


# --- the service -------------------------------------------------------------------------------

class GenerationService:
    """Owns generation for one process. Thread-safe; `stream` may be called from many threads at once."""

    def __init__(self, settings: Settings, *, worker: Optional[bool] = None, spec: Optional[Spec] = None) -> None:
        """`worker`: what settings.worker == "auto" means for this caller (None: a worker; `ask` passes False);
        "on" / "off" (CQA_WORKER) decide for everyone. The openai backend is remote already: never a worker.
        `spec`: run this generator spec instead of the one `settings` describe (custom backends, test stand-ins).
        """
        self.settings = settings
        self._custom = spec is not None
        self._spec = spec  # resolved by start()
        self.available = spec is not None or settings.backend != "extractive"  # False: no model at all
        remote = spec is None and settings.backend == "openai"
        mode = settings.worker
        self.uses_worker = self.available and not remote and (
            mode == "on" or (mode == "auto" and (worker is None or worker)))
        self.name = (spec.get("name") or f"{spec['backend']}:{spec.get('factory', '')}") if spec else \
            generator_name(settings)
        n = max(1, settings.concurrency)
        self._slots: list[_Slot] = [(_WorkerSlot(i, self._worker_exited) if self.uses_worker else _ThreadSlot(i))
                                    for i in range(n)]
        self._cond = threading.Condition()
        self._start_lock = threading.Lock()
        self._starter: Optional[threading.Thread] = None
        self._closed = False
        self._ids = itertools.count(1)
        self.restarts = 0  # model workers (re)started after the first start: crashes, kills, failed loads
        _live.add(self)

    # --- lifecycle -----------------------------------------------------------------------------
    def check(self) -> None:
        """A fast check of the configuration: raises ModelError / SettingsError naming the setting to fix."""
        if self._custom or not self.available:
            return
        s = self.settings
        if s.backend == "llama-cpp":
            import importlib.util
            if importlib.util.find_spec("llama_cpp") is None:
                raise ModelError("llama-cpp-python is not installed (setting 'backend' / CQA_BACKEND): run "
                                 "`make install`, or choose another backend")
            bundled = bundled_model(s.model)  # names 'model' / CQA_MODEL for an unknown "bundled:" name
            if bundled is None:
                path = resolve_gguf(s)  # names 'model' / CQA_MODEL when there is no such .gguf file
                with open(path, "rb") as f:
                    if f.read(4) != b"GGUF":
                        raise ModelError(f"{str(path)!r} is not a GGUF file (setting 'model' / CQA_MODEL)")
            elif not (s.cache_path / "models" / bundled.file_name).is_file():
                bundled_parts(bundled)  # the parts it will be assembled from are installed
        elif s.backend == "transformers":
            if s.model.lower().endswith(".gguf") and not Path(s.model).expanduser().is_file():
                raise ModelError(f"no GGUF file at {s.model!r} (setting 'model' / CQA_MODEL)")
        elif s.backend == "openai":
            if not s.openai_base_url.startswith(("http://", "https://")):
                raise SettingsError(f"{s.openai_base_url!r} is not an http(s) URL (setting 'openai_base_url' / "
                                    "CQA_OPENAI_BASE_URL)")

    def start(self, wait: bool = True) -> None:
        """Load the model now, in every slot (its worker process, or this one); idempotent.

        wait=False only begins, so the model can load while the app loads its index; a later start() waits.
        Waiting raises ModelError (naming the setting) when no slot could load the model.
        """
        if not self.available:
            return
        with self._start_lock:
            if self._starter is None:
                self._starter = threading.Thread(target=self._start_all, name="generation-start", daemon=True)
                self._starter.start()
        if not wait:
            return
        self._starter.join()
        with self._cond:
            if all(s.state == "broken" for s in self._slots):
                e = self._slots[0].error
                raise e if isinstance(e, ConsensusError) else ModelError(f"the model cannot be loaded: {one_line(e)}")

    def _start_all(self) -> None:
        try:
            self._spec = self._spec or generator_spec(self.settings, self._threads())
            if not self.uses_worker:  # in-process slots each load their own model; openai slots share a client
                shared = build_generator(self._spec) if self._spec["backend"] == "openai" else None
                for slot in self._slots:
                    slot.gen = shared
        except Exception as e:  # e.g. ModelError: no such GGUF file, parts missing
            with self._cond:
                for slot in self._slots:
                    slot.state, slot.error = "broken", e
                self._cond.notify_all()
            return
        for t in [self._launch(slot) for slot in self._slots]:
            if t is not None:
                t.join()

    def _threads(self) -> int:
        """Cores per slot: `threads`, or all cores shared between the slots (a worker runs at a lower priority,
        so the web app still gets the CPU it needs to show the evidence at once)."""
        return self.settings.threads or max(1, (os.cpu_count() or 1) // len(self._slots))

    def _launch(self, slot: _Slot, attempt: int = 0) -> Optional[threading.Thread]:
        """(Re)start a slot in the background; a worker that fails to start is retried with a backoff."""
        with self._cond:
            if self._closed:
                return None
            slot.state = "starting"
            if slot.launched:
                self.restarts += 1
            slot.launched = True

        def run() -> None:
            try:
                slot.launch(self._spec)
            except Exception as e:
                log.warning("generation slot %d failed to start: %s", slot.index, one_line(e))
                with self._cond:
                    slot.state, slot.error = "broken", e
                    self._cond.notify_all()
                # A worker that died while loading is retried; a model that cannot be loaded is a setting
                # to fix, not something a retry mends.
                if self.uses_worker and not isinstance(e, ModelError) and not self._closed \
                        and attempt < MAX_LOAD_RETRIES:
                    delay = RESTART_BACKOFF_S[min(attempt, len(RESTART_BACKOFF_S) - 1)]
                    timer = threading.Timer(delay, self._launch, (slot, attempt + 1))
                    timer.daemon = True
                    timer.start()
                return
            with self._cond:
                closed = self._closed
                if not closed:
                    slot.state, slot.error = "idle", None
                    self._cond.notify_all()
            if closed:
                slot.shutdown()

        t = threading.Thread(target=run, name=f"generation-slot-{slot.index}-start", daemon=True)
        t.start()
        return t

    def _worker_exited(self, slot: _WorkerSlot, proc: subprocess.Popen, why: str) -> None:
        with self._cond:
            if slot.proc is not proc or self._closed:
                return  # one we killed or replaced, or we are closing
            log.warning("model worker %d died (%s); restarting it", slot.index, why)
            if slot.current is not None:
                slot.current.put(("exit", why))  # the request's owner restarts the worker when it lets go
                return
            restart = slot.state == "idle" and not self._closed
            if restart:
                slot.state = "starting"
        if restart:
            self._launch(slot)

    def close(self) -> None:
        """Stop every worker (and tell waiting and running streams they were cancelled)."""
        with self._cond:
            self._closed = True
            for slot in self._slots:
                slot.state = "closed"
            self._cond.notify_all()
        for slot in self._slots:
            slot.shutdown()
        _live.discard(self)

    @property
    def ready(self) -> bool:
        """The model is loaded (in at least one slot) and can answer."""
        with self._cond:
            return any(s.state in ("idle", "busy") for s in self._slots)

    @property
    def idle(self) -> bool:
        """A slot is free right now: a summary started now would not wait behind another."""
        with self._cond:
            return any(s.state in ("idle", "new") for s in self._slots)  # "new": loads on first use

    @property
    def pids(self) -> list[int]:
        """Process ids of the running workers (for supervision and tests)."""
        return [s.proc.pid for s in self._slots if isinstance(s, _WorkerSlot) and s.alive()]

    # --- generation ----------------------------------------------------------------------------
    def stream(self, messages: Messages, max_tokens: int, *, stop: Sequence[str] = (),
               timeout_s: Optional[float] = None, slot_wait_s: Optional[float] = None) -> Iterator[str]:
        """Yield the model's text pieces. Raises GenerationFailed. Closing the iterator early cancels decoding.

        `timeout_s` (default gen_timeout_s) bounds the generation once it has a slot; `slot_wait_s` (default
        gen_timeout_s) bounds the wait for a free slot, after which it raises GenerationFailed("busy").
        """
        timeout = self.settings.gen_timeout_s if timeout_s is None else timeout_s
        wait = self.settings.gen_timeout_s if slot_wait_s is None else slot_wait_s
        if not self.available:
            raise GenerationFailed("unavailable", "the extractive backend has no model (setting 'backend')")
        try:
            self.start()
        except ConsensusError as e:
            raise GenerationFailed("unavailable", str(e)) from None
        slot = self._acquire(wait)
        rid = next(self._ids)
        try:
            q = slot.begin(rid, list(messages), max_tokens, tuple(stop))
        except BaseException:
            self._release(slot)
            raise
        deadline = time.monotonic() + timeout
        end: Optional[tuple] = None
        try:
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise GenerationFailed("timeout", f"the model took over {timeout:g} s: raise 'gen_timeout_s' / "
                                                      "CQA_GEN_TIMEOUT_S or use a smaller model")
                try:
                    ev = q.get(timeout=left)
                except queue.Empty:
                    continue
                if ev[0] == "piece":
                    yield ev[1]
                else:
                    end = ev
                    break
        finally:
            if end is None:
                self._abandon(slot, rid, q)  # timed out, or our consumer stopped early
            else:
                self._release(slot)
        if end[0] == "done":
            return
        if self._closed or end[0] == "cancelled":
            raise GenerationFailed("cancelled", "the generation service was closed")
        if end[0] == "exit":
            raise GenerationFailed("crashed", f"{end[1]}; restarting it")
        raise GenerationFailed("unavailable", f"the model failed: {end[1]}")

    def _acquire(self, wait_s: float) -> _Slot:
        deadline = time.monotonic() + wait_s
        with self._cond:
            while True:
                if self._closed:
                    raise GenerationFailed("cancelled", "the generation service was closed")
                free = next((s for s in self._slots if s.state == "idle"), None)
                if free is not None:
                    free.state = "busy"
                    return free
                if all(s.state == "broken" for s in self._slots):
                    err = self._slots[0].error
                    raise GenerationFailed("unavailable", f"the model cannot be used: {one_line(err)}"
                                           if err else "the model cannot be used")
                left = deadline - time.monotonic()
                if left <= 0:
                    raise GenerationFailed("busy", f"no generation slot was free within {wait_s:g} s "
                                                   "(setting 'concurrency' / CQA_CONCURRENCY)")
                self._cond.wait(left)

    def _release(self, slot: _Slot, killed: bool = False) -> None:
        """The slot's generation has stopped: free it, or restart its worker if that has died."""
        with self._cond:
            slot.current = None
            if self._closed:
                return
            if killed or not slot.alive():
                restart = True
                slot.state = "starting"
            else:
                restart = False
                slot.state = "idle"
                self._cond.notify_all()
        if restart:
            self._launch(slot)

    def _abandon(self, slot: _Slot, rid: int, q: queue.Queue) -> None:
        """Cancel a generation nobody waits for and free its slot once it has stopped, without making the
        caller wait: a worker gets CANCEL_GRACE_S to acknowledge, then it is killed and restarted."""
        slot.cancel(rid)

        def wait() -> None:
            deadline = time.monotonic() + CANCEL_GRACE_S
            while True:
                try:
                    ev = q.get(timeout=max(0.0, deadline - time.monotonic())) if slot.killable else q.get()
                except queue.Empty:
                    log.warning("model worker %d did not stop within %g s of a cancel; killing it",
                                slot.index, CANCEL_GRACE_S)
                    slot.kill()
                    self._release(slot, killed=True)
                    return
                if ev[0] in _TERMINAL:
                    self._release(slot)
                    return

        threading.Thread(target=wait, name=f"generation-slot-{slot.index}-cancel", daemon=True).start()


# Workers must not outlive the app: close every service when the interpreter exits. (A parent killed outright
# closes the workers' stdin, and they exit on their own.)
_live: "weakref.WeakSet[GenerationService]" = weakref.WeakSet()


@atexit.register
def _close_all() -> None:
    for service in list(_live):
        service.close()
