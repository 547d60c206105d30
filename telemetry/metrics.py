"""Process-wide Prometheus figures in the default registry, next to its process, platform and GC collectors:
HTTP requests, LLM fallbacks and cooldowns, TTS failures and refusals. (Per-turn pipeline figures live in each
app's own registry, jobs/metrics.py; `/metrics` serves both.)"""
from __future__ import annotations

from prometheus_client import REGISTRY, Counter, Histogram, generate_latest

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


def process_exposition() -> bytes:
    """The default registry in the text format (process, platform, GC and the counters above)."""
    return generate_latest(REGISTRY)
