"""Tune the evidence cut on the dev set: clause recall vs citation precision for a grid of settings.

  python eval/tune_evidence.py [--questions eval/data/dev.jsonl]
  python eval/tune_evidence.py --direct --questions eval/data/dev.jsonl eval/data/kinds_dev.jsonl

--direct calibrates the first line's frame instead (LanguageProfile.confident, rag/answer.py): for each threshold
on the best clause's evidence score, the share of answers at or above it and how often that clause is a gold one,
overall and per language.

Retrieval runs once per question; each grid point re-selects evidence from the same hits. Prints one
row per setting (answerable, non-lookup questions only), best first by the issue's targets.
"""
from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from eval.harness import load_questions  # noqa: E402
from rag.evidence import EvidenceSelector  # noqa: E402
from rag.retrieve import Retriever  # noqa: E402
from rag.settings import Settings  # noqa: E402


def score(rows) -> dict:
    prec = [len(set(c) & set(g)) / len(c) for c, g in rows if c]
    rec = [len(set(c) & set(g)) / len(g) for c, g in rows]
    hit = [bool(set(c) & set(g)) for c, g in rows]
    return {"precision": float(np.mean(prec)), "clause_recall": float(np.mean(rec)), "hit": float(np.mean(hit)),
            "clauses": float(np.mean([len(c) for c, _ in rows]))}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--questions", nargs="+", default=[None])
    ap.add_argument("--direct", action="store_true",
                    help="calibrate 'addresses this' (LanguageProfile.confident) instead")
    ap.add_argument("--kind", help="only questions of this kind (multi, yesno, single)")
    args = ap.parse_args()
    settings = Settings.load({"backend": "extractive"})
    r = Retriever(settings)
    r.warm()
    sel = EvidenceSelector(r)
    sel.warm()
    qs = [q for path in args.questions for q in load_questions(path) if q.answerable and q.gold and not q.is_lookup
          and (not args.kind or getattr(q, "kind", None) == args.kind)]
    cases = []
    for q in qs:
        ret = r.run(q.question, k=10)
        if ret.in_scope:
            cases.append((q, ret, r.embedder.queries([q.question])[0]))
    if args.direct:
        return calibrate([(sel.run(ret, qv), q.gold, q.lang) for q, ret, qv in cases])
    grid = itertools.product((0.0, 0.0025, 0.005, 0.0075, 0.01, 0.02, 0.04), (2, 3, 4), (4, 6))
    results = []
    for gap, maxc, cand in grid:
        rows = [([e.clause for e in sel.run(ret, qv, clause_gap=gap, max_clauses=maxc, candidates=cand)], q.gold)
                for q, ret, qv in cases]
        results.append(((gap, maxc, cand), score(rows)))
    print(f"{len(cases)} answerable in-scope questions")
    print("| gap | max | cand | precision | clause_recall | any hit | clauses/answer |")
    print("|---|---|---|---|---|---|---|")
    for (gap, maxc, cand), m in sorted(results, key=lambda x: -(min(x[1]["precision"] / .85, x[1]["clause_recall"] / .88))):
        print(f"| {gap} | {maxc} | {cand} | {m['precision']:.3f} | {m['clause_recall']:.3f} | {m['hit']:.3f} | "
              f"{m['clauses']:.2f} |")


def calibrate(rows) -> None:
    best = [(ev[0].score, ev[0].clause in gold, lang) for ev, gold, lang in rows if ev]
    print(f"{len(best)} answered questions; best clause is a gold one for {np.mean([ok for _, ok, _ in best]):.3f}")
    langs = sorted({lang for _, _, lang in best})
    print("| evidence score at or above | share of answers | best clause gold | " + " | ".join(langs) + " |")
    print("|---|---|---|" + "---|" * len(langs))
    for t in (0.83, 0.84, 0.85, 0.86, 0.87, 0.88, 0.89, 0.90):
        above = [ok for s, ok, _ in best if s >= t]
        # per language: right / answers at or above the bar (a language whose scores run high gets more claims)
        per = [f"{sum(ok for s, ok, lg in best if s >= t and lg == lang)}/{sum(s >= t for s, _, lg in best if lg == lang)}"
               for lang in langs]
        print(f"| {t} | {len(above) / len(best):.2f} | {np.mean(above) if above else float('nan'):.3f} | "
              + " | ".join(per) + " |")


if __name__ == "__main__":
    main()
