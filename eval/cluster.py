"""The scale-out topology on this machine: Debian's nginx (deploy/nginx.conf) in front of N app replicas, all
generating with one shared OpenAI-compatible llama.cpp server. Everything on loopback, on free ports.

  python -m eval.cluster --replicas 2        # start it, print the URL and the processes, Ctrl-C stops it all

    with Cluster(replicas=2) as c:           # tests/test_scale.py, eval/load_test.py --cluster 2
        c.url, c.replica_pids, c.replica_urls

nginx runs with the shipped deploy/nginx.conf, changed only where this machine differs: the listen address,
the replicas' ports, and the log and temp paths (in a temporary folder).
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parents[1]
NGINX_CONF = ROOT / "deploy" / "nginx.conf"


class ClusterError(RuntimeError):
    pass


def nginx_binary() -> str:
    found = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)
    if not found:
        raise ClusterError("nginx is not installed: `apt-get install nginx` (make test installs it)")
    return found


def render_nginx_conf(port: int, replica_ports: list[int], workdir: Path, source: Path = NGINX_CONF) -> str:
    """deploy/nginx.conf for this machine: listen on 127.0.0.1:port, these replicas, logs and temp files in
    workdir. Fails if the shipped file no longer has the lines it rewrites."""
    text = source.read_text()
    servers = "".join(f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=10s;\n" for p in replica_ports)
    text, n_up = re.subn(r"(?m)^\s*server 127\.0\.0\.1:\d+ [^\n]*\n(?:\s*server 127\.0\.0\.1:\d+ [^\n]*\n)*",
                         servers, text)
    text, n_listen = re.subn(r"(?m)^(\s*)listen \d+;", rf"\g<1>listen 127.0.0.1:{port};", text)
    text, n_log = re.subn(r"(?m)^(\s*)access_log \S+ cqa;", rf"\g<1>access_log {workdir}/access.log cqa;", text)
    temp = "".join(f"    {name}_temp_path {workdir}/{name};\n" for name in
                   ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    text, n_http = re.subn(r"(?m)^http \{\n", "http {\n" + temp, text)
    if (n_up, n_listen, n_log, n_http) != (1, 1, 1, 1):
        raise ClusterError(f"{source} no longer has the upstream/listen/access_log lines this script rewrites")
    return text


def _wait(url: str, proc: subprocess.Popen, what: str, timeout_s: float) -> None:
    import httpx
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise ClusterError(f"{what} exited with code {proc.returncode}")
        try:
            if httpx.get(url, timeout=2, trust_env=False).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise ClusterError(f"{what} was not ready at {url} within {timeout_s:g} s")


class Cluster:
    def __init__(self, replicas: int = 2, cache_dir: Optional[str] = None, llama_threads: int = 0,
                 serve_args: tuple[str, ...] = (), log_dir: Optional[Path] = None) -> None:
        self.n = replicas
        self.cache_dir = cache_dir
        self.llama_threads = llama_threads
        self.serve_args = serve_args
        self.workdir = Path(tempfile.mkdtemp(prefix="cqa-cluster-"))
        self.log_dir = Path(log_dir) if log_dir else self.workdir
        self.llama: Optional[subprocess.Popen] = None
        self.replicas: list[subprocess.Popen] = []
        self.nginx: Optional[subprocess.Popen] = None
        self.llama_port = self.port = 0
        self.replica_ports: list[int] = []
        self._logs: list = []

    # --- lifecycle ------------------------------------------------------------------------------
    def start(self, timeout_s: float = 600) -> "Cluster":
        from rag.models import bundled_gguf
        from rag.serving import free_port, start_llama_server
        from rag.settings import Settings
        try:
            settings = Settings.load({"cache_dir": self.cache_dir} if self.cache_dir else None)
            self.llama_port = free_port()
            self.llama = start_llama_server(bundled_gguf(settings.cache_path), self.llama_port, self.llama_threads)
            env = {**os.environ, "GRADIO_ANALYTICS_ENABLED": "False", "PYTHONPATH": str(ROOT)}
            if self.cache_dir:
                env["CQA_CACHE_DIR"] = self.cache_dir
            self.replica_ports = [free_port() for _ in range(self.n)]
            for i, port in enumerate(self.replica_ports):
                log = open(self.log_dir / f"replica-{i}.log", "w")
                self._logs.append(log)
                self.replicas.append(subprocess.Popen(
                    [sys.executable, "-m", "rag.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
                     "--backend", "openai", "--openai-base-url", f"http://127.0.0.1:{self.llama_port}/v1",
                     "--summary", "on", "--trusted-proxy-header", "X-Real-IP", *self.serve_args],
                    env=env, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT))
            for i, (port, proc) in enumerate(zip(self.replica_ports, self.replicas)):
                _wait(f"http://127.0.0.1:{port}/readyz", proc, f"replica {i}", timeout_s)
            self.port = free_port()
            conf = self.workdir / "nginx.conf"
            conf.write_text(render_nginx_conf(self.port, self.replica_ports, self.workdir))
            self.nginx = subprocess.Popen(
                [nginx_binary(), "-e", str(self.workdir / "error.log"), "-p", str(self.workdir), "-c", str(conf),
                 "-g", f"daemon off; pid {self.workdir}/nginx.pid; error_log {self.workdir}/error.log;"],
                stdout=subprocess.DEVNULL, stderr=open(self.workdir / "nginx.stderr", "w"))
            _wait(f"{self.url}healthz", self.nginx, "nginx", 30)
        except BaseException:
            self.stop(keep_logs=True)  # the replicas' and nginx's logs say why
            raise
        return self

    def stop(self, keep_logs: bool = False) -> None:
        from rag.serving import stop_server
        if self.nginx is not None and self.nginx.poll() is None:
            self.nginx.send_signal(signal.SIGQUIT)  # graceful: let open streams finish
            try:
                self.nginx.wait(10)
            except subprocess.TimeoutExpired:
                self.nginx.kill()
                self.nginx.wait()
        for proc in self.replicas:
            if proc.poll() is None:
                proc.terminate()
        for proc in self.replicas:
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if self.llama is not None:
            stop_server(self.llama)
        for f in self._logs:
            f.close()
        if keep_logs:
            print(f"cluster logs kept in {self.log_dir}", file=sys.stderr)
        if not keep_logs or self.log_dir != self.workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self) -> "Cluster":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # --- what it is -------------------------------------------------------------------------------
    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    @property
    def replica_urls(self) -> list[str]:
        return [f"http://127.0.0.1:{p}/" for p in self.replica_ports]

    @property
    def replica_pids(self) -> list[int]:
        return [p.pid for p in self.replicas]

    def describe(self) -> dict:
        return {"nginx": self.url, "replicas": dict(zip(self.replica_urls, self.replica_pids)),
                "model_server": f"http://127.0.0.1:{self.llama_port}/v1"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--replicas", type=int, default=2)
    ap.add_argument("--cache-dir", help="the replicas' and the model server's cache (default: the user cache)")
    args = ap.parse_args()
    c = Cluster(args.replicas, cache_dir=args.cache_dir).start()
    d = c.describe()
    print(f"nginx {d['nginx']}  ->  replicas {d['replicas']} (pids)  ->  model server {d['model_server']}",
          flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        c.stop()


if __name__ == "__main__":
    main()
