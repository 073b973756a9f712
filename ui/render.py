"""HTML for the chat messages and the Browse tab, built here from escaped text only.

Everything that comes from a person or a model (questions, drafts, answers, notices, error
messages) goes through `esc` before it is placed in markup; the only tags in the output are
the ones written in this module. The Chatbot is configured to render this HTML as is
(no Markdown, no LaTeX), and Gradio's sanitizer runs on top of it as a second line of defence.
"""
from __future__ import annotations

import html
import re
import unicodedata
import uuid
from functools import lru_cache
from typing import Iterable, Optional, Sequence

from rag import i18n
from rag.corpus import LANGS, N_CLAUSES, load_corpus
from ui.strings import NATIVE_NAMES, direction, ui

MAX_ECHO_CHARS = 4000  # a pasted novel is answered from its first 2000 characters; show a bit more


def esc(text: object) -> str:
    """Text -> HTML text: no tag, attribute or entity of the input survives."""
    return html.escape("" if text is None else str(text), quote=True)


def paragraphs(text: str) -> str:
    """Escaped text with its blank-line paragraphs and line breaks kept."""
    parts = [p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()]
    return "".join(f"<p>{esc(p).replace(chr(10), '<br>')}</p>" for p in parts)


def new_message_id() -> str:
    return "cqa-" + uuid.uuid4().hex[:8]


def _attrs(lang: str) -> str:
    return f'dir="{direction(lang)}" lang="{esc(lang)}"'


# --- chat messages ------------------------------------------------------------------------------

def question_html(text: str, lang: str) -> str:
    shown = text if len(text) <= MAX_ECHO_CHARS else text[:MAX_ECHO_CHARS] + " …"
    return f'<div class="cqa-question" {_attrs(lang)}>{paragraphs(shown) or "&nbsp;"}</div>'


def status_message_html(text: str, lang: str) -> str:
    """A placeholder while the answer is on its way ("Searching…", "Loading…")."""
    return (f'<div class="cqa-answer cqa-pending" {_attrs(lang)}>'
            f'<p class="cqa-working">{esc(text)}</p></div>')


def draft_html(draft: str, lang: str) -> str:
    return (f'<div class="cqa-answer cqa-draft" {_attrs(lang)}>{paragraphs(draft)}'
            f'<p class="cqa-working">{esc(ui("drafting", lang))}</p></div>')


def empty_question_html(lang: Optional[str]) -> str:
    """The polite "please type a question"; in all six languages when we cannot tell the asker's."""
    langs = [lang] if lang in LANGS else list(LANGS)
    return "".join(f'<div class="cqa-answer cqa-empty" {_attrs(lg)}><p>{esc(i18n.t("empty", lg))}</p></div>'
                   for lg in langs)


def error_html(lang: str, key: str = "error", **kw) -> str:
    return f'<div class="cqa-answer cqa-error" {_attrs(lang)}><p>{esc(ui(key, lang, **kw))}</p></div>'


_CITE = re.compile(r"\[(\d{1,2}(?:\s*[,،、]\s*\d{1,2})*)\]")


def link_citations(escaped: str, anchors: dict[int, str]) -> str:
    """Turn "[12]" / "[3, 5]" markers in escaped text into links to the sources listed below."""
    def one(num: str) -> str:
        n = int(num)
        if n not in anchors:
            return num
        return f'<a class="cqa-cite" href="#{anchors[n]}">{n}</a>'

    def repl(m: re.Match) -> str:
        inner = re.sub(r"\d{1,2}", lambda d: one(d.group(0)), m.group(1))
        return f"[{inner}]"
    return _CITE.sub(repl, escaped)


def answer_html(answer, msg_id: Optional[str] = None) -> str:
    """The final answer: text with linked citations, notices, sources, timings."""
    msg_id = msg_id or new_message_id()
    lang = answer.lang if answer.lang in LANGS else "en"
    anchors = {s.clause: f"{msg_id}-clause-{s.clause}" for s in answer.sources}
    body = link_citations(paragraphs(answer.text), anchors)
    out = [f'<div class="cqa-answer cqa-final cqa-path-{esc(answer.path)}" id="{msg_id}" {_attrs(lang)}>',
           f'<div class="cqa-text">{body}</div>']
    notes = list(answer.notices)
    if answer.path == "refusal":
        notes.append(ui("path_refusal", lang))
    elif answer.path == "extractive":
        notes.append(ui("path_extractive", lang))
    kinds = ["notice"] * len(answer.notices) + ["path"] * (len(notes) - len(answer.notices))
    for note, kind in zip(notes, kinds):
        out.append(f'<p class="cqa-notice cqa-notice-{kind}" role="note">{esc(note)}</p>')
    if answer.path == "model":
        out.append(f'<p class="cqa-path-note">{esc(ui("path_model", lang, backend=answer.backend))}</p>')
    if answer.sources:
        out.append(f'<div class="cqa-sources"><p class="cqa-sources-title">{esc(ui("sources", lang))}</p>')
        out.extend(source_html(s.clause, lang, anchors[s.clause], s.section, s.text) for s in answer.sources)
        out.append("</div>")
    elif answer.path == "refusal":
        near = _nearest(answer)
        if near:
            out.append(f'<details class="cqa-sources cqa-nearest"><summary>{esc(ui("closest", lang))}</summary>')
            out.extend(source_html(n, lang, f"{msg_id}-clause-{n}") for n in near)
            out.append("</details>")
    out.append(timings_html(answer.timings_ms, lang))
    out.append("</div>")
    return "".join(out)


def _nearest(answer) -> list[int]:
    ret = getattr(answer, "retrieval", None)
    if ret is None or any(n.startswith("no_such_clause:") for n in ret.notes):
        return []
    return [h.clause for h in ret.hits[:2] if 1 <= h.clause <= N_CLAUSES]


def source_html(n: int, lang: str, anchor: str, section: Optional[str] = None, text: Optional[str] = None) -> str:
    """One cited clause: number, section heading, official text; six-language view on demand."""
    versions = load_corpus().versions(n)
    own = versions[lang]
    section = own.section if section is None else section
    text = own.text if text is None else text
    head = f'<span class="cqa-source-num">{esc(ui("clause", lang, n=n))}</span>'
    if section:
        head += f' <span class="cqa-source-section">{esc(section)}</span>'
    cells = "".join(
        f'<div class="cqa-version" {_attrs(lg)}><div class="cqa-version-lang">{esc(NATIVE_NAMES[lg])}</div>'
        f'<p>{esc(versions[lg].text)}</p></div>' for lg in LANGS)
    return (f'<div class="cqa-source" id="{esc(anchor)}" {_attrs(lang)}>'
            f'<p class="cqa-source-head">{head}</p>'
            f'<blockquote class="cqa-source-text">{esc(text)}</blockquote>'
            f'<details class="cqa-versions"><summary>{esc(ui("six_langs", lang))}</summary>'
            f'<div class="cqa-grid">{cells}</div></details></div>')


def timings_html(t: dict, lang: str) -> str:
    def ms(v) -> str:
        return f"{v:.0f} ms" if v < 10_000 else f"{v / 1000:.1f} s"
    parts = []
    for key, label in (("retrieval", "t_retrieval"), ("first_token", "t_first"), ("total", "t_total")):
        v = (t or {}).get(key)
        if isinstance(v, (int, float)):
            parts.append(f"{esc(ui(label, lang))} <bdi>{ms(v)}</bdi>")
    return f'<p class="cqa-meta">{" · ".join(parts)}</p>' if parts else ""


# --- Browse tab ---------------------------------------------------------------------------------

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


_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def clause_numbers(query: str) -> Optional[set[int]]:
    """"12", "12-15", "3, 7", "§ 12", "٧" -> clause numbers; None if the query is not numeric."""
    q = query.translate(_DIGITS).strip().strip("§#").strip()
    if not q or not re.fullmatch(r"\d{1,2}(\s*[-–]\s*\d{1,2})?(\s*[,،、\s]\s*\d{1,2}(\s*[-–]\s*\d{1,2})?)*", q):
        return None
    nums: set[int] = set()
    for m in re.finditer(r"(\d{1,2})(?:\s*[-–]\s*(\d{1,2}))?", q):
        lo, hi = int(m.group(1)), int(m.group(2) or m.group(1))
        nums.update(n for n in range(min(lo, hi), max(lo, hi) + 1) if 1 <= n <= N_CLAUSES)
    return nums


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


def browse_html(lang: str, query: str = "") -> str:
    """The 44 clauses in one language, grouped under their section headings, filtered by `query`.

    The query is a word or phrase (case- and accent-insensitive) or clause numbers ("12", "28-30").
    A phrase found in no clause of the shown language is looked for in the other five versions.
    """
    lang = lang if lang in LANGS else "en"
    query = (query or "").strip()[:200]
    numbers = clause_numbers(query) if query else None
    fq = "".join(_fold_char(c) for c in re.sub(r"\s+", " ", query)) if query and numbers is None else ""
    sections, shown = _browse_sections(lang, numbers, fq, any_lang=False)
    if fq and not shown:
        sections, shown = _browse_sections(lang, numbers, fq, any_lang=True)
    count = ui("browse_count", lang, n=shown) if shown else ui("browse_none", lang, q=query)
    return (f'<div class="cqa-browse" {_attrs(lang)}><p class="cqa-browse-count">{esc(count)}</p>'
            f'{"".join(sections)}</div>')


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
            block.append(f"<h3>{_highlight(title, _spans(title, fq) if fq else [])}</h3>")
        if lead and (not title or (numbers is None and not fq)):  # 39-44 have only their lead-in
            block.append(f'<p class="cqa-lead-in">{esc(lead)}</p>')
        block.extend(rows)
        block.append("</section>")
        out.append("".join(block))
    return out, shown


def status_html(state: str, detail: str = "", seconds: Optional[float] = None) -> str:
    """The line under the title: loading → ready (with the backend) or a startup problem."""
    text = {"loading": "Loading the index and model…", "ready": "Ready", "error": "Started with a problem"}[state]
    extra = f" ({seconds:.0f} s)" if seconds is not None and state == "loading" else ""
    detail_html = f' <span class="cqa-status-detail">· {esc(detail)}</span>' if detail else ""
    return (f'<p class="cqa-status cqa-status-{state}" role="status" aria-live="polite">'
            f'<span class="cqa-dot"></span><span class="cqa-status-text">{esc(text)}{extra}</span>{detail_html}</p>')


def iter_langs() -> Iterable[tuple[str, str]]:
    return ((NATIVE_NAMES[lg], lg) for lg in LANGS)
