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

# How many / when / which year: answered by a number or a date, which the quote must hold.
NUMERIC = {
    "en": r"\b(?:how many|how much|when|what (?:year|date)s?|which (?:year|date)s?|on what dates?)\b",
    "fr": r"\b(?:combien|quand|quelle année|en quelle année|quelles? dates?)\b",
    "es": r"(?:\bcu[aá]nt[oa]s?\b|\bcu[aá]ndo\b|\bqu[eé] (?:a[ñn]o|fechas?|d[ií]as?)\b)",
    "ru": r"\b(?:сколько|когда|в каком году|какого числа|какие даты)\b",
    "zh": r"多少|几[位名个天]|何时|什么时候|哪一?年|哪天|日期",
    "ar": r"(?:^|\s)(?:كم|متى|في أي (?:عام|سنة)|ما تاريخ)(?:\s|$)",
}


def asks_for_number(question: str, lang: str) -> bool:
    return has(NUMERIC, _norm(question), lang)


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


# Who the Consensus addresses (its lead-ins): a question about everything one of them is asked to do is answered
# by all of that part. The governments' part (8-32) is the whole document; it has its sections instead.
ADDRESSEES = {
    # the preamble: what the participants themselves declare ("We, the participants …")
    (1, 7): {"en": r"preamble|participants", "fr": r"préambule|participants", "es": r"preámbulo|participantes",
             "ru": r"преамбул\w*|участник\w*", "zh": r"序言|与会者|参会者", "ar": r"الديباجة|المشاركون|المشاركين"},
    (39, 44): {"en": r"director[- ]general", "fr": r"direct(?:eur|rice) général", "es": r"director(?:a)? general",
               "ru": r"генеральн\w* директор", "zh": r"总干事", "ar": r"المدير العام"},
    (33, 38): {"en": r"international (?:organi[sz]ations|partners)", "fr": r"organisations internationales",
               "es": r"organizaciones internacionales|organismos internacionales",
               "ru": r"международн\w* организаци\w*", "zh": r"国际组织", "ar": r"المنظمات الدولية"},
}
# What a question about everything an addressee is asked may add: "do", "actions", "measures", "role".
_ASKED = {
    "en": r"\b(?:ask\w*|invit\w*|recommend\w*|do|does|actions?|measures?|steps?|tasks?|role|expect\w*|request\w*|"
          r"call\w* on|want\w*|should|must|what|which|of|unesco|the|to|consensus|beijing|in|declare\w*|affirm\w*|"
          r"say|says|state\w*|commit\w*|recogni[sz]\w*|agree\w*|did)\b",
    "fr": r"\b(?:demand\w*|invit\w*|recommand\w*|fai\w*|actions?|mesures?|tâches?|rôle|attend\w*|que|quoi|quel\w*|"
          r"le|la|les|de|du|l|à|aux?|consensus|beijing|unesco|t|il|elle|doi\w*|dans|déclar\w*|affirm\w*|dis\w*|"
          r"dit|engag\w*|reconn\w*|ont|ils)\b",
    "es": r"\b(?:pide\w*|invit\w*|recomiend\w*|hac\w*|acciones|medidas|tareas|papel|esper\w*|qué|cuáles|el|la|los|"
          r"las|de|del|al|a|consenso|beijing|unesco|debe\w*|en|declar\w*|afirm\w*|dice\w*|dicen|comprometi\w*|"
          r"reconoc\w*|han)\b",
    "ru": r"\b(?:просит|предлагает|рекомендует|сделать|делать|действия|меры|задачи|роль|ожидает|что|какие|чем|о|"
          r"консенсус\w*|пекинск\w*|юнеско|должн\w*|от|для|принять|в|заявля\w*|заяви\w*|говор\w*|"
          r"подтвержда\w*|признаю\w*|обязу\w*|обязал\w*)\b",
    "zh": r"共识|北京|请|建议|要求|做|哪些|什么|事情|行动|措施|任务|作用|联合国教科文组织|教科文组织|采取|应|的|"
          r"在|中|宣布|声明|表示|申明|承诺|认识到|了",
    "ar": r"(?:^|(?<=\s))(?:ماذا|ما|الذي|يطلب\w*|يدعو|يوصي|من|إلى|ب|الإجراءات|التدابير|المهام|دور|التوافق|توافق|آراء|بيجين|"
          r"لليونسكو|اليونسكو|أن|تقوم|يقوم|به|بها|في|يعلن|أعلن|يؤكد|أكد|يقول|يلتزم|التزم|يقر|أقر)(?=\s|$|[؟?])",
}


def addressee(question: str, lang: str) -> "tuple[int, int] | None":
    """The clauses addressed to the one the question asks about, when it asks what that one is asked to do
    ("What does the Consensus ask UNESCO's Director-General to do?" is 39-44), else None."""
    q = _norm(question).lower()
    for span, names in ADDRESSEES.items():
        m = re.search(names[lang], q, re.I)
        if not m:
            continue
        rest = re.sub(_ASKED[lang], " ", re.sub(names[lang], " ", q, flags=re.I), flags=re.I)
        words = re.findall(r"[^\W\d_]{2,}", rest) if lang != "zh" else re.findall(r"[\u4e00-\u9fff]", rest)
        if len(words) <= (2 if lang == "zh" else 1):
            return span
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
    words = REPORTING[lang].split()
    if lang == "zh":
        for w in words:
            text = text.replace(w, " ")
    else:
        text = re.sub(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b", " ", text, flags=re.I)
    return re.sub(r"\s+", " ", text).strip() or question
