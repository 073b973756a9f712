"""Verdict precision and coverage on yes/no questions written apart from the rules (prints a table).

  python eval/yesno_unseen.py [--questions eval/data/yesno_unseen.jsonl]

The file: 144 questions, 24 a language (8 whose answer is "yes", 8 "no", 8 "unclear": the text does not settle
it), written by a helper from the official text after the rules of rag/verify.py were written, never tuned on
(session of 2026-12-07). Each line: {"lang", "question", "answer": "yes" | "no" | "unclear", "clauses", "why"}.
A verdict on an "unclear" question, or the opposite of the answer, is wrong; precision is right / given.
eval/data/yesno_unseen2.jsonl: a second set by another helper (120 questions, 7 yes, 7 no, 6 unclear a language),
first measured at 6bc3c20+; its "no" questions then showed the wrong-count rule (verify._wrong_number) to write.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rag.answer import Answerer  # noqa: E402
from rag.corpus import LANGS  # noqa: E402
from rag.settings import Settings  # noqa: E402

DEFAULT = Path(__file__).resolve().parent / "data" / "yesno_unseen.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--questions", default=str(DEFAULT))
    args = ap.parse_args()
    rows = [json.loads(line) for line in open(args.questions, encoding="utf-8") if line.strip()]
    answerer = Answerer(Settings.load({"backend": "extractive"}))
    counts = {lang: Counter() for lang in LANGS}
    for row in rows:
        verdict = answerer.run(row["question"]).verdict
        c = counts[row["lang"]]
        c["settled"] += row["answer"] != "unclear"
        if verdict is None:
            continue
        c["given"] += 1
        if verdict == row["answer"]:
            c["right"] += 1
        else:
            print(f"wrong: {verdict} to {row['answer']} ({row['lang']}) {row['question']}")
    print("| lang | settled questions | verdicts given | right | precision | coverage |")
    print("|---|---|---|---|---|---|")
    total = Counter()
    for lang, c in [*counts.items(), ("all", None)]:
        c = c if c is not None else total
        if lang != "all":
            total.update(c)
        precision = f"{c['right'] / c['given']:.3f}" if c["given"] else "-"
        print(f"| {lang} | {c['settled']} | {c['given']} | {c['right']} | {precision} | "
              f"{c['right'] / max(c['settled'], 1):.3f} |")


if __name__ == "__main__":
    main()
