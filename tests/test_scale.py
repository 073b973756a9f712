"""Scale-out path: two stateless app replicas share one OpenAI-compatible llama.cpp server.

Everything is real: a llama_cpp.server with the bundled GGUF on one loopback port, two
`consensus-qa serve` processes on two others, and gradio_client asking each one.
"""
import os
import subprocess
import sys
import time

import httpx
import pytest

from rag.models import bundled_gguf
from rag.serving import free_port, start_llama_server, stop_server

pytestmark = pytest.mark.slow


def _wait_http(url: str, proc: subprocess.Popen, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"app exited early: {proc.stdout.read()[-2000:] if proc.stdout else ''}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(1)
    raise AssertionError(f"{url} did not come up")


def test_two_replicas_against_one_llama_server(settings, retriever):
    from gradio_client import Client
    llama_port = free_port()
    llama = start_llama_server(bundled_gguf(settings.cache_path), llama_port)
    apps = []
    try:
        env = {**os.environ, "CQA_CACHE_DIR": str(settings.cache_path), "GRADIO_ANALYTICS_ENABLED": "False"}
        ports = [free_port(), free_port()]
        for port in ports:
            apps.append(subprocess.Popen(
                [sys.executable, "-m", "rag.cli", "serve", "--backend", "openai", "--port", str(port),
                 "--openai-base-url", f"http://127.0.0.1:{llama_port}/v1"],
                env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True))
        for port, proc in zip(ports, apps):
            _wait_http(f"http://127.0.0.1:{port}/", proc)
        questions = ["How should teachers be prepared to work with AI?", "¿Cómo puede la IA ayudar a las personas mayores?"]
        for port, q in zip(ports, questions):
            out = Client(f"http://127.0.0.1:{port}", verbose=False, download_files=False).predict(q, "auto", api_name="/ask")
            assert out["citations"] and not out["refused"], out
            assert all(1 <= n <= 44 for n in out["citations"])
            assert not any("unavailable" in n.lower() or "disponible" in n.lower() for n in out["notices"]), out
    finally:
        for p in apps:
            p.terminate()
            try:
                p.wait(20)
            except subprocess.TimeoutExpired:
                p.kill()
        stop_server(llama)
