"""A stand-in generator for the slot tests, run in a worker through the service's "factory" spec.

It is a fake because a real model cannot be made to hang, or to take exactly so long, on demand. Each request
says how to behave, in its last message: {"stuck_s": 30, "pieces": 3, "delay_s": 0.0, "fail_after": None}.
`stuck_s` is one step that ignores cancels (a decode that never returns); `delay_s` is spent before each piece,
and a cancel is seen between pieces, as with a real model; `fail_after` pieces, it raises.
"""
import json
import time
from dataclasses import replace

SPEC = {"backend": "factory", "factory": "tests.standins:Scripted", "name": "standin:scripted"}


def ask(stuck_s: float = 0.0, pieces: int = 3, delay_s: float = 0.0, fail_after=None) -> list[dict]:
    how = {"stuck_s": stuck_s, "pieces": pieces, "delay_s": delay_s, "fail_after": fail_after}
    return [{"role": "user", "content": json.dumps(how)}]


class Scripted:
    name = "standin:scripted"

    def stream(self, messages, max_tokens, stop=()):
        how = json.loads(messages[-1]["content"])
        time.sleep(how.get("stuck_s", 0))
        for i in range(how.get("pieces", 3)):
            if i == how.get("fail_after"):
                raise RuntimeError("the stand-in broke on purpose")
            time.sleep(how.get("delay_s", 0))
            yield f"w{i} "


class Fixed:
    """Writes the same continuation whatever it is asked: a model whose summary is known in advance, so a test
    can follow one checked gist through the answer (the real model's wording cannot be fixed on demand)."""
    name = "standin:fixed"

    def __init__(self, text: str) -> None:
        self.text = text

    def stream(self, messages, max_tokens, stop=()):
        for i, word in enumerate(self.text.split(" ")):
            yield word if i == 0 else " " + word


def pending_first(events):
    """For a stand-in Answerer that shows a summary being written: yields the real final answer of `events` as
    pending (a refusal as it is, final), and returns that answer (None for a refusal, which has nothing to follow)."""
    from rag.answer import Answer
    final = [ev for ev in events if isinstance(ev, Answer)][-1]
    yield replace(final, pending=not final.refused)
    return None if final.refused else final
