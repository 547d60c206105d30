"""Process-wide Prometheus figures in the default registry, next to its process, platform and GC collectors:
HTTP requests, LLM fallbacks and cooldowns, TTS failures and refusals. (Per-turn pipeline figures live in each
app's own registry, jobs/metrics.py; `/metrics` serves both.)"""
from __future__ import annotations

from collections.abc import Iterator

from prometheus_client import REGISTRY, CollectorRegistry, Counter, Histogram, generate_latest, start_http_server
from prometheus_client.metrics_core import Metric
from prometheus_client.registry import Collector

PREFIX = "avatar"
HTTP_BUCKETS_S = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)

http_requests = Counter(f"{PREFIX}_http_requests", "HTTP requests answered, by method, route template and status",
                        ["method", "route", "status"])
http_latency = Histogram(f"{PREFIX}_http_request_duration_seconds",
                         "Request to response headers (a stream's first byte), by method and route template",
                         ["method", "route"], buckets=HTTP_BUCKETS_S)
llm_fallbacks = Counter(f"{PREFIX}_llm_fallbacks", "LLM calls handed to the next engine of the chain, by the engine "
                        "that failed", ["source"])
llm_cooldowns = Counter(f"{PREFIX}_llm_cooldowns", "LLM engines put in cooldown after a failure or stall",
                        ["source"])
tts_failures = Counter(f"{PREFIX}_tts_failures", "TTS calls that failed, by engine (a TTS_FALLBACK may have spoken)",
                       ["engine"])
refusals = Counter(f"{PREFIX}_refusals", "Requests refused for capacity or limits, by status and error code",
                   ["status", "code"])


class _Union(Collector):
    """Every metric of several registries, as one collector."""

    def __init__(self, registries: tuple[CollectorRegistry, ...]) -> None:
        self._registries = registries

    def collect(self) -> Iterator[Metric]:
        """Each registry's metrics in turn (their names never overlap: the pipeline's are per app)."""
        for registry in self._registries:
            yield from registry.collect()


def with_process(registry: CollectorRegistry) -> CollectorRegistry:
    """A registry serving `registry` and the default one (process, platform, GC and the counters above)."""
    both = CollectorRegistry(auto_describe=False)
    both.register(_Union((registry, REGISTRY)))
    return both


def exposition(registry: CollectorRegistry) -> bytes:
    """`registry` and the process-wide metrics in the text format."""
    return generate_latest(with_process(registry))


def serve_on_port(registry: CollectorRegistry, port: int, host: str) -> None:
    """A worker's own scrape endpoint (`http://host:port/metrics`) on a daemon thread."""
    start_http_server(port, addr=host, registry=with_process(registry))
