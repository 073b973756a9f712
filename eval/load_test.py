"""Drive N concurrent users against the web app for a bounded time, as browsers do: through the streamed chat.

  python eval/load_test.py --users 20 --seconds 120                   # starts its own app on 127.0.0.1
  python eval/load_test.py --users 20 --seconds 120 --kill-worker 2   # ... and SIGKILLs the model worker twice
  python eval/load_test.py --url http://127.0.0.1:7860 --users 60     # an app already running

Each user asks dev-set questions (all six languages) in a loop, with no pause, reading the chat's stream as a
browser does; a user told "busy, try again in a moment" waits `--retry-after` seconds first. The app runs in
its own process. Prints, for admitted questions, the time to the first text a user sees (the official
evidence, or a refusal) and to the final answer; the time to a busy reply (turned away, not an error); the
routes (model: a checked summary shown; extractive; refusal); and errors.
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from typing import Iterator

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from eval.harness import load_questions  # noqa: E402

ROUTES = ("model", "extractive", "refusal")


def _kind(text: str) -> str | None:
    """What one streamed update of the chat shows: a route, "busy", "error", or None (a placeholder)."""
    for cls, kind in (("cqa-busy", "busy"), ("cqa-error", "error")):
        if cls in text:
            return kind
    if "cqa-final" in text:
        return next((r for r in ROUTES if f"cqa-route-{r}" in text), "final")
    if "cqa-route-" in text:
        return "pending"  # the evidence, shown while the summary is being written
    return None


class ChatUser:
    """One browser tab, speaking Gradio's queue protocol (join, then the event stream) over plain HTTP.

    Lighter than gradio_client, which decodes and patches every update: with 60 users in one process the
    load generator itself, not the app, was using most of the two cores."""

    def __init__(self, url: str) -> None:
        import httpx
        self.url = url.rstrip("/") + "/gradio_api/"
        self.http = httpx.Client(timeout=httpx.Timeout(60.0, read=300.0))
        config = self.http.get(url.rstrip("/") + "/config").json()
        self.fn = next(d["id"] for d in config["dependencies"] if d.get("api_name") == "chat")
        self.session = uuid.uuid4().hex[:11]

    def ask(self, question: str) -> Iterator[str]:
        """The raw text of each update of this question's answer, as it streams."""
        # The chat's inputs in ui/app.py's order: question, answer language, chat, state, UI language.
        r = self.http.post(self.url + "queue/join", json={
            "data": [question, "auto", [], None, "en"], "fn_index": self.fn, "session_hash": self.session,
            "event_data": None, "trigger_id": None})
        r.raise_for_status()
        event = r.json()["event_id"]
        with self.http.stream("GET", self.url + "queue/data", params={"session_hash": self.session}) as resp:
            for line in resp.iter_lines():
                if not line.startswith("data:") or event not in line:
                    continue
                yield line
                if '"process_completed"' in line:
                    return


def run_load(url: str, users: int, seconds: float, questions: list[str], retry_after: float = 1.0) -> dict:
    first, final, busy = [], [], []
    routes: collections.Counter = collections.Counter()
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def user(i: int) -> None:
        try:
            client = ChatUser(url)
        except Exception as e:  # noqa: BLE001 - a load test counts every failure
            with lock:
                errors.append(f"connect: {type(e).__name__}: {e}")
            return
        j = i
        while time.monotonic() < deadline:
            q = questions[j % len(questions)]
            j += users
            t0 = time.perf_counter()
            t_first, kind = None, None
            try:
                for update in client.ask(q):
                    k = _kind(update)
                    if k and t_first is None:
                        t_first = (time.perf_counter() - t0) * 1000
                    kind = k or kind
                with lock:
                    if kind in ROUTES or kind == "busy":
                        routes[kind] += 1
                        if kind == "busy":
                            busy.append(t_first)
                        else:
                            first.append(t_first)
                            final.append((time.perf_counter() - t0) * 1000)
                    else:
                        errors.append(f"{kind or 'no answer'} for {q[:40]!r}")
            except Exception as e:  # noqa: BLE001
                with lock:
                    errors.append(f"{type(e).__name__}: {str(e)[:120]}")
            if kind == "busy":
                time.sleep(retry_after)

    t0 = time.perf_counter()
    threads = [threading.Thread(target=user, args=(i,), daemon=True) for i in range(users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + 300)  # requests in flight at the deadline are waited for
    wall = time.perf_counter() - t0

    def pct(xs: list) -> dict:
        return {p: round(float(np.percentile(xs, int(p[1:]))), 1) if xs else None for p in ("p50", "p95")} | \
               {"max": round(max(xs), 1) if xs else None}
    n = sum(routes.values())
    return {"users": users, "seconds": round(wall, 1), "requests": n + len(errors),
            "answered": n - routes["busy"], "busy": routes["busy"], "errors": len(errors),
            "error_samples": errors[:5], "throughput_rps": round(n / wall, 2), "routes": dict(routes),
            "first_text_ms": pct(first), "final_ms": pct(final), "busy_reply_ms": pct(busy)}


def _workers(parent: int) -> list[int]:
    """The model worker processes (python -m rag.worker) under the app process `parent`."""
    pids = []
    for d in Path("/proc").iterdir():
        try:
            stat = (d / "stat").read_text().rsplit(")", 1)[1].split()
            cmd = (d / "cmdline").read_bytes().replace(b"\0", b" ")
        except (OSError, IndexError):
            continue
        if int(stat[1]) == parent and b"rag.worker" in cmd:
            pids.append(int(d.name))
    return pids


def _killer(parent: int, times: int, seconds: float, log: list) -> None:
    """SIGKILL the model's worker process `times` times, evenly spread over the run."""
    for _ in range(times):
        time.sleep(seconds / (times + 1))
        for pid in _workers(parent):
            try:
                os.kill(pid, signal.SIGKILL)
                log.append(f"{time.strftime('%H:%M:%S')} killed worker {pid}")
            except OSError:
                pass


def start_app(backend: str | None) -> tuple[subprocess.Popen, str]:
    """`consensus-qa serve` in its own process (the load generator must not share its interpreter), ready."""
    import httpx
    from gradio_client import Client
    from rag.serving import free_port
    port = free_port()
    cmd = [sys.executable, "-m", "rag.cli", "serve", "--port", str(port)] + (["--backend", backend] if backend else [])
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.2)
    Client(url, verbose=False).predict("warm up", "auto", api_name="/ask")  # waits for the index and model
    return proc, url


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--url", help="a running app; default: start one on a free loopback port")
    ap.add_argument("--users", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=120)
    ap.add_argument("--backend", default=None, help="backend for the app this script starts")
    ap.add_argument("--kill-worker", type=int, default=0, help="SIGKILL the model worker this many times")
    ap.add_argument("--retry-after", type=float, default=1.0, help="seconds a user told 'busy' waits to ask again")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    questions = [q.question for q in load_questions()]
    url, proc, kills = args.url, None, []
    if not url:
        proc, url = start_app(args.backend)
        if args.kill_worker:
            threading.Thread(target=_killer, args=(proc.pid, args.kill_worker, args.seconds, kills),
                             daemon=True).start()
    elif args.kill_worker:
        ap.error("--kill-worker needs the app this script starts (no --url)")
    try:
        rep = run_load(url, args.users, args.seconds, questions, args.retry_after)
        rep["worker_kills"] = kills
        if proc is not None:
            rep["app_alive_after_run"] = proc.poll() is None
            rep["workers_after_run"] = len(_workers(proc.pid))
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(30)
    if args.json:
        print(json.dumps(rep, ensure_ascii=False))
        return
    print(f"{rep['users']} users x {rep['seconds']} s against {url}: {rep['requests']} requests, "
          f"{rep['answered']} answered, {rep['busy']} busy, {rep['errors']} errors, {rep['throughput_rps']} req/s")
    print(f"first text p50 {rep['first_text_ms']['p50']} ms, p95 {rep['first_text_ms']['p95']} ms; "
          f"final answer p50 {rep['final_ms']['p50']} ms, p95 {rep['final_ms']['p95']} ms, "
          f"max {rep['final_ms']['max']} ms; routes {rep['routes']}")
    if rep["busy"]:
        print(f"busy replies p50 {rep['busy_reply_ms']['p50']} ms, p95 {rep['busy_reply_ms']['p95']} ms")
    for k in kills:
        print("  " + k)
    if proc is not None:
        print(f"app alive after the run: {rep['app_alive_after_run']}; model workers: {rep['workers_after_run']}")
    for e in rep["error_samples"]:
        print("  error:", e)


if __name__ == "__main__":
    main()
