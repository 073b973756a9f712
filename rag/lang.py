"""Language detection for questions: the script decides where it can, langdetect otherwise.

Han -> zh, Arabic script -> ar, Cyrillic -> ru (langdetect often calls short Chinese Korean or
Japanese, and short Russian Bulgarian or Macedonian). Latin script is split between en/fr/es
by langdetect, nudged by the letters only French or Spanish use.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Optional

from rag.corpus import dominant_script

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


_FR_MARKS = re.compile(r"[éèêëàâçîïôûùœ]|\b(qu[e']|les|le|la|de|des|du|est|une|pour|dans|sur|l'|d'|paragraphes?)\b",
                       re.I)
_ES_MARKS = re.compile(r"[ñ¿¡áíóú]|\b(el|la|de|los|las|del|qué|cómo|para|una|es|sobre|y|p[áa]rrafos?)\b", re.I)
# "clause(s)" is English and French alike, but the French version says "paragraphe": a bare "clauses 28-30"
# is an English lookup.
_EN_MARKS = re.compile(r"\b(the|what|how|does|do|is|are|of|and|for|to|about|which|say|says|can|you|i|it|in|on|with|"
                       r"this|that|why|where|who|should|will|be|there|clauses?|paragraphs?)\b", re.I)


def detect(text: str) -> Detected:
    # Markup pasted into a question ("<b>", "<script>") is not language: judge the words around it.
    text = re.sub(r"<[^<>]{1,200}>", " ", text).strip() or text
    script = dominant_script(text)
    if re.search(r"[\u3040-\u30ff]", text):  # kana: Japanese, even when kanji dominate
        return Detected("en", "ja", False)
    if script == "han":
        return Detected("zh", "zh", True)
    if script == "arabic":
        # Persian and Urdu share the script; the letters پ چ ژ گ ک ی are not Arabic.
        if len(re.findall(r"[پچژگکی]", text)) >= 2:
            return Detected("en", "fa", False)
        return Detected("ar", "ar", True)
    if script == "cyrillic":
        # Ukrainian/others share the script; і ї є ґ are not Russian.
        if re.search(r"[іїєґў]", text, re.I):
            return Detected("en", "uk", False)
        return Detected("ru", "ru", True)
    if script is None:
        return Detected("en", None, True)  # digits, emoji, symbols: nothing to go on
    if script != "latin":
        return Detected("en", script, False)
    probs = _langdetect_probs(text)
    # Function words are strong evidence on short questions where langdetect guesses.
    votes = {"en": len(_EN_MARKS.findall(text)), "fr": len(_FR_MARKS.findall(text)),
             "es": len(_ES_MARKS.findall(text))}
    words = re.findall(r"\w+", text)
    if len([w for w in words if not w.isdigit()]) <= 2 and max(votes.values()):
        # "clauses 28-30", "párrafo 12": a word or two around numbers; langdetect has nothing to go on.
        best = max(("en", "fr", "es"), key=lambda l: (votes[l], probs.get(l, 0.0)))
        return Detected(best, best, True)
    weight = 0.6 if len(words) <= 6 else 0.15  # langdetect is least reliable on short questions
    best_ours = max(("en", "fr", "es"), key=lambda l: probs.get(l, 0.0) + weight * votes[l])
    top = max(probs, key=probs.get) if probs else best_ours
    if top in ("en", "fr", "es") or probs.get(best_ours, 0.0) >= 0.2 or votes[best_ours] >= 2:
        return Detected(best_ours, best_ours, True)
    if len(words) <= 3:  # too short to trust langdetect's claim of another language
        return Detected(best_ours, best_ours, True)
    return Detected("en", top, False)

