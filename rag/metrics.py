"""What an operator can count: questions, how fast they were answered, who was turned away, model restarts.

    metrics = Metrics(); metrics.watch(restarts=lambda: service.restarts, active=..., ready=...)
    q = metrics.question("api")      # at admission
    q.shown(answer)                  # every Answer shown: the first one is the first text, the final one counts
    q.failed("en")                   # or: no answer could be made
    metrics.busy("chat", "over_share")
    body, content_type = metrics.exposition()      # GET /metrics, Prometheus text format

One registry per app (not prometheus_client's global one), so two apps in one process, as in the tests, count
apart. Labels take a handful of fixed values (channel, route, language, stage, reason): never the question, an
address or anything else a user typed.
"""
from __future__ import annotations

import time
from typing import Callable, Iterable, Optional

from prometheus_client import CollectorRegistry, Counter, Histogram, disable_created_metrics, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from rag.corpus import LANGS
from rag.routes import Route

CHANNELS = ("chat", "ask", "api", "api_stream")   # the page's chat, Gradio's /ask, POST /api/v1/ask[/stream]
ROUTES = tuple(Route)
# First text is tens of milliseconds when all is well; a final answer with a summary takes seconds on a CPU.
BUCKETS = (0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 20.0, 30.0, 60.0)


def _lang(lang: Optional[str]) -> str:
    return lang if lang in LANGS else "other"


class Metrics:
    def __init__(self) -> None:
        disable_created_metrics()  # no *_created series: a creation timestamp per label set says nothing here
        self.registry = CollectorRegistry()
        self._questions = Counter("cqa_questions", "Questions answered (or failed: route=error), by channel, "
                                  "answer route and answer language", ["channel", "route", "lang"],
                                  registry=self.registry)
        self._seconds = Histogram("cqa_answer_seconds", "Seconds from admission to the first text shown "
                                  "(stage=first_text: the official evidence or a refusal) and to the final answer "
                                  "(stage=final)", ["channel", "stage"], buckets=BUCKETS, registry=self.registry)
        self._busy = Counter("cqa_busy", "Questions turned away at once: reason=busy (the app is answering "
                             "max_active questions) or over_share (the client has max_per_client in progress)",
                             ["channel", "reason"], registry=self.registry)
        self._watched = _Watched()
        self.registry.register(self._watched)

    def watch(self, restarts: Callable[[], int], active: Callable[[], int], ready: Callable[[], bool]) -> None:
        """Values read when /metrics is scraped: model worker restarts, questions in progress, readiness."""
        self._watched.restarts, self._watched.active, self._watched.ready = restarts, active, ready

    def question(self, channel: str) -> "Question":
        assert channel in CHANNELS, channel
        return Question(self, channel)

    def busy(self, channel: str, reason: str) -> None:
        self._busy.labels(channel, reason).inc()

    def exposition(self) -> tuple[bytes, str]:
        return generate_latest(self.registry), CONTENT_TYPE_LATEST


class Question:
    """One admitted question's timings and outcome."""

    def __init__(self, metrics: Metrics, channel: str) -> None:
        self._m, self.channel = metrics, channel
        self._t0 = time.perf_counter()
        self._first = False
        self._done = False

    def shown(self, answer) -> None:
        """An Answer was shown (pending evidence, or the final answer)."""
        seconds = time.perf_counter() - self._t0
        if not self._first:
            self._first = True
            self._m._seconds.labels(self.channel, "first_text").observe(seconds)
        if not getattr(answer, "pending", False) and not self._done:
            self._done = True
            self._m._seconds.labels(self.channel, "final").observe(seconds)
            route = answer.route if answer.route in ROUTES else Route.ERROR
            self._m._questions.labels(self.channel, route, _lang(answer.lang)).inc()

    def failed(self, lang: Optional[str]) -> None:
        """No answer could be made (an error, a question with no words, the app not started)."""
        if not self._done:
            self._done = True
            self._m._questions.labels(self.channel, "error", _lang(lang)).inc()


class _Watched:
    def __init__(self) -> None:
        self.restarts: Callable[[], int] = lambda: 0
        self.active: Callable[[], int] = lambda: 0
        self.ready: Callable[[], bool] = lambda: False

    def collect(self) -> Iterable:
        yield CounterMetricFamily("cqa_model_worker_restarts", "Model worker processes restarted after a crash, "
                                  "a kill or a failed load", value=self.restarts())
        yield GaugeMetricFamily("cqa_active_questions", "Questions being answered now", value=self.active())
        yield GaugeMetricFamily("cqa_ready", "1 once the indexes are loaded and the model is ready (as /readyz)",
                                value=1 if self.ready() else 0)

    def describe(self) -> Iterable:
        return []  # values are read at scrape time only
