"""Drive N concurrent users against the web app for a bounded time, as browsers do: through the streamed chat.

  python eval/load_test.py --users 20 --seconds 120                   # starts its own app on 127.0.0.1
  python eval/load_test.py --users 20 --seconds 120 --kill-worker 2   # ... and SIGKILLs the model worker twice
  python eval/load_test.py --url http://127.0.0.1:7860 --users 60     # an app already running

Each user asks dev-set questions (all six languages) in a loop through gradio_client, reading the chat's
stream. Prints the time to the first text a user sees (the official evidence, or a refusal / busy reply),
the time to the final answer, the routes (model: a checked summary shown; extractive; refusal), the busy
replies (turned away at once, not errors), and errors.
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import signal
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from eval.harness import load_questions  # noqa: E402

ROUTES = ("model", "extractive", "refusal")


def _kind(chat: object) -> str | None:
    """What the last assistant message of a chat update is: a route, "busy", "error", or None (a placeholder)."""
    text = json.dumps(chat, ensure_ascii=False)
    for cls, kind in (("cqa-busy", "busy"), ("cqa-error", "error")):
        if cls in text:
            return kind
    if "cqa-final" in text:
        return next((r for r in ROUTES if f"cqa-route-{r}" in text), "final")
    if "cqa-route-" in text:
        return "pending"  # the evidence, shown while the summary is being written
    return None


def run_load(url: str, users: int, seconds: float, questions: list[str]) -> dict:
    from gradio_client import Client
    first, final = [], []
    routes: collections.Counter = collections.Counter()
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def user(i: int) -> None:
        try:
            client = Client(url, verbose=False)
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
                job = client.submit(q, "auto", [], "en", api_name="/chat")  # question, answer language, chat, UI language
                for out in job:
                    k = _kind(out[0] if isinstance(out, (list, tuple)) else out)
                    if k and t_first is None:
                        t_first = (time.perf_counter() - t0) * 1000
                    kind = k or kind
                with lock:
                    if kind in ROUTES or kind == "busy":
                        routes[kind] += 1
                        first.append(t_first)
                        if kind != "busy":
                            final.append((time.perf_counter() - t0) * 1000)
                    else:
                        errors.append(f"{kind or 'no answer'} for {q[:40]!r}")
            except Exception as e:  # noqa: BLE001
                with lock:
                    errors.append(f"{type(e).__name__}: {str(e)[:120]}")

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
            "first_text_ms": pct(first), "final_ms": pct(final)}


def _killer(service, times: int, seconds: float, log: list) -> None:
    """SIGKILL the model's worker process `times` times, evenly spread over the run."""
    for k in range(times):
        time.sleep(seconds / (times + 1))
        pids = service.pids
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
                log.append(f"{time.strftime('%H:%M:%S')} killed worker {pid}")
            except OSError:
                pass


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--url", help="a running app; default: start one on a free loopback port")
    ap.add_argument("--users", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=120)
    ap.add_argument("--backend", default=None, help="backend for the app this script starts")
    ap.add_argument("--kill-worker", type=int, default=0, help="SIGKILL the model worker this many times")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    questions = [q.question for q in load_questions()]
    url, demo, kills = args.url, None, []
    if not url:
        from rag.serving import free_port
        from rag.settings import Settings
        from ui.app import build_app, launch_options
        settings = Settings.load({"backend": args.backend} if args.backend else {})
        port = free_port()
        demo = build_app(settings)
        demo.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True,
                    **launch_options())
        url = f"http://127.0.0.1:{port}"
        demo.cqa_runtime.ready.wait(600)  # load the model first: the run measures answers, not start-up
        if args.kill_worker:
            threading.Thread(target=_killer, args=(demo.cqa_runtime.answerer.service, args.kill_worker,
                                                   args.seconds, kills), daemon=True).start()
    elif args.kill_worker:
        ap.error("--kill-worker needs the app this script starts (no --url)")
    try:
        rep = run_load(url, args.users, args.seconds, questions)
    finally:
        if demo is not None:
            alive = demo.cqa_runtime.answerer.service.ready if demo.cqa_runtime.answerer else None
            demo.close()
    rep["worker_kills"] = kills
    if demo is not None:
        rep["model_ready_after_run"] = alive
    if args.json:
        print(json.dumps(rep, ensure_ascii=False))
        return
    print(f"{rep['users']} users x {rep['seconds']} s against {url}: {rep['requests']} requests, "
          f"{rep['answered']} answered, {rep['busy']} busy, {rep['errors']} errors, {rep['throughput_rps']} req/s")
    print(f"first text p50 {rep['first_text_ms']['p50']} ms, p95 {rep['first_text_ms']['p95']} ms; "
          f"final answer p50 {rep['final_ms']['p50']} ms, p95 {rep['final_ms']['p95']} ms, "
          f"max {rep['final_ms']['max']} ms; routes {rep['routes']}")
    for k in kills:
        print("  " + k)
    for e in rep["error_samples"]:
        print("  error:", e)


if __name__ == "__main__":
    main()
