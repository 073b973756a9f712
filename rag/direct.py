"""The first line of an answer: the official words that settle the question, said first.

  yes/no, decided  "No. Clause 12 (a recommendation to governments and other stakeholders): “Be aware that
                    teachers cannot be displaced by machines, …” [12]"
  explain, sure    "Clause 12 addresses this (…): “…” [12]"
  not sure         "Clause 12 (…): “…” [12]"  (names the clause; claims neither that it answers nor that it is close)
  false premise    "The Beijing Consensus does not say that. Clause 16 (…): “… to support large-scale and remote
                    assessment.” [16]"
  not mentioned    "The Beijing Consensus does not mention “ChatGPT”."

The system writes only the frame (verdict word, clause label); what is quoted is one official sentence, or its
head and the part that settles the question, joined by "…", never words the sentence does not have in that
order. Which sentence and whether a verdict may be given are decided elsewhere (rag/verify.py: settle).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from rag import i18n
from rag.kinds import Kind
from rag.lang import word_sep
from rag.profiles import PROFILES, table
from rag.verify import segments

LONG_WORDS = 45      # a longer sentence is quoted as its head and its settling part
LONG_CHARS = 90      # the same where words are not spaced (cjk), in characters
SHORT_GAP = 8        # words between head and part kept rather than cut (cjk: characters × 2)
ELLIPSIS = "…"       # marks a cut while quoting; shown as the language's own (Chinese writes it as two)

# Views of rag/profiles.py: quotation marks, and the inner marks a quotation inside the quote takes (the official
# text's own marks are the outer kind: 建立一个“人工智能服务于教育”的平台 is quoted as “建立一个‘人工智能服务于教育’的平台”).
QUOTES = table("quotes")
INNER = table("inner_quotes")


@dataclass(frozen=True)
class Direct:
    kind: Kind
    text: str                        # the first line as shown: frame, quote, [n]
    verdict: Optional[str] = None    # "yes" | "no" | None
    clause: Optional[int] = None     # the clause quoted
    sentence: str = ""               # the official sentence the quote comes from
    quote: str = ""                  # what is quoted: the sentence, or its head … settling part
    confident: bool = False          # the clause answers (True) or is only the closest passage (False)
    not_mentioned: Optional[str] = None  # the subject the Consensus does not mention


def _words(text: str, lang: str) -> int:
    return len(text) // 2 if PROFILES[lang].cjk else len(text.split())


def quote_of(sentence: str, part: str, lang: str) -> str:
    """The sentence, or for a long one its head and the part that settles the question, in their order:
    "Apply or develop AI tools to support adaptive learning processes; … to support large-scale and remote
    assessment." The head keeps who is asked to do what; "…" marks every cut. Pass `part` only when it was
    checked to settle the question (a verdict, a refuted premise, the asked number): a cut chosen by similarity
    alone once cut away the very words that answered."""
    limit = LONG_CHARS // 2 if PROFILES[lang].cjk else LONG_WORDS
    if _words(sentence, lang) <= limit or not part or part not in sentence:
        return sentence
    head = segments(sentence, lang)[0]
    start = sentence.find(part)
    end = start + len(part)
    head_end = sentence.find(head) + len(head) if head in sentence else end
    if _words(sentence[head_end:start], lang) <= SHORT_GAP:  # the part is, or follows close on, the head
        text = sentence[:end]
    else:
        text = f"{sentence[:head_end]} {ELLIPSIS} {part}"
    rest = sentence[end:].strip()
    if rest and _words(rest, lang) <= SHORT_GAP:  # a short tail finishes the part ("… y a distancia."): kept
        text, rest = text + sentence[end:], ""
    if rest and re.sub(r"[\s.。!?！？]", "", rest):
        text = text.rstrip(" ,;:，；：、،؛") + f" {ELLIPSIS}"
    if any(_unbalanced(piece) for piece in text.split(ELLIPSIS)):  # never "(EMIS …": an open bracket or quote
        return sentence
    text = text.replace(f" {ELLIPSIS}", ELLIPSIS).replace(f"{ELLIPSIS} ", ELLIPSIS) if PROFILES[lang].cjk else text
    return text.replace(ELLIPSIS, PROFILES[lang].ellipsis)


_PAIRS = ("()", "（）", "[]", "«»", "“”")


def _unbalanced(text: str) -> bool:
    return any(text.count(a) != text.count(b) for a, b in _PAIRS)


def quoted(text: str, lang: str) -> str:
    a, b = PROFILES[lang].quotes
    for mark, inner in PROFILES[lang].inner_quotes.items():
        text = text.replace(mark, inner)
    return f"{a}{text}{b}"


def cite(n: int, lang: str) -> str:
    return f"{word_sep(lang)}[{n}]"


def line(kind: Kind, lang: str, *, clause: int, sentence: str, part: str = "", verdict: Optional[str] = None,
         confident: bool = False, premise_refuted: bool = False, span: Optional[tuple[int, int]] = None) -> Direct:
    """The first line for an answer that quotes `clause` (first of the whole part `span`, when given)."""
    quote = quote_of(sentence, part, lang)
    if span:  # says who the part is addressed to, so the clause label need not
        frame = f"{part_frame(span, lang)}{word_sep(lang)}{i18n.t('direct_clause', lang, n=clause)}"
    elif premise_refuted:
        frame = i18n.t("direct_premise", lang, n=clause)
    elif verdict:
        frame = i18n.t(f"direct_{verdict}", lang, n=clause)
    elif confident:
        frame = i18n.t("direct_addresses", lang, n=clause)
    else:
        frame = i18n.t("direct_clause", lang, n=clause)
    frame = frame if span else with_addressee(frame, clause, lang)
    sep = word_sep(lang)
    return Direct(kind, f"{frame}{sep}{quoted(quote, lang)}{cite(clause, lang)}",
                  "no" if premise_refuted else verdict, clause, sentence, quote,
                  confident or bool(verdict) or premise_refuted)


def addressee_key(clause: int) -> Optional[str]:
    """The official lead-in a clause falls under (8-32 governments, 33-38 international partners, 39-44 the
    Director-General); None for the preamble, whose "we" says who speaks."""
    return None if clause < 8 else "addressed_gov" if clause <= 32 else "addressed_intl" if clause <= 38 \
        else "addressed_dg"


def part_frame(span: tuple[int, int], lang: str) -> str:
    """The first words of an answer that gives a whole part: "Clauses 39–44 are what the Consensus invites …"."""
    return i18n.t(f"part_{addressee_key(span[0]) or 'preamble'}", lang, first=span[0], last=span[1])


def with_addressee(frame: str, clause: int, lang: str) -> str:
    """"No. Clause 12:" -> "No. Clause 12 (a recommendation to governments and other stakeholders):"."""
    key = addressee_key(clause)
    m = re.search(r"\s*[:：]$", frame)
    if not key or not m:
        return frame
    a, b = PROFILES[lang].brackets
    return f"{frame[:m.start()]}{a}{i18n.t(key, lang)}{b}{m.group(0)}"


def joined_sentences(sentences, text: str, lang: str) -> str:
    """The chosen sentences of a clause as one quotation, " … " where the clause skips something in between: two
    sentences that are not neighbours must not read as one official passage."""
    sep = word_sep(lang)
    out = ""
    for i, s in enumerate(sentences):
        if i:
            out += sep if f"{sentences[i - 1]}{sep}{s}" in text else " … "
        out += s
    return out or text


def evidence_lines(evidence, lang: str, after: Optional[int] = None) -> list[str]:
    """One line per clause: its chosen sentences in quotation marks, then its number: «…» [12]. Official words
    are always quoted, so no line reads as the system's own. A line of another clause than the line above it
    (`after`: the clause the first line quotes) opens with its label, as the first line does, so its quote is not
    read as the first clause's (blind readers, seeds 181-201): "Clause 30: “…” [30]"; one addressed to another than
    the lines above it also says to whom, so a request to the Director-General is not read as one to governments:
    "Clause 42 (an invitation to the Director-General of UNESCO): “…” [42]". A further line of the first line's clause
    has no label."""
    lines, shown, previous = [], addressee_key(after) if after else None, after
    for ev in evidence:
        key = addressee_key(ev.clause)
        text = f"{quoted(joined_sentences(ev.sentences, ev.text, lang), lang)}{cite(ev.clause, lang)}"
        if ev.clause != previous:
            label = i18n.t("direct_clause", lang, n=ev.clause)
            label = with_addressee(label, ev.clause, lang) if key and key != shown else label
            text = f"{label}{word_sep(lang)}{text}"
        lines.append(text)
        shown, previous = key or shown, ev.clause
    return lines


def not_mentioned_line(subject: str, lang: str, related: bool, question: str = "") -> Direct:
    case = PROFILES[lang].about_case and re.search(rf"\b({PROFILES[lang].about_case})\s+{re.escape(subject)}", question,
                                                    re.IGNORECASE)
    text = (i18n.t("not_mentioned_about", lang, subject=quoted(subject, lang), prep=case.group(1).lower()) if case
            else i18n.t("not_mentioned", lang, subject=quoted(subject, lang)))
    if related:
        text += word_sep(lang) + i18n.t("related", lang)
    return Direct(Kind.NOT_MENTIONED, text, not_mentioned=subject)
