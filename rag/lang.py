"""Language detection for questions: the question's matrix language, the language of its grammar.

People write a question in their own language with a borrowed term or two in it: «¿Qué dice el consensus sobre
AI literacy?», «共识对AI literacy有什么建议？», "What about the personnes âgées?". The borrowed terms are content
words; the question words, articles, prepositions, auxiliaries and particles around them are the asker's. So:

* Scripts first. Kana -> Japanese (unsupported). A question that mixes the Latin script with Han, Arabic or
  Cyrillic is in the language whose function words it uses: «Что такое AI for Education?» is Russian although
  most of its letters are Latin; "What does the Consensus say about 教师培训?" is English. Otherwise Han -> zh
  (simplified or traditional), Arabic script -> ar, Cyrillic -> ru (langdetect often calls short Chinese Korean
  or Japanese, and short Russian Bulgarian or Macedonian).
* Latin script: function words, spelled with or without accents, «Que dit le texte sur les donnees ?». The
  words that frame a question (question words, auxiliaries, pronouns, "say"/"dit"/"dice") weigh double, the
  first function word gets a bonus, quoted terms are left out, and accented letters add a little (capped:
  borrowed terms bring theirs along). German, Italian, Portuguese and Dutch function words compete too, so
  that a shared "que", "de" or "la" does not make those languages Spanish or French; they stay unsupported
  (answered in English, with a notice). langdetect only breaks ties, and decides alone when there is no
  function word at all ("docentes").

Chinese in traditional characters is Chinese: it is answered from the official (simplified) Chinese text.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from rag.corpus import dominant_script, script_counts
from rag.lexical import fold
from rag.profiles import PROFILES

_LOCK = threading.Lock()
_READY = False


@dataclass(frozen=True)
class Detected:
    lang: str                 # one of LANGS: the language to answer in
    detected: Optional[str]   # what was detected (ISO 639-1), e.g. "de"; None if nothing to go on
    supported: bool           # False: a language outside the six (we answer in English)


def _langdetect_probs(text: str) -> dict[str, float]:
    global _READY
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException
    with _LOCK:  # langdetect's factory is global and not thread-safe while loading
        if not _READY:
            DetectorFactory.seed = 0  # deterministic
            _READY = True
        try:
            return {r.lang: r.prob for r in detect_langs(text)}
        except LangDetectException:
            return {}


_T2S = None


def to_simplified(text: str) -> str:
    """Chinese in traditional characters as the official (simplified) version writes it, Taiwan usage included
    (資料 -> 数据, 人工智慧 -> 人工智能), for searching: 會議於何時何地舉行？ finds clause 1 as 会议… does. Text with
    no traditional character is returned unchanged (tw2sp's phrase table would otherwise rewrite mainland words)."""
    global _T2S
    if not re.search(r"[\u3400-\u9fff\uf900-\ufaff]", text):
        return text
    with _LOCK:
        if _T2S is None:
            import opencc  # loads its dictionaries in a few ms
            _T2S = (opencc.OpenCC("t2s"), opencc.OpenCC("tw2sp"))
    t2s, tw2sp = _T2S
    return tw2sp.convert(text) if t2s.convert(text) != text else text


# --- function words -------------------------------------------------------------------------------------

def _words(s: str) -> frozenset:
    return frozenset(s.split())


# Closed-class words (and a few verbs every question about a text uses: say, dit, dice) of the languages that share
# the Latin script, from their profiles (`detect_words`), each listed under every language it belongs to; accents
# optional, since many type without them. A word two languages share ("de", "la", "que") counts for both, and so
# decides nothing between them. French elisions (l', qu') and "-t-", English "e.g." are words of their own.
_LATIN_PROFILES = {code: p for code, p in PROFILES.items() if p.script == "latin"}
# Latin-script languages outside the six, so that their function words are not read as ours: a German,
# Italian, Portuguese or Dutch question is answered in English with a notice, as before.
_FW_OTHER = {
    "de": _words("der die das den dem des ein eine einen einem einer und oder ist sind war was wie wer wo warum "
                 "welche welcher welches über ueber von zu zum zur mit für fuer auf im in an bei nach aus nicht "
                 "kein keine sagt sagen auch es sie wir ich ihr dass können kann soll sollen werden wird gibt"),
    "it": _words("il lo la i gli le un una uno di del della dello dei degli delle da dal dalla nel nella nei su "
                 "sul sulla con per tra fra e è ed o che chi cosa come dove quando perché perche quale quali "
                 "quanto non si ci sono dice dicono può puo questo questa questi anche ma al alla ai agli"),
    "pt": _words("o a os as um uma uns umas de do da dos das em no na nos nas por pelo pela pelos pelas para com "
                 "sem sobre e ou que quem qual quais como onde quando porque é são sao está diz dizem pode podem "
                 "não nao se ao aos à às isso este esta também mas seu sua"),
    "nl": _words("de het een en of is zijn wat hoe wie waar waarom welke over van voor met op in aan bij uit niet "
                 "geen zegt er dat die deze dit ook maar te om"),
}
_OURS_LATIN = tuple(_LATIN_PROFILES)
# The words that frame a question (question words, verbs, auxiliaries, pronouns; `detect_frame_words`) weigh
# double: a borrowed term is a noun phrase, and brings articles and prepositions along ("la protection des données
# des élèves") but not these.
_FRAME = {code: p.detect_frame_words for code, p in _LATIN_PROFILES.items()}
_FW = {code: p.detect_words | p.detect_frame_words for code, p in _LATIN_PROFILES.items()}
# The first function word opens the question: the surest sign of its language.
_OPEN_BONUS = 1.0
_ACCENTS = {code: re.compile(p.accents) for code, p in _LATIN_PROFILES.items() if p.accents}
_LATIN_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ɏ]+")
# French elisions (l'IA, qu'est-ce, d'apprentissage) and the euphonic -t- (a-t-il) are tokens of their own.
_LATIN_TOKEN = re.compile(r"(?<![A-Za-zÀ-ÖØ-öø-ɏ])(?:[ldjmnsc]|qu|jusqu|lorsqu|puisqu)['’](?=[A-Za-zÀ-ÖØ-öø-ɏ])"
                          r"|-t-|\b[ei]\.[eg]\.|[A-Za-zÀ-ÖØ-öø-ɏ]+", re.I)
_QUOTED = re.compile(r"[\"“”«»„](.+?)[\"“”«»]|(?<!\w)['‘’](.+?)['’](?!\w)")


def _latin_scores(text: str) -> dict[str, float]:
    """Function-word evidence for each Latin-script language in the Latin-script words of `text`."""
    scores = {lang: 0.0 for lang in (*_FW, *_FW_OTHER)}
    opened = False
    for w in _LATIN_TOKEN.findall(text):
        lw = w.lower().replace("’", "'")
        langs = [lang for lang, fw in (*_FW.items(), *_FW_OTHER.items()) if lw in fw]
        if not langs:
            continue
        for lang in langs:
            scores[lang] += (2.0 if lw in _FRAME.get(lang, ()) else 1.0) + (0.0 if opened else _OPEN_BONUS)
        opened = True
    low = text.lower()
    for lang, rx in _ACCENTS.items():  # weak, and capped: a borrowed term brings its accents along
        scores[lang] += min(1.0, 0.5 * len(rx.findall(low)))
    return scores


def _outside_quotes(text: str) -> str:
    """The question without the terms it quotes, if anything is left."""
    rest = _QUOTED.sub(" ", text)
    return rest if re.search(r"\w", rest) else text


def _other_script_score(text: str, script: str) -> float:
    p = PROFILES[_OURS[script]]
    if p.cjk:
        return float(sum(ch in p.detect_words for ch in text))
    article = re.compile(p.detect_article) if p.detect_article else None
    words = re.findall(r"[\u0600-\u06ff]+" if script == "arabic" else r"[\u0400-\u04ff]+", text)
    return float(sum(w.lower() in p.detect_words or bool(article and article.match(w)) for w in words))


# The official languages not written in the Latin script, by script: {"han": "zh", "arabic": "ar", "cyrillic": "ru"},
# in the order that settles a question holding as many letters of two of them (as it always has).
_TIES = ("han", "arabic", "cyrillic")
_OURS = dict(sorted(((p.script, code) for code, p in PROFILES.items() if p.script != "latin"),
                    key=lambda sc: _TIES.index(sc[0]) if sc[0] in _TIES else len(_TIES)))


def _matrix_script(text: str) -> Optional[str]:
    """The script of the question's grammar when it mixes Latin with Han, Arabic or Cyrillic."""
    counts = script_counts(text)
    script = max(counts, key=counts.get) if counts else None
    others = [s for s in _OURS if counts.get(s)]
    if "latin" not in counts or not others:
        return script
    other = max(others, key=counts.get)
    body = _outside_quotes(text)
    latin = max(v for lang, v in _latin_scores(body).items() if lang in _OURS_LATIN)
    own = _other_script_score(body, other)
    # Borrowed English terms carry a function word now and then ("AI for Education"); a Latin-script matrix
    # shows two or more, and more than the other script's words do.
    return "latin" if latin >= 2 and latin > own + 1 else other


def _non_latin(script: str, text: str) -> Detected:
    # Languages outside the six that share a script: Persian and Urdu write پ چ ژ گ ک ی, which Arabic does not;
    # Ukrainian and others write і ї є ґ ў, which Russian does not.
    if script == "arabic" and len(re.findall(r"[پچژگکی]", text)) >= 2:
        return Detected("en", "fa", False)
    if script == "cyrillic" and re.search(r"[іїєґў]", text, re.I):
        return Detected("en", "uk", False)
    if script in _OURS:
        return Detected(_OURS[script], _OURS[script], True)
    return Detected("en", script, False)


def detect(text: str) -> Detected:
    # Markup pasted into a question ("<b>", "<script>") is not language: judge the words around it.
    text = re.sub(r"<[^<>]{1,200}>", " ", text).strip() or text
    if re.search(r"[\u3040-\u30ff]", text):  # kana: Japanese, even when kanji dominate
        return Detected("en", "ja", False)
    script = _matrix_script(text)
    if script is None:
        return Detected("en", None, True)  # digits, emoji, symbols: nothing to go on
    if script != "latin":
        return _non_latin(script, text)
    latin_text = " ".join(_LATIN_WORD.findall(text)) if dominant_script(text) != "latin" else text
    return _latin(latin_text)


# How a question of a word or two around numbers names a clause: "clauses 28-30", "párrafo 12".
_LOOKUP = {code: re.compile(p.clause_words, re.I) for code, p in _LATIN_PROFILES.items() if p.clause_words}


def _latin(text: str) -> Detected:
    body = _outside_quotes(text)
    scores = _latin_scores(body)
    words = [w for w in re.findall(r"\w+", body) if not w.isdigit()]
    if len(words) <= SHORT:
        for lang, n in _own_words(words).items():
            scores[lang] += n
    if len(words) <= 2:
        # "clauses 28-30", "párrafo 12": a word or two around numbers; langdetect has nothing to go on.
        for lang, rx in _LOOKUP.items():
            if rx.search(body):
                scores[lang] += 1.5
        if max(scores[lang] for lang in _OURS_LATIN):
            best = max(_OURS_LATIN, key=lambda l: scores[l])
            return Detected(best, best, True)
    probs = _langdetect_probs(text)
    top = max(probs, key=probs.get) if probs else None
    if not max(scores.values()):
        # No function word at all ("Hola", "docentes", "AI literacy"): langdetect is all there is.
        if top in _OURS_LATIN or top is None or len(words) <= 3:
            best = top if top in _OURS_LATIN else max(_OURS_LATIN, key=lambda l: probs.get(l, 0.0))
            return Detected(best, best, True)
        return Detected("en", top, False)
    # Function words decide; langdetect, misled by borrowed terms, only breaks ties.
    best = max(scores, key=lambda l: (scores[l], probs.get(l, 0.0), l in _OURS_LATIN))
    if best in _OURS_LATIN:
        if scores[best] < 2.5 and top not in (None, *_OURS_LATIN) and probs[top] >= 0.9 and len(words) > 3:
            return Detected("en", top, False)  # a few shared words in a sentence of another language
        return Detected(best, best, True)
    if len(words) <= 3:  # too short to trust a claim of another language
        ours = max(_OURS_LATIN, key=lambda l: (scores[l], probs.get(l, 0.0)))
        return Detected(ours, ours, True)
    return Detected("en", best, False)


@lru_cache(maxsize=1)
def _latin_vocabulary() -> dict[str, frozenset[str]]:
    """The words of each Latin-script official version, lower-cased and unaccented (typed without accents too)."""
    from rag.corpus import load_corpus  # parsed once per process; only short queries with no function word ask
    corpus = load_corpus()
    return {lang: frozenset(fold(w) for c in corpus.by_lang(lang) for w in re.findall(r"\w+", c.text))
            for lang in _OURS_LATIN}


# A keyword query ("remote assessment", "derechos humanos e IA", "AI impact on learning research") has few function
# words, some shared with other languages ("e", "on"), and langdetect misreads it: up to SHORT words, each word that
# one official Latin-script version holds and the others do not counts one point for that version's language.
SHORT = 5


def _own_words(words: list[str]) -> dict[str, int]:
    """For each Latin-script official language, how many of `words` its version alone holds."""
    vocab = _latin_vocabulary()
    # "IA", "y": too short to tell (the Spanish version writes "inteligencia artificial" where the French has "IA")
    held = [[lang for lang in _OURS_LATIN if fold(w) in vocab[lang]] for w in words if len(w) >= 3]
    return {lang: sum(h == [lang] for h in held) for lang in _OURS_LATIN}


def word_sep(lang: str) -> str:
    """What joins two pieces of text in `lang`: nothing where words are not spaced (Chinese), a space elsewhere."""
    return "" if PROFILES[lang].cjk else " "
