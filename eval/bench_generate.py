"""Benchmark the local generation backends on one short grounded question per language.

    .venv/bin/python eval/bench_generate.py [--max-tokens 64] [--only llama-cpp]

For each backend: load time, then 6 answers (en fr es ru zh ar; clause 12 of the Consensus as context) with
time to first token, decode speed and total time, as medians. One untimed warm-up answer first, so the
numbers are what a user sees once the app is up. Timings on a shared machine are only as quiet as it is:
the load average is printed before and after.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rag.corpus import load_corpus, records  # noqa: E402
from rag.generate import LlamaCppGenerator, OpenAIGenerator, TransformersGenerator  # noqa: E402
from rag.models import bundled_gguf, smollm2_gguf  # noqa: E402
from rag.serving import free_port, start_llama_server, stop_server  # noqa: E402
from rag.settings import Settings  # noqa: E402

QUESTIONS = {
    "en": "According to the text, can AI replace teachers?",
    "fr": "Selon le texte, l'IA peut-elle remplacer les enseignants ?",
    "es": "Según el texto, ¿puede la IA sustituir a los docentes?",
    "ru": "Согласно тексту, может ли ИИ заменить учителей?",
    "zh": "根据这段文字，人工智能能取代教师吗？",
    "ar": "وفقًا للنص، هل يمكن للذكاء الاصطناعي أن يحل محل المعلمين؟",
}
SYSTEM = ("Answer the question using only the context. Answer in the language of the question, "
          "in one or two sentences.")


def prompts() -> dict[str, list[dict[str, str]]]:
    context = {r["lang"]: r["text"] for r in records(load_corpus(), kind="clause") if r["clause"] == 12}
    return {lang: [{"role": "system", "content": SYSTEM},
                   {"role": "user", "content": f"Context: {context[lang]}\n\nQuestion: {q}"}]
            for lang, q in QUESTIONS.items()}


def llama_tokens(gen: LlamaCppGenerator) -> Callable[[str], int]:
    """Count tokens the way the model does (a streamed piece may hold several tokens, or half a character)."""
    return lambda text: len(gen.load().tokenize(text.encode(), add_bos=False))


def run(name: str, gen, load: Callable[[], None], count: Callable[[str], int], ps: dict, max_tokens: int,
        answers: dict) -> dict:
    t = time.perf_counter()
    load()
    load_s = time.perf_counter() - t
    "".join(gen.stream(ps["en"], 4))  # warm-up: first-touch page faults, lazy allocations
    ttft, total, rate = [], [], []
    for lang, messages in ps.items():
        t = time.perf_counter()
        first, pieces = None, []
        for piece in gen.stream(messages, max_tokens):
            first = first or time.perf_counter() - t
            pieces.append(piece)
        end = time.perf_counter() - t
        text = "".join(pieces)
        answers[(name, lang)] = text
        n = count(text)
        ttft.append(first or end)
        total.append(end)
        if first and n > 1 and end > first:
            rate.append((n - 1) / (end - first))
    return {"backend": name, "load_s": load_s, "ttft_p50": statistics.median(ttft),
            "tok_s": statistics.median(rate) if rate else float("nan"), "total_p50": statistics.median(total)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--max-tokens", type=int, default=64)
    ap.add_argument("--only", default="", help="run only backends whose name contains this")
    ap.add_argument("--show", action="store_true", help="print every answer")
    args = ap.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")

    ps = prompts()
    cores = os.cpu_count() or 1
    qwen = bundled_gguf(Settings.load().cache_path)
    smol = smollm2_gguf()
    print(f"# {cores} cores, load average before: {os.getloadavg()[0]:.2f}, max_tokens={args.max_tokens}")

    def llama(path: Path, threads: int):
        gen = LlamaCppGenerator(path, threads)
        return gen, gen.load, llama_tokens(gen)

    def transformers():
        gen = TransformersGenerator(str(smol.parent), gguf_file=smol.name)
        return gen, gen.load, lambda text: len(gen.load()[0].encode(text, add_special_tokens=False))

    server: list = []

    def openai():
        port = free_port()
        gen = OpenAIGenerator(f"http://127.0.0.1:{port}/v1", timeout_s=120)
        # load = starting the server process, which loads the model
        start = lambda: server.append(start_llama_server(qwen, port, n_threads=cores))  # noqa: E731
        return gen, start, llama_tokens(LlamaCppGenerator(qwen, 1, n_ctx=256))

    backends = {
        f"llama-cpp qwen2.5-0.5b q4_k_m t={cores}": lambda: llama(qwen, cores),
        "llama-cpp qwen2.5-0.5b q4_k_m t=1": lambda: llama(qwen, 1),
        f"llama-cpp smollm2-135m q4_1 t={cores}": lambda: llama(smol, cores),
        "transformers smollm2-135m (gguf->fp32)": transformers,
        f"openai -> llama_cpp.server qwen t={cores}": openai,
    }
    rows, answers = [], {}
    for name, make in backends.items():
        if args.only not in name:
            continue
        gen, load, count = make()
        try:
            rows.append(run(name, gen, load, count, ps, args.max_tokens, answers))
        finally:
            for proc in server:
                stop_server(proc)
            server.clear()
        print(f"  done: {name}", file=sys.stderr, flush=True)

    print("\n| backend | load s | TTFT p50 s | decode tok/s p50 | total p50 s |\n|---|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['backend']} | {r['load_s']:.1f} | {r['ttft_p50']:.2f} | {r['tok_s']:.1f} "
              f"| {r['total_p50']:.2f} |")
    print(f"\n# load average after: {os.getloadavg()[0]:.2f}")
    names = [r["backend"] for r in rows] if args.show else [r["backend"] for r in rows][:1]
    for name in names:
        print(f"\n## answers: {name}")
        for lang in ps:
            print(f"- {lang}: {answers[(name, lang)].strip()!r}")


if __name__ == "__main__":
    main()
