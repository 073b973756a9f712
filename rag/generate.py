"""Text generation backends behind one small protocol: chat messages in, streamed text pieces out.

All backends decode greedily (temperature 0) so the same question gives the same answer. Heavy libraries
(llama_cpp, torch, transformers, httpx) are imported on first use, and each model is loaded once per process.
"""
from __future__ import annotations

import json
import os
import queue
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Optional, Protocol, Sequence

from rag.errors import ConsensusError
from rag.models import ModelError, resolve_gguf, smollm2_gguf

if TYPE_CHECKING:
    from rag.settings import Settings

Messages = list[dict[str, str]]


class Generator(Protocol):
    name: str  # e.g. "llama-cpp:qwen2.5-coder-0.5b-instruct-q4_k_m"

    def stream(self, messages: Messages, max_tokens: int, stop: Sequence[str] = ()) -> Iterator[str]: ...


class GenerationUnavailable(ConsensusError):
    """The generation service can't be used right now; the caller may fall back to extractive answers."""


class GenerationTimeout(ConsensusError):
    """The model took too long; raised instead of letting a hung model hang the chat."""


# --- llama.cpp (default) -----------------------------------------------------------------------

class LlamaCppGenerator:
    """A GGUF model run in-process by llama.cpp, prompted with the chat template stored in the GGUF."""

    def __init__(self, model_path: Path | str, n_threads: int = 0, n_ctx: int = 2048):
        self.model_path = Path(model_path)
        self.n_threads = n_threads or os.cpu_count() or 1
        self.n_ctx = n_ctx
        self.name = f"llama-cpp:{self.model_path.stem}"
        self._llm: Any = None
        self._load_lock = threading.Lock()
        self._run_lock = threading.Lock()  # a Llama object holds one KV cache: one generation at a time

    def load(self) -> Any:
        with self._load_lock:
            if self._llm is None:
                from llama_cpp import Llama
                try:
                    # n_threads_batch (prompt reading) would otherwise take every core whatever we asked
                    self._llm = Llama(model_path=str(self.model_path), n_ctx=self.n_ctx,
                                      n_threads=self.n_threads, n_threads_batch=self.n_threads, verbose=False)
                except (ValueError, OSError) as e:
                    raise ModelError(f"llama.cpp cannot load {self.model_path} ({e}): set 'model' / CQA_MODEL "
                                     "to a valid .gguf file") from None
            return self._llm

    def stream(self, messages: Messages, max_tokens: int, stop: Sequence[str] = ()) -> Iterator[str]:
        with self._run_lock:
            llm = self.load()
            # Re-read the whole prompt: reusing a cached prefix evaluates it in other batch shapes, whose
            # rounding can flip a near-tie and make the same question give a different greedy answer.
            llm.reset()
            chunks = llm.create_chat_completion(messages=messages, max_tokens=max_tokens, stop=list(stop),
                                                temperature=0.0, stream=True)
            try:
                for chunk in chunks:
                    piece = chunk["choices"][0]["delta"].get("content")
                    if piece:
                        yield piece
            finally:
                chunks.close()  # stops decoding when our consumer stops early


# --- transformers ---------------------------------------------------------------------------

def _cut_at_stop(pieces: Iterable[str], stop: Sequence[str]) -> Iterator[str]:
    """Yield text up to (not including) the first stop string, holding back only what could start one."""
    stop = [s for s in stop if s]
    if not stop:
        yield from pieces
        return

    def first_hit(buf: str) -> int:
        return min((i for i in (buf.find(s) for s in stop) if i >= 0), default=len(buf))

    def first_partial(buf: str) -> int:  # where a stop string may still be completing
        return next((i for i in range(max(0, len(buf) - max(map(len, stop)) + 1), len(buf))
                     if any(len(s) > len(buf) - i and s.startswith(buf[i:]) for s in stop)), len(buf))

    buf = ""
    for piece in pieces:
        buf += piece
        hit, partial = first_hit(buf), first_partial(buf)
        if hit < partial:
            if hit:
                yield buf[:hit]
            return
        if partial:
            yield buf[:partial]
            buf = buf[partial:]
    if hit := first_hit(buf):
        yield buf[:hit]


def _load_causal_lm(model: str, gguf_file: Optional[str], local: bool) -> tuple[Any, Any]:
    from transformers import AutoConfig, AutoModelForCausalLM, AutoTokenizer
    tokenizer = AutoTokenizer.from_pretrained(model, gguf_file=gguf_file, local_files_only=local)
    if gguf_file is None:
        return tokenizer, AutoModelForCausalLM.from_pretrained(model, local_files_only=local).eval()
    # from_pretrained(gguf_file=...) insists on the `accelerate` package, which we don't ship: do what it does
    # on CPU ourselves, with the same public pieces (config from the GGUF, tensors dequantized to float32).
    from transformers.modeling_gguf_pytorch_utils import load_gguf_checkpoint
    from transformers.utils import cached_file
    path = cached_file(model, gguf_file, local_files_only=local)
    config = AutoConfig.from_pretrained(model, gguf_file=gguf_file, local_files_only=local)
    lm = AutoModelForCausalLM.from_config(config)
    tensors = load_gguf_checkpoint(path, return_tensors=True, model_to_load=lm)["tensors"]
    missing, _ = lm.load_state_dict(tensors, strict=False)
    tied = {"lm_head.weight"} if getattr(config, "tie_word_embeddings", False) else set()
    if set(missing) - tied:
        raise ModelError(f"{gguf_file} lacks weights {sorted(set(missing) - tied)[:3]} (setting 'model' / "
                         "CQA_MODEL): use the llama-cpp backend for this file")
    lm.tie_weights()
    return tokenizer, lm.eval()


class TransformersGenerator:
    """Any Hugging Face causal LM (hub name, local folder, or a GGUF inside one), run with PyTorch on CPU."""

    def __init__(self, model: str, gguf_file: Optional[str] = None):
        self.model, self.gguf_file = model, gguf_file
        self.name = f"transformers:{Path(gguf_file).stem if gguf_file else model}"
        self._loaded: Optional[tuple[Any, Any]] = None
        self._load_lock = threading.Lock()
        self._run_lock = threading.Lock()

    def load(self) -> tuple[Any, Any]:
        with self._load_lock:
            if self._loaded is None:
                # A local folder must never reach for the hub: that takes ~50 s to fail on an offline machine.
                local = Path(self.model).expanduser().exists()
                try:
                    self._loaded = _load_causal_lm(str(Path(self.model).expanduser()) if local else self.model,
                                                   self.gguf_file, local)
                except (OSError, ValueError) as e:  # not found, hub unreachable, unsupported GGUF
                    what = f"{self.model}/{self.gguf_file}" if self.gguf_file else self.model
                    why = (str(e).strip().splitlines() or [type(e).__name__])[0]
                    where = "" if local else "not a local folder, and the Hugging Face Hub did not provide it: "
                    raise ModelError(f"cannot load {what!r} with the transformers backend ({where}{why}): "
                                     "check 'model' / CQA_MODEL") from None
            return self._loaded

    def stream(self, messages: Messages, max_tokens: int, stop: Sequence[str] = ()) -> Iterator[str]:
        with self._run_lock:
            yield from _cut_at_stop(self._stream(messages, max_tokens), stop)

    def _stream(self, messages: Messages, max_tokens: int) -> Iterator[str]:
        import torch
        from transformers import StoppingCriteria, TextIteratorStreamer

        tokenizer, lm = self.load()
        inputs = tokenizer.apply_chat_template(messages, add_generation_prompt=True, return_tensors="pt",
                                               return_dict=True)
        streamer = TextIteratorStreamer(tokenizer, skip_prompt=True, skip_special_tokens=True)
        cancel, failure = threading.Event(), []

        class Cancelled(StoppingCriteria):  # lets an abandoned stream stop the decoding thread
            def __call__(self, input_ids, scores, **kwargs):
                return torch.full((input_ids.shape[0],), cancel.is_set(), dtype=torch.bool)

        def run() -> None:
            try:
                with torch.inference_mode():
                    lm.generate(**inputs, max_new_tokens=max_tokens, do_sample=False, temperature=None,
                                top_p=None, top_k=None, streamer=streamer, stopping_criteria=[Cancelled()])
            except BaseException as e:  # surface it in the consumer instead of leaving it waiting forever
                failure.append(e)
                streamer.end()

        thread = threading.Thread(target=run, name="transformers-generate", daemon=True)
        thread.start()
        try:
            for piece in streamer:
                if piece:
                    yield piece
            if failure:
                raise failure[0]
        finally:
            cancel.set()
            thread.join()


# --- OpenAI-compatible HTTP ---------------------------------------------------------------------

class OpenAIGenerator:
    """Any OpenAI-compatible /v1/chat/completions endpoint (llama.cpp server, vLLM, Ollama, ...), via SSE."""

    def __init__(self, base_url: str, model: str = "default", api_key: str = "not-needed",
                 timeout_s: float = 30.0):
        self.base_url, self.model, self.api_key = base_url.rstrip("/"), model, api_key
        self.timeout_s = timeout_s
        self.name = f"openai:{model}@{self.base_url}"

    def _unavailable(self, why: str) -> GenerationUnavailable:
        return GenerationUnavailable(f"the model server at {self.base_url} is unavailable ({why}): check "
                                     "'openai_base_url' / CQA_OPENAI_BASE_URL")

    def load(self) -> None:
        """Nothing to load here; the server holds the model."""

    def stream(self, messages: Messages, max_tokens: int, stop: Sequence[str] = ()) -> Iterator[str]:
        import httpx
        body: dict[str, Any] = {"model": self.model, "messages": messages, "max_tokens": max_tokens,
                                "temperature": 0, "stream": True}
        if stop:
            body["stop"] = list(stop)
        headers = {"Authorization": f"Bearer {self.api_key}"}
        # Connecting is quick or never: fail fast there so the caller can fall back.
        timeout = httpx.Timeout(self.timeout_s, connect=min(5.0, self.timeout_s))
        try:
            with httpx.stream("POST", f"{self.base_url}/chat/completions", json=body, headers=headers,
                              timeout=timeout) as r:
                if r.status_code >= 400:
                    r.read()
                    raise self._unavailable(f"HTTP {r.status_code}: {r.text[:200]!r}")
                for line in r.iter_lines():
                    if not line.startswith("data:"):
                        continue  # blank separators, comments, event names
                    data = line[5:].strip()
                    if data == "[DONE]":
                        return
                    chunk = json.loads(data)
                    if chunk.get("error"):
                        raise self._unavailable(f"server error: {chunk['error']}")
                    for choice in chunk.get("choices") or ():
                        piece = (choice.get("delta") or {}).get("content")
                        if piece:
                            yield piece
        except httpx.HTTPError as e:
            raise self._unavailable(f"{type(e).__name__}: {e}" if str(e) else type(e).__name__) from None
        except json.JSONDecodeError:
            raise self._unavailable("it sent a malformed event stream") from None


# --- choosing a backend -----------------------------------------------------------------------

_generators: dict[tuple, Generator] = {}
_generators_lock = threading.Lock()


def _build(settings: "Settings") -> Generator:
    if settings.backend == "llama-cpp":
        return LlamaCppGenerator(resolve_gguf(settings), settings.threads)
    if settings.backend == "transformers":
        model = settings.model or str(smollm2_gguf())
        if model.lower().endswith(".gguf"):
            path = Path(model).expanduser()
            if not path.is_file():
                raise ModelError(f"no GGUF file at {model!r} (setting 'model' / CQA_MODEL)")
            return TransformersGenerator(str(path.parent), gguf_file=path.name)
        return TransformersGenerator(model)
    if settings.backend == "openai":
        return OpenAIGenerator(settings.openai_base_url, settings.model or "default", settings.openai_api_key,
                               settings.gen_timeout_s)
    raise ModelError(f"unknown backend {settings.backend!r} (setting 'backend' / CQA_BACKEND)")


def make_generator(settings: "Settings") -> Optional[Generator]:
    """The generator for `settings`, built once per process; None for the extractive (no model) backend."""
    if settings.backend == "extractive":
        return None
    key = (settings.backend, settings.model, settings.threads, settings.cache_dir,
           settings.openai_base_url, settings.openai_api_key, settings.gen_timeout_s)
    with _generators_lock:
        if key not in _generators:
            _generators[key] = _build(settings)
        return _generators[key]


# --- timeouts ---------------------------------------------------------------------------------

_END = object()


class _Raised:
    def __init__(self, exc: BaseException):
        self.exc = exc


def stream_with_timeout(pieces: Iterable[str], first_token_timeout_s: float,
                        total_timeout_s: float) -> Iterator[str]:
    """Re-yield `pieces`, consumed in a background thread, raising GenerationTimeout when the first piece
    takes longer than `first_token_timeout_s` or the whole stream longer than `total_timeout_s`.

    On timeout (or when our consumer stops) the producer is told to stop at its next piece; a model stuck
    inside one step can't be interrupted, but it no longer blocks the caller.
    """
    q: queue.Queue = queue.Queue()
    stop = threading.Event()

    def produce() -> None:
        it = iter(pieces)
        try:
            for piece in it:
                if stop.is_set():
                    break
                q.put(piece)
        except BaseException as e:
            q.put(_Raised(e))
        finally:
            close = getattr(it, "close", None)
            if close:
                close()
            q.put(_END)

    start = time.monotonic()
    threading.Thread(target=produce, name="generation", daemon=True).start()
    first = True
    try:
        while True:
            limit = min(first_token_timeout_s, total_timeout_s) if first else total_timeout_s
            try:
                item = q.get(timeout=max(0.0, start + limit - time.monotonic()))
            except queue.Empty:
                what = f"no text within {limit:g} s" if first else f"the answer took over {limit:g} s"
                raise GenerationTimeout(f"the model timed out ({what}): raise 'gen_timeout_s' / "
                                        "CQA_GEN_TIMEOUT_S, lower 'max_tokens', or use a smaller model") from None
            if item is _END:
                return
            if isinstance(item, _Raised):
                raise item.exc
            first = False
            yield item
    finally:
        stop.set()
