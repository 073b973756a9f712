"""Is a model's one-sentence gist faithful to the official sentences it was written from?

The model phrases; this module decides. The system opens the gist itself ("The Beijing Consensus
recommends", "No, the Beijing Consensus recommends", "According to the Beijing Consensus,"): the verdict
of a yes/no question and the clause's modality are never the model's to choose. What the model writes
after that opening is shown only when every check passes:

  form       one complete sentence in the asker's language, of sensible length
  additions  numbers, groups of people and names all come from the official text; at most one content
             word from elsewhere (the question's words included: a question's premise is not evidence);
             most of its words follow the evidence's own order
  modality   nothing claimed as done or guaranteed ("has been", "already") unless the text says so
  polarity   each part keeps the negation of the evidence part it matches ("cannot be displaced" never
             becomes "can replace"); no negation the evidence lacks

The checks are deterministic and model-independent: a stronger model simply passes them more often.
The cue lists per language are short and cannot be complete; where it matters most they are backed by
the parallel versions (a sentence counts as negated when any of its six official versions is) and by the
rule that the gist repeats the official words in their order, so a missed cue has few places to hide.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Callable, Optional, Sequence

import numpy as np

from rag.corpus import dominant_script
from rag.lang import detect
from rag.lexical import tokenize
from rag.scope import names_the_consensus

Embed = Callable[[Sequence[str]], np.ndarray]  # texts -> L2-normalised rows

# --- cues per language ----------------------------------------------------------------------------

_AR_P = r"(?:^|(?<=\s)|(?<=[وفبل]))"  # Arabic particles may carry a clitic (ولا, وعدم, بدون…)
NEGATION = {
    "en": r"\b(?:not|no|never|cannot|none|nothing|neither|nor|without|lack|lacks|lacking|absence|avoid\w*|prevent\w*|"
          r"instead of|rather than)\b|n't\b|\bnon-",
    "fr": r"\b(?:ne|n|pas|jamais|aucun|aucune|sans|ni|non|rien|nullement|manque|absence|évit\w*|empêch\w*|"
          r"plutôt que|au lieu de)\b|\bnon-",
    "es": r"\b(?:no|nunca|jamás|sin|ni|ningún|ninguna|ninguno|nada|tampoco|falta|carencia|ausencia|evit\w*|"
          r"impid\w*|impedir|en lugar de|en vez de)\b|\bno-",
    "ru": r"\b(?:не|нет|ни|без|нельзя|никогда|никак\w*|отсутств\w*|недостат\w*|избега\w*|избеж\w*|"
          r"предотвра\w*|вместо|невозможн\w*|недопустим\w*|неприемлем\w*)\b",
    "zh": r"(?:不(?!断|同|仅|只|论|管|久)|没有|没|无(?!论|缝)|(?<!除)非(?!常|洲)|未(?!来)|勿|别(?!的)|莫|缺乏|缺少|避免|防止|而不是)",
    "ar": _AR_P + r"(?:لا(?!\s+سيما)|لم|لن|ليس|ليست|ليسوا|غير|دون|بدون|عدم|بلا|كلا|تجنب|منع|بدلا|ألا|لئلا)"
                  r"(?=\s|$|[،.؛:])",
}

# Grammatical negation only ("cannot", «не могут»): what may turn a yes/no question into "no". "Without losing
# sight of" or "the lack of" are negations too, but they never answer "no" to anything.
STRONG_NEGATION = {
    "en": r"\b(?:not|never|cannot|no)\b|n't\b",
    "fr": r"\b(?:ne|n|pas|jamais|aucun|aucune|nullement)\b",
    "es": r"\b(?:no|nunca|jamás|ningún|ninguna|ninguno)\b",
    "ru": r"\b(?:не(?!\s+упуская)|нет|нельзя|никогда|невозможн\w*|недопустим\w*)\b",
    "zh": r"不(?!断|同|仅|只|论|管|久|忽视|忘)|没有|无法|未(?!来)|勿|不得|不应",
    "ar": _AR_P + r"(?:لا(?!\s+سيما)|لم|لن|ليس|ليست|ألا|لئلا)(?=\s|$|[،.؛:])",
}

# "Be mindful that…", "recognize that…": awareness, not a recommendation that the thing happen.
AWARENESS = {
    "en": r"\b(?:mindful|aware|cognizant|recogni\w*|note)\b",
    "fr": r"\b(?:conscien\w*|esprit|attentif\w*|reconna\w*|tenir compte)\b",
    "es": r"\b(?:cuenta|conscien\w*|presente\w*|reconoc\w*)\b",
    "ru": r"\b(?:учитыва\w*|осозна\w*|помнить|сознава\w*|признава\w*|понимать)\b",
    "zh": r"认识到|意识到|注意到|铭记",
    "ar": r"(?:إدراك|مراعاة|الوعي|وعي)",
}

# Must, should, need: a statement of the preamble that carries one keeps it ("AI should be human-controlled").
MODAL = {
    "en": r"\b(?:should|must|need\w*|ought|shall)\b",
    "fr": r"\b(?:doit|doivent|devrait|devraient|faut|nécessaire\w*)\b",
    "es": r"\b(?:debe|deben|debería|deberían|necesari\w*|hay que)\b",
    "ru": r"\b(?:должн\w*|следует|нужно|необходим\w*)\b",
    "zh": r"应|须|需要",
    "ar": r"(?:ينبغي|يجب|يتعين|ضرور\w*)",
}

# Claims that something is done or guaranteed: shown only if the evidence itself says so.
ACCOMPLISHED = {
    "en": r"\b(?:has been|have been|had been|already|guarantee\w*|proven|achieved)\b",
    "fr": r"\b(?:a été|ont été|déjà|garanti\w*|prouvé\w*|atteint\w*)\b",
    "es": r"\b(?:ha sido|han sido|ya|garantiza\w*|demostrad\w*|logrado)\b",
    "ru": r"\b(?:уже|гарантир\w*|доказан\w*|было|были)\b",
    "zh": r"(?:已经|已被|已|保证)",
    "ar": r"(?:تم|بالفعل|يضمن|تضمن|مضمون|مضمونة|أصبح)",
}

YES_NO_QUESTION = {
    "en": r"^(?:(?:and|but|so|then|according to [^,]+,)\s+)?(?:is|are|can|could|does|do|did|should|will|would|"
          r"must|may|might|has|have|shall|was|were|isn't|aren't|doesn't|don't|shouldn't|won't|can't)\b",
    "fr": r"^est-ce qu|\b\w+-(?:t-)?(?:il|elle|ils|elles|on)\b|^(?:y a-t-il|faut-il|peut-on|doit-on)",
    "es": r"^¿?\s*(?:se |no )?(?:puede|pueden|podría|podrían|debe|deben|debería|deberían|es|son|está|están|hay|"
          r"existe|existen|tiene|tienen|va|van|será|serán|reemplazará|sustituirá|sustituye|recomienda|"
          r"menciona|dice|habla|permite|incluye|propone|prevé|apoya|defiende|exige|pide)\b",
    "ru": r"\bли\b|^(?:можно|нужно|должн\w*|следует|может|могут|будет|будут|есть|является|допускает|"
          r"предлагает|рекомендует|требует|призывает|упоминает|говорится)\b",
    "zh": r"吗[？?]?$|么[？?]?$|是否|能否|可否|会不会|能不能|是不是|有没有|可不可以|应不应该|要不要",
    "ar": r"^(?:هل|أ(?=[يتن]))",
}
_WH = {
    "en": r"^(?:what|how|why|when|where|who|whom|which|whose)\b",
    "fr": r"\b(?:que|qu'|qu’|quoi|comment|pourquoi|quand|où|quel\w*|combien|qui|lequel|laquelle)\b",
    "es": r"\b(?:qué|cómo|cuál|cuáles|cuándo|dónde|quién|quiénes|por qué|cuánto\w*|para qué)\b",
    "ru": r"\b(?:что|как\w*|почему|зачем|где|когда|кто|сколько|чем|каким|чего)\b",
    "zh": r"什么|如何|怎么|怎样|为什么|为何|哪|谁|多少|几",
    "ar": r"\b(?:ما|ماذا|كيف|لماذا|متى|أين|من هم|كم|أي|ما هي|ما هو)\b",
}
# "Why does the Consensus …": the question asserts what the Consensus does (rag/kinds.py checks it first).
WHY = {
    "en": r"^(?:(?:and|but|so)\s+)?why\b|\bwhat is the reason\b",
    "fr": r"\bpourquoi\b",
    "es": r"\bpor qu[eé]\b",
    "ru": r"\b(?:почему|зачем)\b",
    "zh": r"为什么|为何|为啥",
    "ar": r"(?:^|\s)(?:لماذا|لمَ|ما سبب)(?:\s|$)",
}
# Words that make a yes/no verdict unsafe to decide from polarity alone ("only public funding?").
_RESTRICTIVE = {
    "en": r"\b(?:only|solely|exclusively|all|every|always|never|any|entirely|fully|completely|single|one|unique|"
          r"unified|same|universal|mandatory|compulsory|required|ban\w*|forbid\w*|must|have to|obliged)\b",
    "fr": r"\b(?:seulement|uniquement|exclusivement|tous|toutes|chaque|toujours|jamais|entièrement|seul\w*|unique\w*|"
          r"même\w*|universel\w*|obligatoire\w*|interdi\w*|doit|doivent|obligé\w*)\b",
    "es": r"\b(?:solo|sólo|solamente|únicamente|exclusivamente|todos|todas|cada|siempre|nunca|totalmente|únic\w*|"
          r"mism\w*|universal\w*|obligatori\w*|prohib\w*|debe|deben|obligad\w*)\b",
    "ru": r"\b(?:только|лишь|исключительно|все|всех|каждый|всегда|никогда|полностью|един\w*|одн\w*|уникальн\w*|"
          r"универсальн\w*|обязательн\w*|запре\w*|должн\w*|обязан\w*)\b",
    "zh": r"仅|只|唯一|所有|一切|每个|总是|永远|完全|全部|统一|单一|同一|强制|禁止|必须",
    "ar": r"(?:فقط|حصرا|جميع|كل|دائما|أبدا|تماما|واحد|موحد|إلزامي|حظر|منع|يجب)",
}

# A recommendation to consider, or to explore the possibility of, something is not one to do it.
HEDGE = {
    "en": r"\b(?:consider\w*|explor\w*|possib\w*|potential\w*)\b",
    "fr": r"\b(?:envisag\w*|examiner|étudier|possib\w*|potentiel\w*)\b",
    "es": r"\b(?:consider\w*|estudiar|explorar|posib\w*|potencial\w*)\b",
    "ru": r"\b(?:рассмотр\w*|рассматрива\w*|изучить|возможност\w*|потенциальн\w*)\b",
    "zh": r"考虑|探索|探讨|可能|潜在|潜力",
    "ar": r"(?:النظر|إمكان\w*|استكشاف|دراسة|محتمل\w*)",
}

# Groups of people and bodies: a gist may name one only if the evidence or the question does.
GROUPS = {
    "en": "teacher student learner pupil parent girl women woman child youth young government minister policymaker "
          "policy-maker researcher scientist expert compan industr private-sector civil-society communit famil "
          "employer worker member-states unesco director-general donor partner stakeholder universit disab "
          "minorit indigenous migrant refugee rural elder older adult developer",
    "fr": "enseignant professeur élève étudiant apprenant parent fille femme enfant jeune gouvernement ministre "
          "décideur chercheur scientifique expert entreprise secteur-privé société-civile communauté famille "
          "employeur travailleur états-membres unesco directeur-général directrice partenaire parties-prenantes "
          "université handicap minorité autochtone migrant réfugié rural âgé adulte",
    "es": "docente profesor maestro alumno estudiante educando padre madre niña mujer niño joven gobierno ministro "
          "responsable investigador científico experto empresa sector-privado sociedad-civil comunidad familia "
          "empleador trabajador estados-miembros unesco director-general directora socio interesado universidad "
          "discapacidad minoría indígena migrante refugiado rural mayores adulto",
    "ru": "учител преподават педагог учащ студент обучающ ученик родител девоч девушк женщин дет ребен молодеж "
          "правительств министр исследоват учены эксперт компани частн гражданск общин сообществ семь "
          "работодат работник государств-член юнеско генеральн партнер заинтересованн университет инвалид "
          "меньшинств коренн мигрант беженц сельск пожил взросл",
    "zh": "教师 老师 学生 学习者 家长 父母 女童 女孩 妇女 女性 儿童 青年 青少年 政府 部长 决策者 研究人员 研究者 科学家 "
          "专家 企业 公司 私营部门 民间社会 社区 家庭 雇主 工人 劳动者 会员国 教科文组织 总干事 伙伴 利益攸关方 大学 残疾 "
          "少数 土著 移民 难民 农村 老年 成人",
    "ar": "معلم مدرس طالب طلاب الطلبة متعلم أولياء آباء فتيات الفتيات نساء المرأة أطفال شباب حكومة حكومات وزير "
          "وزراء صانعي واضعي باحث باحثين علماء خبير خبراء شركات القطاع-الخاص المجتمع-المدني مجتمعات أسر "
          "أصحاب-العمل عمال الدول-الأعضاء اليونسكو المدير-العام شركاء أصحاب-المصلحة جامعات إعاقة أقليات "
          "الأصلية مهاجرين لاجئين الريفية المسنين البالغين",
}

# A yes/no question's own auxiliaries: not content the evidence must hold.
AUXILIARIES = {
    "en": "should can could will would does did are must may might has have shall was were there use using used",
    "fr": "est-ce peut peuvent doit doivent devrait devraient faut-il faut sera seront existe-t-il utiliser "
          "utilisation",
    "es": "puede pueden podría debe deben debería deberían será serán hay existe existen está están usar uso",
    "ru": "ли можно нужно должен должна должны следует может могут будет будут есть является использовать "
          "использование",
    "zh": "是否 能否 可否 会不会 能不能 是不是 有没有 应该 应当 可以 需要 吗 使用 利用",
    "ar": "هل يمكن ينبغي يجب سوف هناك استخدام",
}

# Words a gist may add to frame the answer: the Consensus itself and how it speaks.
FRAME = {
    "en": "beijing consensus recommends recommend says states calls urges encourages stresses notes yes no also "
          "countries being",
    "fr": "consensus beijing pékin recommande dit appelle encourage souligne oui non aussi également pays être",
    "es": "consenso beijing pekín recomienda dice pide alienta subraya sí no también además países ser estar",
    "ru": "пекинский пекинского консенсус консенсуса рекомендует говорит призывает подчеркивает да нет также страны "
          "быть",
    "zh": "北京共识 共识 建议 指出 强调 呼吁 是的 不 也",
    "ar": "توافق آراء بيجين يوصي توصي يدعو يؤكد نعم لا أيضا البلدان",
}

AI_NAMES = {"en": {"ai"}, "fr": {"ia"}, "es": {"ia"}, "ru": {"ии"}, "zh": set(), "ar": set()}  # "AI" itself
MIN_ALIGN_COS = 0.80     # a gist part must match some evidence part at least this well (e5 cosine)

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹０１２３４５６７８９", "0123456789" * 3)


_COMPILED: dict[tuple[int, str], re.Pattern] = {}


def _rx(table: dict, lang: str) -> re.Pattern:
    key = (id(table), lang)
    if key not in _COMPILED:
        _COMPILED[key] = re.compile(table[lang], re.I)
    return _COMPILED[key]


def _norm(text: str) -> str:
    return unicodedata.normalize("NFC", text).replace("’", "'").translate(_DIGITS)


def has(table: dict, text: str, lang: str) -> bool:
    return bool(_rx(table, lang).search(_norm(text)))


def has_negation(text: str, lang: str) -> bool:
    return has(NEGATION, text, lang)


def is_yes_no(question: str, lang: str) -> bool:
    """A question answered by yes or no ("Can AI replace teachers?", «Может ли…», «هل…», 是否…)."""
    q = _norm(question).strip().lstrip("¿¡ ")
    # "Est-ce que …" asks yes or no; its "que" is not the wh-word "que" ("Qu'est-ce que …" is).
    rest = re.sub(r"^est-ce qu(?:e\b|')", " ", q, flags=re.I) if lang == "fr" else q
    return bool(_rx(YES_NO_QUESTION, lang).search(q)) and not _rx(_WH, lang).search(rest)


def segments(text: str, lang: str) -> list[str]:
    """Clause-like parts of a sentence: split at , ; : and the word "and" (with a comma or not)."""
    seps = {"en": r"\band\b|\bbut\b|\bwhile\b", "fr": r"\bet\b|\bmais\b", "es": r"\by\b|\bpero\b",
            "ru": r"\bи\b|\bно\b|\bа\b", "zh": r"并且|而且|但是|同时", "ar": r"\sو(?=\S)"}[lang]
    parts = re.split(rf"[,;:，；：、،؛]|{seps}", text)
    parts = [p.strip(" .。") for p in parts if p and len(tokenize(p, lang)) >= 2]
    return parts or [text.strip()]


def _en_base(m: re.Match) -> str:
    """An English word without "-ing" or a final "e": "Take" (the clause's imperative) and "taking" (after the
    system's "recommends") are one word. The 6-letter stem alone already joins "develop"/"developing"."""
    w = m.group(0).lower()
    if len(w) > 5 and w.endswith("ing"):
        w = w[:-3]
        if w[-1] == w[-2] and w[-1] not in "aeiouls":  # planning -> plan
            w = w[:-1]
    return w[:-1] if len(w) > 3 and w.endswith("e") else w


def _tokens(text: str, lang: str) -> list[str]:
    return tokenize(re.sub(r"[A-Za-z]+", _en_base, text) if lang == "en" else text, lang)


def content(text: str, lang: str) -> set[str]:
    toks = set(_tokens(text, lang))
    if lang == "zh":
        return {t for t in toks if len(t) == 2}  # bigrams: single characters say little
    return {t for t in toks if len(t) >= 3 and not t.isdigit()}


def numbers(text: str) -> set[str]:
    return set(re.findall(r"\d+", _norm(text)))


def _group_terms(lang: str) -> list[str]:
    return [g.replace("-", " ") for g in GROUPS[lang].split()]


def groups_in(text: str, lang: str) -> set[str]:
    t = _norm(text).lower()
    if lang == "zh":
        return {g for g in _group_terms(lang) if g in t}
    if lang == "ar":
        toks = set(tokenize(t, lang))
        return {g for g in _group_terms(lang) if set(tokenize(g, lang)) <= toks}
    words = re.findall(r"\w+", t)
    return {g for g in _group_terms(lang)
            if all(any(w.startswith(part) for w in words) for part in g.split())}


def names_in(text: str, lang: str) -> set[str]:
    """Capitalised words and acronyms not at the start of the sentence (Latin and Cyrillic only)."""
    if lang in ("zh", "ar"):
        return set()
    words = re.findall(r"\b\w+\b", _norm(text))
    return {w.lower()[:6] for i, w in enumerate(words) if i > 0 and w[:1].isupper()}


# --- yes/no --------------------------------------------------------------------------------------

# A verb that asks to end, forbid, reject or weaken something ("Why does it ban remote assessment?", "Does it
# weaken UNESCO's role?"): the Consensus never does so where the part that settles the question recommends the
# very thing, with no negation.
PROHIBIT = {
    "en": r"\b(?:ban|bans|banned|banning|prohibit\w*|forbid\w*|outlaw\w*|abolish\w*|eliminat\w*|get rid of|"
          r"do away with|drop|drops|dropping|stop|stops|stopping|abandon\w*|discontinu\w*|phase out|"
          r"reject\w*|weaken\w*|undermin\w*|discourag\w*|advis\w* against|warn\w* against|rul(?:e|es|ed|ing) out|"
          r"exclud\w*|downplay\w*|dismiss\w*|oppos\w*)\b",
    "fr": r"\b(?:interdi\w*|prohib\w*|bannir|bannit|banni\w*|abolir|aboli\w*|supprim\w*|élimin\w*|proscri\w*|"
          r"arrêt\w*|abandonn\w*|renonc\w*|rejet\w*|rejett\w*|affaibli\w*|déconseill\w*|décourag\w*|dissua\w*|"
          r"exclu\w*|écart\w*|minimis\w*|oppos\w*)\b",
    "es": r"\b(?:prohib\w*|prohíb\w*|vet\w*|abol\w*|elimin\w*|suprim\w*|dejar de|deje de|abandon\w*|renunci\w*|"
          r"rechaz\w*|debilit\w*|desaconsej\w*|desalient\w*|desanim\w*|disuad\w*|excluy\w*|excluir|descart\w*|"
          r"menosprecia\w*|opon\w*|opone\w*|oposici\w*)\b",
    "ru": r"\b(?:запре\w*|отмен\w*|ликвидир\w*|упраздн\w*|искорен\w*|отказ\w*|прекрат\w*|прекращ\w*|"
          r"отверга\w*|отвергну\w*|отвергл\w*|ослаб\w*|отговарива\w*|исключа(?:ет|ют|ть)|исключить|"
          r"преуменьша\w*|отклоня\w*|против|возража\w*)\b",
    "zh": r"禁止|取缔|废除|废止|取消|摒弃|杜绝|禁用|停止|放弃|削弱|弱化|拒绝|否定|排斥|排除|不鼓励|劝阻|淡化|反对",
    "ar": r"(?:حظر|يحظر|تحظر|بحظر|منع|يمنع|تمنع|بمنع|إلغاء|بإلغاء|يلغي|إبطال|التوقف عن|بالتوقف عن|التخلي عن|"
          r"رفض|يرفض|ترفض|برفض|إضعاف|يضعف|تضعف|بإضعاف|استبعاد|يستبعد|يستبعدون|باستبعاد|يعارض|تعارض|معارضة)",
}
# Harms the Consensus itself warns about: a question about banning, rejecting or opposing one ("Why does it reject
# bias?") asks about something the Consensus is against too; no part naming it ("free from gender bias")
# refutes that.
HARMS = {
    "en": r"\b(?:bias\w*|divides?|gaps?|risks?|harm\w*|misuse\w*|discriminat\w*|inequalit\w*|inequit\w*|threats?|"
          r"danger\w*|surveillance|abuse\w*|violat\w*|prejudic\w*|exclusion|disinformation|cheat\w*)\b",
    "fr": r"\b(?:biais|fractures?|écarts?|risques?|préjud\w*|abus\w*|discrimin\w*|inégalit\w*|iniquit\w*|menaces?|"
          r"danger\w*|surveillance|violations?|exclusion|désinformation|trich\w*)\b",
    "es": r"\b(?:sesgos?|brechas?|riesgos?|daños?|perjuic\w*|abusos?|discrimin\w*|desigualdad\w*|inequidad\w*|"
          r"amenazas?|peligro\w*|vigilancia|violaci\w*|exclusión|desinformación|tramp\w*)\b",
    "ru": r"\b(?:предвзят\w*|разрыв\w*|риск\w*|вред\w*|злоупотреб\w*|дискримин\w*|неравенств\w*|угроз\w*|"
          r"опасн\w*|слежк\w*|нарушени\w*|изоляци\w*|дезинформаци\w*|списыва\w*)\b",
    "zh": r"偏见|偏差|鸿沟|差距|风险|危害|滥用|歧视|不平等|威胁|危险|监控|侵犯|作弊",
    "ar": r"(?:تحيز|التحيز|الفجوة|فجوة|مخاطر|المخاطر|ضرر|أضرار|إساءة|تمييز|التمييز|عدم المساواة|تهديد|خطر|مراقبة|"
          r"انتهاك|الغش)",
}
# Verbs that act against something ("reduce the AI divide", «предотвращать»): the Consensus opposes the thing, so
# a question about rejecting or banning it is not refuted by a part that names it.
COUNTER = {
    "en": r"\b(?:reduc\w*|mitigat\w*|combat\w*|tackl\w*|bridg\w*|clos(?:e|ing) the|minimi[sz]\w*|overcom\w*|"
          r"counter\w*|protect\w*|address\w*|eradicat\w*)\b",
    "fr": r"\b(?:rédui\w*|réduction|atténu\w*|lutt\w*|combat\w*|combler|minimis\w*|surmont\w*|protég\w*|"
          r"protection|remédi\w*)\b",
    "es": r"\b(?:reduc\w*|mitig\w*|atenu\w*|luch\w*|combat\w*|cerrar|minimiz\w*|super\w*|proteg\w*|"
          r"protección|subsan\w*|abord\w*)\b",
    "ru": r"\b(?:сокра\w*|сниж\w*|уменьш\w*|смягч\w*|борьб\w*|бороть\w*|преодол\w*|устран\w*|защит\w*)\b",
    "zh": r"减少|缩小|降低|减轻|缓解|应对|消除|弥合|保护|克服|打击",
    "ar": r"(?:الحد من|للحد من|تقليص|تقليل|خفض|التخفيف|مكافحة|سد|حماية|التغلب|معالجة)",
}
# "Without losing sight of X" keeps X in view: a double negation, no "no" and no ban in it.
KEEP_IN_VIEW = {
    "en": r"without losing sight of", "fr": r"sans perdre de vue", "es": r"sin perder de vista",
    "ru": r"не забывая(?: при этом)?", "zh": r"不能忽视|不忽视", "ar": r"(?:ب)?دون إغفال",
}


# "Why does the Consensus ask / want / call for X": the verb reports the claim; X is what is checked.
REPORTING = {
    "en": "tell tells ask asks call calls want wants require requires demand demands say says claim claims insist insists urge "
          "urges suggest suggests propose proposes recommend recommends advocate advocates",
    "fr": "demande demandent appelle veut exige dit affirme prétend préconise propose recommande plaide ici",
    "es": "pide piden exige quiere dice afirma propone recomienda aboga",
    "ru": "просит призывает требует хочет говорит говорится утверждает предлагает рекомендует",
    "zh": "要求 呼吁 主张 希望 认为 提出 建议 规定",
    "ar": "يدعو يطالب يطلب يريد يقول يرى يوصي يقترح",
}


@dataclass(frozen=True)
class Settlement:
    """The part of the evidence that settles a question, and the verdict it supports (None: undecided)."""
    verdict: Optional[str]
    sentence: int               # index of the settling sentence in the evidence
    part: str                   # the settling part of that sentence
    similarity: float


def settle(question: str, evidence: Sequence[str], lang: str, embed: Embed,
           negated: Optional[Sequence[bool]] = None, premise: bool = False,
           prior: Optional[Sequence[float]] = None) -> Optional[Settlement]:
    """The evidence part closest to the question, and the yes/no it settles, if it settles one safely.

    The question is matched to its closest part of the clause (split at , ; : and "and"). "No" when that part
    is grammatically negated (in this version and, where the versions line up, in another: `negated`, one flag
    per sentence) and shares the question's words ("Can AI replace teachers?" / "teachers cannot be displaced by
    machines"), or when the question asks whether the Consensus bans or abolishes something that part
    recommends, unnegated ("ban remote assessment" / "support large-scale and remote assessment"). "Yes" when
    one part, free of any negation or "be mindful that", holds every content word of the question. Anything
    else, or a question that is negated, restrictive ("only", "a single", "must") or carries a number the text
    lacks, is undecided: no verdict is always safer than a wrong one.

    premise: the question is a "why does it …" question; its claim is checked like a yes/no question (a number
    in it does not keep a refutation from being one).
    prior:   per sentence, how well it answers the question judged on all six versions (rag/evidence.py): added
             to each part's own similarity, so the same sentence settles the question in every language.
    """
    if not evidence:
        return None
    parts = [(i, p) for i, s in enumerate(evidence) for p in segments(s, lang)]
    vecs = embed([question] + [p for _, p in parts])
    sims = vecs[1:] @ vecs[0]
    ranked = sims + (np.array([prior[i] for i, _ in parts]) if prior is not None else 0.0)
    order = [int(j) for j in np.argsort(-ranked, kind="stable")]
    found = Settlement(None, parts[order[0]][0], parts[order[0]][1], float(sims[order[0]]))
    if not (premise or is_yes_no(question, lang)) or has_negation(question, lang) and not premise:
        return found
    q = (content(question, lang) - content(FRAME[lang], lang) - content(AUXILIARIES[lang], lang)
         - _cues_words(WHY, question, lang) - (content(REPORTING[lang], lang) if premise else set()))
    if names_the_consensus(question):  # "Does the Consensus support X?" asks whether it recommends X
        q -= _cues_words(ENDORSE, question, lang)
    if not q:
        return found
    # The part that settles a question is not always the closest one ("Can AI replace teachers?" is nearest to
    # "AI provides opportunities to support teachers"): the parts close to the best are tried in order.
    for j in order:
        i, part = parts[j]
        if sims[j] < max(MIN_ALIGN_COS, float(sims.max()) - SETTLE_SEARCH):
            continue
        flag = negated[i] if negated is not None and i < len(negated) else has_negation(evidence[i], lang)
        verdict = _verdict(question, q, part, evidence, i, flag, lang, premise)
        if verdict:
            return Settlement(verdict, i, part, float(sims[j]))
    return found


SETTLE_SEARCH = 0.06  # how far below the closest part a part may be and still settle the question


def _verdict(question: str, q: set[str], part: str, evidence: Sequence[str], i: int, sentence_negated: bool,
             lang: str, premise: bool) -> Optional[str]:
    """The yes/no one part settles, or None (see settle)."""
    words = content(part, lang)
    # "ban X?", and "why does it advise not to X?": no, when the settling part recommends X
    if has(PROHIBIT, question, lang) or premise and has_negation(question, lang):
        return _refutes_ban(question, q, part, evidence[i], lang)
    restrictive = has(_RESTRICTIVE, question, lang)
    if has(STRONG_NEGATION, part, lang) and sentence_negated:
        if (not restrictive or premise) and len(q & words) * 2 >= len(q):
            return "no"
        return None
    if premise or restrictive or numbers(question) - numbers(" ".join(evidence)):
        return None
    if has_negation(part, lang) or sentence_negated or _aware_only(evidence[i], lang):
        return None
    # Every content word of the question in the part. A bare noun phrase ("… to support large-scale | and remote
    # assessment") takes its predicate from the part before it; a part with a predicate of its own does not
    # ("reduce the AI divide | and increase investment" never says "increase the divide").
    parts = segments(evidence[i], lang)
    k = parts.index(part) if part in parts else 0
    near = [part] if len(words) > BARE_PHRASE or k == 0 else [parts[k - 1], part]
    if part in parts and k == len(parts) - 1:  # a short tail is no part of its own: "… à grande échelle | et à distance."
        tail = evidence[i][evidence[i].find(part) + len(part):]
        if has_negation(tail, lang):
            return None
        near.append(tail)
    if has(HEDGE, " ".join(near), lang):
        return None
    return "yes" if q <= set().union(*(content(p, lang) for p in near)) else None


def _refutes_ban(question: str, q: set[str], part: str, sentence: str, lang: str) -> Optional[str]:
    """"No" when the question asks whether the Consensus bans, rejects or advises against X and the settling part,
    with the parts on either side of it (the text splits "support large-scale | and remote assessment"),
    recommends X with no negation, hedge or counter-verb in sight; else None."""
    parts = segments(sentence, lang)
    k = parts.index(part) if part in parts else -1
    # from the part before to the end of the part after (or of the sentence: a short tail is no part of its own)
    start = sentence.find(parts[k - 1]) if k > 0 else sentence.find(part)
    end = sentence.find(parts[k + 1]) + len(parts[k + 1]) if 0 <= k < len(parts) - 1 else len(sentence)
    window = sentence[start:end] if k >= 0 and start >= 0 and end > start else part
    # the question's words with its ban or negation cut out (for Chinese, no bigram across the cut); "AI" is in
    # nearly every clause and says nothing about which thing is recommended
    bare = _rx(NEGATION, lang).sub(" ", _rx(PROHIBIT, lang).sub(" ", _norm(question)))
    bare = _rx(_AI, lang).sub(" ", bare)
    object_words = q & content(bare, lang)
    if not object_words or has(HARMS, question, lang):
        return None
    plain = _rx(KEEP_IN_VIEW, lang).sub(" ", _norm(window))
    # "Be cognizant of X, without losing sight of Y" keeps Y in view: awareness, but of what must not be dropped
    aware = has(AWARENESS, sentence, lang) and not has(KEEP_IN_VIEW, window, lang)
    if (has(PROHIBIT, sentence, lang) or has_negation(plain, lang) or has(COUNTER, sentence, lang)
            or has(HEDGE, part, lang) or aware):
        return None
    shared = _shared(object_words, content(window, lang), lang)
    return "no" if shared * 3 >= 2 * len(object_words) else None


_AI = {"en": r"\b(?:AI|artificial intelligence)\b", "fr": r"\b(?:IA|intelligence artificielle)\b",
       "es": r"\b(?:IA|inteligencia artificial)\b", "ru": r"\b(?:ИИ|искусственн\w* интеллект\w*)",
       "zh": r"人工智能|进行", "ar": r"(?:ب|لل|ال)?ذكاء\s+(?:ال)?اصطناعي"}


def _shared(words: set[str], other: set[str], lang: str) -> int:
    """How many of `words` occur in `other`, an inflection counting («оценку» / «оценки»)."""
    if lang == "zh":
        return len(words & other)
    stems = {w[:5] for w in other}
    return sum(w[:5] in stems for w in words)


# "Does the Consensus support / endorse / encourage X?": the verb is the Consensus's stance, not part of X.
ENDORSE = {
    "en": r"\b(?:support|supports|endorse|endorses|encourage|encourages|promote|promotes|advocate|advocates|favou?r|"
          r"favou?rs|back|backs)\b",
    "fr": r"\b(?:soutien\w*|souten\w*|appui\w*|encourag\w*|préconis\w*|promeu\w*|promouv\w*|favoris\w*)\b",
    "es": r"\b(?:apoy\w*|respald\w*|fomenta\w*|promuev\w*|promov\w*|alienta\w*|favorec\w*|defiend\w*)\b",
    "ru": r"\b(?:поддерживает|поддерживают|одобряет|поощряет|продвигает|выступает за)\b",
    "zh": r"支持|赞成|鼓励|提倡|倡导|主张|推动",
    "ar": r"(?:يؤيد|تؤيد|يدعم|تدعم|يشجع|تشجع|يحبذ|يناصر)",
}
# "Be mindful of the need to X" / "of the importance of X" recommends X: awareness of a need is no mere caution.
NEED = {"en": r"\b(?:need|needs|importance)\b", "fr": r"\b(?:nécessité|besoins?|importance)\b",
        "es": r"\b(?:necesidad\w*|importancia)\b", "ru": r"(?:необходимост\w*|важност\w*|потребност\w*)",
        "zh": r"需要|必要|重要性", "ar": r"(?:ضرورة|أهمية|الحاجة|احتياجات)"}


def _aware_only(sentence: str, lang: str) -> bool:
    """The sentence asks to be aware of something, not to do it ("Be mindful that AI provides opportunities")."""
    return has(AWARENESS, sentence, lang) and not has(NEED, sentence, lang)


BARE_PHRASE = 3  # content words in a part short enough to be a noun phrase sharing the previous part's verb


def _cues_words(table: dict, text: str, lang: str) -> set[str]:
    return {w for m in _rx(table, lang).findall(_norm(text)) for w in content(m, lang)}


def decide_yes_no(question: str, evidence: Sequence[str], lang: str, embed: Embed,
                  negated: Optional[Sequence[bool]] = None) -> Optional[str]:
    """The system's yes/no for a yes/no question, or None when the evidence does not settle it safely."""
    found = settle(question, evidence, lang, embed, negated)
    return found.verdict if found else None


# --- frames -------------------------------------------------------------------------------------
# The system, not the model, says how the Consensus speaks: the gist starts with the frame of its clause's
# kind (the model writes only what follows), so a recommendation stays a recommendation and a request to
# UNESCO stays one. Wording from the official lead-ins of clauses 8, 33 and 39.
FRAMES = {
    "recommends": {"en": "The Beijing Consensus recommends", "fr": "Le Consensus de Beijing recommande",
                   "es": "El Consenso de Beijing recomienda", "ru": "Пекинский консенсус рекомендует",
                   "zh": "《北京共识》建议", "ar": "يوصي توافق آراء بيجين بما يلي:"},
    "invites": {"en": "The Beijing Consensus invites the Director-General of UNESCO to",
                "fr": "Le Consensus de Beijing invite la Directrice générale de l’UNESCO à",
                "es": "El Consenso de Beijing invita a la Directora General de la UNESCO a",
                "ru": "Пекинский консенсус предлагает Генеральному директору ЮНЕСКО",
                "zh": "《北京共识》请教科文组织总干事", "ar": "يدعو توافق آراء بيجين المدير العام لليونسكو إلى"},
    "states": {"en": "According to the Beijing Consensus,", "fr": "Selon le Consensus de Beijing,",
               "es": "Según el Consenso de Beijing,", "ru": "Согласно Пекинскому консенсусу,",
               "zh": "根据《北京共识》，", "ar": "وفقاً لتوافق آراء بيجين،"},
}
# What the language's grammar lets follow a frame's verb (the model writes from there): French "recommande de/que",
# an infinitive after Russian "рекомендует" / "предлагает …", no gerund after Spanish "recomienda" / "invita a".
_RU_INFINITIVE = r"\w+(?:ть|ти|чь)(?:ся|сь)?\b|чтобы\b"
_ES_NO_GERUND = r"(?!\w+(?:ando|iendo|yendo)\b)"
FRAME_NEXT = {("recommends", "fr"): r"(?:de |d['’]|que |qu['’])",
              ("recommends", "ru"): _RU_INFINITIVE, ("invites", "ru"): _RU_INFINITIVE,
              ("recommends", "es"): _ES_NO_GERUND, ("invites", "es"): _ES_NO_GERUND, ("states", "es"): _ES_NO_GERUND}
_VERDICT_WORD = {"yes": {"en": "Yes", "fr": "Oui", "es": "Sí", "ru": "Да", "zh": "是的", "ar": "نعم"},
                 "no": {"en": "No", "fr": "Non", "es": "No", "ru": "Нет", "zh": "不", "ar": "لا"}}


def verdict_of(gist: str, lang: str) -> Optional[str]:
    """The yes/no a gist opens with, if any."""
    return next((v for v, words in _VERDICT_WORD.items() if re.match(rf"{words[lang]}(?:\b|[，,])", gist)), None)


def frame_kind(clause: int) -> str:
    """Clauses 1-7 state, 8-38 recommend (to governments, then to international partners), 39-44 invite UNESCO."""
    return "states" if clause < 8 else "invites" if clause >= 39 else "recommends"


def opening(kind: str, lang: str, verdict: Optional[str] = None) -> str:
    """The start of a gist: the verdict word for a decided yes/no question, then the frame."""
    frame = FRAMES[kind][lang]
    if verdict is None:
        return frame
    word = _VERDICT_WORD[verdict][lang]
    if lang == "zh":
        return f"{word}，{frame}"
    if not frame.startswith("Пекинский"):
        frame = frame[:1].lower() + frame[1:]
    return f"{word}{'،' if lang == 'ar' else ','} {frame}"


def kind_of_opening(start: str, lang: str) -> str:
    """The frame kind an opening was made from: opening()'s inverse. A verdict lower-cases the frame
    ("No, the Beijing Consensus recommends"), so the match ignores case."""
    return next((k for k, f in FRAMES.items() if start.casefold().endswith(f[lang].casefold())), "states")


# --- the gist check ------------------------------------------------------------------------------

@dataclass(frozen=True)
class GistCheck:
    ok: bool
    text: str                      # the gist as it would be shown (its first sentence)
    reasons: tuple[str, ...] = ()  # why it was rejected, e.g. ("polarity", "new_words:3")
    source: str = ""               # the official sentence the gist follows (shown with it)


_TERMINAL = re.compile(r"[.!。！]$|[.!。！][»\"”)]$")


def balance_quotes(text: str) -> str:
    """Drops quotation marks opened and never closed (or closed and never opened)."""
    for a, b in ('""', "«»", "“”"):
        if text.count(a) + text.count(b) == 1 or (a == b and text.count(a) % 2):
            text = text.replace(a, "").replace(b, "")
    return text


def first_sentence(text: str) -> str:
    from rag.evidence import split_sentences
    text = re.sub(r"\s+", " ", text).strip().strip("\"“”«»")
    sents = split_sentences(text)
    return balance_quotes(sents[0] if sents else text)


def _ordered_share(a: list[str], b: list[str]) -> float:
    """Share of `a` found in `b` in the same order (longest common subsequence / len(a))."""
    if not a:
        return 0.0
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1] / len(a)


def _seq(text: str, lang: str) -> list[str]:
    toks = _tokens(text, lang)
    return [t for t in toks if len(t) == 2] if lang == "zh" else [t for t in toks if len(t) >= 3]


def _same_word(a: str, b: str, lang: str) -> bool:
    return a == b or lang != "zh" and min(len(a), len(b)) >= 4 and a[:4] == b[:4]  # "adoptar" / "adopten"


def starts_at_head(first: str, sentence: str, lang: str, skip: set[str] = frozenset(), parts: bool = True) -> bool:
    """Whether a gist whose first content word is `first` starts where `sentence`, or one of its parts, starts.
    A gist that starts further in has dropped the head that governs the rest: "Be mindful of the importance of |
    adopting principles" becomes "recommends adopting principles", «وتعزيز دور اليونسكو الريادي في مجال | استخدام
    الذكاء الاصطناعي» becomes "to use AI", and 强化 | 教师培训机构并制定… ("strengthen | teacher training
    institutions and draw up…") makes the institutions the actors. Even one skipped word is a verb."""
    for part in (sentence, *(segments(sentence, lang) if parts else ())):
        # A leading "not" is not a head ("فلا ينبغي", where the gist's «لا» is too short to count): the polarity
        # check keeps it.
        words = [t for t in _seq(part, lang) if t not in skip and not has_negation(t, lang)]
        if words and _same_word(first, words[0], lang):
            return True
    return False


_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_BREAK = re.compile(r"[,;:，；：、،؛()]|\b(?:and|or|et|ou|y|o|и|или|و)\b|[并和与或]", re.I)


def _word_spans(text: str, lang: str) -> list[tuple[str, int, int]]:
    """(word, start, end) of every word; Chinese, one character each. English words lose -ing and a final e."""
    if lang == "zh":
        return [(m.group(0), m.start(), m.end()) for m in re.finditer(r"[\u4e00-\u9fff]|[A-Za-z0-9]+", text)]
    return [(re.sub(r"[A-Za-z]+", _en_base, m.group(0)) if lang == "en" else m.group(0).lower(), m.start(), m.end())
            for m in _WORD.finditer(text)]


def drops_inside_a_phrase(rest: str, source: str, lang: str) -> bool:
    """Whether two words next to each other in the gist stand apart in the source with no break between them:
    "the leading role of [UNESCO in] AI in education" turns UNESCO's role into AI's. Dropping a whole list item
    or coordinated part ("ethical, [non-discriminatory,] equitable") leaves a comma or "and" in the gap."""
    g = _word_spans(rest, lang)
    src = _word_spans(source, lang)
    a, b = [w for w, _, _ in g], [w for w, _, _ in src]
    # longest common subsequence, with the matched pairs
    dp = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) - 1, -1, -1):
        for j in range(len(b) - 1, -1, -1):
            dp[i][j] = dp[i + 1][j + 1] + 1 if _same_word(a[i], b[j], lang) else max(dp[i + 1][j], dp[i][j + 1])
    pairs, i, j = [], 0, 0
    while i < len(a) and j < len(b):
        if _same_word(a[i], b[j], lang) and dp[i][j] == dp[i + 1][j + 1] + 1:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif dp[i + 1][j] >= dp[i][j + 1]:
            i += 1
        else:
            j += 1
    for (i1, j1), (i2, j2) in zip(pairs, pairs[1:]):
        if i2 == i1 + 1 and j2 > j1 + 1:
            gap = source[src[j1][2]:src[j2][1]]
            if not _BREAK.search(gap):
                return True
    return False


def _cues(table: dict, text: str, lang: str) -> set[str]:
    return {m.lower() for m in _rx(table, lang).findall(_norm(text))}


def check_gist(gist: str, question: str, evidence: Sequence[str], lang: str, embed: Embed, *,
               start: str, context: str = "", verdict: Optional[str] = None,
               negated: Optional[Sequence[bool]] = None) -> GistCheck:
    """Decide whether `gist` may be shown above `evidence` (the official sentences it was written from).

    start:   the opening the system chose (verdict word + frame); the gist must begin with it.
    context: other official text the gist may draw words from (the lead-in naming who is addressed).
    verdict: the system's yes/no for a yes/no question (None: undecided or not a yes/no question).
    negated: per evidence sentence, whether any of its six official versions is negated (a cue missing in
             one language is found in another).
    """
    text = first_sentence(gist)
    reasons: list[str] = []
    if not text.startswith(start):
        return GistCheck(False, text, ("opening",))
    rest = text[len(start):].strip(" ,،，")
    ev = " ".join(evidence)
    allowed = ev + " " + context

    # form and language
    n_words = len(rest) if lang == "zh" else len(rest.split())
    if not ((6 <= n_words <= 100) if lang == "zh" else (3 <= n_words <= 40)):
        reasons.append("length")
    if not _TERMINAL.search(text):
        reasons.append("incomplete")
    if detect(text).lang != lang or dominant_script(rest) != dominant_script(ev):
        reasons.append("language")

    # Nothing added: no number, group, name or content word that is not in the official text (the question's
    # own words included: a question's premise is not the Consensus's), and every content word in the order of
    # ONE official sentence, none repeated more often: recombining and swapping words is where a reversed
    # meaning hides ("reduce the divide and reduce investment", "machines cannot be displaced by teachers").
    if numbers(rest) - numbers(allowed):
        reasons.append("numbers")
    extra_groups = groups_in(rest, lang) - groups_in(allowed, lang)
    if extra_groups:
        reasons.append("groups:" + ",".join(sorted(extra_groups)))
    # " x " first: names_in skips a sentence's first word, and the rest starts mid-sentence
    if names_in(" x " + rest, lang) - {w.lower()[:6] for w in re.findall(r"\w+", allowed)} - AI_NAMES[lang]:
        reasons.append("names")
    frame = content(FRAME[lang], lang)  # words an answer about the Consensus may need ("being aware that")
    g = content(rest, lang) - frame
    new = g - content(allowed, lang)
    if new:
        reasons.append(f"new_words:{len(new)}")
    if g and g <= content(question, lang):
        reasons.append("restates_question")
    seq = [t for t in _seq(rest, lang) if t not in frame]
    shares = [_ordered_share(seq, _seq(s, lang)) for s in evidence]
    k = max(range(len(evidence)), key=shares.__getitem__) if evidence else 0
    source = evidence[k] if evidence else ""
    src = _seq(source, lang)
    kind = kind_of_opening(start, lang)
    if not shares or max(shares) < 1.0 or any(seq.count(t) > src.count(t) for t in set(seq)):
        reasons.append("reordered")
    # A preamble sentence is one act ("Recalling the Qingdao Declaration, in which it was stated that …"): a
    # statement starts at its head, or it puts another text's words in the Consensus's mouth.
    elif seq and not starts_at_head(seq[0], source, lang, frame, parts=kind != "states"):
        reasons.append("headless")
    elif drops_inside_a_phrase(rest, source, lang):
        reasons.append("dropped_inside")

    # modality: "consider" stays, nothing is claimed done that the text does not say is, and a statement of the
    # preamble keeps its "should"
    if has(HEDGE, source, lang) and not has(HEDGE, rest, lang):
        reasons.append("hedge")
    if not _cues(ACCOMPLISHED, rest, lang) <= _cues(ACCOMPLISHED, ev, lang):
        reasons.append("accomplished")
    if kind == "states" and has(MODAL, source, lang) and not has(MODAL, rest, lang):
        reasons.append("modality")
    after = FRAME_NEXT.get((kind, lang))
    if after and not re.match(after, rest) or kind != "states" and re.match(r"\s*[,،，]", text[len(start):]):
        reasons.append("grammar")  # "recommande protéger", "recomienda extrayendo", "ЮНЕСКО, действовать"

    # polarity: the gist is negated exactly when its source sentence is (in any of the six versions), and each
    # part keeps the negation of the evidence part it is closest to
    own = has_negation(source, lang)
    source_negated = own or (negated is not None and k < len(negated) and negated[k])
    if not reasons and (has_negation(rest, lang) and not source_negated
                        or source_negated and not own and not has_negation(rest, lang)):
        reasons.append("polarity")  # a negation added, or one this version words without a cue dropped
    if not reasons:
        gparts, eparts = segments(rest, lang), [p for s in evidence for p in segments(s, lang)]
        vecs = embed(gparts + eparts)
        sims = vecs[:len(gparts)] @ vecs[len(gparts):].T
        for i, part in enumerate(gparts):
            j = int(np.argmax(sims[i]))
            if sims[i, j] < MIN_ALIGN_COS:
                reasons.append("unsupported")
                break
            if has_negation(part, lang) != has_negation(eparts[j], lang):
                reasons.append("polarity")
                break
    return GistCheck(not reasons, text, tuple(reasons), source)
