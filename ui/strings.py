"""The web UI's own texts, in the six official languages of the Consensus.

The interface language (labels, buttons, the names of controls) follows the browser and can be switched;
the answer itself is in the answer language. The assistant's sentences (leads, refusals, notices) live in
rag/i18n.py. Clause terminology follows the official versions: paragraphe, párrafo, пункт, 条, الفقرة.
"""
from __future__ import annotations

from typing import Optional

from rag.corpus import LANGS
from rag.i18n import NATIVE_NAMES, plural  # noqa: F401  (NATIVE_NAMES re-exported: the UI names languages in themselves)

RTL_LANGS = frozenset({"ar"})

_T: dict[str, dict[str, str]] = {
    # --- page ------------------------------------------------------------------------------------
    "title": {
        "en": "Beijing Consensus on AI and Education — Q&A",
        "fr": "Consensus de Beijing sur l’IA et l’éducation — Questions-réponses",
        "es": "Consenso de Beijing sobre la IA y la educación — Preguntas y respuestas",
        "ru": "Пекинский консенсус по ИИ и образованию — вопросы и ответы",
        "zh": "《人工智能与教育北京共识》问答",
        "ar": "توافق آراء بيجين بشأن الذكاء الاصطناعي والتعليم — أسئلة وأجوبة",
    },
    "intro": {
        "en": "Ask in any of the six official languages (UNESCO, 2019). Every answer quotes the official text "
              "and cites its clauses.",
        "fr": "Posez votre question dans l’une des six langues officielles (UNESCO, 2019). Chaque réponse cite "
              "le texte officiel et ses paragraphes.",
        "es": "Pregunte en cualquiera de los seis idiomas oficiales (UNESCO, 2019). Cada respuesta cita el texto "
              "oficial y sus párrafos.",
        "ru": "Задайте вопрос на любом из шести официальных языков (ЮНЕСКО, 2019). Каждый ответ приводит "
              "официальный текст и номера пунктов.",
        "zh": "可使用六种正式语文中的任何一种提问（教科文组织，2019年）。每个回答都引用官方原文并注明条款。",
        "ar": "اطرح سؤالك بأي من اللغات الرسمية الست (اليونسكو، 2019). تقتبس كل إجابة النص الرسمي وتذكر فقراته.",
    },
    "ui_lang": {
        "en": "Interface language", "fr": "Langue de l’interface", "es": "Idioma de la interfaz",
        "ru": "Язык интерфейса", "zh": "界面语言", "ar": "لغة الواجهة",
    },
    "tab_ask": {"en": "Ask", "fr": "Demander", "es": "Preguntar", "ru": "Спросить", "zh": "提问", "ar": "اسأل"},
    "tab_browse": {"en": "Browse", "fr": "Parcourir", "es": "Consultar", "ru": "Текст", "zh": "浏览",
                   "ar": "تصفّح"},
    "conversation": {"en": "Conversation", "fr": "Conversation", "es": "Conversación", "ru": "Диалог",
                     "zh": "对话", "ar": "المحادثة"},
    "question_label": {"en": "Your question", "fr": "Votre question", "es": "Su pregunta", "ru": "Ваш вопрос",
                       "zh": "您的问题", "ar": "سؤالك"},
    "answer_label": {"en": "Answer", "fr": "Réponse", "es": "Respuesta", "ru": "Ответ", "zh": "回答",
                     "ar": "الإجابة"},
    "send": {"en": "Send", "fr": "Envoyer", "es": "Enviar", "ru": "Отправить", "zh": "发送", "ar": "إرسال"},
    "stop": {"en": "Stop", "fr": "Arrêter", "es": "Detener", "ru": "Остановить", "zh": "停止", "ar": "إيقاف"},
    "new_chat": {"en": "New conversation", "fr": "Nouvelle conversation", "es": "Nueva conversación",
                 "ru": "Новый диалог", "zh": "新对话", "ar": "محادثة جديدة"},
    "export": {"en": "Export (Markdown)", "fr": "Exporter (Markdown)", "es": "Exportar (Markdown)",
               "ru": "Экспорт (Markdown)", "zh": "导出（Markdown）", "ar": "تصدير (Markdown)"},
    "answer_lang": {"en": "Answer language", "fr": "Langue de la réponse", "es": "Idioma de la respuesta",
                    "ru": "Язык ответа", "zh": "回答语言", "ar": "لغة الإجابة"},
    "same_as_question": {"en": "Same as the question", "fr": "Celle de la question", "es": "El de la pregunta",
                         "ru": "Как у вопроса", "zh": "与问题相同", "ar": "لغة السؤال نفسها"},
    "examples": {"en": "Examples", "fr": "Exemples", "es": "Ejemplos", "ru": "Примеры", "zh": "示例",
                 "ar": "أمثلة"},
    "browse_lang": {"en": "Language", "fr": "Langue", "es": "Idioma", "ru": "Язык", "zh": "语言", "ar": "اللغة"},
    "browse_search": {"en": "Search", "fr": "Rechercher", "es": "Buscar", "ru": "Поиск", "zh": "搜索", "ar": "بحث"},
    "browse_hint": {
        "en": "a word or clause numbers: teachers, 12, 28-30",
        "fr": "un mot ou des numéros : enseignants, 12, 28-30",
        "es": "una palabra o números: docentes, 12, 28-30",
        "ru": "слово или номера пунктов: учителя, 12, 28-30",
        "zh": "关键词或条款编号：教师、12、28-30",
        "ar": "كلمة أو أرقام فقرات: المعلمين، 12، 28-30",
    },
    "browse_all": {
        "en": "All six, side by side", "fr": "Les six, côte à côte", "es": "Los seis, en paralelo",
        "ru": "Все шесть рядом", "zh": "六种语文对照", "ar": "اللغات الست جنباً إلى جنب",
    },
    "parallel_caption": {
        "en": "The Beijing Consensus in its six official languages, side by side",
        "fr": "Le Consensus de Beijing dans ses six langues officielles, côte à côte",
        "es": "El Consenso de Beijing en sus seis idiomas oficiales, en paralelo",
        "ru": "Пекинский консенсус на шести официальных языках, параллельно",
        "zh": "《北京共识》六种正式语文对照",
        "ar": "توافق آراء بيجين باللغات الرسمية الست جنباً إلى جنب",
    },
    "clause_no": {"en": "No.", "fr": "N°", "es": "N.º", "ru": "№", "zh": "条", "ar": "رقم"},
    "welcome": {  # the empty chat (Markdown)
        "en": "**Ask the Beijing Consensus** in English, French, Spanish, Russian, Chinese or Arabic.",
        "fr": "**Interrogez le Consensus de Beijing** en anglais, français, espagnol, russe, chinois ou arabe.",
        "es": "**Pregunte al Consenso de Beijing** en inglés, francés, español, ruso, chino o árabe.",
        "ru": "**Задайте вопрос о Пекинском консенсусе** на английском, французском, испанском, русском, "
              "китайском или арабском языке.",
        "zh": "**向《北京共识》提问**：可使用英文、法文、西班牙文、俄文、中文或阿拉伯文。",
        "ar": "**اسأل عن توافق آراء بيجين** بالإنكليزية أو الفرنسية أو الإسبانية أو الروسية أو الصينية أو العربية.",
    },
    # --- status line -------------------------------------------------------------------------------
    "status_loading": {
        "en": "Loading the index and model…", "fr": "Chargement de l’index et du modèle…",
        "es": "Cargando el índice y el modelo…", "ru": "Загрузка индекса и модели…",
        "zh": "正在加载索引和模型……", "ar": "جارٍ تحميل الفهرس والنموذج…",
    },
    "status_ready": {"en": "Ready", "fr": "Prêt", "es": "Listo", "ru": "Готово", "zh": "就绪", "ar": "جاهز"},
    "status_error": {
        "en": "Started with a problem", "fr": "Démarré avec un problème", "es": "Iniciado con un problema",
        "ru": "Запущено с ошибкой", "zh": "启动时出现问题", "ar": "بدأ التشغيل مع مشكلة",
    },
    # --- inside an answer --------------------------------------------------------------------------
    "sources": {
        "en": "Sources", "fr": "Sources", "es": "Fuentes", "ru": "Источники", "zh": "出处", "ar": "المصادر",
    },
    "official_text": {
        "en": "Official text", "fr": "Texte officiel", "es": "Texto oficial", "ru": "Официальный текст",
        "zh": "官方原文", "ar": "النص الرسمي",
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
    "writing": {
        "en": "Writing a one-sentence summary…", "fr": "Rédaction d’un résumé en une phrase…",
        "es": "Redactando un resumen de una frase…", "ru": "Составляю краткое резюме…",
        "zh": "正在撰写一句话摘要……", "ar": "جارٍ كتابة ملخص من جملة واحدة…",
    },
    "stopped": {
        "en": "Stopped: the official text is shown without a summary.",
        "fr": "Arrêté : le texte officiel est affiché sans résumé.",
        "es": "Detenido: se muestra el texto oficial sin resumen.",
        "ru": "Остановлено: показан официальный текст без резюме.",
        "zh": "已停止：显示官方原文，无摘要。",
        "ar": "تم الإيقاف: يُعرض النص الرسمي دون ملخص.",
    },
    "copy": {"en": "Copy", "fr": "Copier", "es": "Copiar", "ru": "Копировать", "zh": "复制", "ar": "نسخ"},
    "copied": {"en": "Copied", "fr": "Copié", "es": "Copiado", "ru": "Скопировано", "zh": "已复制",
               "ar": "تم النسخ"},
    "share": {"en": "Share link", "fr": "Lien de partage", "es": "Enlace para compartir", "ru": "Ссылка",
              "zh": "分享链接", "ar": "رابط المشاركة"},
    "link_copied": {"en": "Link copied", "fr": "Lien copié", "es": "Enlace copiado", "ru": "Ссылка скопирована",
                    "zh": "链接已复制", "ar": "تم نسخ الرابط"},
    "details": {"en": "Details", "fr": "Détails", "es": "Detalles", "ru": "Подробности", "zh": "详情",
                "ar": "التفاصيل"},
    "model": {"en": "Model: {backend}", "fr": "Modèle : {backend}", "es": "Modelo: {backend}",
              "ru": "Модель: {backend}", "zh": "模型：{backend}", "ar": "النموذج: {backend}"},
    "route_extractive": {
        "en": "Official wording of the Consensus, quoted without a generated summary.",
        "fr": "Libellé officiel du Consensus, cité sans résumé généré.",
        "es": "Redacción oficial del Consenso, citada sin resumen generado.",
        "ru": "Официальная формулировка консенсуса, приведенная без сгенерированного резюме.",
        "zh": "引用《共识》官方原文，未生成摘要。",
        "ar": "النص الرسمي لتوافق الآراء، مقتبس دون ملخص مولَّد.",
    },
    "route_refusal": {
        "en": "Outside the scope of the Consensus: no answer was generated.",
        "fr": "Hors du champ du Consensus : aucune réponse n’a été générée.",
        "es": "Fuera del ámbito del Consenso: no se generó ninguna respuesta.",
        "ru": "Вопрос выходит за рамки консенсуса: ответ не сформирован.",
        "zh": "超出《共识》范围：未生成回答。",
        "ar": "خارج نطاق توافق الآراء: لم تُولَّد أي إجابة.",
    },
    "route_model": {
        "en": "The first sentence was written by a language model and checked against the official text quoted "
              "below it.",
        "fr": "La première phrase a été rédigée par un modèle de langue et vérifiée par rapport au texte officiel "
              "cité en dessous.",
        "es": "La primera frase la redactó un modelo de lenguaje y se verificó con el texto oficial citado debajo.",
        "ru": "Первое предложение написано языковой моделью и сверено с официальным текстом, приведенным ниже.",
        "zh": "第一句由语言模型撰写，并已与下方引用的官方原文核对。",
        "ar": "كتب نموذج لغوي الجملة الأولى، وجرى التحقق منها مقابل النص الرسمي المقتبس أدناه.",
    },
    "t_retrieval": {"en": "search", "fr": "recherche", "es": "búsqueda", "ru": "поиск", "zh": "检索",
                    "ar": "البحث"},
    "t_first_text": {"en": "official text shown", "fr": "texte officiel affiché", "es": "texto oficial mostrado",
                     "ru": "официальный текст показан", "zh": "显示官方原文", "ar": "عرض النص الرسمي"},
    "t_gist": {"en": "summary", "fr": "résumé", "es": "resumen", "ru": "резюме", "zh": "摘要", "ar": "الملخص"},
    "t_total": {"en": "total", "fr": "total", "es": "total", "ru": "всего", "zh": "总计", "ar": "الإجمالي"},
    # --- messages instead of an answer ---------------------------------------------------------------
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
    "busy": {
        "en": "The assistant is busy right now. Please try again in a moment.",
        "fr": "L’assistant est très sollicité en ce moment. Veuillez réessayer dans un instant.",
        "es": "El asistente está ocupado en este momento. Vuelva a intentarlo dentro de un momento.",
        "ru": "Ассистент сейчас занят. Пожалуйста, повторите попытку через минуту.",
        "zh": "助手当前繁忙，请稍后再试。",
        "ar": "المساعد مشغول الآن. يرجى المحاولة مرة أخرى بعد قليل.",
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
    # --- Browse tab ------------------------------------------------------------------------------------
    "browse_count": {  # count=n
        "en": "{n} of 44 clauses",
        "fr": {"one": "{n} paragraphe sur 44", "other": "{n} paragraphes sur 44"},
        "es": "{n} de 44 párrafos",
        "ru": {"one": "{n} пункт из 44", "few": "{n} пункта из 44", "other": "{n} пунктов из 44"},
        "zh": "44条中的{n}条",
        "ar": {"one": "فقرة واحدة من أصل 44", "two": "فقرتان من أصل 44", "few": "{n} فقرات من أصل 44",
               "other": "{n} فقرة من أصل 44"},
    },
    "browse_none": {
        "en": "No clause matches “{q}”.", "fr": "Aucun paragraphe ne correspond à « {q} ».",
        "es": "Ningún párrafo coincide con «{q}».", "ru": "Нет пунктов, соответствующих запросу «{q}».",
        "zh": "没有与“{q}”匹配的条款。", "ar": "لا توجد فقرة تطابق «{q}».",
    },
}


# Example questions, in the interface language (one language per screen): the same three in each.
EXAMPLES: dict[str, tuple[str, ...]] = {
    "en": ("What does the Consensus say about the role of teachers?", "How can AI support lifelong learning?",
           "How can students' data privacy be protected?"),
    "fr": ("Que dit le Consensus sur le rôle des enseignants ?",
           "Comment l’IA peut-elle favoriser l’apprentissage tout au long de la vie ?",
           "Comment protéger la confidentialité des données des élèves ?"),
    "es": ("¿Qué dice el Consenso sobre el papel de los docentes?",
           "¿Cómo puede la IA apoyar el aprendizaje a lo largo de toda la vida?",
           "¿Cómo se puede proteger la privacidad de los datos de los estudiantes?"),
    "ru": ("Что говорится в консенсусе о роли учителей?", "Как ИИ может поддержать обучение на протяжении всей жизни?",
           "Как защитить конфиденциальность данных учащихся?"),
    "zh": ("《共识》对教师的作用有何论述？", "人工智能如何促进终身学习？", "如何保护学生的数据隐私？"),
    "ar": ("ماذا يقول توافق الآراء عن دور المعلمين؟", "كيف يمكن للذكاء الاصطناعي أن يدعم التعلّم مدى الحياة؟",
           "كيف يمكن حماية خصوصية بيانات الطلاب؟"),
}


def ui(key: str, lang: str, count: Optional[int] = None, **kw) -> str:
    """The interface text `key` in `lang`; `count` chooses its plural form (CLDR, rag/i18n.py)."""
    table = _T[key]
    lang = lang if lang in table else "en"
    return plural(table[lang], lang, count).format(**kw)


def direction(lang: str) -> str:
    return "rtl" if lang in RTL_LANGS else "ltr"


def browser_lang(accept_language: Optional[str]) -> str:
    """The first of the six languages in an Accept-Language header ("fr-CH, fr;q=0.9, en;q=0.8"), else English."""
    ranked = []
    for i, part in enumerate((accept_language or "").split(",")):
        tag, _, q = part.strip().partition(";q=")
        try:
            weight = float(q) if q else 1.0
        except ValueError:
            weight = 0.0
        ranked.append((-weight, i, tag.strip().lower().split("-")[0]))
    return next((lg for _, _, lg in sorted(ranked) if lg in LANGS), "en")


assert all(set(v) == set(LANGS) for v in _T.values()), "every UI string needs the six languages"
assert set(EXAMPLES) == set(LANGS) and len({len(v) for v in EXAMPLES.values()}) == 1
