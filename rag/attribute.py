"""Citations assigned by the system: which retrieved clause does each sentence of a draft rest on?

A small model copies and mislabels, so its own clause numbers are ignored. Each sentence is
compared with the official text of every clause the model was shown, lexically (share of the
sentence's content words found in the clause) and semantically (embedding cosine). A sentence
is cited to its best-supported clause, plus a second one only when that one supports it almost
as well; a sentence no clause supports is dropped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from rag.lexical import tokenize

# Calibrated on model drafts for the dev set (eval/calibrate_attribution.py prints the table).
MIN_LEXICAL = 0.5      # share of the sentence's content words present in the clause
MIN_COSINE = 0.87      # or: embedding cosine between sentence and clause
SECOND_WITHIN = 0.05   # a second clause is cited only if its support is this close to the best

_SENTENCE_END = re.compile(r"(?<=[.!?。！？؟])\s+|(?<=[。！？])")
_MODEL_CITES = re.compile(r"\s*[\[(（【]\s*(?:clause|paragraph|§|paragraphe|párrafo|пункт|第|الفقرة)?\s*"
                          r"\d{1,3}(?:\s*[,、，]\s*\d{1,3})*\s*(?:条)?[\])）】]", re.I)


@dataclass(frozen=True)
class CitedSentence:
    text: str
    clauses: tuple[int, ...]
    support: float


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


def strip_model_citations(text: str) -> str:
    """The model's own "[12]" markers are removed: the system puts its own in."""
    return re.sub(r"\s+([.,;:!?。，；])", r"\1", _MODEL_CITES.sub("", text)).strip()


def lexical_support(sentence: str, clause_text: str, lang: str) -> float:
    s = set(tokenize(sentence, lang))
    if not s:
        return 0.0
    return len(s & set(tokenize(clause_text, lang))) / len(s)


def attribute(sentences: Sequence[str], clauses: dict[int, str], lang: str,
              sentence_vecs: np.ndarray, clause_vecs: dict[int, np.ndarray]) -> list[CitedSentence]:
    """Cite each sentence to the clause(s) that support it; unsupported sentences are left out."""
    out = []
    for i, sent in enumerate(sentences):
        scored = []
        for n, text in clauses.items():
            lex = lexical_support(sent, text, lang)
            cos = float(sentence_vecs[i] @ clause_vecs[n])
            if lex >= MIN_LEXICAL or cos >= MIN_COSINE:
                scored.append((lex + cos, n))
        if not scored:
            continue
        scored.sort(reverse=True)
        best = scored[0][0]
        cited = tuple(n for s, n in scored[:2] if s >= best - SECOND_WITHIN)
        out.append(CitedSentence(sent, cited, round(best, 3)))
    return out
