"""The web UI's own short texts, in the six official languages of the Consensus.

The assistant's sentences (leads, refusals, notices) live in rag/i18n.py; these are only labels
around them. Clause terminology follows the official versions: paragraphe, párrafo, пункт, 条, الفقرة.
"""
from __future__ import annotations

from rag.corpus import LANGS

# Names of the languages in themselves (selectors, six-language view).
NATIVE_NAMES = {"en": "English", "fr": "Français", "es": "Español",
                "ru": "Русский", "zh": "中文", "ar": "العربية"}

RTL_LANGS = frozenset({"ar"})

_T: dict[str, dict[str, str]] = {
    "sources": {
        "en": "Sources", "fr": "Sources", "es": "Fuentes", "ru": "Источники", "zh": "出处", "ar": "المصادر",
    },
    "closest": {
        "en": "Closest clauses", "fr": "Paragraphes les plus proches", "es": "Párrafos más cercanos",
        "ru": "Ближайшие пункты", "zh": "最接近的条款", "ar": "أقرب الفقرات",
    },
    "clause": {
        "en": "Clause {n}", "fr": "Paragraphe {n}", "es": "Párrafo {n}", "ru": "Пункт {n}",
        "zh": "第{n}条", "ar": "الفقرة {n}",
    },
    "six_langs": {
        "en": "Show this clause in the six official languages",
        "fr": "Afficher ce paragraphe dans les six langues officielles",
        "es": "Mostrar este párrafo en los seis idiomas oficiales",
        "ru": "Показать этот пункт на шести официальных языках",
        "zh": "以六种正式语文显示本条",
        "ar": "عرض هذه الفقرة باللغات الرسمية الست",
    },
    "path_extractive": {
        "en": "Official wording of the Consensus, quoted without a generated summary.",
        "fr": "Libellé officiel du Consensus, cité sans résumé généré.",
        "es": "Redacción oficial del Consenso, citada sin resumen generado.",
        "ru": "Официальная формулировка консенсуса, приведенная без сгенерированного резюме.",
        "zh": "引用《共识》官方原文，未生成摘要。",
        "ar": "النص الرسمي لتوافق الآراء، مقتبس دون ملخص مولَّد.",
    },
    "path_refusal": {
        "en": "Outside the scope of the Consensus: no answer was generated.",
        "fr": "Hors du champ du Consensus : aucune réponse n’a été générée.",
        "es": "Fuera del ámbito del Consenso: no se generó ninguna respuesta.",
        "ru": "Вопрос выходит за рамки консенсуса: ответ не сформирован.",
        "zh": "超出《共识》范围：未生成回答。",
        "ar": "خارج نطاق توافق الآراء: لم تُولَّد أي إجابة.",
    },
    "path_model": {
        "en": "Summary written by the language model ({backend}); each sentence is linked to the clause it rests on.",
        "fr": "Résumé rédigé par le modèle de langue ({backend}) ; chaque phrase renvoie au paragraphe "
              "sur lequel elle s’appuie.",
        "es": "Resumen redactado por el modelo de lenguaje ({backend}); cada frase remite al párrafo en que se basa.",
        "ru": "Резюме составлено языковой моделью ({backend}); каждое предложение связано с пунктом, "
              "на котором оно основано.",
        "zh": "摘要由语言模型（{backend}）撰写；每句话都标注了所依据的条款。",
        "ar": "ملخص كتبه النموذج اللغوي ({backend})؛ وكل جملة مرتبطة بالفقرة التي تستند إليها.",
    },
    "drafting": {
        "en": "Writing… (draft, not yet checked against the text)",
        "fr": "Rédaction… (brouillon, pas encore vérifié par rapport au texte)",
        "es": "Redactando… (borrador, aún sin verificar con el texto)",
        "ru": "Пишу… (черновик, еще не сверен с текстом)",
        "zh": "正在撰写……（草稿，尚未与原文核对）",
        "ar": "جارٍ الكتابة… (مسودة لم يُتحقق منها مقابل النص بعد)",
    },
    "searching": {
        "en": "Searching the Consensus…", "fr": "Recherche dans le Consensus…", "es": "Buscando en el Consenso…",
        "ru": "Поиск по тексту консенсуса…", "zh": "正在检索《共识》……", "ar": "جارٍ البحث في توافق الآراء…",
    },
    "loading": {
        "en": "Loading the index and model… your question will be answered as soon as they are ready.",
        "fr": "Chargement de l’index et du modèle… la réponse suivra dès qu’ils seront prêts.",
        "es": "Cargando el índice y el modelo… la respuesta llegará en cuanto estén listos.",
        "ru": "Загрузка индекса и модели… ответ появится, как только они будут готовы.",
        "zh": "正在加载索引和模型……准备就绪后将立即回答您的问题。",
        "ar": "جارٍ تحميل الفهرس والنموذج… ستظهر الإجابة فور جاهزيتهما.",
    },
    "error": {
        "en": "Sorry, something went wrong while answering this question. Please try again.",
        "fr": "Désolé, une erreur s’est produite pendant la réponse. Veuillez réessayer.",
        "es": "Lo sentimos, se produjo un error al responder. Inténtelo de nuevo.",
        "ru": "Извините, при подготовке ответа произошла ошибка. Попробуйте еще раз.",
        "zh": "抱歉，回答此问题时出错。请重试。",
        "ar": "عذراً، حدث خطأ أثناء الإجابة عن هذا السؤال. يرجى المحاولة مرة أخرى.",
    },
    "unavailable": {
        "en": "Sorry, the assistant could not start ({why}). Please tell the person who runs this site.",
        "fr": "Désolé, l’assistant n’a pas pu démarrer ({why}). Veuillez prévenir la personne qui gère ce site.",
        "es": "Lo sentimos, el asistente no pudo iniciarse ({why}). Avise a la persona que administra este sitio.",
        "ru": "Извините, ассистент не смог запуститься ({why}). Сообщите об этом администратору сайта.",
        "zh": "抱歉，助手无法启动（{why}）。请告知本网站的管理员。",
        "ar": "عذراً، تعذّر تشغيل المساعد ({why}). يرجى إبلاغ الشخص المسؤول عن هذا الموقع.",
    },
    "t_retrieval": {"en": "retrieval", "fr": "recherche", "es": "búsqueda", "ru": "поиск", "zh": "检索",
                    "ar": "الاسترجاع"},
    "t_first": {"en": "first token", "fr": "premier jeton", "es": "primer token", "ru": "первый токен",
                "zh": "首个词元", "ar": "أول رمز"},
    "t_total": {"en": "total", "fr": "total", "es": "total", "ru": "всего", "zh": "总计", "ar": "الإجمالي"},
    "browse_count": {
        "en": "{n} of 44 clauses", "fr": "{n} paragraphes sur 44", "es": "{n} de 44 párrafos",
        "ru": "Пунктов: {n} из 44", "zh": "44条中的{n}条", "ar": "{n} من أصل 44 فقرة",
    },
    "browse_none": {
        "en": "No clause matches “{q}”.", "fr": "Aucun paragraphe ne correspond à « {q} ».",
        "es": "Ningún párrafo coincide con «{q}».", "ru": "Нет пунктов, соответствующих запросу «{q}».",
        "zh": "没有与“{q}”匹配的条款。", "ar": "لا توجد فقرة تطابق «{q}».",
    },
}


def ui(key: str, lang: str, **kw) -> str:
    table = _T[key]
    return table.get(lang, table["en"]).format(**kw)


def direction(lang: str) -> str:
    return "rtl" if lang in RTL_LANGS else "ltr"


assert all(set(v) == set(LANGS) for v in _T.values()), "every UI string needs the six languages"
