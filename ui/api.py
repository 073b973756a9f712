"""The plain HTTP API beside the chat, and the operator's probes: FastAPI routes served by the same process.

    POST /api/v1/ask          {"question", "lang": "auto" | en fr es ru zh ar, "history": [earlier questions]}
                              -> 200 the Answer JSON (as `consensus-qa ask --json`)
    POST /api/v1/ask/stream   -> text/event-stream: `event: evidence` (the official text, at once, when a summary
                              is still to come), then `event: answer` (the final Answer); `event: error` if it fails
    GET  /healthz             -> 200 while the process is up
    GET  /readyz              -> 200 once the indexes are loaded and the model is ready, 503 before
    GET  /metrics             -> Prometheus text format (rag/metrics.py)
    GET  /openapi.json        -> the schemas below

Errors are {"error": {"code", "message"}} with the message in the asker's language (the chosen answer language,
else the question's, else the browser's): 400 bad_request | bad_lang | empty_question, 413 too_large,
429 too_many (this client already has `max_per_client` questions in progress) and 503 busy | unavailable, both
with Retry-After, 500 internal.
"""
from __future__ import annotations

import json
import logging
import uuid
from typing import Any, AsyncIterator, Iterator, Literal, Optional

import anyio
from anyio import to_thread
from fastapi import APIRouter, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, Response, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field, field_validator

from rag import i18n
from rag.admission import BUSY, OK
from rag.answer import Answer
from rag.corpus import LANGS
from rag.lang import detect
from rag.question import QuestionError
from ui.strings import browser_lang, ui

log = logging.getLogger("consensus_qa.api")

RETRY_AFTER_S = 2           # an answer's evidence takes well under a second, its summary a few seconds
RETRY_UNAVAILABLE_S = 30    # the app could not start its answerer: an operator has to act
MAX_BODY_BYTES = 64 * 1024  # a question is at most max_question_chars (a setting); history a few more
MAX_HISTORY = 10            # earlier questions kept for follow-ups (as the chat does)
HEARTBEAT_S = 5.0           # an SSE comment while the summary is written, so idle-timeouts do not cut the stream
REPLICA_HEADER = "X-CQA-Replica"

# The API's own messages (the chat shows the same situations in its page); {langs} lists the codes.
_MESSAGES = {
    "bad_request": {
        "en": "The request is not valid ({detail}). Send JSON: {{\"question\": \"…\", \"lang\": \"auto\"}}.",
        "fr": "La requête n’est pas valide ({detail}). Envoyez du JSON : {{\"question\": \"…\", \"lang\": \"auto\"}}.",
        "es": "La solicitud no es válida ({detail}). Envíe JSON: {{\"question\": \"…\", \"lang\": \"auto\"}}.",
        "ru": "Некорректный запрос ({detail}). Отправьте JSON: {{\"question\": \"…\", \"lang\": \"auto\"}}.",
        "zh": "请求无效（{detail}）。请发送 JSON：{{\"question\": \"…\", \"lang\": \"auto\"}}。",
        "ar": "الطلب غير صالح ({detail}). أرسل JSON: {{\"question\": \"…\", \"lang\": \"auto\"}}.",
    },
    "bad_lang": {
        "en": "“lang” must be “auto” or one of {langs}.",
        "fr": "« lang » doit valoir « auto » ou l’un de {langs}.",
        "es": "«lang» debe ser «auto» o uno de {langs}.",
        "ru": "Параметр «lang» должен быть «auto» или одним из кодов {langs}.",
        "zh": "“lang”必须为“auto”或以下之一：{langs}。",
        "ar": "يجب أن تكون قيمة «lang» هي «auto» أو أحد الرموز {langs}.",
    },
    "too_many": {
        "en": "You already have {n} questions being answered. Please wait for one to finish, then ask again.",
        "fr": "Vous avez déjà {n} questions en cours de réponse. Attendez qu’une réponse soit terminée, puis "
              "reposez votre question.",
        "es": "Ya tiene {n} preguntas en curso. Espere a que termine una respuesta y vuelva a preguntar.",
        "ru": "У вас уже обрабатывается вопросов: {n}. Дождитесь ответа на один из них и спросите снова.",
        "zh": "您已有 {n} 个问题正在回答中。请等其中一个回答完成后再提问。",
        "ar": "لديك بالفعل {n} أسئلة قيد الإجابة. يرجى الانتظار حتى تكتمل إجابة أحدها ثم اطرح سؤالك مرة أخرى.",
    },
    "too_large": {
        "en": "The request is too large (over {kb} KB).",
        "fr": "La requête est trop volumineuse (plus de {kb} Ko).",
        "es": "La solicitud es demasiado grande (más de {kb} KB).",
        "ru": "Запрос слишком велик (более {kb} КБ).",
        "zh": "请求过大（超过 {kb} KB）。",
        "ar": "الطلب كبير جداً (أكثر من {kb} كيلوبايت).",
    },
}
assert all(set(v) == set(LANGS) for v in _MESSAGES.values()), "every API message needs the six languages"


def message(code: str, lang: str, **kw: Any) -> str:
    lang = lang if lang in LANGS else "en"
    if code in _MESSAGES:
        return _MESSAGES[code][lang].format(langs=", ".join(LANGS), **kw)
    if code == "empty_question":
        return i18n.t("empty", lang)
    return ui(code, lang, **kw)  # busy, error, unavailable: the chat's own sentences


# --- schemas (what /openapi.json shows) ----------------------------------------------------------------

class AskRequest(BaseModel):
    model_config = ConfigDict(extra="ignore", json_schema_extra={"examples": [
        {"question": "What does the Consensus say about teachers?", "lang": "auto"},
        {"question": "et sur les données des élèves ?", "lang": "fr",
         "history": ["Que dit le Consensus sur les enseignants ?"]}]})

    question: str = Field(description="The question, in English, French, Spanish, Russian, Chinese or Arabic. "
                                      "Longer than the setting max_question_chars (CQA_MAX_QUESTION_CHARS): "
                                      "truncated, with a notice.")
    lang: Literal["auto", "en", "fr", "es", "ru", "zh", "ar"] = Field(
        "auto", description="Answer language, or \"auto\": the question's own.")
    history: list[str] = Field(default_factory=list, max_length=50,
                               description="Earlier questions of this conversation, oldest first: a follow-up "
                                           "(\"and what about students?\") is read in the light of the last one.")

    @field_validator("lang", mode="before")
    @classmethod
    def _lower(cls, v: Any) -> Any:
        return v.strip().lower() if isinstance(v, str) else v


class EvidenceOut(BaseModel):
    clause: int = Field(description="Clause number, 1-44")
    sentences: list[str] = Field(description="The official sentences of the clause that answer, verbatim")
    text: str = Field(description="The whole official clause")


class SourceOut(BaseModel):
    clause: int
    section: Optional[str] = None
    text: str = Field(description="The whole official clause, in the answer language")
    highlights: list[str] = Field(description="The sentences of `text` the answer quotes")
    lead_in: Optional[str] = Field(None, description="The sentence that introduces the clause's part")


class GistCheckOut(BaseModel):
    passed: bool
    reason: Optional[str] = None


class AnswerOut(BaseModel):
    """The answer, as `consensus-qa ask --json` prints it. Fields may be added; clients should ignore unknown ones."""
    model_config = ConfigDict(extra="allow")

    answer: str = Field(description="Plain text: the summary or lead, then one line of official text per clause "
                                    "ending in [n]")
    lang: str = Field(description="Answer language: en fr es ru zh ar")
    citations: list[int] = Field(description="The clause numbers the answer rests on")
    route: Literal["model", "extractive", "refusal"] = Field(
        description="model: a checked one-sentence summary is shown; extractive: the official text only; "
                    "refusal: no passage answers")
    evidence: list[EvidenceOut]
    gist: Optional[str] = Field(None, description="The model's one-sentence summary, shown only if it passed the "
                                                  "checks against the official text")
    gist_citations: list[int] = Field(default_factory=list, description="The clause(s) the gist was checked against")
    lead: str = Field(description="The system's own sentence introducing the evidence")
    refused: bool
    sources: list[SourceOut]
    timings_ms: dict[str, float] = Field(description="retrieval, first_text, gist, total (milliseconds)")
    notices: list[str] = Field(description="What the asker should know: truncated question, no summary, ...")
    backend: str = Field(description="What wrote the summary (\"extractive\": nothing)")
    kind: Optional[str] = Field(None, description="The question's kind (yes/no, fact, explain, ...)")
    verdict: Optional[Literal["yes", "no"]] = Field(None, description="For a yes/no question the text settles")
    direct: Optional[str] = Field(None, description="The first line: the direct answer")
    not_mentioned: Optional[str] = Field(None, description="What the Consensus does not mention, when asked about")
    gist_check: Optional[GistCheckOut] = Field(None, description="Whether the model's summary draft passed the "
                                               "checks (passed), and why it is not shown (reason: the checks it "
                                               "failed, or restates_quote); null when no draft was written")
    model: Optional[str] = Field(None, description="The model that wrote the summary draft, shown or not (backend "
                                                   "names the one whose summary is shown); null when none wrote one")


class ErrorBody(BaseModel):
    code: Literal["bad_request", "bad_lang", "empty_question", "too_large", "too_many", "busy", "unavailable",
                  "internal"]
    message: str = Field(description="For a person, in the asker's language")


class ErrorOut(BaseModel):
    error: ErrorBody


class ReadyOut(BaseModel):
    ready: bool
    index: bool = Field(description="The indexes are loaded")
    model: Literal["ready", "loading", "unavailable", "none"] = Field(
        description="The model: ready; loading; unavailable (it failed: answers carry the official text only); "
                    "none (the extractive backend)")
    backend: str
    error: Optional[str] = None
    uptime_s: float
    replica: str = Field(description="This process's random id (also in the X-CQA-Replica header)")


_STREAM_DOC = """Server-Sent Events, UTF-8 JSON in each `data:` line:

    event: evidence      (only when a summary is still to come) the Answer with the official evidence
    data: {...}

    event: answer        the final Answer (same shape as POST /api/v1/ask)
    data: {...}

or `event: error` with {"error": {"code", "message"}} if answering fails after the stream has started. Errors found
before it starts (bad input, busy, too many) are plain HTTP errors as for /api/v1/ask."""


def _error_responses(*codes: int) -> dict:
    return {c: {"model": ErrorOut} for c in codes}


# --- the routes -----------------------------------------------------------------------------------------

def asker_lang(request: Request, body: Any = None) -> str:
    """The language to speak to this asker in: the chosen answer language, the question's, the browser's."""
    if isinstance(body, dict):
        lang = body.get("lang")
        if isinstance(lang, str) and lang.strip().lower() in LANGS:
            return lang.strip().lower()
        q = body.get("question")
        if isinstance(q, str) and any(ch.isalpha() for ch in q):  # "?!" is in no language: the browser's
            try:
                found = detect(q).lang
                if found in LANGS:
                    return found
            except Exception:
                pass
    return browser_lang(request.headers.get("accept-language"))


def error_response(status: int, code: str, lang: str, retry_after: Optional[int] = None, **kw: Any) -> JSONResponse:
    headers = {"Retry-After": str(retry_after)} if retry_after else None
    return JSONResponse({"error": {"code": code, "message": message(code, lang, **kw)}}, status, headers=headers)


def _validation_detail(exc: RequestValidationError) -> tuple[str, str]:
    """(code, detail) for the first problem pydantic found: the field and what is wrong, in English."""
    for err in exc.errors():
        loc = [str(p) for p in err.get("loc", ()) if p != "body"]
        if loc[:1] == ["lang"]:
            return "bad_lang", ""
        if err.get("type") == "json_invalid":
            return "bad_request", "malformed JSON"
        field = ".".join(loc) or "body"
        return "bad_request", f"{field}: {err.get('msg', 'invalid')}"
    return "bad_request", "invalid body"


def install(app: FastAPI, rt) -> None:
    """Add the API routes, the probes and their error handling to `app` (the app Gradio is mounted on)."""
    replica = uuid.uuid4().hex[:12]
    rt.replica = replica
    # Answers run in threads (retrieval and the model are blocking); admission already bounds how many, and a
    # limiter of our own keeps them from waiting behind anything else that uses AnyIO's default pool.
    limiter = anyio.CapacityLimiter(rt.admission.limit + 8)
    router = APIRouter()

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        code, detail = _validation_detail(exc)
        return error_response(400, code, asker_lang(request, exc.body), detail=detail)

    def _admit(request: Request, body: AskRequest, channel: str):
        """(client, error response or None)."""
        client = rt.client(request)
        verdict = rt.admit(channel, client)
        if verdict == OK:
            return client, None
        lang = asker_lang(request, body.model_dump())
        if verdict == BUSY:
            return client, error_response(503, "busy", lang, RETRY_AFTER_S)
        return client, error_response(429, "too_many", lang, RETRY_AFTER_S, n=rt.admission.per_client)

    def _history(body: AskRequest) -> list[str]:
        limit = rt.settings.max_question_chars
        return [h[:limit] for h in body.history[-MAX_HISTORY:] if isinstance(h, str)]

    def _failure(e: BaseException, q, body: AskRequest, request: Request) -> JSONResponse:
        lang = asker_lang(request, body.model_dump())
        q.failed(lang)
        if isinstance(e, QuestionError):
            return error_response(400, "empty_question", lang)
        if isinstance(e, _Unavailable):
            return error_response(503, "unavailable", lang, RETRY_UNAVAILABLE_S, why=rt.error or "unknown error")
        log.error("the API failed to answer", exc_info=e)
        return error_response(500, "internal", lang)

    @router.post("/api/v1/ask", response_model=None, tags=["ask"], summary="Answer a question",
                 responses={200: {"model": AnswerOut, "description": "The answer"},
                            **_error_responses(400, 413, 429, 500, 503)})
    async def ask(body: AskRequest, request: Request) -> Response:
        """Answer a question about the Beijing Consensus on AI and Education with the official text of the
        clauses that answer it, cited, in the asker's language."""
        client, refused = _admit(request, body, "api")
        if refused is not None:
            return refused
        q = rt.metrics.question("api")
        lang = body.lang if body.lang in LANGS else None
        try:
            answer = await to_thread.run_sync(_answer, rt, q, body.question, lang, _history(body), limiter=limiter)
        except Exception as e:
            return _failure(e, q, body, request)
        finally:
            rt.leave(client)
        return JSONResponse(answer.to_json())

    @router.post("/api/v1/ask/stream", response_model=None, tags=["ask"],
                 summary="Answer a question, streamed: the evidence at once, then the final answer",
                 description=_STREAM_DOC,
                 responses={200: {"content": {"text/event-stream": {"schema": {"type": "string"}}},
                                  "description": "event: evidence / event: answer, each with an Answer as data"},
                            **_error_responses(400, 413, 429, 500, 503)})
    async def ask_stream(body: AskRequest, request: Request) -> Response:
        client, refused = _admit(request, body, "api_stream")
        if refused is not None:
            return refused
        q = rt.metrics.question("api_stream")
        lang = body.lang if body.lang in LANGS else None
        end = _End(rt, client, limiter)
        try:
            end.events = await to_thread.run_sync(_events, rt, body.question, lang, _history(body), limiter=limiter)
            first = await to_thread.run_sync(_next_answer, end.events, limiter=limiter)  # bad input: an HTTP error
        except Exception as e:
            await end()
            return _failure(e, q, body, request)
        return _EventStream(_sse(q, end, first, asker_lang(request, body.model_dump())), end)

    @router.get("/healthz", tags=["probes"], summary="The process is up")
    async def healthz() -> dict:
        return {"status": "ok", "replica": replica}

    @router.get("/readyz", tags=["probes"], summary="Ready to answer: indexes loaded, model ready",
                response_model=ReadyOut, responses={503: {"model": ReadyOut, "description": "Not ready yet"}})
    async def readyz() -> JSONResponse:
        state = rt.readiness()
        return JSONResponse({**state, "replica": replica}, 200 if state["ready"] else 503)

    @router.get("/metrics", tags=["probes"], summary="Prometheus metrics", response_class=PlainTextResponse)
    async def metrics() -> Response:
        body, content_type = rt.metrics.exposition()
        return Response(body, media_type=content_type)

    app.include_router(router)
    app.add_middleware(_Guard, replica=replica)
    _drop_422(app)


class _Unavailable(Exception):
    """The app could not start its answerer (rt.error says why)."""


def _answerer(rt):
    answerer = rt.wait()
    if answerer is None:
        raise _Unavailable()
    return answerer


def _answer(rt, q, question: str, lang: Optional[str], history: list[str]) -> Answer:
    """Run in a worker thread: the whole answer, with its first text and final times measured."""
    final = None
    for ev in _answerer(rt).stream(question, lang=lang, history=history):
        if isinstance(ev, Answer):
            q.shown(ev)
            final = ev
    assert final is not None and not final.pending
    return final


def _events(rt, question: str, lang: Optional[str], history: list[str]) -> Iterator:
    return iter(_answerer(rt).stream(question, lang=lang, history=history))


def _next_answer(events: Iterator) -> Optional[Answer]:
    """The next Answer from the stream (Drafts, never shown, are skipped), or None at its end."""
    for ev in events:
        if isinstance(ev, Answer):
            return ev
    return None


def _next_event(events: Iterator):
    return next(events, None)


def _sse_event(name: str, data: dict) -> bytes:
    return f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n".encode()


class _End:
    """How a streamed answer ends, once, however it ends (done, failed, the client gone, never sent): its answer
    stream is closed, which frees the model slot at once, and the client's admission is given back."""

    def __init__(self, rt, client: str, limiter) -> None:
        self.rt, self.client, self.limiter = rt, client, limiter
        self.events: Optional[Iterator] = None
        self._done = False

    async def __call__(self) -> None:
        if self._done:
            return
        self._done = True
        with anyio.CancelScope(shield=True):
            try:
                if self.events is not None:
                    await to_thread.run_sync(self.events.close, limiter=self.limiter)
            finally:
                self.rt.leave(self.client)


class _EventStream(StreamingResponse):
    def __init__(self, body: AsyncIterator[bytes], end: _End) -> None:
        # no-transform: no proxy may buffer or compress the stream (X-Accel-Buffering: nginx's own switch)
        super().__init__(body, media_type="text/event-stream",
                         headers={"Cache-Control": "no-cache, no-transform", "X-Accel-Buffering": "no"})
        self._end = end

    async def __call__(self, scope, receive, send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:  # also when the client left before the first byte, and the body never started
            await self._end()


async def _sse(q, end: _End, first: Answer, lang: str) -> AsyncIterator[bytes]:
    events, limiter = end.events, end.limiter
    try:
        ev: Any = first
        last = anyio.current_time()
        while ev is not None:
            if isinstance(ev, Answer):
                q.shown(ev)
                yield _sse_event("evidence" if ev.pending else "answer", ev.to_json())
                last = anyio.current_time()
                if not ev.pending:
                    break
            elif anyio.current_time() - last >= HEARTBEAT_S:  # a Draft: progress, never shown
                yield b": writing\n\n"
                last = anyio.current_time()
            try:
                ev = await to_thread.run_sync(_next_event, events, limiter=limiter)
            except Exception:
                log.exception("the API stream failed")
                q.failed(lang)
                yield _sse_event("error", {"error": {"code": "internal", "message": message("error", lang)}})
                break
    finally:
        await end()


class _Guard:
    """ASGI middleware: every response names this replica; an API body over MAX_BODY_BYTES is refused unread.
    (Plain ASGI, not BaseHTTPMiddleware, so streamed responses pass through untouched.)"""

    def __init__(self, app, replica: str) -> None:
        self.app, self.replica = app, replica.encode()

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["path"].startswith("/api/"):
            length = dict(scope["headers"]).get(b"content-length")
            if length is not None and length.isdigit() and int(length) > MAX_BODY_BYTES:
                from starlette.requests import Request as _Req
                resp = error_response(413, "too_large", asker_lang(_Req(scope)), kb=MAX_BODY_BYTES // 1024)
                await resp(scope, receive, send)
                return

        async def send_named(message: dict) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []),
                                                  (REPLICA_HEADER.lower().encode(), self.replica)]}
            await send(message)

        await self.app(scope, receive, send_named)


def _drop_422(app: FastAPI) -> None:
    """FastAPI documents a 422 for every body; this API answers 400 with its own error shape instead."""
    original = app.openapi

    def openapi() -> dict:
        if app.openapi_schema:
            return app.openapi_schema
        schema = original()
        for path in schema.get("paths", {}).values():
            for op in path.values():
                op.get("responses", {}).pop("422", None)
        for name in ("HTTPValidationError", "ValidationError"):
            schema.get("components", {}).get("schemas", {}).pop(name, None)
        return schema

    app.openapi = openapi
