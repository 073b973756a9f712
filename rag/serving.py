"""Start a local OpenAI-compatible model server (llama.cpp's) for tests, benchmarks and the docs' examples."""
from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rag.errors import ConsensusError


class ServerError(ConsensusError):
    """The local model server did not come up."""


def free_port() -> int:
    """A loopback TCP port that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_llama_server(model_path: Path | str, port: int, n_threads: int = 0,
                       timeout_s: float = 120.0) -> subprocess.Popen:
    """Run `python -m llama_cpp.server` on 127.0.0.1:`port` and return once /v1/models answers.

    Its base URL is http://127.0.0.1:<port>/v1. Stop it with `stop_server`.
    """
    import httpx

    cmd = [sys.executable, "-m", "llama_cpp.server", "--model", str(model_path), "--host", "127.0.0.1",
           "--port", str(port), "--n_ctx", "2048"]
    if n_threads:
        cmd += ["--n_threads", str(n_threads), "--n_threads_batch", str(n_threads)]
    # Its log goes to an anonymous file, not a pipe: llama.cpp logs enough to fill a pipe nobody reads and
    # block the server. The child keeps its own handle, so ours can be closed once the server is up.
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise _failed(proc, log, f"exited with code {proc.returncode}")
            try:
                # trust_env=False: a proxy from the environment must not intercept loopback calls
                r = httpx.get(f"http://127.0.0.1:{port}/v1/models", timeout=2.0, trust_env=False)
                if r.status_code == 200:
                    return proc
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise _failed(proc, log, f"did not answer on port {port} within {timeout_s:g} s")


def _failed(proc: subprocess.Popen, log, why: str) -> ServerError:
    stop_server(proc)
    log.seek(0)
    lines = log.read().decode(errors="replace").strip().splitlines()
    return ServerError(f"llama_cpp.server {why}: {lines[-1] if lines else 'no output'}")


def stop_server(proc: subprocess.Popen) -> None:
    """Terminate a server from `start_llama_server`, killing it if it ignores SIGTERM for 10 s."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
