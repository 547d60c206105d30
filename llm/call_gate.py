"""A bound on remote LLM calls in flight: beyond it a call is refused at once with a Retry-After estimate."""
from __future__ import annotations

import math
import threading
import time

from llm.remote import LLMBusy

INITIAL_CALL_ESTIMATE_S = 5.0  # s a remote reply is assumed to take before any finished
ESTIMATE_SMOOTHING = 0.3  # weight of the newest call in the running average


class CallGate:
    """At most `max_calls` holders at once; `enter()` raises LLMBusy instead of waiting."""

    def __init__(self, max_calls: int) -> None:
        self.max_calls = max_calls
        self._lock = threading.Lock()
        self._in_flight = 0
        self._estimate_s = INITIAL_CALL_ESTIMATE_S

    def enter(self) -> float:
        """Take a slot (LLMBusy when none is free); returns the start time to hand to `leave()`."""
        with self._lock:
            if self._in_flight >= self.max_calls:
                raise LLMBusy(self.retry_after_locked())
            self._in_flight += 1
        return time.monotonic()

    def leave(self, started: float) -> None:
        """Give the slot back and learn how long a call takes."""
        with self._lock:
            self._in_flight -= 1
            self._estimate_s += ESTIMATE_SMOOTHING * (time.monotonic() - started - self._estimate_s)

    def full(self) -> bool:
        """True when a call now would be refused."""
        with self._lock:
            return self._in_flight >= self.max_calls

    def retry_after(self) -> int:
        """Seconds until a slot is likely free."""
        with self._lock:
            return self.retry_after_locked()

    def retry_after_locked(self) -> int:
        return max(1, math.ceil(self._estimate_s))

    @property
    def in_flight(self) -> int:
        """Calls holding a slot now."""
        with self._lock:
            return self._in_flight
