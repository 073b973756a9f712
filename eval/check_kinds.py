"""Sanity check of the question-kind sets eval/data/kinds_dev.jsonl and kinds_holdout.jsonl.

A wrong gold label misleads every measurement built on it, so the labels that can be checked against the
official text are checked here, in all six languages:
  * schema: required fields and types, one kind of the seven, id = group + "-" + lang, unique ids;
  * every group is asked in all six languages, with the same kind, gold clauses, answerable flag and labels;
  * per file: 10 yes/no groups (5 "yes", 5 "no"), 5 fact, 5 premise, 6 not_mentioned, 8 multi, 6 explain,
    3 offtopic;
  * a fact string occurs verbatim in that language's text of a gold clause;
  * a not_mentioned subject occurs in its question and in none of the six versions (clauses, headings,
    lead-ins and the raw source file), case-insensitive, whatever the language it is written in;
  * no question is shared between the two files.
Prints counts by kind and language. Exit status 1 when any check fails.

    python -m eval.check_kinds [FILE ...]
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from rag.corpus import LANGS, N_CLAUSES, load_corpus, source_text

DATA = Path(__file__).resolve().parent / "data"
FILES = (DATA / "kinds_dev.jsonl", DATA / "kinds_holdout.jsonl")

KINDS = ("yesno", "fact", "premise", "not_mentioned", "multi", "explain", "offtopic")
# Groups per file, from the brief that commissioned the sets.
EXPECTED = {"yesno": 10, "fact": 5, "premise": 5, "not_mentioned": 6, "multi": 8, "explain": 6, "offtopic": 3}
REQUIRED = {"id": str, "group": str, "lang": str, "question": str, "kind": str, "gold_clauses": list,
            "answerable": bool}
EXTRA = {"yesno": ("yesno", "evidence_en"), "fact": ("fact",), "premise": ("evidence_en",),
         "not_mentioned": ("subject",)}
# Fields that must agree across the six languages of a group (fact and subject are per language).
SHARED = ("kind", "gold_clauses", "answerable", "yesno", "evidence_en")


def load(path: Path) -> tuple[list[dict], list[str]]:
    recs, problems = [], []
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            recs.append(json.loads(line))
        except json.JSONDecodeError as e:
            problems.append(f"{path.name}:{i}: not JSON ({e})")
    return recs, problems


def check_file(path: Path, recs: list[dict], corpus, haystack: str) -> list[str]:
    name = path.name
    bad: list[str] = []
    ids = Counter(r.get("id") for r in recs)
    bad += [f"{name}: duplicate id {i}" for i, n in ids.items() if n > 1]
    for r in recs:
        rid = r.get("id", "?")
        for key, typ in REQUIRED.items():
            if not isinstance(r.get(key), typ):
                bad.append(f"{name}:{rid}: field {key!r} missing or not {typ.__name__}")
        if bad and bad[-1].startswith(f"{name}:{rid}:"):
            continue
        kind, lang, gold = r["kind"], r["lang"], r["gold_clauses"]
        if kind not in KINDS:
            bad.append(f"{name}:{rid}: unknown kind {kind!r}")
            continue
        if lang not in LANGS:
            bad.append(f"{name}:{rid}: unknown lang {lang!r}")
            continue
        if rid != f"{r['group']}-{lang}":
            bad.append(f"{name}:{rid}: id is not group-lang ({r['group']}-{lang})")
        if not r["question"].strip():
            bad.append(f"{name}:{rid}: empty question")
        if any(not isinstance(n, int) or not 1 <= n <= N_CLAUSES for n in gold) or gold != sorted(set(gold)):
            bad.append(f"{name}:{rid}: gold_clauses must be sorted distinct clause numbers 1-{N_CLAUSES}: {gold}")
        for key in EXTRA.get(kind, ()):
            if not isinstance(r.get(key), str) or not r[key].strip():
                bad.append(f"{name}:{rid}: {kind} needs a non-empty {key!r}")
        if kind in ("not_mentioned", "offtopic"):
            if gold:
                bad.append(f"{name}:{rid}: {kind} must have no gold clauses")
            if r["answerable"] != (kind == "not_mentioned"):
                bad.append(f"{name}:{rid}: {kind} must have answerable={kind == 'not_mentioned'}")
        elif not gold or not r["answerable"]:
            bad.append(f"{name}:{rid}: {kind} needs gold clauses and answerable=true")
        if kind == "yesno" and r.get("yesno") not in ("yes", "no"):
            bad.append(f"{name}:{rid}: yesno must be 'yes' or 'no'")
        if kind == "multi" and len(gold) < 2:
            bad.append(f"{name}:{rid}: a multi question needs at least two gold clauses")
        if kind == "explain" and not 1 <= len(gold) <= 2:
            bad.append(f"{name}:{rid}: an explain question has one or two gold clauses")
        if kind == "fact" and isinstance(r.get("fact"), str):
            if not any(r["fact"] in corpus.clause(n, lang).text for n in gold):
                bad.append(f"{name}:{rid}: fact {r['fact']!r} is not verbatim in the {lang} text of clause(s) {gold}")
        if kind == "not_mentioned" and isinstance(r.get("subject"), str):
            subject = r["subject"].casefold()
            if subject not in r["question"].casefold():
                bad.append(f"{name}:{rid}: subject {r['subject']!r} is not written in the question")
            if subject in haystack:
                bad.append(f"{name}:{rid}: subject {r['subject']!r} occurs in the official text")

    groups: dict[str, list[dict]] = {}
    for r in recs:
        if isinstance(r.get("group"), str):
            groups.setdefault(r["group"], []).append(r)
    for g, rs in groups.items():
        langs = Counter(r.get("lang") for r in rs)
        if set(langs) != set(LANGS) or any(n > 1 for n in langs.values()):
            bad.append(f"{name}: group {g} has languages {dict(langs)}, expected each of {LANGS} once")
        for key in SHARED:
            if len({json.dumps(r.get(key)) for r in rs}) > 1:
                bad.append(f"{name}: group {g} disagrees across languages on {key!r}")
        if len({r.get("question") for r in rs}) < len(rs):
            bad.append(f"{name}: group {g} has the same question text in two languages")

    per_kind = Counter(rs[0].get("kind") for rs in groups.values())
    for kind, n in EXPECTED.items():
        if per_kind.get(kind, 0) != n:
            bad.append(f"{name}: {per_kind.get(kind, 0)} {kind} groups, expected {n}")
    verdicts = Counter(rs[0].get("yesno") for rs in groups.values() if rs[0].get("kind") == "yesno")
    if verdicts["yes"] != verdicts["no"]:
        bad.append(f"{name}: yes/no groups answered yes {verdicts['yes']} vs no {verdicts['no']}; expected half each")
    return bad


def table(name: str, recs: list[dict]) -> str:
    counts = Counter((r.get("kind"), r.get("lang")) for r in recs)
    head = f"{name:<22}" + "".join(f"{lang:>5}" for lang in LANGS) + f"{'all':>6}{'groups':>8}"
    lines = [head, "-" * len(head)]
    for kind in KINDS:
        row = [counts[(kind, lang)] for lang in LANGS]
        groups = len({r.get("group") for r in recs if r.get("kind") == kind})
        lines.append(f"{kind:<22}" + "".join(f"{n:>5}" for n in row) + f"{sum(row):>6}{groups:>8}")
    total = [sum(counts[(k, lang)] for k in KINDS) for lang in LANGS]
    lines.append(f"{'total':<22}" + "".join(f"{n:>5}" for n in total) + f"{sum(total):>6}"
                 f"{len({r.get('group') for r in recs}):>8}")
    yn = Counter(r.get("yesno") for r in recs if r.get("kind") == "yesno" and r.get("lang") == "en")
    lines.append(f"yes/no groups: {yn['yes']} yes, {yn['no']} no")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or list(FILES)
    corpus = load_corpus()
    haystack = "\n".join([c.text for c in corpus.clauses] + [p.text for p in corpus.passages]
                         + [source_text()]).casefold()
    problems: list[str] = []
    questions: dict[str, str] = {}
    for path in paths:
        if not path.is_file():
            problems.append(f"{path}: no such file")
            continue
        recs, bad = load(path)
        problems += bad + check_file(path, recs, corpus, haystack)
        for r in recs:
            q = str(r.get("question", "")).strip().casefold()
            if q in questions and questions[q] != path.name:
                problems.append(f"{path.name}:{r.get('id')}: question also in {questions[q]}")
            questions.setdefault(q, path.name)
        print(table(path.name, recs))
        subjects = sorted({r["subject"] for r in recs if r.get("kind") == "not_mentioned" and r.get("lang") == "en"})
        print("not_mentioned subjects (en):", ", ".join(subjects))
        print()
    for p in problems:
        print("FAIL", p)
    print(f"{len(problems)} problem(s)" if problems else "all checks passed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
