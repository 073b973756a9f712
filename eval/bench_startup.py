"""From `consensus-qa serve` (what `make run` starts) to the first answer, and the memory one replica holds.

  python eval/bench_startup.py                   # the default settings and cache (as `make run`)
  python eval/bench_startup.py --cache-dir DIR   # another cache: an empty one measures a cold start
  python eval/bench_startup.py -- --backend openai --openai-base-url http://127.0.0.1:8080/v1   # serve flags

Starts the app in its own process and sends one question as soon as the server accepts connections (it is held
until the app is ready, as a page's first question is). Prints a table: the page served, /readyz 200, the first
answer's evidence (first text) and its final answer, in seconds from the start; then the resident memory of the app
process and of its model worker(s).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

QUESTION = "What does the Consensus say about the role of teachers?"


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_s(pid: int) -> float:
    """User + system CPU seconds a process has used: what a start costs whatever else the machine runs."""
    import os
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children(pid: int) -> list[int]:
    out = []
    for d in Path("/proc").iterdir():
        try:
            if d.name.isdigit() and int((d / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(d.name))
        except (OSError, IndexError):
            pass
    return out


def measure(serve_args: list[str], cache_dir: str | None = None, timeout_s: float = 900) -> dict:
    import os

    import httpx
    from rag.serving import free_port
    port = free_port()
    env = {**os.environ, "GRADIO_ANALYTICS_ENABLED": "False"}
    if cache_dir:
        env["CQA_CACHE_DIR"] = cache_dir
    url = f"http://127.0.0.1:{port}"
    t0 = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "rag.cli", "serve", "--port", str(port), *serve_args],
                            env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    marks: dict = {}
    try:
        with httpx.Client(base_url=url, timeout=timeout_s, trust_env=False) as http:
            while "page" not in marks:
                if proc.poll() is not None:
                    raise RuntimeError(f"serve exited: {proc.stderr.read()[-500:]}")
                try:
                    if http.get("/").status_code == 200:
                        marks["page"] = time.monotonic() - t0
                except httpx.TransportError:
                    time.sleep(0.05)
            ready = {}

            def poll_ready() -> None:
                while "t" not in ready and time.monotonic() - t0 < timeout_s:
                    if http.get("/readyz").status_code == 200:
                        ready["t"] = time.monotonic() - t0
                    time.sleep(0.05)

            import threading
            poller = threading.Thread(target=poll_ready, daemon=True)
            poller.start()
            with http.stream("POST", "/api/v1/ask/stream", json={"question": QUESTION}) as r:
                for line in r.iter_lines():
                    if line.startswith("event:") and "first_text" not in marks:
                        marks["first_text"] = time.monotonic() - t0
                    if line.startswith("data:") and '"route"' in line:
                        route = json.loads(line[5:])["route"]
                marks["final"] = time.monotonic() - t0
                marks["route"] = route
            poller.join(timeout_s)
            marks["readyz"] = ready.get("t")
        workers = children(proc.pid)
        marks["cpu_app_s"] = round(cpu_s(proc.pid), 1)
        marks["cpu_workers_s"] = [round(cpu_s(p), 1) for p in workers]
        marks["rss_app_mb"] = round(rss_mb(proc.pid))
        marks["rss_workers_mb"] = [round(rss_mb(p)) for p in workers]
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
    return marks


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache-dir")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("serve_args", nargs="*", help="flags for consensus-qa serve (after --)")
    args = ap.parse_args()
    m = measure(args.serve_args, args.cache_dir)
    if args.json:
        print(json.dumps(m))
        return
    print("| from the start of `serve` | seconds |\n|---|---|")
    for key, label in (("page", "page served"), ("readyz", "/readyz 200"),
                       ("first_text", "first question: evidence"), ("final", "first question: final answer")):
        print(f"| {label} | {m[key]:.1f} |" if m.get(key) is not None else f"| {label} | - |")
    print(f"\nfirst answer's route: {m['route']}; resident memory: app {m['rss_app_mb']} MB, model worker(s) "
          f"{m['rss_workers_mb']} MB; CPU used by then: app {m['cpu_app_s']} s, model worker(s) "
          f"{m['cpu_workers_s']} s")


if __name__ == "__main__":
    main()
