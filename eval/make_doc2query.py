"""Generate the synthetic questions (doc2query) read from rag/data/doc2query.jsonl. Not shipped (its weight is 0 in
the chosen blend); run this to bring back the doc2query candidates of eval/bench_retrieval.py.

  python eval/make_doc2query.py [--per-clause 3] [--out rag/data/doc2query.jsonl] [--langs en,fr,...]

For every clause and each of its six official versions, the bundled local model (Qwen2.5-Coder-0.5B,
greedy) is shown that version and asked for a few short questions it answers, in the same language.
Lines that are not questions in that language, too short or too long, or copies of the clause are
dropped. Output: one JSON record per (lang, clause): {"lang", "clause", "questions": [...]}, after a
header record {"meta": {...}} naming the model and prompt. About 4 s per prompt on one core, so the
264 prompts take about 16 minutes; the file is rewritten only when the run completes.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rag.corpus import LANGS, load_corpus  # noqa: E402
from rag.generate import make_generator  # noqa: E402
from rag.i18n import LANGUAGE_NAMES  # noqa: E402
from rag.lang import detect  # noqa: E402
from rag.settings import Settings  # noqa: E402

PROMPT_VERSION = "d2q/1"
SYSTEM = ("You write questions that a reader of an official UNESCO text might ask. Write exactly {k} short, "
          "different questions in {language} that the paragraph below answers. One question per line, "
          "no numbering, no answers.")
USER = "Paragraph:\n{text}\n\nWrite {k} questions in {language} that this paragraph answers, one per line."
OUT = Path(__file__).resolve().parents[1] / "rag" / "data" / "doc2query.jsonl"


def clean(raw: str, lang: str, clause_text: str, k: int) -> list[str]:
    """The usable questions in one model reply, at most k, in order."""
    out: list[str] = []
    for line in raw.splitlines():
        q = re.sub(r"^\s*(?:[-*•]|\d+[.)、]|[QqВ]\d*[:.])\s*", "", line).strip().strip('"«»“”')
        # a question ends with its mark; a line cut off by the token limit does not
        if not (8 <= len(q) <= 200) or q[-1] not in "?？؟" or q in clause_text or q in out:
            continue
        if detect(q).lang != lang:
            continue
        out.append(q)
    return out[:k]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-clause", type=int, default=3, help="questions per clause and language (default 3)")
    ap.add_argument("--langs", default=",".join(LANGS))
    ap.add_argument("--out", default=str(OUT))
    ap.add_argument("--max-tokens", type=int, default=90)
    ap.add_argument("--threads", type=int, default=1, help="llama.cpp threads (default 1)")
    args = ap.parse_args()
    # One thread: on a shared 2-core machine, llama.cpp's two threads wait on each other whenever another
    # process takes a core (measured 20-70 s per prompt against 3.7 s with one thread).
    settings = Settings.load({"backend": "llama-cpp", "threads": args.threads})
    gen = make_generator(settings)
    corpus = load_corpus()
    records, t0 = [], time.perf_counter()
    for lang in args.langs.split(","):
        system = SYSTEM.format(k=args.per_clause, language=LANGUAGE_NAMES[lang])
        for c in corpus.by_lang(lang):
            messages = [{"role": "system", "content": system},
                        {"role": "user", "content": USER.format(text=c.text, k=args.per_clause,
                                                                language=LANGUAGE_NAMES[lang])}]
            raw = "".join(gen.stream(messages, args.max_tokens))
            qs = clean(raw, lang, c.text, args.per_clause)
            records.append({"lang": lang, "clause": c.number, "questions": qs})
            print(f"{lang} {c.number:>2} {len(qs)} {time.perf_counter() - t0:6.0f}s  {qs[:1]}", flush=True)
    meta = {"model": gen.name, "prompt": PROMPT_VERSION, "per_clause": args.per_clause, "corpus": corpus.sha256,
            "seconds": round(time.perf_counter() - t0)}
    lines = [json.dumps({"meta": meta}, ensure_ascii=False)] + [json.dumps(r, ensure_ascii=False) for r in records]
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{sum(len(r['questions']) for r in records)} questions for {len(records)} clause versions -> {args.out}")


if __name__ == "__main__":
    main()
