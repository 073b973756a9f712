"""BM25 over one language version at a time, with per-language tokenisation (the profile's `tokenizer`).

Chinese has no spaces: Han characters become unigrams + bigrams. Arabic is normalised (diacritics,
alef forms, taa marbuta) and loses its clitic prefixes (و، ال، بال…). Other languages are folded
to unaccented lower case and cut to a 6-letter stem, a crude but language-neutral stemmer that
makes "teachers"/"teacher" and "enseignants"/"enseignant" meet.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import Sequence

import numpy as np

from rag.profiles import PROFILES

_AR_DIACRITICS = re.compile(r"[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")
# «للآلات» (li + al-): "لل" is tried first, or "ل" alone is cut and «لالات» no longer matches «الآلات»
_AR_PREFIX = re.compile(r"^(?:و|ف)?(?:لل|(?:ب|ك|ل)?(?:ال)?)(?=\w{3,})")
_HAN = re.compile(r"[\u4e00-\u9fff]+")

# A view of rag/profiles.py: the words BM25 leaves out, by language.
STOP = {code: set(p.stop_words) for code, p in PROFILES.items()}


def fold(s: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", s.lower()) if not unicodedata.combining(ch))


def _han(text: str, stop: frozenset) -> list[str]:
    toks: list[str] = []
    for run in _HAN.findall(text):
        toks += list(run) + [run[i:i + 2] for i in range(len(run) - 1)]
    toks += [w.lower() for w in re.findall(r"[A-Za-z0-9]+", text)]
    return toks


_AR_LETTERS = str.maketrans("أإآٱىة", "اااايه")


@lru_cache(maxsize=8)
def _arabic_stop(stop: frozenset) -> frozenset:
    """The stop words spelt as _arabic spells every word: «إلى» and «على» are «الي» and «علي» after it."""
    return frozenset(w.translate(_AR_LETTERS) for w in stop)


def spelt_as_tokens(text: str, lang: str) -> str:
    """The text spelt as its tokens are (Arabic: no diacritics, one alef, «ة» as «ه»), so a token can be found in
    it by position."""
    if PROFILES[lang].tokenizer != "arabic":
        return text
    return _AR_DIACRITICS.sub("", text).translate(_AR_LETTERS)


def _arabic(text: str, stop: frozenset) -> list[str]:
    t = spelt_as_tokens(text, "ar")
    stop = _arabic_stop(stop)
    words = [w for w in re.findall(r"\w+", t) if w not in stop]
    return [_AR_PREFIX.sub("", w)[:6] for w in words]


def _stems(text: str, stop: frozenset) -> list[str]:
    t = text.lower().replace("ё", "е")  # Russian writes ё or е alike
    words = [w for w in re.findall(r"\w+", t) if w not in stop]
    return [fold(w)[:6] for w in words]


# A profile's `tokenizer` names one of these.
TOKENIZERS = {"han": _han, "arabic": _arabic, "stem": _stems}


def tokenize(text: str, lang: str) -> list[str]:
    p = PROFILES[lang]
    return TOKENIZERS[p.tokenizer](text, p.stop_words)


class BM25:
    """Okapi BM25 over a small fixed set of documents."""

    def __init__(self, docs: Sequence[str], lang: str, k1: float = 1.2, b: float = 0.75) -> None:
        self.lang, self.k1, self.b = lang, k1, b
        seqs = [tokenize(d, lang) for d in docs]
        self.tfs = [Counter(seq) for seq in seqs]
        self.lens = np.array([sum(tf.values()) for tf in self.tfs], dtype=np.float32)
        self.avg = float(self.lens.mean()) if len(docs) else 1.0
        df = Counter(t for tf in self.tfs for t in tf)
        n = len(docs)
        self.idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}
        self.df = df
        self.docs = list(docs)
        # each document's pairs of words at most one word apart (holds_phrase)
        self.near = [{(a, b) for i, a in enumerate(seq) for b in seq[i + 1:i + 3]} for seq in seqs]

    def holds_phrase(self, query: str) -> bool:
        """Do two of the query's words that few documents hold stand together in one document as in the query (at
        most one word between, either side)? "remote assessment", «التعلم مدى الحياة», «учащиеся с инвалидностью»:
        a short query that names a topic in the text's own terms. Where words are not spaced, four characters of the
        query in a row, as a document has them."""
        common = len(self.tfs) // 2  # "AI", "education": in most documents, they say nothing about the topic
        if PROFILES[self.lang].tokenizer == "han":
            runs = _HAN.findall(query)
            return any(run[i:i + 4] in d for run in runs for i in range(len(run) - 3) for d in self.docs)
        toks = tokenize(query, self.lang)
        pairs = {(a, b) for i, a in enumerate(toks) for b in toks[i + 1:i + 3]
                 if a != b and 0 < self.df.get(a, 0) <= common and 0 < self.df.get(b, 0) <= common}
        return any(p in near or p[::-1] in near for near in self.near for p in pairs)

    def scores(self, query: str) -> np.ndarray:
        out = np.zeros(len(self.tfs), dtype=np.float32)
        norm = self.k1 * (1 - self.b + self.b * self.lens / self.avg)
        for t in set(tokenize(query, self.lang)):
            idf = self.idf.get(t)
            if idf is None:
                continue
            tf = np.array([d.get(t, 0) for d in self.tfs], dtype=np.float32)
            out += idf * tf * (self.k1 + 1) / (tf + norm)
        return out
