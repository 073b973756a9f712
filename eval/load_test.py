"""Drive N concurrent gradio_client users against the app's /ask endpoint for a bounded time.

  python eval/load_test.py --users 20 --seconds 120                # starts its own server on 127.0.0.1
  python eval/load_test.py --url http://127.0.0.1:7860 --users 20  # an app already running

Each user asks questions from the dev set (all six languages) in a loop. Prints throughput,
latency p50/p95, answer paths (model / extractive / refusal) and errors.
"""
from __future__ import annotations

import argparse
import collections
import json
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from eval.harness import load_questions  # noqa: E402


def run_load(url: str, users: int, seconds: float, questions: list[str]) -> dict:
    from gradio_client import Client
    lat: list[float] = []
    paths: collections.Counter = collections.Counter()
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
            try:
                out = client.predict(q, "auto", api_name="/ask")
                ok = isinstance(out, dict) and (out.get("answer") or "").strip()
                with lock:
                    lat.append((time.perf_counter() - t0) * 1000)
                    if ok:
                        paths[out.get("route", "?")] += 1
                    else:
                        errors.append(f"empty answer for {q[:40]!r}")
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
    n = len(lat)
    return {"users": users, "seconds": round(wall, 1), "requests": n, "answered": sum(paths.values()),
            "errors": len(errors), "error_samples": errors[:5], "throughput_rps": round(n / wall, 2),
            "latency_ms": {"p50": round(float(np.percentile(lat, 50)), 1) if lat else None,
                           "p95": round(float(np.percentile(lat, 95)), 1) if lat else None,
                           "max": round(max(lat), 1) if lat else None},
            "paths": dict(paths)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--url", help="a running app; default: start one on a free loopback port")
    ap.add_argument("--users", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=120)
    ap.add_argument("--backend", default=None, help="backend for the server this script starts")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    questions = [q.question for q in load_questions()]
    url, demo = args.url, None
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
    try:
        rep = run_load(url, args.users, args.seconds, questions)
    finally:
        if demo is not None:
            demo.close()
    if args.json:
        print(json.dumps(rep, ensure_ascii=False))
    else:
        print(f"{rep['users']} users x {rep['seconds']} s against {url}: {rep['requests']} requests, "
              f"{rep['answered']} answered, {rep['errors']} errors, {rep['throughput_rps']} req/s\n"
              f"latency p50 {rep['latency_ms']['p50']} ms, p95 {rep['latency_ms']['p95']} ms, "
              f"max {rep['latency_ms']['max']} ms; paths {rep['paths']}")
        for e in rep["error_samples"]:
            print("  error:", e)


if __name__ == "__main__":
    main()
