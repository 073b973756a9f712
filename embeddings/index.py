"""A FAISS index over all 264 clause passages (44 clauses x 6 official versions), cached on disk.

Layout in <cache_dir>/index/<embedder slug>/:
  clauses.faiss   the inner-product index (vectors are L2-normalised, so scores are cosines)
  manifest.json   embedder id, corpus hash, passage format, dimension, row order, file checksum, build time

The manifest is written last, so a crash mid-build leaves a stale or missing manifest and the next
start rebuilds. A truncated, corrupt or swapped index file fails the checksum and is rebuilt with a
warning. A file lock keeps two processes starting at once from building over each other.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import faiss
import numpy as np
from filelock import FileLock

from embeddings.base import Embedder
from rag.corpus import Clause, Corpus
from rag.errors import ConsensusError

log = logging.getLogger(__name__)

# Bump when passage_text changes: cached indexes of another format are rebuilt.
PASSAGE_FORMAT = "section+text/1"


class IndexBuildError(ConsensusError):
    """The index cannot be written (e.g. an unwritable cache directory)."""


def passage_text(c: Clause) -> str:
    """What gets embedded: the section heading carries topic words the clause text may lack."""
    return f"{c.section}. {c.text}" if c.section else c.text


@dataclass
class ClauseIndex:
    index: faiss.Index
    rows: list[tuple]                    # row -> key: (lang, clause number), or (lang, clause, sentence)
    manifest: dict
    status: str                          # "built", "reused" or "rebuilt: <why>"

    def search(self, qvec: np.ndarray, k: Optional[int] = None) -> tuple[np.ndarray, np.ndarray]:
        """Scores and row ids of the k nearest passages (all by default) for each query row."""
        k = k or self.index.ntotal
        return self.index.search(np.ascontiguousarray(qvec, dtype=np.float32), k)

    def vectors(self) -> np.ndarray:
        return self.index.reconstruct_n(0, self.index.ntotal)

    def vector(self, *key) -> np.ndarray:
        """The stored vector of one row, e.g. vector("fr", 12) for a clause version."""
        if not hasattr(self, "_row_of"):
            self._row_of = {k: i for i, k in enumerate(self.rows)}
        return self.index.reconstruct(self._row_of[tuple(key)])


def _slug(embedder_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", embedder_id)[:120]


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


Item = tuple[tuple, str]  # (row key, text to embed)


def clause_items(corpus: Corpus) -> list[Item]:
    return [((c.lang, c.number), passage_text(c)) for c in corpus.clauses]


def _expected(corpus: Corpus, embedder: Embedder, items: list[Item], fmt: str) -> dict:
    return {"embedder": embedder.id, "corpus_sha256": corpus.sha256, "passage_format": fmt,
            "rows": [list(key) for key, _ in items]}


def _try_load(folder: Path, name: str, expected: dict) -> tuple[Optional[ClauseIndex], str]:
    """The cached index if it matches `expected` and is intact; else (None, reason)."""
    mpath, ipath = folder / "manifest.json", folder / f"{name}.faiss"
    if not mpath.exists():
        return None, "no cached index"
    try:
        manifest = json.loads(mpath.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None, "manifest unreadable"
    for key, value in expected.items():
        if manifest.get(key) != value:
            return None, f"stale ({key} changed)"
    if not ipath.exists():
        return None, "index file missing"
    if ipath.stat().st_size != manifest.get("index_bytes") or _sha256(ipath) != manifest.get("index_sha256"):
        return None, "index file corrupt or truncated"
    try:
        index = faiss.read_index(str(ipath))
    except RuntimeError as e:
        return None, f"index file unreadable ({str(e).splitlines()[0][:80]})"
    if index.ntotal != len(expected["rows"]) or index.d != manifest.get("dim"):
        return None, "index shape does not match manifest"
    rows = [tuple(key) for key in manifest["rows"]]
    return ClauseIndex(index, rows, manifest, "reused"), "ok"


def load_or_build(corpus: Corpus, embedder: Embedder, cache_dir: Path, rebuild: bool = False, *,
                  name: str = "clauses", items: Optional[list[Item]] = None,
                  fmt: str = PASSAGE_FORMAT) -> ClauseIndex:
    """Reuse the cached index when its manifest matches; otherwise (re)build it and persist it.

    By default one row per clause version; `items` (row key, text) with their own `name` and `fmt`
    index other units of the same corpus (the sentence index of rag/evidence.py).
    """
    folder = Path(cache_dir) / "index" / _slug(embedder.id)
    if name != "clauses":
        folder = folder / name
    items = clause_items(corpus) if items is None else items
    expected = _expected(corpus, embedder, items, fmt)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(folder / ".lock"), timeout=300)
        lock.acquire()
    except OSError as e:
        raise IndexBuildError(f"cannot write the index cache in {folder} ({e.strerror or e}); "
                              "set 'cache_dir' / CQA_CACHE_DIR to a writable folder") from None
    try:
        reason = "rebuild requested"
        if not rebuild:
            cached, reason = _try_load(folder, name, expected)
            if cached:
                return cached
            if reason != "no cached index":
                log.warning("index cache %s: %s; rebuilding", folder, reason)
        t0 = time.perf_counter()
        vecs = embedder.passages([text for _, text in items])
        index = faiss.IndexFlatIP(vecs.shape[1])
        index.add(vecs)
        data = faiss.serialize_index(index).tobytes()
        ipath = folder / f"{name}.faiss"
        _atomic_write(ipath, data)
        manifest = {**expected, "dim": int(vecs.shape[1]), "index_bytes": len(data),
                    "index_sha256": hashlib.sha256(data).hexdigest(),
                    "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                    "build_seconds": round(time.perf_counter() - t0, 2), "n_passages": index.ntotal}
        _atomic_write(folder / "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1).encode())
        status = "built" if reason == "no cached index" else f"rebuilt: {reason}"
        return ClauseIndex(index, [key for key, _ in items], manifest, status)
    except OSError as e:
        raise IndexBuildError(f"cannot write the index cache in {folder} ({e.strerror or e}); "
                              "set 'cache_dir' / CQA_CACHE_DIR to a writable folder") from None
    finally:
        lock.release()
