"""Errors a user can act on. The CLI prints their message as one line and exits 2."""


class ConsensusError(Exception):
    """Base for every error whose message tells the user what to fix."""
