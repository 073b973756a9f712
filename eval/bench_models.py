"""The bundled generative models side by side, in the three places a model could help an answer (issue 17, item 6).

    python -m eval.bench_models [--models qwen2.5-coder-0.5b,qwen2.5-coder-1.5b] [--threads 1]
                                [--parts judge,yesno,yesno_app,summary] [--judge-n 30] [--summary-n 12]
                                [--save results.json] [--show results.json ...]

  (a) relevance judge  Is each of the retriever's top 4 clauses (rag/evidence.py CANDIDATES) an answer to the
                       question? One forward pass per (question, clause), P(Yes) against P(No) for the next token,
                       no decoding. Against the gold clauses of eval/data/dev.jsonl (answerable, non-lookup,
                       `--judge-n` questions, the same number per language, drawn with a fixed seed).
  (b) yes/no judge     Given the gold clause(s), Yes or No by the same log-probabilities, on every yes/no question of
                       eval/data/kinds_dev.jsonl (60, half yes, half no, six languages). Beside it: the system's own
                       rule-based verdict (rag/verify.py settle, through the extractive Answerer) on the same questions.
                       (b2, part yesno_app) the same, given the clause the app's first line actually quotes.
  (c) summary          The one-sentence gist, prompted exactly as rag/answer.py does (the official sentence the first
                       line quotes, the system's opening), then rag/verify.py check_gist and the "restates the quote"
                       rule: how many would be shown, and how long writing them takes.

The models are the rows of rag/models.py BUNDLED (the 1.5B needs the optional extra `[bench]`), run one at a time
in this process with llama.cpp on `--threads` threads. Latency is reported twice: wall-clock (what a user on this
shared machine waited) and the process's CPU seconds (what the same call costs on an idle core, which is what the
3 s budget for one user is about). Thresholds appear only as measurements (marked in-sample, or learnt out of
fold); nothing in the app is tuned here.
"""
from __future__ import annotations

import argparse
import gc
import json
import math
import os
import random
import re
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Sequence

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from eval.harness import Question, load_questions  # noqa: E402
from rag.corpus import LANGS  # noqa: E402
from rag.evidence import CANDIDATES  # noqa: E402
from rag.settings import Settings  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"
SEED = 17

JUDGE_SYSTEM = ("You judge passages of the Beijing Consensus on Artificial Intelligence and Education (UNESCO, "
                "2019). Answer with one word: Yes or No.")
RELEVANCE_USER = "Passage: {passage}\n\nQuestion: {question}\n\nDoes this passage answer the question? Answer Yes or No."
YESNO_USER = ("Official text: {passage}\n\nQuestion: {question}\n\nAccording to the official text, is the answer "
              "to the question Yes or No? Answer Yes or No.")


# --- cases (no model) -----------------------------------------------------------------------------

@dataclass
class JudgeCase:
    id: str
    lang: str
    question: str
    gold: list[int]
    candidates: list[int]          # the retriever's top CANDIDATES clauses, in rank order
    retriever_scores: list[float]  # their dense cosine (Hit.score)
    passages: list[str]            # their official text in the question's language
    evidence: list[int]            # the clauses the evidence selector keeps


@dataclass
class YesNoCase:
    id: str
    lang: str
    question: str
    gold: list[int]
    answer: str                    # "yes" | "no"
    passage: str
    system_verdict: Optional[str]  # the rule-based verdict of the extractive pipeline, or None
    app_clause: Optional[int]      # the clause the app's first line quotes (None: refused)
    app_passage: str               # its whole official text in the answer's language


@dataclass
class SummaryCase:
    id: str
    lang: str
    question: str
    clause: int
    sentence: str                  # the official sentence the first line quotes
    quote: str                     # what the first line quotes of it
    answer_ms: float               # the extractive answer's total time (retrieval, evidence, first line)
    messages: list = field(default_factory=list)
    start: str = ""
    verdict: Optional[str] = None
    context: str = ""
    negated: list = field(default_factory=list)


def per_language(qs: Sequence[Question], n: int, accept) -> list:
    """accept(q) for questions drawn with a fixed seed, one language after the other, until n are accepted
    (None = not usable), at most ceil(n / 6) per language."""
    rng = random.Random(SEED)
    by_lang = {lg: [q for q in qs if q.lang == lg] for lg in LANGS}
    for lg in by_lang:
        rng.shuffle(by_lang[lg])
    cap, out, taken = math.ceil(n / len(LANGS)), [], Counter()
    for i in range(max(map(len, by_lang.values()), default=0)):
        for lg in LANGS:
            if len(out) < n and taken[lg] < cap and i < len(by_lang[lg]):
                case = accept(by_lang[lg][i])
                if case is not None:
                    out.append(case)
                    taken[lg] += 1
    return out


def quoted(direct: str, lang: str) -> str:
    """What the first line quotes (between the language's quotation marks), or "" when it quotes nothing."""
    from rag.direct import QUOTES
    a, b = QUOTES[lang]
    m = re.search(re.escape(a.strip()) + r"\s*(.+?)\s*" + re.escape(b.strip()), direct)
    return m.group(1) if m else ""


def build_cases(judge_n: int, summary_n: int) -> tuple[list[JudgeCase], list[YesNoCase], list[SummaryCase], object]:
    from rag.answer import Answerer
    from rag.direct import Direct
    from rag.kinds import Kind

    answerer = Answerer(Settings.load({"backend": "extractive"}))
    answerer.warm()
    retriever, corpus = answerer.retriever, answerer.retriever.corpus

    def judge_case(q: Question) -> Optional[JudgeCase]:
        ret = retriever.run(q.question)
        if not ret.in_scope or ret.lookup:  # the app judges nothing it refuses
            return None
        hits = ret.hits[:CANDIDATES]
        return JudgeCase(q.id, ret.query_lang, q.question, list(q.gold), [h.clause for h in hits],
                         [h.score for h in hits], [h.text for h in hits],
                         [e.clause for e in answerer.selector.run(ret)])
    pool = [q for q in load_questions(DATA / "dev.jsonl") if q.answerable and not q.is_lookup]
    judge = per_language(pool, judge_n, judge_case)

    kinds = load_questions(DATA / "kinds_dev.jsonl")
    yesno = []
    for q in [q for q in kinds if q.kind == "yesno"]:
        passage = "\n".join(f"[{n}] {corpus.clause(n, q.lang).text}" for n in q.gold) if len(q.gold) > 1 else \
            corpus.clause(q.gold[0], q.lang).text
        ans = answerer.run(q.question)  # as the app answers it: language detected, evidence retrieved
        app = ans.evidence[0].clause if ans.evidence and ans.direct_sentence else None
        yesno.append(YesNoCase(q.id, q.lang, q.question, list(q.gold), q.yesno, passage, ans.verdict, app,
                               corpus.clause(app, ans.lang).text if app else ""))

    def summary_case(q: Question) -> Optional[SummaryCase]:
        t = time.perf_counter()
        ans = answerer.run(q.question)
        ms = (time.perf_counter() - t) * 1000
        if ans.refused or not ans.direct_sentence or not ans.evidence or ans.lang != q.lang:
            return None  # no first line quoting a sentence: the app writes no summary either
        clause = ans.evidence[0].clause  # the first line quotes the best clause (rag/answer.py _direct)
        direct = Direct(Kind(ans.kind), ans.direct, ans.verdict, clause, ans.direct_sentence,
                        quoted(ans.direct, ans.lang) or ans.direct_sentence)
        # The production plan (rag/answer.py), so the prompt, opening and check inputs are exactly the app's.
        plan = answerer._gist_plan(q.question, ans.retrieval, direct)
        return SummaryCase(q.id, q.lang, q.question, clause, ans.direct_sentence, direct.quote, ms,
                           plan.messages, plan.start, plan.verdict, plan.context, list(plan.negated))
    pool = [q for q in kinds if q.kind in ("explain", "yesno", "fact", "premise", "multi")]
    summary = per_language(pool, summary_n, summary_case)
    return judge, yesno, summary, answerer


# --- the model ----------------------------------------------------------------------------------

class Scorer:
    """One llama.cpp model: next-token Yes/No log-probabilities after a chat prompt, and the app's generator."""

    def __init__(self, key: str, threads: int) -> None:
        from rag.generate import LlamaCppGenerator
        from rag.models import BUNDLED, bundled_gguf
        path = bundled_gguf(Settings.load().cache_path, BUNDLED[key])
        t = time.perf_counter()
        self.gen = LlamaCppGenerator(path, n_threads=threads)
        self.llm = self.gen.load()
        self.load_s = time.perf_counter() - t
        self.template = self.gen._template(self.llm)  # the GGUF's chat template, as the app renders it

        def ids(words: Sequence[str]) -> list[int]:
            out = []
            for w in words:
                tok = self.llm.tokenize(w.encode(), add_bos=False, special=False)
                if len(tok) == 1:
                    out.append(tok[0])
            return sorted(set(out))
        self.yes, self.no = ids(["Yes", " Yes", "yes", " yes", "YES"]), ids(["No", " No", "no", " no", "NO"])
        assert self.yes and self.no, "the tokenizer has no single-token Yes/No"

    def margin(self, user: str, passage: str) -> dict:
        """log P(Yes) - log P(No) for the answer's first token, with the pass's wall and CPU seconds.

        The prompt is evaluated in two pieces, up to the end of the passage and the rest, and both are timed:
        the second alone is what a judge would cost if each clause's KV cache were computed once and reused."""
        import llama_cpp
        prompt = self.template(messages=[{"role": "system", "content": JUDGE_SYSTEM},
                                         {"role": "user", "content": user}]).prompt
        cut = prompt.index(passage) + len(passage)
        head = self.llm.tokenize(prompt[:cut].encode(), add_bos=False, special=True)
        tail = self.llm.tokenize(prompt[cut:].encode(), add_bos=False, special=True)
        t, c = time.perf_counter(), time.process_time()
        self.llm.reset()  # a fresh pass: no cached prefix, as for a question nobody asked before
        self.llm.eval(head)
        t2, c2 = time.perf_counter(), time.process_time()
        self.llm.eval(tail)
        logits = np.ctypeslib.as_array(llama_cpp.llama_get_logits_ith(self.llm.ctx, -1),
                                       shape=(self.llm.n_vocab(),)).astype(np.float64)
        t3, c3 = time.perf_counter(), time.process_time()
        logp = logits - (logits.max() + math.log(np.exp(logits - logits.max()).sum()))
        lse = lambda ix: float(np.logaddexp.reduce(logp[ix]))  # noqa: E731
        return {"margin": lse(self.yes) - lse(self.no), "wall_s": t3 - t, "cpu_s": c3 - c,
                "tail_cpu_s": c3 - c2, "tail_wall_s": t3 - t2, "tokens": len(head) + len(tail),
                "tail_tokens": len(tail)}

    def close(self) -> None:
        self.llm.close()
        self.llm = self.gen = None
        gc.collect()


def run_judge(s: Scorer, cases: Sequence[JudgeCase]) -> list[dict]:
    rows = []
    for c in cases:
        for n, passage, score in zip(c.candidates, c.passages, c.retriever_scores):
            m = s.margin(RELEVANCE_USER.format(passage=passage, question=c.question), passage)
            rows.append({"id": c.id, "lang": c.lang, "clause": n, "gold": n in c.gold, "retriever": score,
                         "kept": n in c.evidence, "rank": c.candidates.index(n), **m})
        print(f"  judge {c.id}: {[round(r['margin'], 2) for r in rows[-len(c.candidates):]]}", flush=True)
    return rows


def run_yesno(s: Scorer, cases: Sequence[YesNoCase], app: bool = False) -> list[dict]:
    """Yes/No given the gold clause(s), or (app=True) given the clause the app's first line quotes."""
    rows = []
    for c in cases:
        passage = c.app_passage if app else c.passage
        if not passage:
            continue
        m = s.margin(YESNO_USER.format(passage=passage, question=c.question), passage)
        rows.append({"id": c.id, "lang": c.lang, "answer": c.answer, "system": c.system_verdict,
                     "clause_is_gold": c.app_clause in c.gold if app else True, **m})
        print(f"  yes/no{' (app clause)' if app else ''} {c.id}: gold {c.answer}, margin {m['margin']:+.2f}",
              flush=True)
    return rows


def run_summary(s: Scorer, cases: Sequence[SummaryCase], answerer, max_tokens: int) -> list[dict]:
    from rag.answer import _continue, restates
    from rag.verify import check_gist
    rows = []
    for c in cases:
        t, cpu = time.perf_counter(), time.process_time()
        draft = "".join(s.gen.stream(c.messages, max_tokens, stop=("\n",)))
        wall, cpu = time.perf_counter() - t, time.process_time() - cpu
        gist = _continue(c.start, draft)
        check = check_gist(gist, c.question, (c.sentence,), c.lang, answerer._embed, start=c.start,
                           context=c.context, verdict=c.verdict, negated=c.negated)
        same = check.ok and restates(check.text, c.start, c.quote, c.lang)
        rows.append({"id": c.id, "lang": c.lang, "clause": c.clause, "gist": check.text, "ok": check.ok,
                     "reasons": list(check.reasons), "restates": same, "shown": check.ok and not same,
                     "wall_s": wall, "cpu_s": cpu, "answer_ms": c.answer_ms,
                     "tokens": len(s.llm.tokenize(draft.encode(), add_bos=False))})
        print(f"  summary {c.id}: {'shown' if rows[-1]['shown'] else 'restates' if same else 'rejected'} "
              f"{check.reasons} {check.text!r}", flush=True)
    return rows


# --- metrics --------------------------------------------------------------------------------------

def auc(pos: Sequence[float], neg: Sequence[float]) -> float:
    """P(a random positive scores above a random negative), ties counted half."""
    if not pos or not neg:
        return float("nan")
    return sum((p > n) + 0.5 * (p == n) for p in pos for n in neg) / (len(pos) * len(neg))


def prf(rows: Sequence[dict], keep) -> tuple[float, float, float]:
    tp = sum(1 for r in rows if keep(r) and r["gold"])
    fp = sum(1 for r in rows if keep(r) and not r["gold"])
    fn = sum(1 for r in rows if not keep(r) and r["gold"])
    p = tp / (tp + fp) if tp + fp else float("nan")
    r = tp / (tp + fn) if tp + fn else float("nan")
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def p50(xs: Sequence[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def p90(xs: Sequence[float]) -> float:
    return float(np.percentile(xs, 90)) if xs else float("nan")


def judge_metrics(rows: list[dict]) -> dict:
    by_q: dict[str, list[dict]] = {}
    for r in rows:
        by_q.setdefault(r["id"], []).append(r)
    qs = list(by_q.values())
    best = max(sorted({r["margin"] for r in rows}), key=lambda t: prf(rows, lambda r: r["margin"] >= t)[2])
    mixed = [q for q in qs if any(r["gold"] for r in q) and not all(r["gold"] for r in q)]
    return {
        "questions": len(qs), "candidates": len(rows),
        "gold_in_top4": sum(any(r["gold"] for r in q) for q in qs) / len(qs),
        "retriever_top1": sum(q[0]["gold"] for q in qs) / len(qs),
        "judge_top1": sum(max(q, key=lambda r: r["margin"])["gold"] for q in qs) / len(qs),
        "mixed": len(mixed),  # questions with gold and non-gold candidates: only these can be reordered
        "retriever_top1_mixed": sum(q[0]["gold"] for q in mixed) / max(1, len(mixed)),
        "judge_top1_mixed": sum(max(q, key=lambda r: r["margin"])["gold"] for q in mixed) / max(1, len(mixed)),
        "auc_judge": auc([r["margin"] for r in rows if r["gold"]], [r["margin"] for r in rows if not r["gold"]]),
        "auc_retriever": auc([r["retriever"] for r in rows if r["gold"]],
                             [r["retriever"] for r in rows if not r["gold"]]),
        "yes_prf": prf(rows, lambda r: r["margin"] > 0),
        "best_threshold": best, "best_prf": prf(rows, lambda r: r["margin"] >= best),
        "evidence_prf": prf(rows, lambda r: r["kept"]),
        "said_yes": sum(r["margin"] > 0 for r in rows) / len(rows),
        "wall_p50_ms": 1000 * p50([r["wall_s"] for r in rows]), "cpu_p50_ms": 1000 * p50([r["cpu_s"] for r in rows]),
        "cpu_p90_ms": 1000 * p90([r["cpu_s"] for r in rows]), "tokens_mean": statistics.mean(r["tokens"] for r in rows),
        "tail_cpu_p50_ms": 1000 * p50([r["tail_cpu_s"] for r in rows]),
        "tail_tokens_mean": statistics.mean(r["tail_tokens"] for r in rows),
    }


def _group(row: dict) -> str:
    return row["id"].rsplit("-", 1)[0]  # "k-dev-yn01-en" -> the question asked in all six languages


def _band(rows: Sequence[dict], target: float = 0.97) -> tuple[float, float]:
    """(lo, hi): say No at margin <= lo, Yes at margin >= hi, nothing between; the widest coverage whose
    precision on `rows` is >= target (no verdict at all when none reaches it)."""
    ms = sorted({r["margin"] for r in rows})
    best, band = (0.0, 0.0), (-math.inf, math.inf)
    for i, lo in enumerate([-math.inf] + ms):
        for hi in [h for h in ms + [math.inf] if h > lo]:
            said = [r for r in rows if r["margin"] <= lo or r["margin"] >= hi]
            if not said:
                continue
            prec = sum((r["margin"] >= hi) == (r["answer"] == "yes") for r in said) / len(said)
            if prec >= target and (len(said), prec) > best:
                best, band = (len(said), prec), (lo, hi)
    return band


def out_of_fold(rows: list[dict]) -> dict:
    """Thresholds learnt on the other question groups, applied to each held-out group (every language of one
    question held out together, so a translation never tests a threshold its own twin chose)."""
    right = said = right_said = 0
    for g in sorted({_group(r) for r in rows}):
        train = [r for r in rows if _group(r) != g]
        test = [r for r in rows if _group(r) == g]
        t = max([r["margin"] for r in train] + [math.inf],
                key=lambda t: sum((r["margin"] >= t) == (r["answer"] == "yes") for r in train))
        right += sum((r["margin"] >= t) == (r["answer"] == "yes") for r in test)
        lo, hi = _band(train)
        for r in test:
            if r["margin"] <= lo or r["margin"] >= hi:
                said += 1
                right_said += (r["margin"] >= hi) == (r["answer"] == "yes")
    return {"oof_accuracy": right / len(rows), "oof_coverage": said / len(rows),
            "oof_precision": right_said / said if said else float("nan")}


def yesno_metrics(rows: list[dict]) -> dict:
    right = [r for r in rows if (r["margin"] > 0) == (r["answer"] == "yes")]
    wrong = [r for r in rows if r not in right]
    # Abstain below |margin| t: the largest share answered with precision >= 0.97 (in-sample, so optimistic).
    cover = 0.0
    for t in sorted({abs(r["margin"]) for r in rows}):
        kept = [r for r in rows if abs(r["margin"]) >= t]
        if kept and sum(r in right for r in kept) / len(kept) >= 0.97:
            cover = max(cover, len(kept) / len(rows))
    sys_said = [r for r in rows if r["system"]]
    sys_right = [r for r in sys_said if r["system"] == r["answer"]]
    return {
        "questions": len(rows), "accuracy": len(right) / len(rows),
        # Threshold-free: does the margin order the yes questions above the no questions at all?
        "yes_min": min([r["margin"] for r in rows if r["answer"] == "yes"], default=float("nan")),
        "no_max": max([r["margin"] for r in rows if r["answer"] == "no"], default=float("nan")),
        "auc_answer": auc([r["margin"] for r in rows if r["answer"] == "yes"],
                          [r["margin"] for r in rows if r["answer"] == "no"]),
        "best_accuracy": max(sum((r["margin"] >= t) == (r["answer"] == "yes") for r in rows)
                             for t in [r["margin"] for r in rows] + [math.inf]) / len(rows),
        "yes_on_no": sum(1 for r in rows if r["answer"] == "no" and r["margin"] > 0),
        "no_answers": sum(1 for r in rows if r["answer"] == "no"),
        "no_on_yes": sum(1 for r in rows if r["answer"] == "yes" and r["margin"] <= 0),
        "yes_answers": sum(1 for r in rows if r["answer"] == "yes"),
        "per_lang": {lg: sum(r in right for r in rows if r["lang"] == lg) / sum(r["lang"] == lg for r in rows)
                     if any(r["lang"] == lg for r in rows) else float("nan") for lg in LANGS},
        "margin_right": p50([abs(r["margin"]) for r in right]), "margin_wrong": p50([abs(r["margin"]) for r in wrong]),
        "auc_margin": auc([abs(r["margin"]) for r in right], [abs(r["margin"]) for r in wrong]),
        "coverage_at_97": cover,
        "system_coverage": len(sys_said) / len(rows),
        "system_precision": len(sys_right) / len(sys_said) if sys_said else float("nan"),
        "model_agrees_with_system": sum(1 for r in sys_said if (r["margin"] > 0) == (r["system"] == "yes")),
        "system_verdicts": len(sys_said),
        "model_vetoes_right": sum(1 for r in sys_right if (r["margin"] > 0) != (r["system"] == "yes")),
        "model_vetoes_wrong": sum(1 for r in sys_said if r not in sys_right and (r["margin"] > 0) != (r["system"] == "yes")),
        "wall_p50_ms": 1000 * p50([r["wall_s"] for r in rows]), "cpu_p50_ms": 1000 * p50([r["cpu_s"] for r in rows]),
        "clause_is_gold": sum(r.get("clause_is_gold", True) for r in rows), **out_of_fold(rows),
    }


def summary_metrics(rows: list[dict]) -> dict:
    reasons = Counter(x.split(":")[0] for r in rows for x in r["reasons"])
    return {
        "summaries": len(rows), "pass": sum(r["ok"] for r in rows), "restates": sum(r["restates"] for r in rows),
        "shown": sum(r["shown"] for r in rows), "reasons": dict(reasons.most_common()),
        "wall_p50_s": p50([r["wall_s"] for r in rows]), "cpu_p50_s": p50([r["cpu_s"] for r in rows]),
        "cpu_p90_s": p90([r["cpu_s"] for r in rows]), "tokens_p50": p50([r["tokens"] for r in rows]),
        "answer_p50_ms": p50([r["answer_ms"] for r in rows]),
    }


# --- tables ---------------------------------------------------------------------------------------

def f(x: float, digits: int = 2) -> str:
    return "–" if x != x else f"{x:.{digits}f}"


def pr(t: tuple) -> str:
    return f"{f(t[0])} / {f(t[1])}"


def print_tables(results: dict) -> None:
    models = list(results)
    head = "| | " + " | ".join(models) + " |\n|---|" + "---|" * len(models)
    load = " | ".join(f"{results[m]['load_s']:.1f} s" for m in models)
    print(f"Models loaded ({results[models[0]]['threads']} thread(s)): {load}; load average over the last run "
          + ", ".join(f"{m}: {results[m]['loadavg'][0]:.1f}→{results[m]['loadavg'][1]:.1f}" for m in models))

    if all("judge" in results[m] for m in models):
        print_judge(results, models, head)
    if all("yesno" in results[m] for m in models):
        print_yesno(results, models, "yesno", head)
    if all("yesno_app" in results[m] for m in models):
        print_yesno(results, models, "yesno_app", head)
    if all("summary" in results[m] for m in models):
        print_summary(results, models, head)


def print_judge(results: dict, models: list, head: str) -> None:
    j = {m: judge_metrics(results[m]["judge"]) for m in models}
    one = j[models[0]]
    print(f"\n(a) Relevance judge: {one['questions']} dev questions x top {CANDIDATES} retrieved clauses "
          f"({one['candidates']} pairs); a gold clause is in the top {CANDIDATES} for {one['gold_in_top4']:.0%}, "
          f"{one['mixed']} questions have gold and non-gold candidates")
    print(head)
    rows = [("first choice is gold (retriever top-1: " + f(one["retriever_top1"]) + ")", "judge_top1", f),
            *([(f"… on the {one['mixed']} mixed questions (retriever: {f(one['retriever_top1_mixed'])})",
                "judge_top1_mixed", f)] if one["mixed"] < one["questions"] else []),
            (f"AUC gold vs non-gold (retriever cosine: {f(one['auc_retriever'])})", "auc_judge", f),
            ("share of pairs it says Yes to", "said_yes", f),
            ("precision / recall at Yes > No", "yes_prf", pr),
            ("precision / recall at its best-F1 threshold (in-sample)", "best_prf", pr),
            (f"(evidence selector, no model: {pr(one['evidence_prf'])})", None, None),
            ("latency per candidate p50, CPU ms (1 thread)", "cpu_p50_ms", lambda x: f"{x:.0f}"),
            ("latency per candidate p90, CPU ms", "cpu_p90_ms", lambda x: f"{x:.0f}"),
            ("latency per candidate p50, wall ms (shared machine)", "wall_p50_ms", lambda x: f"{x:.0f}"),
            ("prompt tokens, mean", "tokens_mean", lambda x: f"{x:.0f}"),
            ("… with each clause's KV cache precomputed: CPU ms p50", "tail_cpu_p50_ms", lambda x: f"{x:.0f}"),
            ("… tokens still to read, mean", "tail_tokens_mean", lambda x: f"{x:.0f}")]
    for label, key, fmt in rows:
        if key:
            print(f"| {label} | " + " | ".join(fmt(j[m][key]) for m in models) + " |")
        else:
            print(f"| {label} | " + " | ".join("" for _ in models) + " |")



def print_summary(results: dict, models: list, head: str) -> None:
    s = {m: summary_metrics(results[m]["summary"]) for m in models}
    one = s[models[0]]
    langs = Counter(r["lang"] for r in results[models[0]]["summary"])
    print(f"\n(c) Summary of the quoted official sentence, {one['summaries']} questions of kinds_dev "
          f"({', '.join(f'{v} {k}' for k, v in langs.items())}), prompt and checks as in rag/answer.py; the "
          f"extractive answer itself took p50 {one['answer_p50_ms']:.0f} ms")
    print(head)
    for label, fn in [
            ("pass check_gist", lambda d: f"{d['pass']} of {d['summaries']}"),
            ("… of which restate the quote (not shown)", lambda d: str(d["restates"])),
            ("would be shown", lambda d: f"{d['shown']} of {d['summaries']}"),
            ("rejections by reason", lambda d: ", ".join(f"{k} {v}" for k, v in d["reasons"].items()) or "–"),
            ("tokens written, p50", lambda d: f"{d['tokens_p50']:.0f}"),
            ("summary latency p50, CPU s (1 thread)", lambda d: f(d["cpu_p50_s"], 1)),
            ("summary latency p90, CPU s", lambda d: f(d["cpu_p90_s"], 1)),
            ("summary latency p50, wall s (shared machine)", lambda d: f(d["wall_p50_s"], 1))]:
        print(f"| {label} | " + " | ".join(fn(s[m]) for m in models) + " |")


def print_yesno(results: dict, models: list, part: str, head: str) -> None:
    y = {m: yesno_metrics(results[m][part]) for m in models}
    one = y[models[0]]
    given = "the gold clause" if part == "yesno" else \
        f"the clause the app's first line quotes (gold for {one['clause_is_gold']} of {one['questions']})"
    print(f"\n(b{'' if part == 'yesno' else '2'}) Yes/no judge given {given}: {one['questions']} yes/no questions of kinds_dev "
          f"({one['yes_answers']} yes, {one['no_answers']} no). The rule-based verdict (settle) on the same "
          f"questions: coverage {f(one['system_coverage'])}, precision {f(one['system_precision'])} "
          f"({one['system_verdicts']} verdicts)")
    print(head)
    for label, fn in [
            ("accuracy (Yes when log P(Yes) > log P(No))", lambda d: f(d["accuracy"])),
            ("said Yes where the answer is No", lambda d: f"{d['yes_on_no']} of {d['no_answers']}"),
            ("said No where the answer is Yes", lambda d: f"{d['no_on_yes']} of {d['yes_answers']}"),
            ("accuracy en fr es ru zh ar", lambda d: " ".join(f(d["per_lang"][lg], 1) for lg in LANGS)),
            ("median abs(margin), right / wrong answers", lambda d: f"{f(d['margin_right'])} / {f(d['margin_wrong'])}"),
            ("AUC of abs(margin), right vs wrong answers (0.5 = no signal)", lambda d: f(d["auc_margin"])),
            ("coverage at precision ≥ 0.97, abstaining where abs(margin) is small (in-sample)",
             lambda d: f(d["coverage_at_97"])),
            ("the margin as a score: AUC, yes vs no questions", lambda d: f(d["auc_answer"])),
            ("… lowest margin of a yes question / highest of a no question",
             lambda d: f"{f(d['yes_min'])} / {f(d['no_max'])}"),
            ("… accuracy at its best threshold instead of 0 (in-sample)", lambda d: f(d["best_accuracy"])),
            ("… accuracy, threshold learnt on the other 9 question groups (out of fold)",
             lambda d: f(d["oof_accuracy"])),
            ("… precision / coverage, No-below/Yes-above band learnt for precision ≥ 0.97 (out of fold)",
             lambda d: f"{f(d['oof_precision'])} / {f(d['oof_coverage'])}"),
            ("agrees with the rule-based verdicts (at 0)", lambda d: f"{d['model_agrees_with_system']} of {d['system_verdicts']}"),
            ("as a veto of them (at 0): wrong verdicts caught / right ones lost",
             lambda d: f"{d['model_vetoes_wrong']} / {d['model_vetoes_right']}"),
            ("latency p50, CPU ms (1 thread)", lambda d: f"{d['cpu_p50_ms']:.0f}"),
            ("latency p50, wall ms (shared machine)", lambda d: f"{d['wall_p50_ms']:.0f}")]:
        print(f"| {label} | " + " | ".join(fn(y[m]) for m in models) + " |")


def main() -> None:
    from rag.models import BUNDLED
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--models", default=",".join(BUNDLED), help=f"comma-separated keys of {', '.join(BUNDLED)}")
    ap.add_argument("--threads", type=int, default=1, help="llama.cpp threads (the machine is shared: 1)")
    ap.add_argument("--judge-n", type=int, default=30, help="questions for the relevance judge (x4 candidates)")
    ap.add_argument("--yesno-n", type=int, default=0, help="yes/no questions (0 = all 60)")
    ap.add_argument("--summary-n", type=int, default=12)
    ap.add_argument("--max-tokens", type=int, default=Settings().max_tokens)
    ap.add_argument("--parts", default="judge,yesno,yesno_app,summary",
                    help="what to measure: judge (a), yesno (b, gold clause), yesno_app (b2, the app's clause), "
                         "summary (c)")
    ap.add_argument("--save", help="write every measured row to this JSON file (results are merged into it)")
    ap.add_argument("--show", nargs="*", help="print the tables of saved results, measuring nothing")
    args = ap.parse_args()
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

    if args.show:
        results = {}
        for path in args.show:
            results.update(json.loads(Path(path).read_text()))
        print_tables(results)
        return
    keys = [k.strip() for k in args.models.split(",") if k.strip()]
    parts = {p.strip() for p in args.parts.split(",") if p.strip()}
    if parts - {"judge", "yesno", "yesno_app", "summary"}:
        ap.error(f"unknown part(s) {', '.join(sorted(parts - {'judge', 'yesno', 'yesno_app', 'summary'}))}")
    unknown = [k for k in keys if k not in BUNDLED]
    if unknown:
        ap.error(f"unknown model(s) {', '.join(unknown)}: choose from {', '.join(BUNDLED)}")

    t = time.perf_counter()
    judge, yesno, summary, answerer = build_cases(args.judge_n, args.summary_n)
    yesno = yesno[:args.yesno_n or None]
    print(f"cases: {len(judge)} judge questions, {len(yesno)} yes/no, {len(summary)} summaries "
          f"({time.perf_counter() - t:.0f} s)", flush=True)
    saved = json.loads(Path(args.save).read_text()) if args.save and Path(args.save).is_file() else {}
    results = {}
    for key in keys:  # one model in memory at a time
        before = os.getloadavg()[0]
        s = Scorer(key, args.threads)
        print(f"{key}: loaded in {s.load_s:.1f} s", flush=True)
        results[key] = {"threads": args.threads, "load_s": s.load_s}
        try:
            if "judge" in parts:
                results[key]["judge"] = run_judge(s, judge)
            if "yesno" in parts:
                results[key]["yesno"] = run_yesno(s, yesno)
            if "yesno_app" in parts:
                results[key]["yesno_app"] = run_yesno(s, yesno, app=True)
            if "summary" in parts:
                results[key]["summary"] = run_summary(s, summary, answerer, args.max_tokens)
        finally:
            s.close()
        results[key]["loadavg"] = [before, os.getloadavg()[0]]
        if args.save:  # merged part by part: measuring one part again keeps the others
            saved[key] = {**saved.get(key, {}), **results[key]}
            Path(args.save).write_text(json.dumps(saved, ensure_ascii=False, indent=1))
    print()
    print_tables(results)


if __name__ == "__main__":
    main()
