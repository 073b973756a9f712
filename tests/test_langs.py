"""Issue 18: six languages as equals (the same evidence in every language; a question's matrix language)."""
import pytest

from eval.harness import add_evidence_agreement, evidence_agreement

SIX = ("en", "fr", "es", "ru", "zh", "ar")


# --- the same evidence in every language -------------------------------------------------------------

def test_evidence_agreement_is_the_mean_pairwise_jaccard_of_cited_sets():
    cited = [("g1", lang, [12]) for lang in SIX]                                   # identical: 1.0
    # One language of six cites {12, 13} where the others cite {12}: its 5 pairs score 1/2, the other 10 pairs 1.
    cited += [("g2", lang, [12]) for lang in SIX[:5]] + [("g2", "ar", [13, 12])]
    cited += [("g3", "en", [5])]                                                    # one language: ignored
    cited += [(None, "en", [7]), (None, "fr", [8])]                                 # no group: ignored
    ea = evidence_agreement(cited)
    assert ea["n_groups"] == 2
    assert ea["evidence_agreement"] == round((1.0 + (10 + 5 * 0.5) / 15) / 2, 3) == 0.917
    assert ea["evidence_identical"] == 0.5
    assert ea["disagreeing_groups"] == {"g2": {"en": [12], "fr": [12], "es": [12], "ru": [12], "zh": [12],
                                               "ar": [12, 13]}}


def test_evidence_agreement_refusals_agree_with_each_other_not_with_citations():
    ea = evidence_agreement([("g", "en", []), ("g", "fr", []), ("g", "es", [3])])
    # pairs: en-fr 1 (both refused), en-es 0, fr-es 0
    assert ea["evidence_agreement"] == round(1 / 3, 3)
    assert evidence_agreement([(None, "en", [1])])["evidence_agreement"] is None


def test_evidence_agreement_sits_beside_consistency_in_the_report():
    rep = {"retrieval": {"consistency": 1.0},
           "answers": {"rows": [{"group": "g", "lang": "en", "cited": [1, 2]},
                                {"group": "g", "lang": "fr", "cited": [2, 3]}]}}
    add_evidence_agreement(rep)
    assert rep["retrieval"]["evidence_agreement"] == round(1 / 3, 3)
    assert rep["retrieval"]["evidence_identical"] == 0.0
    from eval.report import _agreement_lines
    assert _agreement_lines(rep["retrieval"]) == [
        "evidence agreement (mean pairwise Jaccard of the cited clauses across languages) 0.333; "
        "same cited clauses in every language 0.000", "disagreeing: g en:1,2 fr:2,3"]


# --- a question's language is its matrix language -------------------------------------------------------

def _mixed_dev():
    import json
    from pathlib import Path
    path = Path(__file__).resolve().parent.parent / "eval" / "data" / "mixed_dev.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_mixed_dev_set_covers_every_kind_of_mixing():
    rows = _mixed_dev()
    assert len(rows) >= 48
    kinds = {(r["lang"], r["mix"]) for r in rows}
    assert {(lang, "en-terms") for lang in SIX if lang != "en"} <= kinds
    assert {("en", "fr-terms"), ("en", "es-terms"), ("fr", "no-accents"), ("es", "no-accents"),
            ("zh", "traditional")} <= kinds


def test_every_mixed_dev_question_is_detected_in_its_matrix_language():
    from rag.lang import detect
    wrong = [(r["id"], r["question"], detect(r["question"])) for r in _mixed_dev()
             if (detect(r["question"]).lang, detect(r["question"]).supported) != (r["lang"], True)]
    assert wrong == []


@pytest.mark.parametrize("text,lang", [
    ("¿Qué dice el consensus sobre AI literacy?", "es"),        # the two failures
    ("共识对AI literacy有什么建议？", "zh"),
    ("Что такое AI for Education?", "ru"),                     # most letters Latin, the grammar Russian
    ("ما دور منصة AI for Education؟", "ar"),
    ("What does the Consensus say about 教师培训?", "en"),       # and the other way round
    ("What does the Consensus say about образование и обучение учителей?", "en"),
    ("What does it say about la protection des données des élèves et des enseignants?", "en"),
    ("Is la igualdad de género en la educación mentioned?", "en"),
    ("Tell me about the 'apprentissage tout au long de la vie' part", "en"),   # a quoted term is a term
    ("¿Qué dice el Consenso sobre the role of teachers in the classroom?", "es"),
    ("Que dit le Consensus à propos du role of teachers in the age of AI ?", "fr"),
    ("Les enseignants peuvent ils etre remplaces par des machines ?", "fr"),   # no accents
    ("Pueden las maquinas reemplazar a los docentes?", "es"),
    ("人工智慧會取代教師嗎？", "zh"),                                # traditional characters
    ("AI 教 и", "zh"), ("AI ع и", "ar"),                          # as many letters of two scripts: Han, Arabic, Cyrillic
    # keyword queries: words only one version holds tell what langdetect and a shared "e", "on" or "de" do not
    ("remote assessment", "en"), ("AI impact on learning research", "en"), ("derechos humanos e IA", "es"),
    ("seguridad datos de docentes", "es"), ("AI literacy en el aula", "es"),
])
def test_matrix_language(text, lang):
    from rag.lang import detect
    assert (detect(text).lang, detect(text).supported) == (lang, True)


@pytest.mark.parametrize("text,code", [
    ("Cosa dice il Consenso sulla formazione degli insegnanti?", "it"),
    ("O que diz o Consenso sobre a privacidade dos dados dos alunos?", "pt"),
    ("Wat zegt de consensus over leraren?", "nl"),
])
def test_other_latin_languages_stay_unsupported(text, code):
    # Their function words are counted too, so that "que", "de", "la" do not make them Spanish or French.
    from rag.lang import detect
    d = detect(text)
    assert (d.lang, d.detected, d.supported) == ("en", code, False)


def test_every_official_sentence_is_detected_in_its_language():
    # verify.py and the eval's language match read answers with the same detector.
    import re
    from rag.corpus import load_corpus
    from rag.lang import detect
    corpus = load_corpus()
    wrong = [(c.lang, c.number, s[:60]) for c in corpus.clauses
             for s in [c.text, *re.split(r"(?<=[.;。；])\s*", c.text)] if len(s.strip()) > 2 and detect(s).lang != c.lang]
    wrong += [(p.lang, p.kind, p.text[:60]) for p in corpus.passages if detect(p.text).lang != p.lang]
    assert wrong == []


# --- traditional characters: answered from the official (simplified) Chinese text ------------------------

def test_traditional_chinese_is_searched_as_simplified():
    from rag.lang import to_simplified
    assert to_simplified("會議於何時何地舉行？") == "会议于何时何地举行？"
    assert to_simplified("共識對資料隱私有什麼建議？") == "共识对数据隐私有什么建议？"  # Taiwan usage: 資料 -> 数据
    assert to_simplified("人工智慧會取代教師嗎？") == "人工智能会取代教师吗？"
    # Simplified text is left as it is, mainland words included (tw2sp alone would rewrite some).
    for text in ("共识对资料隐私有什么建议？", "教师培训", "What about teachers?", ""):
        assert to_simplified(text) == text


def test_traditional_question_finds_what_the_simplified_one_finds(retriever):
    trad, simp = retriever.run("會議於何時何地舉行？"), retriever.run("会议于何时何地举行？")
    assert trad.query == "會議於何時何地舉行？" and trad.query_lang == "zh"
    assert [h.clause for h in trad.hits] == [h.clause for h in simp.hits] and trad.hits[0].clause == 1
    assert retriever.run("第十二條").lookup == (12,)  # 條 is 条: a clause lookup


def test_the_web_app_reads_the_question_language_with_the_same_detector():
    from ui.app import _question_lang  # the text direction and the busy reply follow it
    assert [_question_lang(q) for q in ("¿Qué dice el consensus sobre AI literacy?", "共识对AI literacy有什么建议？",
                                        "ما دور منصة AI for Education؟", "Was sagt der Konsens?")] == \
        ["es", "zh", "ar", "en"]
