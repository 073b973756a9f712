"""The page in a real headless Chromium (Debian's, `make browser`) at 1366×900 and 390×844.

Asks in all six languages and checks what a reader and a screen reader get: named question box, send
button and citation chips, nothing over the first message, the phone layout, evidence first and the
unchecked draft never, Stop, Copy / Share link / Markdown export, right-to-left Arabic, HTML shown as text,
Browse in one language and six side by side. WCAG 2.2 AA: axe-core finds nothing of any impact on the first
view, an answer and both Browse views, in the en, fr and ar interfaces, desktop and phone; every control is
at least 24×24 px; dropdowns close when Tab leaves them; the tabs take the arrow keys; the keyboard reaches
everything with a visible focus ring. One language per screen: with an fr, ar or zh interface and a question in
any language, no text of a third language. Screenshots go to tests/artifacts/ (git-ignored); the README
pictures come from `python -m ui.screenshots`, the same view with the real model.
"""
import os
import re
import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from rag.answer import Answerer, Draft
from rag.corpus import LANGS, N_CLAUSES, load_corpus
from rag.serving import free_port
from tests.standins import pending_first

# Gradio 6.31's queue calls pandas APIs that pandas 3 deprecates: its noise, not ours.
pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning")]

CHROMIUM = "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
ARABIC = "كيف يمكن حماية خصوصية بيانات الطلاب؟"
MULTI = ["How can AI improve education management?", "How should teachers be prepared to work with AI?",
         "What skills do students need for an AI-driven world?"]
TIMEOUT_MS = 60_000
FINALS = ".cqa-answer.cqa-final"


class Staged(Answerer):
    """The real extractive answer, delivered the way a model answer is: first pending (the evidence, at once),
    then unchecked Draft progress for `delay` seconds, then the final answer. A stand-in for the model phase
    only, which is too slow on this CPU for a browser test; everything shown is the real answer."""

    DRAFT = "UNCHECKED-DRAFT-TEXT"
    delay = 0.4

    def stream(self, question, lang=None, history=()):
        final = yield from pending_first(super().stream(question, lang=lang, history=history))
        if final is None:
            return
        end = time.monotonic() + self.delay
        while time.monotonic() < end:
            time.sleep(0.1)
            yield Draft(self.DRAFT)
        yield final


@pytest.fixture(scope="module")
def app(settings, retriever):
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is missing (install Debian's chromium: `make browser`)")
    from ui.app import build_app, launch_options
    s = settings.replace(backend="extractive")
    staged = Staged(s, retriever=retriever)
    demo = build_app(s, staged)
    port = free_port()
    demo.launch(prevent_thread_lock=True, server_name="127.0.0.1", server_port=port, quiet=True,
                **launch_options())
    try:
        assert demo.cqa_runtime.ready.wait(600), "the answerer did not warm up"  # index and model, once
        yield f"http://127.0.0.1:{port}/", staged
    finally:
        demo.close()


@pytest.fixture(scope="module")
def browser(app):
    from playwright.sync_api import sync_playwright
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def open_page(browser, app):
    contexts = []

    def _open(view="desktop", locale="en-US", query=""):
        context = browser.new_context(viewport=VIEWPORTS[view], locale=locale, accept_downloads=True)
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=app[0].rstrip("/"))
        contexts.append(context)
        pg = context.new_page()
        pg.set_default_timeout(TIMEOUT_MS)
        pg.dialogs = []
        pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
        pg.goto(app[0] + query)
        pg.wait_for_selector("#cqa-status .cqa-status-ready")
        return pg

    yield _open
    for c in contexts:
        c.close()


ASK = {"en": "What does the Consensus say about the role of teachers?",
       "fr": "Comment l’IA peut-elle favoriser l’apprentissage tout au long de la vie ?",
       "es": "¿Qué dice el Consenso sobre la igualdad de género en la IA?",
       "ru": "Как ИИ может помочь в управлении образованием?",
       "zh": "如何确保人工智能在教育中的公平和包容？",
       "ar": ARABIC}

# Every visible control: links, buttons, fields, disclosure summaries, tabs, options, focusable boxes. Returns
# [tag, class, text, width, height] of each, measured on screen.
TARGETS_JS = """() => [...document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), textarea, select, summary, [role=tab], [role=option], [tabindex]')]
  .filter(e => !e.closest('[aria-hidden=true], .cqa-sr') && e.checkVisibility({visibilityProperty: true}))
  .filter(e => e.getAttribute('tabindex') !== '-1' || e.matches('[role=tab]'))
  .map(e => { const r = e.getBoundingClientRect();
              return [e.tagName, String(e.className).slice(0, 40), (e.textContent || e.getAttribute('aria-label') || '').trim().slice(0, 30),
                      Math.round(r.width * 10) / 10, Math.round(r.height * 10) / 10, r.left, r.top, r.right, r.bottom]; })
  .filter(t => t[3] > 0 && t[4] > 0)"""


def targets(page) -> list:
    return page.evaluate(TARGETS_JS)


def small_targets(page, minimum: float = 24) -> list:
    return [t[:5] for t in targets(page) if t[3] < minimum or t[4] < minimum]


def overlapping_chips(page) -> list:
    """Citation chips that touch or overlap another (WCAG 2.5.8 wants them apart as well as large)."""
    return page.evaluate("""() => { const r = [...document.querySelectorAll('.cqa-chip')]
        .filter(e => e.checkVisibility()).map(e => e.getBoundingClientRect());
      const bad = [];
      for (let i = 0; i < r.length; i++) for (let j = i + 1; j < r.length; j++) {
        const a = r[i], b = r[j];
        if (a.left < b.right + 2 && b.left < a.right + 2 && a.top < b.bottom && b.top < a.bottom) bad.push([i, j]);
      }
      return bad; }""")


def focus_ring(page) -> tuple:
    """(outline style, width) of what has focus, or of the dropdown box around a focused dropdown field."""
    return page.evaluate("""() => { let e = document.activeElement;
      if (e && e.matches('input[role=combobox]')) e = e.closest('.wrap');
      const cs = getComputedStyle(e); return [cs.outlineStyle, parseFloat(cs.outlineWidth)]; }""")


def open_everything(answer) -> None:
    """Unfold an answer's sources, their six-language views and its Details: every control in sight."""
    answer.evaluate("a => a.querySelectorAll('details').forEach(d => { d.open = true; })")


def ask(page, text: str) -> None:
    before = page.locator(FINALS).count()
    box = page.locator("#cqa-question textarea")
    box.fill(text)
    box.press("Enter")
    page.wait_for_function("n => document.querySelectorAll('.cqa-answer.cqa-final').length > n", arg=before)


def chips_named(answer, lang: str) -> list[int]:
    """The clause numbers of an answer's chips, read from their accessible names in `lang` ("Clause 12",
    "Paragraphe 12", "第12条", "الفقرة 12")."""
    from ui.strings import ui
    before, _, after = ui("clause", lang, n="\0").partition("\0")
    name = rf"^{re.escape(before.strip())}\s*\d+\s*{re.escape(after.strip())}$"
    links = answer.get_by_role("link", name=re.compile(name))
    return [int(re.search(r"\d+", links.nth(i).evaluate("e => e.textContent")).group(0))
            for i in range(links.count())]


def uncovered(page, locator) -> bool:
    """Nothing is painted over this element: the topmost element at sample points inside it is its own."""
    locator.scroll_into_view_if_needed()
    return locator.evaluate("""el => {
      const r = el.getBoundingClientRect();
      const ys = [r.top + 6, r.top + Math.min(r.height / 2, 40)], xs = [r.left + 8, r.left + r.width / 2, r.right - 8];
      return ys.every(y => xs.every(x => { const hit = document.elementFromPoint(x, y); return hit && el.contains(hit); }));
    }""")


def axe(page) -> list[str]:
    """axe-core's violations of any impact (minor included), WCAG 2.2 rules and best practices alike."""
    from axe_playwright_python.sync_playwright import Axe
    results = Axe().run(page)
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}" for v in results.response["violations"]]


@pytest.mark.parametrize("view", ["desktop", "phone"])
def test_six_languages_named_controls_layout_and_axe(open_page, view):
    page = open_page(view)
    vh = VIEWPORTS[view]["height"]
    box = page.get_by_role("textbox", name="Your question", exact=True)
    send = page.get_by_role("button", name="Send", exact=True)
    assert box.is_visible() and send.is_visible() and send.is_disabled()  # named, and no empty question
    box.focus()  # a visible focus ring
    ring = box.evaluate("e => [getComputedStyle(e).outlineStyle, parseFloat(getComputedStyle(e).outlineWidth)]")
    assert ring[0] != "none" and ring[1] >= 2, ring
    bb = box.bounding_box()
    assert bb["y"] + bb["height"] <= vh, f"question box below the first viewport: {bb}"
    for label in ("#cqa-answer-lang", "#cqa-ui-lang"):  # one short line each, in the interface language
        info = page.locator(f"{label} [data-testid='block-info']")
        if info.is_visible():
            lh = float(info.evaluate("e => parseFloat(getComputedStyle(e).lineHeight) || 20"))
            assert info.bounding_box()["height"] <= 1.6 * lh, f"{label} label wraps"
    browse = page.get_by_role("tab", name="Browse", exact=True)
    tb = browse.bounding_box()
    assert browse.is_visible() and tb["x"] + tb["width"] <= VIEWPORTS[view]["width"] and tb["y"] < vh
    browse.click()  # one tap away, no "more tabs" menu
    page.locator("#cqa-browse-12").wait_for()
    page.get_by_role("tab", name="Ask", exact=True).click()

    corpus = load_corpus()
    for i, (lang, question) in enumerate(ASK.items()):
        ask(page, question)
        answer = page.locator(FINALS).last
        assert answer.get_attribute("lang") == lang
        assert answer.get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
        cited = chips_named(answer, lang)  # named in the answer's language, as its sources are
        assert cited and all(1 <= n <= N_CLAUSES for n in cited), f"no chip named 'Clause n' in {lang}"
        for quote in answer.locator(".cqa-quote").all():  # evidence: official sentences, verbatim
            shown = quote.inner_text().strip()
            assert any(part.strip() in corpus.clause(n, lang).text
                       for n in cited for part in shown.split(" … ")), shown
        assert Staged.DRAFT not in answer.inner_text()
        labels = page.evaluate("[...document.querySelectorAll('#cqa-chat [aria-label]')].map(e => e.getAttribute('aria-label'))")
        assert not any("<" in label for label in labels), labels  # no message is named by its raw HTML
        if i == 0:
            first_q = page.locator("#cqa-chat .message-row").first
            assert uncovered(page, first_q) and uncovered(page, page.locator(FINALS).first), "first message covered"

    multi = None
    for q in MULTI:
        ask(page, q)
        if len(chips_named(page.locator(FINALS).last.locator(".cqa-evidence"), "en")) >= 2:
            multi = page.locator(FINALS).last
            break
    assert multi is not None, "no multi-clause answer for the README pictures"
    chip = multi.locator(".cqa-evidence a.cqa-chip").first
    n = int(re.search(r"\d+", chip.text_content()).group(0))
    chip.click()  # jumps to its source: the whole clause, the quoted sentences marked
    source = multi.locator(f"details.cqa-source[id$='-clause-{n}']")
    page.wait_for_function("el => el.open && el.getBoundingClientRect().top < innerHeight", arg=source.element_handle())
    assert source.locator(".cqa-source-text").inner_text().strip() == corpus.clause(n, "en").text
    assert source.locator("mark").count() >= 1

    assert axe(page) == []  # six answers, one right to left, a source open

    # The view of the README pictures: the multi-clause answer from its question down, first source open.
    page.locator("#cqa-chat .message-row:has(.cqa-question)").last.evaluate("e => e.scrollIntoView({block: 'start'})")
    time.sleep(0.4)
    page.screenshot(path=str(ARTIFACTS / f"answer_{view}.png"))


def test_empty_question_changes_nothing(open_page):
    page = open_page()
    box = page.locator("#cqa-question textarea")
    send = page.locator("#cqa-question button.submit-button")
    for text in ("", "   ", "\n"):
        box.fill(text)
        assert send.is_disabled()
        box.press("Enter")
    send.click(force=True)  # a click on the disabled button does nothing either
    time.sleep(1.5)
    assert page.locator("#cqa-chat .message-row").count() == 0
    ask(page, "Que dit le Consensus sur les enseignants ?")
    assert page.locator("#cqa-chat .message-row").count() == 2
    box.fill("  ")
    box.press("Enter")
    time.sleep(1.5)
    assert page.locator("#cqa-chat .message-row").count() == 2  # no bubble, no stacked copies


def test_evidence_first_a_quiet_line_never_the_draft_and_stop(open_page, app):
    page = open_page()
    staged = app[1]
    staged.delay = 30
    try:
        page.evaluate("""() => { window.__seen = '';
          new MutationObserver(() => { window.__seen += document.querySelector('#cqa-chat').innerText; })
            .observe(document.querySelector('#cqa-chat'), {childList: true, subtree: true, characterData: true}); }""")
        box = page.locator("#cqa-question textarea")
        box.fill("How should teachers be prepared to work with AI?")
        box.press("Enter")
        pending = page.locator(".cqa-answer.cqa-pending")
        pending.locator(".cqa-evidence .cqa-quote").first.wait_for()  # the official text at once
        assert pending.locator(".cqa-working").is_visible()
        assert "Writing a one-sentence summary" in pending.locator(".cqa-working").inner_text()
        stop = page.get_by_role("button", name="Stop", exact=True)
        stop.wait_for()
        time.sleep(0.5)  # drafts are streaming meanwhile
        stop.click()
        page.locator(".cqa-answer.cqa-stopped").wait_for()
        stopped = page.locator(".cqa-answer.cqa-stopped")
        assert stopped.locator(".cqa-working").count() == 0 and stopped.locator(".cqa-quote").count() >= 1
        assert "Stopped" in stopped.locator(".cqa-notice").inner_text()
        page.get_by_role("button", name="Send", exact=True).wait_for()
        assert Staged.DRAFT not in page.evaluate("window.__seen")
    finally:
        staged.delay = Staged.delay
    ask(page, "Que dit le Consensus sur les enseignants ?")  # the app goes on answering
    assert page.locator(FINALS).last.get_attribute("lang") == "fr"


def test_copy_share_link_export(open_page, app):
    page = open_page()
    question = MULTI[0]
    ask(page, question)
    answer = page.locator(FINALS).last
    cited = chips_named(answer.locator(".cqa-evidence"), "en")
    answer.get_by_role("button", name="Copy", exact=True).click()
    answer.get_by_text("Copied", exact=True).wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    corpus = load_corpus()
    for n in cited:  # the answer with its citations and the clause texts
        assert f"[{n}]" in copied and corpus.clause(n, "en").text in copied

    answer.get_by_role("link", name="Share link", exact=True).click()
    answer.get_by_text("Link copied", exact=True).wait_for()
    link = page.evaluate("navigator.clipboard.readText()")
    assert parse_qs(urlparse(link).query) == {"q": [question], "lang": ["en"]} and link.startswith(app[0])

    with page.expect_download() as dl:
        page.get_by_role("button", name="Export (Markdown)", exact=True).click()
    md = Path(dl.value.path()).read_text(encoding="utf-8")
    assert f"## Your question\n\n{question}" in md and all(f"[{n}]" in md for n in cited)
    assert corpus.clause(cited[0], "en").text in md

    shared = open_page(query="?" + urlparse(link).query)  # the link asks the question on load
    shared.locator(FINALS).wait_for()
    assert shared.locator(".cqa-question").first.inner_text().strip().endswith(question)
    assert chips_named(shared.locator(FINALS).first.locator(".cqa-evidence"), "en") == cited


def test_interface_language_follows_the_browser_and_switches(open_page):
    from ui.strings import ui
    page = open_page(locale="fr-FR")
    assert page.get_by_role("tab", name="Demander", exact=True).is_visible()
    assert page.get_by_role("tab", name="Parcourir", exact=True).is_visible()
    box = page.get_by_role("textbox", name="Votre question", exact=True)
    assert box.is_visible() and not box.get_attribute("placeholder")  # a visible label, no grey hint
    assert page.locator("#cqa-question [data-testid='block-info']").inner_text().strip() == "Votre question"
    assert page.evaluate("[document.documentElement.lang, document.title]") == ["fr", ui("title", "fr")]
    assert "Interrogez le Consensus de Beijing" in page.locator("#cqa-chat").inner_text()  # the welcome text
    ask(page, ARABIC)
    answer = page.locator(FINALS).last  # an Arabic answer is Arabic throughout, chips included
    assert answer.get_attribute("lang") == "ar" and chips_named(answer, "ar") and not chips_named(answer, "fr")
    page.get_by_role("combobox", name="Langue de l’interface", exact=True).click()
    page.get_by_role("option", name="中文").click()
    page.get_by_role("tab", name="提问", exact=True).wait_for()
    assert page.get_by_role("textbox", name="您的问题", exact=True).is_visible()
    assert page.get_by_role("button", name="发送", exact=True).is_visible()
    page.wait_for_function("t => document.title === t", arg=ui("title", "zh"))
    assert page.evaluate("document.documentElement.lang") == "zh"
    assert page.get_by_role("combobox", name="界面语言", exact=True).is_visible()
    assert page.locator("#cqa-status").inner_text().strip() == ui("status_ready", "zh")
    from ui.strings import EXAMPLES
    for q in EXAMPLES["zh"]:  # the examples follow too
        assert page.get_by_role("button", name=q, exact=True).is_visible()


def test_interface_language_is_remembered_and_travels_in_share_links(open_page):
    from ui.strings import ui
    page = open_page(locale="en-US")
    page.get_by_role("combobox", name="Interface language", exact=True).click()
    page.get_by_role("option", name="العربية").click()
    page.get_by_role("tab", name="اسأل", exact=True).wait_for()
    page.reload()  # remembered in this browser
    page.wait_for_selector("#cqa-status .cqa-status-ready")
    page.get_by_role("tab", name="اسأل", exact=True).wait_for()
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir, document.title]") == \
        ["ar", "rtl", ui("title", "ar")]
    ask(page, "Que dit le Consensus sur les enseignants ?")
    share = page.locator(FINALS).last.locator("a.cqa-share")
    assert parse_qs(urlparse(share.get_attribute("href")).query)["lang"] == ["ar"]
    share.click()
    link = page.evaluate("navigator.clipboard.readText()")
    other = open_page(locale="en-US", query="?" + urlparse(link).query)  # another browser: the link's language
    other.locator(FINALS).wait_for()
    assert other.evaluate("document.documentElement.lang") == "ar"
    assert other.get_by_role("tab", name="تصفّح", exact=True).is_visible()
    assert other.locator(FINALS).first.get_attribute("lang") == "fr"


def test_arabic_answer_is_rtl_and_opens_in_six_languages(open_page):
    page = open_page(locale="ar")
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]
    box = page.locator("#cqa-question textarea")
    assert box.get_attribute("dir") == "auto"  # typing Arabic goes right-to-left
    ask(page, ARABIC)
    question = page.locator(".cqa-question").last
    assert question.get_attribute("dir") == "rtl" and question.inner_text().strip().endswith(ARABIC)
    answer = page.locator(FINALS).last
    cited = chips_named(answer, "ar")
    assert cited
    n = cited[0]
    answer.locator("a.cqa-chip").first.click()
    source = answer.locator(f"details.cqa-source[id$='-clause-{n}']")
    page.wait_for_function("el => el.open", arg=source.element_handle())
    assert source.get_attribute("dir") == "rtl"
    corpus = load_corpus()
    assert source.locator(".cqa-source-text").inner_text().strip() == corpus.clause(n, "ar").text
    cells = source.locator(".cqa-version")
    assert cells.count() == 6 and not cells.first.is_visible()  # folded until asked for
    source.locator(".cqa-versions > summary").click()
    for lg, cell in zip(LANGS, cells.all()):
        assert cell.is_visible()
        assert cell.get_attribute("lang") == lg and cell.get_attribute("dir") == ("rtl" if lg == "ar" else "ltr")
        assert cell.locator("p").inner_text().strip() == corpus.versions(n)[lg].text
    tops = [round(c.bounding_box()["y"]) for c in cells.all()]
    assert len(set(tops)) == 2  # three to a row on a desktop screen, in the page (no inner scroll box)
    assert page.evaluate("""() => { const c = document.querySelector('#cqa-chat .bubble-wrap');
                                    return c.scrollHeight <= c.clientHeight + 1; }""")
    page.screenshot(path=str(ARTIFACTS / "ui_arabic_six_languages.png"), full_page=True)


def test_html_in_a_question_is_shown_as_text_and_never_runs(open_page):
    page = open_page()
    evil = ('Que dit le Consensus sur les enseignants ? <img src=x onerror="window.__xss=1"> '
            '<script>window.__xss=2</script> [x](javascript:alert(1))')
    ask(page, evil)
    assert page.evaluate("typeof window.__xss") == "undefined" and page.dialogs == []
    question = page.locator(".cqa-question").last
    assert question.locator("p").inner_text().strip() == evil  # literally what was typed
    chat = page.locator("#cqa-chat")
    assert chat.locator("script").count() == 0 and chat.locator("img[src='x']").count() == 0
    assert chat.locator("a[href^='javascript']").count() == 0
    assert page.locator(FINALS).last.get_attribute("lang") == "fr"


def test_examples_ask_in_one_click_and_a_new_conversation_starts_empty(open_page):
    from ui.strings import EXAMPLES
    page = open_page(query="?lang=ru")  # examples in the interface language
    page.get_by_role("button", name=EXAMPLES["ru"][0], exact=True).click()
    page.locator(FINALS).wait_for()
    answer = page.locator(FINALS).last
    assert answer.get_attribute("lang") == "ru" and chips_named(answer, "ru")
    page.locator("#cqa-new").click()
    page.wait_for_function("document.querySelectorAll('#cqa-chat .cqa-answer').length === 0")


def test_browse_lists_filters_and_takes_ranges(open_page):
    page = open_page()
    page.get_by_role("tab", name="Browse", exact=True).click()
    page.wait_for_selector("#cqa-browse .cqa-clause")
    assert page.locator("#cqa-browse .cqa-clause").count() == N_CLAUSES
    search = page.locator("#cqa-search textarea")
    search.fill("28-30")
    page.wait_for_function("document.querySelectorAll('#cqa-browse .cqa-clause').length === 3")
    assert [page.locator("#cqa-browse .cqa-clause-num").nth(i).inner_text() for i in range(3)] == ["28", "29", "30"]
    page.locator("#cqa-browse-lang input").click()
    page.get_by_role("option", name="العربية").click()
    page.wait_for_selector("#cqa-browse .cqa-one-view > div[dir='rtl'][lang='ar']")
    search.fill("المعلمين")
    page.wait_for_selector("#cqa-browse mark")
    assert 0 < page.locator("#cqa-browse .cqa-clause").count() < N_CLAUSES
    search.fill("29")
    page.wait_for_function("document.querySelectorAll('#cqa-browse .cqa-clause').length === 1")
    assert page.locator("#cqa-browse-29 p").inner_text().strip() == load_corpus().clause(29, "ar").text


def test_browse_six_languages_side_by_side_with_search(open_page):
    page = open_page("phone")
    page.get_by_role("tab", name="Browse", exact=True).click()
    page.locator("#cqa-browse-lang input").click()
    page.get_by_role("option", name="All six, side by side", exact=True).click()
    table = page.locator("#cqa-browse table.cqa-par")
    table.wait_for()
    assert table.locator("tbody tr[id^='cqa-par-']").count() == N_CLAUSES
    corpus = load_corpus()
    row = table.locator("#cqa-par-12")
    cells = row.locator("td")
    assert [cells.nth(i).get_attribute("lang") for i in range(6)] == list(LANGS)
    assert cells.nth(5).get_attribute("dir") == "rtl"
    assert cells.nth(5).evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert [cells.nth(i).inner_text().strip() for i in range(6)] == [corpus.clause(12, lg).text for lg in LANGS]
    tops = {round(cells.nth(i).bounding_box()["y"]) for i in range(6)}
    assert len(tops) == 1  # the six versions of a clause stand level
    # On a phone the table scrolls in its own box, the page does not scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth + 1")
    box = page.locator(".cqa-par-scroll")
    assert box.evaluate("e => e.scrollWidth > e.clientWidth") and box.get_attribute("tabindex") == "0"
    page.locator("#cqa-search textarea").fill("28-30")
    page.wait_for_function("document.querySelectorAll('#cqa-browse tr[id^=cqa-par-]').length === 3")
    page.locator("#cqa-search textarea").fill("données")  # a word of one version: its row, marked there
    page.wait_for_selector("#cqa-browse td[lang='fr'] mark")
    assert 0 < table.locator("tbody tr[id^='cqa-par-']").count() < N_CLAUSES
    assert table.locator("td[lang='en'] mark").count() == 0
    page.screenshot(path=str(ARTIFACTS / "browse_six_phone.png"))


@pytest.mark.parametrize("view", ["desktop", "phone"])
@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_wcag_targets_dropdowns_tabs_and_axe(open_page, view, lang, record_property):
    """WCAG 2.2 AA on the first view, an answer and Browse (one language, six side by side)."""
    from ui.strings import EXAMPLES, ui
    page = open_page(view, query=f"?lang={lang}")
    vh = VIEWPORTS[view]["height"]
    sizes = []

    def check(where: str) -> None:
        assert axe(page) == [], where
        assert small_targets(page) == [], where
        sizes.extend(t[3:5] for t in targets(page))

    check("first view")
    composer = page.locator(".form:has(> #cqa-question)").bounding_box()["height"]
    assert composer <= vh / 8, f"the empty composer takes {composer:.0f} px of {vh}"
    send = page.get_by_role("button", name=ui("send", lang), exact=True)
    fill = send.evaluate("e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).borderTopStyle]")
    assert fill[0] not in ("rgba(0, 0, 0, 0)", "transparent") and fill[1] != "none"  # a real button
    for dropdown in ("#cqa-ui-lang", "#cqa-answer-lang"):
        field = page.locator(f"{dropdown} input")
        field.click()
        page.locator("[role=listbox]").wait_for()
        page.keyboard.press("Tab")  # focus leaves: the list closes, nothing stays over the page
        page.wait_for_timeout(300)
        assert page.locator("[role=listbox]").count() == 0, dropdown
        page.keyboard.press("Shift+Tab")  # back by keyboard: a visible ring around the dropdown
        assert page.evaluate("document.activeElement.closest('[id]').id") == dropdown[1:]
        style, width = focus_ring(page)
        assert style != "none" and width >= 2, (dropdown, style, width)
        page.keyboard.press("Tab")
        page.wait_for_function("document.querySelectorAll('[role=listbox]').length === 0")

    ask(page, EXAMPLES[lang][0])
    answer = page.locator(FINALS).last
    open_everything(answer)
    check("an answer, every part unfolded")
    assert overlapping_chips(page) == []

    # The tabs: arrows move to and select the other tab (mirrored right to left), focus stays visible.
    ask_tab = page.get_by_role("tab", name=ui("tab_ask", lang), exact=True)
    browse_tab = page.get_by_role("tab", name=ui("tab_browse", lang), exact=True)
    assert ask_tab.get_attribute("tabindex") == "0" and browse_tab.get_attribute("tabindex") == "-1"
    ask_tab.focus()
    page.keyboard.press("ArrowLeft" if lang == "ar" else "ArrowRight")
    page.wait_for_function("document.activeElement.getAttribute('aria-selected') === 'true' && "
                           "document.activeElement.id === 'cqa-tab-browse-button'")
    assert focus_ring(page)[0] != "none"
    page.locator("#cqa-browse .cqa-clause").first.wait_for()
    assert page.locator("#cqa-tab-browse").get_attribute("aria-labelledby") == "cqa-tab-browse-button"
    check("Browse, one language")
    page.locator("#cqa-browse-lang input").click()
    page.get_by_role("option", name=ui("browse_all", lang), exact=True).click()
    page.locator("#cqa-browse table.cqa-par").wait_for()
    check("Browse, six languages side by side")
    page.locator("#cqa-search textarea").focus()
    page.keyboard.press("Tab")  # the table's box takes focus, so the arrow keys scroll it
    assert page.evaluate("document.activeElement.className") == "cqa-par-scroll"
    assert focus_ring(page)[0] != "none"
    browse_tab.focus()
    page.keyboard.press("End" if lang == "ar" else "Home")
    page.keyboard.press("Home")
    page.wait_for_function("document.activeElement.id === 'cqa-tab-chat-button'")
    smallest = (min(w for w, _ in sizes), min(h for _, h in sizes))
    record_property("smallest_target_px", smallest)
    record_property("composer_px", composer)
    print(f"\n{view} {lang}: smallest target {smallest[0]}×{smallest[1]} px, empty composer {composer:.0f} px")
    if lang == "en":
        page.screenshot(path=str(ARTIFACTS / f"browse_six_{view}.png"))


def test_keyboard_only_ask_stop_chips_copy_share(open_page, app):
    """Ask, stop, reach every chip, copy and share with the keyboard alone; focus always visible."""
    page = open_page()
    staged = app[1]
    staged.delay = 30
    try:
        page.keyboard.type("How should teachers be prepared to work with AI?")  # the box has focus on load
        page.keyboard.press("Enter")
        page.locator(".cqa-answer.cqa-pending .cqa-quote").first.wait_for()
        page.get_by_role("button", name="Stop", exact=True).wait_for()
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent.trim()") == "Stop"
        assert focus_ring(page)[0] != "none"
        page.keyboard.press("Enter")
        page.locator(".cqa-answer.cqa-stopped").wait_for()
    finally:
        staged.delay = Staged.delay
    answer = page.locator(".cqa-answer.cqa-stopped")
    chips = answer.locator("a.cqa-chip").count()
    page.locator("#cqa-question textarea").focus()
    reached, unringed = [], []
    for _ in range(120):  # backwards from the question box through the answer
        page.keyboard.press("Shift+Tab")
        info = page.evaluate("""() => { const e = document.activeElement;
          return [e.className && String(e.className), e.textContent.trim().slice(0, 20), !!e.closest('.cqa-stopped')]; }""")
        if info[2]:
            reached.append(info[:2])
            if focus_ring(page)[0] == "none":
                unringed.append(info[:2])
        if info[0] and "cqa-copy" in info[0]:
            page.keyboard.press("Enter")
            answer.get_by_text("Copied", exact=True).wait_for()
        if info[0] and "cqa-share" in info[0]:
            page.keyboard.press("Enter")
            answer.get_by_text("Link copied", exact=True).wait_for()
            assert "?q=How+should" in page.evaluate("navigator.clipboard.readText()") or \
                "?q=How%20should" in page.evaluate("navigator.clipboard.readText()")
        if len([r for r in reached if "cqa-chip" in (r[0] or "")]) == chips and any("cqa-copy" in (r[0] or "") for r in reached):
            break
    assert len([r for r in reached if "cqa-chip" in (r[0] or "")]) == chips > 0, reached
    assert any("cqa-share" in (r[0] or "") for r in reached) and any("cqa-copy" in (r[0] or "") for r in reached)
    assert unringed == []


@pytest.mark.parametrize("view", ["desktop", "phone"])
def test_a_long_question_is_shortened_with_a_notice_in_the_askers_language(open_page, app, view):
    from rag import i18n
    limit = app[1].settings.max_question_chars
    page = open_page(view)
    question = "Que dit le Consensus sur la formation des enseignants et leurs droits ? " * 70  # ~5,000 characters
    assert len(question) > 2 * limit
    ask(page, question)
    bubble = page.locator(".cqa-question").last
    notice = i18n.t("notice_truncated", "fr", count=limit, limit=limit)
    assert bubble.locator(".cqa-shortened").inner_text().strip() == notice and notice.startswith("Votre question")
    shown = bubble.locator("p:not(.cqa-shortened)").inner_text().strip()
    assert shown.endswith(" …") and len(shown) - 2 <= limit and question.startswith(shown[:-2])
    assert page.get_by_text(notice, exact=True).count() == 1  # said once, under the question
    assert page.locator(FINALS).last.get_attribute("lang") == "fr"


# --- one language per screen -------------------------------------------------------------------------------

SCRIPTS = {"latin": r"[A-Za-zÀ-ÿœŒ]", "cyrillic": r"[\u0400-\u04ff]", "han": r"[\u4e00-\u9fff]",
           "arabic": r"[\u0600-\u06ff]"}
SCRIPT_OF = {"en": "latin", "fr": "latin", "es": "latin", "ru": "cyrillic", "zh": "han", "ar": "arabic"}

# Everything on screen a person reads or hears, but for what they typed themselves, the six-language views
# they open on purpose, and language names in the language menus.
SCREEN_TEXT_JS = """() => {
  const skip = (n) => n.closest('.cqa-question > p:not(.cqa-notice), .cqa-versions, .cqa-par-scroll, textarea,'
                                + ' #cqa-ui-lang, #cqa-browse-lang, [aria-hidden=true], .hide');
  const out = [];
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let t = walk.nextNode(); t; t = walk.nextNode()) {
    const p = t.parentElement;
    if (!p || skip(p) || ['SCRIPT', 'STYLE'].includes(p.tagName)) continue;
    const sr = p.closest('.cqa-sr');  // clipped to 1 px, read aloud: seen when what holds it is
    if (!(sr ? sr.parentElement : p).checkVisibility({visibilityProperty: true})) continue;
    if (t.textContent.trim()) out.push(t.textContent.trim());
  }
  document.querySelectorAll('[aria-label], [title], [placeholder], [alt], input').forEach((e) => {
    if (skip(e) || !e.checkVisibility()) return;
    for (const a of ['aria-label', 'title', 'placeholder', 'alt']) if (e.getAttribute(a)) out.push(e.getAttribute(a));
    if (e.tagName === 'INPUT' && e.value) out.push(e.value);
  });
  out.push(document.title);
  return out;
}"""


def _app_texts(lang: str) -> list[str]:
    from rag import i18n
    from ui import strings
    out = list(strings.EXAMPLES[lang])
    for table in (strings._T, i18n._T):
        for per_lang in table.values():
            text = per_lang.get(lang)
            if text is not None:
                out.extend([text] if isinstance(text, str) else text.values())
    return out


def _fragments(text: str) -> set[str]:
    """The literal pieces of a text, between its placeholders and Markdown marks."""
    return {f.strip(" :：,.;!?…·—-«»“”()（）") for f in re.split(r"\{[^}]*\}|\*\*|\n", text)}


def third_language_text(texts: list[str], allowed: set[str]) -> list[str]:
    """The app's own words of a language other than `allowed` found in `texts`, and any word in a script that
    no allowed language writes in (Latin words that the allowed languages' texts themselves use excepted)."""
    from rag.i18n import NATIVE_NAMES
    corpus = load_corpus()
    screen = "\n".join(texts)
    mine = set().union(*(_fragments(t) for lg in allowed for t in _app_texts(lg)))
    found = []
    for lg in set(LANGS) - allowed:
        for text in _app_texts(lg):
            for f in _fragments(text):
                if len(f) < 4 or f in mine or f in NATIVE_NAMES.values() or any(f in m for m in mine):
                    continue
                pattern = re.escape(f) if lg == "zh" else rf"(?<!\w){re.escape(f)}(?!\w)"
                if re.search(pattern, screen):
                    found.append(f"{lg}: {f}")
    own = " ".join([*(t for lg in allowed for t in _app_texts(lg)), *(c.text for lg in allowed for c in corpus.by_lang(lg)),
                    *(p.text for p in corpus.passages if p.lang in allowed)])  # "EMIS", "TVET" in the Chinese text
    scripts = {SCRIPT_OF[lg] for lg in allowed}
    for script, chars in SCRIPTS.items():
        if script in scripts:
            continue
        for word in re.findall(rf"\w*{chars}\w*", screen):
            if not re.search(rf"(?<!\w){re.escape(word)}(?!\w)", own):
                found.append(f"{script}: {word}")
    return sorted(set(found))


@pytest.mark.parametrize("ui_lang", ["fr", "ar", "zh"])
def test_one_language_per_screen(open_page, ui_lang):
    """With the interface in one language and a question in any of the six, the page is in the interface
    language and the answer in the question's (chips, labels, notes, buttons, timings): never a third."""
    from ui.strings import ui
    page = open_page("phone", query=f"?lang={ui_lang}")
    assert third_language_text(page.evaluate(SCREEN_TEXT_JS), {ui_lang}) == []
    for qlang, question in ASK.items():
        page.locator("#cqa-new").click()
        page.wait_for_function("document.querySelectorAll('#cqa-chat .cqa-answer').length === 0")
        ask(page, question)
        answer = page.locator(FINALS).last
        assert answer.get_attribute("lang") == qlang
        open_everything(answer)
        answer.locator(".cqa-versions").evaluate_all("ds => ds.forEach(d => { d.open = false; })")
        found = third_language_text(page.evaluate(SCREEN_TEXT_JS), {ui_lang, qlang})
        assert found == [], (ui_lang, qlang, found)
    page.get_by_role("tab", name=ui("tab_browse", ui_lang), exact=True).click()
    page.locator("#cqa-browse .cqa-clause").first.wait_for()
    assert third_language_text(page.evaluate(SCREEN_TEXT_JS), {ui_lang}) == []

