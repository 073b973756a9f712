"""The web chat (Gradio 6): ask the Beijing Consensus in any of its six languages, browse its 44 clauses.

    build_app(settings, answerer=None, max_active=None) -> gr.Blocks   (queue configured; warms in the background)
    launch_options() -> dict                          (theme, CSS and JS: Gradio 6 takes them in launch())
    serve(settings)                                    (blocking; what `consensus-qa serve` runs)

API: `/ask` (question: str, lang: str = "auto") -> Answer.to_json(), for gradio_client.

Admission: at most `max_active` questions (chat and /ask together) are being answered at once; one more
is told at once, in its own language, that the assistant is busy. Gradio itself puts no limit on these
handlers, so a question never waits in Gradio's queue just to be turned away, and retrieval is never queued
behind the model (the Answerer's generation service rations the model itself).
"""
from __future__ import annotations

import contextlib
import logging
import os
import tempfile
import threading
import time
from typing import Any, Iterator, Optional
from urllib.parse import parse_qs, urlparse

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # before gradio is imported

import gradio as gr  # noqa: E402

from rag import i18n  # noqa: E402
from rag.answer import Answer, Answerer  # noqa: E402
from rag.corpus import LANGS  # noqa: E402
from rag.lang import detect  # noqa: E402
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


# --- the answerer, warmed in the background; admission ------------------------------------------------

class Admission:
    """At most `limit` questions in progress; the next one is turned away at once, never queued."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._slots = threading.BoundedSemaphore(limit)
        self._count = threading.Lock()
        self.rejected = 0

    def enter(self) -> bool:
        ok = self._slots.acquire(blocking=False)
        if not ok:
            with self._count:  # handlers run in many threads
                self.rejected += 1
        return ok

    def leave(self) -> None:
        self._slots.release()


class Runtime:
    """Holds the Answerer; builds and warms it in a thread so the page appears at once."""

    def __init__(self, settings: Settings, answerer: Optional[Answerer] = None,
                 max_active: Optional[int] = None) -> None:
        self.settings = settings
        self.answerer = answerer
        self.admission = Admission(max_active or default_max_active(settings))
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
        if not rt.admission.enter():
            rt.end(session)
            # The question stays in the box, ready to be sent again in a moment.
            yield chat(render.busy_html(ui_lang)), gr.skip(), gr.skip()
            return
        try:
            waiting = "searching" if rt.ready.is_set() else "loading"
            yield chat(render.status_message_html(ui(waiting, shown_lang), shown_lang)), gr.skip(), \
                _box(ui_lang, False, value="")
            answerer = rt.wait()
            if answerer is None:
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
                    html = render.answer_html(ev, msg_id, ui_lang, question, shown_notices)
                    if ev.pending:
                        yield chat(html), gr.skip(), _box(ui_lang, True)
                    else:
                        conv["questions"] = [*conv.get("questions", []), question][-10:]
                        conv["lang"] = ev.lang
                        yield chat(html), conv, _box(ui_lang, False)
        except QuestionError:  # nothing to ask once cleaned (punctuation or control characters only): say so
            yield chat(render.no_question_html(shown_lang)), conv, _box(ui_lang, False)
        except Exception:
            log.exception("answering failed")
            yield chat(render.error_html(ui_lang, "error")), conv, _box(ui_lang, False)
        finally:
            rt.admission.leave()
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
    def ask(question: str, lang: str = AUTO) -> dict:
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
        if not rt.admission.enter():
            lg = chosen_lang or _question_lang(str(question or ""))
            return _error_json("busy", ui("busy", lg), lg, rt)
        try:
            answerer = rt.wait()
            if answerer is None:
                return _error_json("unavailable", ui("unavailable", chosen_lang or "en", why=rt.error or "unknown"),
                                   chosen_lang or "en", rt)
            return answerer.run(question, lang=chosen_lang).to_json()
        except QuestionError:
            lg = chosen_lang or "en"
            return _error_json("empty_question", i18n.t("empty", lg), lg, rt)
        except Exception:
            log.exception("/ask failed")
            lg = chosen_lang or _question_lang(str(question or ""))
            return _error_json("internal", ui("error", lg), lg, rt)
        finally:
            rt.admission.leave()
    return ask


def _error_json(code: str, message: str, lang: str, rt: Runtime) -> dict:
    return {"answer": message, "lang": lang, "citations": [], "route": "error", "evidence": [], "gist": None,
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


def serve(settings: Settings) -> None:
    """Start the web chat on settings.host:settings.port and block until interrupted."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # Gradio's own startup probes
    logging.getLogger("pymorphy3").setLevel(logging.WARNING)
    answerer = Answerer(settings)
    answerer.service.check()  # a bad model setting stops here, in one line naming it (not once per question)
    try:  # so does a cache folder that cannot be written (the index loads in the background, too late to say)
        settings.cache_path.mkdir(parents=True, exist_ok=True)
        tempfile.TemporaryFile(dir=settings.cache_path).close()
    except OSError as e:
        raise SettingsError(f"cannot write to the cache folder {settings.cache_path} ({e.strerror or e}); "
                            "set 'cache_dir' / CQA_CACHE_DIR to a writable folder") from None
    demo = build_app(settings, answerer)
    print(f"Consensus QA: open http://{settings.host}:{settings.port} "
          "(the index and model load in the background)", flush=True)
    try:
        demo.launch(server_name=settings.host, server_port=settings.port, share=settings.share,
                    show_error=False, max_threads=max_threads(demo), **launch_options())
    except OSError as e:  # a port in use, a host that is not this machine's
        raise SettingsError(f"cannot serve on {settings.host}:{settings.port} ({e}); "
                            "set 'host' / 'port' (CQA_HOST / CQA_PORT) to a free address of this machine") from None
