"""Clause references, ranges and lists in the six languages (pure parsing; no model)."""
import pytest

from rag.lookup import ClauseRefs, find_clause_refs

R = (28, 29, 30)
L = (12, 13, 20)


@pytest.mark.parametrize("text,nums", [
    # English
    ("clauses 28-30", R), ("28–30", R), ("What do clauses 28 to 30 say about data?", R),
    ("clauses 28 through 30", R), ("clause 28 to clause 30", R),
    ("clauses 12, 13 and 20", L), ("clauses 12, 13, and 20", L), ("12, 13 and 20", L),
    # French
    ("paragraphes 12 à 14", (12, 13, 14)), ("Que disent les paragraphes 28 à 30 ?", R),
    ("du paragraphe 28 au paragraphe 30", R), ("paragraphes 12, 13 et 20", L),
    # Spanish
    ("párrafos 12 a 14", (12, 13, 14)), ("párrafos del 28 al 30", R), ("párrafos 12, 13 y 20", L),
    # Russian
    ("пункты 28–30", R), ("Что говорится в пунктах с 28 по 30?", R), ("пункты 12, 13 и 20", L), ("пп. 28-30", R),
    # Chinese
    ("第28至30条", R), ("第28-30条", R), ("第28条至第30条", R), ("第二十八至三十条", R), ("第28到30条讲了什么", R),
    ("第12、13和20条", L), ("第12条、第13条和第20条", L),
    # Arabic (Western and Arabic-Indic digits)
    ("الفقرات 28-30", R), ("الفقرات من 28 إلى 30", R), ("الفقرات 12 و13 و20", L), ("الفقرات ١٢، ١٣ و٢٠", L),
    ("ماذا تقول الفقرتان 12 و13؟", (12, 13)),
])
def test_ranges_and_lists_in_six_languages(text, nums):
    assert find_clause_refs(text) == ClauseRefs(nums, ())


@pytest.mark.parametrize("text,valid,invalid", [
    ("clauses 30-28", R, ()),                         # reversed: the same range
    ("1-44", tuple(range(1, 45)), ()),                # everything, and no more
    ("clauses 40-50", (40, 41, 42, 43, 44), (50,)),   # capped at 44; the end that is no clause is named
    ("clauses 99-120", (), (99, 120)),
    ("clauses 1-999", tuple(range(1, 45)), (999,)),
    ("cite clause 99", (), (99,)),
    ("clauses 12 and 12", (12,), ()),                 # each once
    ("Compare clause 5 and clause 12", (5, 12), ()),
])
def test_range_guards(text, valid, invalid):
    assert find_clause_refs(text) == ClauseRefs(valid, invalid)


@pytest.mark.parametrize("text", [
    "SDG 4 and its targets", "AI in 2030", "第一步应该做什么", "第1步", "第3个方面", "50 ministers met in Beijing",
    "clause 2019", "teachers 12", "Education 2030 Agenda, 2015-2030",
])
def test_not_references(text):
    assert not find_clause_refs(text), find_clause_refs(text)


def test_a_year_after_a_list_is_not_a_clause():
    assert find_clause_refs("clauses 12 and 2030") == ClauseRefs((12,), ())
    assert find_clause_refs("article 12 of the 2019 text") == ClauseRefs((12,), ())


@pytest.mark.parametrize("query,nums", [("12", (12,)), ("§ 12", (12,)), ("٧", (7,)), ("3, 7", (3, 7)),
                                        ("12 15", (12, 15)), ("28-30", R), ("1-3, 7", (1, 2, 3, 7))])
def test_browse_queries_of_numbers_only(query, nums):
    assert find_clause_refs(query).valid == nums


@pytest.mark.parametrize("q", ["What do clauses 28-30 say?", "Que disent les paragraphes 28 à 30 ?",
                               "¿Qué dicen los párrafos 28 a 30?", "Что говорится в пунктах 28–30?",
                               "第28至30条讲了什么？", "ماذا تقول الفقرات من 28 إلى 30؟"])
def test_ranges_reach_the_retriever_whole(q, retriever):
    r = retriever.run(q)
    assert r.in_scope and r.lookup == R and tuple(h.clause for h in r.hits[:3]) == R
