"""HTML for the chat messages and the Browse tab, built here from escaped text only.

Everything that comes from a person or a model (questions, gists, notices, error messages) goes through
`esc` before it is placed in markup; the only tags in the output are the ones written in this module. The
Chatbot renders this HTML as is (no Markdown, no LaTeX) with Gradio's sanitizer on top. That sanitizer
drops aria-* and data-* attributes, so accessible names come from visually hidden text (class cqa-sr).

An answer reads top-down: the checked gist (or the system's lead), the official sentences grouped by
clause with a chip per clause, notices, then the sources (whole clauses, the quoted sentences marked),
then Copy / Share link / Details.

One language per screen: the page around the chat (labels, tabs, status, busy and error messages, Browse's
count) is in the interface language; an answer is in its answer language throughout, its chips ("Paragraphe
26"), labels ("Texte officiel"), the "writing" line, its notices and its Copy / Share link / Details included.
A question is shown as it was typed, or as far as it was used, with a notice when it was shortened.
"""
from __future__ import annotations

import html
import re
import unicodedata
import uuid
from functools import lru_cache
from typing import Iterable, Optional, Sequence
from urllib.parse import quote

from rag import i18n
from rag.corpus import LANGS, N_CLAUSES, load_corpus
from rag.direct import joined_sentences
from rag.lookup import find_clause_refs
from rag.routes import Route
from ui.strings import NATIVE_NAMES, direction, ui

ALL = "all"            # Browse: the six languages side by side
MAX_LINK_CHARS = 500   # longer questions get no share link (URLs have practical limits)
WORKING = "cqa-working"  # class of the quiet "writing a summary" line of a pending answer


def esc(text: object) -> str:
    """Text -> HTML text: no tag, attribute or entity of the input survives."""
    return html.escape("" if text is None else str(text), quote=True)


def paragraphs(text: str) -> str:
    """Escaped text with its blank-line paragraphs and line breaks kept."""
    parts = [p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()]
    return "".join(f"<p>{esc(p).replace(chr(10), '<br>')}</p>" for p in parts)


def new_message_id() -> str:
    return "cqa-" + uuid.uuid4().hex[:8]


def _lang(lang: Optional[str]) -> str:
    return lang if lang in LANGS else "en"


def _attrs(lang: str) -> str:
    return f'dir="{direction(lang)}" lang="{esc(lang)}"'


def sr(text: str) -> str:
    """Text for screen readers only (accessible names; the sanitizer strips aria-label)."""
    return f'<span class="cqa-sr">{esc(text)}</span>'


# --- simple chat messages -----------------------------------------------------------------------------

def question_html(text: str, lang: str, ui_lang: str = "en", shortened: Optional[str] = None,
                  notice_lang: Optional[str] = None) -> str:
    """The asker's question as typed. `shortened`: the notice (in `notice_lang`, the answer's language) that
    only part of it was used; `text` is then that part, shown ending in " …"."""
    label = f'<span class="cqa-sr" lang="{_lang(ui_lang)}">{esc(ui("question_label", _lang(ui_lang)) + ": ")}</span>'
    if not shortened:
        return f'<div class="cqa-question" {_attrs(lang)}>{label}{paragraphs(text) or "&nbsp;"}</div>'
    note_lang = _lang(notice_lang or lang)
    return (f'<div class="cqa-question" {_attrs(lang)}>{label}{paragraphs(text + " …")}'
            f'<p class="cqa-notice cqa-shortened" role="note" {_attrs(note_lang)}>{esc(shortened)}</p></div>')


def _note_message(kind: str, text: str, lang: str, role: str = "") -> str:
    role_attr = f' role="{role}"' if role else ""
    return (f'<div class="cqa-answer {kind}" {_attrs(lang)}{role_attr}>{sr(ui("answer_label", lang) + ": ")}'
            f"<p>{esc(text)}</p></div>")


def status_message_html(text: str, lang: str) -> str:
    """A placeholder while the answer is on its way ("Searching…", "Loading…"), in the answer's language."""
    lang = _lang(lang)
    return (f'<div class="cqa-answer cqa-pending" {_attrs(lang)}>{sr(ui("answer_label", lang) + ": ")}'
            f'<p class="{WORKING}" role="status">{esc(text)}</p></div>')


def busy_html(ui_lang: str) -> str:
    """The immediate reply when the app is at its limit: a message of the page, in the interface language."""
    return _note_message("cqa-busy", ui("busy", _lang(ui_lang)), _lang(ui_lang), role="alert")


def error_html(ui_lang: str, key: str = "error", **kw) -> str:
    """A failure of the app (not of the question), in the interface language."""
    return _note_message("cqa-error", ui(key, _lang(ui_lang), **kw), _lang(ui_lang), role="alert")


def no_question_html(lang: str) -> str:
    """The reply to input with nothing to ask once cleaned ("?!", control characters): the assistant's own
    sentence (rag/i18n.py) in the answer language, as an alert."""
    return _note_message("cqa-error", i18n.t("empty", _lang(lang)), _lang(lang), role="alert")


# --- answers ----------------------------------------------------------------------------------------

def chip(n: int, anchor: Optional[str], lang: str) -> str:
    """A citation chip: shows the number, is named "Clause 12" (in the answer's language: "Paragraphe 12" in a
    French answer, as its source card says), jumps to its source."""
    before, _, after = ui("clause", lang, n="\0").partition("\0")
    name = (sr(before) if before else "") + str(n) + (sr(after) if after else "")
    if anchor is None:
        return f'<span class="cqa-chip cqa-chip-plain" lang="{esc(lang)}">{name}</span>'
    return f'<a class="cqa-chip" href="#{esc(anchor)}" lang="{esc(lang)}">{name}</a>'


def _shown(answer) -> tuple:
    """The evidence under the first line, without the sentence the first line already quotes."""
    return tuple(getattr(answer, "shown_evidence", answer.evidence))


def answer_html(answer, msg_id: Optional[str] = None, ui_lang: str = "en", question: Optional[str] = None,
                shown_notices: Sequence[str] = ()) -> str:
    """An Answer (pending or final) as one chat message, all of it in the answer's language. `ui_lang` goes
    into the share link; `shown_notices` are already on screen (the "question shortened" one, under the
    question) and are not repeated."""
    msg_id = msg_id or new_message_id()
    lang = _lang(answer.lang)
    sources = list(getattr(answer, "sources", ()) or ())
    anchors = {s.clause: f"{msg_id}-clause-{s.clause}" for s in sources}
    state = "cqa-pending" if answer.pending else "cqa-final"
    out = [f'<div class="cqa-answer {state} cqa-route-{esc(answer.route)}" id="{esc(msg_id)}" {_attrs(lang)}>',
           sr(ui("answer_label", lang) + ": ")]
    if answer.refused:
        out.append(f'<p class="cqa-lead">{esc(answer.text)}</p>')
    else:  # the first line: the official words that settle the question, their [n] a chip to the source
        m = re.search(r"\s?\[(\d+)\]$", answer.lead)
        if m and int(m.group(1)) in anchors:
            n = int(m.group(1))
            out.append(f'<p class="cqa-lead cqa-direct">{esc(answer.lead[:m.start()])} '
                       f'<span class="cqa-chips">{chip(n, anchors[n], lang)}</span></p>')
        else:
            out.append(f'<p class="cqa-lead cqa-direct">{esc(answer.lead)}</p>')
    if answer.gist:
        chips = "".join(chip(n, anchors.get(n), lang) for n in answer.gist_citations or answer.citations)
        out.append(f'<p class="cqa-gist">{esc(answer.gist)} <span class="cqa-chips">{chips}</span></p>')
    if answer.pending:
        out.append(f'<p class="{WORKING}" role="status"><span class="cqa-spinner"></span>{esc(ui("writing", lang))}'
                   f"</p>")
    if _shown(answer):
        out.append(f'<div class="cqa-evidence"><p class="cqa-label">{esc(ui("official_text", lang))}</p>')
        for ev in _shown(answer):
            section = f'<span class="cqa-ev-section">{esc(ev.section)}</span>' if ev.section else ""
            out.append(f'<div class="cqa-ev"><p class="cqa-ev-head">{chip(ev.clause, anchors.get(ev.clause), lang)}'
                       f'{section}</p><blockquote class="cqa-quote">{esc(joined_sentences(ev.sentences, ev.text, lang))}'
                       f"</blockquote></div>")
        out.append("</div>")
    for note in answer.notices:
        if note not in shown_notices:
            out.append(f'<p class="cqa-notice" role="note">{esc(note)}</p>')
    if sources:
        out.append(f'<div class="cqa-sources"><p class="cqa-label">{esc(ui("sources", lang))}</p>')
        out.extend(source_html(s.clause, lang, anchors[s.clause], s.section, s.text,
                               tuple(getattr(s, "highlights", ()) or ()), getattr(s, "lead_in", None))
                   for s in sources)
        out.append("</div>")
    elif answer.refused:
        near = _nearest(answer)
        if near:
            out.append(f'<details class="cqa-sources cqa-nearest"><summary>{esc(ui("closest", lang))}</summary>')
            out.extend(source_html(n, lang, f"{msg_id}-clause-{n}") for n in near)
            out.append("</details>")
    # A pending answer carries its actions hidden: Stop (stopped_html) makes it final as it stands.
    hidden = " hidden" if answer.pending else ""
    out.append(f'<div class="cqa-final-only"{hidden}>{actions_html(answer, ui_lang, question)}'
               f'<pre class="cqa-md" hidden>{esc(answer_markdown(answer))}</pre></div>')
    out.append("</div>")
    return "".join(out)


def message_lang(message_html: str) -> str:
    """The language of a chat message built here (its outer element's lang)."""
    m = re.search(r'<div class="cqa-(?:answer|question)[^"]*"[^>]*\blang="([a-z]{2})"', message_html)
    return _lang(m.group(1) if m else None)


def stopped_html(message_html: str) -> str:
    """A pending answer whose summary was stopped: the quiet line becomes a short note in the answer's
    language, the evidence stays."""
    note = f'<p class="cqa-notice" role="note">{esc(ui("stopped", message_lang(message_html)))}</p>'
    done = re.sub(rf'<p class="{WORKING}"[^>]*>.*?</p>', note, message_html, count=1, flags=re.S)
    done = done.replace('<div class="cqa-final-only" hidden>', '<div class="cqa-final-only">', 1)
    return done.replace("cqa-answer cqa-pending", "cqa-answer cqa-final cqa-stopped", 1)


def _nearest(answer) -> list[int]:
    ret = getattr(answer, "retrieval", None)
    if ret is None or getattr(ret, "missing", ()):
        return []
    return [h.clause for h in ret.hits[:2] if 1 <= h.clause <= N_CLAUSES]


def share_link(question: str, ui_lang: str) -> str:
    """The address that asks `question` when opened, in interface language `ui_lang` ("?q=…&lang=fr")."""
    return f"?q={quote(question.strip(), safe='')}&lang={_lang(ui_lang)}"


def actions_html(answer, ui_lang: str, question: Optional[str]) -> str:
    """Copy, Share link and the Details toggle (route, model, timings) under a final answer, in its language."""
    lang = _lang(answer.lang)
    copy = (f'<button type="button" class="cqa-act cqa-copy"><span class="cqa-act-label">{esc(ui("copy", lang))}'
            f'</span><span class="cqa-act-done" hidden>{esc(ui("copied", lang))}</span></button>')
    share = ""
    if question and question.strip() and len(question) <= MAX_LINK_CHARS:
        share = (f'<a class="cqa-act cqa-share" href="{esc(share_link(question, ui_lang))}">'
                 f'<span class="cqa-act-label">{esc(ui("share", lang))}</span>'
                 f'<span class="cqa-act-done" hidden>{esc(ui("link_copied", lang))}</span></a>')
    route_key = {Route.MODEL: "route_model", Route.REFUSAL: "route_refusal"}.get(answer.route, "route_extractive")
    lines = [ui(route_key, lang)]
    if answer.route == Route.MODEL and answer.backend:
        lines.append(ui("model", lang, backend=answer.backend))
    body = "".join(f"<p>{esc(x)}</p>" for x in lines) + timings_html(answer.timings_ms, lang)
    details = f'<details class="cqa-details"><summary>{esc(ui("details", lang))}</summary>{body}</details>'
    return f'<div class="cqa-actions">{copy}{share}{details}</div>'


def duration(ms: float, lang: str) -> str:
    """"900 ms", "12,5 s", "900 мс", "900毫秒", "900 ملي ث": CLDR's short units for the language."""
    from babel.units import format_unit
    if ms < 10_000:
        return format_unit(round(ms), "duration-millisecond", length="short", locale=lang)
    return format_unit(round(ms / 1000, 1), "duration-second", length="short", locale=lang)


def timings_html(t: dict, lang: str) -> str:
    parts = []
    for key, label in (("retrieval", "t_retrieval"), ("first_text", "t_first_text"), ("gist", "t_gist"),
                       ("total", "t_total")):
        v = (t or {}).get(key)
        if isinstance(v, (int, float)):
            parts.append(f"{esc(ui(label, lang))} <bdi>{esc(duration(v, lang))}</bdi>")
    return f'<p class="cqa-meta">{" · ".join(parts)}</p>' if parts else ""


def answer_markdown(answer) -> str:
    """Plain text of an answer for Copy and the Markdown export: answer, quotes with [n], clause texts."""
    lang = _lang(answer.lang)
    if answer.refused:
        return answer.text
    nums = i18n.join_numbers(answer.gist_citations or answer.citations, lang)
    lines = [answer.lead, *([f"{answer.gist} [{nums}]"] if answer.gist else []), ""]
    for ev in _shown(answer):
        lines.append(f"> {joined_sentences(ev.sentences, ev.text, lang)} [{ev.clause}]")
        lines.append(">")
    if lines[-1] == ">":
        lines[-1] = ""
    lines.extend(f"_{n}_" for n in answer.notices)
    if answer.notices:
        lines.append("")
    if answer.sources:
        lines.append(f"**{ui('sources', lang)}**")
        lines.append("")
        for s in answer.sources:
            head = ui("clause", lang, n=s.clause) + (f" — {s.section}" if s.section else "")
            lines.append(f"- [{s.clause}] {head}: {s.text}")
    return "\n".join(lines).strip()


def source_html(n: int, lang: str, anchor: str, section: Optional[str] = None, text: Optional[str] = None,
                highlights: Sequence[str] = (), lead_in: Optional[str] = None) -> str:
    """One cited clause, folded: number and section; open, the whole official text with the quoted
    sentences marked, and the same clause in the six languages on demand."""
    versions = load_corpus().versions(n)
    own = versions[lang]
    section = own.section if section is None else section
    text = own.text if text is None else text
    head = f'<span class="cqa-source-num">{esc(ui("clause", lang, n=n))}</span>'
    if section:
        head += f' <span class="cqa-source-section">{esc(section)}</span>'
    spans = sorted(sp for h in highlights if h for sp in _all_spans(text, h))
    cells = "".join(
        f'<div class="cqa-version" {_attrs(lg)}><div class="cqa-version-lang">{esc(NATIVE_NAMES[lg])}</div>'
        f'<p>{esc(versions[lg].text)}</p></div>' for lg in LANGS)
    return (f'<details class="cqa-source" id="{esc(anchor)}" {_attrs(lang)}>'
            f'<summary class="cqa-source-head">{head}</summary>'
            + (f'<p class="cqa-lead-in">{esc(lead_in)}</p>' if lead_in else "") +
            f'<blockquote class="cqa-source-text">{_highlight(text, spans)}</blockquote>'
            f'<details class="cqa-versions"><summary>{esc(ui("six_langs", lang))}</summary>'
            f'<div class="cqa-grid">{cells}</div></details></details>')


def _all_spans(text: str, part: str) -> list[tuple[int, int]]:
    spans, i = [], text.find(part)
    while i >= 0:
        spans.append((i, i + len(part)))
        i = text.find(part, i + len(part))
    return spans


# --- Browse tab -----------------------------------------------------------------------------------------

def _fold_char(ch: str) -> str:
    """Case- and accent-insensitive form of one character (Arabic short vowels dropped too)."""
    decomposed = unicodedata.normalize("NFKD", ch)
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn").casefold()


def _folded(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the index of the original character."""
    out, where = [], []
    for i, ch in enumerate(text):
        f = _fold_char(ch)
        out.append(f)
        where.extend([i] * len(f))
    return "".join(out), where


def clause_numbers(query: str) -> Optional[set[int]]:
    """The clauses a Browse query names ("12", "28-30", "12, 13 and 20", "clause 7", "第十二条"), through the
    same parser as questions; None when it names none (then it is a word search)."""
    refs = find_clause_refs(query)
    return set(refs.valid) if refs else None


def _spans(text: str, folded_query: str) -> list[tuple[int, int]]:
    if not folded_query:
        return []
    ftext, where = _folded(text)
    spans, start = [], 0
    while True:
        i = ftext.find(folded_query, start)
        if i < 0:
            return spans
        j = i + len(folded_query) - 1
        spans.append((where[i], where[j] + 1))
        start = i + len(folded_query)


def _highlight(text: str, spans: Sequence[tuple[int, int]]) -> str:
    out, pos = [], 0
    for a, b in spans:
        if a < pos:
            continue
        out.append(esc(text[pos:a]))
        out.append(f"<mark>{esc(text[a:b])}</mark>")
        pos = b
    out.append(esc(text[pos:]))
    return "".join(out)


@lru_cache(maxsize=6)
def _groups(lang: str) -> tuple:
    """(title or None, lead-in or None, clause numbers) per group, in document order."""
    corpus = load_corpus()
    heads = sorted((p for p in corpus.passages if p.lang == lang and p.kind == "heading"), key=lambda p: p.first)
    leads = {p.first: p.text for p in corpus.passages if p.lang == lang and p.kind == "lead_in"}
    starts = sorted({p.first for p in heads} | set(leads))
    groups = []
    for i, first in enumerate(starts):
        last = (starts[i + 1] - 1) if i + 1 < len(starts) else N_CLAUSES
        title = next((p.text for p in heads if p.first == first), None)
        groups.append((title, leads.get(first), tuple(range(first, last + 1))))
    return tuple(groups)


def browse_html(lang: str, query: str = "", ui_lang: Optional[str] = None) -> str:
    """The 44 clauses in one language (`lang`), or in the six side by side (`lang` = ALL), grouped under their
    section headings (h2: the page's title is the h1), filtered by `query`.

    The query is a word or phrase (case- and accent-insensitive) or clause references ("12", "28-30",
    "12, 13 and 20"). A phrase found in no clause of the shown language is looked for in the other five; side
    by side, a clause is shown when any of its six versions has the phrase, marked where it is. The count line
    is in the interface language `ui_lang`.
    """
    ui_lang = _lang(ui_lang or (lang if lang in LANGS else "en"))
    query = (query or "").strip()[:200]
    numbers = clause_numbers(query) if query else None
    fq = "".join(_fold_char(c) for c in re.sub(r"\s+", " ", query)) if query and numbers is None else ""
    if lang == ALL:
        body, shown = _parallel(numbers, fq, ui_lang)
    else:
        lang = _lang(lang)
        sections, shown = _browse_sections(lang, numbers, fq, any_lang=False)
        if fq and not shown:
            sections, shown = _browse_sections(lang, numbers, fq, any_lang=True)
        body = f'<div {_attrs(lang)}>{"".join(sections)}</div>'
    count = ui("browse_count", ui_lang, count=shown, n=shown) if shown else ui("browse_none", ui_lang, q=query)
    view = "cqa-parallel-view" if lang == ALL else "cqa-one-view"
    return (f'<div class="cqa-browse {view}" {_attrs(ui_lang)}>'
            f'<p class="cqa-browse-count" role="status">{esc(count)}</p>{body}</div>')


def _browse_sections(lang: str, numbers: Optional[set[int]], fq: str, any_lang: bool) -> tuple[list[str], int]:
    corpus = load_corpus()
    shown = 0
    out = []
    for title, lead, nums in _groups(lang):
        title_hit = bool(fq and title and _spans(title, fq))
        rows = []
        for n in nums:
            c = corpus.clause(n, lang)
            if numbers is not None and n not in numbers:
                continue
            spans = _spans(c.text, fq) if fq else []
            if fq and not spans and not title_hit:
                if not any_lang or not any(_spans(v.text, fq) for v in corpus.versions(n).values()):
                    continue
            rows.append(f'<div class="cqa-clause" id="cqa-browse-{n}"><span class="cqa-clause-num">{n}</span>'
                        f'<p>{_highlight(c.text, spans)}</p></div>')
        if not rows:
            continue
        shown += len(rows)
        block = ['<section class="cqa-section">']
        if title:
            block.append(f"<h2>{_highlight(title, _spans(title, fq) if fq else [])}</h2>")
        if lead and (not title or (numbers is None and not fq)):  # 39-44 have only their lead-in
            block.append(f'<p class="cqa-lead-in">{esc(lead)}</p>')
        block.extend(rows)
        block.append("</section>")
        out.append("".join(block))
    return out, shown


def _marked(text: str, fq: str) -> str:
    return _highlight(text, _spans(text, fq) if fq else [])


def _parallel(numbers: Optional[set[int]], fq: str, ui_lang: str) -> tuple[str, int]:
    """The six official versions side by side: one table, a column per language (Arabic right to left), a row
    per clause so that the versions of a clause stand level; each section's title is a row of its own, the
    interface language's version of it an h2. The table scrolls sideways in its own box on a narrow screen."""
    corpus = load_corpus()
    titles = {lg: {first: (title, lead) for title, lead, (first, *_) in _groups(lg)} for lg in LANGS}
    head = "".join(f'<th scope="col" {_attrs(lg)}>{esc(NATIVE_NAMES[lg])}</th>' for lg in LANGS)
    rows, shown = [], 0
    for title, lead, nums in _groups(ui_lang):
        first = nums[0]
        title_hit = bool(fq and title and any(_spans(titles[lg][first][0] or "", fq) for lg in LANGS))
        clause_rows = []
        for n in nums:
            versions = corpus.versions(n)
            if numbers is not None and n not in numbers:
                continue
            if fq and not title_hit and not any(_spans(versions[lg].text, fq) for lg in LANGS):
                continue
            cells = "".join(f'<td {_attrs(lg)}>{_marked(versions[lg].text, fq)}</td>' for lg in LANGS)
            clause_rows.append(f'<tr id="cqa-par-{n}"><th scope="row">{n}</th>{cells}</tr>')
        if not clause_rows:
            continue
        shown += len(clause_rows)
        if title:
            cells = "".join(
                f'<td {_attrs(lg)}>'
                + (f"<h2>{_marked(titles[lg][first][0] or '', fq)}</h2>" if lg == ui_lang
                   else f'<p class="cqa-par-title">{_marked(titles[lg][first][0] or "", fq)}</p>')
                + "</td>" for lg in LANGS)
            rows.append(f'<tr class="cqa-par-section"><td></td>{cells}</tr>')
        if lead and numbers is None and not fq:
            cells = "".join(f'<td {_attrs(lg)}><p class="cqa-lead-in">{esc(titles[lg][first][1] or "")}</p></td>'
                            for lg in LANGS)
            rows.append(f'<tr class="cqa-par-lead"><td></td>{cells}</tr>')
        rows.extend(clause_rows)
    if not rows:
        return "", 0
    caption = esc(ui("parallel_caption", ui_lang))
    return (f'<div class="cqa-par-scroll" role="region" tabindex="0" aria-label="{caption}">'
            f'<table class="cqa-par"><caption class="cqa-sr">{caption}</caption>'
            f'<thead><tr><th scope="col">{esc(ui("clause_no", ui_lang))}</th>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>'), shown


def status_html(state: str, ui_lang: str = "en", detail: str = "", seconds: Optional[float] = None) -> str:
    """The small line under the title: loading → ready, or a startup problem (what went wrong)."""
    ui_lang = _lang(ui_lang)
    text = ui(f"status_{state}", ui_lang)
    extra = f" ({seconds:.0f} s)" if seconds is not None and state == "loading" else ""
    detail_html = f' <span class="cqa-status-detail">· {esc(detail)}</span>' if detail else ""
    return (f'<p class="cqa-status cqa-status-{state}" role="status" {_attrs(ui_lang)}>'
            f'<span class="cqa-dot"></span><span class="cqa-status-text">{esc(text)}{extra}</span>{detail_html}</p>')


def iter_langs() -> Iterable[tuple[str, str]]:
    return ((NATIVE_NAMES[lg], lg) for lg in LANGS)


def browse_choices(ui_lang: str) -> list[tuple[str, str]]:
    """Browse's language menu: each language named in itself, then the six side by side."""
    return [*iter_langs(), (ui("browse_all", _lang(ui_lang)), ALL)]
