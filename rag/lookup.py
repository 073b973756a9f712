"""Direct clause references in a question or a Browse query, in the six languages.

"clause 24", «пункт 33», «الفقرة ٧», "第十二条", "§ 5", and ranges and lists of them: "clauses 28-30",
"12, 13 and 20", "paragraphes 12 à 14", "párrafos del 12 al 14", «пункты с 28 по 30», "第28至30条",
"الفقرات من 28 إلى 30"; a query made of numbers only ("28-30", "3, 7") is a reference too.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from rag.corpus import N_CLAUSES

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹０１２３４５６７８９", "0123456789" * 3)


@dataclass(frozen=True)
class ClauseRefs:
    valid: tuple[int, ...] = ()    # clause numbers referred to, in order of mention, each once
    invalid: tuple[int, ...] = ()  # numbers referred to that are not clauses (0, 45, 99...)

    def __bool__(self) -> bool:
        return bool(self.valid or self.invalid)


# Words that name a clause (case-insensitive, any inflection for Russian, the article and the dual for Arabic).
_NOUN = (r"(?:clauses?|paragraphs?|paras?\.?|articles?|arts?\.|sections?|points?|items?|§+|"
         r"paragraphes?|alinéas?|"
         r"p[áa]rrafos?|art[íi]culos?|cl[áa]usulas?|numerales?|numeral|puntos?|apartados?|"
         r"пункт\w*|пп?\.|стать[яиейю]\w*|параграф\w*|"
         r"(?:[وفبل]?ال|لل)?(?:فقر(?:ة|ه|ات|تان|تين)|ماد(?:ة|ه|تان|تين)|مواد|بند|بنود|بندان|بندين))")
_NUM = r"(?<!\d)\d{1,3}(?!\d)"  # never a piece of a year such as 2030
_FROM = r"(?:(?:from|de|des|du|del|desde|с|со|от|من)\s+)?"  # "from 12 to 14", "с 28 по 30", "من 28 إلى 30"
_RANGE = (r"(?:\s*[-–—~‐‑]\s*|\s+(?:to|through|thru|until|à|au|jusqu'au|a|al|hasta|до|по|إلى|الى|حتى)\s+)")
_LIST = r"(?:\s*[,،;]\s*(?:(?:and|et|y|e|и|or|ou|o|или|و|أو)\s*)?|\s+(?:and|et|y|e|и|or|ou|o|или|أو)\s+|\s+و\s*)"
_AFTER = rf"(?:{_NOUN}\s*)?"  # "clause 28 to clause 30"
_ITEM = rf"{_NUM}(?:{_RANGE}{_AFTER}{_NUM})?"
_NO = r"(?:n[°º]\.?\s*|no\.?\s*|№\s*)?"
_REF = re.compile(rf"(?<!\w){_NOUN}\s*{_FROM}{_NO}{_ITEM}(?:{_LIST}{_AFTER}{_ITEM})*", re.I)
_BARE = re.compile(rf"\s*[#№§]*\s*{_ITEM}(?:(?:{_LIST}|\s+){_ITEM})*\s*[.?!？؟]?\s*", re.I)
_ITEM_RE = re.compile(rf"({_NUM})(?:{_RANGE}{_AFTER}({_NUM}))?", re.I)

# Chinese: 第 + number, with measure word; a Chinese numeral needs one ("第一步", the first step, is no clause).
_ZH_NUM = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ZN = r"(?:(?<![0-9])[0-9]{1,3}(?![0-9])|[零〇一二两三四五六七八九十百]+)"
_MW = r"[条段款项点节]"
_ZH_ITEM = rf"{_ZN}\s*{_MW}?(?:\s*(?:至|到|-|–|—|~|～)\s*(?:第\s*)?{_ZN}\s*{_MW}?)?"
_ZH_REF = re.compile(rf"第\s*{_ZH_ITEM}(?:\s*(?:、|，|,|和|及|与|以及|或)\s*(?:第\s*)?{_ZH_ITEM})*")
_ZH_ITEM_RE = re.compile(rf"({_ZN})\s*{_MW}?(?:\s*(?:至|到|-|–|—|~|～)\s*(?:第\s*)?({_ZN}))?")


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


def _expand(lo: int, hi: int | None, nums: list[int]) -> None:
    """A number, or a range in either order ("5-3" is 3..5) capped to the clauses that exist ("40-50" is
    40..44, and 50 is reported as no clause)."""
    if hi is None:
        nums.append(lo)
        return
    lo, hi = min(lo, hi), max(lo, hi)
    nums += range(max(lo, 1), min(hi, N_CLAUSES) + 1)
    nums += [n for n in (lo, hi) if not 1 <= n <= N_CLAUSES]


def _numbers(span: str, item_re: re.Pattern, to_int=int) -> list[int]:
    nums: list[int] = []
    for m in item_re.finditer(span):
        _expand(to_int(m.group(1)), to_int(m.group(2)) if m.group(2) else None, nums)
    return nums


def find_clause_refs(text: str) -> ClauseRefs:
    """The clause numbers a question or Browse query refers to, and the out-of-range ones."""
    q = text.translate(_DIGITS)
    spans = [(m.start(), _numbers(m.group(0), _ITEM_RE)) for m in _REF.finditer(q)]
    for m in _ZH_REF.finditer(q):
        # Without a measure word, only digits before a non-ideograph count: "第一步", "第3个" are no clauses.
        if not re.search(_MW, m.group(0)) and (re.search(r"[零〇一二两三四五六七八九十百]", m.group(0))
                                               or re.match(r"[\u4e00-\u9fff]", q[m.end():])):
            continue
        spans.append((m.start(), _numbers(m.group(0), _ZH_ITEM_RE, _zh_int)))
    nums = [n for _, found in sorted(spans, key=lambda s: s[0]) for n in found]
    if not nums and _BARE.fullmatch(q):
        nums = _numbers(q, _ITEM_RE)  # a query of numbers only is a lookup: "44", "28-30", "3, 7"
    return ClauseRefs(tuple(dict.fromkeys(n for n in nums if 1 <= n <= N_CLAUSES)),
                      tuple(dict.fromkeys(n for n in nums if not 1 <= n <= N_CLAUSES)))
