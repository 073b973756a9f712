"""The web app for real: started on a loopback port (extractive backend, real index) and called through
gradio_client like any API user; plus the chat handlers and HTML builders run in-process."""
import html
import re
import threading

import pytest

from rag import i18n
from rag.answer import Answer, Answerer, Draft, Source
from rag.corpus import LANGS, N_CLAUSES, load_corpus
from rag.serving import free_port

# Gradio 6.31's queue calls pandas APIs that pandas 3 deprecates: its noise, not ours.
pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning")]

XSS = '<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) What about teachers?'


@pytest.fixture(scope="module")
def extractive(settings):
    return settings.replace(backend="extractive")


@pytest.fixture(scope="module")
def answerer(extractive, retriever):
    return Answerer(extractive, retriever=retriever)


@pytest.fixture(scope="module")
def server(extractive, answerer):
    from ui.app import build_app, launch_options
    demo = build_app(extractive, answerer)
    port = free_port()
    demo.launch(prevent_thread_lock=True, server_name="127.0.0.1", server_port=port, quiet=True,
                **launch_options())
    try:
        assert demo.cqa_runtime.ready.wait(120), "the answerer did not warm up"
        yield f"http://127.0.0.1:{port}/"
    finally:
        demo.close()


@pytest.fixture(scope="module")
def client(server):
    return _new_client(server)


def _new_client(url):
    from gradio_client import Client
    # download_files=False: gradio_client 2.x takes any returned dict with a string "path" key for a file
    # to download, and Answer JSON has "path": "extractive" | "model" | "refusal".
    return Client(url, verbose=False, analytics_enabled=False, download_files=False)


# --- the /ask API -----------------------------------------------------------------------------

def test_ask_is_the_documented_endpoint(client):
    api = client.view_api(print_info=False, return_format="dict")
    assert list(api["named_endpoints"]) == ["/ask"]
    params = [p["parameter_name"] for p in api["named_endpoints"]["/ask"]["parameters"]]
    assert params == ["question", "lang"]


@pytest.mark.parametrize("question,lang", [
    ("Quel rôle le Consensus donne-t-il aux enseignants ?", "fr"),
    ("كيف يمكن حماية خصوصية بيانات الطلاب؟", "ar"),
])
def test_ask_answers_with_checked_citations(client, question, lang):
    r = client.predict(question, "auto", api_name="/ask")
    assert r["lang"] == lang and r["path"] == "extractive" and not r["refused"]
    assert r["citations"] and all(1 <= n <= N_CLAUSES for n in r["citations"])
    sources = {s["clause"]: s for s in r["sources"]}
    assert set(r["citations"]) <= set(sources)
    corpus = load_corpus()
    for n in r["citations"]:
        assert f"[{n}]" in r["answer"]
        assert sources[n]["text"] == corpus.clause(n, lang).text  # the official wording, in the asker's language
    assert {"retrieval", "total"} <= set(r["timings_ms"]) and r["backend"] == "extractive"


def test_ask_answer_language_can_be_chosen(client):
    r = client.predict("What does the Consensus say about teachers?", "ru", api_name="/ask")
    assert r["lang"] == "ru" and r["citations"]
    assert r["sources"][0]["text"] == load_corpus().clause(r["citations"][0], "ru").text


def test_ask_rejects_unknown_language_politely(client):
    r = client.predict("What about teachers?", "de", api_name="/ask")
    assert r["error"] == "bad_lang" and "auto" in r["answer"] and r["citations"] == []


@pytest.mark.parametrize("lang", ["auto", "ar"])
def test_empty_question_gets_a_polite_message_and_the_server_keeps_serving(client, lang):
    r = client.predict("   ", lang, api_name="/ask")
    assert r["error"] == "empty_question" and r["refused"]
    assert r["answer"] == i18n.t("empty", "en" if lang == "auto" else lang)
    again = client.predict("Quel rôle pour les enseignants ?", "auto", api_name="/ask")
    assert again["citations"] and again["lang"] == "fr"


def test_html_in_a_question_never_comes_back_as_markup(client):
    r = client.predict(XSS, "auto", api_name="/ask")
    assert "error" not in r
    dumped = repr(r)
    assert "<script" not in dumped and "<img" not in dumped and "javascript:" not in dumped


# --- the chat endpoint (what the page calls) ------------------------------------------------------

def _texts(message) -> str:
    content = message["content"]
    return "".join(c.get("text", "") for c in content) if isinstance(content, list) else str(content)


def test_chat_escapes_the_question_and_builds_its_own_html(client):
    messages, _ = client.predict(XSS, "auto", [], api_name="/chat")
    user, bot = messages[0], messages[-1]
    assert user["role"] == "user" and bot["role"] == "assistant"
    shown = _texts(user)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown and "&lt;img src=x onerror=alert(1)&gt;" in shown
    everything = "".join(_texts(m) for m in messages)
    assert "<script" not in everything and "<img" not in everything and 'href="javascript' not in everything
    assert 'class="cqa-answer' in _texts(bot)


def test_chat_arabic_answer_is_rtl_with_linked_sources(client):
    messages, _ = client.predict("كيف يمكن حماية خصوصية بيانات الطلاب؟", "auto", [], api_name="/chat")
    q, a = _texts(messages[0]), _texts(messages[-1])
    assert 'class="cqa-question" dir="rtl" lang="ar"' in q
    assert re.search(r'<div class="cqa-answer cqa-final [^"]*"[^>]* dir="rtl" lang="ar"', a)
    links = re.findall(r'<a class="cqa-cite" href="#([^"]+)">(\d+)</a>', a)
    assert links
    for anchor, n in links:
        assert 1 <= int(n) <= N_CLAUSES and anchor.endswith(f"-clause-{n}")
        assert f'id="{anchor}"' in a  # the source it points to is inside the same message
    # six-language view: one cell per official language, Arabic right-to-left
    n = int(links[0][1])
    for lg in LANGS:
        cell = f'<div class="cqa-version" dir="{"rtl" if lg == "ar" else "ltr"}" lang="{lg}">'
        assert cell in a
    assert load_corpus().clause(n, "zh").text in a


def test_chat_empty_question_is_answered_politely(server):
    fresh = _new_client(server)  # a new session: its conversation state is empty
    messages, box = fresh.predict("", "auto", [], api_name="/chat")
    text = _texts(messages[-1])
    assert box == ""
    for lg in LANGS:  # no language to go on yet: the request in all six
        assert html.escape(i18n.t("empty", lg)) in text
    fresh.predict("Что говорится об учителях?", "auto", [], api_name="/chat")
    messages, _ = fresh.predict("  ", "auto", [], api_name="/chat")
    assert _texts(messages[-1]) == (f'<div class="cqa-answer cqa-empty" dir="ltr" lang="ru">'
                                    f'<p>{html.escape(i18n.t("empty", "ru"))}</p></div>')  # the conversation's


# --- handlers in-process: waiting for the answerer, follow-ups, errors ----------------------------------

class Recording(Answerer):
    """The real answerer, remembering the history each question came with."""

    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.histories = []

    def stream(self, question, lang=None, history=()):
        self.histories.append(list(history))
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
    gen = make_respond(rt)("Quel rôle pour les enseignants ?", "auto", [], None)
    messages, _, box = next(gen)
    assert box == "" and "cqa-pending" in messages[-1]["content"]
    assert "Chargement" in messages[-1]["content"]  # told, in French, that the model is loading
    threading.Timer(0.3, slow.release.set).start()
    *_, (messages, conv, _) = gen
    assert "cqa-final" in messages[-1]["content"] and "Ready" in rt.status()


def test_an_exception_becomes_a_short_message(extractive, retriever):
    from ui.app import Runtime, make_ask_api, make_respond
    rt = Runtime(extractive, Failing(extractive, retriever=retriever)).start()
    outs, (messages, conv, _) = _drain(make_respond(rt)("Quel rôle pour les enseignants ?", "auto", [], None))
    assert any("cqa-draft" in c and "Half a sent" in c for c in outs[:-1])  # the draft was streamed first
    last = messages[-1]["content"]
    assert "cqa-error" in last and "fell over" not in last and "Traceback" not in last
    r = make_ask_api(rt)("Quel rôle pour les enseignants ?", "auto")
    assert r["error"] == "internal" and r["lang"] == "fr"


# --- HTML builders ---------------------------------------------------------------------------------

def test_answer_html_escapes_model_text_and_links_citations():
    from ui.render import answer_html
    corpus = load_corpus()
    ans = Answer(text='AI <b onmouseover="x()">helps</b> teachers [12] & learners [12, 99].', lang="ar",
                 citations=(12,), path="model",
                 sources=(Source(12, corpus.clause(12, "ar").section, corpus.clause(12, "ar").text, "ar"),),
                 refused=False, timings_ms={"retrieval": 12.0, "first_token": 300.0, "total": 900.0},
                 notices=("<i>notice</i>",), backend="llama-cpp:test")
    h = answer_html(ans, "cqa-test")
    assert "&lt;b onmouseover=&quot;x()&quot;&gt;" in h and "<b " not in h and "&lt;i&gt;notice&lt;/i&gt;" in h
    assert '[<a class="cqa-cite" href="#cqa-test-clause-12">12</a>]' in h
    assert '[<a class="cqa-cite" href="#cqa-test-clause-12">12</a>, 99]' in h  # 99 is no source: not a link
    assert 'id="cqa-test-clause-12"' in h and 'dir="rtl" lang="ar"' in h
    assert "<bdi>300 ms</bdi>" in h


def test_browse_groups_filters_and_escapes():
    from ui.render import browse_html
    corpus = load_corpus()
    full = browse_html("ar")
    assert full.startswith('<div class="cqa-browse" dir="rtl" lang="ar">')
    headings = [p.text for p in corpus.passages if p.lang == "ar" and p.kind == "heading"]
    assert full.count('class="cqa-clause"') == N_CLAUSES and full.count("<h3>") == len(headings) == 12
    one = browse_html("zh", "29")
    assert one.count('class="cqa-clause"') == 1 and corpus.clause(29, "zh").text in one
    hits = browse_html("fr", "ENSEIGNANTS")
    assert "<mark>enseignants</mark>" in hits and 0 < hits.count('class="cqa-clause"') < N_CLAUSES
    other = browse_html("en", "données")  # found through the French version
    assert 0 < other.count('class="cqa-clause"') < N_CLAUSES
    bad = browse_html("en", "<script>alert(1)</script>")
    assert "<script>" not in bad and "&lt;script&gt;" in bad


def test_load_short_mode(server):
    """eval/load_test.py in a short mode: concurrent gradio_client users, every request answered."""
    from eval.harness import load_questions
    from eval.load_test import run_load
    rep = run_load(server, users=6, seconds=8, questions=[q.question for q in load_questions()])
    assert rep["errors"] == 0, rep["error_samples"]
    assert rep["requests"] >= 6 and rep["answered"] == rep["requests"]
