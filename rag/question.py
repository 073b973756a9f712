"""Make any user input a safe, bounded question string (CLI, Python API and UI alike)."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rag.errors import ConsensusError
from rag.settings import Settings

MAX_CHARS = Settings.model_fields["max_question_chars"].default  # the default of the one setting; longer questions are shortened, with a notice


class QuestionError(ConsensusError):
    """The input holds no question at all (empty, or no letter or digit in it)."""


@dataclass(frozen=True)
class Question:
    text: str
    truncated: bool = False
    original_chars: int = 0


_SURROGATE = re.compile(r"[\ud800-\udfff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def prepare(raw: object, max_chars: int = MAX_CHARS) -> Question:
    if raw is None:
        raw = ""
    if not isinstance(raw, str):
        raw = str(raw)
    # Lone surrogates (from broken clients) cannot be encoded as UTF-8: drop them.
    text = _SURROGATE.sub("", raw)
    text = _CONTROL.sub(" ", unicodedata.normalize("NFC", text))
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        raise QuestionError("the question is empty: type a question about the Beijing Consensus")
    if not any(ch.isalnum() for ch in text):  # "?!?... ;;", "🤖🤖": no word to search for
        raise QuestionError("the question has no words: type a question about the Beijing Consensus")
    truncated = len(text) > max_chars
    if truncated:
        text = text[:max_chars].rsplit(" ", 1)[0] if " " in text[:max_chars] else text[:max_chars]
    return Question(text, truncated, len(raw))


def clean_question(raw: object, max_chars: int = MAX_CHARS) -> str:
    return prepare(raw, max_chars).text
