"""The gist check against the official text (real embeddings, real clauses), on the failures the issue
measured: right citation, opposite meaning; a recommendation turned into a fact; an invented actor."""
import pytest

from rag.answer import Answerer
from rag.corpus import load_corpus
from rag.evidence import split_sentences
from rag.verify import (FRAMES, check_gist, decide_yes_no, frame_kind, has_negation, is_yes_no, kind_of_opening,
                         opening, verdict_of)

C = load_corpus()


@pytest.fixture(scope="module")
def negated(settings, retriever):
    """The Answerer's own per-sentence negation flags (a sentence is negated when any aligned version is)."""
    return Answerer(settings.replace(backend="extractive"), retriever=retriever)._negated


@pytest.fixture(scope="module")
def check(retriever, negated):
    emb = retriever.embedder.passages

    def run(gist, clause, lang, question="", verdict=None):
        ev = split_sentences(C.clause(clause, lang).text)
        start = opening(frame_kind(clause), lang, verdict)
        return check_gist(gist, question, ev, lang, emb, start=start, verdict=verdict, negated=negated(clause, lang))
    return run


@pytest.fixture(scope="module")
def verdict(retriever, negated):
    def run(question, clause, lang="en"):
        return decide_yes_no(question, split_sentences(C.clause(clause, lang).text), lang,
                             retriever.embedder.passages, negated(clause, lang))
    return run


def test_a_sentence_is_negated_when_any_official_version_is(negated):
    """Clause 24's English sentence has no negation cue of its own ("a language other than their mother tongue");
    the Chinese version words it with one (非母语). (Clause 30 served here until 性别, "gender", stopped counting as
    the negation 别.)"""
    own = [has_negation(s, "en") for s in split_sentences(C.clause(24, "en").text)]
    assert own == [False] and negated(24, "en") == (True,)
    assert negated(30, "en") == (False, False)
    assert negated(12, "ru") == tuple(has_negation(s, "ru") for s in split_sentences(C.clause(12, "ru").text))


@pytest.mark.parametrize("gist,clause,lang,reasons", [
    # The contradictions the issue found, each under its right clause number.
    ("The Beijing Consensus recommends that AI can replace teachers in the classroom, but human interaction and "
     "collaboration between teachers and learners must remain at the core of education.", 12, "en", ('new_words:4', 'reordered')),
    ("Пекинский консенсус рекомендует, чтобы использование ИИ в образовании усиливало цифровое неравенство.", 23, "ru", ('new_words:2', 'reordered', 'grammar')),
    ("يوصي توافق آراء بيجين بما يلي: يمكن للذكاء الاصطناعي أن يحل محل المعلمين.", 12, "ar", ('new_words:1', 'reordered')),  # «للذكاء» is «الذكاء» with «ل»: no new word
    ("Selon le Consensus de Beijing, le développement de l’IA devrait être contrôlé sans l’être humain.", 7, "fr", ('new_words:1', 'reordered')),
    # A recommendation turned into a fact, an invented actor, an invented number, a made-up premise.
    ("The Beijing Consensus recommends that data protection has already been guaranteed by AI.", 29, "en", ('new_words:3', 'reordered', 'accomplished')),
    ("The Beijing Consensus invites the Director-General of UNESCO to give the President of UNESCO special priority.",
     41, "en", ('names', 'new_words:4', 'reordered')),
    ("El Consenso de Beijing recomienda dedicar el 20 % del presupuesto a la IA.", 9, "es", ('numbers', 'new_words:2', 'reordered')),
    ("《北京共识》建议私营企业为所有学校免费提供人工智能。", 38, "zh", ('groups:企业', 'new_words:13', 'reordered')),
    # Found by the blind review: "consider" dropped (a recommendation to consider becomes one to do), and an
    # ungrammatical French continuation.
    ("The Beijing Consensus recommends integrating or developing AI technologies and tools that are relevant for "
     "upgrading education management information systems.", 10, "en", ('headless', 'hedge')),
    ("Le Consensus de Beijing recommande protéger les droits et les conditions de travail des enseignants.", 12, "fr", ('reordered', 'grammar')),
    ("El Consenso de Beijing recomienda extrayendo conclusiones de los casos exitosos y ampliando las prácticas "
     "basadas en datos empíricos.", 15, "es", ('grammar',)),  # a gerund after "recomienda"
    # Found by blind review round 3: a noun where Russian needs an infinitive, a comma after the frame.
    ("Пекинский консенсус рекомендует пересмотр и скорректировать учебные программы в целях содействия "
     "углубленному включению ИИ, и преобразованию учебных методик.", 14, "ru", ('headless', 'grammar')),
    ("Пекинский консенсус предлагает Генеральному директору ЮНЕСКО, действовать в сотрудничестве с партнерами по "
     "развитию, с опорой на настоящий Консенсус и в целях расширения сферы его охвата.", 44, "ru", ('dropped_inside', 'grammar')),
    # Found by the code review: a cue this version words without "not" (невозможно), swapped or repeated words
    # that reverse the meaning, "should" turned into "is", one substituted word.
    ("Да, Пекинский консенсус рекомендует понимать, что учителей можно заменить машинами.", 12, "ru", ('new_words:1', 'reordered')),
    ("The Beijing Consensus recommends creating multistakeholder partnerships and mobilizing resources to reduce "
     "the AI divide and reduce investment in the application of AI in education.", 38, "en", ('reordered',)),
    ("The Beijing Consensus recommends being aware that machines cannot be displaced by teachers.", 12, "en", ('reordered',)),
    ("The Beijing Consensus recommends applying AI tools where the risks of AI use clearly outweigh the benefits.",
     14, "en", ('reordered', 'hedge')),
    ("According to the Beijing Consensus, the development of AI is human-controlled and centred on people.", 7, "en", ('headless', 'modality')),
    ("The Beijing Consensus recommends underlining that the gender gap in digital skills contributes to the high "
     "share of women among AI professionals.", 25, "en", ('new_words:1', 'reordered')),
    ("The Beijing Consensus recommends taking institutional actions to limit AI literacy across all layers of "
     "society.", 18, "en", ('new_words:1', 'reordered')),  # the gerund is allowed, a changed verb is not
    # Not the system's opening: the model does not choose how the Consensus speaks.
    ("AI should be used to protect teachers' data.", 29, "en", ('opening',)),
    # Found by an exploratory test: a gist that starts inside its sentence drops the head that governs the rest.
    # "Reinforce UNESCO's leading role in AI in education" became "invites the Director-General to use AI in
    # education", and "be mindful of the importance of adopting" became a recommendation to adopt.
    ("يدعو توافق آراء بيجين المدير العام لليونسكو إلى استخدام الذكاء الاصطناعي في التعليم داخل جميع القطاعات أو "
     "الأقسام أو الإدارات المعنية.", 41, "ar", ('headless',)),
    ("The Beijing Consensus recommends adopting principles of ethics-, privacy- and security-by-design.", 28, "en", ('headless',)),
    ("《北京共识》建议采纳合乎伦理、注重隐私和通过设计确保安全等原则的重要性。", 28, "zh", ('headless',)),
    ("El Consenso de Beijing recomienda adoptar principios relativos a la ética, la privacidad y la seguridad como "
     "parte del diseño.", 28, "es", ('headless',)),
    # Found by a second exploratory test: one skipped word is enough. Dropping 强化 ("strengthen") makes the teacher
    # training institutions the ones who draw up the programmes; dropping "Be aware" makes a fact a recommendation.
    ("《北京共识》建议教师培训机构并制定适当的能力建设方案。", 13, "zh", ('headless',)),
    ("The Beijing Consensus recommends that teachers cannot be displaced by machines.", 12, "en", ('headless',)),
    # Blind review round 6: the Qingdao Declaration's words, which clause 3 recalls, put in the Consensus's mouth.
    ("Selon le Consensus de Beijing, les technologies émergentes doivent être mises à profit pour renforcer les "
     "systèmes éducatifs et promouvoir l'accès à l'éducation, un apprentissage de qualité et une offre de services "
     "plus efficace et plus équitable.", 3, "fr", ('headless',)),
])
def test_meaning_changing_gists_are_rejected(check, gist, clause, lang, reasons):
    """Each case names every rule that rejects it: a rule that stops firing fails its case, even when another
    rule still rejects the gist. A gist opening with "Да," is checked as an answer whose verdict is "yes"."""
    res = check(gist, clause, lang, verdict="yes" if gist.startswith("Да,") else None)
    assert not res.ok and res.reasons == reasons


@pytest.mark.parametrize("gist,clause,lang", [
    ("The Beijing Consensus recommends being aware that teachers cannot be displaced by machines.", 12, "en"),
    ("Le Consensus de Beijing recommande d’encourager dans les écoles des essais pilotes sur l’utilisation de "
     "l’IA.", 15, "fr"),
    ("《北京共识》建议应用或开发人工智能工具以支持动态适应性学习过程。", 16, "zh"),
    # The clause's imperative ("Take …") becomes a gerund after the system's "recommends".
    ("The Beijing Consensus recommends taking institutional actions to enhance AI literacy across all layers of "
     "society.", 18, "en"),
    ("Пекинский консенсус рекомендует тестировать и внедрять новые технологии и инструменты на основе ИИ для "
     "обеспечения защиты конфиденциальности и безопасности данных учителей и учащихся.", 29, "ru"),
    # A leading negation particle with a clitic («فلا») is not a head the gist may not skip; «لا» is kept.
    ("يوصي توافق آراء بيجين بما يلي: لا ينبغي أن يؤدي تطوير واستخدام الذكاء الاصطناعي في التعليم إلى اتساع الفجوة "
     "الرقمية.", 23, "ar"),
    # A gist may start where a part of its sentence starts (after "and", a comma), not only at its first word.
    ("The Beijing Consensus recommends mobilizing resources to reduce the AI divide.", 38, "en"),
    ("يدعو توافق آراء بيجين المدير العام لليونسكو إلى تعزيز دور اليونسكو الريادي في مجال استخدام الذكاء الاصطناعي "
     "في التعليم.", 41, "ar"),
])
def test_faithful_gists_pass(check, gist, clause, lang):
    res = check(gist, clause, lang)
    assert res.ok, res.reasons


def test_a_quotation_left_open_is_not_shown(check):
    res = check('يوصي توافق آراء بيجين بما يلي: "التشجيع على الاضطلاع بأنشطة عابرة للحدود الوطنية لأغراض البحث '
                'المقارن والتعاون."', 31, "ar")
    assert res.ok, res.reasons
    assert '"' not in res.text and res.text.endswith("والتعاون.")


def test_a_negation_dropped_from_the_evidence_is_caught(check):
    ok = "The Beijing Consensus recommends being aware that teachers cannot be displaced by machines."
    assert check(ok, 12, "en").ok
    flipped = "The Beijing Consensus recommends being aware that teachers can be displaced by machines."
    assert not check(flipped, 12, "en").ok
    # Every word from the clause, in its order, only "without" dropped: the polarity check alone catches it.
    dropped = ("The Beijing Consensus recommends being cognizant of the emergence of a set of AI literacy skills, "
               "losing sight of the need for foundational skills such as literacy.")
    assert check(dropped, 18, "en").reasons == ("polarity",)


@pytest.mark.parametrize("q,lang,yes", [
    ("Can AI replace teachers?", "en", True), ("What does it say about teachers?", "en", False),
    ("L'IA peut-elle remplacer les enseignants ?", "fr", True), ("Comment l'IA aide-t-elle ?", "fr", False),
    ("¿Puede la IA sustituir a los docentes?", "es", True), ("¿Qué dice sobre los docentes?", "es", False),
    ("Может ли ИИ заменить учителей?", "ru", True), ("Что говорится об учителях?", "ru", False),
    ("人工智能能取代教师吗？", "zh", True), ("人工智能如何帮助教师？", "zh", False),
    ("هل يمكن للذكاء الاصطناعي أن يحل محل المعلمين؟", "ar", True), ("كيف يساعد الذكاء الاصطناعي المعلمين؟", "ar", False),
])
def test_yes_no_questions_in_six_languages(q, lang, yes):
    assert is_yes_no(q, lang) is yes


def test_the_system_decides_yes_no_or_abstains(verdict):
    assert verdict("Can teachers be displaced by machines?", 12) == "no"
    assert verdict("Should school-wide pilot tests on the use of AI be supported?", 15) == "yes"
    # Undecided rather than guessed: a restrictive premise, or a question the text does not cover.
    assert verdict("Should only teachers' rights be protected?", 12) is None
    assert verdict("Will AI be banned in schools by 2030?", 12) is None
    # The blind review's reversal: "one single definition?" is not "yes" because clause 5 speaks of definitions;
    # it is "no", because clause 5 speaks of "varied definitions" (verify._one_of_many)
    assert verdict("Does the Consensus give one single definition of AI?", 5) == "no"
    assert verdict("Даёт ли консенсус единое определение ИИ?", 5, "ru") == "no"


@pytest.mark.parametrize("question,clause,lang,expected", [
    ("Может ли ИИ заменить учителей?", 12, "ru", "no"),          # «невозможно», not «не»: once answered "Да"
    ("Should the AI divide be increased?", 38, "en", None),      # "increase" is about investment
    ("Are there systematic studies on the impacts of AI in education?", 31, "en", None),  # a *lack* of them
    ("Must older workers remain economically active?", 21, "en", None),  # "for as long as they choose"
    ("Should AI applications impose bias?", 28, "en", None),     # "be cognizant that they can"
])
def test_no_wrong_yes(verdict, question, clause, lang, expected):
    """The exact verdict: an always-abstaining checker fails the Russian case, an always-"yes" one all."""
    assert verdict(question, clause, lang) == expected


@pytest.mark.parametrize("question,clause,lang", [
    ("Should systematic studies on the impacts of AI in education be supported?", 31, "en"),  # "lack" is no "no"
    ("Should we keep sight of foundational skills such as literacy and numeracy?", 18, "en"),  # "without losing sight"
    ("Faut-il garder à l'esprit les compétences de base comme la lecture et le calcul ?", 18, "fr"),
    ("Should AI promote quality education for all, irrespective of gender?", 23, "en"),  # near a "should not"
])
def test_no_wrong_no(verdict, question, clause, lang):
    assert verdict(question, clause, lang) is None  # undecided: the text neither says so nor says the opposite


@pytest.mark.parametrize("question,clause,lang", [
    ("共识是否优先考虑非洲？", 33, "zh"),                  # 最不发达国家: "least developed", no negation of "prioritise"
    ("是否需要识字和算术等基本技能？", 18, "zh"),          # 不能忽视: "cannot ignore", a double negation
    ("هل يدعو التوافق إلى حماية بيانات المتعلمين؟", 29, "ar"),  # «لا يشوبها أي تمييز»: free of discrimination
])
def test_a_negated_modifier_or_double_negation_is_no_no(verdict, question, clause, lang):
    """Each of these once got "No" (the answer is yes): a negation that denies a modifier, or denies a denial."""
    assert verdict(question, clause, lang) is None


@pytest.mark.parametrize("question,clause,lang", [
    ("Does the Consensus deny that teachers can be replaced by machines?", 12, "en"),
    ("Are teachers irreplaceable by machines according to the Consensus?", 12, "en"),
    ("Is it unacceptable to deepen the digital divide with AI?", 23, "en"),
    ("Does the Consensus refuse to let AI deepen the digital divide?", 23, "en"),
    ("Le Consensus nie-t-il que les enseignants puissent être remplacés par des machines ?", 12, "fr"),
    ("Est-il impossible de remplacer les enseignants par des machines ?", 12, "fr"),
    ("¿Es imposible sustituir a los docentes por máquinas?", 12, "es"),
    ("Отрицает ли Консенсус, что учителей можно заменить машинами?", 12, "ru"),
    ("Незаменимы ли учителя машинами?", 12, "ru"),
    ("共识是否否认教师可以被机器取代？", 12, "zh"),
    ("هل من المستحيل أن تحل الآلات محل المعلمين؟", 12, "ar"),
])
def test_a_question_that_denies_inside_a_word_gets_no_verdict(verdict, question, clause, lang):
    """Each of these once got "No" although the answer is yes: "deny", "impossible", "irreplaceable" carry the
    question's negation inside a word, where the negation cues do not see it. The same clause still says "no" to
    the plain question, so an always-abstaining checker fails."""
    assert verdict(question, clause, lang) is None
    plain = {"en": "Can machines replace teachers?", "fr": "Les machines peuvent-elles remplacer les enseignants ?",
             "es": "¿Pueden las máquinas sustituir a los docentes?", "ru": "Могут ли машины заменить учителей?",
             "zh": "机器能否取代教师？", "ar": "هل يمكن للآلات أن تحل محل المعلمين؟"}
    if clause == 12:
        assert verdict(plain[lang], 12, lang) == "no"


@pytest.mark.parametrize("question,clause,lang", [
    ("Should teachers be protected from being replaced by machines?", 12, "en"),
    ("Is the Consensus concerned that AI could deepen the digital divide?", 23, "en"),
    ("Does the Consensus see a risk that AI deepens the digital divide?", 23, "en"),
    ("Faut-il protéger les enseignants contre leur remplacement par des machines ?", 12, "fr"),
    ("¿Advierte el Consenso que la IA podría agravar la brecha digital?", 23, "es"),
    ("Нужно ли защищать учителей от замены машинами?", 12, "ru"),
    ("共识是否担心人工智能会加深数字鸿沟？", 23, "zh"),
    ("هل يحذر التوافق من أن الذكاء الاصطناعي قد يعمق الفجوة الرقمية؟", 23, "ar"),
])
def test_a_question_set_against_what_it_names_is_not_answered_no(verdict, question, clause, lang):
    """A "cannot" sentence answers "no" to "can X?", and "yes" to "protect from X?", "warn that X?": the question
    shares its words either way, so a question set against what it names gets no verdict."""
    assert verdict(question, clause, lang) is None


@pytest.mark.parametrize("question,clause,lang,expected", [
    # shared nouns are not the negated verb: each once got "No"
    ("Will machines help teachers?", 12, "en", None),
    ("Les machines aideront-elles les enseignants ?", 12, "fr", None),
    ("机器会帮助教师吗？", 12, "zh", None),
    ("Should AI in education benefit vulnerable groups?", 23, "en", None),
    ("Should the development of AI in education be free of bias against minority groups?", 23, "en", None),
    ("Должен ли ИИ приносить пользу уязвимым группам?", 23, "ru", None),
    # who serves whom, and whose number: each once got "Yes"
    ("Should people be in the service of AI?", 7, "en", None),
    ("人应该服务于人工智能吗？", 7, "zh", None),
    ("Were there 100 ministers in Beijing?", 1, "en", "no"),  # once "Yes"; the text counts 50 (verify._wrong_number)
    # the negated statement's own verb, a synonym of it, or a permission asked about it: "no"
    ("¿Pueden las máquinas reemplazar a los docentes?", 12, "es", "no"),
    ("Les enseignants peuvent-ils être remplacés par des machines ?", 12, "fr", "no"),
    # «minorías» / «minoritario» agree in five letters only, as «desplegados» / «desplazados» do (round 6): withheld
    ("¿Puede permitirse que la IA en la educación muestre sesgos contra las minorías?", 23, "es", None),
    ("هل يمكن أن تحل الآلات محل المعلمين؟", 12, "ar", "no"),
    ("Should the deployment of AI be in the service of people?", 7, "en", "yes"),
])
def test_no_needs_the_negated_verb_and_yes_keeps_who_serves_whom(verdict, question, clause, lang, expected):
    assert verdict(question, clause, lang) == expected


@pytest.mark.parametrize("question,clause,lang,expected", [
    # the roles swapped: each once got "No"
    ("Can machines be displaced by teachers?", 12, "en", None),
    ("Les machines peuvent-elles être remplacées par les enseignants ?", 12, "fr", None),
    ("Можно ли заменить машины учителями?", 12, "ru", None),
    ("Могут ли машины быть заменены учителями?", 12, "ru", None),
    ("机器能被教师取代吗？", 12, "zh", None),
    ("Can vulnerable groups display bias against AI?", 23, "en", None),
    # what is, answered by what should be: "No" / "Yes" once
    ("Does AI in education deepen the digital divide?", 23, "en", None),
    ("人工智能会加深数字鸿沟吗？", 23, "zh", None),
    ("Does AI control human development?", 7, "en", None),
    ("Is the development of AI human-controlled?", 7, "en", None),
    # a hedge opening the sentence, a condition: "Yes" once
    ("Should students serve AI?", 11, "en", None),
    ("使用人工智能的惠益是否明显大于其风险？", 14, "zh", None),
    # round 3: the people left out, one word of the negated predicate, what is, a reversed relation, a compound
    ("Can machines be displaced?", 12, "en", None),
    ("Should AI in education be deepened?", 23, "en", None),
    ("Is AI used for good?", 29, "en", None),
    ("Should economies be relevant to curricula?", 17, "en", None),
    ("Should national needs be aligned with international cooperation?", 36, "en", None),
    ("Следует ли поддерживать сотрудничество Север–Север?", 37, "ru", None),
    ("¿Es aceptable que la inteligencia artificial en la educación agrave la brecha digital?", 23, "es", "no"),
    # the same roles in another voice or with an instrument: still "no"
    ("Can teachers be replaced by machines?", 12, "en", "no"),
    ("Можно ли заменить учителей машинами?", 12, "ru", "no"),
    ("教师能被机器取代吗？", 12, "zh", "no"),
])
def test_no_and_yes_keep_who_acts_and_what_ought_to_be(verdict, question, clause, lang, expected):
    assert verdict(question, clause, lang) == expected


def test_only_negated_modals_can_say_no():
    """What may turn a question into "no" is a negated modal: in all six versions, exactly the three statements
    of clause 12 (teachers cannot be displaced) and clause 23 (should not deepen the divide, must not show bias)."""
    from rag.verify import STRONG_NEGATION, _norm, _rx
    for lang in ("en", "fr", "es", "ru", "zh", "ar"):
        found = [c.number for c in C.by_lang(lang) for _ in _rx(STRONG_NEGATION, lang).finditer(_norm(c.text))]
        assert sorted(set(found)) == [12, 23] and len(found) == 3, (lang, found)


def test_a_verdict_the_system_did_not_give_is_not_shown(check):
    # The system decided "no"; a gist that opens with "yes" fails the opening check.
    assert not check("Yes, the Beijing Consensus recommends being aware that teachers cannot be displaced by "
                     "machines.", 12, "en", verdict="no").ok
    res = check("No, the Beijing Consensus recommends being aware that teachers cannot be displaced by machines.",
                12, "en", verdict="no")
    assert res.ok and verdict_of(res.text, "en") == "no"


@pytest.mark.parametrize("text,lang,neg", [
    ("teachers cannot be displaced by machines", "en", True), ("AI supports teachers", "en", False),
    ("sans perdre de vue", "fr", True), ("sin perder de vista", "es", True), ("не могут быть заменены", "ru", True),
    ("教师无法被机器取代", "zh", True), ("不断发展", "zh", False), ("لا يمكن", "ar", True), ("وعدم", "ar", True),
    # a clitic starts a word: «وشمولا» (clause 10, "and inclusively") holds no «لا»; «وبغير» is "and without"
    ("أكثر إنصافا وشمولا وانفتاحا", "ar", False), ("وبغير علم", "ar", True), ("فلا", "ar", True),
    # «sin distinción por razón de género» (clause 23) is "irrespective of gender", no negation
    ("para todos, sin distinción por razón de género", "es", False), ("sin datos", "es", True),
])
def test_negation_cues(text, lang, neg):
    assert has_negation(text, lang) is neg


def test_a_gist_that_skips_the_head_of_its_sentence_is_named(check):
    res = check("The Beijing Consensus recommends adopting principles of ethics-, privacy- and security-by-design.",
                28, "en")
    assert res.reasons == ("headless",)
    assert res.source.startswith("Be mindful of the importance of adopting")


@pytest.mark.parametrize("lang", ["en", "fr", "es", "ru", "zh", "ar"])
def test_the_checker_reads_the_frame_of_every_opening(lang):
    # A verdict lower-cases the frame: "No, the Beijing Consensus recommends" was read as a preamble statement,
    # so the French "recommande de" rule and the head rule were checked against the wrong frame.
    for kind in FRAMES:
        for verdict in (None, "yes", "no"):
            assert kind_of_opening(opening(kind, lang, verdict), lang) == kind, (kind, verdict)


def test_words_dropped_inside_a_noun_phrase_fail_the_check(check):
    # Clause 41: "Reinforce the leading role of UNESCO in AI in education …". Dropping "UNESCO in" makes it AI's role.
    res = check("The Beijing Consensus invites the Director-General of UNESCO to reinforce the leading role of AI "
                "in education.", 41, "en")
    assert not res.ok and res.reasons == ("dropped_inside",)
    # Dropping a whole coordinated part is not: the gap holds "and".
    ok = check("The Beijing Consensus invites the Director-General of UNESCO to reinforce the leading role of UNESCO "
               "in AI in education across concerned sectors.", 41, "en")
    assert ok.ok, ok.reasons


def test_a_declined_word_is_no_lookalike_but_a_lookalike_still_is():
    from rag.verify import _lookalike
    assert not _lookalike("учителям не нужна подготовка", "подготовке учителей", "ru")  # one word, two endings
    assert _lookalike("образование учителей", "образцовый учитель", "ru")  # «образ…»: five letters only
    assert _lookalike("Will AI displace teachers?", "a display for teachers", "en")  # no ending allowed in English
    assert _lookalike("¿Y las minorías?", "un grupo minoritario", "es")


def test_a_negation_just_before_and_keeps_what_follows_in_its_part():
    from rag.verify import segments
    ar = segments(C.clause(23, "ar").text, "ar")
    assert any("فلا ينبغي أن يؤدي تطوير واستخدام الذكاء الاصطناعي في التعليم إلى اتساع الفجوة الرقمية" in p for p in ar)
    assert any(p.startswith("يجب ألا ينطوي تطويره واستخدامه على أي تحيّز") for p in ar)
    # a second negated predicate after "and" is a part of its own
    en = segments(C.clause(23, "en").text, "en")
    assert "use of AI in education should not deepen the digital divide" in en
    assert "must not display bias against any minority or vulnerable groups" in en


@pytest.mark.parametrize("q,lang,stance", [
    ("Does the Consensus call for comprehensive data protection laws?", "en", True),
    ("Does the Consensus want the development of AI to be human-controlled?", "en", True),
    ("Le Consensus recommande-t-il des lois sur la protection des données ?", "fr", True),
    ("共识是否呼吁制定数据保护法？", "zh", True),
    # what it says is the case is no stance ("states"); a reporting word list once was read as one pattern and
    # never matched, so "call for" counted only through "support"-like verbs
    ("Does the Consensus say there is enough research?", "en", False),
    ("Говорится ли в консенсусе, что исследований достаточно?", "ru", False),
])
def test_a_question_of_what_the_consensus_wants_asks_its_stance(q, lang, stance):
    from rag.verify import _asks_stance
    assert _asks_stance(q, lang) is stance


def test_the_stance_verb_is_no_word_the_settling_part_must_hold(verdict):
    # "want" is how the question asks; clause 26 says "AI applications should drive the promotion of gender equality"
    assert verdict("Does the Consensus want AI applications to drive gender equality?", 26) == "yes"
    assert verdict("Does the Consensus want AI to deepen the digital divide?", 23) == "no"
    assert verdict("Does the Consensus want teachers to be replaced by machines?", 12) == "no"
