"""What kind of answer a question asks for, read from its words alone (retrieval decides the rest).

  yes/no         "Can AI replace teachers?"          -> the settling segment, a verdict only when sure
  fact           "How many ministers attended?"      -> the segment holding the number, date, place or name
  false premise  "Why does it ban remote testing?"   -> checked: "does not say that", then what it says
  explain        everything else                     -> the most responsive segment of the best clause

Clause lookups, off-topic questions and subjects the Consensus does not mention are decided by retrieval
(rag/retrieve.py, rag/mention.py), not here: they depend on the document, not on the question's form.
"""
from __future__ import annotations

from enum import Enum

from rag.verify import WHY, has, is_yes_no, _norm


class Kind(str, Enum):
    YESNO = "yesno"
    FACT = "fact"
    EXPLAIN = "explain"
    PREMISE = "premise"
    LOOKUP = "lookup"
    OFFTOPIC = "offtopic"
    NOT_MENTIONED = "not_mentioned"


# How many / when / where / who: answered by a number, a date, a place or a name.
FACT = {
    "en": r"\b(?:how many|how much|when|where|who|whom|which (?:year|date|city|country|month)|what (?:year|date|city|"
          r"country|month))\b",
    "fr": r"\b(?:combien|quand|où|qui|quelle (?:date|année|ville)|en quelle année|quel (?:mois|pays))\b",
    "es": r"(?:\bcu[aá]nt[oa]s?\b|\bcu[aá]ndo\b|\bd[oó]nde\b|\bqui[eé]n(?:es)?\b|\ben qu[eé] (?:a[ñn]o|fecha|ciudad|pa[ií]s)\b"
          r"|\bqu[eé] (?:fecha|d[ií]as?)\b)",
    "ru": r"\b(?:сколько|когда|где|кто|в каком (?:году|городе|месяце)|какого числа|какие даты)\b",
    "zh": r"多少|几[位名个天]|何时|什么时候|哪一?年|哪里|哪儿|在哪|何地|谁|哪些人|哪个城市|哪天|日期",
    "ar": r"(?:^|\s)(?:كم|متى|أين|مَن|من هم|من هي|في أي (?:عام|سنة|مدينة|بلد))(?:\s|$)",
}

def question_kind(question: str, lang: str) -> Kind:
    """yes/no, fact, premise ("why does it …") or explain, from the question's own words."""
    q = _norm(question).strip().lstrip("¿¡ ")
    if has(WHY, q, lang):
        return Kind.PREMISE
    if is_yes_no(q, lang):
        return Kind.YESNO
    if has(FACT, q, lang):
        return Kind.FACT
    return Kind.EXPLAIN
