"""The shipped corpus parses into clean 6 x 44 clauses (expectations read from the source by hand)."""
import json
import re
import subprocess
import sys

import pytest

from rag.corpus import LANGS, N_CLAUSES, load_corpus, parse, source_text, CorpusError

C = load_corpus()

# (lang, clause) -> (start, end) of the clean text, written from reading the source.
KNOWN = {
    ("en", 1): ("We, the participants of the International Conference on Artificial Intelligence (AI) and Education",
                "generous hospitality of the Beijing Municipal Government."),
    ("en", 12): ("Be mindful that while AI provides opportunities to support teachers", None),
    ("en", 14): (None, "to facilitate well-defined learning"),
    ("en", 44): ("Undertake appropriate regional and international follow-up actions",
                 "extend the outreach of the Consensus."),
    ("fr", 1): ("Nous, participants à la Conférence internationale sur l’intelligence artificielle et l’éducation, "
                "au nombre desquels figuraient 50 ministres et vice-ministres", "la généreuse hospitalité."),
    ("fr", 4): ("Nous avons passé en revue les tendances récentes de l’évolution de", None),
    ("fr", 44): ("Mener des actions appropriées de suivi de la Conférence aux niveaux régional et international",
                 "Consensus et d’en étendre la portée."),
    ("es", 1): ("Nosotros, los participantes en la Conferencia Internacional sobre la Inteligencia Artificial y la "
                "Educación, incluidos 50 ministros y viceministros", None),
    ("es", 44): ("Adoptar medidas apropiadas de seguimiento de la Conferencia en los planos regional e internacional",
                 "ampliar el alcance del Consenso."),
    ("ru", 1): ("Мы, участники Международной конференции по искусственному интеллекту (ИИ) и образованию, "
                "включая 50 государственных министров и заместителей министров, около 500 международных "
                "делегатов из более чем 100 государств-членов", None),
    ("ru", 2): (None, "справедливые, надлежащие и качественные возможности обучения на протяжении всей жизни, "
                      "что будет способствовать достижению ЦУР и общему будущему человечества."),
    ("ru", 30): ("Скорректировать существующие или принять новые нормативно-правовые рамки", None),
    ("ru", 44): ("Принимать на региональном и международном уровнях надлежащие меры по итогам Конференции, "
                 "действуя в сотрудничестве с работающими в этой области партнерами по развитию",
                 "в целях расширения сферы его охвата."),
    ("zh", 1): ("我们——国际人工智能与教育大会与会者，包括50名政府部长和副部长、来自100多个会员国",
                "以及北京市政府的热情欢迎和盛情款待。"),
    ("zh", 12): ("注意到虽然人工智能为支持教师履行教育和教学职责提供了机会", "应确保他们的权利和工作条件受到保护。"),
    ("zh", 44): ("此次大会之后，采取适当的地区和国际性后续行动，与活跃在这一领域的发展伙伴合作，巩固并扩大本共识的影响。", None),
    ("ar", 1): ("نحن المشاركين في المؤتمر الدولي للذكاء الاصطناعي والتعليم", "من ترحيب حار وكرم ضيافة."),
    ("ar", 2): ("وقد أكدنا مجدداً التزامنا بما تعهدنا به", "وبناء المستقبل المشترك للبشر."),
    ("ar", 3): ("وإذ نذكّر بما ورد في إعلان تشينغداو الذي اعتمُد في عام 2015 بشأن تسخير تكنولوجيا المعلومات "
                "والاتصالات لتحقيق هدف التنمية المستدامة 4، والذي ينص على وجوب", None),
    ("ar", 7): ("ونؤكد ضرورة التحكم البشري في تطوير الذكاء الاصطناعي وضرورة التركيز في هذا الأمر على الناس،", None),
    ("ar", 9): (None, "ومنها مصادر تمويل وطنية (عامة وخاصة)، واستخدام آليات التمويل الدولية"),
    ("ar", 44): ("واتخاذ تدابير المتابعة الملائمة بشأن المؤتمر على الصعيدين الإقليمي والدولي",
                 "وتوسيع نطاق تأثير هذا التوافق."),
}


def test_44_clauses_numbered_in_every_language():
    for lang in LANGS:
        nums = [c.number for c in C.by_lang(lang)]
        assert nums == list(range(1, N_CLAUSES + 1)), lang
        assert all(c.text.strip() for c in C.by_lang(lang))
    assert len(C.clauses) == 264


@pytest.mark.parametrize("key", sorted(KNOWN))
def test_known_clause_texts(key):
    start, end = KNOWN[key]
    text = C.clause(key[1], key[0]).text
    if start:
        assert text.startswith(start), text[:200]
    if end:
        assert end in text, text[-200:]


def test_length_ratio_to_english_is_sane():
    bands = {"fr": (0.9, 1.9), "es": (0.9, 1.9), "ru": (0.8, 1.8), "ar": (0.6, 1.6), "zh": (0.18, 0.5)}
    for lang, (lo, hi) in bands.items():
        for n in range(1, N_CLAUSES + 1):
            r = len(C.clause(n, lang).text) / len(C.clause(n, "en").text)
            assert lo <= r <= hi, (lang, n, r)


def test_no_noise_inside_clauses():
    for c in C.clauses:
        t = c.text
        assert not re.search(r"https?://|mailto:|@|www\.", t), (c.lang, c.number)
        assert not re.search(r"[\u0660-\u0669]", t), (c.lang, c.number)  # Arabic-Indic page numbers
        assert "  " not in t and t == t.strip()
        assert t.endswith((".", "。")), (c.lang, c.number, t[-30:])
        for blurb in ("教育是教科文组织工作的重中之重", "2030年全球教育议程", "ويندرج جدول أعمال التعليم",
                      "f.miao", "Education Sector"):
            assert blurb not in t
    # page numbers that sat alone on a line between sentences ("58", "69")
    assert "。 58" not in C.clause(6, "zh").text + C.clause(7, "zh").text
    assert not re.search(r"\b69\b", C.clause(6, "ar").text + C.clause(7, "ar").text)


def test_every_clause_in_its_own_script():
    for c in C.clauses:
        if c.lang == "zh":
            assert not re.search(r"[\u0400-\u04ff\u0600-\u06ff]", c.text), c.number
            assert not re.search(r"[\u4e00-\u9fff] [\u4e00-\u9fff]", c.text), c.number  # joined without spaces
        if c.lang == "ru":
            assert not re.search(r"[\u4e00-\u9fff\u0600-\u06ff]", c.text)


def test_russian_line_breaks_mended_real_hyphens_kept():
    ru = " ".join(c.text for c in C.by_lang("ru"))
    assert not re.search(r"[а-яё]- [а-яё]", ru)  # no leftover "надлежа- щие"
    for broken in ("надлежа щие", "рабо тающими", "госу дарств", "граж дан ского", "мини стров"):
        assert broken not in ru
    for word in ("нормативно-правовые", "государств-членов", "информационно-коммуникационных", "Содействовать"):
        assert word in ru
    assert not re.search(r"[а-яё][a-z]|[a-z][а-яё]", ru, re.I)  # no Latin homoglyphs inside words
    en = " ".join(c.text for c in C.by_lang("en"))
    assert "well-defined" in en and "human-controlled" in en
    assert "vice-ministres" in C.clause(1, "fr").text


def test_false_clause_numbers_are_not_clause_starts():
    assert "2019. Nous exprimons" in C.clause(1, "fr").text
    assert C.clause(2, "fr").text.startswith("Nous avons réaffirmé")


def test_arabic_reads_in_order():
    # Reversed lines put the last word group first; every clause starts with its own first word.
    firsts = {2: "وقد أكدنا مجدداً", 3: "وإذ نذكّر", 4: "واستعرضنا الاتجاهات الحديثة", 6: "ونقرّ أيضاً بالسمات",
              8: "إدراك الطابع المتعدد التخصصات", 15: "ودعم إجراء اختبارات تجريبية", 24: "وضمان استخدام",
              28: "إدراك إمكانية تسبب", 39: "إنشاء منتدى"}
    for n, start in firsts.items():
        assert C.clause(n, "ar").text.startswith(start), (n, C.clause(n, "ar").text[:60])
    assert "تحقيق هدف التنمية المستدامة 4. ونتعهد باتخاذ التدابير اللازمة" in C.clause(2, "ar").text
    assert "لتحقيق هدف التنمية المستدامة 4، والمساعدة على بحث مستقبل التربية" in C.clause(39, "ar").text


def test_sections_headings_and_lead_ins():
    starts = [1, 8, 10, 12, 14, 17, 20, 22, 25, 28, 31, 33]
    for lang in LANGS:
        heads = [p for p in C.passages if p.lang == lang and p.kind == "heading"]
        assert [h.first for h in heads] == starts, lang
        leads = [(p.first, p.last) for p in C.passages if p.lang == lang and p.kind == "lead_in"]
        assert leads == [(8, 32), (33, 38), (39, 44)], lang
        assert all(C.clause(n, lang).section is None for n in range(39, 45))
        assert all(C.clause(n, lang).section for n in range(1, 39))
    assert C.clause(28, "en").section == ("Ensuring ethical, transparent and auditable use of education "
                                         "data and algorithms")
    assert C.clause(13, "zh").section == "人工智能赋能教学和教师"
    assert C.clause(17, "ru").section == "Развитие ценностей и навыков, необходимых для жизни и работы в эпоху ИИ"
    lead = next(p for p in C.passages if p.lang == "en" and p.kind == "lead_in" and p.first == 39)
    assert lead.text == "We INVITE the Director-General of UNESCO to seek to implement the following actions:"


def test_parse_rejects_a_broken_source():
    with pytest.raises(CorpusError):
        parse(source_text().replace("17. Be mindful", "Be mindful"))


def test_cli_clauses_jsonl():
    out = subprocess.run([sys.executable, "-m", "rag.cli", "clauses", "--lang", "ar", "--kind", "clause"],
                         capture_output=True, text=True, encoding="utf-8", check=True).stdout
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 44 and set(rows[0]) >= {"lang", "clause", "section", "text", "kind"}
    assert "\\u" not in out and "وقد أكدنا" in out
    allrows = subprocess.run([sys.executable, "-m", "rag.cli", "clauses", "--kind", "clause"],
                             capture_output=True, text=True, check=True).stdout.splitlines()
    assert len(allrows) == 264
    bad = subprocess.run([sys.executable, "-m", "rag.cli", "clauses", "--lang", "xx"], capture_output=True, text=True)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
