"""Does the Consensus mention what a question asks about?

"What does the Consensus say about ChatGPT?" deserves "The Beijing Consensus does not mention ChatGPT", not its
three closest clauses. The subject is the part of the question after "about", "mention", «о», 关于, «عن»… (or the
whole question without its frame words); a word of it is missing when none of the six official versions holds it
(its stem in the asker's version; a Latin-script name in any version). Whether no clause addresses the question
anyway ("Will robots replace teachers?" is answered by clause 12, which says "machines") is the answer step's
call: a missing word alone says nothing about meaning.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterator, Optional

from rag.corpus import LANGS, Corpus
from rag.lexical import tokenize
from rag.profiles import PROFILES, table

# Views of rag/profiles.py, by language: the subject follows one of ABOUT ("about X", "mention X"); FRAME_WORDS
# frame a question about the document rather than name its subject; FUNCTION_WORDS are long enough to pass for
# content ("plagiat avec des outils") but are never part of a subject.
ABOUT = table("about")
CLAIM = table("claim")
FRAME_WORDS = {lang: list(words) for lang, words in table("subject_frame_words").items()}
FUNCTION_WORDS = {lang: list(words) for lang, words in table("function_words").items()}


def _latin(word: str) -> bool:
    return bool(re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9.+#-]*", word)) and bool(re.search(r"[A-Za-z]", word))


@dataclass(frozen=True)
class _Vocabulary:
    """What the six official texts (clauses and headings) hold, built once per corpus."""
    stems: dict          # lang -> every 3-5 letter prefix of every stem: an inflection ("роли" / "роль") is present
    text: str            # all six texts lower-cased (Latin names, words inside words)
    cjk: str             # the unspaced versions' text (Han words are matched as substrings)
    words: dict          # lang -> its words as written, lower-cased (a word borrowed from another version)
    pairs: frozenset     # (prefix, prefix) of words side by side in any spaced version, either order
    counts: dict         # lang -> Counter of word prefixes (how rare a word is in that version)
    latin: frozenset     # the versions written in Latin script (most of their letters ASCII)


_VOCABULARY: dict[str, _Vocabulary] = {}


def _vocabulary(corpus: Corpus) -> _Vocabulary:
    if corpus.sha256 not in _VOCABULARY:
        texts = {lang: " ".join([c.text for c in corpus.by_lang(lang)] +
                                [p.text for p in corpus.passages if p.lang == lang]) for lang in LANGS}
        words = {lang: re.findall(r"\w+", text.lower()) for lang, text in texts.items()}
        prefixes = {lang: [_prefix(w) for w in ws] for lang, ws in words.items() if not PROFILES[lang].cjk}
        _VOCABULARY[corpus.sha256] = _Vocabulary(
            stems={lang: frozenset(t[:k] for t in tokenize(text, lang) for k in (3, 4, 5))
                   for lang, text in texts.items()},
            text=" ".join(texts.values()).lower(),
            cjk="".join(text for lang, text in texts.items() if PROFILES[lang].cjk),
            words={lang: frozenset(ws) for lang, ws in words.items()},
            pairs=frozenset(pair for ps in prefixes.values() for pair in (*zip(ps, ps[1:]), *zip(ps[1:], ps))),
            counts={lang: Counter(ps) for lang, ps in prefixes.items()},
            latin=frozenset(lang for lang, text in texts.items()
                            if sum(ch.isascii() for ch in text if ch.isalpha()) * 2 > sum(ch.isalpha() for ch in text)))
    return _VOCABULARY[corpus.sha256]


def subject_span(question: str, lang: str) -> Optional[str]:
    """The words after the last "about"-like cue ("What does it say about X?": X), or None when the question has none."""
    q = re.sub(r"[?？!！。.؟]+\s*$", "", question.strip())
    cues = list(re.finditer(ABOUT[lang], q, re.I))
    if cues and q[cues[-1].end():].strip():
        return q[cues[-1].end():].strip()
    return None


def _names(question: str) -> list[str]:
    """Latin-script names in a question: "ChatGPT", "COVID-19", "5G" (not a sentence's first word)."""
    words = re.findall(r"[A-Za-z0-9][A-Za-z0-9.+#-]*[A-Za-z0-9+#]|[A-Za-z]", question)
    first = re.match(r"\W*([A-Za-z0-9][\w-]*)", question)
    return [w for w in words if re.search(r"[A-Za-z]", w) and (re.search(r"\d", w) or any(c.isupper() for c in w[1:])
            or w[:1].isupper() and not (first and first.group(1) == w))]


def _words(span: str, lang: str) -> list[str]:
    """The candidate words of a subject: Latin names, and content words (Han runs for Chinese)."""
    frame = {w.lower() for w in FRAME_WORDS[lang]}
    if PROFILES[lang].cjk:
        latin = re.findall(r"[A-Za-z0-9][A-Za-z0-9.+#-]*", span)
        han = [r for r in re.split("|".join(sorted(map(re.escape, frame), key=len, reverse=True)) + r"|[^\u4e00-\u9fff]",
                                   span) if len(r) >= 2]
        return latin + han
    # French questions glue the subject pronoun to the verb ("recommande-t-il"): that verb is frame, not subject;
    # a Russian finite verb or infinitive ("просит", "проходила") is the question's action, not its subject.
    clitic, verb = PROFILES[lang].subject_clitic, PROFILES[lang].subject_verb
    span = re.sub(clitic, " ", span, flags=re.I) if clitic else span
    words = re.findall(r"\w[\w+#.-]*[\w+#]|\w", span)
    function = set(FUNCTION_WORDS[lang])
    return [w for w in words if w.lower() not in frame and w.lower() not in PROFILES[lang].stop_words
            and w.lower() not in function
            and not w.isdigit() and (len(w) >= 4 or _latin(w) and len(w) >= 2)
            and not (verb and re.search(verb, w.lower()))]


_PEOPLE = ("人士", "人", "们", "群体")


def _present(word: str, lang: str, corpus: Corpus) -> bool:
    """Does an official version hold the word, or one the text names its subject by instead (`aliases`: "elderly"
    for "older people", 女孩 for 女童; hunt 9 found "does not mention" said of both)?"""
    if _written(word, lang, corpus):
        return True
    w = word.lower()
    cjk = PROFILES[lang].cjk
    # a Han run is the alias itself, or it and a word for people (残障人士): 监控学生 is not 学生
    same = (lambda m: w == m or w.startswith(m) and w[len(m):] in _PEOPLE) if cjk else \
        (lambda m: _prefix(w) == _prefix(m))  # noqa: E731
    return any(_written(m, lang, corpus) for group in PROFILES[lang].aliases if any(same(m) for m in group.split())
               for m in group.split() if not same(m))


def _written(word: str, lang: str, corpus: Corpus) -> bool:
    v = _vocabulary(corpus)
    stems, all_text, cjk = v.stems, v.text, v.cjk
    if _latin(word) and word.lower() in all_text:  # "UNESCO", "ICT", "SDG" in any version
        return True
    if not PROFILES[lang].cjk and len(word) >= 6 and word.lower() in all_text:  # «родном» inside «неродном»
        return True
    if PROFILES[lang].cjk and not _latin(word):
        bigrams = [word[i:i + 2] for i in range(len(word) - 1)]
        # most of a Han word's bigrams occur, or with one character between: 老人 is 老年人 shortened
        return sum(b in cjk or re.search(re.escape(b[0]) + "." + re.escape(b[1]), cjk) is not None
                   for b in bigrams) * 2 >= len(bigrams)
    # A term borrowed from another language ("What about the personnes âgées?") is mentioned when that
    # language's version has it: the question is "does any official version say it", not "does mine" (a cjk
    # version is matched by its bigrams, above, for its own askers only).
    return any((toks := tokenize(word, lg)) and all(_prefix(t) in stems[lg] for t in toks)
               for lg in dict.fromkeys([lang, *(code for code in LANGS if not PROFILES[code].cjk)]))


def _unpaired(span: str, words: list[str], lang: str, corpus: Corpus) -> Optional[str]:
    """Two words of the subject written side by side that no version puts side by side, both rare in the asker's
    ("social media": "social" once, "media" in no English clause; «redes sociales»: «redes» once, in «institutos y
    redes»), as written; else None. A common word says the subject may be there in other words: "student data"
    ("learners' data"), «роли учителей» («функции учителей»), «formación profesional» («formación técnica y
    profesional»); a word of another version's ("formation continue" asked in English) is that version's."""
    if not PROFILES[lang].word_pairs:  # Han runs are checked whole already; Arabic fuses clitics to its words
        return None
    v = _vocabulary(corpus)
    for a, b, at, end in _side_by_side(span, words):
        if span[at:end + len(b)].lower() in v.text:  # «родном языке» in «неродном языке»
            continue
        # a word borrowed from another version ("formation continue" in an English question) is that version's
        if any(w.lower() in v.words[lg] and w.lower() not in v.words[lang]
               for w in (a, b) for lg in LANGS if lg != lang):
            continue
        ta, tb = _prefix(a.lower()), _prefix(b.lower())
        rare = max(v.counts[lang][ta], v.counts[lang][tb]) <= RARE
        if min(len(a), len(b)) >= 4 and (ta, tb) not in v.pairs and rare:
            return span[at:end + len(b)]
    return None


def _phrase_held(span: str, words: list[str], missing: list[str], lang: str, corpus: Corpus) -> bool:
    """Is what the question asks about there, with something said of it that the text words otherwise? "Does it
    recommend deepening the digital divide?" («بتعميق الفجوة الرقمية»): "digital divide" is two words side by side
    as a version has them; "deepening" (the text says "widen") is the claim, the answer's to settle, not a
    subject the Consensus lacks. At most a third of the subject's words missing, none of them a name ("ChatGPT in
    classrooms" stays not mentioned)."""
    if PROFILES[lang].cjk or not missing or len(missing) * 3 > len(words) or set(missing) & set(_names(span)):
        return False
    pairs = _vocabulary(corpus).pairs
    return any((_prefix(a.lower()), _prefix(b.lower())) in pairs
               for a, b, _, _ in _side_by_side(span, words) if a not in missing and b not in missing)


def _side_by_side(span: str, words: list[str]) -> Iterator[tuple[str, str, int, int]]:
    """Consecutive words of the subject written side by side in the question (a hyphen between counting), with where
    the first starts and the second does."""
    for a, b in zip(words, words[1:]):
        at = span.find(a)
        end = span.find(b, at + len(a))
        if at >= 0 and end >= 0 and not re.search(r"\w", span[at + len(a):end].replace("-", "")):
            yield a, b, at, end


RARE = 2  # occurrences in the asker's version, at most, of each word of a two-word subject it lacks


def _prefix(stem: str) -> str:
    """The part of a word that its inflections share: all but its last letter, 3 to 5 letters."""
    return stem[:max(3, min(5, len(stem) - 1))]


def missing_subject(question: str, lang: str, corpus: Corpus) -> Optional[str]:
    """The words of the question's subject that no official version holds, as the asker wrote them
    ("ChatGPT", "cryptocurrency"), or None when every word of it occurs in the Consensus. Without an "about"
    cue, only Latin-script names count: a verb or a question word is not a subject. In a claim ("Does it say that
    older workers must stop at a set age?") the subject is the claim's first word, or most of its words: one missing
    modifier («عند سن محددة», "at a set age") is not a subject the Consensus lacks."""
    claim = re.search(CLAIM[lang], question, re.I)
    span = question[claim.end():] if claim else subject_span(question, lang)
    words = _words(span, lang) if span else _names(question)
    missing = [w for w in words if not _present(w, lang, corpus)]
    if not missing and span and not claim:
        return _unpaired(span, words, lang, corpus)
    if span and not claim and _phrase_held(span, words, missing, lang, corpus):
        return None
    if not missing or claim and missing[0] != words[0] and len(missing) * 2 <= len(words):
        return None
    span = span or question
    # The run of content words around the first missing one, as written: "facial recognition", not "facial"; in a
    # claim, of missing words only ("blockchain", not "blockchain doit être enseignée").
    # in a version not written in Latin script, a Latin-script name is the most specific thing a question can ask
    # about («школам Google Classroom»: "schools" is only where), and it joins Latin-script words only
    foreign = lang not in _vocabulary(corpus).latin
    first = next((w for w in missing if foreign and _latin(w)), missing[0])
    if PROFILES[lang].cjk and not claim and not _latin(first):
        # unspaced runs: a setting can come first (在课堂上使用虚拟现实头显, "in class, VR headsets"); the longest
        # missing run is the most specific thing asked about
        first = max(missing, key=len)
    joins = set(missing) if claim else set(words)
    if foreign and _latin(first):
        joins = {w for w in joins if _latin(w)}
    at = span.find(first)
    run_start, run_end = at, at + len(first)
    for w in reversed(words[:words.index(first)]):  # content words right before it
        j = span.rfind(w, 0, run_start)
        if w not in joins or j < 0 or re.search(r"\w", span[j + len(w):run_start].replace("-", "")):
            break
        run_start = j
    for w in words[words.index(first) + 1:]:  # and right after it
        j = span.find(w, run_end)
        if w not in joins or j < 0 or re.search(r"\w", span[run_end:j]):
            break
        run_end = j + len(w)
    return span[run_start:run_end]
