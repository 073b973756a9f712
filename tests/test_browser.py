"""The page in a real headless Chromium: Arabic right-to-left, cited sources, the six-language view,
HTML in a question shown as text, and the Browse tab. Screenshots go to tests/artifacts/ (git-ignored)."""
import os
import re
import time
from pathlib import Path

import pytest

from rag.answer import Answerer, Draft
from rag.corpus import LANGS, N_CLAUSES, load_corpus
from rag.serving import free_port

# Gradio 6.31's queue calls pandas APIs that pandas 3 deprecates: its noise, not ours.
pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning")]

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
ARABIC = "كيف يمكن حماية خصوصية بيانات الطلاب؟"
TIMEOUT_MS = 60_000


class Drafting(Answerer):
    """The real extractive answerer, whose answer is first streamed as a growing draft, as a model's is.

    Keeps the browser test fast and deterministic while still exercising draft -> final replacement.
    """

    def stream(self, question, lang=None, history=()):
        final = None
        for ev in super().stream(question, lang=lang, history=history):
            final = ev
        words = final.text.split(" ")
        step = max(1, len(words) // 3)
        for i in range(step, len(words), step):
            time.sleep(0.3)
            yield Draft(" ".join(words[:i]))
        yield final


@pytest.fixture(scope="module")
def app_url(settings, retriever):
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is missing (install Debian's chromium: `make browser`)")
    from ui.app import build_app, launch_options
    s = settings.replace(backend="extractive")
    demo = build_app(s, Drafting(s, retriever=retriever))
    port = free_port()
    demo.launch(prevent_thread_lock=True, server_name="127.0.0.1", server_port=port, quiet=True,
                **launch_options())
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        demo.close()


@pytest.fixture(scope="module")
def browser(app_url, tmp_path_factory):
    from playwright.sync_api import sync_playwright
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser, app_url):
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="ar")
    pg = context.new_page()
    pg.set_default_timeout(TIMEOUT_MS)
    pg.dialogs = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.goto(app_url)
    pg.wait_for_selector("#cqa-status .cqa-status-ready")  # the status line turns to "Ready"
    yield pg
    context.close()


def ask(page, text: str) -> None:
    before = page.locator(".cqa-answer.cqa-final, .cqa-answer.cqa-empty").count()
    box = page.locator("#cqa-question textarea")
    box.fill(text)
    box.press("Enter")
    page.wait_for_function(
        "n => document.querySelectorAll('.cqa-answer.cqa-final, .cqa-answer.cqa-empty').length > n", arg=before)


def test_arabic_answer_is_rtl_cited_and_opens_in_six_languages(page):
    box = page.locator("#cqa-question textarea")
    assert box.get_attribute("dir") == "auto"  # typing Arabic goes right-to-left
    box.fill(ARABIC)
    box.press("Enter")
    draft = page.wait_for_selector(".cqa-answer.cqa-draft")  # the draft streams in first…
    assert draft.get_attribute("dir") == "rtl"
    page.screenshot(path=str(ARTIFACTS / "ui_draft.png"))
    page.wait_for_selector(".cqa-answer.cqa-final")  # …then the checked answer replaces it
    assert page.locator(".cqa-answer.cqa-draft").count() == 0

    question = page.locator(".cqa-question").last
    assert question.get_attribute("dir") == "rtl" and question.inner_text().strip() == ARABIC
    answer = page.locator(".cqa-answer.cqa-final").last
    assert answer.get_attribute("dir") == "rtl" and answer.get_attribute("lang") == "ar"
    markers = [int(n) for n in re.findall(r"\[(\d+)\]", answer.locator(".cqa-text").inner_text())]
    assert markers and all(1 <= n <= N_CLAUSES for n in markers)

    cite = answer.locator("a.cqa-cite").first
    n = int(cite.inner_text())
    assert n in markers
    target = cite.get_attribute("href")[1:]
    source = answer.locator(f"[id='{target}']")
    assert source.count() == 1 and source.get_attribute("dir") == "rtl"
    corpus = load_corpus()
    assert source.locator(".cqa-source-text").inner_text().strip() == corpus.clause(n, "ar").text
    cite.click()  # scrolls the chat to the cited clause
    page.wait_for_function("id => document.getElementById(id).getBoundingClientRect().top < innerHeight",
                           arg=target)
    page.screenshot(path=str(ARTIFACTS / "ui_arabic.png"), full_page=True)

    cells = source.locator(".cqa-version")
    assert cells.count() == 6 and not cells.first.is_visible()  # folded until asked for
    source.locator(".cqa-versions > summary").click()
    for lg, cell in zip(LANGS, cells.all()):
        assert cell.is_visible()
        assert cell.get_attribute("lang") == lg and cell.get_attribute("dir") == ("rtl" if lg == "ar" else "ltr")
        assert cell.locator("p").inner_text().strip() == corpus.versions(n)[lg].text
    page.set_viewport_size({"width": 1280, "height": 1700})  # a taller chat, to see the six cells at once
    source.evaluate("e => e.scrollIntoView({block: 'start'})")
    page.screenshot(path=str(ARTIFACTS / "ui_six_languages.png"))
    # side by side: three to a row on a desktop screen
    tops = [round(c.bounding_box()["y"]) for c in cells.all()]
    assert len(set(tops)) == 2


def test_html_in_a_question_is_shown_as_text_and_never_runs(page):
    ask(page, "   ")  # an empty question: a polite request, not an error
    assert "Please type a question" in page.locator(".cqa-answer.cqa-empty").first.inner_text()

    ask(page, ARABIC)
    evil = ('Que dit le Consensus sur les enseignants ? <img src=x onerror="window.__xss=1"> '
            '<script>window.__xss=2</script> [x](javascript:alert(1))')
    ask(page, evil)
    assert page.evaluate("typeof window.__xss") == "undefined" and page.dialogs == []
    question = page.locator(".cqa-question").last
    assert question.inner_text().strip() == evil  # literally what was typed
    assert question.get_attribute("dir") == "ltr"
    chat = page.locator("#cqa-chat")
    assert chat.locator("script").count() == 0 and chat.locator("img[src='x']").count() == 0
    assert chat.locator("a[href^='javascript']").count() == 0
    # one conversation, two directions: the Arabic answer right-to-left, the French one left-to-right
    finals = page.locator(".cqa-answer.cqa-final")
    assert [finals.nth(i).get_attribute("dir") for i in range(finals.count())] == ["rtl", "ltr"]
    assert finals.last.get_attribute("lang") == "fr"
    page.screenshot(path=str(ARTIFACTS / "ui_xss.png"), full_page=True)


def test_examples_ask_in_one_click_and_a_new_conversation_starts_empty(page):
    before = page.locator(".cqa-answer.cqa-final").count()
    page.get_by_role("button", name=re.compile("^Русский — ")).click()
    page.wait_for_function("n => document.querySelectorAll('.cqa-answer.cqa-final').length > n", arg=before)
    answer = page.locator(".cqa-answer.cqa-final").last
    assert answer.get_attribute("lang") == "ru" and answer.locator("a.cqa-cite").count() >= 1
    page.locator("#cqa-new").click()
    page.wait_for_function("document.querySelectorAll('#cqa-chat .cqa-answer').length === 0")


def test_browse_tab_lists_and_filters_clauses(page):
    page.get_by_role("tab", name=re.compile("Browse")).click()
    page.wait_for_selector("#cqa-browse .cqa-clause")
    assert page.locator("#cqa-browse .cqa-clause").count() == N_CLAUSES
    page.locator("#cqa-browse-lang input").click()
    page.get_by_role("option", name="العربية").click()
    page.wait_for_selector("#cqa-browse .cqa-browse[dir='rtl']")
    page.get_by_role("option", name="English").wait_for(state="hidden")  # the list has closed
    search = page.locator("#cqa-search textarea")
    search.fill("المعلمين")
    page.wait_for_selector("#cqa-browse mark")
    shown = page.locator("#cqa-browse .cqa-clause").count()
    assert 0 < shown < N_CLAUSES
    page.screenshot(path=str(ARTIFACTS / "ui_browse.png"))
    search.fill("29")
    page.wait_for_function("document.querySelectorAll('#cqa-browse .cqa-clause').length === 1")
    assert page.locator("#cqa-browse-29 p").inner_text().strip() == load_corpus().clause(29, "ar").text
