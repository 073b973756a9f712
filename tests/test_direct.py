"""Answers that answer: the question's kind, a verified first line, every clause that answers, "not mentioned".

Real retriever, real corpus, real embedders; no model (the first line never needs one).
"""
import json
import re
from pathlib import Path

import pytest

from rag.answer import Answerer
from rag.corpus import load_corpus
from rag.direct import quote_of
from rag.kinds import Kind, addressee, claim, question_kind
from rag.mention import missing_subject
from rag.evidence import split_sentences
from rag.verify import opens_aware

C = load_corpus()


@pytest.fixture(scope="module")
def answer(settings, retriever):
    a = Answerer(settings.replace(backend="extractive"), retriever=retriever)
    return a.run


# --- question kinds, from the words alone ---------------------------------------------------------------

@pytest.mark.parametrize("q,lang,kind", [
    ("Can AI replace teachers?", "en", Kind.YESNO),
    ("Est-ce que le Consensus soutient l'évaluation à distance ?", "fr", Kind.YESNO),
    ("¿Puede la IA sustituir a los docentes?", "es", Kind.YESNO),
    ("Может ли ИИ заменить учителей?", "ru", Kind.YESNO),
    ("人工智能能否取代教师？", "zh", Kind.YESNO),
    ("هل يمكن للذكاء الاصطناعي أن يحل محل المعلمين؟", "ar", Kind.YESNO),
    ("How many government ministers attended?", "en", Kind.FACT),
    ("Combien de ministres ont participé ?", "fr", Kind.FACT),
    ("¿Cuándo se celebró la conferencia?", "es", Kind.FACT),
    ("Сколько министров участвовало?", "ru", Kind.FACT),
    ("有多少位部长参加了会议？", "zh", Kind.FACT),
    ("متى عقد المؤتمر؟", "ar", Kind.FACT),
    ("Why does the Beijing Consensus ban remote assessment with AI?", "en", Kind.PREMISE),
    ("Pourquoi le Consensus demande-t-il de remplacer les enseignants ?", "fr", Kind.PREMISE),
    ("¿Por qué el Consenso prohíbe la evaluación a distancia?", "es", Kind.PREMISE),
    ("Почему консенсус запрещает дистанционную оценку?", "ru", Kind.PREMISE),
    ("北京共识为什么禁止远程评估？", "zh", Kind.PREMISE),
    ("لماذا يحظر التوافق التقييم عن بعد؟", "ar", Kind.PREMISE),
    ("What does the Consensus say about teachers?", "en", Kind.EXPLAIN),
    ("Comment l'IA peut-elle aider les enseignants ?", "fr", Kind.EXPLAIN),
    ("共识对教师有什么建议？", "zh", Kind.EXPLAIN),
    # 认为 + 什么 ("what does it hold to be …") holds the letters of 为什么 (why) but is no premise
    ("共识认为什么是实现可持续发展目标4的基石？", "zh", Kind.EXPLAIN),
    ("人工智能被称为什么？", "zh", Kind.EXPLAIN),
    # a yes/no question whatever its relative "que", its "что" after a comma, or the phrase before it
    ("Peut-on tolérer que l'IA ait des préjugés envers les minorités ?", "fr", Kind.YESNO),
    ("La plateforme que l'UNESCO doit créer sera-t-elle ouverte à tous ?", "fr", Kind.YESNO),
    ("Según el Consenso, ¿hay ya suficientes estudios sobre la IA?", "es", Kind.YESNO),
    ("¿Basta con saber de IA, sin competencias básicas?", "es", Kind.YESNO),
    ("Говорится ли в консенсусе, что исследований уже достаточно?", "ru", Kind.YESNO),
    ("وفقاً للتوافق، هل النساء ممثلات تمثيلاً جيداً؟", "ar", Kind.YESNO),
    # a relative "qui", "où", "кто", "donde" asks for no fact; an opening one, or "what dates", does
    ("Que dit le Consensus sur les élèves qui ont un handicap ?", "fr", Kind.EXPLAIN),
    ("Как ИИ может помочь тем, кто учится не на родном языке?", "ru", Kind.EXPLAIN),
    ("¿Que dice el consenso sobre los docentes?", "es", Kind.EXPLAIN),
    ("Où et quand la conférence a-t-elle eu lieu ?", "fr", Kind.FACT),
    ("On what dates was the conference held?", "en", Kind.FACT),
    ("من الذي شارك في تنظيم المؤتمر؟", "ar", Kind.FACT),
])
def test_question_kinds_in_six_languages(q, lang, kind):
    assert question_kind(q, lang) is kind


def test_a_premise_is_searched_without_its_claim_verb():
    # without the document's name too: "the Consensus" pulled in clause 44 ("the outreach of the Consensus")
    assert claim("Why does the Beijing Consensus ban remote assessment with AI?", "en") == "remote assessment with AI?"
    assert claim("لماذا يحظر توافق آراء بيجين التقييم عن بعد؟", "ar") == "التقييم عن بعد؟"
    assert "禁止" not in claim("北京共识为什么禁止远程评估？", "zh") and "为什么" not in claim("北京共识为什么禁止远程评估？", "zh")
    # a number in the claim is searched for no more: "2030" pulled in clause 2 (the 2030 Agenda), not 12
    assert "2030" not in claim("Pourquoi le Consensus demande-t-il de remplacer les enseignants par des robots d'ici "
                               "2030 ?", "fr")


@pytest.mark.parametrize("q,n", [
    ("Pourquoi le Consensus demande-t-il de remplacer les enseignants par des robots d'ici 2030 ?", 12),
    # Chinese: bigrams straddling a frame word (识为, 么要, 年用) are no words of any clause; with them the claim
    # shared too few words with "教师无法被机器取代" and the premise went uncorrected
    ("共识为什么要求到2030年用机器人取代教师？", 12),
    ("北京共识为什么禁止用人工智能进行远程评估？", 16),
])
def test_a_false_premise_is_refuted_past_its_numbers_and_unspaced_frame_words(q, n, answer):
    a = answer(q)
    assert a.kind == "premise" and a.verdict == "no" and a.citations[0] == n


@pytest.mark.parametrize("q,n", [
    # "seeks", «busca», «стремится», «يسعى»: how the claim is put, not part of what it claims
    ("¿Por qué busca el Consenso debilitar las instituciones de formación docente?", 13),
    ("Почему консенсус стремится отказаться от сотрудничества Юг-Юг?", 37),
    ("لماذا يسعى التوافق إلى إضعاف دور اليونسكو الريادي؟", 41),
    # "keep X out of" asks to exclude X; the refuting clause (19) is the retriever's, not yet the evidence's
    ("Why does the Consensus want to keep AI out of higher education?", 19),
    # "any", «toute» quantify the claim; they are no words of it
    ("Why does the Consensus reject any follow-up to the conference?", 44),
    ("Pourquoi le Consensus rejette-t-il toute action de suivi de la conférence ?", 44),
    ("لماذا يهدف التوافق إلى إبعاد الذكاء الاصطناعي عن المناهج الدراسية؟", 14),  # «إبعاد»: keep away
])
def test_a_premise_put_as_what_the_consensus_seeks_is_refuted(q, n, answer):
    a = answer(q)
    assert a.kind == "premise" and a.verdict == "no" and a.citations[0] == n


@pytest.mark.parametrize("q,lang,span", [
    ("What does the Consensus ask UNESCO's Director-General to do?", "en", (39, 44)),
    ("Que demande le Consensus à la Directrice générale de l'UNESCO ?", "fr", (39, 44)),
    ("ما الذي يطلبه التوافق من المدير العام لليونسكو؟", "ar", (39, 44)),
    ("共识建议国际组织采取哪些行动？", "zh", (33, 38)),
    ("What does the Consensus recommend that governments and other stakeholders do?", "en", (8, 32)),
    ("Что консенсус рекомендует правительствам и другим заинтересованным сторонам?", "ru", (8, 32)),
    ("共识向各国政府及其他利益攸关方提出了哪些建议？", "zh", (8, 32)),
    ("What should governments do about teacher training?", "en", None),  # one subject, not all they are asked
    # words of no content are no subject (round 8: these got one clause) ...
    ("What are the recommendations for governments?", "en", (8, 32)),
    ("¿Cuáles son las recomendaciones a los gobiernos?", "es", (8, 32)),
    ("Какие рекомендации даются международным организациям?", "ru", (33, 38)),
    ("ما هي توصيات التوافق للمنظمات الدولية؟", "ar", (33, 38)),  # «لل»: li- + al-
    ("Que recommande le Consensus aux partenaires internationaux ?", "fr", (33, 38)),
    ("ماذا يعلن المشاركون في ديباجة توافق بيجين؟", "ar", (1, 7)),
    # ... but one word of content is: a verb ("fund": 9), one clause's own verb ("reaffirm": 2), a place
    ("What should governments fund?", "en", None),
    ("¿Qué deben financiar los gobiernos?", "es", None),
    ("What did the participants reaffirm?", "en", None),
    ("Что признают участники?", "ru", None),
    ("What should governments do in schools?", "en", None),
    ("Что должны делать правительства для учителей?", "ru", None),
    ("政府应投资什么？", "zh", None),
    ("Should the Director-General set up a platform for open-source AI courses?", "en", None),  # one clause
])
def test_a_question_about_all_an_addressee_is_asked(q, lang, span):
    assert addressee(q, lang) == span


# --- the quote: one official sentence, or its head and settling part ------------------------------------

def test_a_long_sentence_is_quoted_as_its_head_and_settling_part():
    s = C.clause(1, "en").text.split(". ")[0] + "."
    q = quote_of(s, "including 50 government ministers and vice ministers", "en")
    assert q == ("We, the participants of the International Conference on Artificial Intelligence (AI) and "
                 "Education, including 50 government ministers and vice ministers …")
    far = quote_of(s, "met in Beijing", "en")  # far from the head: the words between are cut, and say so
    assert far.startswith("We, the participants") and " … met in Beijing …" in far
    assert all(piece.strip() in s for piece in q.split("…") if piece.strip())
    short = C.clause(15, "en").text
    assert quote_of(short, "drawing lessons from successful cases", "en") == short  # short: whole


# --- the first line, per kind -------------------------------------------------------------------------------

@pytest.mark.parametrize("q,lang,start,words", [
    ("Can AI replace teachers?", "en", "No. Clause 12 (a recommendation to governments and other stakeholders):",
     "teachers cannot be displaced by machines"),
    ("Peut-on remplacer les enseignants par des machines ?", "fr",
     "Non. Paragraphe 12 (recommandation aux gouvernements et aux autres parties prenantes) :",
     "les enseignants ne peuvent être remplacés par des machines"),
    ("Может ли ИИ заменить учителей?", "ru",
     "Нет. Пункт 12 (рекомендация правительствам и другим заинтересованным сторонам):", "учителей невозможно заменить машинами"),
    ("هل يمكن للآلات أن تحل محل المعلمين؟", "ar", "لا. الفقرة 12 (توصية للحكومات وسائر الجهات المعنية):", "لا يمكن للآلات أن تحلّ محلّ المعلمين"),
    ("Does the Consensus support using AI for remote assessment?", "en",
     "Yes. Clause 16 (a recommendation to governments and other stakeholders):", "to support large-scale and remote assessment"),
])
def test_a_settled_yes_no_question_gets_its_verdict_and_the_words_that_settle_it(q, lang, start, words, answer):
    a = answer(q)
    assert a.kind == "yesno" and a.verdict == ("no" if start[:2] in ("No", "Но", "Не", "لا") else "yes")
    assert a.direct.startswith(start) and words in a.direct and a.text.split("\n")[0] == a.direct


@pytest.mark.parametrize("q", ["Should the AI divide be increased?",                    # "increase" is investment
                               "Does the Consensus say AI should only be used by rich countries?"])
def test_no_verdict_when_the_text_does_not_settle_it(q, answer):
    a = answer(q)
    assert a.kind == "yesno" and a.verdict is None and not a.direct.startswith(("Yes", "No"))


def test_a_false_premise_is_corrected_with_the_clause_that_refutes_it(answer):
    a = answer("Why does the Beijing Consensus ban remote assessment with AI?")
    assert a.kind == "premise" and a.verdict == "no" and a.citations[0] == 16
    assert a.direct.startswith("The Beijing Consensus does not say that. Clause 16 (a recommendation to governments "
                               "and other stakeholders):")
    assert "remote assessment" in a.direct


@pytest.mark.parametrize("q,lang,n", [
    ("Why does the Consensus reject lifelong learning?", "en", 20),             # reject / weaken / oppose…
    ("Почему консенсус отвергает обучение на протяжении всей жизни?", "ru", 20),
    ("为什么共识反对终身学习？", "zh", 20),
    ("لماذا يرفض التوافق التعلم مدى الحياة؟", "ar", 20),
    ("Pourquoi le Consensus de Beijing interdit-il l'évaluation à distance ?", "fr", 16),  # "… et à distance" tail
    ("Why does the Consensus tell governments to stop collecting data on education?", "en", 10),
    # advice against X ("recommend not using") is a claim against X as a ban is; its "not" is no second cue
    ("Why does the Consensus recommend not using AI for remote assessment?", "en", 16),
    ("Pourquoi le Consensus recommande-t-il de ne pas utiliser l'IA pour l'évaluation à distance ?", "fr", 16),
    ("¿Por qué recomienda el Consenso de Beijing no usar la IA para la evaluación a distancia?", "es", 16),
    ("Почему консенсус рекомендует не использовать ИИ для дистанционной оценки?", "ru", 16),
    ("共识为什么建议不要用人工智能进行远程评估？", "zh", 16),
    ("لماذا يوصي التوافق بعدم استخدام الذكاء الاصطناعي في التقييم عن بعد؟", "ar", 16),
    # «en matière de», «en materia de» ("regarding") are no words of what is ignored
    ("Pourquoi le Consensus veut-il que la coopération internationale en matière d'IA ignore les besoins nationaux ?",
     "fr", 36),
    ("¿Por qué quiere el Consenso que la cooperación internacional en materia de IA ignore las necesidades "
     "nacionales?", "es", 36),
    # what is "not taken into account" is ignored: the negation is the cue, not a second one (seed 261, ru and zh)
    ("Pourquoi le Consensus veut-il que la coopération internationale ne tienne pas compte des besoins nationaux ?",
     "fr", 36),
    ("¿Por qué quiere el Consenso que la cooperación internacional no tenga en cuenta las necesidades nacionales?",
     "es", 36),
    ("Почему консенсус хочет, чтобы международное сотрудничество не учитывало национальные потребности?", "ru", 36),
    ("共识为什么要求人工智能国际合作不考虑各国的本国需求？", "zh", 36),  # 的本, 国的: bigrams across 的 are no words
    ("لماذا يريد التوافق ألا يراعي التعاون الدولي الاحتياجات الوطنية؟", "ar", 36),
    ("Why does the Consensus not consider the needs of older people?", "en", 21),
    # «включать» / «включить»: a verb's two aspects are one word, not a lookalike (LanguageProfile.ending)
    ("Почему консенсус призывает не включать ИИ в школьные учебные программы?", "ru", 17),
])
def test_premises_of_rejecting_weakening_or_stopping_are_corrected(q, lang, n, answer):
    a = answer(q)
    assert a.kind == "premise" and a.verdict == "no" and a.citations[0] == n and a.lang == lang


@pytest.mark.parametrize("q,lang", [
    # a need denied ("don't need any training") is a claim against X as a ban is: 13 and 42 recommend the training
    ("Why does the Consensus say teachers don't need any training to work with AI?", "en"),
    ("Pourquoi le Consensus affirme-t-il que les enseignants n'ont besoin d'aucune formation pour travailler avec "
     "l'IA ?", "fr"),
    ("¿Por qué dice el Consenso que los docentes no necesitan ninguna formación para trabajar con IA?", "es"),
    # «учителям» / «учителей»: one word declined, not a lookalike (LanguageProfile.ending)
    ("Почему в консенсусе говорится, что учителям не нужна никакая подготовка для работы с ИИ?", "ru"),
    ("لماذا يقول التوافق إن المعلمين لا يحتاجون إلى أي تدريب للعمل بالذكاء الاصطناعي؟", "ar"),
])
def test_a_premise_that_denies_a_need_the_consensus_states_is_corrected(q, lang, answer):
    a = answer(q)
    assert a.kind == "premise" and a.verdict == "no" and a.citations[0] in (13, 42) and a.lang == lang


@pytest.mark.parametrize("q,lang,n", [
    # "enough X?" where the text says X falls short ("the lack of", "the low share of"): "No", in six languages
    ("Is there enough research on the impacts of AI applications in education?", "en", 31),
    ("Y a-t-il assez de femmes parmi les professionnels de l'IA ?", "fr", 25),
    ("¿Hay suficientes estudios sistemáticos sobre el impacto de la inteligencia artificial en la educación?", "es", 31),
    ("Достаточно ли систематических исследований о воздействии ИИ на образование?", "ru", 31),
    ("人工智能专业人员中的女性足够多吗？", "zh", 25),
    ("هل عدد النساء بين المهنيين العاملين في مجال الذكاء الاصطناعي كاف؟", "ar", 25),
    # 是否认为 ("does it hold that") holds the letters of 否认 (deny): no denial, so the question can be settled
    ("共识是否认为关于人工智能对教育影响的系统性研究已经足够了？", "zh", 31),
    ("Хорошо ли, согласно Консенсусу, представлены женщины среди специалистов по ИИ?", "ru", 25),  # words apart
])
def test_enough_of_what_the_text_says_falls_short_is_no(q, lang, n, answer):
    a = answer(q)
    assert a.kind == "yesno" and a.lang == lang and a.verdict == "no" and a.citations[0] == n


@pytest.mark.parametrize("q,lang", [
    ("Are women underrepresented among AI professionals?", "en"),
    # «peu nombreuses» (few) is no «peut» (can): the question asks what is, not what may be
    ("Le Consensus reconnaît-il que les femmes sont peu nombreuses parmi les professionnels de l'IA ?", "fr"),
])
def test_few_of_what_the_text_says_falls_short_is_yes(q, lang, answer):
    a = answer(q)
    assert a.kind == "yesno" and a.lang == lang and a.verdict == "yes" and a.citations[0] == 25


def test_a_negation_before_and_governs_what_follows_where_the_verb_comes_first(answer):
    # «فلا ينبغي أن يؤدي تطوير | واستخدام الذكاء الاصطناعي … إلى اتساع الفجوة الرقمية»: split at و, the divide
    # once stood in a part of its own with no negation, and got no verdict
    a = answer("هل من المقبول أن يؤدي استخدام الذكاء الاصطناعي في التعليم إلى اتساع الفجوة الرقمية؟")
    assert a.verdict == "no" and a.citations[0] == 23 and "فلا ينبغي أن يؤدي" in a.direct


@pytest.mark.parametrize("q", [
    "Does the Consensus want enough women among AI professionals?",  # what it wants, not what is
    "Should there be enough women among AI professionals?",
    "Is the lack of systematic studies on AI in education enough reason to wait?",  # the question names the lack
    "Le Consensus appelle-t-il à davantage d'études suffisamment systématiques ?",
    "Are there enough teachers trained in AI?",  # no text says they fall short
    "Does the Consensus want fewer women among AI professionals?",
])
def test_enough_gets_no_verdict_unless_the_text_says_it_falls_short(q, answer):
    assert answer(q).verdict is None


@pytest.mark.parametrize("q,lang,n", [
    # one X? where the text says there are many ("varied definitions", "different kinds of bias"): "No"
    ("Does the Consensus settle on one single definition of artificial intelligence?", "en", 5),
    ("¿Ofrece el Consenso una definición única y cerrada de la inteligencia artificial?", "es", 5),
    ("Даёт ли консенсус единое определение искусственного интеллекта?", "ru", 5),
    ("共识是否给出了人工智能的统一定义？", "zh", 5),
    ("هل يعتمد التوافق تعريفاً واحداً للذكاء الاصطناعي؟", "ar", 5),  # «وكثرة تعريفاته»: the cue before the noun
    # 6 comes first; the second evidence clause, 5, settles it and is quoted first
    ("Le Consensus retient-il une définition unique de l'intelligence artificielle ?", "fr", 5),
    ("Is there only one kind of bias in AI applications?", "en", 28),
    ("Does the Consensus say there is only one source of funding?", "en", 9),
])
def test_one_of_what_the_text_says_there_are_many_of_is_no(q, lang, n, answer):
    a = answer(q)
    assert a.kind == "yesno" and a.lang == lang and a.verdict == "no" and a.citations[0] == n


@pytest.mark.parametrize("q", [
    "Should there be a single definition of AI?",  # what ought to be: the text only acknowledges the variety
    "Does the Consensus propose a single AI for Education platform?",  # nothing says there are many
    "Is AI one of the priorities?",  # "one of" is no "one"
])
def test_one_gets_no_verdict_unless_the_text_says_there_are_many(q, answer):
    assert answer(q).verdict is None


@pytest.mark.parametrize("q,lang,verdict", [
    # a count or year the text gives otherwise for the same thing: "No"
    ("Were there 500 ministers at the Beijing conference?", "en", "no"),   # "including 50 government ministers"
    ("Участвовало ли в конференции около 500 министров?", "ru", "no"),      # about 500: still ten times off
    ("有500名部长参加会议吗？", "zh", "no"),
    ("D'après le Consensus, la Déclaration de Qingdao a-t-elle été adoptée en 2019 ?", "fr", "no"),  # 2015
    ("Were there 50 Member States?", "en", "no"),                            # "more than 100 Member States"
    # none where the text's number is a bound the question's meets, or the question's a bound
    ("Were there 200 Member States?", "en", None),                           # more than 100 may be 200
    ("Did more than 40 ministers attend?", "en", None),
    ("Did fewer than 500 ministers attend?", "en", None),
    ("Was the conference held on 17 May 2019?", "en", None),                 # 16 to 18 May: days are no counts
])
def test_a_number_the_text_gives_otherwise_is_no(q, lang, verdict, answer):
    a = answer(q)
    assert a.kind == "yesno" and a.lang == lang and a.verdict == verdict
    if verdict:
        assert a.citations[0] in (1, 3)


@pytest.mark.parametrize("q,lang,verdict", [
    # "Does the Consensus support X?" asks whether it recommends X; the short tail "et à distance" is the part's own
    ("Le Consensus de Beijing soutient-il l'utilisation de l'IA pour l'évaluation à distance ?", "fr", "yes"),
    # Chinese bigrams across "AI" (用人, 能进, 行远) are no words of any part; 评估 is the clause's 评价
    ("北京共识支持用人工智能进行远程评估吗？", "zh", "yes"),
    ("Does the Consensus support replacing teachers with AI?", "en", "no"),
    # a harm is never supported; "accept" / "tolerate" ask the same, and a part acting against the very harm ("free
    # from gender bias", 不带性别偏见, "reduce the AI divide") says "no"
    ("Does the Consensus accept gender bias in AI applications for education?", "en", "no"),
    ("Le Consensus tolère-t-il des biais sexistes dans les applications d'IA ?", "fr", "no"),
    ("共识是否容许人工智能应用存在性别偏见？", "zh", "no"),
    ("هل يقبل التوافق وجود تحيز جنساني في تطبيقات الذكاء الاصطناعي؟", "ar", "no"),
    ("Does the Consensus tolerate the AI divide?", "en", "no"),
    # ... but nothing from a question that acts against the harm itself, studies it, or names people
    ("Does the Consensus support reducing the AI divide?", "en", None),
    ("Does the Consensus support research on bias?", "en", None),
    ("Does the Consensus support vulnerable groups?", "en", None),
    ("Does the Consensus accept the risks of polarization?", "en", None),
    # "AI in education" is the document's domain and "between" a function word: neither must be in the answering
    # words ("Encourage cross-national comparative research and collaboration")
    ("Does the Consensus promote comparative research between countries on AI in education?", "en", "yes"),
    ("Le Consensus soutient-il la recherche comparative entre pays sur l'IA dans l'éducation ?", "fr", "yes"),
    # a clause that opens with "Consider" still suggests what it names ("upgrade" / "upgrading": one word) ...
    ("Does the Consensus suggest using AI to upgrade education management information systems?", "en", "yes"),
    ("Предлагает ли консенсус использовать ИИ для модернизации информационных систем управления образованием?", "ru",
     "yes"),
    # ... but does not say that it should be done
    ("Should AI be used to upgrade education management information systems?", "en", None),
])
def test_a_question_about_the_consensus_stance_is_settled_by_what_it_recommends(q, lang, verdict, answer):
    a = answer(q)
    assert a.kind == "yesno" and a.verdict == verdict and a.lang == lang


def test_a_premise_is_checked_against_the_other_evidence_clauses_too(answer):
    a = answer("Why does the Consensus advise against integrating AI skills into school curricula?")
    assert a.kind == "premise" and a.verdict == "no" and a.citations[0] == 17


@pytest.mark.parametrize("q", [
    "Why does the Consensus warn against bias in AI?",       # it does: "free from gender bias" is no refutation
    "Why does the Consensus oppose the digital divide?",     # "should not deepen the digital divide" agrees
    "Why does the Consensus say that teachers cannot be replaced by machines?",  # a true premise
    "Why does the Consensus want to reduce the AI divide?",
    "Why does the Consensus say teachers don't need to fear being replaced?",  # "cannot be displaced" agrees
])
def test_a_true_premise_is_never_called_false(q, answer):
    a = answer(q)
    assert a.kind == "premise" and a.verdict is None and not a.direct.startswith("The Beijing Consensus does not")
    # nor confirmed: the claim was not checked, so the clause is only named, never said to address it
    assert re.match(r"Clause \d+[ :]", a.direct)


@pytest.mark.parametrize("q,lang", [
    # each once got "The Consensus does not say that": its words are those of a "cannot" sentence it agrees with
    ("Why does the Consensus want to protect teachers from being replaced by machines?", "en"),
    ("Why does the Consensus want to keep AI from deepening the digital divide?", "en"),
    ("Why does the Consensus warn that AI could deepen the digital divide?", "en"),
    ("Pourquoi le Consensus veut-il protéger les enseignants du remplacement par des machines ?", "fr"),
    ("¿Por qué el Consenso quiere proteger a los docentes de ser sustituidos por máquinas?", "es"),
    ("Почему консенсус защищает учителей от замены машинами?", "ru"),
])
def test_a_premise_set_against_what_a_cannot_sentence_forbids_is_not_refuted(q, lang, answer):
    a = answer(q)
    assert a.kind == "premise" and a.lang == lang and a.verdict is None and a.citations[0] in (12, 23)


def test_an_unchecked_part_is_never_cut_out_of_its_sentence(answer):
    # an explain answer quotes its whole sentence: a cut chosen by similarity once hid the words that answered
    a = answer("What should the AI for Education platform act as?")
    assert a.kind == "explain" and "…" not in a.direct and "supporting debate on the future of education" in a.direct


def test_a_cut_quote_never_leaves_a_bracket_open():
    s = ("Consider integrating or developing AI technologies and tools that are relevant for upgrading education "
         "management information systems (EMIS) in order to enhance data collection and processing, making education "
         "management and provision more equitable, inclusive, open and personalized, with many more words to make it "
         "long enough to be cut.")
    assert quote_of(s, "management information systems (EMIS", "en") == s
    assert quote_of(s, "making education management and provision more equitable", "en").count("(") == \
        quote_of(s, "making education management and provision more equitable", "en").count(")")


def test_the_first_line_says_who_the_clause_is_addressed_to(answer):
    a = answer("¿Qué debe hacer la Directora General de la UNESCO en materia de formación docente?")
    assert a.direct.startswith("Párrafo 42 (invitación a la Directora General de la UNESCO):")
    a = answer("Can AI replace teachers?")
    assert a.direct.startswith("No. Clause 12 (a recommendation to governments and other stakeholders): “Be aware")
    # every official line is quoted, so none reads as the system's own words
    assert all(line.startswith("“") and line.endswith("” [12]") for line in a.text.split("\n")[1:])


def test_chinese_quotes_nest_and_use_the_double_ellipsis():
    from rag.direct import quoted
    assert quoted("建立一个“人工智能服务于教育”的平台", "zh") == "“建立一个‘人工智能服务于教育’的平台”"
    long = "，".join(["支持大规模远程评价和学生综合能力的多维度评价"] * 6) + "。"
    assert "……" in quote_of(long, "支持大规模远程评价和学生综合能力的多维度评价", "zh") or quote_of(long, "x", "zh") == long


def test_a_preamble_question_gets_the_preamble():
    assert addressee("What do the participants declare in the preamble?", "en") == (1, 7)
    assert addressee("ماذا يعلن المشاركون في الديباجة؟", "ar") == (1, 7)
    assert addressee("What does the preamble say about teachers?", "en") is None


def test_the_documents_name_does_not_rank_clause_44(retriever):
    # clause 44 is the one clause naming the Consensus ("the outreach of the Consensus")
    assert retriever.run("Does the Consensus support remote assessment?").hits[0].clause == 16
    assert 44 not in [h.clause for h in retriever.run("Does the Consensus support remote assessment?").hits[:3]]


def test_a_fact_question_quotes_the_segment_holding_the_number(answer):
    a = answer("How many government ministers attended the conference?")
    assert a.kind == "fact" and a.citations[0] == 1 and "50 government ministers" in a.direct


def test_a_how_many_question_opens_with_the_clause_that_holds_a_number(answer):
    # the conference's follow-up (44) is closer to "attended the conference" than the clause that counts (1)
    a = answer("كم عدد الممثلين الذين حضروا المؤتمر؟")
    assert a.kind == "fact" and a.citations[0] == 1 and "500" in a.direct


@pytest.mark.parametrize("q,lang,n", [
    ("共识对大学等高等教育机构提出了哪些要求？", "zh", 19),  # "higher education" (高等教育): 17 and 19 only
    ("什么被视为实现可持续发展目标4的基石？", "zh", 22),  # 基石 (cornerstone): 22 alone
    ("¿La alfabetización en IA es solo para los alumnos?", "es", 18),  # «alfabetización»: 18 alone
])
def test_a_clause_holding_a_rare_word_of_the_question_is_evidence(q, lang, n, answer):
    """The retriever ranks it second to fourth and the score cut leaves it out; the word no other chosen clause
    holds brings it in (rag/evidence.py: RARE_DF)."""
    a = answer(q)
    assert a.lang == lang and n in a.citations and not a.not_mentioned


def test_the_clause_holding_the_rarer_words_of_the_question_comes_first(answer):
    # предвзятость (bias) is in 28 and one other clause; 2 (SDG 4, education systems) holds only «систем»
    assert answer("Откуда берется предвзятость систем ИИ согласно консенсусу?").citations[0] == 28


@pytest.mark.parametrize("q,date", [
    ("À quelles dates s'est tenue la Conférence internationale sur l'IA et l'éducation ?", "16 au 18 mai 2019"),
    ("Когда проходила Международная конференция по ИИ и образованию?", "16-18 мая 2019"),
    ("国际人工智能与教育大会是什么时候举行的？", "2019年5月16"),
])
def test_a_when_question_quotes_the_date_not_another_number(q, date, answer):
    a = answer(q)  # clause 1 also holds "50 ministers" and "100 Member States", closer to the question's words
    assert a.kind == "fact" and a.citations[0] == 1 and date in a.direct


@pytest.mark.parametrize("q,lang", [
    ("What does the Beijing Consensus say about ChatGPT?", "en"), ("Que dit le Consensus à propos de ChatGPT ?", "fr"),
    ("¿Qué dice el Consenso de Beijing sobre ChatGPT?", "es"), ("Что говорится в Пекинском консенсусе о ChatGPT?", "ru"),
    ("北京共识对ChatGPT有什么看法？", "zh"), ("ماذا يقول توافق بيجين عن ChatGPT؟", "ar"),
])
def test_a_subject_the_consensus_does_not_mention_is_said_to_be_not_mentioned(q, lang, answer):
    a = answer(q)
    assert a.kind == "not_mentioned" and a.not_mentioned == "ChatGPT" and not a.refused and a.lang == lang
    assert "ChatGPT" in a.direct and a.text.split("\n")[0] == a.direct
    assert all(s.clause in a.citations for s in a.sources)  # what is shown is labelled related, or nothing


def test_not_mentioned_is_not_said_of_an_answered_question(answer):
    a = answer("Will robots replace teachers?")  # "robots" is in no version, but clause 12 answers
    assert a.not_mentioned is None and a.citations[0] == 12
    # the retriever's first clause (29) scores low, but the one shown first (23, "should not deepen the digital
    # divide") does not: whether anything answers is read from the clause shown first
    a = answer("هل يوصي توافق آراء بيجين باستخدام الذكاء الاصطناعي لتقليص الفجوة الرقمية؟")
    assert a.not_mentioned is None and a.citations[0] == 23
    # ... while here the clause shown first (41) scores low, though a later one (3) scores higher: "5G" is in no version
    assert answer("共识对学校的5G网络建设怎么说？").not_mentioned == "5G"
    # the digital divide is there, side by side as the text has it; "deepening" it (the text: "widen") is the claim
    for q in ("هل يوصي التوافق بتعميق الفجوة الرقمية؟", "لماذا يوصي التوافق بعدم تعميق الفجوة الرقمية؟",
              "Why does the Consensus recommend not displaying bias against vulnerable groups?"):  # "against": no subject
        a = answer(q)
        assert a.not_mentioned is None and 23 in a.citations, q


@pytest.mark.parametrize("q, lang", [
    ("Does the Consensus mention the elderly?", "en"), ("What does the Consensus say about seniors?", "en"),
    ("¿Qué dice el Consenso sobre los ancianos?", "es"), ("ماذا يقول التوافق عن كبار السن؟", "ar"),
    ("共识对女孩有什么说法？", "zh"), ("共识提到残障人士吗？", "zh"), ("共识提到高校了吗？", "zh"),
])
def test_a_subject_the_text_names_in_other_words_is_mentioned(q, lang):
    """Hunt 9: "The Beijing Consensus does not mention 'elderly'" of a text with a clause on older people
    (profile field `aliases`). 监控学生 stays a subject: 学生 inside it is no alias of it."""
    assert missing_subject(q, lang, C) is None


def test_missing_subjects_are_the_words_the_consensus_lacks():
    assert missing_subject("What does the Consensus say about cryptocurrency regulation in banks?", "en", C) == \
        "cryptocurrency regulation"
    assert missing_subject("Does the Beijing Consensus mention COVID-19 and school closures?", "en", C) == "COVID-19"
    assert missing_subject("共识里提到量子计算了吗？", "zh", C) == "量子计算"
    assert missing_subject("What does the Consensus say about teachers?", "en", C) is None
    assert missing_subject("How many ministers attended?", "en", C) is None  # no "about": only names count
    # a third of the words missing, but no two present words side by side as the text has them: still not there
    assert missing_subject("What does the Consensus say about using drones to monitor students?", "en", C) == "drones"
    assert missing_subject("هل يوصي التوافق بتعميق الفجوة الرقمية؟", "ar", C) is None  # «الفجوة الرقمية» is there
    # a function word after the subject is not part of it («plagiat avec des outils d'IA»)
    assert missing_subject("Le Consensus dit-il quelque chose sur le plagiat avec des outils d'IA ?", "fr", C) == \
        "plagiat"
    # in a claim ("does it say that …"), one missing modifier is no subject (clause 21 answers, «محددة» is "set")
    assert missing_subject("هل يقول التوافق إن على العاملين المسنين التوقف عن العمل عند سن محددة؟", "ar", C) is None
    assert missing_subject("Does the Consensus say that older workers must stop working at a fixed age?", "en", C) is None
    assert missing_subject("Le Consensus dit-il que la blockchain doit être enseignée ?", "fr", C) == "blockchain"
    # "using" frames the subject, it is no part of it
    assert missing_subject("هل يوصي توافق بيجين باستخدام نظارات الواقع الافتراضي في الفصول الدراسية؟", "ar", C) == \
        "نظارات الواقع الافتراضي"
    # 老人 is 老年人 shortened (clause 21), not a subject the Consensus lacks; «الآراء» is the document's own name
    assert missing_subject("共识对老人有什么说法？", "zh", C) is None
    assert missing_subject("هل يذكر توافق الآراء اللاجئين؟", "ar", C) == "اللاجئين"
    # «parle des», «traite-t-il des», «¿Habla el Consenso de …?»: the cue with its article or its subject between
    assert missing_subject("Est-ce que le Consensus parle des voitures autonomes ?", "fr", C) == "voitures autonomes"
    assert missing_subject("Le Consensus traite-t-il de la blockchain ?", "fr", C) == "blockchain"
    assert missing_subject("¿Habla el Consenso de los coches autónomos?", "es", C) == "coches autónomos"
    assert missing_subject("¿Habla el Consenso de Beijing de los docentes?", "es", C) is None


# --- completeness ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("q,clauses", [
    ("What does the Consensus ask UNESCO's Director-General to do?", {39, 40, 41, 42, 43, 44}),
    ("共识建议国际组织采取哪些行动？", {33, 34, 35, 36, 37, 38}),
    ("What does the Consensus say about gender equality?", {25, 26, 27}),
    ("What does the Consensus say about privacy and data ethics?", {28, 29, 30}),
    # the section's mates are kept though their texts are alike (they are not duplicates) ...
    ("Que dit le Consensus sur l'égalité des genres dans le domaine de l'IA ?", {25, 26, 27}),
    ("Что консенсус говорит о конфиденциальности и этике использования данных?", {28, 29, 30}),
    # ... and a question matching a section's heading gets its section (20-21: lifelong learning)
    ("Что рекомендует консенсус в отношении обучения на протяжении всей жизни в эпоху ИИ?", {20, 21}),
    # ... and "what does it say about X?" every clause near the top that names X (human rights: 6, 30, 34,
    # three sections apart; the AI divide: 33 and 38)
    ("What does the Consensus say about human rights?", {6, 30, 34}),
    ("ماذا يقول التوافق عن حقوق الإنسان؟", {6, 30, 34}),
    ("What does the Consensus say about the AI divide?", {33, 38}),
])
def test_a_broad_question_gets_every_clause_that_answers(q, clauses, answer):
    a = answer(q)
    assert set(a.citations) == clauses and len(a.text.split("\n")) == len(a.shown_evidence) + 1


def test_a_later_clause_opens_with_its_label_and_says_to_whom_when_that_changes(answer):
    a = answer("Que dit le Consensus sur les enseignants à l'ère de l'IA ?")
    lines = dict(zip((e.clause for e in a.shown_evidence), a.text.split("\n")[1:]))
    # not one to governments, and not read as the first line's clause (12)
    assert lines[42].startswith("Paragraphe 42 (invitation à la Directrice générale de l’UNESCO) : «")
    assert lines[42].endswith("[42]")
    # a further line of the first line's clause has no label; one of another clause to governments, its number only
    assert all(line.startswith("«" if n == a.citations[0] else f"Paragraphe {n} : «") and line.endswith(f"[{n}]")
               for n, line in lines.items() if 8 <= n <= 32)


@pytest.mark.parametrize("q,start", [
    ("What does the Consensus recommend that governments and other stakeholders do?",
     "Clauses 8–32 are the Consensus's recommendations to governments and other stakeholders, each quoted by its "
     "first sentence (and the next where the first asks to be mindful of something), in order. Clause 8: “Be mindful "
     "of the multidisciplinary nature of AI"),
    ("¿Qué recomienda el Consenso a los gobiernos y a las demás partes interesadas?",  # «demás», not «otras»
     "Los párrafos 8 a 32 son las recomendaciones del Consenso a los gobiernos y otras partes interesadas"),
    ("بماذا يوصي التوافق الحكومات وسائر الجهات المعنية؟", "الفقرات من 8 إلى 32 هي توصيات التوافق"),
])
def test_all_that_governments_are_asked_is_given_whole_in_order(q, start, answer):
    """8-32 is 25 clauses, all asked for: each by its first sentence (and the next where the first asks to be
    mindful of something), in the document's order, under a first line that says what they are (not "Clause 8
    addresses this")."""
    a = answer(q)
    assert a.citations == tuple(range(8, 33)) and a.text.startswith(start)
    for e in a.evidence:
        sents = split_sentences(e.text)
        assert e.sentences == tuple(sents[:2] if opens_aware(sents[0], a.lang) else sents[:1])
    assert 9 in [e.clause for e in a.evidence if len(e.sentences) == 2]  # "Consider the trade-offs …" is shown
    # one line a clause (the first line's clause may go on in a line of its own), no label each
    assert len(a.text.split("\n")) in (25, 26) and not any(f"[{n}] (" in a.text for n in range(8, 33))


@pytest.mark.parametrize("q,first", [
    ("What does the Consensus ask governments to do about teacher training?", 13),  # not 42, to the DG
    ("Que demande le Consensus aux gouvernements sur la formation des enseignants ?", 13),
    ("Should teachers be trained by international organizations?", 12),  # a yes/no question: no reordering
    # "Member States" are named in the Director-General's clauses too ("support Member States"): no addressee
    ("How will UNESCO support Member States in developing AI policies?", 40),
    # none of the evidence is theirs (13, 12: to governments): their part's best clause comes first, found without
    # the name, which alone draws 41 (UNESCO's own leading role)
    ("What should the Director-General of UNESCO do about teacher training?", 42),
    ("¿Qué debe hacer la Directora General de la UNESCO en materia de formación docente?", 42),
    ("Что должен сделать Генеральный директор ЮНЕСКО в области подготовки учителей?", 42),
    ("ما الذي ينبغي للمدير العام لليونسكو أن يفعله بشأن تدريب المعلمين؟", 42),  # «للمدير»: li- + al-
    ("总干事在教师培训方面应该做什么？", 42),
    # ... but not a clause of theirs far from the question: none of 33-38 is on data privacy, none on lifelong
    # learning (37, the Mobile Learning Week, is 8th in the ranking)
    ("What role do international organizations play in data privacy?", 28),
    ("What should international organizations do about lifelong learning?", 20),
    ("¿Qué debe hacer la Directora General sobre la ética?", 30),  # «cuestiones relacionadas con la ética»
    # the participants are the "we" of the whole text, not the preamble's addressee (round 8: 2 came first)
    ("What did the participants say about teacher training?", 13),
    ("Que disent les participants sur la protection des données ?", 28),
])
def test_the_clause_addressed_to_the_one_a_wh_question_names_comes_first(q, first, answer):
    a = answer(q)
    assert a.citations[0] == first


@pytest.mark.parametrize("q,start", [
    ("Que demande le Consensus à la Directrice générale de l'UNESCO ?",
     "Les paragraphes 39 à 44 énoncent ce que le Consensus invite la Directrice générale de l’UNESCO à faire ; chacun "
     "est cité en entier, dans l’ordre. Paragraphe 39 : «"),
    ("共识建议国际组织采取哪些行动？", "第33至38条是《北京共识》对国际组织和伙伴的建议，以下按顺序引用各条全文。第33条：“"),
    ("What do the participants declare in the preamble of the Beijing Consensus?",
     "Clauses 1–7 are the preamble of the Consensus, each quoted in full, in order. Clause 1: “"),
    # too short to score as close to any one clause, and once refused as out of scope (round 8)
    ("政府应该做什么？", "第8至32条是《北京共识》对各国政府及其他利益攸关方的建议，以下按顺序引用各条的第一句（如第一句只是提请注意某事，"
     "再引用下一句）。第8条：“"),
    ("ما هو دور الحكومات؟", "الفقرات من 8 إلى 32 هي توصيات التوافق للحكومات وسائر الجهات المعنية"),
])
def test_a_whole_part_is_said_to_be_one_and_given_in_order(q, start, answer):
    a = answer(q)
    assert a.direct.startswith(start) and list(a.citations) == sorted(a.citations)
    assert len(a.citations) == {39: 6, 33: 6, 1: 7, 8: 25}[a.citations[0]]
    # a part of seven clauses or fewer is quoted whole (seed 261 readers missed the preamble's second sentences);
    # the 25 to governments by their first sentence each, and the next where the first asks to be mindful
    for e in a.evidence:
        sents = split_sentences(e.text)
        if a.citations[0] != 8:
            assert e.sentences == tuple(sents)
        else:
            assert e.sentences == tuple(sents[:2] if opens_aware(sents[0], a.lang) else sents[:1])
    if a.citations[0] == 8:  # "Be aware that teachers cannot be displaced by machines" is shown (seed 281 reader)
        assert len(next(e for e in a.evidence if e.clause == 12).sentences) == 2


def test_no_sentence_is_said_twice(answer):
    for q in ("Can AI replace teachers?", "What does the Consensus say about gender equality?"):
        a = answer(q)
        for s in {s for e in a.evidence for s in e.sentences}:
            assert a.text.count(s) <= 1, s


def test_no_verdict_an_adversarial_reader_found_wrong_comes_back(answer):
    """Seven adversarial hunts (docs/adversarial/, 2,326 questions in six languages) found 260 wrong or doubtful
    verdicts and premise corrections ("Will machines help teachers?" -> No, "Can machines be displaced by teachers?"
    -> No, "Should people be in the service of AI?" -> Yes, "Is AI used for good?" -> Yes, "Why does it want to stop
    excluding students with disabilities?" -> "does not say that", "Does it support the AI divide?" -> Yes, "Does it
    support the recent trends in AI?" -> Yes, "Should AI displace bias?" -> No from "must not display bias", "Why
    does it want the inclusion of students not studying in their mother tongue?" -> "does not say that" …); the
    256 that no rule may defend are here. Hunt 9 (docs/adversarial/round9-report.md, 1,338 questions) added 71: "more
    than 50 Member States?" -> No, «Мирится ли Консенсус с низкой численностью женщин…?» -> Да, "Does it demand
    school-wide pilot tests?" -> Yes, "accept mobilizing resources to deal with the AI divide?" -> No, "Why does it
    want to eliminate the barriers to digital life?" -> "does not say that", «المستقبلية» read as «تقبل», countries
    called on to do what 39-43 ask of the Director-General -> Yes …
    None may come back; each is listed if one does."""
    cases = [json.loads(line) for line in open(Path(__file__).parents[1] / "eval/data/adversarial_verdicts.jsonl")]
    assert len(cases) == 327
    # found wrong as "Yes": the text counts 50 ministers, so "No" is the right answer now (verify._wrong_number)
    # and a harm is never supported: clause 38 says "reduce the AI divide" (verify._against_harm)
    right_now = {"Were there 100 ministers in Beijing?": "no", "Were there 500 ministers at the Beijing conference?": "no",
                 "Does the Beijing Consensus support the AI divide?": "no"}
    back = [(c["lang"], c["question"], r.verdict) for c in cases
            if (r := answer(c["question"])).verdict is not None and r.verdict != right_now.get(c["question"])]
    assert not back, back


@pytest.mark.parametrize("question, verdict", [
    # a lower bound is contradicted only by a number far below it: "around 500" representatives
    ("Did more than 1000 international representatives attend the conference?", "no"),
    ("هل شارك في المؤتمر أكثر من 1000 ممثل؟", "no"),
    ("Were there more than 100 ministers in Beijing?", "no"),  # 50 government ministers
    # the Russian stance verb with «ли Консенсус» inside it, and a harm the part acts against
    ("Мирится ли Консенсус с разрывом в области ИИ?", "no"),
    ("Does the Beijing Consensus accept gender bias in AI applications?", "no"),
    ("¿Acepta el Consenso los sesgos de género en las aplicaciones de IA?", "no"),
    # a question of what is, not of the Consensus's stance: the text's "lack" and "low share" answer it
    ("Are there enough systematic studies on the impact of AI on education?", "no"),
    ("D'après le Consensus, existe-t-il déjà suffisamment d'études systématiques sur les effets de l'IA dans l'éducation ?", "no"),
    # countries supported by the Director-General (42) are not countries asked to act
    ("¿Recomienda el Consenso apoyar a los países en la formación del personal docente?", "yes"),
])
def test_hunt_9_rules_keep_the_right_verdicts(answer, question, verdict):
    """Hunt 9's mends withhold verdicts (the regression set above); these, right, stay."""
    assert answer(question).verdict == verdict


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_sentences_that_are_not_neighbours_are_never_one_quote(lang):
    """Two blind readers (seed 101) marked answers unfaithful whose evidence line ran clause 29's first and third
    sentences together as if they were one official passage."""
    from rag.direct import evidence_lines
    from rag.evidence import Evidence, split_sentences
    c = load_corpus().clause(29, lang)
    s = split_sentences(c.text)
    assert len(s) == 3
    line = evidence_lines([Evidence(29, (s[0], s[2]), c.text, c.section, 1.0)], lang)[0]
    assert f"{s[0]} … {s[2]}" in line and s[1] not in line
    neighbours = evidence_lines([Evidence(29, (s[0], s[1]), c.text, c.section, 1.0)], lang)[0]
    assert "…" not in neighbours and f"{s[0]}{'' if lang == 'zh' else ' '}{s[1]}" in neighbours


def test_an_unspaced_subject_is_the_thing_asked_about_not_its_setting():
    corpus = load_corpus()
    assert missing_subject("北京共识是否推荐在课堂上使用虚拟现实头显？", "zh", corpus) == "虚拟现实头显"


@pytest.mark.parametrize("q,lang,subject", [
    # where the version is not in Latin script, a Latin-script name is the subject, without the words around it
    ("Рекомендует ли Пекинский консенсус школам Google Classroom?", "ru", "Google Classroom"),  # not «школам …»
    ("ماذا يقول التوافق عن شبكات 5G في المدارس؟", "ar", "5G"),
    # in a Latin-script version the run of words stays whole
    ("¿Menciona el Consenso los coches autónomos?", "es", "coches autónomos"),
    ("Que dit le Consensus sur les réseaux 5G dans les écoles ?", "fr", "réseaux 5G"),
])
def test_a_latin_name_asked_about_in_another_script_is_the_subject(q, lang, subject):
    assert missing_subject(q, lang, load_corpus()) == subject


def test_a_russian_subject_asked_about_with_o_keeps_its_case_in_a_frame_that_takes_it(answer):
    """«о психическом здоровье» pasted into «не упоминает …» read as a grammar error (blind readers, seeds 91, 101)."""
    a = answer("Что говорится в Пекинском консенсусе о психическом здоровье учащихся?")
    assert a.kind == "not_mentioned"
    assert a.direct == "В Пекинском консенсусе ничего не говорится о «психическом здоровье учащихся»."
    b = answer("Упоминает ли консенсус блокчейн?")
    assert b.direct == "Пекинский консенсус не упоминает то, о чём вы спрашиваете: «блокчейн»."


def test_a_word_inside_an_official_word_is_mentioned():
    """«родном» is inside clause 24's «неродном» ("a language other than their mother tongue"): round 6 got
    «ничего не говорится о «родном языке»»."""
    assert missing_subject("Что говорит Пекинский консенсус о родном языке?", "ru", load_corpus()) is None


@pytest.mark.parametrize("q,lang,subject", [
    # each word occurs, never the two together, and both rarely: "media" in no English clause, "social" once,
    # «redes» once («institutos y redes»), «réseaux» once
    ("What does the Consensus say about students' use of social media?", "en", "social media"),
    ("¿Qué dice el Consenso sobre el uso de las redes sociales por parte de los estudiantes?", "es", "redes sociales"),
    ("Que dit le Consensus sur l'utilisation des réseaux sociaux par les élèves ?", "fr", "réseaux sociaux"),
    # two common words apart are mentioned: "learners' data", «formación técnica y profesional»
    ("What does the Consensus say about student data?", "en", None),
    ("What does it say about personal data?", "en", None),
    ("Что говорится в консенсусе о роли учителей?", "ru", None),  # «функции учителей»
    ("¿Qué dice el Consenso sobre la formación profesional?", "es", None),
    # a term borrowed from another version is found there as written («apprentissage tout au long de la vie»), or
    # is that version's word ("formation continue": the French text has «continue», never next to «formation»)
    ("Does the Consensus mention apprentissage tout au long de la vie?", "en", None),
    ("What does the Consensus say about the formation continue of teachers?", "en", None),
    # Arabic fuses clitics to its words: «بغير» ("with other than") is no word of a subject
    ("هل تتحدث الوثيقة عن الطلاب الذين يدرسون بغير لغتهم الأم؟", "ar", None),
])
def test_two_words_the_consensus_never_puts_together_are_not_mentioned(q, lang, subject):
    assert missing_subject(q, lang, load_corpus()) == subject


@pytest.mark.parametrize("lang", ["en", "fr", "ru", "zh"])
def test_the_sentence_quoted_first_is_the_one_that_answers_not_the_one_with_the_closest_fragment(answer, lang):
    """"Must teachers' rights and working conditions be protected?" was answered with clause 12's first sentence,
    whose fragment "AI provides opportunities to support teachers" is near anything about teachers; its second
    sentence says "ensure that their rights and working conditions are protected" (kinds_dev settling sentence:
    0.889 before, 0.975 after)."""
    q = next(json.loads(line)["question"] for line in open(Path(__file__).parents[1] / "eval/data/kinds_dev.jsonl")
             if f'"k-dev-yn05-{lang}"' in line)
    a = answer(q)
    assert a.citations[0] == 12
    assert a.direct_sentence == split_sentences(load_corpus().clause(12, lang).text)[1]


def test_a_blind_readers_settling_sentence_comes_first(answer):
    """Blind reader fr-8 (seed 151): «Nous reconnaissons aussi les caractéristiques propres de l'intelligence humaine»
    came second, after the humanist-approach sentence of clause 6."""
    a = answer("Le texte reconnaît-il ce qui rend l'intelligence humaine unique ?")
    assert a.citations[0] == 6
    assert a.direct_sentence.startswith("Nous reconnaissons aussi les caractéristiques propres de l’intelligence humaine")


@pytest.mark.parametrize("question, verdict, clause", [
    ("Does the Consensus talk about older women?", "yes", 21),
    ("Le Consensus mentionne-t-il la Semaine de l'apprentissage mobile ?", "yes", 37),
    ("Упоминается ли в консенсусе Неделя мобильного обучения?", "yes", 37),
    ("هل يذكر التوافق التعلم مدى الحياة؟", "yes", 20),
    # "la brecha de género … competencias digitales" has both words, apart: not the digital divide
    ("¿Menciona el Consenso la brecha digital?", None, None),
    # a mention inside a negated statement ("teachers cannot be displaced by machines") is no "yes"
    ("Does the Consensus mention teachers being displaced by machines?", None, None),
    ("Does the Consensus mention that AI will replace teachers?", None, None),
])
def test_does_it_mention_x_is_yes_only_where_one_unnegated_phrase_of_the_text_holds_x(answer, question, verdict, clause):
    """Blind readers (seed 161: ar-8, es-9, zh-9) wanted a "Yes" for "Does the text talk about X?" where a clause holds
    X: whether the text holds the words is a fact about it, whatever the clause recommends."""
    a = answer(question)
    assert a.verdict == verdict, a.direct
    if clause:
        assert a.citations[0] == clause


@pytest.mark.parametrize("question", [
    "Why does the Beijing Consensus reject the Qingdao Declaration?",
    "¿Por qué rechaza el Consenso de Beijing la Declaración de Qingdao?",
    "Pourquoi le Consensus de Beijing rejette-t-il la Déclaration de Qingdao ?",
    "北京共识为什么拒绝《青岛宣言》？",
    "لماذا يرفض توافق بيجين إعلان تشينغداو؟",
])
def test_a_commitment_it_is_aware_it_must_renew_is_not_rejected(answer, question):
    """Blind readers (seeds 141, 151, 161: en, es, zh) found "Why does it reject the Qingdao Declaration?" left
    standing: clause 3 recalls it and is "cognizant of the urgency of reaffirming and renewing this commitment".
    Awareness of a need asks for what it needs; that need, further on, is quoted with the sentence."""
    a = answer(question)
    assert a.kind == "premise" and a.verdict == "no" and a.citations[0] == 3
    assert a.direct_sentence == split_sentences(load_corpus().clause(3, a.lang).text)[0]
    assert quote_of(a.direct_sentence, a.direct_sentence, a.lang) in a.direct


@pytest.mark.parametrize("question", [
    "What does the Consensus call the cornerstones of achieving SDG 4?",
    "¿Cuáles son, según el Consenso, las piedras angulares para lograr el ODS 4?",
])
def test_the_clause_whose_sentence_holds_the_question_comes_first(answer, question):
    """Blind readers (seeds 151, 161: zh, ar, es) found clause 2 (the 2030 Agenda, SDG 4) first for the cornerstones
    of SDG 4; 22 says what "are the cornerstones of achieving SDG 4"."""
    a = answer(question)
    assert a.citations[0] == 22 and 2 in a.citations


@pytest.mark.parametrize("q,lang,n", [
    # a stance asked in the passive: who is asked is the clause's lead-in ("We INVITE the Director-General …")
    ("La Directrice générale de l'UNESCO est-elle invitée à créer une plate-forme « L'IA au service de l'éducation » ?",
     "fr", 39),
    ("Рекомендуется ли применять междисциплинарный подход к исследованиям ИИ в образовании?", "ru", 31),
])
def test_a_stance_asked_in_the_passive_is_settled_by_what_is_recommended(q, lang, n, answer):
    a = answer(q)
    assert a.verdict == "yes" and a.citations[0] == n and a.lang == lang


def test_who_is_asked_must_be_the_one_the_clause_addresses(answer):
    # clause 39 invites the Director-General; governments are not asked to set up the platform
    assert answer("Are governments asked to establish an 'AI for Education' platform?").verdict is None


@pytest.mark.parametrize("q,lang", [
    ("What does the Consensus say about the AI divide between countries?", "en"),
    ("Que dit le Consensus sur la fracture de l'IA entre pays ?", "fr"),
    ("Что говорится в консенсусе о разрыве в области ИИ между странами?", "ru"),
    ("共识对国家之间的人工智能鸿沟怎么说？", "zh"),
    ("ماذا يقول التوافق عن الفجوة في مجال الذكاء الاصطناعي بين البلدان؟", "ar"),
])
def test_a_sentence_that_refers_back_is_quoted_with_the_one_it_continues(q, lang, answer):
    """33's "Reiterate the importance of addressing these concerns, giving special priority to Africa …" says nothing
    alone and was left out after the sentence it continues (seed 261 reader)."""
    a = answer(q)
    ev = next(e for e in a.evidence if e.clause == 33)
    last = split_sentences(ev.text)[-1]
    assert a.lang == lang and last in ev.sentences and last in a.text


def test_continued_keeps_a_chosen_sentence_alone_when_nothing_refers_back():
    from rag.evidence import continued
    sents = ["Support teachers.", "These efforts matter.", "Fund research."]
    assert continued(sents, ["Support teachers."], "en") == ("Support teachers.", "These efforts matter.")
    assert continued(sents, ["These efforts matter."], "en") == ("Support teachers.", "These efforts matter.")
    assert continued(sents, ["Fund research."], "en") == ("Fund research.",)
