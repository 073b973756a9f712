"""The web chat (Gradio 6): ask the Beijing Consensus in any of its six languages, browse its 44 clauses.

    build_app(settings, answerer=None, max_active=None) -> gr.Blocks   (queue configured; warms in the background)
    launch_options() -> dict                          (theme, CSS and JS: Gradio 6 takes them in launch())
    serve(settings)                                    (blocking; what `consensus-qa serve` runs)

API: `/ask` (question: str, lang: str = "auto") -> Answer.to_json(), for gradio_client.

Admission (rag/admission.py): at most `max_active` questions (chat, /ask and the JSON API together) are being
answered at once, and at most `max_per_client` from one client; one more is told at once, in its own language,
that the assistant is busy. Gradio itself puts no limit on these handlers, so a question never waits in Gradio's
queue just to be turned away, and retrieval is never queued behind the model (the Answerer's generation service
rations the model itself).

server_app(demo) -> FastAPI: the JSON API, probes and metrics (ui/api.py) with the page mounted at "/";
Server(app, host, port) runs it with uvicorn, as `serve` does.
"""
from __future__ import annotations

import contextlib
import logging
import os
import socket
import threading
import time
from typing import Any, Iterator, Optional
from urllib.parse import parse_qs, urlparse

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # before gradio is imported

import gradio as gr  # noqa: E402
from fastapi import FastAPI  # noqa: E402

from rag.routes import Route  # noqa: E402
from rag import i18n  # noqa: E402
from rag.admission import OK, Admission, client_key  # noqa: E402
from rag.answer import Answer, Answerer  # noqa: E402
from rag.corpus import LANGS  # noqa: E402
from rag.lang import detect  # noqa: E402
from rag.metrics import Metrics  # noqa: E402
from rag.question import QuestionError  # noqa: E402
from rag.settings import Settings, SettingsError  # noqa: E402
from ui import render  # noqa: E402
from rag.question import prepare  # noqa: E402
from ui.assets import CSS, EXPORT_JS, JS, LOAD_LANG_JS, STORE_LANG_JS  # noqa: E402
from ui.strings import EXAMPLES, browser_lang, direction, ui  # noqa: E402

log = logging.getLogger("consensus_qa.ui")

AUTO = "auto"
THREAD_HEADROOM = 40  # worker threads beyond max_active: busy replies, Browse and the status timer
YIELD_EVERY_S = 0.2  # while the gist is written: how often the chat handler yields (nothing) to stay stoppable



def default_max_active(settings: Settings) -> int:
    """Questions answered at once before "busy": retrieval is cheap, the model is rationed by the service."""
    return settings.max_active or max(24, 8 * int(settings.concurrency))


def _theme() -> gr.themes.Base:
    # System fonts only: the default theme fetches a web font, and this app must work offline.
    return gr.themes.Soft(
        font=["system-ui", "-apple-system", "Segoe UI", "Noto Sans", "Noto Sans Arabic", "Noto Sans CJK SC",
              "Arial", "sans-serif"],
        font_mono=["ui-monospace", "SFMono-Regular", "Menlo", "monospace"]).set(
        # Labels darker than the theme's indigo-500, which fails WCAG AA contrast on its pale fills.
        block_label_text_color="*primary_800", block_title_text_color="*primary_800")


def launch_options() -> dict[str, Any]:
    """Keyword arguments for demo.launch(): in Gradio 6 theme, css and js belong to launch()."""
    # No footer: its links are Gradio's (an API panel, a settings panel with a second language switch), and
    # the API is documented in the README and at ?view=api.
    return {"theme": _theme(), "css": CSS, "js": JS, "ssr_mode": False, "footer_links": []}


def max_threads(demo: gr.Blocks) -> int:
    """Gradio runs each handler in a thread: enough for every admitted answer and then some."""
    return demo.cqa_runtime.admission.limit + THREAD_HEADROOM


# --- the answerer, warmed in the background; admission and metrics ------------------------------------

class Runtime:
    """Holds the Answerer; builds and warms it in a thread so the page appears at once. Admission and metrics
    are shared by the chat, /ask and the JSON API."""

    def __init__(self, settings: Settings, answerer: Optional[Answerer] = None,
                 max_active: Optional[int] = None) -> None:
        self.settings = settings
        self.answerer = answerer
        self.admission = Admission(max_active or default_max_active(settings), settings.max_per_client)
        self.metrics = Metrics()
        self.metrics.watch(restarts=self._restarts, active=lambda: self.admission.active,
                           ready=lambda: self.readiness()["ready"])
        self.replica = ""  # set by the API (ui/api.py), named in every response
        self.ready = threading.Event()
        self.error: Optional[str] = None
        self.started = time.monotonic()
        self._answering: set[str] = set()  # conversations (Gradio sessions) being answered now
        self._answering_changed = threading.Condition()
        self._thread = threading.Thread(target=self._warm, name="cqa-warm", daemon=True)

    def start(self) -> "Runtime":
        if not self._thread.is_alive() and not self.ready.is_set():
            self._thread.start()
        return self

    def _warm(self) -> None:
        try:
            if self.answerer is None:
                self.answerer = Answerer(self.settings)
            self.answerer.warm()
        except Exception as e:  # the UI stays up and says what went wrong
            log.exception("warming the answerer failed")
            self.error = f"{type(e).__name__}: {e}"[:300]
        self.ready.set()

    # --- admission --------------------------------------------------------------------------------
    def client(self, request: Any) -> Optional[str]:
        """Who is asking (for the per-client share); None when there is no request (in-process calls)."""
        return None if request is None else client_key(request, self.settings.trusted_proxy_header)

    def admit(self, channel: str, client: Optional[str]) -> str:
        """rag.admission.OK, or why not (BUSY, OVER_SHARE), counted in the metrics."""
        verdict = self.admission.admit(client)
        if verdict != OK:
            self.metrics.busy(channel, verdict)
        return verdict

    def leave(self, client: Optional[str]) -> None:
        self.admission.leave(client)

    # --- readiness ----------------------------------------------------------------------------------
    def _restarts(self) -> int:
        service = getattr(self.answerer, "service", None)
        return int(getattr(service, "restarts", 0) or 0)

    def readiness(self) -> dict:
        """What /readyz says: ready once the indexes are loaded and the model (if any) can answer."""
        warmed = self.ready.is_set() and self.answerer is not None
        service = getattr(self.answerer, "service", None)
        if service is None or not getattr(self.answerer, "summaries", getattr(service, "available", True)):
            model = "none" if warmed else "loading"  # no summaries: answers need no model
        elif service.ready:
            model = "ready"
        else:
            model = "unavailable" if warmed else "loading"
        # Warming ends with the model's start: an error there, with the model unavailable, left the indexes loaded.
        index = warmed and (not self.error or model == "unavailable")
        return {"ready": index and not self.error and model in ("ready", "none"), "index": index, "model": model,
                "backend": self.backend, "error": self.error, "uptime_s": round(time.monotonic() - self.started, 1)}

    @property
    def backend(self) -> str:
        try:
            return self.answerer.backend_name if self.answerer is not None else ""
        except Exception:
            return "extractive"

    def begin(self, session: str, wait_s: float = 5.0) -> bool:
        """Mark a conversation as being answered; False if it still is after `wait_s` (a question sent
        right after Stop waits the moment the stopped answer takes to close)."""
        with self._answering_changed:
            if not self._answering_changed.wait_for(lambda: session not in self._answering, wait_s):
                return False
            self._answering.add(session)
            return True

    def end(self, session: Optional[str]) -> None:
        with self._answering_changed:
            self._answering.discard(session)
            self._answering_changed.notify_all()

    def wait(self, timeout: Optional[float] = None) -> Optional[Answerer]:
        self.ready.wait(timeout)
        return self.answerer

    def status(self, ui_lang: str = "en") -> str:
        if not self.ready.is_set():
            return render.status_html("loading", ui_lang, seconds=time.monotonic() - self.started)
        if self.answerer is None or self.error:
            return render.status_html("error", ui_lang, self.error or "no answerer")
        return render.status_html("ready", ui_lang)


# --- handlers ----------------------------------------------------------------------------------------

def _fresh_conversation() -> dict:
    return {"questions": [], "lang": None}


def _question_lang(text: str) -> str:
    """The language a question is written in (for its text direction and the busy reply), "en" if unknown."""
    try:
        lang = detect(text).lang if text.strip() else "en"
    except Exception:
        return "en"
    return lang if lang in LANGS else "en"


def _ui(lang: object) -> str:
    return lang if lang in LANGS else "en"


def _content(message: Any) -> str:
    """A chat message's HTML, whichever shape the Chatbot hands it back in."""
    content = message.get("content") if isinstance(message, dict) else getattr(message, "content", "")
    if isinstance(content, list):
        return "".join(c.get("text", "") if isinstance(c, dict) else str(c) for c in content)
    return "" if content is None else str(content)


def _box(ui_lang: str, generating: bool, **kw) -> dict:
    """The question box: Send, or Stop while a summary is being written."""
    if generating:
        return gr.update(submit_btn=False, stop_btn=ui("stop", ui_lang), **kw)
    return gr.update(submit_btn=ui("send", ui_lang), stop_btn=False, **kw)


def make_respond(rt: Runtime):
    def respond(question: str, lang_choice: str, messages: list, conv: dict, ui_lang: str = "en",
                request: Optional[gr.Request] = None) -> Iterator[tuple]:
        """Stream one answer into the chat: question bubble, the evidence at once, then the final answer.

        Yields (chat messages, conversation state, question box). The model's draft is never shown.
        """
        question = question if isinstance(question, str) else ("" if question is None else str(question))
        if not question.strip():  # nothing to ask: nothing changes
            yield gr.skip(), gr.skip(), gr.skip()
            return
        ui_lang = _ui(ui_lang)
        chosen = lang_choice if lang_choice in LANGS else None
        conv = dict(conv or _fresh_conversation())
        original = list(messages or [])
        qlang = _question_lang(question)
        shown_lang = chosen or qlang  # the answer's language
        limit = rt.settings.max_question_chars
        try:
            used = prepare(question, limit)
        except QuestionError:
            used = None
        if used is not None and used.truncated:  # no silent edit: the part used, and a notice
            notice = i18n.t("notice_truncated", shown_lang, count=limit, limit=limit)
            echo = render.question_html(used.text, qlang, ui_lang, shortened=notice, notice_lang=shown_lang)
            shown_notices = tuple(i18n.t("notice_truncated", lg, count=limit, limit=limit) for lg in LANGS)
        else:
            echo, shown_notices = render.question_html(question, qlang, ui_lang), ()
        before = [*original, {"role": "user", "content": echo}]

        def chat(content: str) -> list:
            return [*before, {"role": "assistant", "content": content}]

        session = getattr(request, "session_hash", None)
        if session is not None and not rt.begin(session):  # one answer at a time per conversation
            yield gr.skip(), gr.skip(), gr.skip()
            return
        client = rt.client(request)
        if rt.admit("chat", client) != OK:  # the app is full, or this client has its share in progress
            rt.end(session)
            # The question stays in the box, ready to be sent again in a moment.
            yield chat(render.busy_html(ui_lang)), gr.skip(), gr.skip()
            return
        measured = rt.metrics.question("chat")
        try:
            waiting = "searching" if rt.ready.is_set() else "loading"
            yield chat(render.status_message_html(ui(waiting, shown_lang), shown_lang)), gr.skip(), \
                _box(ui_lang, False, value="")
            answerer = rt.wait()
            if answerer is None:
                measured.failed(shown_lang)
                yield chat(render.error_html(ui_lang, "unavailable", why=rt.error or "unknown error")), \
                    conv, gr.skip()
                return
            msg_id = render.new_message_id()
            history = list(conv.get("questions", []))
            with contextlib.closing(answerer.stream(question, lang=chosen, history=history)) as events:
                last = time.monotonic()
                for ev in events:
                    if not isinstance(ev, Answer):
                        # A Draft: the unchecked gist is progress only, never shown. An empty update now and
                        # then hands control back to Gradio, so that Stop can close this generator at once.
                        if time.monotonic() - last >= YIELD_EVERY_S:
                            last = time.monotonic()
                            yield gr.skip(), gr.skip(), gr.skip()
                        continue
                    last = time.monotonic()
                    measured.shown(ev)
                    html = render.answer_html(ev, msg_id, ui_lang, question, shown_notices)
                    if ev.pending:
                        yield chat(html), gr.skip(), _box(ui_lang, True)
                    else:
                        conv["questions"] = [*conv.get("questions", []), question][-10:]
                        conv["lang"] = ev.lang
                        yield chat(html), conv, _box(ui_lang, False)
        except QuestionError:  # nothing to ask once cleaned (punctuation or control characters only): say so
            measured.failed(chosen or qlang)
            yield chat(render.no_question_html(shown_lang)), conv, _box(ui_lang, False)
        except Exception:
            log.exception("answering failed")
            measured.failed(chosen or qlang)
            yield chat(render.error_html(ui_lang, "error")), conv, _box(ui_lang, False)
        finally:
            rt.leave(client)
            rt.end(session)
    return respond


def stop_answer(messages: list, ui_lang: str) -> tuple:
    """The Stop button: the evidence already shown stays, the quiet "writing" line becomes a short note."""
    msgs = list(messages or [])
    if msgs and (msgs[-1].get("role") if isinstance(msgs[-1], dict) else None) == "assistant":
        html = _content(msgs[-1])
        if render.WORKING in html and "cqa-pending" in html:
            msgs[-1] = {"role": "assistant", "content": render.stopped_html(html)}
    return msgs, _box(_ui(ui_lang), False)


def make_ask_api(rt: Runtime):
    def ask(question: str, lang: str = AUTO, request: Optional[gr.Request] = None) -> dict:
        """Answer a question about the Beijing Consensus on AI and Education.

        question: the question, in English, French, Spanish, Russian, Chinese or Arabic.
        lang: answer language (en, fr, es, ru, zh, ar) or "auto" for the question's language.
        Returns the answer as JSON: answer, lang, citations, route, evidence, gist, lead, refused, sources,
        timings_ms, notices, backend (and "error" when no answer could be made).
        """
        chosen = (lang or AUTO).strip().lower()
        if chosen not in LANGS and chosen != AUTO:
            return _error_json("bad_lang", f"lang must be 'auto' or one of {', '.join(LANGS)} (got {lang!r})",
                               "en", rt)
        chosen_lang = chosen if chosen in LANGS else None
        client = rt.client(request)
        verdict = rt.admit("ask", client)
        if verdict != OK:
            lg = chosen_lang or _question_lang(str(question or ""))
            return _error_json("busy", ui("busy", lg), lg, rt)
        measured = rt.metrics.question("ask")
        try:
            answerer = rt.wait()
            if answerer is None:
                measured.failed(chosen_lang or "en")
                return _error_json("unavailable", ui("unavailable", chosen_lang or "en", why=rt.error or "unknown"),
                                   chosen_lang or "en", rt)
            final = None
            for ev in answerer.stream(question, lang=chosen_lang):
                if isinstance(ev, Answer):
                    measured.shown(ev)
                    final = ev
            return final.to_json()
        except QuestionError:
            lg = chosen_lang or "en"
            measured.failed(lg)
            return _error_json("empty_question", i18n.t("empty", lg), lg, rt)
        except Exception:
            log.exception("/ask failed")
            lg = chosen_lang or _question_lang(str(question or ""))
            measured.failed(lg)
            return _error_json("internal", ui("error", lg), lg, rt)
        finally:
            rt.leave(client)
    return ask


def _error_json(code: str, message: str, lang: str, rt: Runtime) -> dict:
    return {"answer": message, "lang": lang, "citations": [], "route": Route.ERROR, "evidence": [], "gist": None,
            "lead": message, "refused": True, "sources": [], "timings_ms": {}, "notices": [],
            "backend": rt.backend, "error": code}


def header_html(ui_lang: str, chosen: bool = True) -> str:
    """Title and intro; the page's JavaScript takes the page's lang, title and the conversation's accessible
    name (Gradio's is English) from here. Until the page's language is `chosen` (the load event), the page
    stays hidden: no flash of English before the interface language."""
    attrs = f'lang="{ui_lang}" dir="{direction(ui_lang)}" data-chat-name="{render.esc(ui("conversation", ui_lang))}"'
    attrs += " data-chosen" if chosen else ""
    return (f'<header class="cqa-head" {attrs}><h1>{render.esc(ui("title", ui_lang))}</h1>'
            f'<p class="cqa-intro">{render.esc(ui("intro", ui_lang))}</p></header>')


def _page_lang(request: Optional[gr.Request], stored: Optional[str] = None) -> tuple[str, str]:
    """(interface language, shared question): the page address's ?lang= (a share link carries it), else the
    language this browser chose before (`stored`, from localStorage), else the browser's languages; ?q=."""
    params: dict[str, str] = {}
    headers: dict = {}
    if request is not None:
        params = dict(getattr(request, "query_params", {}) or {})
        headers = dict(getattr(request, "headers", {}) or {})
        if "q" not in params and "lang" not in params and headers.get("referer"):
            params = {k: v[0] for k, v in parse_qs(urlparse(headers["referer"]).query).items() if v}
    lang = params.get("lang", "").lower()
    if lang not in LANGS:
        lang = stored if stored in LANGS else browser_lang(headers.get("accept-language"))
    return lang, params.get("q") or ""  # a long ?q= is shortened, with a notice, like any question


def _examples(lang: str) -> list[list[str]]:
    return [[q] for q in EXAMPLES[_ui(lang)]]


# --- the app -------------------------------------------------------------------------------------

def build_app(settings: Optional[Settings] = None, answerer: Optional[Answerer] = None,
              max_active: Optional[int] = None) -> gr.Blocks:
    """The Blocks app, queue configured. The answerer (given, or built from settings) warms in a thread."""
    settings = settings or Settings.load()
    rt = Runtime(settings, answerer, max_active)
    respond = make_respond(rt)

    with gr.Blocks(title=ui("title", "en"), analytics_enabled=False) as demo:
        with gr.Row(elem_id="cqa-top", equal_height=False):
            header = gr.HTML(header_html("en", chosen=False), elem_id="cqa-header", js_on_load=None, scale=4)
            ui_lang = gr.Dropdown(choices=list(render.iter_langs()), value="en", label=ui("ui_lang", "en"),
                                  elem_id="cqa-ui-lang", scale=0, min_width=190, interactive=True, container=False)
        status = gr.HTML(rt.status(), elem_id="cqa-status", js_on_load=None)
        timer = gr.Timer(1.0)
        conv = gr.State(_fresh_conversation())
        shared_q = gr.State("")

        with gr.Tabs(elem_id="cqa-tabs"):
            with gr.Tab(ui("tab_ask", "en"), id="chat", elem_id="cqa-tab-chat") as tab_ask:
                chatbot = gr.Chatbot(
                    label=ui("conversation", "en"), show_label=False, elem_id="cqa-chat", height=None,
                    min_height=220, autoscroll=False, group_consecutive_messages=False,
                    # Safety: messages are HTML built by ui/render.py from escaped text. No Markdown (so no
                    # [x](javascript:…) links), no LaTeX, custom tags escaped, and Gradio's sanitizer on top.
                    render_markdown=False, sanitize_html=True, latex_delimiters=[], allow_tags=False,
                    feedback_options=None, placeholder=ui("welcome", "en"), layout="bubble",
                    buttons=[])  # our own Copy copies text, citations and clause texts
                # A visible label in the interface language, no placeholder (a grey hint is hard to read), and
                # Send as a filled button: one line when empty, so the pinned composer stays small on a phone.
                question = gr.Textbox(label=ui("question_label", "en"), show_label=True, lines=1, max_lines=6,
                                      elem_id="cqa-question", autofocus=True, submit_btn=ui("send", "en"),
                                      stop_btn=False)
                examples = gr.Examples(examples=_examples("en"), inputs=[question], label=ui("examples", "en"),
                                       examples_per_page=len(EXAMPLES["en"]))
                with gr.Row(elem_id="cqa-tools", equal_height=False):
                    lang_choice = gr.Dropdown(
                        choices=[(ui("same_as_question", "en"), AUTO)] + list(render.iter_langs()), value=AUTO,
                        label=ui("answer_lang", "en"), elem_id="cqa-answer-lang", scale=2, min_width=180)
                    new_chat = gr.Button(ui("new_chat", "en"), variant="secondary", size="sm", scale=1,
                                         min_width=120, elem_id="cqa-new")
                    export = gr.Button(ui("export", "en"), variant="secondary", size="sm", scale=1, min_width=120,
                                       elem_id="cqa-export")

            with gr.Tab(ui("tab_browse", "en"), id="browse", elem_id="cqa-tab-browse") as tab_browse:
                with gr.Row(elem_id="cqa-browse-tools"):
                    browse_lang = gr.Dropdown(choices=render.browse_choices("en"), value="en",
                                              label=ui("browse_lang", "en"), elem_id="cqa-browse-lang", scale=1,
                                              min_width=140)
                    browse_q = gr.Textbox(label=ui("browse_search", "en"), placeholder=ui("browse_hint", "en"),
                                          elem_id="cqa-search", scale=3)
                browse = gr.HTML(render.browse_html("en", "", "en"), elem_id="cqa-browse", js_on_load=None)

        labelled = [header, status, tab_ask, tab_browse, chatbot, question, examples.dataset, lang_choice, new_chat,
                    export, browse_lang, browse_q, browse]

        def relabel(lang: str, shown: Optional[str] = None, query: str = "") -> list:
            """Everything of the page in interface language `lang`; Browse follows it unless it shows all six."""
            lang = _ui(lang)
            shown = render.ALL if shown == render.ALL else lang
            return [header_html(lang), rt.status(lang), gr.update(label=ui("tab_ask", lang)),
                    gr.update(label=ui("tab_browse", lang)),
                    gr.update(label=ui("conversation", lang), placeholder=ui("welcome", lang)),
                    gr.update(label=ui("question_label", lang), submit_btn=ui("send", lang)),
                    gr.update(label=ui("examples", lang), samples=_examples(lang)),
                    gr.update(label=ui("answer_lang", lang),
                              choices=[(ui("same_as_question", lang), AUTO)] + list(render.iter_langs())),
                    gr.update(value=ui("new_chat", lang)), gr.update(value=ui("export", lang)),
                    gr.update(label=ui("browse_lang", lang), choices=render.browse_choices(lang), value=shown),
                    gr.update(label=ui("browse_search", lang), placeholder=ui("browse_hint", lang)),
                    render.browse_html(shown, query, lang),
                    gr.update(label=ui("ui_lang", lang))]

        def on_load(stored: Optional[str], request: gr.Request) -> list:
            lang, q = _page_lang(request, stored)
            return [*relabel(lang)[:-1], gr.update(value=lang, label=ui("ui_lang", lang)), q,
                    gr.Timer(active=not rt.ready.is_set())]

        # The choice is remembered in this browser (localStorage) and kept in the address if it has ?lang=.
        ui_lang.input(relabel, [ui_lang, browse_lang, browse_q], [*labelled, ui_lang], js=STORE_LANG_JS,
                      queue=False, show_progress="hidden", api_visibility="private")

        chat_io = dict(fn=respond, inputs=[question, lang_choice, chatbot, conv, ui_lang],
                       outputs=[chatbot, conv, question], concurrency_limit=None,  # admission is the limit
                       # "multiple": a question sent right after Stop runs even though the page has not yet
                       # heard that the stopped one ended; the server keeps one answer per conversation.
                       show_progress="hidden", trigger_mode="multiple")
        # The chat's own endpoint stays out of the API docs (/ask is the documented one) but callable. It runs
        # after a no-op submit step, as in gr.ChatInterface: a cancelled (stopped) event must not be the
        # trigger's own, or the page would take the trigger for still running and ignore the next question.
        asked = question.submit(lambda: None, None, None, queue=False, show_progress="hidden",
                                api_visibility="private").then(
            **chat_io, api_name="chat", api_visibility="undocumented")
        from_example = examples.load_input_event.then(**chat_io, api_visibility="private")
        # No progress shown or announced for page events: Gradio's "Loading" would be in the browser's language.
        loaded = demo.load(on_load, ui_lang, [*labelled, ui_lang, shared_q, timer], js=LOAD_LANG_JS, queue=False,
                           show_progress="hidden", api_visibility="private")
        shared = loaded.then(**{**chat_io, "inputs": [shared_q, lang_choice, chatbot, conv, ui_lang]},
                             api_visibility="private")
        question.stop(stop_answer, [chatbot, ui_lang], [chatbot, question], cancels=[asked, from_example, shared],
                      queue=False, show_progress="hidden", api_visibility="private")

        new_chat.click(lambda lang: ([], _fresh_conversation(), _box(_ui(lang), False, value="")), ui_lang,
                       [chatbot, conv, question], cancels=[asked, from_example, shared], queue=False,
                       show_progress="hidden", api_visibility="private")
        chatbot.clear(_fresh_conversation, None, conv, queue=False, show_progress="hidden", api_visibility="private")
        export.click(None, None, None, js=EXPORT_JS, api_visibility="private")

        gr.on([browse_lang.change, browse_q.change], render.browse_html, inputs=[browse_lang, browse_q, ui_lang],
              outputs=browse, concurrency_limit=None, show_progress="hidden", trigger_mode="always_last",
              api_visibility="private")

        timer.tick(lambda lang: (rt.status(_ui(lang)), gr.Timer(active=not rt.ready.is_set())), ui_lang,
                   [status, timer], concurrency_limit=None, show_progress="hidden", api_visibility="private")

        gr.api(make_ask_api(rt), api_name="ask", concurrency_limit=None)

    # A backstop only: admission answers "busy" long before Gradio's own (English, generic) "queue full".
    limit = rt.admission.limit
    demo.queue(default_concurrency_limit=limit, max_size=4 * (limit + THREAD_HEADROOM))
    demo.cqa_runtime = rt  # for tests and serve(): rt.ready, rt.backend, rt.admission
    rt.start()
    return demo


def server_app(demo: gr.Blocks) -> FastAPI:
    """The app `serve` runs: the JSON API, probes and metrics on a FastAPI app, with the page mounted at "/"."""
    from ui import api
    app = FastAPI(title="Consensus QA API", version="1",
                  description="Questions about the Beijing Consensus on AI and Education (UNESCO, 2019), answered "
                              "with the official text of the clauses that answer them.",
                  docs_url=None, redoc_url=None)  # the interactive docs load scripts from a CDN: not offline
    api.install(app, demo.cqa_runtime)
    demo.max_threads = max_threads(demo)  # what launch(max_threads=) sets: Gradio's handler thread pool
    demo._queue.max_thread_count = demo.max_threads
    return gr.mount_gradio_app(app, demo, path="/", show_error=False, **launch_options())


class Server:
    """Uvicorn running `app` on host:port, in this thread (run) or a background one (start, for tests)."""

    def __init__(self, app: FastAPI, host: str, port: int, sock: Optional[socket.socket] = None) -> None:
        import uvicorn
        # No access log (addresses may carry a shared question, ?q=…); no X-Forwarded-For taken on trust: the
        # client's address comes from the connection, or from `trusted_proxy_header` when one is configured.
        config = uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False,
                                proxy_headers=False, timeout_graceful_shutdown=5)
        self.server = uvicorn.Server(config)
        self.url = f"http://{host}:{port}/"
        self._thread: Optional[threading.Thread] = None
        self._socket = sock or _listen(host, port)  # ours, so a busy port is an OSError (uvicorn would exit)

    def run(self) -> None:
        self.server.run(sockets=[self._socket])

    def start(self, timeout_s: float = 30.0) -> "Server":
        self.server.install_signal_handlers = lambda: None  # not the main thread
        self._thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self._socket]},
                                        name="cqa-http", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + timeout_s
        while not self.server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise OSError(f"could not listen on {self.url}")
            time.sleep(0.01)
        return self

    def close(self) -> None:
        self.server.should_exit = True
        if self._thread is not None:
            self._thread.join(10)
        self._socket.close()


def _listen(host: str, port: int) -> socket.socket:
    family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM,
                                                         flags=socket.AI_PASSIVE)[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(2048)
    except OSError:
        sock.close()
        raise
    return sock


def serve(settings: Settings, answerer: Optional[Answerer] = None) -> None:
    """Start the web chat on settings.host:settings.port and block until interrupted."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # Gradio's own startup probes
    logging.getLogger("pymorphy3").setLevel(logging.WARNING)
    if answerer is None:
        answerer = Answerer(settings)
        if answerer.summaries:
            answerer.service.check()  # a bad model setting stops here, in one line naming it (not once per question)
    settings.check_cache_writable()  # the index loads in the background, too late to say
    try:
        sock = _listen(settings.host, settings.port)
    except OSError as e:  # a port in use, a host that is not this machine's
        raise SettingsError(f"cannot serve on {settings.host}:{settings.port} ({e.strerror or e}); "
                            "set 'host' / 'port' (CQA_HOST / CQA_PORT) to a free address of this machine") from None
    demo = build_app(settings, answerer)
    server = Server(server_app(demo), settings.host, settings.port, sock)
    print(f"Consensus QA: open http://{settings.host}:{settings.port} (the index and model load in the background; "
          f"GET /readyz answers 200 once they have)", flush=True)
    if settings.share:
        threading.Thread(target=_share, args=(demo, settings), name="cqa-share", daemon=True).start()
    try:
        server.run()
    finally:
        demo.close(verbose=False)


def _share(demo: gr.Blocks, settings: Settings) -> None:
    """A public Gradio share link to this server (Gradio's tunnel; it needs the internet)."""
    try:
        from gradio import networking
        time.sleep(1.0)  # the server is listening by then
        url = networking.setup_tunnel(settings.host, settings.port, demo.share_token, None, None)
        print(f"Consensus QA: public share link {url.replace('http://', 'https://', 1)}", flush=True)
    except Exception as e:  # no internet: the local server goes on
        log.warning("no share link: %s", e)
