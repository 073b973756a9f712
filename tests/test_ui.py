"""The web app for real: started on a loopback port (extractive backend, real index) and called through
gradio_client like any API user; plus the chat handlers and HTML builders run in-process."""
import html
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import pytest

from rag import i18n
from rag.answer import Answer, Answerer, Draft, Source
from rag.corpus import LANGS, N_CLAUSES, load_corpus
from rag.evidence import Evidence
from rag.serving import free_port
from ui.strings import ui as ui_text
from tests.standins import pending_first

# Gradio 6.31's queue calls pandas APIs that pandas 3 deprecates: its noise, not ours.
pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning")]

XSS = '<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) What about teachers?'
TEACHERS = "Quel rôle le Consensus donne-t-il aux enseignants ?"


def _launch(demo):
    from ui.app import launch_options, max_threads
    port = free_port()
    demo.launch(prevent_thread_lock=True, server_name="127.0.0.1", server_port=port, quiet=True,
                max_threads=max_threads(demo), **launch_options())
    assert demo.cqa_runtime.ready.wait(120), "the answerer did not warm up"
    return f"http://127.0.0.1:{port}/"


@pytest.fixture(scope="module")
def server(extractive, answerer):
    from ui.app import build_app
    demo = build_app(extractive, answerer)
    try:
        yield _launch(demo)
    finally:
        demo.close()


def _client(url):
    from gradio_client import Client
    return Client(url, verbose=False, analytics_enabled=False)  # the default client: no "path" key any more


@pytest.fixture(scope="module")
def client(server):
    return _client(server)


# --- the /ask API -----------------------------------------------------------------------------

def test_ask_is_the_documented_endpoint(client):
    api = client.view_api(print_info=False, return_format="dict")
    assert list(api["named_endpoints"]) == ["/ask"]
    params = [p["parameter_name"] for p in api["named_endpoints"]["/ask"]["parameters"]]
    assert params == ["question", "lang"]


@pytest.mark.parametrize("question,lang", [(TEACHERS, "fr"), ("كيف يمكن حماية خصوصية بيانات الطلاب؟", "ar")])
def test_ask_answers_with_official_evidence(client, question, lang):
    r = client.predict(question, "auto", api_name="/ask")
    assert r["lang"] == lang and r["route"] == "extractive" and not r["refused"] and "path" not in r
    assert r["citations"] and all(1 <= n <= N_CLAUSES for n in r["citations"])
    corpus = load_corpus()
    assert [e["clause"] for e in r["evidence"]] == r["citations"]
    for ev in r["evidence"]:
        official = corpus.clause(ev["clause"], lang).text
        assert ev["text"] == official and ev["sentences"] and all(s in official for s in ev["sentences"])
    for s in r["sources"]:  # whole clauses, in the asker's language, with the quoted sentences to highlight
        assert s["text"] == corpus.clause(s["clause"], lang).text and all(h in s["text"] for h in s["highlights"])
    assert {"retrieval", "total"} <= set(r["timings_ms"]) and r["backend"] == "extractive"


def test_ask_answer_language_can_be_chosen(client):
    r = client.predict("What does the Consensus say about teachers?", "ru", api_name="/ask")
    assert r["lang"] == "ru" and r["citations"]
    assert r["sources"][0]["text"] == load_corpus().clause(r["citations"][0], "ru").text


def test_ask_rejects_unknown_language_politely(client):
    r = client.predict("What about teachers?", "de", api_name="/ask")
    assert r["error"] == "bad_lang" and r["route"] == "error" and "auto" in r["answer"] and r["citations"] == []


@pytest.mark.parametrize("lang", ["auto", "ar"])
def test_empty_question_gets_a_polite_message_and_the_server_keeps_serving(client, lang):
    r = client.predict("   ", lang, api_name="/ask")
    assert r["error"] == "empty_question" and r["refused"] and r["route"] == "error"
    assert r["answer"] == i18n.t("empty", "en" if lang == "auto" else lang)
    again = client.predict(TEACHERS, "auto", api_name="/ask")
    assert again["citations"] and again["lang"] == "fr"


# --- the chat endpoint (what the page calls) ------------------------------------------------------

def _texts(message) -> str:
    content = message["content"]
    return "".join(c.get("text", "") for c in content) if isinstance(content, list) else str(content)


def test_html_in_a_question_is_escaped_wherever_the_question_appears(client):
    messages, _ = client.predict(XSS, "auto", [], "en", api_name="/chat")
    user, bot = _texts(messages[0]), _texts(messages[-1])
    # The question comes back, visibly, as text: this fails if escaping is dropped or the echo disappears.
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;" in user
    assert "[x](javascript:alert(1)) What about teachers?" in user
    share = re.search(r'<a class="cqa-act cqa-share" href="\?q=([^"]+)"', bot)
    assert share and "%3Cscript%3E" in share.group(1)  # the share link carries it percent-encoded
    everything = user + bot
    assert "<script" not in everything and "<img" not in everything and 'href="javascript' not in everything
    assert 'class="cqa-answer cqa-final' in bot


def test_chat_arabic_answer_is_rtl_and_in_arabic_throughout_with_a_french_interface(client):
    messages, _ = client.predict("كيف يمكن حماية خصوصية بيانات الطلاب؟", "auto", [], "fr", api_name="/chat")
    q, a = _texts(messages[0]), _texts(messages[-1])
    assert 'class="cqa-question" dir="rtl" lang="ar"' in q
    assert '<span class="cqa-sr" lang="fr">Votre question: </span>' in q  # the page's own words: French
    assert re.search(r'<div class="cqa-answer cqa-final [^"]*"[^>]* dir="rtl" lang="ar"', a)
    # The answer is Arabic throughout: its chips are named as its source cards are («الفقرة 29»).
    chips = re.findall(r'<a class="cqa-chip" href="#([^"]+)" lang="ar"><span class="cqa-sr">الفقرة </span>(\d+)</a>', a)
    assert chips
    for key in ("official_text", "sources", "copy", "details"):
        assert html.escape(ui_text(key, "ar")) in a and html.escape(ui_text(key, "fr")) not in a
    corpus = load_corpus()
    for anchor, n in chips:
        assert anchor.endswith(f"-clause-{n}") and f'<details class="cqa-source" id="{anchor}"' in a
        assert html.escape(corpus.clause(int(n), "ar").section) in a
    for lg in LANGS:  # the six-language view of each source
        assert f'<div class="cqa-version" dir="{"rtl" if lg == "ar" else "ltr"}" lang="{lg}">' in a
    assert "<mark>" in a


def test_chat_empty_question_changes_nothing(server):
    fresh = _client(server)
    out = fresh.predict("", "auto", [], "en", api_name="/chat")
    assert all(o == {"__type__": "update"} for o in out)  # no bubble, no message, the box untouched
    out = fresh.predict(" \n\t ", "auto", [], "en", api_name="/chat")
    assert all(o == {"__type__": "update"} for o in out)


# --- handlers in-process: pending answers, stop, admission, follow-ups, errors ------------------------------

class Recording(Answerer):
    """The real answerer, remembering the history each question came with."""

    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.histories = []

    def stream(self, question, lang=None, history=()):
        self.histories.append(list(history))
        yield from super().stream(question, lang=lang, history=history)


class Gisting(Answerer):
    """Stand-in for the model phase (the model is too slow for these tests): the real extractive answer is
    first sent as pending, then unchecked Draft text, then the final answer with a gist."""

    DRAFT = "UNCHECKED DRAFT never to be shown"

    def __init__(self, *a, gate=None, **kw):
        super().__init__(*a, **kw)
        self.gate = gate

    def stream(self, question, lang=None, history=()):
        final = yield from pending_first(super().stream(question, lang=lang, history=history))
        if final is None:
            return
        yield Draft(self.DRAFT)
        if self.gate is not None:
            self.gate.wait(30)
        yield replace(final, gist="A checked one-sentence gist.", route="model", backend="test-model")


class Gated(Answerer):
    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.gate = threading.Event()
        self.entered = threading.Semaphore(0)

    def stream(self, question, lang=None, history=()):
        self.entered.release()
        self.gate.wait(30)
        yield from super().stream(question, lang=lang, history=history)


class Failing(Answerer):
    def stream(self, question, lang=None, history=()):
        yield Draft("Half a sent")
        raise RuntimeError("the model fell over")


class SlowWarm(Answerer):
    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.release = threading.Event()

    def warm(self):
        self.release.wait(30)
        super().warm()


def _drain(gen):
    """All the yields of a chat handler: the last message's content at each step, and the final outputs."""
    contents, last = [], None
    for last in gen:
        contents.append(last[0][-1]["content"])
    return contents, last


def test_pending_evidence_first_the_draft_never_and_the_gist_last(extractive, retriever):
    from ui import render
    from ui.app import Runtime, make_respond
    rt = Runtime(extractive, Gisting(extractive, retriever=retriever)).start()
    outs, (messages, conv, box) = _drain(make_respond(rt)(TEACHERS, "auto", [], None, "en"))
    pending = [c for c in outs if "cqa-pending" in c and "cqa-evidence" in c]
    # The quiet line is part of the (French) answer, whatever the interface language.
    assert pending and render.WORKING in pending[0] and html.escape(ui_text("writing", "fr")) in pending[0]
    assert '<div class="cqa-final-only" hidden>' in pending[0]  # no Copy until the answer is final
    assert all(Gisting.DRAFT not in c for c in outs)
    final = messages[-1]["content"]
    assert 'class="cqa-gist">A checked one-sentence gist.' in final and render.WORKING not in final
    assert box["submit_btn"] == "Send" and box["stop_btn"] is False and conv["lang"] == "fr"


def test_stop_keeps_the_evidence_and_ends_the_quiet_line(extractive, retriever):
    from ui import render
    from ui.app import Runtime, make_respond, stop_answer
    gate = threading.Event()
    rt = Runtime(extractive, Gisting(extractive, retriever=retriever, gate=gate)).start()
    gen = make_respond(rt)(TEACHERS, "auto", [], None, "es")
    while True:
        messages, _, box = next(gen)
        if "cqa-pending" in messages[-1]["content"] and "cqa-evidence" in messages[-1]["content"]:
            break
    assert box["stop_btn"] == "Detener" and box["submit_btn"] is False  # Stop replaces Send meanwhile
    stopped, box = stop_answer(messages, "es")
    html_ = stopped[-1]["content"]
    assert render.WORKING not in html_ and "cqa-stopped" in html_ and "cqa-evidence" in html_
    # The note is part of the (French) answer; the box is the (Spanish) page's.
    assert html.escape(ui_text("stopped", "fr")) in html_ and box["submit_btn"] == "Enviar"
    assert '<div class="cqa-final-only">' in html_ and "cqa-copy" in html_  # Copy, Share link, Details now
    gen.close()  # what Gradio does on cancel: the admission slot is given back
    gate.set()
    assert rt.admission.enter()


def test_a_flood_is_told_busy_at_once_and_the_admitted_are_served(extractive, retriever):
    from ui.app import Runtime, make_ask_api, make_respond
    gated = Gated(extractive, retriever=retriever)
    rt = Runtime(extractive, gated, max_active=1).start()
    first = make_respond(rt)(TEACHERS, "auto", [], None, "en")
    pool = ThreadPoolExecutor(1)
    admitted = pool.submit(_drain, first)
    assert gated.entered.acquire(timeout=30)  # the first question holds the only slot
    t0 = time.perf_counter()
    _, (messages, _, _) = _drain(make_respond(rt)("Что говорится об учителях?", "auto", [], None, "zh"))
    busy = messages[-1]["content"]  # a message of the page: in its (Chinese) interface language
    assert "cqa-busy" in busy and 'lang="zh"' in busy and html.escape(ui_text("busy", "zh")) in busy
    r = make_ask_api(rt)("¿Qué dice sobre los docentes?", "auto")
    assert r["error"] == "busy" and r["route"] == "error" and r["answer"] == ui_text("busy", "es")
    assert time.perf_counter() - t0 < 2.0 and rt.admission.rejected == 2
    gated.gate.set()
    _, (messages, _, _) = admitted.result(30)
    assert "cqa-final" in messages[-1]["content"]  # the admitted question is answered as usual
    assert make_ask_api(rt)(TEACHERS, "auto")["citations"]  # and the slot is free again
    pool.shutdown()


def test_rejections_are_immediate_through_the_http_server(extractive, retriever):
    """Gradio puts no limit of its own on the answer handlers: a rejected request is never queued."""
    from ui.app import build_app
    gated = Gated(extractive, retriever=retriever)
    demo = build_app(extractive, gated, max_active=2)
    try:
        url = _launch(demo)
        clients = [_client(url) for _ in range(14)]
        with ThreadPoolExecutor(14) as pool:
            held = [pool.submit(c.predict, TEACHERS, "auto", api_name="/ask") for c in clients[:2]]
            for _ in range(2):
                assert gated.entered.acquire(timeout=30)
            t0 = time.perf_counter()
            rejected = list(pool.map(lambda c: c.predict(TEACHERS, "auto", api_name="/ask"), clients[2:]))
            waited = time.perf_counter() - t0
            gated.gate.set()
            served = [f.result(30) for f in held]
        assert all(r["error"] == "busy" and r["lang"] == "fr" for r in rejected) and waited < 5.0
        assert all(r["route"] == "extractive" and r["citations"] for r in served)
    finally:
        demo.close()


def test_follow_up_questions_carry_the_conversation(extractive, retriever):
    from ui.app import Runtime, make_respond
    rec = Recording(extractive, retriever=retriever)
    respond = make_respond(Runtime(extractive, rec).start())
    _, (messages, conv, _) = _drain(respond("What does the Consensus say about teachers?", "auto", [], None))
    _, (messages, conv, _) = _drain(respond("and what about students' data?", "auto", messages, conv))
    assert rec.histories == [[], ["What does the Consensus say about teachers?"]]
    assert len(messages) == 4 and conv["lang"] == "en"


def test_questions_asked_while_loading_wait_for_the_answerer(extractive, retriever):
    from ui.app import Runtime, make_respond
    slow = SlowWarm(extractive, retriever=retriever)
    rt = Runtime(extractive, slow).start()
    assert "Loading the index and model" in rt.status()
    gen = make_respond(rt)(TEACHERS, "auto", [], None)
    messages, _, box = next(gen)
    assert box["value"] == "" and "cqa-pending" in messages[-1]["content"]
    assert "Chargement" in messages[-1]["content"]  # told, in French, that the model is loading
    threading.Timer(0.3, slow.release.set).start()
    *_, (messages, conv, _) = gen
    assert "cqa-final" in messages[-1]["content"] and "Ready" in rt.status()


def test_an_exception_becomes_a_short_message(extractive, retriever):
    from ui.app import Runtime, make_ask_api, make_respond
    rt = Runtime(extractive, Failing(extractive, retriever=retriever)).start()
    outs, (messages, conv, _) = _drain(make_respond(rt)(TEACHERS, "auto", [], None))
    assert all("Half a sent" not in c for c in outs)  # a draft is never shown, even before a failure
    last = messages[-1]["content"]
    assert "cqa-error" in last and "fell over" not in last and "Traceback" not in last
    r = make_ask_api(rt)(TEACHERS, "auto")
    assert r["error"] == "internal" and r["lang"] == "fr" and rt.admission.enter()


def test_input_without_words_is_told_what_to_ask(extractive, answerer):
    from ui.app import Runtime, make_respond
    rt = Runtime(extractive, answerer).start()
    _, (messages, _, box) = _drain(make_respond(rt)("?!?... ;;", "ru", [], None, "en"))
    assert "cqa-error" in messages[-1]["content"] and i18n.t("empty", "ru") in messages[-1]["content"]
    assert box["submit_btn"] == "Send" and rt.admission.enter()


def test_interface_language_comes_from_the_address_then_this_browser_then_its_languages():
    from ui.app import _page_lang
    from ui.strings import browser_lang

    class Req:
        def __init__(self, params, headers):
            self.query_params, self.headers = params, headers

    assert browser_lang("de-CH, ru;q=0.8, en;q=0.5") == "ru" and browser_lang(None) == "en"
    assert browser_lang("zh-CN,zh;q=0.9") == "zh" and browser_lang("pt-BR") == "en"
    assert _page_lang(Req({}, {"accept-language": "ar-EG,ar;q=0.9"})) == ("ar", "")
    assert _page_lang(Req({"lang": "es", "q": "¿Y los docentes?"}, {"accept-language": "fr"})) == \
        ("es", "¿Y los docentes?")
    referer = "http://127.0.0.1:7860/?q=clause%2012&lang=ru"
    assert _page_lang(Req({}, {"referer": referer})) == ("ru", "clause 12")
    # The language this browser chose before (localStorage) wins over its Accept-Language, not over ?lang=.
    assert _page_lang(Req({}, {"accept-language": "fr"}), "zh") == ("zh", "")
    assert _page_lang(Req({"lang": "es"}, {"accept-language": "fr"}), "zh") == ("es", "")
    assert _page_lang(Req({}, {"accept-language": "fr"}), "xx") == ("fr", "")


# --- HTML builders ---------------------------------------------------------------------------------

def _multi_clause_answer(gist=None, pending=False, lang="ar"):
    """An Answer record as the Answerer builds it (contract of rag/answer.py), with model text in it."""
    corpus = load_corpus()
    evidence, sources = [], []
    for n in (28, 29):
        c = corpus.clause(n, lang)
        first = c.text.split(". ")[0] + "." if ". " in c.text else c.text
        evidence.append(Evidence(n, (first,), c.text, c.section, 0.9))
        sources.append(Source(n, c.section, c.text, lang, (first,)))
    return Answer(text="…", lang=lang, citations=(28, 29), route="model" if gist else "extractive",
                  evidence=tuple(evidence), gist=gist, lead="LEAD <i>x</i>", sources=tuple(sources),
                  refused=False, timings_ms={"retrieval": 12.0, "first_text": 40.0, "gist": 900.0, "total": 950.0},
                  notices=("<i>notice</i>",), backend="llama-cpp:test.gguf", pending=pending)


def test_answer_html_is_structured_escaped_and_names_its_chips():
    from ui.render import answer_html
    h = answer_html(_multi_clause_answer(gist='AI <b onmouseover="x()">helps</b> & protects'), "cqa-t", "en",
                    question="<q>")
    assert 'class="cqa-gist">AI &lt;b onmouseover=&quot;x()&quot;&gt;helps&lt;/b&gt; &amp; protects' in h
    assert "<b " not in h and "&lt;i&gt;notice&lt;/i&gt;" in h
    assert h.index("LEAD &lt;i&gt;x&lt;/i&gt;") < h.index("cqa-gist")  # the first line first, the summary under it
    assert '<p class="cqa-notice" role="note">&lt;i&gt;notice' not in answer_html(
        _multi_clause_answer(gist="g"), "cqa-t", "en", shown_notices=("<i>notice</i>",))  # shown above already
    for n in (28, 29):  # chips named in the answer's language, like its source cards
        chip = f'<a class="cqa-chip" href="#cqa-t-clause-{n}" lang="ar"><span class="cqa-sr">الفقرة </span>{n}</a>'
        assert h.count(chip) == 2  # after the gist and over its evidence
        assert f'<details class="cqa-source" id="cqa-t-clause-{n}" dir="rtl" lang="ar">' in h
    corpus = load_corpus()
    first = corpus.clause(28, "ar").text.split(". ")[0] + "."
    assert f"<mark>{html.escape(first)}</mark>" in h  # the quoted sentence highlighted in the whole clause
    assert h.index("cqa-evidence") < h.index("cqa-sources") < h.index("cqa-actions")
    details = h[h.index('<details class="cqa-details">'):]
    assert "llama-cpp:test.gguf" in details and "<bdi>40 ملي ث</bdi>" in details  # model and timings folded
    assert h.count("llama-cpp:test.gguf") == 1 and 'href="?q=%3Cq%3E&amp;lang=en"' in h
    assert "<bdi>900 ملي ث</bdi>" in details  # CLDR's units, in the answer's language


def test_pending_answer_shows_the_lead_and_a_quiet_line_only():
    from ui.render import WORKING, answer_html, answer_markdown
    h = answer_html(_multi_clause_answer(pending=True, lang="zh"), "cqa-p", "zh")
    assert "cqa-pending" in h and WORKING in h and "正在撰写一句话摘要" in h
    assert "LEAD &lt;i&gt;x&lt;/i&gt;" in h and '<div class="cqa-final-only" hidden><div class="cqa-actions"' in h
    md = answer_markdown(_multi_clause_answer(gist="要点。", lang="zh"))
    corpus = load_corpus()
    assert md.startswith("LEAD <i>x</i>\n要点。 [28、29]") and "[28]" in md and "[29]" in md
    assert corpus.clause(28, "zh").text in md and corpus.clause(29, "zh").text in md  # clause texts copied


def test_browse_groups_filters_ranges_and_escapes():
    from ui.render import browse_html
    corpus = load_corpus()
    full = browse_html("ar")
    assert full.startswith('<div class="cqa-browse cqa-one-view" dir="rtl" lang="ar">')
    headings = [p.text for p in corpus.passages if p.lang == "ar" and p.kind == "heading"]
    # Section titles are h2 (the page's title is the h1): no heading level skipped.
    assert full.count('class="cqa-clause"') == N_CLAUSES and full.count("<h2>") == len(headings) == 12
    assert "<h3" not in full and "فقرة من أصل 44" in full
    one = browse_html("zh", "29")
    assert one.count('class="cqa-clause"') == 1 and corpus.clause(29, "zh").text in one
    for query, nums in [("28-30", [28, 29, 30]), ("12, 13 and 20", [12, 13, 20]), ("第28至30条", [28, 29, 30]),
                        ("пункты 12 и 13", [12, 13]), ("الفقرات من 28 إلى 30", [28, 29, 30])]:
        shown = [int(n) for n in re.findall(r'id="cqa-browse-(\d+)"', browse_html("en", query))]
        assert shown == nums, query
    hits = browse_html("fr", "ENSEIGNANTS")
    assert "<mark>enseignants</mark>" in hits and 0 < hits.count('class="cqa-clause"') < N_CLAUSES
    assert browse_html("fr", "29").count("1 paragraphe sur 44") == 1  # CLDR plural: not "1 paragraphes"
    other = browse_html("en", "données")  # found through the French version
    assert 0 < other.count('class="cqa-clause"') < N_CLAUSES
    bad = browse_html("en", "<script>alert(1)</script>")
    assert "<script>" not in bad and "&lt;script&gt;" in bad
    assert browse_html("fr", "", "ru").count("44 пункта из 44") == 1  # the count line: interface language


def test_browse_six_languages_side_by_side():
    from ui.render import ALL, browse_html
    corpus = load_corpus()
    full = browse_html(ALL, "", "fr")
    rows = re.findall(r'<tr id="cqa-par-(\d+)"><th scope="row">\d+</th>(.*?)</tr>', full)
    assert [int(n) for n, _ in rows] == list(range(1, N_CLAUSES + 1))
    for n, cells in rows:  # one row per clause: its six official versions level, Arabic right to left
        found = re.findall(r'<td dir="(ltr|rtl)" lang="(\w\w)">(.*?)</td>', cells)
        assert [lg for _, lg, _ in found] == list(LANGS)
        assert [d for d, _, _ in found] == ["rtl" if lg == "ar" else "ltr" for lg in LANGS]
        assert [html.unescape(t) for _, _, t in found] == [corpus.clause(int(n), lg).text for lg in LANGS]
    # Each section title once as a heading, in the interface language; the count in it too.
    titles = [p.text for p in corpus.passages if p.lang == "fr" and p.kind == "heading"]
    assert re.findall(r"<h2>(.*?)</h2>", full) == [html.escape(t) for t in titles]
    assert "44 paragraphes sur 44" in full and 'role="region" tabindex="0"' in full
    # Search works side by side: numbers, and a word found in any version, marked where it is.
    assert re.findall(r'id="cqa-par-(\d+)"', browse_html(ALL, "28-30", "en")) == ["28", "29", "30"]
    hit = browse_html(ALL, "المعلمين", "en")
    assert 0 < hit.count('<tr id="cqa-par-') < N_CLAUSES and "<mark>المعلمين</mark>" in hit
    assert "No clause matches" in browse_html(ALL, "zzzzqqq", "en")

