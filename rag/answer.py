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
import logging
import re
import time
from dataclasses import dataclass, field, replace
from typing import Iterator, Optional, Sequence, Union

from rag import i18n
from rag.audit import record
from rag.evidence import Evidence, EvidenceSelector, evidence_text, split_sentences, with_sentence
from rag.followup import reads_as_follow_up
from rag.lang import detect
from rag.question import prepare
from rag.retrieve import Retrieval, Retriever
from rag.service import GenerationFailed, GenerationService
from rag.settings import Settings
from rag.verify import GistCheck, balance_quotes, check_gist, decide_yes_no, frame_kind, has_negation, opening


log = logging.getLogger(__name__)

SLOT_WAIT_S = 3.0  # longest wait for a free model slot before the answer is final without a summary


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
    route: str                         # "model" (a checked gist is shown) | "extractive" | "refusal"
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
    gist_check: Optional[GistCheck] = field(default=None, compare=False, repr=False)
    retrieval: Optional[Retrieval] = field(default=None, compare=False, repr=False)

    def to_json(self) -> dict:
        return {"answer": self.text, "lang": self.lang, "citations": list(self.citations), "route": self.route,
                "evidence": [{"clause": e.clause, "sentences": list(e.sentences), "text": e.text}
                             for e in self.evidence],
                "gist": self.gist, "gist_citations": list(self.gist_citations), "lead": self.lead,
                "refused": self.refused,
                "sources": [{"clause": s.clause, "section": s.section, "text": s.text,
                             "highlights": list(s.highlights), "lead_in": s.lead_in} for s in self.sources],
                "timings_ms": self.timings_ms, "notices": list(self.notices), "backend": self.backend}


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

    @property
    def backend_name(self) -> str:
        return self.service.name

    def warm(self) -> None:
        """Load the indexes and start the model now rather than on the first question."""
        self.service.start(wait=False)  # the model loads (in its worker) while the indexes load here
        self.retriever.warm()
        self.selector.warm()
        self.selector.run(self.retriever.run("warm up: teachers"))  # first-call costs of the encoders, not a user's
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
        """Yields the evidence at once (a pending Answer), Draft progress, then exactly one final Answer."""
        t0 = time.perf_counter()
        q = prepare(question, self.settings.max_question_chars)  # raises QuestionError when empty
        ret = self._retrieve(q.text, lang, history)
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

        if not ret.in_scope:
            yield self._finish(self._refusal(ret, notices, timings), t0)
            return
        evidence = self.selector.run(ret)
        timings["first_text"] = _ms(t0)
        body = self._compose(ret, evidence, None, notices, timings)
        if ret.lookup or not evidence or not self.service.available:
            yield self._finish(body, t0)
            return
        yield replace(body, pending=True)

        # The gist rests on the best clause (all of it: a yes/no can hang on a sentence not shown);
        # the system writes its opening.
        plan = self._gist_plan(q.text, ret, evidence[0])  # the asker's own words, not a follow-up's join
        gist, check, draft = None, None, ""
        try:
            # Under load the summary is skipped rather than waited for long: the official text is already shown.
            wait = min(self.settings.gen_timeout_s, SLOT_WAIT_S)
            pieces = self.service.stream(plan.messages, self.settings.max_tokens, stop=("\n",), slot_wait_s=wait)
            with contextlib.closing(pieces):  # the slot is freed as soon as we stop reading, not when collected
                for piece in pieces:
                    draft += piece
                    yield Draft(plan.start + draft)
            timings["gist"] = _ms(t0)
            if draft.strip():
                check = check_gist(_continue(plan.start, draft), q.text, plan.sentences, ret.query_lang,
                                   self.retriever.embedder.passages, start=plan.start, context=plan.context,
                                   verdict=plan.verdict, negated=plan.negated)
                gist = check.text if check.ok else None
                if gist:  # the official sentence the gist follows is shown under it, even when not chosen
                    evidence = (with_sentence(evidence[0], check.source), *evidence[1:])
        except GenerationFailed as e:
            notices.append(e.notice(ret.query_lang))
        except Exception:  # the evidence is already on screen: a failing summary must not take it away
            log.exception("the summary step failed")
            gist = None
        yield self._finish(self._compose(ret, evidence, gist, notices, timings, check), t0)

    # --- retrieval with conversational context ------------------------------------------
    def _retrieve(self, text: str, lang: Optional[str], history: Sequence[str]) -> Retrieval:
        alone = self.retriever.run(text, lang=lang)
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
    def _gist_plan(self, question: str, ret: Retrieval, ev: Evidence) -> "GistPlan":
        lang = ret.query_lang
        sentences = split_sentences(ev.text)
        negated = self._negated(ev.clause, lang)
        verdict = decide_yes_no(question, sentences, lang, self.retriever.embedder.passages, negated)
        start = opening(frame_kind(ev.clause), lang, verdict)
        return GistPlan(gist_messages(question, ev.text, lang, start), start, verdict,
                        self._lead_in(ev.clause, lang), sentences, negated)

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
    def _compose(self, ret: Retrieval, evidence: Sequence[Evidence], gist: Optional[str], notices, timings,
                 check: Optional[GistCheck] = None) -> Answer:
        lang = ret.query_lang
        nums = [e.clause for e in evidence]
        lead = lead_text(nums, lang, lookup=bool(ret.lookup))
        top = f"{gist}{'' if lang == 'zh' else ' '}[{nums[0]}]" if gist else lead
        text = "\n".join([top, *evidence_text(evidence, lang)])
        sources = tuple(Source(e.clause, e.section, e.text, lang, e.sentences, self._lead_in(e.clause, lang) or None)
                        for e in evidence)
        return Answer(text, lang, tuple(nums), "model" if gist else "extractive", tuple(evidence), gist, lead,
                      sources, False, dict(timings), tuple(notices),
                      self.service.name if gist else "extractive",
                      gist_citations=(nums[0],) if gist else (), gist_check=check, retrieval=ret)

    def _refusal(self, ret: Retrieval, notices, timings) -> Answer:
        lang = ret.query_lang
        if ret.missing:
            text = i18n.t("no_such_clause", lang, nums=i18n.list_numbers(ret.missing, lang))
        else:
            nearest = [h.clause for h in ret.hits[:2]]
            text = i18n.t("refusal", lang, count=len(nearest), nums=i18n.list_numbers(nearest, lang))
        return Answer(text, lang, (), "refusal", (), None, text, (), True, dict(timings), tuple(notices),
                      "extractive", retrieval=ret)

    def _finish(self, answer: Answer, t0: float) -> Answer:
        answer = replace(answer, timings_ms={**answer.timings_ms, "total": _ms(t0)})
        record(self.settings, answer)
        return answer


def _ms(t0: float) -> float:
    return round((time.perf_counter() - t0) * 1000, 1)


def lead_text(nums: Sequence[int], lang: str, lookup: bool = False) -> str:
    key = ("lead_lookup" if lookup else "lead_one") if len(nums) <= 1 else \
        ("lead_lookup_many" if lookup else "lead_many")
    return i18n.t(key, lang, count=len(nums), n=nums[0] if nums else "", nums=i18n.list_numbers(nums, lang))


# --- the gist prompt ----------------------------------------------------------------------------

@dataclass(frozen=True)
class GistPlan:
    messages: list
    start: str                 # the opening the system writes: verdict word + frame
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
