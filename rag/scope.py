"""Is a question about the Consensus at all?

Raw cosine alone separates poorly: multilingual-e5 gives every text a fairly high similarity to
everything, more so in some languages (Chinese) than others. So the scope signal is a margin:
the question's best clause score minus its best similarity to a set of off-topic prototypes
(everyday subjects, and the education-adjacent requests the Consensus does not answer), written
in all six languages. A question nearer to a prototype than to any clause is out of scope.
"""
from __future__ import annotations

import re
import threading
from typing import Callable, Optional

import numpy as np

from embeddings.base import Embedder
from rag.profiles import PROFILES

# A view of rag/profiles.py: the off-topic prototypes by language (`off_topic`).
OFF_TOPIC = {code: list(p.off_topic) for code, p in PROFILES.items()}


# A question that names the Consensus ("does the document mention…?") is about it, whatever its subject: its
# margin only has to clear a lower bar. Refusing it would read as "the Consensus does not cover this".
NAMES_THE_CONSENSUS = re.compile(r"\b(?:consensus|consenso|document|documento|консенсус\w*|документ\w*)\b"
                                 r"|共识|这份文件|该文件|توافق|وثيقة", re.IGNORECASE)
NAMED_SLACK = 0.03  # about the gap between the margins of in-scope and off-topic questions (dev)


def names_the_consensus(text: str) -> bool:
    return bool(NAMES_THE_CONSENSUS.search(text))


# The city in the document's title names the document, not a clause: "Beijing" is in clause 1 only (the
# conference's venue), so "¿Qué dice el Consenso de Beijing sobre los docentes?" was answered from clause 1.
# Retrieval reads the title as "the Consensus"; "the conference in Beijing" keeps its city.
_TITLE_CITY = re.compile(r"\b(?:beijing|p[ée]kin)\s+(?=consensus)|(?<=consensus)\s+(?:de|of)\s+(?:beijing|pékin)\b"
                         r"|(?<=consenso)\s+de\s+(?:beijing|pekín)\b|\bпекинск\w*\s+(?=консенсус)|北京(?=共识)"
                         r"|(?<=توافق آراء)\s+بيجين|(?<=توافق)\s+بيجين", re.IGNORECASE)


def without_title_city(text: str) -> str:
    return _TITLE_CITY.sub("", text)


class ScopeModel:
    """margin(question) = best clause score - best off-topic prototype similarity."""

    def __init__(self, embedder: Embedder, encode: Optional[Callable[[list[str]], np.ndarray]] = None) -> None:
        """`encode`: how the prototypes become vectors (the Retriever's caches them on disk); default: embed them."""
        self.embedder = embedder
        self._encode = encode or embedder.passages
        self._protos: np.ndarray | None = None
        self._lock = threading.Lock()

    def prototypes(self) -> np.ndarray:
        with self._lock:
            if self._protos is None:
                texts = [t for lang in OFF_TOPIC for t in OFF_TOPIC[lang]]
                self._protos = self._encode(texts)
            return self._protos

    def margin(self, qvec: np.ndarray, best_clause_score: float) -> float:
        return best_clause_score - float((self.prototypes() @ qvec).max())


# The document's name in a question ("Does the Consensus support …?") matched clause 44, the one clause that names
# the Consensus ("extend the outreach of the Consensus"), for any subject. Clauses are ranked on the question
# without it; whether the question is in scope is still judged on the whole question.
_DOCUMENT_NAME = re.compile(r"(?:\b(?:the|le|la|l'|l’|el|this|ce|este)\s+)?(?:" + _TITLE_CITY.pattern + "|"
                            + NAMES_THE_CONSENSUS.pattern + r")(?:\s+(?:آراء|de|of))?", re.IGNORECASE)


def without_document_name(text: str) -> str:
    """The question without "the (Beijing) Consensus", or the question itself when little else is left."""
    rest = re.sub(r"\s+", " ", _DOCUMENT_NAME.sub(" ", without_title_city(text))).strip()
    han = len(re.findall(r"[\u4e00-\u9fff]", rest))
    return rest if han >= 4 or len(re.findall(r"\w", rest)) - han >= 10 else text

