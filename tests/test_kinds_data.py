"""The question-kind sets (eval/data/kinds_*.jsonl) against the official text, via eval/check_kinds.py."""
import json

from eval import check_kinds
from rag.corpus import load_corpus, source_text


def _haystack():
    c = load_corpus()
    return "\n".join([x.text for x in c.clauses] + [p.text for p in c.passages] + [source_text()]).casefold()


def test_shipped_kind_sets_pass_every_check():
    assert check_kinds.main([]) == 0


def test_checker_catches_a_wrong_fact_a_present_subject_and_a_missing_language(tmp_path):
    path = check_kinds.FILES[0]
    recs, _ = check_kinds.load(path)
    for r in recs:
        if r["id"] == "k-dev-fa01-en":
            r["fact"] = "51"
        if r["id"] == "k-dev-nm06-en":  # "quantum computing" -> a word the text does use
            r["subject"], r["question"] = "teachers", "Does the Consensus mention teachers?"
    recs = [r for r in recs if r["id"] != "k-dev-mu03-zh"]
    bad = check_kinds.check_file(path, recs, load_corpus(), _haystack())
    assert sorted(bad) == sorted([
        "kinds_dev.jsonl:k-dev-fa01-en: fact '51' is not verbatim in the en text of clause(s) [1]",
        "kinds_dev.jsonl:k-dev-nm06-en: subject 'teachers' occurs in the official text",
        "kinds_dev.jsonl: group k-dev-mu03 has languages {'en': 1, 'fr': 1, 'es': 1, 'ru': 1, 'ar': 1}, "
        "expected each of ('en', 'fr', 'es', 'ru', 'zh', 'ar') once",
    ])


def test_harness_loads_the_kind_sets_with_their_labels():
    from eval.harness import load_questions
    for path in check_kinds.FILES:
        qs = load_questions(path)
        assert len(qs) == 43 * 6
        raw = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        assert [(q.id, q.kind, q.gold, q.answerable, q.yesno, q.evidence_en) for q in qs] == [
            (r["id"], r["kind"], tuple(r["gold_clauses"]), r["answerable"], r.get("yesno"), r.get("evidence_en"))
            for r in raw]


def test_every_settling_passage_is_found_in_its_clause_and_judged_by_place():
    """The eval's settling_sentence finds each evidence_en in one English sentence of a gold clause, and says whether
    a first line quotes the same sentence of the asker's version."""
    from eval.harness import Question, _settling_sentence
    from rag.corpus import load_corpus
    from rag.evidence import split_sentences
    for path in check_kinds.FILES:
        for r in map(json.loads, path.read_text(encoding="utf-8").splitlines()):
            if r.get("evidence_en"):
                q = Question(r["id"], "en", r["question"], tuple(r["gold_clauses"]), True, evidence_en=r["evidence_en"])
                sents = [s for c in q.gold for s in split_sentences(load_corpus().clause(c, "en").text)]
                assert any(_settling_sentence(q, c, s) for c in q.gold for s in sents), r["id"]
    q = Question("x", "fr", "?", (12,), True, evidence_en="their rights and working conditions are protected")
    fr = split_sentences(load_corpus().clause(12, "fr").text)
    assert [_settling_sentence(q, 12, s) for s in fr] == [False, True]
    assert _settling_sentence(q, 13, fr[1]) is None and _settling_sentence(Question("y", "fr", "?", (12,), True),
                                                                           12, fr[1]) is None
