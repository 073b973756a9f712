"""The few sentences the assistant writes itself, in the six languages.

A text that names a count has one form per CLDR plural category of its language ("one", "two", "few",
"many", "other"; "other" always): French says "1 paragraphe" and "2 paragraphes", Russian 1 пункт /
2 пункта / 5 пунктов, Arabic has a dual (فقرتان) and a plural for 3-10 (فقرات). Which category a number
takes comes from Babel's CLDR data, not from rules written here.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Mapping, Optional, Union

# The one table of language names: in English (for prompts) and in themselves (for people).
LANGUAGE_NAMES = {"en": "English", "fr": "French", "es": "Spanish", "ru": "Russian", "zh": "Chinese", "ar": "Arabic"}
NATIVE_NAMES = {"en": "English", "fr": "Français", "es": "Español", "ru": "Русский", "zh": "中文", "ar": "العربية"}

_T = {
    # Extractive answers: a lead sentence above the official text. It claims only what the system knows (these
    # are the closest passages), never that each one answers the question: a user may quote it.
    "lead_one": {
        "en": "The passage of the Beijing Consensus closest to your question is in clause {n}:",
        "fr": "Le passage du Consensus de Beijing le plus proche de votre question se trouve au paragraphe {n} :",
        "es": "El pasaje del Consenso de Beijing más cercano a su pregunta está en el párrafo {n}:",
        "ru": "К вашему вопросу ближе всего пункт {n} Пекинского консенсуса:",
        "zh": "《北京共识》中与您的问题最接近的是第{n}条：",
        "ar": "أقرب ما في توافق آراء بيجين إلى سؤالك هو الفقرة {n}:",
    },
    "lead_many": {
        "en": "The passages of the Beijing Consensus closest to your question are in clauses {nums}:",
        "fr": "Les passages du Consensus de Beijing les plus proches de votre question se trouvent aux paragraphes "
              "{nums} :",
        "es": "Los pasajes del Consenso de Beijing más cercanos a su pregunta están en los párrafos {nums}:",
        "ru": "К вашему вопросу ближе всего пункты {nums} Пекинского консенсуса:",
        "zh": "《北京共识》中与您的问题最接近的是第{nums}条：",
        "ar": {"two": "أقرب ما في توافق آراء بيجين إلى سؤالك هما الفقرتان {nums}:",
               "other": "أقرب ما في توافق آراء بيجين إلى سؤالك هو الفقرات {nums}:"},
    },
    "lead_lookup_many": {
        "en": "Clauses {nums} of the Beijing Consensus read:",
        "fr": "Les paragraphes {nums} du Consensus de Beijing se lisent comme suit :",
        "es": "Los párrafos {nums} del Consenso de Beijing dicen:",
        "ru": "Пункты {nums} Пекинского консенсуса гласят:",
        "zh": "《北京共识》第{nums}条原文如下：",
        "ar": {"two": "نص الفقرتين {nums} من توافق آراء بيجين:", "other": "نص الفقرات {nums} من توافق آراء بيجين:"},
    },
    "lead_lookup": {
        "en": "Clause {n} of the Beijing Consensus reads:",
        "fr": "Le paragraphe {n} du Consensus de Beijing se lit comme suit :",
        "es": "El párrafo {n} del Consenso de Beijing dice:",
        "ru": "Пункт {n} Пекинского консенсуса гласит:",
        "zh": "《北京共识》第{n}条原文如下：",
        "ar": "نص الفقرة {n} من توافق آراء بيجين:",
    },
    # The frame of an answer's first line, before the quoted official words. "Addresses this" is said only when
    # the evidence is confident (LanguageProfile.confident). Otherwise the frame only names the clause: blind
    # readers took "the most relevant passage" as a hedge where the clause answers, and as a false claim where it
    # does not; the bare label claims neither, and the quote is judged on its own words.
    "direct_addresses": {
        "en": "Clause {n} addresses this:",
        "fr": "Le paragraphe {n} répond à cette question :",
        "es": "El párrafo {n} trata esta cuestión:",
        "ru": "Этому посвящен пункт {n}:",
        "zh": "第{n}条涉及这一问题：",
        "ar": "تتناول الفقرة {n} هذه المسألة:",
    },
    "direct_clause": {
        "en": "Clause {n}:", "fr": "Paragraphe {n} :", "es": "Párrafo {n}:", "ru": "Пункт {n}:", "zh": "第{n}条：",
        "ar": "الفقرة {n}:",
    },
    # Who a quoted clause is addressed to (its part's official lead-in), said in the first line's frame: an
    # infinitive quoted alone ("Be aware that …") never says who is to act.
    "addressed_gov": {
        "en": "a recommendation to governments and other stakeholders",
        "fr": "recommandation aux gouvernements et aux autres parties prenantes",
        "es": "recomendación a los gobiernos y otras partes interesadas",
        "ru": "рекомендация правительствам и другим заинтересованным сторонам",
        "zh": "对各国政府及其他利益攸关方的建议",
        "ar": "توصية للحكومات وسائر الجهات المعنية",
    },
    "addressed_intl": {
        "en": "a recommendation to international organizations and partners",
        "fr": "recommandation aux organisations internationales et à leurs partenaires",
        "es": "recomendación a las organizaciones internacionales y los asociados",
        "ru": "рекомендация международным организациям и партнерам",
        "zh": "对国际组织和伙伴的建议",
        "ar": "توصية للمنظمات الدولية والجهات الشريكة",
    },
    "addressed_dg": {
        "en": "an invitation to the Director-General of UNESCO",
        "fr": "invitation à la Directrice générale de l’UNESCO",
        "es": "invitación a la Directora General de la UNESCO",
        "ru": "предложение Генеральному директору ЮНЕСКО",
        "zh": "请联合国教科文组织总干事实施的行动",
        "ar": "دعوة إلى المدير العام لليونسكو",
    },
    # The first line of an answer that gives a whole part (rag/kinds.py: addressee): the frame says what the
    # clauses are, so the first quote is not read as the one that answers (blind reader, seed 141: "Clause 8
    # addresses this" for "What does the Consensus recommend that governments do?").
    "part_preamble": {
        "en": "Clauses {first}–{last} are the preamble of the Consensus, each quoted in full, in order.",
        "fr": "Les paragraphes {first} à {last} forment le préambule du Consensus ; chacun est cité en entier, dans l’ordre.",
        "es": "Los párrafos {first} a {last} forman el preámbulo del Consenso; se cita cada uno completo, por orden.",
        "ru": "Пункты {first}–{last} составляют преамбулу Консенсуса; каждый приводится полностью, по порядку.",
        "zh": "第{first}至{last}条是《北京共识》的序言，以下按顺序引用各条全文。",
        "ar": "الفقرات من {first} إلى {last} هي ديباجة التوافق، وتُقتبس كل فقرة كاملةً بالترتيب.",
    },
    "part_addressed_gov": {
        "en": "Clauses {first}–{last} are the Consensus's recommendations to governments and other stakeholders, "
              "each quoted by its first sentence (and the next where the first asks to be mindful of something), "
              "in order.",
        "fr": "Les paragraphes {first} à {last} sont les recommandations du Consensus aux gouvernements et aux autres "
              "parties prenantes ; chacun est cité par sa première phrase (et la suivante quand la première appelle "
              "seulement à avoir conscience de quelque chose), dans l’ordre.",
        "es": "Los párrafos {first} a {last} son las recomendaciones del Consenso a los gobiernos y otras partes "
              "interesadas; se cita la primera frase de cada uno (y la siguiente cuando la primera solo pide tener "
              "algo presente), por orden.",
        "ru": "Пункты {first}–{last} содержат рекомендации Консенсуса правительствам и другим заинтересованным "
              "сторонам; из каждого приводится первое предложение (и следующее, если первое лишь призывает "
              "учитывать что-либо), по порядку.",
        "zh": "第{first}至{last}条是《北京共识》对各国政府及其他利益攸关方的建议，以下按顺序引用各条的第一句（如第一句只是提请注意某事，"
              "再引用下一句）。",
        "ar": "الفقرات من {first} إلى {last} هي توصيات التوافق للحكومات وسائر الجهات المعنية، وتُقتبس الجملة الأولى من كل "
              "فقرة (والجملة التالية لها إذا كانت الأولى تدعو إلى إدراك أمر ما فحسب) بالترتيب.",
    },
    "part_addressed_intl": {
        "en": "Clauses {first}–{last} are the Consensus's recommendations to international organizations and "
              "partners, each quoted in full, in order.",
        "fr": "Les paragraphes {first} à {last} sont les recommandations du Consensus aux organisations "
              "internationales et à leurs partenaires ; chacun est cité en entier, dans l’ordre.",
        "es": "Los párrafos {first} a {last} son las recomendaciones del Consenso a las organizaciones "
              "internacionales y los asociados; se cita cada uno completo, por orden.",
        "ru": "Пункты {first}–{last} содержат рекомендации Консенсуса международным организациям и партнерам; "
              "каждый приводится полностью, по порядку.",
        "zh": "第{first}至{last}条是《北京共识》对国际组织和伙伴的建议，以下按顺序引用各条全文。",
        "ar": "الفقرات من {first} إلى {last} هي توصيات التوافق للمنظمات الدولية والجهات الشريكة، وتُقتبس كل فقرة كاملةً بالترتيب.",
    },
    "part_addressed_dg": {
        "en": "Clauses {first}–{last} are what the Consensus invites the Director-General of UNESCO to do, each "
              "quoted in full, in order.",
        "fr": "Les paragraphes {first} à {last} énoncent ce que le Consensus invite la Directrice générale de "
              "l’UNESCO à faire ; chacun est cité en entier, dans l’ordre.",
        "es": "Los párrafos {first} a {last} enuncian lo que el Consenso invita a la Directora General de la UNESCO a "
              "hacer; se cita cada uno completo, por orden.",
        "ru": "В пунктах {first}–{last} изложено, что Консенсус предлагает сделать Генеральному директору ЮНЕСКО; "
              "каждый приводится полностью, по порядку.",
        "zh": "第{first}至{last}条是《北京共识》请联合国教科文组织总干事采取的行动，以下按顺序引用各条全文。",
        "ar": "الفقرات من {first} إلى {last} تبيّن ما يدعو التوافق المدير العام لليونسكو إلى القيام به، وتُقتبس "
              "كل فقرة كاملةً بالترتيب.",
    },
    "direct_yes": {
        "en": "Yes. Clause {n}:", "fr": "Oui. Paragraphe {n} :", "es": "Sí. Párrafo {n}:", "ru": "Да. Пункт {n}:",
        "zh": "是。第{n}条：", "ar": "نعم. الفقرة {n}:",
    },
    "direct_no": {
        "en": "No. Clause {n}:", "fr": "Non. Paragraphe {n} :", "es": "No. Párrafo {n}:", "ru": "Нет. Пункт {n}:",
        "zh": "否。第{n}条：", "ar": "لا. الفقرة {n}:",
    },
    "direct_premise": {
        "en": "The Beijing Consensus does not say that. Clause {n}:",
        "fr": "Le Consensus de Beijing ne dit pas cela. Paragraphe {n} :",
        "es": "El Consenso de Beijing no dice eso. Párrafo {n}:",
        "ru": "Пекинский консенсус этого не утверждает. Пункт {n}:",
        "zh": "《北京共识》并没有这样说。第{n}条：",
        "ar": "لا يقول توافق آراء بيجين ذلك. الفقرة {n}:",
    },
    "not_mentioned": {
        "en": "The Beijing Consensus does not mention {subject}.",
        "fr": "Le Consensus de Beijing ne mentionne pas le terme {subject}.",  # no article would fit every subject
        "es": "El Consenso de Beijing no menciona {subject}.",
        "ru": "Пекинский консенсус не упоминает то, о чём вы спрашиваете: {subject}.",  # the subject keeps the question's case
        "zh": "《北京共识》没有提到{subject}。",
        "ar": "لا يذكر توافق آراء بيجين {subject}.",
    },
    # after «о / об» the asker's words are already in the case "говорится о" takes: «о психическом здоровье»
    "not_mentioned_about": {
        "en": "The Beijing Consensus does not mention {subject}.",
        "fr": "Le Consensus de Beijing ne mentionne pas le terme {subject}.",  # no article would fit every subject
        "es": "El Consenso de Beijing no menciona {subject}.",
        "ru": "В Пекинском консенсусе ничего не говорится {prep} {subject}.",
        "zh": "《北京共识》没有提到{subject}。",
        "ar": "لا يذكر توافق آراء بيجين {subject}.",
    },
    "related": {
        "en": "Related passages, which do not mention it either:",
        "fr": "Passages apparentés, qui ne le mentionnent pas non plus :",
        "es": "Pasajes relacionados, que tampoco lo mencionan:",
        "ru": "Связанные положения, в которых это тоже не упоминается:",
        "zh": "相关段落（其中同样没有提到）：",
        "ar": "نصوص ذات صلة، لا تذكره هي أيضاً:",
    },
    "refusal": {  # what the system found, not a claim about what the Consensus covers
        "en": {"one": "I can only answer questions about the Beijing Consensus on Artificial Intelligence and "
                      "Education, and I found no passage in it that answers this question. The closest clause is "
                      "{nums}.",
               "other": "I can only answer questions about the Beijing Consensus on Artificial Intelligence and "
                        "Education, and I found no passage in it that answers this question. The closest clauses "
                        "are {nums}."},
        "fr": {"one": "Je ne peux répondre qu’aux questions sur le Consensus de Beijing sur l’intelligence "
                      "artificielle et l’éducation, et je n’y ai trouvé aucun passage qui réponde à cette question. "
                      "Le paragraphe le plus proche est le {nums}.",
               "other": "Je ne peux répondre qu’aux questions sur le Consensus de Beijing sur l’intelligence "
                        "artificielle et l’éducation, et je n’y ai trouvé aucun passage qui réponde à cette question. "
                        "Les paragraphes les plus proches sont {nums}."},
        "es": {"one": "Solo puedo responder preguntas sobre el Consenso de Beijing sobre la Inteligencia Artificial "
                      "y la Educación, y no he encontrado en él ningún pasaje que responda a esta pregunta. El "
                      "párrafo más cercano es el {nums}.",
               "other": "Solo puedo responder preguntas sobre el Consenso de Beijing sobre la Inteligencia "
                        "Artificial y la Educación, y no he encontrado en él ningún pasaje que responda a esta "
                        "pregunta. Los párrafos más cercanos son {nums}."},
        "ru": {"one": "Я могу отвечать только на вопросы о Пекинском консенсусе по искусственному интеллекту и "
                      "образованию, а фрагмента, который отвечал бы на этот вопрос, в нем не найдено. Ближайший "
                      "пункт: {nums}.",
               "other": "Я могу отвечать только на вопросы о Пекинском консенсусе по искусственному интеллекту и "
                        "образованию, а фрагмента, который отвечал бы на этот вопрос, в нем не найдено. Ближайшие "
                        "пункты: {nums}."},
        "zh": "我只能回答有关《人工智能与教育北京共识》的问题，但我没有在其中找到回答这个问题的段落。最接近的条款是第{nums}条。",
        "ar": {"one": "لا يمكنني الإجابة إلا عن الأسئلة المتعلقة بتوافق آراء بيجين بشأن الذكاء الاصطناعي والتعليم، "
                      "ولم أجد فيه فقرة تجيب عن هذا السؤال. أقرب فقرة هي {nums}.",
               "two": "لا يمكنني الإجابة إلا عن الأسئلة المتعلقة بتوافق آراء بيجين بشأن الذكاء الاصطناعي والتعليم، "
                      "ولم أجد فيه فقرة تجيب عن هذا السؤال. أقرب فقرتين هما {nums}.",
               "other": "لا يمكنني الإجابة إلا عن الأسئلة المتعلقة بتوافق آراء بيجين بشأن الذكاء الاصطناعي "
                        "والتعليم، ولم أجد فيه فقرة تجيب عن هذا السؤال. أقرب الفقرات هي {nums}."},
    },
    "no_such_clause": {
        "en": "The Beijing Consensus has 44 clauses; there is no clause {nums}.",
        "fr": "Le Consensus de Beijing compte 44 paragraphes ; il n’y a pas de paragraphe {nums}.",
        "es": "El Consenso de Beijing tiene 44 párrafos; no existe el párrafo {nums}.",
        "ru": "Пекинский консенсус состоит из 44 пунктов; пункта {nums} в нем нет.",
        "zh": "《北京共识》共有44条，没有第{nums}条。",
        "ar": "يتكون توافق آراء بيجين من 44 فقرة؛ ولا توجد فقرة رقم {nums}.",
    },
    # Notices shown beside an answer.
    "notice_timeout": {
        "en": "The model took too long, so the official wording is shown.",
        "fr": "Le modèle a mis trop de temps à répondre : le libellé officiel est affiché.",
        "es": "El modelo tardó demasiado, por lo que se muestra la redacción oficial.",
        "ru": "Модель отвечала слишком долго, поэтому показана официальная формулировка.",
        "zh": "模型响应超时，因此显示官方原文。",
        "ar": "استغرق النموذج وقتاً طويلاً، لذا يُعرض النص الرسمي.",
    },
    "notice_unavailable": {
        "en": "The language model is unavailable right now, so the official wording is shown.",
        "fr": "Le modèle de langue est indisponible pour le moment : le libellé officiel est affiché.",
        "es": "El modelo de lenguaje no está disponible en este momento, por lo que se muestra la redacción oficial.",
        "ru": "Языковая модель сейчас недоступна, поэтому показана официальная формулировка.",
        "zh": "语言模型暂时不可用，因此显示官方原文。",
        "ar": "النموذج اللغوي غير متاح حالياً، لذا يُعرض النص الرسمي.",
    },
    "notice_busy": {
        "en": "The language model is busy with other questions, so the official wording is shown.",
        "fr": "Le modèle de langue est occupé par d’autres questions : le libellé officiel est affiché.",
        "es": "El modelo de lenguaje está ocupado con otras preguntas, por lo que se muestra la redacción oficial.",
        "ru": "Языковая модель занята другими вопросами, поэтому показана официальная формулировка.",
        "zh": "语言模型正忙于处理其他问题，因此显示官方原文。",
        "ar": "النموذج اللغوي مشغول بأسئلة أخرى، لذا يُعرض النص الرسمي.",
    },
    "notice_crashed": {
        "en": "The language model stopped unexpectedly and is restarting, so the official wording is shown.",
        "fr": "Le modèle de langue s’est arrêté de façon inattendue et redémarre : le libellé officiel est affiché.",
        "es": "El modelo de lenguaje se detuvo inesperadamente y se está reiniciando, por lo que se muestra la "
              "redacción oficial.",
        "ru": "Языковая модель неожиданно остановилась и перезапускается, поэтому показана официальная формулировка.",
        "zh": "语言模型意外停止，正在重新启动，因此显示官方原文。",
        "ar": "توقف النموذج اللغوي بشكل غير متوقع ويُعاد تشغيله، لذا يُعرض النص الرسمي.",
    },
    "notice_cancelled": {
        "en": "The model's answer was stopped, so the official wording is shown.",
        "fr": "La réponse du modèle a été interrompue : le libellé officiel est affiché.",
        "es": "La respuesta del modelo se detuvo, por lo que se muestra la redacción oficial.",
        "ru": "Ответ модели был прерван, поэтому показана официальная формулировка.",
        "zh": "模型的回答已被中止，因此显示官方原文。",
        "ar": "أُوقفت إجابة النموذج، لذا يُعرض النص الرسمي.",
    },
    "notice_truncated": {  # count=limit
        "en": {"one": "Your question was very long; only its first character was used.",
               "other": "Your question was very long; only its first {limit} characters were used."},
        "fr": {"one": "Votre question était très longue ; seul son premier caractère a été utilisé.",
               "other": "Votre question était très longue ; seuls ses {limit} premiers caractères ont été utilisés."},
        "es": {"one": "Su pregunta era muy larga; solo se usó su primer carácter.",
               "other": "Su pregunta era muy larga; solo se usaron sus primeros {limit} caracteres."},
        "ru": {"one": "Ваш вопрос был очень длинным; использован только первый {limit} символ.",
               "few": "Ваш вопрос был очень длинным; использованы только первые {limit} символа.",
               "other": "Ваш вопрос был очень длинным; использованы только первые {limit} символов."},
        "zh": "您的问题过长，仅使用了前{limit}个字符。",
        "ar": {"one": "كان سؤالك طويلاً جداً؛ استُخدم الحرف الأول منه فقط.",
               "two": "كان سؤالك طويلاً جداً؛ استُخدم الحرفان الأولان منه فقط.",
               "few": "كان سؤالك طويلاً جداً؛ استُخدمت أول {limit} أحرف منه فقط.",
               "many": "كان سؤالك طويلاً جداً؛ استُخدم أول {limit} حرفاً منه فقط.",
               "other": "كان سؤالك طويلاً جداً؛ استُخدم أول {limit} حرف منه فقط."},
    },
    "notice_unsupported": {
        "en": "Your question seems to be in a language other than the six official languages of the Consensus "
              "(English, French, Spanish, Russian, Chinese, Arabic), so I answer in English.",
    },
    "empty": {
        "en": "Please type a question about the Beijing Consensus on AI and Education.",
        "fr": "Veuillez saisir une question sur le Consensus de Beijing sur l’IA et l’éducation.",
        "es": "Escriba una pregunta sobre el Consenso de Beijing sobre la IA y la educación.",
        "ru": "Пожалуйста, задайте вопрос о Пекинском консенсусе по ИИ и образованию.",
        "zh": "请输入一个关于《人工智能与教育北京共识》的问题。",
        "ar": "يرجى كتابة سؤال عن توافق آراء بيجين بشأن الذكاء الاصطناعي والتعليم.",
    },
}


Text = Union[str, Mapping[str, str]]  # one text, or one per CLDR plural category ("other" always)


@lru_cache(maxsize=None)
def _locale(lang: str):
    from babel import Locale  # CLDR data: loaded on first use, not at import
    return Locale.parse(lang)


def plural_category(count: int, lang: str) -> str:
    """The CLDR plural category of `count` in `lang`: "zero", "one", "two", "few", "many" or "other"."""
    return _locale(lang).plural_form(abs(int(count)))


def plural(text: Text, lang: str, count: Optional[int]) -> str:
    """The form of `text` for `count` in `lang` ("other" when the language needs no other, or count is None)."""
    if isinstance(text, str):
        return text
    if count is None:
        return text["other"]
    return text.get(plural_category(count, lang), text["other"])


def t(key: str, lang: str, count: Optional[int] = None, **kw) -> str:
    """The text `key` in `lang` (English if it has none); `count`: how many things it names, which chooses
    the plural form (Arabic says one, two, three and eleven clauses four ways)."""
    table = _T[key]
    lang = lang if lang in table else "en"
    return plural(table[lang], lang, count).format(**kw)


def join_numbers(nums, lang: str) -> str:
    """Clause numbers as a list: "28, 29" / "28、29" (inside brackets)."""
    sep = {"zh": "、", "ar": "، "}.get(lang, ", ")
    return sep.join(str(n) for n in nums)


_AND = {"en": " and ", "fr": " et ", "es": " y ", "ru": " и ", "zh": "和"}


def list_numbers(nums, lang: str) -> str:
    """Clause numbers in a sentence: "12, 13 and 20" in the language's own words ("29 و11 و12" in Arabic)."""
    nums = [str(n) for n in nums]
    if lang == "ar":
        return " و".join(nums)
    if len(nums) < 2:
        return "".join(nums)
    return join_numbers(nums[:-1], lang) + _AND.get(lang, " and ") + nums[-1]
