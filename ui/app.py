"""The web chat (Gradio 6): ask the Beijing Consensus in any of its six languages, browse its 44 clauses.

    build_app(settings, answerer=None) -> gr.Blocks   (queue configured; the answerer warms in the background)
    launch_options() -> dict                          (theme, CSS and JS: Gradio 6 takes them in launch())
    serve(settings)                                    (blocking; what `consensus-qa serve` runs)

API: `/ask` (question: str, lang: str = "auto") -> Answer.to_json(), for gradio_client.
"""
from __future__ import annotations

import logging
import os
import threading
import time
from typing import Any, Iterator, Optional

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # before gradio is imported

import gradio as gr  # noqa: E402

from rag import i18n  # noqa: E402
from rag.answer import Answer, Answerer, Draft  # noqa: E402
from rag.corpus import LANGS  # noqa: E402
from rag.lang import detect  # noqa: E402
from rag.question import QuestionError  # noqa: E402
from rag.settings import Settings  # noqa: E402
from ui import render  # noqa: E402
from ui.strings import NATIVE_NAMES, ui  # noqa: E402

log = logging.getLogger("consensus_qa.ui")

AUTO = "auto"

# One in-scope question per language, as a teacher might type it.
EXAMPLES = [
    ("en", "What does the Consensus say about the role of teachers?"),
    ("fr", "Comment l’IA peut-elle favoriser l’apprentissage tout au long de la vie ?"),
    ("es", "¿Qué dice el Consenso sobre la igualdad de género en la IA?"),
    ("ru", "Как ИИ может помочь в управлении образованием?"),
    ("zh", "如何确保人工智能在教育中的公平和包容？"),
    ("ar", "كيف يمكن حماية خصوصية بيانات الطلاب؟"),
]

TITLE = "Beijing Consensus on AI and Education — Q&A"
INTRO = ("Ask a question about the Beijing Consensus on Artificial Intelligence and Education (UNESCO, 2019) "
         "in English, français, español, русский, 中文 or العربية. Every answer cites the clauses it rests on, "
         "with their official text.")

PLACEHOLDER = ("Your question · Votre question · Su pregunta · Ваш вопрос · 您的问题 · سؤالك")
NEW_CHAT = "New conversation · Nouvelle conversation · Nueva conversación · Новый диалог · 新对话 · محادثة جديدة"
ANSWER_LANG = "Answer language · Langue de la réponse · Idioma · Язык ответа · 回答语言 · لغة الإجابة"
SAME_AS_QUESTION = "Same as the question / auto"
BROWSE_LANG = "Language · Langue · Idioma · Язык · 语言 · اللغة"
BROWSE_SEARCH = "Search · Rechercher · Buscar · Поиск · 搜索 · بحث"
BROWSE_HINT = "a word or a clause number, e.g. teachers, 12, 28-30"

CHAT_PLACEHOLDER = """**Ask the Beijing Consensus** — in any of its six official languages.

Posez votre question · Haga su pregunta · Задайте вопрос · 请提问 · اطرح سؤالك

Answers quote or summarise the official text and link every claim to its clause: click a number such as [12]
to see the clause, then open it in all six languages."""

CSS = """
.cqa-status { margin: 0; font-size: .9em; opacity: .85; }
.cqa-dot { display: inline-block; width: .6em; height: .6em; border-radius: 50%; margin-inline-end: .35em; }
.cqa-status-loading .cqa-dot { background: #e69500; animation: cqa-pulse 1s infinite alternate; }
.cqa-status-ready .cqa-dot { background: #16a34a; }
.cqa-status-error .cqa-dot { background: #dc2626; }
@keyframes cqa-pulse { from { opacity: .3; } to { opacity: 1; } }
.cqa-question, .cqa-answer { unicode-bidi: isolate; }
.cqa-question p, .cqa-answer p { margin: 0 0 .45em 0; }
/* "start" follows each element's own dir: Arabic cells right, the others left, even inside an RTL answer */
.cqa-answer, .cqa-question, .cqa-browse, .cqa-version, .cqa-source { text-align: start; }
.cqa-answer .cqa-working { font-size: .85em; font-style: italic; opacity: .7; }
.cqa-answer a.cqa-cite { font-weight: 600; text-decoration: none; padding: 0 .1em; }
.cqa-answer a.cqa-cite:hover { text-decoration: underline; }
.cqa-notice { font-size: .88em; padding: .35em .6em; border-radius: 6px; margin: .4em 0;
  background: rgba(255, 170, 0, .14); border-inline-start: 3px solid #e69500; }
.cqa-path-note { font-size: .8em; opacity: .7; }
.cqa-sources { margin-top: .6em; padding-top: .4em; border-top: 1px solid var(--border-color-primary); }
.cqa-sources-title, .cqa-nearest > summary { font-size: .8em; font-weight: 600; letter-spacing: .02em;
  text-transform: uppercase; opacity: .7; margin: 0 0 .3em 0; cursor: default; }
.cqa-nearest > summary { cursor: pointer; }
.cqa-source { margin: .45em 0; padding: .45em .7em; border-radius: 8px;
  background: var(--background-fill-secondary); border-inline-start: 3px solid var(--color-accent);
  scroll-margin: 12px; transition: box-shadow .3s; }
.cqa-source.cqa-flash { box-shadow: 0 0 0 3px var(--color-accent-soft, rgba(255,125,0,.35)); }
.cqa-source-head { font-size: .85em; margin: 0 0 .2em 0; }
.cqa-source-num { font-weight: 700; }
.cqa-source-section { opacity: .75; }
.cqa-source-section::before { content: "· "; }
.cqa-source-text { margin: .2em 0; padding: 0; border: 0; font-size: .93em; }
.cqa-versions > summary { cursor: pointer; font-size: .82em; color: var(--link-text-color, #2563eb); }
.cqa-grid { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: .5em; margin-top: .4em; }
@media (max-width: 900px) { .cqa-grid { grid-template-columns: repeat(2, minmax(0, 1fr)); } }
@media (max-width: 560px) { .cqa-grid { grid-template-columns: minmax(0, 1fr); } }
.cqa-version { padding: .4em .55em; border: 1px solid var(--border-color-primary); border-radius: 6px;
  font-size: .85em; background: var(--background-fill-primary); }
.cqa-version-lang { font-weight: 700; font-size: .8em; opacity: .7; margin-bottom: .2em; }
.cqa-meta { font-size: .72em; opacity: .5; margin: .5em 0 0 0; }
.cqa-browse .cqa-section h3 { margin: 1em 0 .3em 0; font-size: 1.05em; }
.cqa-browse .cqa-lead-in { font-style: italic; opacity: .8; margin: .2em 0 .5em 0; }
.cqa-browse .cqa-clause { display: flex; gap: .6em; align-items: baseline; margin: .35em 0; }
.cqa-browse .cqa-clause p { margin: 0; }
.cqa-browse .cqa-clause-num { flex: none; min-width: 2em; text-align: center; font-weight: 700;
  border-radius: 6px; background: var(--background-fill-secondary); padding: 0 .3em; }
.cqa-browse-count { font-size: .85em; opacity: .7; }
.cqa-browse mark { padding: 0 .1em; border-radius: 3px; }
"""

# Runs once in the page: citation links scroll to (and flash) their source inside the chat, and the
# question box follows the direction of what is typed (Arabic right-to-left).
JS = """
() => {
  document.addEventListener('click', (ev) => {
    const a = ev.target && ev.target.closest ? ev.target.closest('a.cqa-cite') : null;
    if (!a) return;
    const id = (a.getAttribute('href') || '').slice(1);
    const el = id ? document.getElementById(id) : null;
    if (!el) return;
    ev.preventDefault();
    el.scrollIntoView({behavior: 'smooth', block: 'nearest'});
    el.classList.remove('cqa-flash'); void el.offsetWidth; el.classList.add('cqa-flash');
    setTimeout(() => el.classList.remove('cqa-flash'), 1600);
  });
  const autoDir = () => document.querySelectorAll('#cqa-question textarea, #cqa-search textarea')
    .forEach((t) => { if (t.getAttribute('dir') !== 'auto') t.setAttribute('dir', 'auto'); });
  autoDir();
  new MutationObserver(autoDir).observe(document.body, {childList: true, subtree: true});
}
"""


def _theme() -> gr.themes.Base:
    # System fonts only: the default theme fetches a web font, and this app must work offline.
    return gr.themes.Soft(
        font=["system-ui", "-apple-system", "Segoe UI", "Noto Sans", "Noto Sans Arabic", "Noto Sans CJK SC",
              "Arial", "sans-serif"],
        font_mono=["ui-monospace", "SFMono-Regular", "Menlo", "monospace"])


def launch_options() -> dict[str, Any]:
    """Keyword arguments for demo.launch(): in Gradio 6 theme, css and js belong to launch()."""
    return {"theme": _theme(), "css": CSS, "js": JS, "ssr_mode": False}


# --- the answerer, warmed in the background --------------------------------------------------------

class Runtime:
    """Holds the Answerer; builds and warms it in a thread so the page appears at once."""

    def __init__(self, settings: Settings, answerer: Optional[Answerer] = None) -> None:
        self.settings = settings
        self.answerer = answerer
        self.ready = threading.Event()
        self.error: Optional[str] = None
        self.backend = ""
        self.started = time.monotonic()
        self.ready_after: Optional[float] = None
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
        try:
            if self.answerer is not None:
                self.backend = self.answerer.backend_name
        except Exception as e:
            log.warning("backend unavailable: %s", e)
            self.backend = "extractive (model unavailable)"
        self.ready_after = time.monotonic() - self.started
        self.ready.set()

    def wait(self, timeout: Optional[float] = None) -> Optional[Answerer]:
        self.ready.wait(timeout)
        return self.answerer

    def status(self) -> str:
        if not self.ready.is_set():
            return render.status_html("loading", seconds=time.monotonic() - self.started)
        if self.answerer is None:
            return render.status_html("error", self.error or "no answerer")
        detail = f"answers by: {self.backend}"
        if self.error:
            detail += f" · {self.error}"
        return render.status_html("ready", detail)


# --- handlers ----------------------------------------------------------------------------------------

def _fresh_conversation() -> dict:
    return {"questions": [], "lang": None}


def _question_lang(text: str) -> str:
    """The language a question is written in (for its text direction), "en" when unknown."""
    try:
        return detect(text).lang if text.strip() else "en"
    except Exception:
        return "en"


def make_respond(rt: Runtime):
    def respond(question: str, lang_choice: str, messages: list, conv: dict) -> Iterator[tuple]:
        """Stream one answer into the chat: question bubble, draft as written, then the checked answer.

        Yields (chat messages, conversation state, question box); every yield is a fresh list.
        """
        question = question if isinstance(question, str) else ("" if question is None else str(question))
        chosen = lang_choice if lang_choice in LANGS else None
        conv = dict(conv or _fresh_conversation())
        before = list(messages or [])

        def chat(content: str) -> list:
            return [*before, {"role": "assistant", "content": content}]

        if not question.strip():
            yield chat(render.empty_question_html(chosen or conv.get("lang"))), conv, ""
            return
        qlang = _question_lang(question)
        shown_lang = chosen or qlang
        before.append({"role": "user", "content": render.question_html(question, qlang)})
        waiting = "searching" if rt.ready.is_set() else "loading"
        yield chat(render.status_message_html(ui(waiting, shown_lang), shown_lang)), gr.skip(), ""
        answerer = rt.wait()
        if answerer is None:
            yield chat(render.error_html(shown_lang, "unavailable", why=rt.error or "unknown error")), conv, gr.skip()
            return
        msg_id = render.new_message_id()
        try:
            for ev in answerer.stream(question, lang=chosen, history=list(conv.get("questions", []))):
                if isinstance(ev, Draft):
                    yield chat(render.draft_html(ev.text, shown_lang)), gr.skip(), gr.skip()
                elif isinstance(ev, Answer):
                    conv["questions"] = [*conv.get("questions", []), question][-10:]
                    conv["lang"] = ev.lang
                    yield chat(render.answer_html(ev, msg_id)), conv, gr.skip()
        except QuestionError:  # blank after cleaning (control characters only, …)
            yield chat(render.empty_question_html(chosen or conv.get("lang"))), conv, gr.skip()
        except Exception:
            log.exception("answering failed")
            yield chat(render.error_html(shown_lang)), conv, gr.skip()
    return respond


def make_ask_api(rt: Runtime):
    def ask(question: str, lang: str = AUTO) -> dict:
        """Answer a question about the Beijing Consensus on AI and Education.

        question: the question, in English, French, Spanish, Russian, Chinese or Arabic.
        lang: answer language (en, fr, es, ru, zh, ar) or "auto" for the question's language.
        Returns the answer as JSON: answer, lang, citations, refused, path, sources, timings_ms, notices, backend
        (and "error" when no answer could be made).
        """
        chosen = (lang or AUTO).strip().lower()
        if chosen not in LANGS and chosen != AUTO:
            return _error_json("bad_lang", f"lang must be 'auto' or one of {', '.join(LANGS)} (got {lang!r})",
                               "en", rt)
        chosen_lang = chosen if chosen in LANGS else None
        answerer = rt.wait()
        if answerer is None:
            return _error_json("unavailable", ui("unavailable", chosen_lang or "en", why=rt.error or "unknown"),
                               chosen_lang or "en", rt)
        try:
            return answerer.run(question, lang=chosen_lang).to_json()
        except QuestionError:
            lg = chosen_lang or "en"
            return _error_json("empty_question", i18n.t("empty", lg), lg, rt)
        except Exception:
            log.exception("/ask failed")
            lg = chosen_lang or _question_lang(str(question or ""))
            return _error_json("internal", ui("error", lg), lg, rt)
    return ask


def _error_json(code: str, message: str, lang: str, rt: Runtime) -> dict:
    return {"answer": message, "lang": lang, "citations": [], "refused": True, "path": "error", "sources": [],
            "timings_ms": {}, "notices": [], "backend": rt.backend, "error": code}


def _status(rt: Runtime):
    def tick():
        return rt.status(), gr.Timer(active=not rt.ready.is_set())
    return tick


# --- the app -------------------------------------------------------------------------------------

def build_app(settings: Optional[Settings] = None, answerer: Optional[Answerer] = None) -> gr.Blocks:
    """The Blocks app, queue configured. The answerer (given, or built from settings) warms in a thread."""
    settings = settings or Settings.load()
    rt = Runtime(settings, answerer)
    respond = make_respond(rt)
    # Handlers run many at once (retrieval, refusals and lookups are quick); the Answerer itself lets
    # only settings.concurrency generations run, and a request that waits too long gets the official text.
    limit = max(8, 4 * int(settings.concurrency))

    with gr.Blocks(title=TITLE, analytics_enabled=False) as demo:
        gr.Markdown(f"## {TITLE}\n{INTRO}", elem_id="cqa-header")
        status = gr.HTML(rt.status(), elem_id="cqa-status", js_on_load=None)
        timer = gr.Timer(1.0)
        conv = gr.State(_fresh_conversation())

        with gr.Tabs():
            with gr.Tab("Ask · Demander · Preguntar · Спросить · 提问 · اسأل", id="chat"):
                chatbot = gr.Chatbot(
                    label="Beijing Consensus Q&A", elem_id="cqa-chat", height="52vh", min_height=360, resizable=True,
                    # Safety: messages are HTML built by ui/render.py from escaped text. No Markdown (so no
                    # [x](javascript:…) links), no LaTeX, custom tags escaped, and Gradio's sanitizer on top.
                    render_markdown=False, sanitize_html=True, latex_delimiters=[], allow_tags=False,
                    feedback_options=None, placeholder=CHAT_PLACEHOLDER, layout="bubble",
                    buttons=[])  # copy buttons would copy our HTML markup, not the text
                question = gr.Textbox(placeholder=PLACEHOLDER, show_label=False, lines=1, max_lines=8,
                                      elem_id="cqa-question", autofocus=True, submit_btn=True)
                examples = gr.Examples(
                    examples=[[q] for _, q in EXAMPLES], inputs=[question],
                    example_labels=[f"{NATIVE_NAMES[lg]} — {q}" for lg, q in EXAMPLES],
                    label="Examples — click one to ask it", examples_per_page=6)
                with gr.Row():
                    lang_choice = gr.Dropdown(
                        choices=[(SAME_AS_QUESTION, AUTO)] + list(render.iter_langs()), value=AUTO,
                        label=ANSWER_LANG, elem_id="cqa-answer-lang", scale=3)
                    new_chat = gr.Button(NEW_CHAT, variant="secondary", size="sm", scale=1, elem_id="cqa-new")

            with gr.Tab("Browse the Consensus · Consulter · Consultar · Читать · 浏览 · تصفّح", id="browse"):
                with gr.Row():
                    browse_lang = gr.Dropdown(choices=list(render.iter_langs()), value="en", label=BROWSE_LANG,
                                              elem_id="cqa-browse-lang", scale=1)
                    browse_q = gr.Textbox(label=BROWSE_SEARCH, placeholder=BROWSE_HINT, elem_id="cqa-search",
                                          scale=3)
                browse = gr.HTML(render.browse_html("en"), elem_id="cqa-browse", js_on_load=None)

        chat_io = dict(fn=respond, inputs=[question, lang_choice, chatbot, conv],
                       outputs=[chatbot, conv, question], concurrency_limit=limit, concurrency_id="answerer",
                       show_progress="minimal")
        # The chat's own endpoint stays out of the API docs (/ask is the documented one) but callable.
        question.submit(**chat_io, api_name="chat", api_visibility="undocumented")
        examples.load_input_event.then(**chat_io, api_visibility="private")
        new_chat.click(lambda: ([], _fresh_conversation(), ""), None, [chatbot, conv, question],
                       queue=False, api_visibility="private")
        chatbot.clear(_fresh_conversation, None, conv, queue=False, api_visibility="private")

        gr.on([browse_lang.change, browse_q.change], render.browse_html, inputs=[browse_lang, browse_q],
              outputs=browse, concurrency_limit=None, show_progress="hidden", trigger_mode="always_last",
              api_visibility="private")

        tick = _status(rt)
        timer.tick(tick, None, [status, timer], concurrency_limit=None, show_progress="hidden",
                   api_visibility="private")
        demo.load(tick, None, [status, timer], concurrency_limit=None, show_progress="hidden",
                  api_visibility="private")

        gr.api(make_ask_api(rt), api_name="ask", concurrency_limit=limit, concurrency_id="answerer")

    demo.queue(default_concurrency_limit=max(4, limit))
    demo.cqa_runtime = rt  # for tests and serve(): rt.ready, rt.backend
    rt.start()
    return demo


def serve(settings: Settings) -> None:
    """Start the web chat on settings.host:settings.port and block until interrupted."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # Gradio's own startup probes
    demo = build_app(settings)
    print(f"Consensus QA: open http://{settings.host}:{settings.port} "
          "(the index and model load in the background)", flush=True)
    demo.launch(server_name=settings.host, server_port=settings.port, share=settings.share,
                show_error=False, **launch_options())
