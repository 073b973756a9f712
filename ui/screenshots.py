"""Regenerate the README pictures: a multi-clause answer (docs/answer_desktop.png, docs/answer_phone.png) and
Browse with the six languages side by side (docs/browse_six_desktop.png, docs/browse_six_phone.png).

    python -m ui.screenshots                      # the default backend (the bundled model), as `make run`
    python -m ui.screenshots --backend extractive --question "…"

Starts the app on a loopback port, asks in Debian's Chromium at 1366×900 and 390×844, opens the first
cited source and saves the view from the question down; then Browse, all six languages, clauses 28-29.
Needs `make browser`.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from rag.serving import free_port
from rag.settings import Settings

CHROMIUM = "/usr/bin/chromium"
QUESTION = "What does the Consensus say about data privacy and the ethical use of learners' data?"
BROWSE_QUERY = "28-29"
VIEWS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


def shoot(url: str, out: Path, question: str, timeout_s: float = 300) -> list[Path]:
    from playwright.sync_api import sync_playwright
    saved = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
        try:
            for view, size in VIEWS.items():
                page = browser.new_context(viewport=size, locale="en-US").new_page()
                page.set_default_timeout(timeout_s * 1000)
                page.goto(url)
                page.wait_for_selector("#cqa-status .cqa-status-ready")
                box = page.locator("#cqa-question textarea")
                box.fill(question)
                box.press("Enter")
                answer = page.locator(".cqa-answer.cqa-final").last
                answer.wait_for()
                answer.locator("details.cqa-source").first.evaluate("e => { e.open = true; }")
                page.locator("#cqa-chat .message-row:has(.cqa-question)").last.evaluate(
                    "e => e.scrollIntoView({block: 'start'})")
                time.sleep(0.5)
                path = out / f"answer_{view}.png"
                page.screenshot(path=str(path))
                saved.append(path)
                page.locator("#cqa-tabs [role=tab]").first.focus()
                page.keyboard.press("ArrowRight")  # Browse
                page.locator("#cqa-browse-lang input").click()
                page.locator("[role=option]").last.click()  # all six, side by side
                page.locator("#cqa-search textarea").fill(BROWSE_QUERY)
                page.wait_for_function("document.querySelectorAll('#cqa-browse tr[id^=cqa-par-]').length === 2")
                page.locator("#cqa-tabs").evaluate("e => e.scrollIntoView({block: 'start'})")
                time.sleep(0.5)
                path = out / f"browse_six_{view}.png"
                page.screenshot(path=str(path))
                saved.append(path)
                page.context.close()
        finally:
            browser.close()
    return saved


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--backend", default=None)
    ap.add_argument("--question", default=QUESTION)
    ap.add_argument("--out", default=str(Path(__file__).resolve().parents[1] / "docs"))
    args = ap.parse_args()
    from ui.app import build_app, launch_options
    settings = Settings.load({"backend": args.backend} if args.backend else {})
    demo = build_app(settings)
    port = free_port()
    demo.launch(prevent_thread_lock=True, server_name="127.0.0.1", server_port=port, quiet=True, **launch_options())
    try:
        demo.cqa_runtime.ready.wait(600)
        out = Path(args.out)
        out.mkdir(exist_ok=True)
        for path in shoot(f"http://127.0.0.1:{port}/", out, args.question):
            print(path)
    finally:
        demo.close()


if __name__ == "__main__":
    main()
