"""Errors a user can act on. The CLI prints their message as one line and exits 2."""


class ConsensusError(Exception):
    """Base for every error whose message tells the user what to fix."""


def one_line(e: BaseException) -> str:
    """An exception as one short line (for a log, a notice or the worker protocol)."""
    return (str(e).strip().splitlines() or [type(e).__name__])[0][:500]
