"""What kind of answer a question asks for, read from its words alone (retrieval decides the rest).

  yes/no         "Can AI replace teachers?"          -> the settling segment, a verdict only when sure
  fact           "How many ministers attended?"      -> the segment holding the number, date, place or name
  false premise  "Why does it ban remote testing?"   -> checked: "does not say that", then what it says
  explain        everything else                     -> the most responsive segment of the best clause

Clause lookups, off-topic questions and subjects the Consensus does not mention are decided by retrieval
(rag/retrieve.py, rag/mention.py), not here: they depend on the document, not on the question's form.
"""
from __future__ import annotations

import re
from enum import Enum

from rag.profiles import PROFILES, table
from rag.scope import NAMES_THE_CONSENSUS, without_title_city
from rag.verify import PROHIBIT, REPORTING, WHY, _rx, has, is_yes_no, _norm


class Kind(str, Enum):
    YESNO = "yesno"
    FACT = "fact"
    EXPLAIN = "explain"
    PREMISE = "premise"
    LOOKUP = "lookup"
    OFFTOPIC = "offtopic"
    NOT_MENTIONED = "not_mentioned"


# How many / when / where / who (answered by a number, a date, a place or a name), and how many / when / which
# year (answered by a number or a date, which the quote must hold): views of rag/profiles.py, by language.
FACT = table("fact")
NUMERIC = table("numeric")
DATED = table("dated")


def asks_for_number(question: str, lang: str) -> bool:
    return has(NUMERIC, _norm(question), lang)


def asks_for_date(question: str, lang: str) -> bool:
    return has(DATED, _norm(question), lang)


def question_kind(question: str, lang: str) -> Kind:
    """yes/no, fact, premise ("why does it …") or explain, from the question's own words."""
    q = _norm(question).strip().lstrip("¿¡ ")
    if has(WHY, q, lang):
        return Kind.PREMISE
    if is_yes_no(question, lang):  # with its "¿": Spanish marks where the question starts
        return Kind.YESNO
    if has(FACT, q, lang):
        return Kind.FACT
    return Kind.EXPLAIN


# Who the Consensus addresses (its lead-ins): a question about everything one of them is asked to do is answered
# by all of that part, in order (rag/evidence.py: _all_of).
# (first clause, last clause) -> {lang: how a question names that addressee}; _ASKED: what such a question may add
# ("do", "actions", "measures", "role").
ADDRESSEES = {span: {lang: p.addressees[span] for lang, p in PROFILES.items()}
              for span in next(iter(PROFILES.values())).addressees}  # every profile names the same spans
_ASKED = table("asked")


def _left_over(question: str, lang: str, names: str) -> list[str]:
    """The words of content a question adds to an addressee's name and the words of asking ("do", "role",
    "recommendations"): "What should governments fund?" leaves "fund". In Chinese, the Han characters left."""
    q = _norm(question).lower()
    rest = re.sub(_ASKED[lang], " ", re.sub(names, " ", q, flags=re.I), flags=re.I)
    p = PROFILES[lang]
    if p.cjk:
        return re.findall(r"[\u4e00-\u9fff]", rest)
    filler = p.stop_words | set(p.function_words)  # "What are the recommendations for governments?"
    return [w for w in re.findall(r"[^\W\d_]{2,}", rest) if w not in filler]


def addressee(question: str, lang: str) -> "tuple[int, int] | None":
    """The clauses addressed to the one the question asks about, when it asks what that one is asked to do
    ("What does the Consensus ask UNESCO's Director-General to do?" is 39-44), else None."""
    q = _norm(question).lower()
    for span, names in ADDRESSEES.items():
        # Any word of content is a subject: "What should governments fund?" is 9, not all of 8-32; so is a verb of
        # one clause ("What did the participants reaffirm?": 2), which is why _ASKED holds none (round 8).
        if re.search(names[lang], q, re.I) and len(_left_over(question, lang, names[lang])) <= \
                (1 if PROFILES[lang].cjk else 0):
            return span
    return None


def named_addressee(question: str, lang: str) -> "tuple[int, int] | None":
    """The clauses addressed to the one a question names ("What should governments do about teacher training?":
    8-32), whether or not it asks about all they are asked to do; None where it names none."""
    q = _norm(question).lower()
    # The participants are the "we" of the whole text (26: "Affirm our commitment …"), not the preamble's addressee:
    # "What did the participants say about teachers?" is 12, not a preamble clause (round 8).
    return next((span for span, names in ADDRESSEES.items() if re.search(names[lang], q, re.I) and span != (1, 7)),
                None)


_UNESCO = r"|(?:l['’]|d['’])?unesco(?:['’]s)?|юнеско|(?:联合国)?教科文组织|ل?ليونسكو|اليونسكو"
COUNTRIES = table("countries")


def asks_someone_else(question: str, lang: str, clause: int) -> bool:
    """Does the question put clause `clause` to someone its lead-in does not address? "Are international
    organizations asked to train teachers?" (13, to governments); «Le Consensus demande-t-il aux pays de créer une
    plate-forme L'IA au service de l'éducation ?» (39: the Director-General is invited to; hunt 9 found "Oui")."""
    span = named_addressee(question, lang)
    if span and not span[0] <= clause <= span[1]:
        return True
    return clause >= 33 and bool(re.search(COUNTRIES[lang], _norm(question).lower(), re.I))


def without_addressee(question: str, lang: str) -> "str | None":
    """A question that names an addressee without asking for all of its part, searched without the name: "What
    should the Director-General do about teacher training?" is about teacher training (42), and the name alone
    draws the clause about UNESCO's own role (41). The clauses addressed to the one named go first (named_addressee).
    None where there is nothing to remove, or too little but the name would be left."""
    if addressee(question, lang):
        return None
    for span, names in ADDRESSEES.items():
        if not re.search(names[lang], _norm(question), re.I) or not _left_over(question, lang, names[lang]):
            continue
        # the Director-General is UNESCO's: "UNESCO" left alone draws 41 as surely as the title does
        rest = re.sub(names[lang] + (_UNESCO if span == (39, 44) else ""), " ", _norm(question), flags=re.I)
        return re.sub(r"\s+", " ", rest).strip()
    return None


_DOCUMENT = re.compile(r"(?:\b(?:does|do|did|the|le|la|l'|l’|el|la)\s+)*(?:" + NAMES_THE_CONSENSUS.pattern + ")",
                       re.IGNORECASE)
_DOCUMENT = re.compile(r"توافق\s+آراء|" + _DOCUMENT.pattern, re.IGNORECASE)


def claim(question: str, lang: str) -> str:
    """What a "why does it …" question asserts, for retrieval: "Why does the Consensus ban remote assessment?" is
    searched as "the Consensus remote assessment", so the clause about remote assessment is found, not the
    clauses about risks that "ban" pulls in."""
    text = _rx(WHY, lang).sub(" ", _norm(question))
    text = _rx(PROHIBIT, lang).sub(" ", text)
    # The document's own name pulls in clause 44 ("the outreach of the Consensus"): the claim is about its subject.
    text = _DOCUMENT.sub(" ", without_title_city(text))
    # A number in a false claim is most often the invented part ("replace teachers by 2030"), and a year pulls in
    # the clauses that hold it (2: the 2030 Agenda) rather than the one about what the claim says.
    text = re.sub(r"\d+", " ", text)
    words = REPORTING[lang].split()
    if PROFILES[lang].cjk:
        for w in words:
            text = text.replace(w, " ")
    else:
        text = re.sub(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b", " ", text, flags=re.I)
    return re.sub(r"\s+", " ", text).strip() or question
