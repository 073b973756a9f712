"""Evaluation: retrieval quality, scope decisions, cross-lingual alignment, answers.

Question files are JSON Lines: {"id", "lang", "question", "gold_clauses": [..], "answerable": bool}, and
optionally "group" (the same question asked in all six languages shares one group id) and "kind"
("multi" | "yesno" | "single" | "fact" | "premise" | "not_mentioned" | "explain" | "offtopic"), with "yesno" (the
Consensus's answer), "fact" (the fact as the official text writes it) or "subject" (what the Consensus does not
mention). Ids containing "lookup" are clause-number lookups (also reported on their own).
"""
from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Callable, Iterable, Optional, Sequence

import numpy as np

from rag.corpus import LANGS
from rag.errors import ConsensusError


@dataclass(frozen=True)
class Question:
    id: str
    lang: str
    question: str
    gold: tuple[int, ...]
    answerable: bool
    group: Optional[str] = None     # parallel group: one question asked in several languages
    kind: Optional[str] = None      # "multi" | "yesno" | "single" | "fact" | "premise" | "not_mentioned" | ...
    yesno: Optional[str] = None     # for yes/no questions: the Consensus's answer, "yes" or "no"
    fact: Optional[str] = None      # for fact questions: the number, date, place or name, as in the official text
    subject: Optional[str] = None   # for not_mentioned questions: the subject the Consensus does not mention
    evidence_en: Optional[str] = None  # yes/no and premise: the English words that settle it ("…" between pieces)

    @property
    def is_lookup(self) -> bool:
        return "lookup" in self.id


def dev_set_path() -> Path:
    return Path(str(resources.files("eval.data").joinpath("dev.jsonl")))


def holdout_set_path() -> Path:
    return Path(str(resources.files("eval.data").joinpath("holdout.jsonl")))


def load_questions(path: Optional[str | Path] = None) -> list[Question]:
    path = Path(path) if path else dev_set_path()
    if not path.is_file():
        raise ConsensusError(f"question file not found: {path}")
    out = []
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
            q = Question(str(d["id"]), d["lang"], d["question"], tuple(int(x) for x in d.get("gold_clauses", [])),
                         bool(d.get("answerable", bool(d.get("gold_clauses")))),
                         str(d["group"]) if d.get("group") is not None else None, d.get("kind"),
                         d.get("yesno"), d.get("fact"), d.get("subject"), d.get("evidence_en"))
        except (ValueError, KeyError, TypeError) as e:
            raise ConsensusError(f"{path}:{i}: not a question record ({type(e).__name__}: {e}); expected "
                                 '{"id","lang","question","gold_clauses":[..],"answerable":true|false}') from None
        out.append(q)
    return out


def percentile(xs: Sequence[float], p: float) -> float:
    return round(float(np.percentile(xs, p)), 2) if len(xs) else 0.0


def _rank(order: Sequence[int], gold: Iterable[int]) -> Optional[int]:
    ranks = [order.index(g) for g in gold if g in order]
    return min(ranks) + 1 if ranks else None


def _retrieval_block(rows: list[dict]) -> dict:
    ans = [r for r in rows if r["answerable"]]
    out: dict = {"n": len(rows), "n_answerable": len(ans)}
    for k in (1, 3, 5):
        out[f"recall@{k}"] = round(float(np.mean([r["rank"] is not None and r["rank"] <= k for r in ans])), 3) if ans else None
    out["mrr"] = round(float(np.mean([1 / r["rank"] if r["rank"] else 0.0 for r in ans])), 3) if ans else None
    out["scope_accuracy"] = round(float(np.mean([r["in_scope"] == r["answerable"] for r in rows])), 3) if rows else None
    # The share answered in the asker's language: the retriever's detected language is the answer's.
    out["language_match"] = round(float(np.mean([r["detected"] == r["lang"] for r in rows])), 3) if rows else None
    return out


def consistency(tops: Iterable[tuple[Optional[str], str, int]]) -> dict:
    """Do parallel questions find the same top clause in every language?

    `tops`: (group, lang, top clause) per question; questions without a group are ignored. Returns the
    fraction of groups whose top clause is the same in all their languages, the group count, and the
    groups that split, with each language's top clause.
    """
    groups: dict[str, dict[str, int]] = {}
    for group, lang, top in tops:
        if group is not None:
            groups.setdefault(group, {})[lang] = top
    groups = {g: tl for g, tl in groups.items() if len(tl) > 1}  # a group of one agrees with nothing
    split = {g: tl for g, tl in groups.items() if len(set(tl.values())) > 1}
    return {"consistency": round(1 - len(split) / len(groups), 3) if groups else None,
            "n_groups": len(groups), "split_groups": split}


def _jaccard(a: frozenset, b: frozenset) -> float:
    return 1.0 if not a and not b else len(a & b) / len(a | b)


def evidence_agreement(cited: Iterable[tuple[Optional[str], str, Iterable[int]]]) -> dict:
    """Do parallel questions cite the same clauses in every language?

    `cited`: (group, lang, cited clause numbers) per question; questions without a group are ignored. A
    group's agreement is the mean Jaccard overlap |A ∩ B| / |A ∪ B| of its languages' cited sets over all
    pairs of languages (15 pairs for six); two refusals (both empty) agree. The pairwise mean, not |∩| / |∪|
    over all six at once, so that one language citing an extra clause costs its own pairs, not the whole
    group. Returns the mean over groups, the share of groups citing one identical set in every language,
    and the groups below 1 with each language's set.
    """
    groups: dict[str, dict[str, frozenset]] = {}
    for group, lang, clauses in cited:
        if group is not None:
            groups.setdefault(group, {})[lang] = frozenset(int(c) for c in clauses)
    groups = {g: ls for g, ls in groups.items() if len(ls) > 1}
    per_group = {}
    for g, ls in groups.items():
        sets = list(ls.values())
        pairs = [_jaccard(sets[i], sets[j]) for i in range(len(sets)) for j in range(i + 1, len(sets))]
        per_group[g] = float(np.mean(pairs))
    return {"evidence_agreement": round(float(np.mean(list(per_group.values()))), 3) if groups else None,
            "evidence_identical": round(float(np.mean([len(set(ls.values())) == 1 for ls in groups.values()])), 3)
            if groups else None,
            "n_groups": len(groups),
            "disagreeing_groups": {g: {lang: sorted(s) for lang, s in groups[g].items()}
                                   for g, v in per_group.items() if v < 1.0}}


def add_evidence_agreement(report: dict) -> dict:
    """Put `evidence_agreement` (over the final answers' citations) beside `consistency` in the retrieval
    block of a report that has both retrieval and answers; returns the report."""
    rows = report.get("answers", {}).get("rows")
    if rows is None or "retrieval" not in report:
        return report
    ea = evidence_agreement((r["group"], r["lang"], r["cited"]) for r in rows)
    report["retrieval"].update({"evidence_agreement": ea["evidence_agreement"],
                                "evidence_identical": ea["evidence_identical"],
                                "disagreeing_groups": ea["disagreeing_groups"]})
    return report


def evaluate_retrieval(retriever, questions: Sequence[Question], k: int = 5) -> dict:
    """Recall@1/3/5, MRR, scope accuracy (overall and per language), consistency across parallel
    groups, lookup accuracy, latency."""
    retriever.warm()  # load/build outside the timed loop
    rows, lat = [], []
    for q in questions:
        t0 = time.perf_counter()
        r = retriever.run(q.question, k=max(k, 5))
        lat.append((time.perf_counter() - t0) * 1000)
        order = [h.clause for h in r.hits]
        rows.append({"id": q.id, "lang": q.lang, "answerable": q.answerable, "lookup": q.is_lookup,
                     "rank": _rank(order[:k], q.gold) if q.answerable else None,
                     "in_scope": r.in_scope, "detected": r.query_lang, "top": order[:k], "group": q.group})
    overall = _retrieval_block(rows)
    lookups = [r for r in rows if r["lookup"]]
    cons = consistency((r["group"], r["lang"], r["top"][0] if r["top"] else 0) for r in rows)
    return {
        "retrieval": {
            "overall": overall,
            "consistency": cons["consistency"],
            "n_groups": cons["n_groups"],
            "split_groups": cons["split_groups"],
            "by_lang": {lang: _retrieval_block([r for r in rows if r["lang"] == lang]) for lang in LANGS
                        if any(r["lang"] == lang for r in rows)},
            "scope_accuracy": overall["scope_accuracy"],
            "lookup_accuracy": round(float(np.mean([r["rank"] == 1 for r in lookups])), 3) if lookups else None,
            "language_detection_accuracy": round(float(np.mean([r["detected"] == r["lang"] for r in rows])), 3),
            "failures": [r for r in rows if (r["answerable"] and (r["rank"] is None or r["rank"] > 1))
                         or r["in_scope"] != r["answerable"]],
        },
        "latency_ms": {"p50": percentile(lat, 50), "p95": percentile(lat, 95)},
    }


def alignment(retriever) -> dict:
    """Top-1 accuracy of finding clause n in language B by querying with its text in language A.

    Reported two ways: with each language's mean vector removed from its vectors ("centered", the
    standard fix for the language-identity offset multilingual encoders carry; Libovický et al.
    2020), and on raw cosines. The retriever needs no centering: it scores a clause from all six
    versions at once, so that offset is shared by every candidate.
    """
    corpus = retriever.corpus
    index = retriever.index
    queries = {lang: retriever.embedder.queries([c.text for c in corpus.by_lang(lang)]) for lang in LANGS}
    targets = {lang: np.stack([index.vector(lang, n) for n in range(1, 45)]) for lang in LANGS}

    def center(x: np.ndarray) -> np.ndarray:
        x = x - x.mean(axis=0)
        return x / np.linalg.norm(x, axis=1, keepdims=True)

    out: dict = {}
    for name, f in (("centered", center), ("raw", lambda x: x)):
        pairs = {}
        for src in LANGS:
            for tgt in LANGS:
                if src != tgt:
                    best = np.argmax(f(queries[src]) @ f(targets[tgt]).T, axis=1) + 1
                    pairs[f"{src}->{tgt}"] = round(float(np.mean(best == np.arange(1, 45))), 3)
        vals = list(pairs.values())
        out[name] = {"pairs": pairs, "mean": round(float(np.mean(vals)), 3), "min": round(float(min(vals)), 3)}
    return {**out["centered"], "raw": out["raw"]}


def evaluate_answers(stream: Callable[[str], Iterable["object"]], questions: Sequence[Question]) -> dict:
    """Citations, gists, refusals, language and latency of an answer stream, overall and by language.

    `stream(question)` yields what rag.answer.Answerer.stream yields: the first Answer is the first text the
    asker sees (the evidence), the last one is final. A yes/no answer contradicts the Consensus when its gist
    opens with the other verdict (its lead never gives one).
    """
    from rag.answer import Answer
    from rag.lang import detect
    from rag.verify import verdict_of
    rows = []
    for q in questions:
        t0 = time.perf_counter()
        first_ms, a = None, None
        for ev in stream(q.question):
            if isinstance(ev, Answer):
                first_ms = first_ms if first_ms is not None else (time.perf_counter() - t0) * 1000
                a = ev
        ms = (time.perf_counter() - t0) * 1000
        cited, gold = list(a.citations), set(q.gold)
        said = verdict_of(a.gist, q.lang) if a.gist else None
        first = a.direct or a.text.split("\n")[0]
        m = re.search(r"\[(\d+)\]$", first)
        quoted = int(m.group(1)) if m else None
        rows.append({
            "direct": first, "verdict": a.verdict, "not_mentioned": a.not_mentioned, "answer_kind": a.kind,
            "lead": _lead_kind(a, quoted), "is_direct": _is_direct(q, a, first, quoted),
            "id": q.id, "lang": q.lang, "kind": q.kind, "answerable": q.answerable, "refused": a.refused,
            "group": q.group,  # for evidence_agreement
            "route": a.route, "cited": cited, "gold": sorted(gold), "ms": ms, "first_text_ms": first_ms,
            "gist_ms": a.timings_ms.get("gist"), "gist": a.gist, "said": said,
            "precision": (len(set(cited) & gold) / len(cited)) if cited and q.answerable else None,
            "clause_recall": len(set(cited) & gold) / len(gold) if gold else None,
            "hit": bool(set(cited) & gold),
            "lang_ok": a.lang == q.lang and (not a.text.strip() or detect(a.text).lang == q.lang),
            "contradiction": bool(q.yesno and said and said != q.yesno), "yesno": q.yesno,
            "settling_sentence": _settling_sentence(q, quoted, a.direct_sentence),
        })

    def block(rs: list[dict]) -> dict:
        ans = [r for r in rs if r["answerable"] and "lookup" not in r["id"] and r["kind"] != "not_mentioned"]
        una = [r for r in rs if not r["answerable"]]
        yn = [r for r in rs if r["kind"] == "yesno"]
        mean = lambda xs: round(float(np.mean(xs)), 3) if xs else None  # noqa: E731
        pct = lambda xs: {"p50": percentile(xs, 50), "p95": percentile(xs, 95)}  # noqa: E731
        return {
            "n": len(rs),
            "citation_precision": mean([r["precision"] for r in ans if r["precision"] is not None]),
            "citation_recall": mean([r["hit"] for r in ans]),
            "clause_recall": mean([r["clause_recall"] for r in ans]),
            "gist_rate": mean([r["route"] == "model" for r in ans if not r["refused"]]),
            "language_match": mean([r["lang_ok"] for r in rs]),
            "refusal_accuracy": mean([r["refused"] for r in una]),
            "false_refusal_rate": mean([r["refused"] for r in ans]),
            "yesno_contradictions": sum(r["contradiction"] for r in yn) if yn else None,
            "yesno_with_verdict": sum(r["said"] is not None for r in yn) if yn else None,
            **_kind_block(rs),
            "first_text_ms": pct([r["first_text_ms"] for r in rs]),
            "gist_ms": pct([r["gist_ms"] for r in rs if r["gist_ms"] is not None]),
            "latency_ms": pct([r["ms"] for r in rs]),
        }
    return {"answers": {
        "overall": block(rows),
        "by_lang": {lang: block([r for r in rows if r["lang"] == lang]) for lang in LANGS
                    if any(r["lang"] == lang for r in rows)},
        "failures": [r for r in rows if (r["answerable"] and r["kind"] != "not_mentioned"
                                         and (not r["hit"] or (r["precision"] or 0) < 1))
                     or (not r["answerable"] and not r["refused"]) or not r["lang_ok"] or r["contradiction"]
                     or not r["is_direct"] or r["verdict"] and r["kind"] == "yesno" and r["verdict"] != r["yesno"]],
        "rows": rows,
    }}


def _lead_kind(a, quoted: Optional[int]) -> str:
    """How the first line opens: refusal, lookup, not_mentioned, premise (refuted), verdict, part (a whole part, said
    what it is), addresses (the clause is said to answer) or clause (the clause is only named)."""
    from rag import i18n
    if a.refused:
        return "refusal"
    if a.kind == "lookup":
        return "lookup"
    if a.not_mentioned:
        return "not_mentioned"
    if a.kind == "premise" and a.verdict == "no":
        return "premise"
    if a.verdict:
        return "verdict"
    from rag.direct import part_frame, with_addressee
    from rag.kinds import ADDRESSEES
    if any(a.direct.startswith(part_frame(span, a.lang)) for span in ADDRESSEES):
        return "part"
    if quoted is not None and a.direct.startswith(with_addressee(i18n.t("direct_addresses", a.lang, n=quoted), quoted,
                                                                 a.lang)):
        return "addresses"
    return "clause"


def _is_direct(q: Question, a, first: str, quoted: Optional[int]) -> Optional[bool]:
    """Does the first line answer? For an answerable question (not a lookup): a subject the Consensus does not
    mention is said to be so (or refused); otherwise the first line quotes a clause that answers, holding the
    asked fact. None where it does not apply (off-topic questions, lookups)."""
    if not q.answerable or q.is_lookup:
        return None
    if q.kind == "not_mentioned":
        return bool(a.not_mentioned) or a.refused
    return quoted in q.gold and (q.fact is None or q.fact in first)


def _settling_sentence(q: Question, quoted: Optional[int], sentence: str) -> Optional[bool]:
    """Does a first line that quotes the settling clause quote its settling sentence (the one holding the question's
    `evidence_en`)? Sentences are matched by place, so only where the asker's version has as many sentences as the
    English one; None where this does not apply."""
    from rag.corpus import load_corpus
    from rag.evidence import split_sentences
    if not (q.evidence_en and quoted in q.gold and sentence):
        return None
    # "[13] develop … programmes …; [42] support countries …": a passage per clause
    per_clause = {int(n): t.strip(" ;") for n, t in re.findall(r"\[(\d+)\]\s*([^\[]*)", q.evidence_en)}
    passage = per_clause.get(quoted) if per_clause else q.evidence_en
    if not passage:
        return None
    pieces = [p.strip(" .…").lower() for p in passage.split("...") if p.strip(" .…")]
    en = split_sentences(load_corpus().clause(quoted, "en").text)
    gold = next((i for i, s in enumerate(en) if all(p in s.lower() for p in pieces)), None)
    own = split_sentences(load_corpus().clause(quoted, q.lang).text)
    if gold is None or len(own) != len(en):
        return None
    return own[gold].strip() == sentence.strip()


def _kind_block(rs: list[dict]) -> dict:
    """The answer-kind metrics: direct first lines, verdicts, false premises, subjects not mentioned,
    every clause of broad questions, and how often each kind of lead is used."""
    mean = lambda xs: round(float(np.mean(xs)), 3) if xs else None  # noqa: E731
    direct = [r["is_direct"] for r in rs if r["is_direct"] is not None and not (r["refused"] and
                                                                                 r["kind"] != "not_mentioned")]
    yn = [r for r in rs if r["kind"] == "yesno" and r["yesno"]]
    given = [r for r in yn if r["verdict"]]
    nm = [r for r in rs if r["kind"] == "not_mentioned"]
    gold = [r for r in rs if r["answerable"] and r["gold"]]
    multi = [r for r in rs if r["kind"] == "multi"]
    premise = [r for r in rs if r["kind"] == "premise"]
    leads: dict = {}
    for r in rs:
        leads[r["lead"]] = leads.get(r["lead"], 0) + 1
    return {
        "direct_rate": mean(direct),
        "settling_sentence": mean([r["settling_sentence"] for r in rs if r["settling_sentence"] is not None]),
        "verdict_precision": mean([r["verdict"] == r["yesno"] for r in given]),
        "verdict_coverage": mean([bool(r["verdict"]) for r in yn]),
        "wrong_verdicts": sum(r["verdict"] != r["yesno"] for r in given) if yn else None,
        "premise_corrected": mean([r["verdict"] == "no" for r in premise]),
        "not_mentioned_accuracy": mean([bool(r["not_mentioned"]) or r["refused"] for r in nm]),
        "false_not_mentioned": mean([bool(r["not_mentioned"]) for r in gold]),
        "multi_clause_recall": mean([r["clause_recall"] for r in multi if r["clause_recall"] is not None]),
        "multi_clause_precision": mean([r["precision"] for r in multi if r["precision"] is not None]),
        "leads": leads,
    }
