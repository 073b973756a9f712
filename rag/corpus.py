"""Parse the shipped six-language text of the Beijing Consensus into typed records.

The source is a PDF-to-text extraction of the six official versions, one after
another, each opening with its "Preamble" heading. Its noise, handled here:

* page numbers (Western and Arabic-Indic digits) alone on a line;
* two publisher blocks (a Chinese one, an Arabic one with an e-mail and URLs)
  sitting between language versions: dropped as lines of a foreign script or
  as URLs;
* false clause starts ("2019. Nous…"): clause numbers are accepted in sequence only;
* Russian words split by line-break hyphens or stray spaces, and a Latin "C"
  inside a Cyrillic word: mended with a Russian dictionary (pymorphy3);
* Chinese lines broken mid-sentence: joined without spaces;
* Arabic: the clause number sits at the end of the clause's first line, brackets
  are mirrored, and in about a quarter of the lines the right-to-left extraction
  emitted the word groups (separated by 2+ spaces) last-first; a shadda or haraka over a narrow
  letter came out one letter late («نظُم» for «نُظم»).

After a clause's last sentence, the lines up to the next clause are the lead-in
("We RECOMMEND…:", ending with a colon) and/or the next section heading.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable, Literal, Optional

from rag.errors import ConsensusError
from rag.langs import LANGS  # kept apart so that rag/profiles.py, read here, can check itself against it
from rag.profiles import PROFILES, table

N_CLAUSES = 44
SOURCE_FILE = "beijing_consensus_ai_education_6lang.txt"
PARSER_VERSION = "parse/2"  # bump when parsing changes any clause's text (2: Arabic marks put back in place)

# Each version opens with its "Preamble" heading (the profile's `preamble`); versions appear in the order of LANGS.
PREAMBLE = table("preamble")

Kind = Literal["clause", "heading", "lead_in"]


@dataclass(frozen=True)
class Clause:
    lang: str
    number: int
    section: Optional[str]  # heading in this language; None for 39-44
    text: str
    kind: Kind = "clause"


@dataclass(frozen=True)
class Passage:
    """A section heading or a lead-in sentence, with the clauses it introduces."""
    lang: str
    kind: Kind
    text: str
    first: int
    last: int


@dataclass(frozen=True)
class Corpus:
    clauses: tuple[Clause, ...]
    passages: tuple[Passage, ...]
    sha256: str

    def clause(self, number: int, lang: str) -> Clause:
        return self._by_key()[(lang, number)]

    def versions(self, number: int) -> dict[str, Clause]:
        """The official texts of one clause, keyed by language."""
        return {lang: self._by_key()[(lang, number)] for lang in LANGS}

    def by_lang(self, lang: str) -> list[Clause]:
        return [c for c in self.clauses if c.lang == lang]

    def _by_key(self) -> dict[tuple[str, int], Clause]:
        cache = self.__dict__.get("_key_cache")
        if cache is None:
            cache = {(c.lang, c.number): c for c in self.clauses}
            object.__setattr__(self, "_key_cache", cache)
        return cache


class CorpusError(ConsensusError):
    """The source text does not parse into 6 x 44 clauses."""


# --- scripts -----------------------------------------------------------------

def _script(ch: str) -> Optional[str]:
    o = ord(ch)
    if 0x0600 <= o <= 0x06FF or 0x0750 <= o <= 0x077F or 0xFB50 <= o <= 0xFEFF:
        return "arabic"
    if 0x0400 <= o <= 0x04FF:
        return "cyrillic"
    if 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF:
        return "han"
    if ch.isalpha():
        if o < 0x0250:
            return "latin"
        # Any other script by its Unicode name: "hangul", "hiragana", "greek", "devanagari"…
        return unicodedata.name(ch, "other").split(" ")[0].lower()
    return None


LANG_SCRIPT = table("script")  # a view of the profiles


def script_counts(text: str) -> dict[str, int]:
    """Letters per script, e.g. {"latin": 10, "han": 8}."""
    counts: dict[str, int] = {}
    for ch in text:
        s = _script(ch)
        if s:
            counts[s] = counts.get(s, 0) + 1
    return counts


def dominant_script(text: str) -> Optional[str]:
    counts = script_counts(text)
    return max(counts, key=counts.get) if counts else None


# --- line-level noise ----------------------------------------------------------

_PAGE_NUMBER = re.compile(r"^[\d\u0660-\u0669\u06F0-\u06F9]{1,3}$")
_URL = re.compile(r"(https?://|mailto:|www\.|\S+@\S+\.\w+)")


def _is_noise(line: str, lang: str) -> bool:
    s = line.strip()
    if not s:
        return True
    if _PAGE_NUMBER.match(s) or _URL.search(s):
        return True
    script = dominant_script(s)
    # Publisher blocks of another version, e.g. Chinese lines inside the Russian part.
    return script is not None and script != LANG_SCRIPT[lang]


# --- Arabic --------------------------------------------------------------------

_AR_NUMBER_SUFFIX = re.compile(r"\s*-\s*([0-9]{1,2})\s*$")
_AR_MIRROR = str.maketrans("()[]", ")(][")


def _fix_arabic_line(line: str) -> str:
    """Undo the extraction's right-to-left damage on one (number-free) line."""
    s = line.strip().translate(_AR_MIRROR)
    groups = re.split(r" {2,}", s)
    if len(groups) > 1:
        # Reversed line: groups come last-first. A number that ended its group
        # was rendered at the group's left edge ("2015 عام", "،4 المستدامة").
        fixed = []
        for g in reversed(groups):
            words = g.split(" ")
            if re.search(r"\d", words[0]):
                head = words.pop(0)
                m = re.match(r"^(\D*)(\d.*)$", head)
                head = m.group(2) + m.group(1) if m else head
                words.append(head)
            fixed.append(" ".join(words))
        s = " ".join(fixed)
    return s


# The extraction emits a combining mark by the position of its glyph. Over a narrow glyph (a "tooth" letter
# ب ت ث ن ي ئ joined to the next letter, or a hamza on alef أ إ) the mark's glyph starts left of its letter,
# so it comes out one letter late: «المسناّت» for «المسنّات», «نظُم» for «نُظم», «سيمّا» for «سيّما». Measured on the
# whole Arabic version (49 words with a shadda or haraka): each of the 30 marks that belong over such a letter
# came out one letter late, and 18 of the 19 over any other letter came out in place (the 19th, early, is the
# erratum below). A long-vowel letter (ا آ ى) never carries one, whatever the letter before. Tanween fath on a
# final alef («أيضاً») is how the text spells it and stays. The rule runs once, on the extraction: on text
# with its marks already in place it would move them again.
_AR_LATE_AFTER = frozenset("بتثنيئأإ")
_AR_HAMZA_ALEF = frozenset("أإ")
_AR_NO_MARK = frozenset("اآى")  # long-vowel letters: no shadda or haraka sits on them
_AR_MOVABLE = frozenset("\u064e\u064f\u0650\u0651\u0652")  # fatha damma kasra shadda sukun; tanween stays
_AR_SHADDA = "\u0651"
_AR_WORD = re.compile(r"[\u0621-\u064a\u064b-\u0652\u0670\u0640]+")
# A shadda drawn one letter early, where no rule of the script tells it from a possible word: «يضّر» reads
# as a form-II verb of a root that does not exist, but only a dictionary knows that. The official text has
# «يضرّ» (clause 23). The one word this parser mends by name; the test checks it occurs exactly once.
_AR_ERRATA = {"يضّر": "يضرّ"}


def _move_late_marks(word: str) -> str:
    """Put each shadda/haraka the extraction emitted one letter late back on the letter before."""
    # Split into [letter, marks] cells; tatweel is a letter-like cell that carries nothing.
    cells: list[list[str]] = []
    for ch in word:
        if ch in _AR_MOVABLE or unicodedata.combining(ch):
            if cells:
                cells[-1][1] += ch
                continue
        cells.append([ch, ""])
    for i in range(1, len(cells)):
        letter, marks = cells[i]
        moving = "".join(m for m in marks if m in _AR_MOVABLE)
        if not moving:
            continue
        prev, prev_marks = cells[i - 1]
        if prev_marks or prev in _AR_NO_MARK or prev == "\u0640":
            continue  # the letter before already has its mark, or cannot carry one
        late = prev in _AR_LATE_AFTER and not (_AR_SHADDA in moving and prev in _AR_HAMZA_ALEF)
        # A geminate needs a vowel before it: never a shadda on a word's first letter.
        if _AR_SHADDA in moving and i - 1 == 0:
            late = False
        if late or letter in _AR_NO_MARK:
            cells[i - 1][1] = moving
            cells[i][1] = "".join(m for m in marks if m not in _AR_MOVABLE)
    return "".join(letter + marks for letter, marks in cells)


def _fix_arabic_marks(text: str) -> str:
    text = _AR_WORD.sub(lambda m: _move_late_marks(m.group(0)), text)
    for wrong, right in _AR_ERRATA.items():
        text = re.sub(rf"(?<![\u0621-\u0652]){wrong}(?![\u0621-\u0652])", right, text)
    return text


# --- Russian -------------------------------------------------------------------

_LATIN_TO_CYRILLIC = str.maketrans("AaBCcEeHKMOoPpTXxy", "АаВСсЕеНКМОоРрТХху")


@lru_cache(maxsize=1)
def _morph():
    import pymorphy3  # dictionary-backed; loads in ~0.2 s
    return pymorphy3.MorphAnalyzer()


def _known(word: str) -> bool:
    return _morph().word_is_known(word.lower())


def _fix_russian(text: str) -> str:
    # Latin homoglyphs inside Cyrillic words ("Cодействовать").
    text = re.sub(r"\w+", lambda m: m.group(0).translate(_LATIN_TO_CYRILLIC)
                  if re.search("[а-яё]", m.group(0), re.I) and re.search("[a-z]", m.group(0), re.I)
                  else m.group(0), text)

    # Line-break hyphen: "надлежа-\nщие" -> "надлежащие" unless the dictionary
    # knows both halves but not the whole (a genuine compound split at its hyphen).
    def join_hyphen(m: re.Match) -> str:
        a, b = m.group(1), m.group(2)
        if not _known(a + b) and _known(a) and _known(b):
            return f"{a}-{b}"
        return a + b
    text = re.sub(r"([а-яёА-ЯЁ]+)-[ \t]*\n[ \t]*([а-яё]+)", join_hyphen, text)

    # Stray spaces inside a word ("рабо тающими", "над лежа щие"): a lower-case
    # piece the dictionary does not know is merged with up to two neighbours,
    # taking the longest merge that is a known word.
    toks = re.split(r"([ \n]+)", text)  # words at even, separators at odd indexes
    words = toks[0::2]
    piece = re.compile(r"^[а-яё]+$")
    head = re.compile(r"^[а-яё]+")  # a last piece may carry "-членов", "," etc.

    def merged(span: list[str]) -> Optional[str]:
        m = head.match(span[-1])
        if not m or not all(piece.match(x) for x in span[:-1]):
            return None
        return "".join(span[:-1]) + m.group(0)

    i = 0
    while i < len(words):
        m = head.match(words[i])
        if m and not _known(m.group(0)):
            best = None
            for lo in range(max(0, i - 2), i + 1):
                for hi in range(max(i, lo + 1), min(len(words), lo + 3)):
                    w = merged(words[lo:hi + 1])
                    if w and _known(w) and (best is None or hi - lo > best[1] - best[0]):
                        best = (lo, hi)
            if best:
                lo, hi = best
                words[lo:hi + 1] = ["".join(words[lo:hi + 1])]
                del toks[2 * lo + 1:2 * hi + 1]
                toks[2 * lo] = words[lo]
                i = lo
        i += 1
    return "".join(toks)


# --- joining lines into text -------------------------------------------------------



def _join(lines: list[str], lang: str) -> str:
    p = PROFILES[lang]
    if p.cjk:
        text = "".join(line.strip() for line in lines)
        # No spaces next to Chinese characters or punctuation.
        text = re.sub(r"\s+(?=[\u4e00-\u9fff，。、；：？！“”（）《》])", "", text)
        text = re.sub(r"(?<=[\u4e00-\u9fff，。、；：？！“”（）《》])\s+", "", text)
        return text
    text = "\n".join(line.strip() for line in lines)
    if p.mend_split_words:
        text = _fix_russian(text)
    # A hyphen at a line end is a real hyphen elsewhere ("well-\ndefined").
    text = re.sub(r"(\w)-\n(?=\w)", r"\1-", text)
    text = unicodedata.normalize("NFC", re.sub(r"\s+", " ", text).strip())
    return _fix_arabic_marks(text) if p.rtl else text


# --- parsing -------------------------------------------------------------------------

_TERMINAL = (".", "。", "!", "?", "！", "？", ".»", ".”", "»", ")")
_COLON = (":", "：")


def _split_versions(lines: list[str]) -> dict[str, list[str]]:
    starts = []
    pos = 0
    for lang in LANGS:
        for i in range(pos, len(lines)):
            if lines[i].strip() == PREAMBLE[lang]:
                starts.append(i)
                pos = i + 1
                break
        else:
            raise CorpusError(f"no '{PREAMBLE[lang]}' heading for {lang}")
    ends = starts[1:] + [len(lines)]
    return {lang: lines[s + 1:e] for lang, s, e in zip(LANGS, starts, ends)}


def _clause_chunks(lines: list[str], lang: str) -> list[list[str]]:
    """Cut a version's lines at clause starts, accepting numbers in sequence only.

    Returns 44 chunks of cleaned lines (number removed); lines before clause 1 are
    ignored (they hold nothing but the Preamble heading, already consumed).
    """
    chunks: list[list[str]] = []
    expected = 1
    for raw in lines:
        if _is_noise(raw, lang):
            continue
        line = raw.strip()
        if PROFILES[lang].rtl:
            m = _AR_NUMBER_SUFFIX.search(line)
            if m and int(m.group(1)) == expected:
                chunks.append([_fix_arabic_line(line[:m.start()])])
                expected += 1
                continue
            line = _fix_arabic_line(line)
        else:
            m = re.match(r"^(\d{1,2})\.\s+", line)
            if m and int(m.group(1)) == expected and expected <= N_CLAUSES:
                chunks.append([line[m.end():]])
                expected += 1
                continue
        if chunks:
            chunks[-1].append(line)
    if len(chunks) != N_CLAUSES:
        raise CorpusError(f"{lang}: found {len(chunks)} clauses, expected {N_CLAUSES}")
    return chunks


def _split_tail(chunk: list[str]) -> tuple[list[str], list[str], list[str]]:
    """Split a clause chunk into (body, lead-in, heading) line lists."""
    last = max((i for i, l in enumerate(chunk) if l.rstrip().endswith(_TERMINAL)), default=len(chunk) - 1)
    body, tail = chunk[:last + 1], chunk[last + 1:]
    colon = max((i for i, l in enumerate(tail) if l.rstrip().endswith(_COLON)), default=-1)
    return body, tail[:colon + 1], tail[colon + 1:]


def parse(text: str) -> Corpus:
    lines = text.replace("\r\n", "\n").split("\n")
    clauses: list[Clause] = []
    passages: list[Passage] = []
    for lang, vlines in _split_versions(lines).items():
        chunks = _clause_chunks(vlines, lang)
        # (first clause, kind, text) of every heading / lead-in, in order.
        marks: list[tuple[int, Kind, str]] = [(1, "heading", PREAMBLE[lang])]
        bodies = []
        for n, chunk in enumerate(chunks, start=1):
            body, lead, heading = _split_tail(chunk)
            bodies.append(_join(body, lang))
            if n == N_CLAUSES:
                continue  # anything after the last clause is back matter
            if lead:
                marks.append((n + 1, "lead_in", _join(lead, lang)))
            if heading:
                marks.append((n + 1, "heading", _join(heading, lang)))
        heads = [m for m in marks if m[1] == "heading"]
        leads = [m for m in marks if m[1] == "lead_in"]
        # A heading's scope ends at the next heading or lead-in; 39-44 have none.
        bounds = sorted({m[0] for m in marks} | {N_CLAUSES + 1})
        section_of: dict[int, Optional[str]] = {}
        for first, _, htext in heads:
            last = next(b for b in bounds if b > first) - 1
            passages.append(Passage(lang, "heading", htext, first, last))
            for n in range(first, last + 1):
                section_of[n] = htext
        lead_bounds = [m[0] for m in leads] + [N_CLAUSES + 1]
        for (first, _, ltext), nxt in zip(leads, lead_bounds[1:]):
            passages.append(Passage(lang, "lead_in", ltext, first, nxt - 1))
        for n, body in enumerate(bodies, start=1):
            if not body:
                raise CorpusError(f"{lang}: clause {n} is empty")
            clauses.append(Clause(lang, n, section_of.get(n), body))
    # The parser's version is hashed with the source: a change to how clauses are read must rebuild
    # every cached index as surely as a change to the text.
    sha = hashlib.sha256(f"{PARSER_VERSION}\n{text}".encode("utf-8")).hexdigest()
    return Corpus(tuple(clauses), tuple(passages), sha)


def source_text() -> str:
    return resources.files("rag.data").joinpath(SOURCE_FILE).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def load_corpus() -> Corpus:
    """The shipped corpus, parsed once per process."""
    return parse(source_text())


def records(corpus: Corpus, lang: Optional[str] = None, kind: Optional[str] = None) -> Iterable[dict]:
    """Flat dicts for JSON Lines output (`consensus-qa clauses`)."""
    langs = [lang] if lang else list(LANGS)
    for lg in langs:
        if kind in (None, "clause"):
            for c in corpus.by_lang(lg):
                yield {"lang": lg, "clause": c.number, "section": c.section, "text": c.text, "kind": "clause"}
        for p in corpus.passages:
            if p.lang == lg and kind in (None, p.kind):
                yield {"lang": lg, "clause": p.first, "section": p.text if p.kind == "heading" else None,
                       "text": p.text, "kind": p.kind, "range": [p.first, p.last]}
