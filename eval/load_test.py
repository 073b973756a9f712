"""Drive N concurrent users against the app, or a whole deployment, for a bounded time, through the streamed API.

  python eval/load_test.py --users 20 --seconds 120                      # starts its own app on 127.0.0.1
  python eval/load_test.py --users 20 --seconds 120 --kill-worker 2      # ... and SIGKILLs its model worker twice
  python eval/load_test.py --url http://127.0.0.1:8080 --users 20        # a running deployment (e.g. nginx)
  python eval/load_test.py --url http://127.0.0.1:8080 --kill-pid 1234 --kill-at 60   # SIGKILL a replica at 60 s
  python eval/load_test.py --cluster 2 --kill-replica-at 60              # nginx + 2 replicas + 1 llama.cpp server
  python eval/load_test.py --users 5 --flood 30                          # and one client sending 30 at once

Each user asks dev-set questions (all six languages) in a loop, with no pause, on POST /api/v1/ask/stream, and
reads the events as they come: the first one (the official evidence, or a refusal) is the first text, `answer`
the final answer and its route. A user turned away (503 busy, or 429 over its share) waits for Retry-After and
asks again: turned away is not an error. Every user connects from its own loopback address (127.0.0.10, .11,
...) when the target is on this machine, so a per-client limit and a balancer's stickiness see N machines.

With a kill, each question is placed against the moment of the kill: a question may fail only if it was in flight
on the killed replica then (the replica serving it is in the X-CQA-Replica header); any other failure is a lost
answer. Prints the figures (or --json).
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
from dataclasses import dataclass
from pathlib import Path
from typing import Optional
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from eval.harness import load_questions  # noqa: E402
from rag.routes import ANSWER_ROUTES  # noqa: E402

ROUTES = tuple(str(r) for r in ANSWER_ROUTES)  # the "route" of the final SSE event's JSON


@dataclass
class Ask:
    """One question's fate."""
    user: int
    start: float                    # seconds since the run started
    end: float = 0.0
    first_ms: Optional[float] = None
    final_ms: Optional[float] = None
    outcome: str = "error"          # a route | "busy" | "over_share" | "error"
    replica: str = ""
    error: str = ""
    retry_after: float = 0.0


def _local_address(url: str, i: int) -> Optional[str]:
    """Users of a target on this machine connect from 127.0.0.(10+i): as many machines, as a balancer sees them."""
    host = urlparse(url).hostname or ""
    return f"127.0.0.{10 + i % 240}" if host in ("127.0.0.1", "localhost") else None


def _client(url: str, i: int):
    import httpx
    local = _local_address(url, i)
    transport = httpx.HTTPTransport(local_address=local) if local else httpx.HTTPTransport()
    # trust_env=False: a proxy from the environment must not stand between the users and a loopback target
    return httpx.Client(base_url=url.rstrip("/"), transport=transport, trust_env=False,
                        timeout=httpx.Timeout(60.0, read=300.0))


def ask_once(http, question: str, user: int, t_run: float) -> Ask:
    """One question on the streamed API, timed from the request to its first and final events."""
    a = Ask(user, time.monotonic() - t_run)
    t0 = time.perf_counter()
    try:
        with http.stream("POST", "/api/v1/ask/stream", json={"question": question, "lang": "auto"}) as r:
            a.replica = r.headers.get("x-cqa-replica", "")
            if r.status_code in (429, 503):
                r.read()
                a.outcome = "over_share" if r.status_code == 429 else "busy"
                a.first_ms = (time.perf_counter() - t0) * 1000
                a.retry_after = float(r.headers.get("retry-after") or 0)
                if r.status_code == 503 and r.json()["error"]["code"] != "busy":
                    a.outcome, a.error = "error", f"503 {r.json()['error']['code']}"
                return a
            if r.status_code != 200:
                r.read()
                a.error = f"HTTP {r.status_code}: {r.text[:100]}"
                return a
            event = None
            for line in r.iter_lines():
                if line.startswith("event:"):
                    event = line[6:].strip()
                    if a.first_ms is None and event in ("evidence", "answer"):
                        a.first_ms = (time.perf_counter() - t0) * 1000
                elif line.startswith("data:") and event == "answer":
                    route = json.loads(line[5:])["route"]
                    a.final_ms = (time.perf_counter() - t0) * 1000
                    a.outcome = route if route in ROUTES else "error"
                    if a.outcome == "error":
                        a.error = f"route {route!r}"
                    return a
                elif line.startswith("data:") and event == "error":
                    a.error = f"error event: {line[5:120]}"
                    return a
            a.error = "the stream ended without an answer"
    except Exception as e:  # noqa: BLE001 - a load test counts every failure
        a.error = f"{type(e).__name__}: {str(e)[:100]}"
    finally:
        a.end = time.monotonic() - t_run
    return a


def run_load(url: str, users: int, seconds: float, questions: list[str], retry_after: Optional[float] = None,
             flood: int = 0, kill: Optional[tuple[int, float]] = None) -> dict:
    """`users` users asking in a loop for `seconds`; `flood`: one more client with that many requests at once;
    `kill`: (pid, at_s) SIGKILLs that process `at_s` seconds in."""
    asks: list[Ask] = []
    floods: list[Ask] = []
    lock = threading.Lock()
    t_run = time.monotonic()
    deadline = t_run + seconds
    killed_at: list[float] = []

    def user(i: int, into: list, q_offset: int, http=None) -> None:
        own = http is None
        http = http or _client(url, i)
        j = q_offset
        try:
            while time.monotonic() < deadline:
                a = ask_once(http, questions[j % len(questions)], i, t_run)
                j += max(users, 1)
                with lock:
                    into.append(a)
                if a.outcome in ("busy", "over_share"):
                    time.sleep(retry_after if retry_after is not None else (a.retry_after or 1.0))
        finally:
            if own:
                http.close()

    def killer(pid: int, at: float) -> None:
        time.sleep(max(0.0, t_run + at - time.monotonic()))
        try:
            os.kill(pid, signal.SIGKILL)
            killed_at.append(time.monotonic() - t_run)
        except OSError as e:
            print(f"could not kill {pid}: {e}", file=sys.stderr)

    threads = [threading.Thread(target=user, args=(i, asks, i), daemon=True) for i in range(users)]
    if flood:
        flooder = _client(url, users)  # one machine, many requests at once
        threads += [threading.Thread(target=user, args=(users, floods, k, flooder), daemon=True)
                    for k in range(flood)]
    if kill:
        threads.append(threading.Thread(target=killer, args=kill, daemon=True))
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + 330)  # requests in flight at the deadline are waited for
    wall = time.monotonic() - t_run
    rep = summarize(asks, wall, users)
    if flood:
        f = collections.Counter(a.outcome for a in floods)
        rep["flood"] = {"parallel": flood, "requests": len(floods), "over_share_429": f["over_share"],
                        "busy_503": f["busy"], "answered": sum(f[r] for r in ROUTES), "errors": f["error"]}
    if kill:
        rep["kill"] = judge_kill(asks, kill[0], killed_at[0] if killed_at else None)
    return rep


def _pct(xs: list) -> dict:
    return {p: round(float(np.percentile(xs, int(p[1:]))), 1) if xs else None for p in ("p50", "p95")} | \
           {"max": round(max(xs), 1) if xs else None}


def summarize(asks: list[Ask], wall: float, users: int) -> dict:
    routes = collections.Counter(a.outcome for a in asks)
    answered = [a for a in asks if a.outcome in ROUTES]
    errors = [a for a in asks if a.outcome == "error"]
    return {"users": users, "seconds": round(wall, 1), "requests": len(asks), "answered": len(answered),
            "busy": routes["busy"], "over_share": routes["over_share"], "errors": len(errors),
            "error_samples": [a.error for a in errors[:5]], "throughput_rps": round(len(answered) / wall, 2),
            "routes": {r: routes[r] for r in ROUTES if routes[r]},
            "replicas": dict(collections.Counter(a.replica for a in answered)),
            "first_text_ms": _pct([a.first_ms for a in answered]), "final_ms": _pct([a.final_ms for a in answered]),
            "turned_away_ms": _pct([a.first_ms for a in asks if a.outcome in ("busy", "over_share")])}


def judge_kill(asks: list[Ask], pid: int, at: Optional[float]) -> dict:
    """Which failures the kill explains: questions in flight on the killed replica at that moment."""
    if at is None:
        return {"pid": pid, "killed": False}
    before = {a.replica for a in asks if a.replica and a.end < at and a.outcome in ROUTES}
    after = {a.replica for a in asks if a.replica and a.start > at + 1.0}
    gone = before - after  # the replica that answered before the kill and never after it
    in_flight = [a for a in asks if a.start <= at < a.end]
    on_killed = [a for a in in_flight if a.replica in gone or not a.replica]
    failed = [a for a in asks if a.outcome == "error"]
    explained = [a for a in failed if a in on_killed]
    lost = [a for a in failed if a not in on_killed]
    return {"pid": pid, "killed": True, "at_s": round(at, 1), "killed_replica": sorted(gone),
            "in_flight_at_kill": len(in_flight), "in_flight_on_killed_replica": len(on_killed),
            "failed": len(failed), "failed_in_flight_on_killed": len(explained), "lost_answers": len(lost),
            "lost_samples": [f"{a.start:.1f}-{a.end:.1f}s {a.replica}: {a.error}" for a in lost[:5]],
            "answered_after_kill": sum(1 for a in asks if a.start > at and a.outcome in ROUTES)}


# --- the app this script starts itself ------------------------------------------------------------

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


def wait_ready(url: str, proc: Optional[subprocess.Popen] = None, timeout_s: float = 600) -> None:
    """Until GET /readyz is 200 (the indexes loaded, the model ready)."""
    import httpx
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"the app exited with code {proc.returncode}")
        try:
            if httpx.get(url.rstrip("/") + "/readyz", timeout=2, trust_env=False).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} was not ready within {timeout_s:g} s")


def start_app(backend: str | None, extra: tuple[str, ...] = ()) -> tuple[subprocess.Popen, str]:
    """`consensus-qa serve` in its own process (the load generator must not share its interpreter), ready."""
    from rag.serving import free_port
    port = free_port()
    cmd = [sys.executable, "-m", "rag.cli", "serve", "--port", str(port), *extra] + \
        (["--backend", backend] if backend else [])
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    wait_ready(url, proc)
    return proc, url


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--url", help="a running app or deployment; default: start one app on a free loopback port")
    ap.add_argument("--cluster", type=int, default=0, metavar="N",
                    help="start nginx + N replicas + one llama.cpp server (eval/cluster.py) and drive that")
    ap.add_argument("--users", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=120)
    ap.add_argument("--flood", type=int, default=0, metavar="N", help="one more client sending N requests at once")
    ap.add_argument("--backend", default=None, help="backend for the app this script starts")
    ap.add_argument("--kill-worker", type=int, default=0, help="SIGKILL the model worker this many times")
    ap.add_argument("--kill-pid", type=int, help="SIGKILL this process (a replica) at --kill-at seconds")
    ap.add_argument("--kill-replica-at", type=float, help="with --cluster: SIGKILL its first replica at this second")
    ap.add_argument("--kill-at", type=float, default=60.0)
    ap.add_argument("--retry-after", type=float, default=None,
                    help="seconds a user turned away waits (default: the Retry-After header)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    questions = [q.question for q in load_questions()]
    url, proc, cluster, kills, kill = args.url, None, None, [], None
    if args.cluster:
        from eval.cluster import Cluster
        cluster = Cluster(replicas=args.cluster).start()
        url = cluster.url
        if args.kill_replica_at is not None:
            kill = (cluster.replica_pids[0], args.kill_replica_at)
    elif not url:
        proc, url = start_app(args.backend)
        if args.kill_worker:
            threading.Thread(target=_killer, args=(proc.pid, args.kill_worker, args.seconds, kills),
                             daemon=True).start()
    elif args.kill_worker:
        ap.error("--kill-worker needs the app this script starts (no --url)")
    if args.kill_pid:
        kill = (args.kill_pid, args.kill_at)
    try:
        rep = run_load(url, args.users, args.seconds, questions, args.retry_after, args.flood, kill)
        rep["worker_kills"] = kills
        if proc is not None:
            rep["app_alive_after_run"] = proc.poll() is None
            rep["workers_after_run"] = len(_workers(proc.pid))
        if cluster is not None:
            rep["topology"] = cluster.describe()
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(30)
        if cluster is not None:
            cluster.stop()
    if args.json:
        print(json.dumps(rep, ensure_ascii=False))
        return
    print(f"{rep['users']} users x {rep['seconds']} s against {url}: {rep['requests']} requests, "
          f"{rep['answered']} answered, {rep['busy']} busy, {rep['over_share']} over their share, "
          f"{rep['errors']} errors, {rep['throughput_rps']} answers/s")
    print(f"first text p50 {rep['first_text_ms']['p50']} ms, p95 {rep['first_text_ms']['p95']} ms; "
          f"final answer p50 {rep['final_ms']['p50']} ms, p95 {rep['final_ms']['p95']} ms, "
          f"max {rep['final_ms']['max']} ms; routes {rep['routes']}; answers by replica {rep['replicas']}")
    if rep["busy"] or rep["over_share"]:
        print(f"turned away in p50 {rep['turned_away_ms']['p50']} ms, p95 {rep['turned_away_ms']['p95']} ms")
    if "flood" in rep:
        print(f"flooding client: {rep['flood']}")
    if "kill" in rep:
        k = rep["kill"]
        print(f"kill: {k}")
    for k in kills:
        print("  " + k)
    if proc is not None:
        print(f"app alive after the run: {rep['app_alive_after_run']}; model workers: {rep['workers_after_run']}")
    for e in rep["error_samples"]:
        print("  error:", e)


if __name__ == "__main__":
    main()
