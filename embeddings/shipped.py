"""Passage vectors that ship with the package, for the bundled corpus and the bundled embedders.

Embedding the official passages (44 clauses x 6 versions, their sentences, headings and the scope prototypes)
took about 40 s on two cores at the first start of every fresh install, and again in every test session. The
vectors only change when the embedder or a passage does, so they ship, one file per embedder id. Each vector
is filed under the sha256 of its exact passage text: a passage whose text changed, or another embedder (or
another version of one), is embedded by the model as before; nothing is ever guessed.

    python -m embeddings.shipped     # rewrite embeddings/data/*.npz with the default embedders, after a corpus
                                     # or model change (tests/test_retrieval.py fails while they are stale)
"""
from __future__ import annotations

import hashlib
import re
import threading
from pathlib import Path
from typing import Callable, Optional, Sequence

import numpy as np

DATA = Path(__file__).resolve().parent / "data"

_TABLES: dict[str, dict[bytes, np.ndarray]] = {}
_LOCK = threading.Lock()
# While not None, every passage vector looked up or computed is kept here (id -> {key: vector}): what
# `python -m embeddings.shipped` writes out. Lookups are off while it records, so every vector is the model's.
_RECORD: Optional[dict[str, dict[bytes, np.ndarray]]] = None


def _key(text: str) -> bytes:
    # stored as rows of 16 uint8: numpy's fixed-width bytes type would drop a key's trailing zero bytes
    return hashlib.sha256(text.encode("utf-8")).digest()[:16]


def path_for(embedder_id: str) -> Path:
    return DATA / (re.sub(r"[^A-Za-z0-9._-]+", "_", embedder_id)[:120] + ".npz")


def _table(embedder_id: str) -> dict[bytes, np.ndarray]:
    with _LOCK:
        if embedder_id not in _TABLES:
            table: dict[bytes, np.ndarray] = {}
            path = path_for(embedder_id)
            if path.exists():
                with np.load(path, allow_pickle=False) as f:
                    if str(f["embedder"]) == embedder_id:  # a file renamed onto another id is not trusted
                        table = dict(zip((k.tobytes() for k in f["keys"]), f["vectors"].astype(np.float32)))
            _TABLES[embedder_id] = table
        return _TABLES[embedder_id]


def passages(embedder_id: str, texts: Sequence[str], encode: Callable[[list[str]], np.ndarray]) -> np.ndarray:
    """Vectors of `texts`: the shipped ones where the exact text was shipped, `encode` (the model) for the rest."""
    texts = list(texts)
    keys = [_key(t) for t in texts]
    table = _table(embedder_id) if _RECORD is None else {}
    todo = [i for i, k in enumerate(keys) if k not in table]
    fresh = encode([texts[i] for i in todo]) if todo else None
    found = [table.get(k) for k in keys]
    for j, i in enumerate(todo):
        found[i] = fresh[j]
    out = np.stack(found).astype(np.float32) if found else np.zeros((0, 0), np.float32)
    if _RECORD is not None:
        _RECORD.setdefault(embedder_id, {}).update(zip(keys, out))
    return out


def _write() -> None:
    """Record every passage vector a fresh start and one answer per language embed, and write them out."""
    import tempfile

    from rag.answer import Answerer
    from rag.corpus import LANGS
    from rag.settings import Settings

    global _RECORD
    _RECORD = {}
    with tempfile.TemporaryDirectory() as cache:
        settings = Settings.load({"cache_dir": cache, "backend": "extractive"}, env={})
        answerer = Answerer(settings)
        answerer.retriever.warm()
        for lang, q in zip(LANGS, ("What does the Consensus say about teachers?",
                                   "Que dit le Consensus sur les enseignants ?",
                                   "¿Qué dice el Consenso sobre los docentes?",
                                   "Что говорится в Консенсусе об учителях?",
                                   "共识对教师有何论述？", "ماذا يقول التوافق عن المعلمين؟")):
            answerer.run(q, lang=lang)
    DATA.mkdir(exist_ok=True)
    for embedder_id, table in sorted(_RECORD.items()):
        keys = sorted(table)
        path = path_for(embedder_id)
        np.savez_compressed(path, embedder=np.array(embedder_id), keys=np.frombuffer(b"".join(keys), np.uint8).reshape(-1, 16),
                            vectors=np.stack([table[k] for k in keys]).astype(np.float32))
        print(f"{path.name}: {len(keys)} passage vectors, {path.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    from embeddings import shipped  # the module the embedders call, not this __main__ copy of it
    shipped._write()
