"""Per-stage figures of a turn (`done.elapsed`) and the app's Prometheus metrics (one registry per app)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

PREFIX = "avatar"
LATENCY_BUCKETS_S = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 1.0, 1.5, 2.5, 5.0, 10.0, 30.0)
FPS_BUCKETS = (10, 25, 50, 100, 200, 400, 800, 1600)  # frames per second
RTF_BUCKETS = (0.05, 0.1, 0.15, 0.25, 0.5, 0.75, 1.0, 2.0, 4.0)  # processing seconds per second of speech
OUTCOMES = ("done", "cancelled", "error")


@dataclass
class TurnTimings:
    """What one turn measured; each field is written by the one stage that owns it (seconds unless noted)."""

    llm_first_token: float | None = None  # LLM stage start → first piece
    llm: float | None = None  # the whole LLM stream
    tts_first: float | None = None  # synthesis time of the first sentence spoken (espeak: its whole call)
    tts: float = 0.0  # synthesis time, all sentences
    sentences: int = 0  # sentences spoken (count)
    cache_hits: int = 0  # sentences served from the render cache (count)
    slot_wait: float = 0.0  # waiting in line for a render slot
    render: float = 0.0  # producing frames (lipsync engine)
    encode: float = 0.0  # encoding segments (H.264 + AAC)
    frames: int = 0  # frames rendered (count; cache hits excluded)
    join: float = 0.0  # remuxing the segments into the turn's MP4
    lipsync: float = 0.0  # first render → joined MP4 (wall)
    ttff: float | None = None  # request → first playable segment
    total: float = 0.0  # job start → done
    audio: float = 0.0  # seconds of speech in the turn

    @property
    def render_fps(self) -> float | None:
        """Frames per second of the lipsync engine alone."""
        return self.frames / self.render if self.frames and self.render > 0 else None

    @property
    def rtf(self) -> float | None:
        """Real-time factor of the turn: processing time per second of speech (< 1 is faster than realtime)."""
        return self.total / self.audio if self.audio > 0 else None

    def elapsed(self) -> dict[str, float]:
        """`done.elapsed`: the seed's total/llm/tts/lipsync (in the wire's order) plus the per-stage figures that were
        measured."""
        values: dict[str, Any] = {
            "total": self.total, "llm": self.llm, "tts": self.tts, "lipsync": self.lipsync,
            "llm_first_token": self.llm_first_token, "tts_first": self.tts_first, "slot_wait": self.slot_wait,
            "render": self.render, "encode": self.encode, "join": self.join, "render_fps": self.render_fps,
            "ttff": self.ttff, "rtf": self.rtf,
        }
        return {name: round(value, 3) for name, value in values.items() if value is not None}


class PipelineMetrics:
    """Histograms and gauges in a registry of their own, so every app (tests build many) has separate figures."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.llm_first_token = Histogram(f"{PREFIX}_llm_first_token_seconds", "LLM stream start to first token",
                                         buckets=LATENCY_BUCKETS_S, registry=r)
        self.tts_first_byte = Histogram(f"{PREFIX}_tts_first_byte_seconds",
                                        "Per sentence: request to first audio (whole synthesis for espeak)",
                                        buckets=LATENCY_BUCKETS_S, registry=r)
        self.render_fps = Histogram(f"{PREFIX}_render_fps", "Lipsync frames per second per turn",
                                    buckets=FPS_BUCKETS, registry=r)
        self.encode = Histogram(f"{PREFIX}_encode_seconds", "Encoding time per segment",
                                buckets=LATENCY_BUCKETS_S, registry=r)
        self.ttff = Histogram(f"{PREFIX}_ttff_seconds", "Request to first playable segment",
                              buckets=LATENCY_BUCKETS_S, registry=r)
        self.rtf = Histogram(f"{PREFIX}_rtf", "Turn processing time per second of speech",
                             buckets=RTF_BUCKETS, registry=r)
        self.turns = Counter(f"{PREFIX}_turns", "Turns finished, by outcome", ["outcome"], registry=r)
        self.cache = Counter(f"{PREFIX}_render_cache_lookups", "Render cache lookups by result", ["result"],
                             registry=r)
        for outcome in OUTCOMES:
            self.turns.labels(outcome)
        for result in ("hit", "miss"):
            self.cache.labels(result)

    def watch_queue(self, snapshot: Callable[[], dict[str, Any]]) -> None:
        """Export the queue's waiting and running job counts, read from `snapshot()` at scrape time."""
        Gauge(f"{PREFIX}_queue_length", "Jobs waiting for a render slot", registry=self.registry) \
            .set_function(lambda: snapshot()["queue_length"])
        Gauge(f"{PREFIX}_running_jobs", "Jobs holding a render slot", registry=self.registry) \
            .set_function(lambda: snapshot()["processing_count"])

    def cache_lookup(self, hit: bool) -> None:
        """Count one render cache lookup."""
        self.cache.labels("hit" if hit else "miss").inc()

    def turn_finished(self, timings: TurnTimings, outcome: str) -> None:
        """Record a finished turn's per-turn figures (latencies seen along the way are observed as they happen)."""
        self.turns.labels(outcome).inc()
        if outcome != "done":
            return
        if timings.render_fps is not None:
            self.render_fps.observe(timings.render_fps)
        if timings.rtf is not None:
            self.rtf.observe(timings.rtf)
