"""Opt-in audit trail. Nothing about questions or answers is written anywhere unless
`audit_log` (CQA_AUDIT_LOG) names a file; then one JSON line per answer is appended."""
from __future__ import annotations

import json
import threading
import time
from pathlib import Path

_LOCK = threading.Lock()


def record(settings, answer) -> None:
    if not settings.audit_log:
        return
    ret = answer.retrieval
    entry = {"time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
             "question": ret.query if ret else None, "lang": answer.lang,
             "retrieved": [h.clause for h in ret.hits] if ret else [], "cited": list(answer.citations),
             "route": answer.route, "gist": answer.gist is not None, "refused": answer.refused, "backend": answer.backend,
             "timings_ms": answer.timings_ms}
    path = Path(settings.audit_log).expanduser()
    line = json.dumps(entry, ensure_ascii=False) + "\n"
    with _LOCK:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8") as f:  # O_APPEND: whole lines even across processes
            f.write(line)
