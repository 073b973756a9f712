"""Direct clause references in a question: "clause 24", «пункт 33», «الفقرة ٧», "第十二条", "§ 5"."""
from __future__ import annotations

import re

from rag.corpus import N_CLAUSES

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹０１２３４５６７８９", "0123456789" * 3)

# Words that name a clause, in the six languages (case-insensitive, any inflection for Russian).
_NOUN = (r"(?:clauses?|paragraphs?|paras?\.?|articles?|arts?\.|sections?|points?|items?|§+|"
         r"paragraphes?|alinéas?|"
         r"p[áa]rrafos?|art[íi]culos?|cl[áa]usulas?|numerales?|numeral|puntos?|apartados?|"
         r"пункт\w*|стать[яиейю]\w*|параграф\w*|п\.|"
         r"ال?فقر[ةه]|فقرات|ال?ماد[ةه]|ال?بند|بنود)")
_NUM = r"(\d{1,3})"
_JOIN = r"(?:\s*(?:,|、|and|et|y|и|و|&|-|–|to|à|a|до)\s*)"
_REF = re.compile(rf"(?<!\w){_NOUN}\s*(?:n[°º]\.?\s*|no\.?\s*|№\s*)?{_NUM}((?:{_JOIN}{_NUM})*)", re.I)

_ZH_NUM = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# Chinese numerals need the measure word: "第一步" (the first step) is not clause 1.
_ZH_REF = re.compile(r"第\s*(?:([0-9]{1,3})|([零〇一二两三四五六七八九十百]+)\s*(?=条|段|款|项|点|节))")


def _zh_int(s: str) -> int:
    if s.isdigit():
        return int(s)
    total, cur = 0, 0
    for ch in s:
        if ch == "百":
            total += (cur or 1) * 100
            cur = 0
        elif ch == "十":
            total += (cur or 1) * 10
            cur = 0
        else:
            cur = _ZH_NUM[ch]
    return total + cur


def find_clause_refs(question: str) -> tuple[list[int], list[int]]:
    """(valid clause numbers referred to, in order; out-of-range numbers referred to)."""
    q = question.translate(_DIGITS)
    nums: list[int] = []
    for m in _REF.finditer(q):
        nums.append(int(m.group(1)))
        nums += [int(x) for x in re.findall(r"\d{1,3}", m.group(2) or "")]
    for m in _ZH_REF.finditer(q):
        nums.append(_zh_int(m.group(1) or m.group(2)))
    if not nums and re.fullmatch(r"\s*[#№]?\s*(\d{1,3})\s*[.?!]?\s*", q):
        nums.append(int(re.search(r"\d+", q).group(0)))  # a bare number is a lookup
    valid = list(dict.fromkeys(n for n in nums if 1 <= n <= N_CLAUSES))
    invalid = list(dict.fromkeys(n for n in nums if not 1 <= n <= N_CLAUSES))
    return valid, invalid
