"""Evidence selection: which clauses answer a question, and which of their official sentences.

  Retrieval (ranked clauses) ─▶ score every sentence of the top candidates against the question
                             ─▶ keep the clauses close to the best one (1 for a narrow question, up to 4)
                             ─▶ in each, the sentence(s) that answer  ─▶ Evidence records, verbatim

Sentences are scored from all six official versions where they line up (a clause split into the same
number of sentences in every language), like clauses are in rag/retrieve.py: a question in Arabic then
picks the sentence the same question in English would. The sentence vectors are one more cached index
(embeddings/index.py), built once next to the clause index.
"""
from __future__ import annotations

import math
import re
import threading
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Optional, Sequence

import numpy as np

from embeddings.index import ClauseIndex, load_or_build
from rag.corpus import LANGS, N_CLAUSES, Corpus
from rag.profiles import PROFILES
from rag.verify import asked_words, content, function_words, opens_aware, shares

SENTENCE_FORMAT = "sentence/1"  # bump when split_sentences changes: the cached sentence index is rebuilt

# Tuned on eval/data/dev.jsonl (eval/tune_evidence.py prints the grid); holdout only checked.
CANDIDATES = 4        # how many of the retriever's top clauses may become evidence
MAX_CLAUSES = 4
WHOLE_PART = 7  # clauses in an addressee's part small enough to quote whole (rag/kinds.py: addressee)
CLAUSE_GAP = 0.005    # a clause is kept when its evidence score is within this of the best clause's
SENTENCE_GAP = 0.05   # within a clause, sentences this close to its best sentence are kept too
OWN_WEIGHT = 0.5      # the asker's version against the mean of the aligned versions
DUPLICATE_COS = 0.95  # a clause whose chosen text is this close to one already kept adds nothing
# Order of the kept clauses: a clause whose best sentence holds WORDS_MARGIN more of the question's words than one
# ahead of it moves ahead when its score + CLAUSE_WORDS_WEIGHT x that share is higher too. dev (first line quotes a
# gold clause): 0.874 without; 0.893 / 0.898 / 0.902 at weight 0.03 / 0.06 / 0.1 with no margin; 0.884 at 0.06 with
# the margin, which keeps "And what else about that?" after a question on older people on 21 (Arabic: 24 held one
# more word, «التعلم»).
CLAUSE_WORDS_WEIGHT = 0.06
WORDS_MARGIN = 0.25
# Completeness for broad questions: when the two best clauses share a small section (2-3 clauses, e.g. 25-27
# "gender equality"), or the question matches one section's heading well and clearly better than the others
# ("lifelong learning": "AI for offering lifelong learning opportunities for all", 20-21) and its best clause is in
# that section, the section's other clauses are kept if they score within SECTION_GAP of the best, and are never
# dropped as duplicates (the document lists them apart on purpose). A question about what one addressee is asked
# to do gets that addressee's whole part (39-44: the Director-General). Measured on dev + kinds_dev (419 answerable,
# each variant re-run through `run`; 2026-12-06): multi-clause recall 0.68 -> 0.78 at precision 0.81 -> 0.82, while
# single-clause precision 0.77 -> 0.75 (a section mate shown beside the one clause that answers).
SECTION_GAP = 0.06
# A wh-question naming an addressee ("What should the Director-General do about X?") whose evidence holds none of
# their clauses: one of theirs among the retriever's first NAMED_RANK is put first when its evidence score is within
# NAMED_GAP of the best chosen clause.
NAMED_GAP = 0.03
NAMED_RANK = 3
SMALL_SECTION = 3
# A question word that only RARE_DF clauses hold (in the asker's version) names what the question is about: "基石"
# (cornerstone) is in 22 alone, «الدراية» (literacy) in 18. A clause among the retriever's first RESCUE_RANK that holds
# one, when no chosen clause does, is chosen too (within RESCUE_GAP of the best, and holding more of the question's
# words than any chosen clause: a tie added 17, "changing labour markets", to "a rapidly changing field"); the order of
# the chosen clauses weighs each word by how few clauses hold it (log(44 / clauses holding it): one every clause has
# counts nothing). dev + kinds_dev (510): direct 0.908 -> 0.934, clause recall 0.906 -> 0.932, citation precision
# 0.800 -> 0.808 (with the premise changes of the same day); a tie rescued: recall 0.934, precision 0.804.
RARE_DF = 2
RESCUE_RANK = 4
RESCUE_GAP = 0.03
RESCUE_SHARE = 0.0
HEADING_MATCH = 0.86
HEADING_MARGIN = 0.01
# "What does the Consensus say about X?" asks for every clause about X, and X's own words say which: "human rights"
# is in 6, 30 and 34, "regulatory frameworks" in 29, 30, 37 and 39, sections apart. Of X's words, those the first
# chosen clause holds and at most TOPIC_DF clauses hold (in the asker's version) name the topic; a clause among the
# retriever's first TOPIC_RANK with one sentence holding TOPIC_SHARE of them (each weighed by how few clauses hold
# it) is added when its score is within TOPIC_GAP of the first, up to TOPIC_MAX clauses in all. Chosen on dev +
# kinds_dev (2026-12-07, a grid of TOPIC_DF 3-5, gap 0.03-0.08, rank 3-10, share 0.5-1; answerable questions the
# answer cites): multi-clause recall 0.841 -> 0.850 at precision 0.847 -> 0.839, single-clause precision 0.805 ->
# 0.804; held out (checked after): 0.680 -> 0.733 at 0.811 -> 0.805. Rank 6 at gap 0.03 gained 0.005 more recall on
# dev for 0.01 precision, and left 30 and 34 (ranked 2 and 3, 0.04-0.05 below 6) out of "… about human rights?".
TOPIC_DF = 4
TOPIC_RANK = 3
TOPIC_SHARE = 0.6
TOPIC_GAP = 0.06
TOPIC_MAX = 5


@dataclass(frozen=True)
class Evidence:
    clause: int
    sentences: tuple[str, ...]   # official sentences, verbatim, in clause order
    text: str                    # the whole clause, same language
    section: Optional[str]
    score: float
    by_word: bool = False        # chosen for a rare word of the question that no clause chosen by score holds

    @property
    def whole(self) -> bool:
        return self.sentences == split_sentences(self.text)


# Sentence ends: . ! ? followed by a space and a capital (Latin/Cyrillic), an opening quote, or any
# Arabic letter; Chinese 。！？ end a sentence wherever they are.
_END = re.compile(r"(?<=[.!?؟])\s+(?=[A-ZÀ-ÖØ-ÞА-ЯЁ«\"“¿¡\u0600-\u06FF])|(?<=[。！？])")


@lru_cache(maxsize=4096)
def split_sentences(text: str) -> tuple[str, ...]:
    """The sentences of an official text, verbatim (joined with one space they give the text back)."""
    return tuple(s.strip() for s in _END.split(text) if s and s.strip())


def sentence_items(corpus: Corpus) -> list[tuple[tuple, str]]:
    return [((c.lang, c.number, i), s) for c in corpus.clauses for i, s in enumerate(split_sentences(c.text))]


class EvidenceSelector:
    """Chooses Evidence from a Retrieval; holds the (lazily built) sentence index."""

    def __init__(self, retriever) -> None:
        self.retriever = retriever
        self.corpus: Corpus = retriever.corpus
        self._index: Optional[ClauseIndex] = None
        self._heading_vecs: Optional[dict] = None
        self._words: dict[str, dict[int, frozenset[str]]] = {}
        self._lock = threading.Lock()

    @property
    def index(self) -> ClauseIndex:
        with self._lock:
            if self._index is None:
                self._index = load_or_build(self.corpus, self.retriever.embedder,
                                            self.retriever.settings.cache_path, name="sentences",
                                            items=sentence_items(self.corpus), fmt=SENTENCE_FORMAT)
                self._matrix = self._index.vectors()
                self._row_of = {key: i for i, key in enumerate(self._index.rows)}
            return self._index

    def warm(self) -> None:
        self.index
        self._headings()

    # --- scoring ---------------------------------------------------------------------------
    def sentence_scores(self, qvec: np.ndarray, number: int, lang: str) -> np.ndarray:
        """One score per sentence of clause `number` in `lang`: own version, plus aligned versions."""
        self.index
        n_own = len(split_sentences(self.corpus.clause(number, lang).text))
        sims = self._matrix @ qvec

        def row(lg: str) -> Optional[np.ndarray]:
            n = len(split_sentences(self.corpus.clause(number, lg).text))
            if n != n_own:
                return None
            return np.array([sims[self._row_of[(lg, number, i)]] for i in range(n)])

        own = row(lang)
        aligned = [r for r in (row(lg) for lg in LANGS) if r is not None]
        return OWN_WEIGHT * own + (1 - OWN_WEIGHT) * np.mean(aligned, axis=0)

    def run(self, retrieval, qvec: Optional[np.ndarray] = None, *,
            clause_gap: float = CLAUSE_GAP, max_clauses: int = MAX_CLAUSES,
            sentence_gap: float = SENTENCE_GAP, candidates: int = CANDIDATES,
            complete: bool = False, span: Optional[tuple[int, int]] = None,
            named: Optional[tuple[int, int]] = None, pull: bool = False,
            topic: Optional[str] = None) -> tuple[Evidence, ...]:
        """The evidence for an in-scope retrieval, most relevant clause first.

        complete: a broad question: every clause of a small section its two best clauses share is considered.
        span:     the clauses addressed to the one the question asks about (rag/kinds.py: addressee), all kept.
        named:    the clauses addressed to the one the question names (rag/kinds.py: named_addressee): theirs first.
        pull:     the retrieval searched the question without that name: a clause of theirs it ranks high may be
                  put first though the cut left it out.
        topic:    what the question asks about ("What does it say about X?": X, rag/mention.py: subject_span): the
                  clauses that name it are added.
        """
        if retrieval.lookup:  # the clauses asked for, whole
            return tuple(self._whole(n, retrieval.query_lang) for n in retrieval.lookup)
        qvec = self._qvec(retrieval) if qvec is None else qvec
        # A question naming an addressee orders its clauses by that name (below), not by its rare words
        found = self._run(retrieval, qvec, clause_gap, max_clauses, sentence_gap, candidates, complete, span,
                          rescue=not named)
        if topic and found and not span:
            found = self._topic_mates(found, topic, retrieval, qvec, sentence_gap)
        if not (found and named):
            return found
        theirs = lambda n: named[0] <= n <= named[1]  # noqa: E731
        first = next((n for n in retrieval.ranking[:NAMED_RANK] if theirs(n)), None)
        if pull and first is not None and not any(theirs(e.clause) for e in found):
            # None of the chosen clauses is addressed to the one the question names ("What should the
            # Director-General do about teacher training?": 13 and 12, to governments): a clause of their part
            # among the retriever's first NAMED_RANK (42) goes first when it is about as close to the question.
            # The question is searched without the name (rag/kinds.py: without_addressee), or the name draws the
            # part's clause about UNESCO itself (41, 40: round 7). Further down the ranking their best clause is
            # rarely about the subject (round 8: 37 for "What should international organizations do about
            # lifelong learning?", at rank 8).
            x, n, s = self._scored(first, qvec, retrieval, retrieval.query_lang)
            if x >= found[0].score - NAMED_GAP:
                return (self._evidence(n, retrieval.query_lang, s, x, sentence_gap), *found)
        # "What should governments do about teacher training?" is not answered by a clause addressed to someone
        # else (42, to the Director-General) while one addressed to them (13) is evidence too: theirs go first.
        return tuple(sorted(found, key=lambda e: not theirs(e.clause)))

    def one(self, n: int, retrieval, sentence_gap: float = SENTENCE_GAP) -> Evidence:
        """Clause `n` as evidence for `retrieval`'s question, scored like the chosen ones."""
        x, n, s = self._scored(n, self._qvec(retrieval), retrieval, retrieval.query_lang)
        return self._evidence(n, retrieval.query_lang, s, x, sentence_gap)

    def _qvec(self, retrieval) -> np.ndarray:
        return retrieval.qvec if retrieval.qvec is not None else self.retriever.embedder.queries([retrieval.query])[0]

    def _run(self, retrieval, qvec, clause_gap, max_clauses, sentence_gap, candidates, complete, span, rescue=True):
        lang = retrieval.query_lang
        scored = []
        for rank, hit in enumerate(retrieval.hits[:candidates]):
            s = self.sentence_scores(qvec, hit.clause, lang)
            # The clause's own dense score and its best sentence: a clause that answers has one sentence
            # that matches the question well, even when the rest of it is about something else.
            scored.append((0.5 * float(hit.score) + 0.5 * float(s.max()), rank, hit.clause, s))
        if not scored:
            return ()
        if span:
            return self._all_of(range(span[0], span[1] + 1), qvec, retrieval, lang)
        if complete:
            mates = self._section_mates([h.clause for h in retrieval.hits[:2]], lang) or \
                self._heading_section(qvec, lang, retrieval.hits[0].clause)
            if mates:
                have = {n for _, _, n, _ in scored}
                extra = [self._scored(n, qvec, retrieval, lang) for n in mates if n not in have]
                scored += [(x, len(scored) + i, n, s) for i, (x, n, s) in enumerate(extra)]
                # Section mates clear a wider gap than other candidates: the document groups them.
                return self._keep(scored, lang, clause_gap, sentence_gap, max(max_clauses, len(mates)),
                                  widen=frozenset(mates))
        kept = self._keep(scored, lang, clause_gap, sentence_gap, max_clauses)
        weights = self._weights(asked_words(retrieval.query, lang), lang)
        if rescue:
            kept = self._rescue(kept, weights, retrieval, qvec, sentence_gap, max_clauses)
        return self._by_words(kept, weights, lang)

    def _topic_mates(self, kept: tuple[Evidence, ...], topic: str, retrieval, qvec, sentence_gap: float
                     ) -> tuple[Evidence, ...]:
        """`kept` and the clauses near the top of the ranking that name the topic the first kept clause names."""
        lang = retrieval.query_lang
        held = self._clause_words(lang)
        weights = {w: x for w, x in self._weights(asked_words(topic, lang), lang).items()
                   if x >= math.log(N_CLAUSES / TOPIC_DF) and shares(w, held[kept[0].clause], lang)}
        out = list(kept)
        for n in retrieval.ranking[:TOPIC_RANK]:
            if len(out) >= TOPIC_MAX or not weights:
                break
            if n in {e.clause for e in out} or _share(self.corpus.clause(n, lang).text, weights, lang) < TOPIC_SHARE:
                continue
            x, n, s = self._scored(n, qvec, retrieval, lang)
            if x >= kept[0].score - TOPIC_GAP:
                out.append(self._evidence(n, lang, s, x, sentence_gap))
        return tuple(out)

    def _weights(self, asked: frozenset[str], lang: str) -> dict[str, float]:
        """Each asked word, weighed by how few clauses hold it; one that none holds weighs as one that one holds."""
        held = self._clause_words(lang)
        asked = asked - function_words(lang)  # «когда» is rare, and says nothing
        return {w: math.log(N_CLAUSES / max(1, sum(shares(w, ws, lang) for ws in held.values()))) for w in asked}

    def _clause_words(self, lang: str) -> dict[int, frozenset[str]]:
        with self._lock:
            if lang not in self._words:
                self._words[lang] = {c.number: content(c.text, lang) for c in self.corpus.clauses if c.lang == lang}
            return self._words[lang]

    def _rescue(self, kept: tuple[Evidence, ...], weights: dict[str, float], retrieval, qvec, sentence_gap: float,
                max_clauses: int) -> tuple[Evidence, ...]:
        """`kept` and the clauses of the retriever's first RESCUE_RANK that hold a rare asked word no kept one holds."""
        if not kept or len(kept) >= max_clauses:
            return kept
        lang = retrieval.query_lang
        held = self._clause_words(lang)
        rare = {w for w, x in weights.items() if x >= math.log(N_CLAUSES / RARE_DF)}
        rare -= {w for w in rare for e in kept if shares(w, held[e.clause], lang)}
        out = list(kept)
        best_share = max(_share(e.text, weights, lang) for e in kept)
        for n in retrieval.ranking[:RESCUE_RANK]:
            if not rare or len(out) >= max_clauses:
                break
            mine = {w for w in rare if shares(w, held[n], lang)}
            if n in {e.clause for e in out} or not mine:
                continue
            x, n, s = self._scored(n, qvec, retrieval, lang)
            if x >= kept[0].score - RESCUE_GAP and \
                    _share(self.corpus.clause(n, lang).text, weights, lang) > best_share + RESCUE_SHARE:
                out.append(replace(self._evidence(n, lang, s, x, sentence_gap), by_word=True))
                rare -= mine
        return tuple(out)

    def _by_words(self, kept: tuple[Evidence, ...], weights: dict[str, float], lang: str) -> tuple[Evidence, ...]:
        """The chosen clauses reordered by their score plus CLAUSE_WORDS_WEIGHT × the share of the question's words
        their best sentence holds: "What does the Consensus call the cornerstones of achieving SDG 4?" ranked 2 (the
        2030 Agenda, SDG 4) before 22, whose sentence says what "are the cornerstones of achieving SDG 4". The chosen set
        is unchanged. Each word is weighed by how few clauses hold it, and only words a chosen clause holds count: one
        that no chosen clause holds ("hacer", "откуда") would shrink every share alike. The words they hold must weigh at
        least one rare word's worth (RARE_DF): a reorder on a word most clauses have would rest on little («التعلم»,
        learning, in 18 clauses, put 24 before 21 on older people)."""
        held = self._clause_words(lang)
        weights = {w: x for w, x in weights.items() if any(shares(w, held[ev.clause], lang) for ev in kept)}
        if len(kept) < 2 or sum(weights.values()) < math.log(N_CLAUSES / RARE_DF):
            return kept
        share = {ev.clause: _share(ev.text, weights, lang) for ev in kept}
        key = {ev.clause: ev.score + CLAUSE_WORDS_WEIGHT * share[ev.clause] for ev in kept}
        # a clause goes before one chosen ahead of it only where its sentence holds more of the question's words and
        # the sum is higher too: the retriever's first choice, which fuses more signals, stays first otherwise
        placed: list[Evidence] = []
        for ev in kept:
            at = next((i for i, p in enumerate(placed) if share[ev.clause] >= share[p.clause] + WORDS_MARGIN
                       and key[ev.clause] > key[p.clause]), len(placed))
            placed.insert(at, ev)
        return tuple(placed)

    def _keep(self, scored: list, lang: str, clause_gap: float, sentence_gap: float, max_clauses: int,
              widen: frozenset = frozenset()) -> tuple[Evidence, ...]:
        """The candidates close enough to the first one (those in `widen` within SECTION_GAP), best first."""
        best = scored[0][0]  # the retriever's first choice anchors the cut (its ranking fuses more signals)
        kept: list[Evidence] = []
        kept_vecs: list[np.ndarray] = []
        for score, rank, n, s in sorted(scored, key=lambda t: (t[1] > 0, -t[0])):
            if len(kept) >= max_clauses:
                break
            if rank > 0 and score < best - (SECTION_GAP if n in widen else clause_gap):
                continue
            ev = self._evidence(n, lang, s, score, sentence_gap)
            vec = self._vector(ev, lang)
            # Section mates are never duplicates: the document lists them apart on purpose (25, 26, 27).
            if n not in widen and any(float(vec @ v) >= DUPLICATE_COS for v in kept_vecs):
                continue
            kept.append(ev)
            kept_vecs.append(vec)
        return tuple(kept)

    def _scored(self, n: int, qvec: np.ndarray, retrieval, lang: str) -> tuple[float, int, np.ndarray]:
        """A clause the retriever did not rank high, scored like its candidates are."""
        s = self.sentence_scores(qvec, n, lang)
        dense = next((h.score for h in retrieval.hits if h.clause == n), None)
        if dense is None:
            dense = float(s.mean())  # not among the hits: its sentences stand in for the clause's own score
        return 0.5 * float(dense) + 0.5 * float(s.max()), n, s

    def _all_of(self, numbers, qvec: np.ndarray, retrieval, lang: str) -> tuple[Evidence, ...]:
        """Every clause of an addressee's part, in the document's order, each by its first sentence (every part has
        more clauses than MAX_CLAUSES).
        A part longer than an answer usually shows (8-32, to governments: 25 clauses) is still given whole: the
        question asks for all of it, and one sentence a clause keeps it compact (an overview of the best clause of
        each section left 15 of the 25 out)."""
        scored = [self._scored(n, qvec, retrieval, lang) for n in numbers]
        # A part of at most WHOLE_PART clauses (the preamble, 33-38, 39-44) is quoted whole: readers of "What do
        # the participants declare in the preamble?" missed every second sentence (seed 261, fr and ru). The 25
        # clauses to governments keep their first sentence each: it states what is asked, and the question names no
        # subject to choose by.
        whole = len(scored) <= WHOLE_PART
        clauses = [(x, self.corpus.clause(n, lang)) for x, n, _ in scored]
        return tuple(Evidence(c.number, tuple(split_sentences(c.text)) if whole else _first_asked(c.text, lang),
                              c.text, c.section, round(x, 4)) for x, c in clauses)

    def _section_mates(self, top: Sequence[int], lang: str) -> tuple[int, ...]:
        """The clauses of the small section (outside the preamble) that holds both of `top`, or ()."""
        for p in self.corpus.passages:
            if p.kind == "heading" and p.lang == lang and p.first >= 8 and p.last - p.first < SMALL_SECTION \
                    and all(p.first <= n <= p.last for n in top) and len(top) == 2:
                return tuple(range(p.first, p.last + 1))
        return ()

    def _heading_section(self, qvec: np.ndarray, lang: str, top: int) -> tuple[int, ...]:
        """The clauses of the section whose heading the question matches best (own version and all six, like
        sentences), when it matches well, clearly better than the next, and holds the best clause; else ()."""
        scores = {}
        for (first, last), vecs in self._headings().items():
            sims = {lg: float(v @ qvec) for lg, v in vecs.items()}
            scores[(first, last)] = OWN_WEIGHT * sims[lang] + (1 - OWN_WEIGHT) * float(np.mean(list(sims.values())))
        ranked = sorted(scores, key=scores.get, reverse=True)
        first, last = ranked[0]
        margin = scores[ranked[0]] - scores[ranked[1]] if len(ranked) > 1 else 1.0
        if scores[ranked[0]] >= HEADING_MATCH and margin >= HEADING_MARGIN and first <= top <= last:
            return tuple(range(first, last + 1))
        return ()

    def _headings(self) -> dict:
        """(first, last) -> {lang: heading vector} for the sections after the preamble; embedded once."""
        with self._lock:
            if self._heading_vecs is None:
                heads = [p for p in self.corpus.passages if p.kind == "heading" and p.first >= 8]
                vecs = self.retriever.embedder.passages([p.text for p in heads])
                out: dict = {}
                for p, v in zip(heads, vecs):
                    out.setdefault((p.first, p.last), {})[p.lang] = v
                self._heading_vecs = out
            return self._heading_vecs

    def _evidence(self, n: int, lang: str, scores: np.ndarray, clause_score: float, gap: float) -> Evidence:
        c = self.corpus.clause(n, lang)
        sents = split_sentences(c.text)
        top = float(scores.max())
        chosen = tuple(s for s, x in zip(sents, scores) if x >= top - gap)
        return Evidence(n, continued(sents, chosen, lang), c.text, c.section, round(clause_score, 4))

    def _whole(self, n: int, lang: str) -> Evidence:
        c = self.corpus.clause(n, lang)
        return Evidence(n, split_sentences(c.text), c.text, c.section, 1.0)

    def _vector(self, ev: Evidence, lang: str) -> np.ndarray:
        sents = split_sentences(ev.text)
        rows = [self._matrix[self._row_of[(lang, ev.clause, i)]] for i, s in enumerate(sents) if s in ev.sentences]
        v = np.mean(rows, axis=0)
        return v / (np.linalg.norm(v) + 1e-9)


def _share(text: str, weights: dict[str, float], lang: str) -> float:
    """The weighted share of the asked words that the best sentence of `text` holds."""
    total = sum(weights.values())
    if not total:
        return 0.0
    held = [content(t, lang) for t in split_sentences(text)]  # once a sentence, not once a word
    return max(sum(x for w, x in weights.items() if shares(w, words, lang)) for words in held) / total


def _first_asked(text: str, lang: str) -> tuple[str, ...]:
    """A clause's first sentence, and its second where the first opens by asking to be mindful of something: "Be
    mindful of the investment requirements …" / "Consider the trade-offs … and identify different sources of
    funding" (9), "Be aware that teachers cannot be displaced by machines …" (12). Seed 271 and 281 readers of the
    part to governments missed what 9, 10, 12, 17, 18 and 31 ask."""
    sents = split_sentences(text)
    return tuple(sents[:2] if opens_aware(sents[0], lang) else sents[:1])


def continued(sents: Sequence[str], chosen: Sequence[str], lang: str) -> tuple[str, ...]:
    """`chosen` with the sentence that continues one of them, or that one continues: "Reiterate the importance of
    addressing these concerns, giving special priority to Africa …" says nothing alone, and what it adds belongs to
    the sentence before (33; a seed 261 reader missed it). A sentence continues when a demonstrative refers back in
    its opening words (LanguageProfile.refers_back)."""
    back = re.compile(PROFILES[lang].refers_back, re.I)
    keep = set(chosen)
    for i in range(1, len(sents)):
        opening = sents[i][:OPENING_WORDS * 2] if PROFILES[lang].cjk else " ".join(sents[i].split()[:OPENING_WORDS])
        if back.search(opening) and (sents[i - 1] in keep or sents[i] in keep):
            keep |= {sents[i - 1], sents[i]}
    return tuple(s for s in sents if s in keep)


OPENING_WORDS = 8  # «Réaffirmer qu'il importe de répondre à ces préoccupations»: the demonstrative is the 7th word


def with_sentence(ev: Evidence, sentence: str) -> Evidence:
    """`ev` with one more of its clause's sentences chosen (kept in clause order)."""
    if not sentence or sentence in ev.sentences:
        return ev
    return replace(ev, sentences=tuple(s for s in split_sentences(ev.text) if s in ev.sentences or s == sentence))
