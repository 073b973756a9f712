"""Who may ask now: a global cap on questions answered at once, and a per-client share of it.

    admission = Admission(limit=24, per_client=4)
    verdict = admission.admit(client)      # "ok" | "over_share" (this client has enough in progress) | "busy"
    ...                                    # only after "ok":
    admission.leave(client)

One object, shared by the chat, Gradio's /ask and the JSON API, so a client cannot take more than its share by
using several of them. A question turned away is never queued: the answer is immediate, and the caller says
"try again in a moment" (HTTP 429 or 503 with Retry-After).

`client_key` names the client: the peer address, or the value of a header set by a trusted reverse proxy when
`trusted_proxy_header` is configured (never by default: any client can send X-Forwarded-For).
"""
from __future__ import annotations

import threading
from typing import Any, Mapping, Optional

OK, OVER_SHARE, BUSY = "ok", "over_share", "busy"


class Admission:
    """At most `limit` questions in progress, and at most `per_client` of them from one client (0: no per-client
    limit). Thread-safe; handlers run in many threads."""

    def __init__(self, limit: int, per_client: int = 0) -> None:
        self.limit = limit
        self.per_client = per_client
        self._lock = threading.Lock()
        self._active = 0
        self._by_client: dict[str, int] = {}
        self.rejected = 0          # turned away as busy
        self.over_share = 0        # turned away for asking more than their share at once

    def admit(self, client: Optional[str] = None) -> str:
        with self._lock:
            if client is not None and self.per_client and self._by_client.get(client, 0) >= self.per_client:
                self.over_share += 1
                return OVER_SHARE
            if self._active >= self.limit:
                self.rejected += 1
                return BUSY
            self._active += 1
            if client is not None:
                self._by_client[client] = self._by_client.get(client, 0) + 1
            return OK

    def enter(self, client: Optional[str] = None) -> bool:
        return self.admit(client) == OK

    def leave(self, client: Optional[str] = None) -> None:
        with self._lock:
            if self._active <= 0:
                raise RuntimeError("Admission.leave() without a matching admit()")
            self._active -= 1
            if client is not None:
                n = self._by_client.get(client, 0) - 1
                if n > 0:
                    self._by_client[client] = n
                else:
                    self._by_client.pop(client, None)  # the table holds only clients with questions in progress

    @property
    def active(self) -> int:
        with self._lock:
            return self._active

    def active_for(self, client: str) -> int:
        with self._lock:
            return self._by_client.get(client, 0)


def client_key(request: Any, trusted_header: str = "") -> str:
    """The client a request comes from: the trusted proxy's header when configured and present, else the peer
    address. Works on Starlette requests and on gr.Request alike (both have .client.host and .headers)."""
    if trusted_header:
        headers: Mapping[str, str] = getattr(request, "headers", None) or {}
        value = headers.get(trusted_header.lower()) or headers.get(trusted_header)
        if value:
            # X-Forwarded-For is a list that the client may have started: the last entry is the one our proxy
            # appended (what it saw), the only one to trust.
            last = value.split(",")[-1].strip()
            if last:
                return last
    client = getattr(request, "client", None)
    host = getattr(client, "host", None) if client is not None else None
    return host or "unknown"
