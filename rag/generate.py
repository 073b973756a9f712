"""Text generation backends behind one small protocol: chat messages in, streamed text pieces out.

All backends decode greedily (temperature 0) so the same question gives the same answer. Heavy libraries
(llama_cpp, torch, transformers, httpx) are imported on first use, and each model is loaded once per process.
The app runs them through rag.service.GenerationService (slots, timeouts, a supervised worker process).
"""
from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Optional, Protocol, Sequence

from rag.errors import ConsensusError
from rag.models import ModelError, resolve_gguf, smollm2_gguf

if TYPE_CHECKING:
    from rag.settings import Settings

Messages = list[dict[str, str]]


class Generator(Protocol):
    """When the last message is the assistant's, a backend continues it: it streams only what follows."""
    name: str  # e.g. "llama-cpp:qwen2.5-coder-0.5b-instruct-q4_k_m"

    def stream(self, messages: Messages, max_tokens: int, stop: Sequence[str] = ()) -> Iterator[str]: ...


def split_opening(messages: Messages) -> tuple[Messages, str]:
    """(the conversation, the assistant's opening to continue, "" if none)."""
    if messages and messages[-1].get("role") == "assistant":
        return messages[:-1], messages[-1].get("content", "")
    return messages, ""


class GenerationUnavailable(ConsensusError):
    """The generation service can't be used right now; the caller may fall back to extractive answers."""


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
        self._formatter: Any = None
        self._stops: list[str] = []

    def load(self) -> Any:
        with self._load_lock:
            if self._llm is None:
                # llama.cpp's OpenMP threads otherwise spin at every barrier, and with anything else on the same
                # cores (the web process, other jobs) a token then took 0.2-5 s instead of ~0.05 s. Read once,
                # when llama_cpp is first imported; a value set by the user wins.
                os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
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
            convo, opening = split_opening(messages)
            if opening:  # render the chat template ourselves and let the model continue the opening
                prompt = self._template(llm)(messages=convo).prompt + opening
                chunks = llm.create_completion(prompt, max_tokens=max_tokens, stop=list(stop) + self._stops,
                                               temperature=0.0, stream=True)
                text = lambda c: c["choices"][0].get("text")  # noqa: E731
            else:
                chunks = llm.create_chat_completion(messages=messages, max_tokens=max_tokens, stop=list(stop),
                                                    temperature=0.0, stream=True)
                text = lambda c: c["choices"][0]["delta"].get("content")  # noqa: E731
            try:
                for chunk in chunks:
                    piece = text(chunk)
                    if piece:
                        yield piece
            finally:
                chunks.close()  # stops decoding when our consumer stops early

    def _template(self, llm: Any):
        """The GGUF's own chat template, as llama-cpp-python renders it for chat completions."""
        if self._formatter is None:
            from llama_cpp.llama_chat_format import Jinja2ChatFormatter
            template = llm.metadata.get("tokenizer.chat_template")
            if not template:
                raise ModelError(f"{self.model_path.name} has no chat template (setting 'model' / CQA_MODEL)")
            eos = llm._model.token_get_text(llm.token_eos()) if llm.token_eos() != -1 else ""
            bos = llm._model.token_get_text(llm.token_bos()) if llm.token_bos() != -1 else ""
            self._formatter = Jinja2ChatFormatter(template=template, eos_token=eos, bos_token=bos)
            self._stops = [t for t in (eos, "<|im_end|>", "<|eot_id|>", "<|end|>") if t]
        return self._formatter


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
        how = {"continue_final_message": True} if split_opening(messages)[1] else {"add_generation_prompt": True}
        inputs = tokenizer.apply_chat_template(messages, return_tensors="pt", return_dict=True, **how)
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

Spec = dict[str, Any]  # a JSON-able description of a generator, so a worker process can build the same one


def generator_name(settings: "Settings") -> str:
    """What `settings` will generate with, e.g. "llama-cpp:qwen2.5-coder-0.5b-instruct-q4_k_m", without loading it
    (and without file paths)."""
    from rag.models import BUNDLED, BUNDLED_PREFIX, DEFAULT_MODEL
    if settings.backend == "llama-cpp":
        model = settings.model or BUNDLED_PREFIX + DEFAULT_MODEL
        spec = BUNDLED.get(model.removeprefix(BUNDLED_PREFIX)) if model.startswith(BUNDLED_PREFIX) else None
        return f"llama-cpp:{Path(spec.file_name if spec else model).stem}"
    if settings.backend == "transformers":
        model = settings.model or "SmolLM2-135M-Instruct.Q4_1.gguf"
        path = Path(model).expanduser()
        return f"transformers:{path.stem if path.suffix.lower() == '.gguf' else path.name if path.exists() else model}"
    if settings.backend == "openai":
        return f"openai:{settings.model or 'default'}@{settings.openai_base_url.rstrip('/')}"
    return settings.backend


def generator_spec(settings: "Settings", threads: int = 0) -> Spec:
    """The generator `settings` ask for, as a spec; resolving it may assemble the bundled GGUF (once)."""
    if settings.backend == "llama-cpp":
        return {"backend": "llama-cpp", "model_path": str(resolve_gguf(settings)),
                "threads": threads or settings.threads}
    if settings.backend == "transformers":
        model = settings.model or str(smollm2_gguf())
        if model.lower().endswith(".gguf"):
            path = Path(model).expanduser()
            if not path.is_file():
                raise ModelError(f"no GGUF file at {model!r} (setting 'model' / CQA_MODEL)")
            return {"backend": "transformers", "model": str(path.parent), "gguf_file": path.name}
        return {"backend": "transformers", "model": model}
    if settings.backend == "openai":
        return {"backend": "openai", "base_url": settings.openai_base_url, "model": settings.model or "default",
                "api_key": settings.openai_api_key, "timeout_s": settings.gen_timeout_s}
    raise ModelError(f"unknown backend {settings.backend!r} (setting 'backend' / CQA_BACKEND)")


def build_generator(spec: Spec) -> Generator:
    """A generator from a spec, in this process. {"backend": "factory", "factory": "module:callable", "args": {}}
    builds any object with a Generator's `name` and `stream` (custom backends, test stand-ins)."""
    backend = spec["backend"]
    if backend == "llama-cpp":
        return LlamaCppGenerator(spec["model_path"], spec.get("threads", 0))
    if backend == "transformers":
        return TransformersGenerator(spec["model"], gguf_file=spec.get("gguf_file"))
    if backend == "openai":
        return OpenAIGenerator(spec["base_url"], spec["model"], spec["api_key"], spec["timeout_s"])
    if backend == "factory":
        import importlib
        module, _, attr = spec["factory"].partition(":")
        return getattr(importlib.import_module(module), attr)(**spec.get("args", {}))
    raise ModelError(f"unknown backend {backend!r} (setting 'backend' / CQA_BACKEND)")


def _build(settings: "Settings") -> Generator:
    return build_generator(generator_spec(settings))


# For one-off scripts (eval/): the app generates through rag.service.GenerationService (slots, timeouts, worker).
_generators: dict[tuple, Generator] = {}
_generators_lock = threading.Lock()


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
