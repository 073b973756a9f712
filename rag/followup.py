"""Does a question lean on the previous one?

A question that retrieval finds off-topic on its own is read together with the previous question only
when it reads as a follow-up:

* it is short (a follow-up leaves out what the previous question said);
* it refers back or continues: a pronoun or demonstrative ("it", "them", «cela», «это», 它, ذلك, عنها),
  a connective that opens it ("and …?", «Et pour …», «А …», وماذا), or a word that asks for more of the
  same ("more", "why", «encore», 呢);
* it is not about another subject: it is about as near to the previous question as to the nearest
  off-topic prototype (rag/scope.py). "What about the football scores?" reads as a follow-up, but is
  much nearer to "football, sports results and athletes" than to a question about older learners.

Junk ("asdkj qwe", "ok", "thanks") has no word that refers back, so it is declined, not answered from the
previous question's clauses.
"""
from __future__ import annotations

import re
from typing import Callable, Iterable, Optional, Sequence

import numpy as np

from rag.lang import detect
from rag.profiles import PROFILES
from rag.retrieve import Retrieval

# How much nearer to an off-topic prototype than to the previous question a follow-up may be (cosine,
# multilingual-e5). Measured on questions after a first one, in the six languages: subjectless follow-ups
# ("Why is that?", «Et que dit-il d'autre à ce sujet ?», 还有别的吗？) 0.01-0.04; questions about another
# subject ("And what about football scores?", «А что с ценами на бензин?», 那股票呢？) 0.05-0.11.
OFF_TOPIC_SLACK = 0.045
MAX_WORDS = 12       # a follow-up leaves out what the previous question said
MAX_HAN_CHARS = 24   # the same for Chinese, which has no spaces

# From rag/profiles.py: the words that refer back or continue, by language (`follow_up_words`); the phrases that
# open a follow-up, and Chinese's referring words, found whatever the question's language (`follow_up`); "and"/"so"
# glued to the first word (Arabic «وماذا عن …», «والمعلمون؟»; `follow_up_proclitic`).
CUES = {code: p.follow_up_words for code, p in PROFILES.items() if p.follow_up_words}
_OPENERS = re.compile("|".join(f"(?:{p.follow_up})" for p in PROFILES.values() if p.follow_up) or "(?!)", re.I)
_PROCLITIC = re.compile("|".join(f"(?:{p.follow_up_proclitic})" for p in PROFILES.values()
                                 if p.follow_up_proclitic) or "(?!)")  # (?!): no language has one
_TOKEN = re.compile(r"[\w'’]+", re.U)


def has_cue(text: str, langs: Iterable[Optional[str]]) -> bool:
    """The question refers back to, or continues, something said before, in one of `langs` (the question's
    detected language and the conversation's: a two-word «Pourquoi ?» may be detected as English)."""
    if _OPENERS.search(text):
        return True
    tokens = [t.lower() for t in _TOKEN.findall(text)]
    cues = frozenset().union(*(CUES[lg] for lg in set(langs) if lg in CUES))
    if any(t in cues for t in tokens):
        return True
    return bool(tokens) and bool(_PROCLITIC.match(tokens[0]))


def is_short(text: str) -> bool:
    han = len(re.findall(r"[\u4e00-\u9fff]", text))
    if han:
        return han <= MAX_HAN_CHARS
    return len(_TOKEN.findall(text)) <= MAX_WORDS


def reads_as_follow_up(text: str, previous: str, alone: Retrieval,
                       embed_passages: Callable[[Sequence[str]], np.ndarray]) -> bool:
    """`text` leans on the `previous` question: short, referring back, and not about another subject.
    `alone`: the retrieval of `text` on its own (its vector and its off-topic similarity);
    `embed_passages`: the embedder that made that vector."""
    if not (is_short(text) and has_cue(text, (detect(text).lang, alone.detected_lang, detect(previous).lang))):
        return False
    if alone.qvec is None:
        return True
    off_topic = alone.top_score - alone.scope_margin  # its similarity to the nearest off-topic prototype
    to_previous = float(embed_passages([previous])[0] @ alone.qvec)
    return off_topic - to_previous <= OFF_TOPIC_SLACK
