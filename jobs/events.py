"""Job events: what a running job publishes, and a subscriber queue that turns them into a stream."""
from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

TERMINAL_TYPES = frozenset({"done", "error", "cancelled"})


@dataclass(frozen=True)
class JobEvent:
    """One event of a job; `data` is the seed's JSON fields (without "type")."""

    job_id: str
    type: str  # status, token, llm_done, segment, progress, queue_position, done, error, cancelled
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def terminal(self) -> bool:
        """True for the last event a job sends."""
        return self.type in TERMINAL_TYPES

    def as_json(self) -> dict[str, Any]:
        """The SSE payload: `type` first, then the fields."""
        return {"type": self.type, **self.data}


Listener = Callable[[JobEvent], None]


class EventFanout:
    """Delivers each event to every listener; a listener added late still gets the terminal event."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()
        self._last: JobEvent | None = None

    def add(self, listener: Listener) -> None:
        """Subscribe; if the job already ended, the listener gets its terminal event at once."""
        with self._lock:
            self._listeners.append(listener)
            last = self._last
        if last is not None and last.terminal:
            listener(last)

    def remove(self, listener: Listener) -> None:
        """Unsubscribe (no-op when absent)."""
        with self._lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    def publish(self, event: JobEvent) -> None:
        """Send to all current listeners, in subscription order."""
        with self._lock:
            self._last = event
            listeners = list(self._listeners)
        for listener in listeners:
            listener(event)


class Subscription:
    """A queue of one job's events for one consumer (an SSE stream or a waiting request)."""

    def __init__(self) -> None:
        self._queue: queue.Queue[JobEvent] = queue.Queue()

    def __call__(self, event: JobEvent) -> None:
        self._queue.put(event)

    def events(self, heartbeat_s: float) -> Iterator[JobEvent | None]:
        """Yield events until a terminal one; yield None every `heartbeat_s` of silence."""
        while True:
            try:
                event = self._queue.get(timeout=heartbeat_s)
            except queue.Empty:
                yield None
                continue
            yield event
            if event.terminal:
                return
