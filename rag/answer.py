"""From question to an evidence-first answer in the asker's language.

  question ─▶ retrieve ─▶ out of scope?  ─▶ refusal naming the nearest clauses (no model)
                       ─▶ names clauses? ─▶ those clauses, whole
                       ─▶ evidence: the official sentences that answer, from 1-4 clauses, verbatim [n]
                                   shown at once (a pending Answer)
                       ─▶ gist: one sentence from the model, shown only if rag/verify.py passes it;
                                   otherwise a short lead introduces the evidence

The model phrases; the system decides what is said. Every path ends in one final `Answer` whose
citations are clause numbers whose official text is shown right under them.
"""
from __future__ import annotations

import contextlib
import itertools
import logging
import re
import threading
import time
from dataclasses import dataclass, field, replace
from typing import Iterable, Iterator, Optional, Sequence, Union

import numpy as np

from rag import i18n
from rag.audit import record
from rag.direct import Direct, evidence_lines, line, not_mentioned_line
from rag.evidence import Evidence, EvidenceSelector, split_sentences, with_sentence
from rag.followup import reads_as_follow_up
from rag.kinds import (Kind, addressee, asks_for_date, asks_for_number, asks_someone_else, claim, named_addressee,
                       question_kind, without_addressee)
from rag.lang import detect, word_sep
from rag.mention import missing_subject, subject_span
from rag.question import prepare
from rag.retrieve import Retrieval, Retriever
from rag.routes import Route
from rag.scope import names_the_consensus
from rag.service import GenerationFailed, GenerationService
from rag.settings import Settings
from rag.profiles import PROFILES, FrameKind
from rag.verify import (GistCheck, Settlement, balance_quotes, check_gist, counts_or_singles, frame_kind, has_negation,
                        numbers, opening, segments, settle)


log = logging.getLogger(__name__)

SLOT_WAIT_S = 0.0  # a summary starts only on a free model slot: under load the answer is final at once
# Evidence scores (rag/evidence.py: clause and best sentence, six versions) at which the best clause is said to
# answer ("Clause 12 addresses this:"; LanguageProfile.confident, per language), and at which, for a subject the
# Consensus does not mention, a passage is still shown as related. Calibrated with `eval/tune_evidence.py --direct
# --questions eval/data/dev.jsonl eval/data/kinds_dev.jsonl` (419 answered, 2026-12-06): one bar of 0.88 for all
# gave the claim to 18% of answers, right 96.1%, but 41 of its 76 claims were Chinese, whose scores run high (its
# wrong claims were the ones an adversarial reader found). Per language (en, fr, es, ar 0.87; ru 0.88; zh 0.89):
# 25% of answers, right 97.2% (103 of 106). Blind readers count "Clause N addresses this" on a clause that does
# not answer as unfaithful; below the bar the first line only names the clause ("Clause 12:"), which readers judge
# by the quote alone, so the claim is kept for where it is rarely wrong.
RELATED = 0.86
# Below both, no clause answers: a subject the Consensus does not have is said to be not mentioned.
UNANSWERED_SCORE = 0.84
UNANSWERED_MARGIN = 0.03
PREMISE_CLAUSES = 3  # how many evidence clauses a false premise is checked against
_YEAR = re.compile(r"1[89]\d\d|2[01]\d\d")


@dataclass(frozen=True)
class Source:
    clause: int
    section: Optional[str]
    text: str                          # the whole official clause
    lang: str
    highlights: tuple[str, ...] = ()   # the sentences of `text` the answer used
    lead_in: Optional[str] = None      # who the clause is addressed to ("We INVITE the Director-General …")


@dataclass(frozen=True)
class Answer:
    text: str                          # gist or lead, then one line per clause of evidence ending in [n]
    lang: str
    citations: tuple[int, ...]
    route: Route                       # MODEL (a checked gist is shown) | EXTRACTIVE | REFUSAL
    evidence: tuple[Evidence, ...]
    gist: Optional[str]
    lead: str
    sources: tuple[Source, ...]
    refused: bool
    timings_ms: dict
    notices: tuple[str, ...] = ()
    backend: str = ""
    pending: bool = False              # evidence shown, the gist still being written
    gist_citations: tuple[int, ...] = ()  # the clause(s) the gist was checked against
    kind: str = Kind.EXPLAIN.value     # the question kind (rag/kinds.py)
    verdict: Optional[str] = None      # "yes" | "no" when the system is sure, else None
    direct: str = ""                   # the first line: the official words that settle the question
    not_mentioned: Optional[str] = None  # the question's subject that no official version mentions
    direct_sentence: str = ""          # the official sentence the first line quotes (not repeated below it)
    gist_check: Optional[GistCheck] = field(default=None, compare=False, repr=False)
    model: Optional[str] = None        # the model that wrote the summary draft (shown or not); None: no draft
    retrieval: Optional[Retrieval] = field(default=None, compare=False, repr=False)

    @property
    def shown_evidence(self) -> tuple[Evidence, ...]:
        """The evidence under the first line: the sentence it quotes is not repeated."""
        return shown_evidence(self.evidence, self.direct_sentence)

    def to_json(self) -> dict:
        return {"answer": self.text, "lang": self.lang, "citations": list(self.citations), "route": self.route,
                "evidence": [{"clause": e.clause, "sentences": list(e.sentences), "text": e.text}
                             for e in self.evidence],
                "gist": self.gist, "gist_citations": list(self.gist_citations), "lead": self.lead,
                "refused": self.refused,
                "sources": [{"clause": s.clause, "section": s.section, "text": s.text,
                             "highlights": list(s.highlights), "lead_in": s.lead_in} for s in self.sources],
                "timings_ms": self.timings_ms, "notices": list(self.notices), "backend": self.backend,
                "kind": self.kind, "verdict": self.verdict, "direct": self.direct,
                "not_mentioned": self.not_mentioned, "gist_check": self.gist_check_json(), "model": self.model}

    def gist_check_json(self) -> Optional[dict]:
        """{passed, reason}: whether the model's draft passed the checks, and why it is not shown (None: no draft)."""
        c = self.gist_check
        if c is None:
            return None
        reason = ", ".join(c.reasons) or (None if self.gist else "restates_quote")
        return {"passed": c.ok, "reason": reason}


@dataclass(frozen=True)
class Draft:
    """Progress of the model's gist. Never shown: it has not been checked yet."""
    text: str


Event = Union[Draft, Answer]


class Answerer:
    """One per process: holds the retriever, the evidence selector and the generation service."""

    def __init__(self, settings: Optional[Settings] = None, retriever: Optional[Retriever] = None,
                 service: Optional[GenerationService] = None) -> None:
        self.settings = settings or Settings.load()
        self.retriever = retriever or Retriever(self.settings)
        self.selector = EvidenceSelector(self.retriever)
        self.service = service if service is not None else GenerationService(self.settings)
        self._vecs: dict = {}  # text -> passage vector (official parts, questions): see _embed
        self._vec_lock = threading.Lock()

    @property
    def backend_name(self) -> str:
        return self.service.name if self.summaries else "extractive"

    @property
    def summaries(self) -> bool:
        """Whether the model writes a summary under the first line (setting 'summary', and a model to write it)."""
        return bool(self.settings.summary) and self.service.available

    def warm(self) -> None:
        """Load the indexes (and the model, when it writes summaries) now rather than on the first question."""
        if self.summaries:
            self.service.start(wait=False)  # the model loads (in its worker) while the indexes load here
        self.retriever.warm()
        self.selector.warm()
        ret = self.retriever.run("warm up: can AI replace teachers?")  # first-call costs, not a user's
        self._direct(ret.query, Kind.YESNO, ret, self.selector.run(ret))
        if self.summaries:
            self.service.start()

    # --- public entry points ---------------------------------------------------------
    def run(self, question: object, lang: Optional[str] = None, history: Sequence[str] = ()) -> Answer:
        answer = None
        for ev in self.stream(question, lang=lang, history=history):
            if isinstance(ev, Answer) and not ev.pending:
                answer = ev
        assert answer is not None
        return answer

    def stream(self, question: object, lang: Optional[str] = None,
               history: Sequence[str] = ()) -> Iterator[Event]:
        """Yields the answer at once (pending only while a summary is being written on a free model slot),
        Draft progress, then exactly one final Answer."""
        t0 = time.perf_counter()
        q = prepare(question, self.settings.max_question_chars)  # raises QuestionError when empty
        asked = detect(q.text).lang
        kind = question_kind(q.text, asked)
        search = claim(q.text, asked) if kind is Kind.PREMISE else \
            without_addressee(q.text, asked) if kind is Kind.EXPLAIN else None
        ret = self._retrieve(q.text, lang, history, search)
        if search and not ret.in_scope:  # "What is the platform the Director-General is to set up called?"
            search, ret = None, self._retrieve(q.text, lang, history)  # means little without the name
        notices = []
        if q.truncated:
            limit = self.settings.max_question_chars
            notices.append(i18n.t("notice_truncated", ret.query_lang, count=limit, limit=limit))
        if not ret.supported_lang:
            notices.append(i18n.t("notice_unsupported", "en"))
        if ret.missing and ret.in_scope:  # "clauses 12 and 99": 12 is answered, and 99 said not to exist
            missing = i18n.list_numbers(ret.missing, ret.query_lang)
            notices.append(i18n.t("no_such_clause", ret.query_lang, nums=missing))
        timings = {"retrieval": _ms(t0)}
        kind = Kind.LOOKUP if ret.lookup else kind
        if not ret.in_scope and kind is Kind.EXPLAIN and addressee(q.text, ret.query_lang):
            # "政府应该做什么？" ("What should governments do?") is too short to score as close to any one clause,
            # but it asks for the governments' part of the Consensus, which the system knows (round 8: refused)
            ret = replace(ret, in_scope=True)

        if not ret.in_scope:
            # "Does the Consensus mention ChatGPT?" is about the Consensus: the answer is that it does not.
            subject = None if ret.missing or not names_the_consensus(q.text) else \
                missing_subject(q.text, ret.query_lang, self.retriever.corpus)
            answer = self._not_mentioned(ret, subject, (), notices, timings, q.text) if subject else \
                self._refusal(ret, notices, timings)
            yield self._finish(answer, t0)
            return
        broad = kind is Kind.EXPLAIN
        # "What should governments NOT do?" is not all they are asked to do
        span = addressee(q.text, ret.query_lang) if broad and not has_negation(q.text, ret.query_lang) else None
        # Only a wh-question asks what the one it names is to do; "Should teachers be trained by international
        # organizations?" is answered by whichever clause covers teacher training (round 7: 37 came first)
        named = named_addressee(q.text, ret.query_lang) if broad and not span else None
        topic = subject_span(q.text, ret.query_lang) if broad and not span else None
        evidence = self.selector.run(ret, complete=broad, span=span, named=named, pull=bool(named and search),
                                     topic=topic)
        direct, evidence = self._direct(q.text, kind, ret, evidence, span=span)
        timings["first_text"] = _ms(t0)
        if direct.not_mentioned:
            yield self._finish(self._not_mentioned(ret, direct.not_mentioned, evidence, notices, timings, q.text), t0)
            return
        body = self._compose(ret, evidence, direct, None, notices, timings)
        if ret.lookup or not direct.sentence or not self.summaries or not self.service.idle:
            yield self._finish(body, t0)  # no summary will come: no spinner for one
            return
        yield replace(body, pending=True)

        # The gist rests on the sentence the first line quotes; the system writes its opening.
        plan = self._gist_plan(q.text, ret, direct)  # the asker's own words, not a follow-up's join
        gist, check, draft = None, None, ""
        try:
            # Under load the summary is skipped rather than waited for: the answer is already shown.
            pieces = self.service.stream(plan.messages, self.settings.max_tokens, stop=("\n",),
                                         slot_wait_s=SLOT_WAIT_S)
            with contextlib.closing(pieces):  # the slot is freed as soon as we stop reading, not when collected
                for piece in pieces:
                    draft += piece
                    yield Draft(plan.start + draft)
            timings["gist"] = _ms(t0)
            if draft.strip():
                check = check_gist(_continue(plan.start, draft), q.text, plan.sentences, ret.query_lang,
                                   self._embed, start=plan.start, context=plan.context,
                                   verdict=plan.verdict, negated=plan.negated, kind=plan.kind)
                gist = check.text if check.ok and not restates(check.text, plan.start, direct.quote,
                                                               ret.query_lang) else None
        except GenerationFailed as e:
            if e.kind != "busy":  # busy: the answer is complete without a summary; nothing went wrong
                notices.append(e.notice(ret.query_lang))
        except Exception:  # the answer is already on screen: a failing summary must not take it away
            log.exception("the summary step failed")
            gist = None
        yield self._finish(self._compose(ret, evidence, direct, gist, notices, timings, check), t0)

    # --- the first line -------------------------------------------------------------------
    def _direct(self, question: str, kind: Kind, ret: Retrieval, evidence: Sequence[Evidence],
                span: Optional[tuple[int, int]] = None) -> tuple[Direct, tuple[Evidence, ...]]:
        """The first line, and the evidence under it (the quoted sentence added to its clause's).

        span: the evidence is every clause addressed to the one the question asks about (39-44 for "What is the
        Director-General asked to do?"), in order: each of them answers, and the first line says what they are."""
        lang = ret.query_lang
        if not evidence:
            return Direct(kind, lead_text([], lang)), ()
        if ret.lookup:
            nums = [e.clause for e in evidence]
            return Direct(kind, lead_text(nums, lang, lookup=True), confident=True), tuple(evidence)
        best = evidence[0]
        confident = best.score >= PROFILES[lang].confident
        # Whether anything answers is read from the first clause chosen by score: one chosen for a rare word of the
        # question alone (rag/evidence.py: by_word) may be shown first, and may score lower.
        anchor = next((e.score for e in evidence if not e.by_word), best.score)
        if anchor < UNANSWERED_SCORE and ret.scope_margin < UNANSWERED_MARGIN:
            subject = missing_subject(question, lang, self.retriever.corpus)
            if subject:  # "ChatGPT": no clause answers and the Consensus does not have the word
                related = tuple(e for e in evidence if e.score >= RELATED)
                return not_mentioned_line(subject, lang, bool(related), question), related
        if span:  # the part's first clause, as chosen: no one sentence of it answers more than another
            return line(kind, lang, clause=best.clause, sentence=best.sentences[0], confident=True, span=span), \
                tuple(evidence)
        if kind is Kind.FACT and asks_for_number(question, lang) and \
                not _number_parts(question, lang, split_sentences(best.text)):
            # "How many representatives attended the conference?" draws the clause on the conference's follow-up
            # (44) before the one that counts them (1): an evidence clause that holds a number goes first.
            other = next((e for e in evidence[1:] if _number_parts(question, lang, split_sentences(e.text))), None)
            if other is not None:
                best, evidence = other, (other, *(e for e in evidence if e is not other))
        found = self._settle(question, kind, ret, best)
        if kind is Kind.PREMISE and found.verdict != "no":
            # The clause that refutes a premise is not always the closest ("Why does it keep AI out of curricula?"
            # is nearest to a clause on research): the other evidence clauses are checked too, the first that
            # refutes it is quoted first.
            # Only a recommendation counts there: a preamble statement naming the thing is weaker evidence.
            # (the retriever's first clauses too: one that refutes is not always close enough to be evidence)
            shown = {e.clause for e in evidence}
            others = itertools.chain(evidence[1:PREMISE_CLAUSES], (self.selector.one(h.clause, ret)
                                                                   for h in ret.hits[:PREMISE_CLAUSES]
                                                                   if h.clause not in shown))
            # lazily: the retriever's clauses are scored only when no evidence refutes
            refuting = self._first_no(question, kind, ret,
                                      (o for o in others if frame_kind(o.clause) != "states"))
        elif kind is Kind.YESNO and found.verdict is None and counts_or_singles(question, lang):
            # "Le Consensus retient-il une définition unique de l'IA ?" draws 6 first; 5 ("varied definitions")
            # settles it: a count or a "single" is checked against the other evidence clauses too
            refuting = self._first_no(question, kind, ret, evidence[1:])
        else:
            refuting = None
        if refuting:
            best, found = refuting
            evidence = (best, *(e for e in evidence if e is not best))
        sentences = split_sentences(best.text)
        part = found.part
        sentence = sentences[found.sentence]
        if kind is Kind.FACT:
            sentence, part = self._fact(question, lang, sentences, found)
        verdict = found.verdict if kind is Kind.YESNO else None
        if verdict == "yes" and asks_someone_else(question, lang, best.clause):
            verdict = None  # what the clause asks of its addressee is not asked of the one the question names
        refuted = kind is Kind.PREMISE and found.verdict == "no"
        if not (verdict or refuted or kind is Kind.FACT and asks_for_number(question, lang)):
            part = ""  # a part chosen by similarity alone is not cut out: the whole sentence is quoted
        # An unrefuted "why does it …" is not confirmed either: "Clause 31 addresses this" would present the clause
        # as the reason for what the question claims; the closest passage is all the system can vouch for.
        confident = confident and not (kind is Kind.PREMISE and not refuted)
        direct = line(kind, lang, clause=best.clause, sentence=sentence, part=part, verdict=verdict,
                      confident=confident, premise_refuted=refuted)
        return direct, (with_sentence(best, sentence), *evidence[1:])

    def _first_no(self, question: str, kind: Kind, ret: Retrieval,
                  candidates: Iterable[Evidence]) -> Optional[tuple[Evidence, Settlement]]:
        """The first candidate clause that settles the question "no", with its settlement."""
        for other in candidates:
            alt = self._settle(question, kind, ret, other)
            if alt.verdict == "no":
                return other, alt
        return None

    def _settle(self, question: str, kind: Kind, ret: Retrieval, ev: Evidence) -> Settlement:
        lang = ret.query_lang
        prior = self.selector.sentence_scores(self._qvec(ret), ev.clause, lang)
        return settle(question, split_sentences(ev.text), lang, self._embed, self._negated(ev.clause, lang),
                      premise=kind is Kind.PREMISE, prior=prior, addressed=self._lead_in(ev.clause, lang),
                      statement=frame_kind(ev.clause) == "states")

    def _fact(self, question: str, lang: str, sentences: Sequence[str], found: Settlement) -> tuple[str, str]:
        """For "how many / when": the part closest to the question among those holding a number the question
        lacks, and its sentence; otherwise the settling part."""
        if not asks_for_number(question, lang):
            return sentences[found.sentence], found.part
        parts = _number_parts(question, lang, sentences)
        if not parts:
            return sentences[found.sentence], found.part
        vecs = self._embed([question] + [p for _, p in parts])
        return parts[int(np.argmax(vecs[1:] @ vecs[0]))]

    def _qvec(self, ret: Retrieval):
        return ret.qvec if ret.qvec is not None else self.retriever.embedder.queries([ret.query])[0]

    def _embed(self, texts: Sequence[str]):
        """Passage vectors; the official parts a question is matched to are embedded once per process."""
        with self._vec_lock:
            todo = [t for t in dict.fromkeys(texts) if t not in self._vecs]
        if todo:
            vecs = self.retriever.embedder.passages(todo)
            with self._vec_lock:
                if len(self._vecs) > 20000:
                    self._vecs.clear()
                self._vecs.update(zip(todo, vecs))
        with self._vec_lock:
            return np.stack([self._vecs[t] for t in texts])

    # --- retrieval with conversational context ------------------------------------------
    def _retrieve(self, text: str, lang: Optional[str], history: Sequence[str],
                  search: Optional[str] = None) -> Retrieval:
        alone = self.retriever.run(text, lang=lang, search=search)
        if not history or alone.lookup or alone.in_scope:
            return alone
        # A follow-up that means nothing alone ("and what does it say about them?") is read in the light of
        # the previous question; anything else off-topic alone (junk, another subject) is declined.
        prev = history[-1]
        if not reads_as_follow_up(text, prev, alone, self.retriever.embedder.passages):
            return alone
        follow_lang = lang or (alone.query_lang if len(text) > 12 else detect(prev).lang)
        joint = self.retriever.run(f"{prev} {text}", lang=follow_lang)
        return joint if joint.in_scope else alone

    # --- the gist ----------------------------------------------------------------------
    def _gist_plan(self, question: str, ret: Retrieval, direct: Direct) -> "GistPlan":
        lang = ret.query_lang
        sentences = (direct.sentence,)
        negated = self._negated(direct.clause, lang)
        own = split_sentences(self.retriever.corpus.clause(direct.clause, lang).text)
        flags = (negated[own.index(direct.sentence)],) if direct.sentence in own and negated else None
        kind = frame_kind(direct.clause)
        start = opening(kind, lang, direct.verdict)
        return GistPlan(gist_messages(question, direct.sentence, lang, start), start, kind, direct.verdict,
                        self._lead_in(direct.clause, lang), sentences, flags or (False,))

    def _negated(self, n: int, lang: str) -> tuple[bool, ...]:
        """Per sentence of clause n: negated in any official version that splits into as many sentences."""
        own = split_sentences(self.retriever.corpus.clause(n, lang).text)
        flags = [has_negation(s, lang) for s in own]
        for lg, c in self.retriever.corpus.versions(n).items():
            other = split_sentences(c.text)
            if len(other) == len(own):
                flags = [f or has_negation(s, lg) for f, s in zip(flags, other)]
        return tuple(flags)

    def _lead_in(self, n: int, lang: str) -> str:
        """The official sentence that introduces clause n's part (8-32, 33-38, 39-44); "" for the preamble."""
        return next((p.text for p in self.retriever.corpus.passages
                     if p.kind == "lead_in" and p.lang == lang and p.first <= n <= p.last), "")

    # --- building the Answer ---------------------------------------------------------
    def _compose(self, ret: Retrieval, evidence: Sequence[Evidence], direct: Direct, gist: Optional[str], notices,
                 timings, check: Optional[GistCheck] = None) -> Answer:
        lang = ret.query_lang
        nums = [e.clause for e in evidence]
        lead = direct.text
        sep = word_sep(lang)
        gist_line = [f"{gist}{sep}[{direct.clause}]"] if gist else []
        shown = shown_evidence(evidence, direct.sentence)
        text = "\n".join([direct.text, *gist_line, *evidence_lines(shown, lang, after=direct.clause)])
        sources = tuple(Source(e.clause, e.section, e.text, lang, e.sentences, self._lead_in(e.clause, lang) or None)
                        for e in evidence)
        return Answer(text, lang, tuple(nums), Route.MODEL if gist else Route.EXTRACTIVE, tuple(evidence), gist, lead,
                      sources, False, dict(timings), tuple(notices),
                      self.service.name if gist else "extractive",
                      gist_citations=(direct.clause,) if gist else (), kind=direct.kind.value,
                      verdict=direct.verdict, direct=direct.text, direct_sentence=direct.sentence,
                      gist_check=check, model=self.service.name if check is not None else None, retrieval=ret)

    def _not_mentioned(self, ret: Retrieval, subject: str, related: Sequence[Evidence], notices, timings,
                       question: str = "") -> Answer:
        """"The Beijing Consensus does not mention X.", then only passages that are really related, as such."""
        lang = ret.query_lang
        direct = not_mentioned_line(subject, lang, bool(related), question)
        text = "\n".join([direct.text, *evidence_lines(related, lang)])
        sources = tuple(Source(e.clause, e.section, e.text, lang, e.sentences, self._lead_in(e.clause, lang) or None)
                        for e in related)
        return Answer(text, lang, tuple(e.clause for e in related), Route.EXTRACTIVE, tuple(related), None, direct.text,
                      sources, False, dict(timings), tuple(notices), "extractive", kind=Kind.NOT_MENTIONED.value,
                      direct=direct.text, not_mentioned=subject, retrieval=ret)

    def _refusal(self, ret: Retrieval, notices, timings) -> Answer:
        lang = ret.query_lang
        if ret.missing:
            text = i18n.t("no_such_clause", lang, nums=i18n.list_numbers(ret.missing, lang))
        else:
            nearest = [h.clause for h in ret.hits[:2]]
            text = i18n.t("refusal", lang, count=len(nearest), nums=i18n.list_numbers(nearest, lang))
        return Answer(text, lang, (), Route.REFUSAL, (), None, text, (), True, dict(timings), tuple(notices),
                      "extractive", kind=Kind.OFFTOPIC.value, direct=text, retrieval=ret)

    def _finish(self, answer: Answer, t0: float) -> Answer:
        answer = replace(answer, timings_ms={**answer.timings_ms, "total": _ms(t0)})
        record(self.settings, answer)
        return answer


def _number_parts(question: str, lang: str, sentences: Sequence[str]) -> list[tuple[str, str]]:
    """(sentence, segment) pairs holding a number the question lacks; for "when", a year where one has it."""
    parts = [(s, p) for s in sentences for p in segments(s, lang) if numbers(p) - numbers(question)]
    if asks_for_date(question, lang):  # "when": a year, not the number of participants
        parts = [(s, p) for s, p in parts if any(_YEAR.fullmatch(n) for n in numbers(p))] or parts
    return parts


def _ms(t0: float) -> float:
    return round((time.perf_counter() - t0) * 1000, 1)


def shown_evidence(evidence: Sequence[Evidence], sentence: str) -> tuple[Evidence, ...]:
    """The evidence without the sentence the first line quotes; a clause left with nothing is not repeated."""
    out = []
    for e in evidence:
        rest = tuple(x for x in e.sentences if x != sentence)
        if rest:
            out.append(replace(e, sentences=rest) if rest != e.sentences else e)
    return tuple(out)


def restates(gist: str, start: str, quote: str, lang: str) -> bool:
    """A summary that says what the quoted official words already say adds nothing but a second reading."""
    from rag.verify import content
    said = content(gist[len(start):] if gist.startswith(start) else gist, lang)
    return not said or len(said - content(quote, lang)) <= 1


def lead_text(nums: Sequence[int], lang: str, lookup: bool = False) -> str:
    key = ("lead_lookup" if lookup else "lead_one") if len(nums) <= 1 else \
        ("lead_lookup_many" if lookup else "lead_many")
    return i18n.t(key, lang, count=len(nums), n=nums[0] if nums else "", nums=i18n.list_numbers(nums, lang))


# --- the gist prompt ----------------------------------------------------------------------------

@dataclass(frozen=True)
class GistPlan:
    messages: list
    start: str                 # the opening the system writes: verdict word + frame
    kind: FrameKind            # the frame the opening was made from
    verdict: Optional[str]     # the system's yes/no, or None
    context: str               # the lead-in of the clause's part: who the recommendation is addressed to
    sentences: tuple[str, ...]  # the official sentences the gist may rest on
    negated: tuple[bool, ...]   # per sentence: negated in some official version


GIST_SYSTEM = ("You answer questions about the Beijing Consensus on Artificial Intelligence and Education "
               "(UNESCO, 2019). Finish the answer that has been started, in {language}, in one sentence, reusing "
               "the words of the official text as closely as you can. Never change its meaning: keep every "
               "negation, and add nothing that is not in the text.")

# One worked example (clause 15, in English): it shows a small model what "reuse the words" means.
_EXAMPLE = [
    {"role": "user", "content": "Official text: Support school-wide pilot tests on the use of AI to facilitate "
                                "innovation in teaching and learning, drawing lessons from successful cases and "
                                "scaling up evidence-based practices.\n\nQuestion: What should we do after a "
                                "successful AI pilot in our school?"},
    {"role": "assistant", "content": "The Beijing Consensus recommends drawing lessons from successful cases and "
                                     "scaling up evidence-based practices."},
]


def gist_messages(question: str, official: str, lang: str, start: str) -> list[dict[str, str]]:
    """English instructions naming the answer language, a worked example, the official sentences, and the
    opening to continue: the last message is the assistant's, which backends continue rather than restart."""
    language = i18n.LANGUAGE_NAMES[lang]
    user = f"Official text: {official}\n\nQuestion: {question}"
    return [{"role": "system", "content": GIST_SYSTEM.format(language=language)}, *_EXAMPLE,
            {"role": "user", "content": user},
            {"role": "assistant", "content": start}]


def _continue(start: str, draft: str) -> str:
    """The whole gist: a backend that ignored the opening repeats it, one that continued it does not."""
    if draft.lstrip().startswith(start):
        text = draft.strip()
    elif draft[:1].isspace() or re.search(r"[\u4e00-\u9fff，》]$", start):  # Chinese has no spaces
        text = (start + draft).strip()
    else:
        text = f"{start} {draft.strip()}"
    return balance_quotes(re.sub(r"\s+([,.;:!?،؛])", r"\1", text))  # "ЮНЕСКО , действовать"
