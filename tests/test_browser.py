"""The page in a real headless Chromium (Debian's, `make browser`) at 1366×900 and 390×844.

Asks in all six languages and checks what a reader and a screen reader get: named question box, send
button and citation chips, nothing over the first message, the phone layout, evidence first and the
unchecked draft never, Stop, Copy / Share link / Markdown export, the interface language, right-to-left
Arabic, HTML shown as text, Browse; plus an axe-core audit after an answer in both viewports.
Screenshots go to tests/artifacts/ (git-ignored); the README pictures come from `python -m ui.screenshots`,
the same view with the real model.
"""
import os
import re
import time
from dataclasses import replace
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from rag.answer import Answer, Answerer, Draft
from rag.corpus import LANGS, N_CLAUSES, load_corpus
from rag.serving import free_port

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
        final = [ev for ev in super().stream(question, lang=lang, history=history) if isinstance(ev, Answer)][-1]
        if final.refused:
            yield final
            return
        yield replace(final, pending=True)
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


def ask(page, text: str) -> None:
    before = page.locator(FINALS).count()
    box = page.locator("#cqa-question textarea")
    box.fill(text)
    box.press("Enter")
    page.wait_for_function("n => document.querySelectorAll('.cqa-answer.cqa-final').length > n", arg=before)


def chips_named(answer, word: str) -> list[int]:
    """The clause numbers of an answer's chips, read from their accessible names ("Clause 12")."""
    links = answer.get_by_role("link", name=re.compile(rf"^{re.escape(word)} ?\d+$"))
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


def axe_serious(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe
    results = Axe().run(page)
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("view", ["desktop", "phone"])
def test_six_languages_named_controls_layout_and_axe(open_page, view):
    from ui.app import EXAMPLES
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
    for i, (lang, question) in enumerate(EXAMPLES):
        ask(page, question)
        answer = page.locator(FINALS).last
        assert answer.get_attribute("lang") == lang
        assert answer.get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
        cited = chips_named(answer, "Clause")
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
        if len(chips_named(page.locator(FINALS).last.locator(".cqa-evidence"), "Clause")) >= 2:
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

    violations = axe_serious(page)
    assert violations == [], violations

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
    cited = chips_named(answer.locator(".cqa-evidence"), "Clause")
    answer.get_by_role("button", name="Copy", exact=True).click()
    answer.get_by_text("Copied", exact=True).wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    corpus = load_corpus()
    for n in cited:  # the answer with its citations and the clause texts
        assert f"[{n}]" in copied and corpus.clause(n, "en").text in copied

    answer.get_by_role("link", name="Share link", exact=True).click()
    answer.get_by_text("Link copied", exact=True).wait_for()
    link = page.evaluate("navigator.clipboard.readText()")
    assert parse_qs(urlparse(link).query)["q"] == [question] and link.startswith(app[0])

    with page.expect_download() as dl:
        page.get_by_role("button", name="Export (Markdown)", exact=True).click()
    md = Path(dl.value.path()).read_text(encoding="utf-8")
    assert f"## Your question\n\n{question}" in md and all(f"[{n}]" in md for n in cited)
    assert corpus.clause(cited[0], "en").text in md

    shared = open_page(query="?" + urlparse(link).query)  # the link asks the question on load
    shared.locator(FINALS).wait_for()
    assert shared.locator(".cqa-question").first.inner_text().strip().endswith(question)
    assert chips_named(shared.locator(FINALS).first.locator(".cqa-evidence"), "Clause") == cited


def test_interface_language_follows_the_browser_and_switches(open_page):
    page = open_page(locale="fr-FR")
    assert page.get_by_role("tab", name="Demander", exact=True).is_visible()
    assert page.get_by_role("tab", name="Parcourir", exact=True).is_visible()
    assert page.get_by_role("textbox", name="Votre question", exact=True).is_visible()
    assert page.evaluate("document.documentElement.lang") == "fr"
    ask(page, ARABIC)
    answer = page.locator(FINALS).last
    assert answer.get_attribute("lang") == "ar" and chips_named(answer, "Paragraphe")
    page.get_by_role("combobox", name="Langue de l’interface", exact=True).click()
    page.get_by_role("option", name="中文").click()
    page.get_by_role("tab", name="提问", exact=True).wait_for()
    assert page.get_by_role("textbox", name="您的问题", exact=True).is_visible()
    assert page.get_by_role("button", name="发送", exact=True).is_visible()
    assert page.evaluate("document.documentElement.lang") == "zh"
    assert page.get_by_role("combobox", name="界面语言", exact=True).is_visible()
    assert page.get_by_role("textbox", name="您的问题").get_attribute("placeholder").count(" · ") == 5


def test_arabic_answer_is_rtl_and_opens_in_six_languages(open_page):
    page = open_page(locale="ar")
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]
    box = page.locator("#cqa-question textarea")
    assert box.get_attribute("dir") == "auto"  # typing Arabic goes right-to-left
    ask(page, ARABIC)
    question = page.locator(".cqa-question").last
    assert question.get_attribute("dir") == "rtl" and question.inner_text().strip().endswith(ARABIC)
    answer = page.locator(FINALS).last
    cited = chips_named(answer, "الفقرة")
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
    page = open_page()
    page.get_by_role("button", name=re.compile("^Русский — ")).click()
    page.locator(FINALS).wait_for()
    answer = page.locator(FINALS).last
    assert answer.get_attribute("lang") == "ru" and chips_named(answer, "Clause")
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
    page.wait_for_selector("#cqa-browse .cqa-browse[dir='rtl']")
    search.fill("المعلمين")
    page.wait_for_selector("#cqa-browse mark")
    assert 0 < page.locator("#cqa-browse .cqa-clause").count() < N_CLAUSES
    search.fill("29")
    page.wait_for_function("document.querySelectorAll('#cqa-browse .cqa-clause').length === 1")
    assert page.locator("#cqa-browse-29 p").inner_text().strip() == load_corpus().clause(29, "ar").text
