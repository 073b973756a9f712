"""The typed values other modules compare: how an answer was made (Route) and why a generation failed
(Failure). StrEnums: each is its string ("model", "timeout"), so the JSON, the metrics labels and the CSS
classes keep the same words, and a misspelt one is an AttributeError instead of a silent mismatch."""
from enum import StrEnum


class Route(StrEnum):
    MODEL = "model"            # a checked summary of the model's is shown under the first line
    EXTRACTIVE = "extractive"  # the official sentences only
    REFUSAL = "refusal"        # out of scope, or a clause that does not exist
    ERROR = "error"            # metrics only: the request failed


ANSWER_ROUTES = (Route.MODEL, Route.EXTRACTIVE, Route.REFUSAL)


class Failure(StrEnum):
    """Why a generation did not complete (rag/service.py: GenerationFailed.kind); each has its notice."""
    TIMEOUT = "timeout"
    UNAVAILABLE = "unavailable"
    BUSY = "busy"
    CRASHED = "crashed"
    CANCELLED = "cancelled"
