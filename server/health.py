"""The health report behind `GET /api/health`: every component with its status and latency, cached briefly.

Probes run in parallel and at most one refresh runs at a time; while one runs, callers get the last
report, so a load balancer polling every second never piles probes onto a slow engine.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

HEALTHY, DEGRADED, UNHEALTHY = "healthy", "degraded", "unhealthy"
_RANK = {HEALTHY: 0, DEGRADED: 1, UNHEALTHY: 2}
PROBE_WORKERS = 8

Probe = Callable[[], tuple[str, dict[str, Any]]]  # → (status, details)


@dataclass(frozen=True)
class Component:
    """One checked part: its group (llm, tts, …), whether it matters for the overall status, and its probe."""

    name: str
    group: str
    probe: Probe
    critical: bool = True  # unhealthy here makes the whole server unhealthy


def worst(statuses: list[str]) -> str:
    """The worst of some statuses (healthy when there are none)."""
    return max(statuses, key=_RANK.__getitem__, default=HEALTHY)


class HealthReport:
    """Runs the probes, keeps the newest report for `max_age_s`."""

    def __init__(self, components: list[Component], max_age_s: float) -> None:
        self._components = components
        self._max_age_s = max_age_s
        self._report: dict[str, Any] | None = None
        self._at = 0.0
        self._refreshing = threading.Lock()

    def current(self) -> dict[str, Any]:
        """The cached report, refreshed when older than max_age_s (by one caller; others get the last one)."""
        if self._report is not None and time.monotonic() - self._at < self._max_age_s:
            return self._report
        if not self._refreshing.acquire(blocking=self._report is None):
            return self._report  # type: ignore[return-value]  # a refresh runs; the last report stands
        try:
            self._report, self._at = self._check(), time.monotonic()
        finally:
            self._refreshing.release()
        return self._report

    def _check(self) -> dict[str, Any]:
        with ThreadPoolExecutor(max_workers=min(PROBE_WORKERS, len(self._components)) or 1,
                                thread_name_prefix="health") as pool:
            results = list(pool.map(_timed, [c.probe for c in self._components]))
        components = {c.name: {"group": c.group, "status": status, "latency_ms": latency, **details}
                      for c, (status, latency, details) in zip(self._components, results)}
        groups: dict[str, list[str]] = {}
        for c, (status, _, _) in zip(self._components, results):
            # a part with a stand-in (an LLM with a fallback, a spare TTS engine) down is degraded, not down
            groups.setdefault(c.group, []).append(status if c.critical else min(status, DEGRADED, key=_RANK.get))
        return {
            "status": worst([s for statuses in groups.values() for s in statuses]),
            "backend": HEALTHY,
            **{group: worst(statuses) for group, statuses in groups.items()},
            "components": components,
            "timestamp": datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z"),
        }


def _timed(probe: Probe) -> tuple[str, float, dict[str, Any]]:
    started = time.monotonic()
    try:
        status, details = probe()
    except Exception as e:  # noqa: BLE001 - a probe that breaks is an unhealthy component, not a 500
        status, details = UNHEALTHY, {"error": type(e).__name__}
    return status, round((time.monotonic() - started) * 1000, 1), details
