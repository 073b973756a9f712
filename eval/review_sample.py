"""Write answers for a blind faithfulness review: N questions per language, each with the answer exactly as
shown and the full official text of the clauses it cites, one Markdown file per language.

  python eval/review_sample.py --questions eval/data/holdout.jsonl eval/data/kinds_holdout.jsonl --per-lang 10 \
      --out /tmp/review

A judge sees only the question, the answer and the cited clauses (no gold clauses, no metrics), and the whole
official text of its language (FULLTEXT-xx.md), to check "does not mention" and what was left out.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eval.harness import load_questions  # noqa: E402
from rag.answer import Answerer  # noqa: E402
from rag.corpus import LANGS  # noqa: E402
from rag.service import GenerationService  # noqa: E402
from rag.settings import Settings  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--questions", nargs="+", default=[None])
    ap.add_argument("--per-lang", type=int, default=10)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", default="review")
    args = ap.parse_args()
    settings = Settings.load()
    answerer = Answerer(settings, service=GenerationService(settings, worker=False))
    answerer.warm()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    qs = [q for path in args.questions for q in load_questions(path) if q.answerable and not q.is_lookup]
    rows = []
    for lang in LANGS:
        pick = [q for q in qs if q.lang == lang]
        rng.shuffle(pick)
        md = [f"# Answers to review ({lang})\n"]
        for i, q in enumerate(pick[:args.per_lang], start=1):
            a = answerer.run(q.question)
            rows.append({"id": q.id, "lang": lang, "question": q.question, "answer": a.text, "gist": a.gist,
                         "route": a.route, "citations": list(a.citations)})
            md.append(f"## {lang}-{i}\n\n**Question:** {q.question}\n\n**Answer (as shown):**\n\n```\n{a.text}\n```\n")
            md.append("**Cited clauses (official text):**\n")
            for s in a.sources:
                md.append(f"- [{s.clause}] {f'({s.lead_in}) ' if s.lead_in else ''}{s.text}")
            md.append("")
        (out / f"{lang}.md").write_text("\n".join(md), encoding="utf-8")
        corpus = answerer.retriever.corpus
        full = [f"# {lang}: the official text\n"] + [f"[{c.number}] {c.text}\n" for c in corpus.by_lang(lang)]
        (out / f"FULLTEXT-{lang}.md").write_text("\n".join(full), encoding="utf-8")
    (out / "answers.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n",
                                       encoding="utf-8")
    print(f"wrote {len(rows)} answers to {out}")


if __name__ == "__main__":
    main()
