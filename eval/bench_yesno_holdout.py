"""The 1.5B model as a yes/no judge on the held-out yes/no questions (eval/data/kinds_holdout.jsonl), with the band
learnt on the development questions (docs/bench_models.json): does it carry over?

    python eval/bench_yesno_holdout.py [--threads 1] [--save rows.jsonl]

Needs the optional extra `[bench]` (the 1.5B parts). One forward pass per question and clause (the gold clause, and
the clause the app's first line quotes), P(Yes) against P(No), as eval/bench_models.py measures them. Prints one
row per question and then a table.
"""
from __future__ import annotations

import argparse
import json
import logging
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eval.bench_models import DATA, YESNO_USER, Scorer, auc  # noqa: E402
from eval.harness import load_questions  # noqa: E402
from rag.settings import Settings  # noqa: E402

DEV = Path(__file__).resolve().parents[1] / "docs" / "bench_models.json"


def dev_band() -> tuple[float, float]:
    """(highest dev "no" margin, lowest dev "yes" margin) of the 1.5B with the gold clause."""
    rows = json.loads(DEV.read_text())["qwen2.5-coder-1.5b"]["yesno"]
    return (max(r["margin"] for r in rows if r["answer"] == "no"), min(r["margin"] for r in rows if r["answer"] == "yes"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--save")
    args = ap.parse_args()
    logging.disable(logging.WARNING)
    from rag.answer import Answerer
    answerer = Answerer(Settings.load({"backend": "extractive"}))
    corpus = answerer.retriever.corpus
    scorer = Scorer("qwen2.5-coder-1.5b", args.threads)
    rows = []
    for q in [q for q in load_questions(DATA / "kinds_holdout.jsonl") if q.kind == "yesno"]:
        gold = "\n".join(f"[{n}] {corpus.clause(n, q.lang).text}" for n in q.gold) if len(q.gold) > 1 else \
            corpus.clause(q.gold[0], q.lang).text
        ans = answerer.run(q.question)
        app = ans.evidence[0].clause if ans.evidence else None
        m = scorer.margin(YESNO_USER.format(passage=gold, question=q.question), gold)
        row = {"id": q.id, "lang": q.lang, "answer": q.yesno, "gold_margin": m["margin"], "cpu_s": m["cpu_s"],
               "app": app, "app_gold": app in q.gold, "rule": ans.verdict}
        if app:
            text = corpus.clause(app, q.lang).text
            row["app_margin"] = scorer.margin(YESNO_USER.format(passage=text, question=q.question), text)["margin"]
        rows.append(row)
        print(json.dumps(row), flush=True)
    if args.save:
        Path(args.save).write_text("".join(json.dumps(r) + "\n" for r in rows))
    report(rows)


def report(rows: list[dict]) -> None:
    lo, hi = dev_band()
    print(f"\ndev band: No at margin <= {lo:.2f}, Yes at >= {hi:.2f}")
    print(f"{'clause':<8}{'AUC':>7}{'acc@0':>8}{'said':>7}{'precision':>11}")
    for key in ("gold_margin", "app_margin"):
        rs = [r for r in rows if key in r]
        said = [r for r in rs if r[key] <= lo or r[key] >= hi]
        right = sum((r[key] >= hi) == (r["answer"] == "yes") for r in said)
        pos = [r[key] for r in rs if r["answer"] == "yes"]
        neg = [r[key] for r in rs if r["answer"] == "no"]
        acc = sum((r[key] > 0) == (r["answer"] == "yes") for r in rs) / len(rs)
        print(f"{key.split('_')[0]:<8}{auc(pos, neg):>7.3f}{acc:>8.3f}{len(said):>4}/{len(rs):<3}"
              f"{right / max(1, len(said)):>10.3f}")
    given = [r for r in rows if r["rule"]]
    print(f"rule-based verdicts: {len(given)} given, {sum(r['rule'] == r['answer'] for r in given)} right; "
          f"CPU s per pass p50 {statistics.median(r['cpu_s'] for r in rows):.1f}")


if __name__ == "__main__":
    main()
