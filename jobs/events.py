"""Job events: a turn's typed events (pipeline.events) kept as an ordered log per job with ids readers resume from."""
from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from pipeline.events import TurnEvent, from_record


@dataclass(frozen=True)
class JobEvent:
    """One turn event of a job with its place in the job's log (`id` counts from 1 per job)."""

    job_id: str
    event: TurnEvent
    id: int = 0

    @property
    def type(self) -> str:
        """The event's record kind (status, tts_done, token, …, done, error, cancelled)."""
        return self.event.kind

    @property
    def terminal(self) -> bool:
        """True for the last event a job sends."""
        return self.event.terminal

    @classmethod
    def from_record(cls, job_id: str, event_id: int, record: dict[str, Any]) -> "JobEvent":
        """Rebuild an event stored by `TurnEvent.to_record`."""
        return cls(job_id, from_record(record), event_id)


# read(after_id, timeout_s) -> the events after `after_id`, waiting up to timeout_s for the first one
ReadEvents = Callable[[int, float], list[JobEvent]]


class EventLog:
    """One job's events in order; readers ask for what came after the last id they saw."""

    def __init__(self, job_id: str) -> None:
        self.job_id = job_id
        self._events: list[JobEvent] = []
        self._cond = threading.Condition()
        self.finished_at: float | None = None  # time.monotonic() of the terminal event

    def append(self, event: TurnEvent) -> JobEvent:
        """Add an event with the next id and wake the readers."""
        with self._cond:
            logged = JobEvent(self.job_id, event, len(self._events) + 1)
            self._events.append(logged)
            if event.terminal:
                self.finished_at = time.monotonic()
            self._cond.notify_all()
        return logged

    def read(self, after: int, timeout_s: float) -> list[JobEvent]:
        """Events with id > `after`; waits up to `timeout_s` when there are none yet (ids are list positions + 1)."""
        with self._cond:
            self._cond.wait_for(lambda: len(self._events) > after, timeout=timeout_s)
            return self._events[max(0, after):]


def follow(read: ReadEvents, after: int, heartbeat_s: float) -> Iterator[JobEvent | None]:
    """Yield a job's events after id `after` until the terminal one; None every `heartbeat_s` of silence."""
    while True:
        events = read(after, heartbeat_s)
        if not events:
            yield None
            continue
        for event in events:
            after = event.id
            yield event
            if event.terminal:
                return
