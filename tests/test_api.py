"""The JSON API, probes, metrics and fair admission, through real HTTP: the app `serve` runs (FastAPI with the
page mounted), on a loopback port, with the real index and the extractive backend. Different clients are
different loopback source addresses (127.0.0.x), as different machines would be."""
import json
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from types import SimpleNamespace

import httpx
import pytest

from rag import i18n
from rag.admission import BUSY, OK, OVER_SHARE, Admission, client_key
from rag.answer import Answer, Answerer, Draft
from rag.corpus import load_corpus
from rag.serving import free_port
from ui.strings import ui as ui_text

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning")]

TEACHERS_FR = "Quel rôle le Consensus donne-t-il aux enseignants ?"
TEACHERS = "What does the Consensus say about the role of teachers?"


class Served:
    def __init__(self, settings, answerer, max_active=None, wait=True):
        from ui.app import Server, build_app, server_app
        self.demo = build_app(settings, answerer, max_active)
        self.rt = self.demo.cqa_runtime
        self.server = Server(server_app(self.demo), "127.0.0.1", free_port()).start()
        self.url = self.server.url
        if wait:
            assert self.rt.ready.wait(600), "the answerer did not warm up"

    def client(self, n: int = 1, **kw) -> httpx.Client:
        """An HTTP client whose connections come from 127.0.0.<n>: one machine among several."""
        return httpx.Client(base_url=self.url, timeout=60, transport=httpx.HTTPTransport(local_address=f"127.0.0.{n}"),
                            **kw)

    def close(self):
        self.server.close()
        self.demo.close(verbose=False)


@pytest.fixture(scope="module")
def served(extractive, answerer):
    s = Served(extractive, answerer)
    try:
        yield s
    finally:
        s.close()


class Gisting(Answerer):
    """Stand-in for the model phase (the model is too slow, and its words cannot be fixed, for these tests): the real
    extractive answer is sent as pending evidence, then an unchecked Draft, then the final answer with a gist."""
    DRAFT = "UNCHECKED DRAFT never to be shown"

    def __init__(self, *a, gate=None, **kw):
        super().__init__(*a, **kw)
        self.gate = gate
        self.closed = threading.Event()

    def stream(self, question, lang=None, history=()):
        final = [ev for ev in super().stream(question, lang=lang, history=history) if isinstance(ev, Answer)][-1]
        try:
            yield replace(final, pending=True)
            yield Draft(self.DRAFT)
            deadline = time.monotonic() + 30
            while self.gate is not None and not self.gate.wait(0.05) and time.monotonic() < deadline:
                yield Draft(self.DRAFT)  # a model writes a piece every few tens of milliseconds
            yield replace(final, gist="A checked one-sentence gist.", route="model", backend="test-model")
        finally:
            self.closed.set()


class Held(Answerer):
    """Questions containing HOLD wait for the gate: they stay in progress as long as a test needs."""

    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.gate = threading.Event()
        self.entered = threading.Semaphore(0)

    def stream(self, question, lang=None, history=()):
        if "HOLD" in str(question):
            self.entered.release()
            self.gate.wait(60)
        yield from super().stream(question, lang=lang, history=history)


class SlowWarm(Answerer):
    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.release = threading.Event()

    def warm(self):
        self.release.wait(60)
        super().warm()


def _sse(response) -> list[tuple[str, dict]]:
    events, name = [], None
    for line in response.iter_lines():
        if line.startswith("event:"):
            name = line[6:].strip()
        elif line.startswith("data:"):
            events.append((name, json.loads(line[5:])))
    return events


# --- /api/v1/ask ------------------------------------------------------------------------------------

def test_ask_returns_the_answer_json_of_ask_json(served, answerer):
    with served.client() as c:
        r = c.post("/api/v1/ask", json={"question": TEACHERS_FR, "lang": "auto"})
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    got = r.json()
    want = answerer.run(TEACHERS_FR).to_json()
    assert {k: v for k, v in got.items() if k != "timings_ms"} == {k: v for k, v in want.items() if k != "timings_ms"}
    assert got["lang"] == "fr" and got["citations"] and not got["refused"]
    corpus = load_corpus()
    for ev in got["evidence"]:
        assert ev["text"] == corpus.clause(ev["clause"], "fr").text


def test_ask_with_a_chosen_language_and_a_follow_up(served, answerer):
    with served.client() as c:
        r = c.post("/api/v1/ask", json={"question": "and what about students' data?", "lang": "RU",
                                        "history": ["What does the Consensus say about teachers?"]})
    assert r.status_code == 200
    want = answerer.run("and what about students' data?", lang="ru",
                        history=["What does the Consensus say about teachers?"]).to_json()
    assert r.json()["lang"] == "ru" and r.json()["citations"] == want["citations"]


@pytest.mark.parametrize("body,headers,status,code,lang", [
    ({"question": "Que dit-il des enseignants ?", "lang": "de"}, {}, 400, "bad_lang", "fr"),
    ({"question": "   ", "lang": "zh"}, {}, 400, "empty_question", "zh"),
    ({"question": "?!?… ;;"}, {"accept-language": "ar-EG,ar;q=0.9"}, 400, "empty_question", "ar"),
    ({"question": 42}, {"accept-language": "es"}, 400, "bad_request", "es"),
    ({"question": "¿y los docentes?", "history": "not a list"}, {}, 400, "bad_request", "es"),
    ({"lang": "auto"}, {"accept-language": "ru"}, 400, "bad_request", "ru"),
    (b"{not json", {"accept-language": "ru", "content-type": "application/json"}, 400, "bad_request", "ru"),
    ({"question": "x" * 70_000}, {}, 413, "too_large", "en"),
])
def test_bad_input_is_a_400_in_the_askers_language(served, body, headers, status, code, lang):
    with served.client() as c:
        r = c.post("/api/v1/ask", **({"content": body} if isinstance(body, bytes) else {"json": body}),
                   headers=headers)
    assert r.status_code == status and list(r.json()) == ["error"]
    err = r.json()["error"]
    assert err["code"] == code
    from ui.api import message
    if code == "bad_request":
        assert err["message"].startswith(message("bad_request", lang, detail="")[:12])
    elif code == "too_large":
        assert err["message"] == message("too_large", lang, kb=64)
    else:
        assert err["message"] == message(code, lang)
    if code == "empty_question":
        assert err["message"] == i18n.t("empty", lang)


def test_the_server_keeps_serving_after_bad_input(served):
    with served.client() as c:
        for body in (b"\xff\xfe", b"[]", b"null"):
            assert c.post("/api/v1/ask", content=body, headers={"content-type": "application/json"}).status_code == 400
        assert c.post("/api/v1/ask", json={"question": TEACHERS}).json()["citations"]


# --- /api/v1/ask/stream ---------------------------------------------------------------------------

def test_stream_sends_the_evidence_at_once_then_the_final_answer(extractive, retriever):
    gate = threading.Event()
    s = Served(extractive, Gisting(extractive, retriever=retriever, gate=gate))
    try:
        with s.client() as c, c.stream("POST", "/api/v1/ask/stream", json={"question": TEACHERS_FR}) as r:
            assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
            assert r.headers["x-accel-buffering"] == "no"
            lines = r.iter_lines()
            head = [next(lines), next(lines)]  # the evidence arrives while the summary is still held back
            assert head[0] == "event: evidence"
            evidence = json.loads(head[1][5:])
            assert evidence["gist"] is None and evidence["citations"] and evidence["lang"] == "fr"
            gate.set()
            rest = "\n".join(lines)
        assert Gisting.DRAFT not in rest  # the unchecked draft is never sent
        final = json.loads(re.search(r"event: answer\ndata: (.*)", rest).group(1))
        assert final["gist"] == "A checked one-sentence gist." and final["route"] == "model"
        assert final["citations"] == evidence["citations"] and s.rt.admission.active == 0
    finally:
        gate.set()
        s.close()


def test_stream_of_a_refusal_is_one_answer_event(served):
    with served.client() as c, c.stream("POST", "/api/v1/ask/stream",
                                        json={"question": "What is the best pizza recipe in Naples?"}) as r:
        events = _sse(r)
    assert [name for name, _ in events] == ["answer"] and events[0][1]["refused"] is True


def test_stream_errors_before_it_starts_are_http_errors(served):
    with served.client() as c:
        r = c.post("/api/v1/ask/stream", json={"question": "", "lang": "es"})
    assert r.status_code == 400 and r.json()["error"] == {"code": "empty_question", "message": i18n.t("empty", "es")}
    assert served.rt.admission.active == 0


def test_a_client_that_leaves_mid_stream_frees_its_place_and_the_model(extractive, retriever):
    gate = threading.Event()
    gisting = Gisting(extractive, retriever=retriever, gate=gate)
    s = Served(extractive, gisting)
    try:
        with s.client() as c, c.stream("POST", "/api/v1/ask/stream", json={"question": TEACHERS}) as r:
            lines = r.iter_lines()
            assert next(lines) == "event: evidence"
            assert s.rt.admission.active == 1
        # The connection is closed while the summary is still being written: the answer stream is closed (in the
        # real Answerer that cancels the generation) and the place is given back, without waiting for the gate.
        assert gisting.closed.wait(10)
        deadline = time.monotonic() + 10
        while s.rt.admission.active and time.monotonic() < deadline:
            time.sleep(0.05)
        assert s.rt.admission.active == 0
    finally:
        gate.set()
        s.close()


# --- fair admission ----------------------------------------------------------------------------------

def test_admission_counts_globally_and_per_client():
    a = Admission(limit=3, per_client=2)
    assert [a.admit("x"), a.admit("x"), a.admit("x")] == [OK, OK, OVER_SHARE]
    assert [a.admit("y"), a.admit("z")] == [OK, BUSY]
    assert a.admit(None) == BUSY and (a.rejected, a.over_share, a.active) == (2, 1, 3)
    a.leave("x")
    assert a.admit("x") == OK and a.active_for("x") == 2
    for c in ("x", "x", "y"):
        a.leave(c)
    assert a.active == 0 and a.active_for("x") == 0 and a.admit(None) == OK
    with pytest.raises(RuntimeError):
        Admission(1).leave()
    unlimited = Admission(limit=5, per_client=0)
    assert all(unlimited.admit("x") == OK for _ in range(5)) and unlimited.admit("x") == BUSY


def test_client_key_trusts_a_proxy_header_only_when_configured():
    req = SimpleNamespace(client=SimpleNamespace(host="127.0.0.1"),
                          headers={"x-forwarded-for": "6.6.6.6, 10.1.2.3", "x-real-ip": "10.9.9.9"})
    assert client_key(req) == "127.0.0.1"  # never X-Forwarded-For by default: any client can send it
    assert client_key(req, "X-Real-IP") == "10.9.9.9"
    assert client_key(req, "X-Forwarded-For") == "10.1.2.3"  # the entry our proxy appended, not the client's
    assert client_key(SimpleNamespace(client=SimpleNamespace(host="127.0.0.5"), headers={}), "X-Real-IP") == "127.0.0.5"


def test_a_flooding_client_gets_429s_and_the_others_are_served(extractive, retriever):
    """One client sends 30 questions at once (4 are admitted and held); 5 other clients asking meanwhile are all
    answered; then the flooding client's held questions are answered too."""
    held = Held(extractive, retriever=retriever)
    s = Served(extractive.replace(max_per_client=4), held, max_active=24)
    try:
        flood = s.client(2)
        with ThreadPoolExecutor(40) as pool:
            floods = [pool.submit(flood.post, "/api/v1/ask", json={"question": f"HOLD {TEACHERS}"}) for _ in range(30)]
            for _ in range(4):
                assert held.entered.acquire(timeout=30)
            time.sleep(0.5)  # every flooding request has had its reply or is held
            over = [f.result(5) for f in floods if f.done()]
            assert len(over) == 26 and all(r.status_code == 429 for r in over)
            assert all(r.headers["retry-after"] == "2" and r.json()["error"]["code"] == "too_many" for r in over)
            assert over[0].json()["error"]["message"] == \
                "You already have 4 questions being answered. Please wait for one to finish, then ask again."
            others = [s.client(10 + i) for i in range(5)]
            t0 = time.perf_counter()
            replies = list(pool.map(lambda c: c.post("/api/v1/ask", json={"question": TEACHERS_FR}), others * 2))
            waited = time.perf_counter() - t0
            held.gate.set()
            admitted = [f.result(30) for f in floods if f.result(30).status_code != 429]
        assert [r.status_code for r in replies] == [200] * 10 and waited < 10
        assert len(admitted) == 4 and all(r.status_code == 200 and r.json()["citations"] for r in admitted)
        metrics = httpx.get(s.url + "metrics").text
        assert 'cqa_busy_total{channel="api",reason="over_share"} 26.0' in metrics
        assert 'cqa_questions_total{channel="api",lang="fr",route="extractive"} 10.0' in metrics
        assert s.rt.admission.active == 0
    finally:
        held.gate.set()
        s.close()


def test_busy_is_a_503_with_retry_after_in_the_askers_language(extractive, retriever):
    held = Held(extractive, retriever=retriever)
    s = Served(extractive.replace(max_per_client=0), held, max_active=1)
    try:
        with ThreadPoolExecutor(2) as pool, s.client(2) as a, s.client(3) as b:
            first = pool.submit(a.post, "/api/v1/ask", json={"question": f"HOLD {TEACHERS}"})
            assert held.entered.acquire(timeout=30)
            r = b.post("/api/v1/ask", json={"question": "¿Qué dice sobre los docentes?"})
            assert r.status_code == 503 and r.headers["retry-after"] == "2"
            assert r.json()["error"] == {"code": "busy", "message": ui_text("busy", "es")}
            r = b.post("/api/v1/ask/stream", json={"question": "Что говорится об учителях?"})
            assert r.status_code == 503 and r.json()["error"]["message"] == ui_text("busy", "ru")
            held.gate.set()
            assert first.result(30).status_code == 200
    finally:
        held.gate.set()
        s.close()


def test_a_trusted_proxy_header_tells_clients_apart_and_an_untrusted_one_does_not(extractive, retriever):
    held = Held(extractive, retriever=retriever)
    for trusted, statuses in (("X-Real-IP", [200, 200]), ("", [200, 429])):
        s = Served(extractive.replace(max_per_client=1, trusted_proxy_header=trusted), held, max_active=10)
        held.gate.clear()
        try:
            with ThreadPoolExecutor(2) as pool, s.client(2) as c:
                # Both come from one address (a proxy); only a configured header makes them two clients.
                futures = [pool.submit(c.post, "/api/v1/ask", json={"question": f"HOLD {TEACHERS}"},
                                       headers={"X-Real-IP": ip, "X-Forwarded-For": ip}) for ip in ("10.0.0.1", "10.0.0.2")]
                time.sleep(1.0)
                held.gate.set()
                assert sorted(f.result(30).status_code for f in futures) == statuses, trusted
        finally:
            held.gate.set()
            s.close()


def test_the_chat_counts_against_the_same_share(extractive, answerer):
    from ui.app import Runtime, make_respond
    rt = Runtime(extractive.replace(max_per_client=1), answerer).start()
    assert rt.ready.wait(60)
    req = SimpleNamespace(client=SimpleNamespace(host="10.0.0.7"), headers={}, session_hash="tab-2")
    assert rt.admit("api", "10.0.0.7") == OK  # the same machine has a question in progress through the API
    *_, (messages, _, _) = make_respond(rt)(TEACHERS, "auto", [], None, "en", req)
    assert "cqa-busy" in messages[-1]["content"]
    rt.leave("10.0.0.7")
    *_, (messages, _, _) = make_respond(rt)(TEACHERS, "auto", [], None, "en", req)
    assert "cqa-final" in messages[-1]["content"]


# --- probes, metrics, schema ----------------------------------------------------------------------------

def test_readyz_is_503_until_the_answerer_is_warm_and_healthz_always_200(extractive, retriever):
    slow = SlowWarm(extractive, retriever=retriever)
    s = Served(extractive, slow, wait=False)
    try:
        with s.client() as c:
            assert c.get("/healthz").status_code == 200
            r = c.get("/readyz")
            assert r.status_code == 503 and r.json()["ready"] is False and r.json()["model"] == "loading"
            assert 'cqa_ready 0.0' in c.get("/metrics").text
            slow.release.set()
            assert s.rt.ready.wait(60)
            r = c.get("/readyz")
            assert r.status_code == 200 and r.json() == {**r.json(), "ready": True, "index": True, "model": "none",
                                                         "backend": "extractive", "error": None}
            assert r.headers["x-cqa-replica"] == r.json()["replica"] == c.get("/healthz").json()["replica"]
    finally:
        slow.release.set()
        s.close()


def test_metrics_count_every_channel_and_never_the_question(extractive, answerer):
    from gradio_client import Client
    s = Served(extractive, answerer)
    secret = "Qu'en est-il des enseignants de Zanzibar ?"
    try:
        with s.client() as c:
            assert c.post("/api/v1/ask", json={"question": secret}).status_code == 200
            with c.stream("POST", "/api/v1/ask/stream", json={"question": "كيف يمكن حماية خصوصية بيانات الطلاب؟"}) as r:
                assert [n for n, _ in _sse(r)] == ["answer"]
            assert c.post("/api/v1/ask", json={"question": "  "}).status_code == 400
        gc = Client(s.url, verbose=False, analytics_enabled=False)
        assert gc.predict("What is the best pizza recipe in Naples?", "auto", api_name="/ask")["refused"]
        messages, _ = gc.predict(secret, "auto", [], "en", api_name="/chat")
        text = httpx.get(s.url + "metrics").text
        want = ['cqa_questions_total{channel="api",lang="fr",route="extractive"} 1.0',
                'cqa_questions_total{channel="api",lang="en",route="error"} 1.0',
                'cqa_questions_total{channel="api_stream",lang="ar",route="extractive"} 1.0',
                'cqa_questions_total{channel="ask",lang="en",route="refusal"} 1.0',
                'cqa_questions_total{channel="chat",lang="fr",route="extractive"} 1.0',
                'cqa_answer_seconds_count{channel="chat",stage="first_text"} 1.0',
                'cqa_answer_seconds_count{channel="api",stage="final"} 1.0',
                "cqa_model_worker_restarts_total 0.0", "cqa_active_questions 0.0", "cqa_ready 1.0"]
        for line in want:
            assert line in text, line
        assert "Zanzibar" not in text and "pizza" not in text and "127.0.0" not in text
        assert httpx.get(s.url + "metrics").headers["content-type"].startswith("text/plain; version=")
    finally:
        s.close()


def test_openapi_describes_the_api_and_every_answer_field(served, answerer):
    schema = httpx.get(served.url + "openapi.json").json()
    assert set(schema["paths"]) == {"/api/v1/ask", "/api/v1/ask/stream", "/healthz", "/readyz", "/metrics"}
    ask = schema["paths"]["/api/v1/ask"]["post"]
    assert set(ask["responses"]) == {"200", "400", "413", "429", "500", "503"}  # no FastAPI 422
    parts = schema["components"]["schemas"]
    assert parts["AskRequest"]["properties"]["lang"]["enum"] == ["auto", "en", "fr", "es", "ru", "zh", "ar"]
    assert parts["AskRequest"]["required"] == ["question"]
    declared = set(parts["AnswerOut"]["properties"])
    assert set(answerer.run(TEACHERS).to_json()) <= declared  # every field the API sends is described
    # Fields the answer record is gaining are declared optional, so either side can land first.
    assert {"kind", "verdict", "direct", "not_mentioned", "gist_check", "model"} <= declared
    assert not {"kind", "verdict", "direct", "not_mentioned", "gist_check", "model"} & set(parts["AnswerOut"]["required"])
    assert "text/event-stream" in schema["paths"]["/api/v1/ask/stream"]["post"]["responses"]["200"]["content"]


def test_the_page_and_gradio_api_are_served_beside_the_json_api(served):
    from gradio_client import Client
    page = httpx.get(served.url)
    assert page.status_code == 200 and "gradio_config" in page.text
    r = Client(served.url, verbose=False, analytics_enabled=False).predict(TEACHERS_FR, "auto", api_name="/ask")
    assert r["lang"] == "fr" and r["citations"]


def test_load_short_mode(served):
    """eval/load_test.py in a short mode: concurrent users on the streamed API, one more client flooding."""
    from eval.harness import load_questions
    from eval.load_test import run_load
    rep = run_load(served.url, users=6, seconds=8, questions=[q.question for q in load_questions()], flood=8)
    assert rep["errors"] == 0, rep["error_samples"]
    assert rep["requests"] >= 6 and rep["answered"] == rep["requests"]  # six machines: none over its share
    assert rep["first_text_ms"]["p50"] <= rep["final_ms"]["p50"]  # read from the stream, not the final JSON
    assert set(rep["routes"]) <= {"extractive", "refusal"} and list(rep["replicas"]) == [served.rt.replica]
    flood = rep["flood"]
    assert flood["errors"] == 0 and flood["over_share_429"] > 0 and flood["answered"] > 0


def test_load_test_tells_failures_the_kill_explains_from_lost_answers():
    from eval.load_test import Ask, judge_kill
    asks = [Ask(0, 50.0, 52.0, outcome="extractive", replica="A"), Ask(1, 50.0, 52.0, outcome="extractive", replica="B"),
            Ask(0, 59.0, 60.5, outcome="error", replica="A", error="cut"),       # in flight on A at the kill
            Ask(1, 59.5, 61.0, outcome="extractive", replica="B"),                # in flight on B: answered
            Ask(2, 59.8, 60.2, outcome="error", replica="B", error="cut"),       # in flight on B: lost
            Ask(0, 60.5, 60.6, outcome="error", error="HTTP 502"),               # after the kill: lost
            Ask(0, 62.0, 64.0, outcome="extractive", replica="B")]
    k = judge_kill(asks, pid=1, at=60.0)
    assert k["killed_replica"] == ["A"] and k["in_flight_at_kill"] == 3 and k["in_flight_on_killed_replica"] == 1
    assert (k["failed"], k["failed_in_flight_on_killed"], k["lost_answers"]) == (3, 1, 2)
    assert k["answered_after_kill"] == 1
