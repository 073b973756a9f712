"""BM25 over one language version at a time, with per-language tokenisation.

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
from typing import Sequence

import numpy as np

_AR_DIACRITICS = re.compile(r"[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")
_AR_PREFIX = re.compile(r"^(?:و|ف)?(?:ب|ك|ل)?(?:ال|لل)?(?=\w{3,})")
_HAN = re.compile(r"[\u4e00-\u9fff]+")

STOP = {
    "en": set("the a an of and or to in on for with by is are be what how does do which about that this it its "
              "as at from say says said".split()),
    "fr": set("le la les l un une des de du d et ou à au aux en dans pour par sur que qu qui quoi est sont ce "
              "cette il elle se sa son ses comment quel quelle quels quelles dit".split()),
    "es": set("el la los las un una unos unas de del y o a al en para por con sobre que qué es son se su sus "
              "cómo como cuál cuáles dice".split()),
    "ru": set("и в во на с со о об по к для что как это ли из у от до за не или же ее его их".split()),
    "ar": set("في من على إلى الى عن ما ماذا هل كيف و أو او التي الذي هذا هذه ذلك".split()),
    "zh": set(),
}


def _fold(s: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", s.lower()) if not unicodedata.combining(ch))


def tokenize(text: str, lang: str) -> list[str]:
    if lang == "zh":
        toks: list[str] = []
        for run in _HAN.findall(text):
            toks += list(run) + [run[i:i + 2] for i in range(len(run) - 1)]
        toks += [w.lower() for w in re.findall(r"[A-Za-z0-9]+", text)]
        return toks
    if lang == "ar":
        t = _AR_DIACRITICS.sub("", text)
        t = t.translate(str.maketrans("أإآٱىة", "اااايه"))
        words = [w for w in re.findall(r"\w+", t) if w not in STOP["ar"]]
        return [_AR_PREFIX.sub("", w)[:6] for w in words]
    t = text.lower().replace("ё", "е")
    words = [w for w in re.findall(r"\w+", t) if w not in STOP.get(lang, set())]
    return [_fold(w)[:6] for w in words]


class BM25:
    """Okapi BM25 over a small fixed set of documents."""

    def __init__(self, docs: Sequence[str], lang: str, k1: float = 1.2, b: float = 0.75) -> None:
        self.lang, self.k1, self.b = lang, k1, b
        self.tfs = [Counter(tokenize(d, lang)) for d in docs]
        self.lens = np.array([sum(tf.values()) for tf in self.tfs], dtype=np.float32)
        self.avg = float(self.lens.mean()) if len(docs) else 1.0
        df = Counter(t for tf in self.tfs for t in tf)
        n = len(docs)
        self.idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}

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
