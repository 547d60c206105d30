"""What the turn pipeline may ask of the job it runs in — wherever that job runs (a thread here, an RQ worker).

The pipeline sees only `TurnContext`: the job's id, its one cancel token (every stage and engine watches the
same `threading.Event`), `check()` between steps, `publish()` for events and `render_slot()` before rendering.
`run_to_end` is the one place that turns the work's outcome into exactly one terminal event, for every backend.
"""
from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable
from typing import Protocol

from pipeline.events import Cancelled, Done, Error, Segment, TurnEvent, TurnFailed, TurnResult

log = logging.getLogger(__name__)

Publish = Callable[[TurnEvent], None]
DescribeError = Callable[[Exception], tuple[str, str]]  # a failure → (the client's message, its code)


class JobCancelled(Exception):
    """Raised inside a job when its cancel token is set."""


class JobTimedOut(Exception):
    """Raised inside a job that ran past its deadline."""


class TurnContext(Protocol):
    """The pipeline's view of its job."""

    job_id: str
    cancel: threading.Event  # the job's one cancel token
    cancel_requested: bool  # a client cancelled (the token alone is also set to stop a failed turn's stages)
    created_at: float  # time.time() at submission (TTFF is measured from it)

    def check(self) -> None:
        """Raise JobCancelled / JobTimedOut; every stage calls this between steps."""
        ...

    def publish(self, event: TurnEvent) -> None:
        """Send one event of this job to its subscribers."""
        ...

    def render_slot(self) -> None:
        """Wait in line for a render slot (no-op when already holding one)."""
        ...


class JobContext:
    """A TurnContext over a backend's publish and slot functions; counts the segments it published."""

    def __init__(self, job_id: str, publish: Publish, render_slot: Callable[[], None] = lambda: None,
                 created_at: float | None = None, timeout_s: float = math.inf) -> None:
        self.job_id = job_id
        self.cancel = threading.Event()
        self.cancel_requested = False  # a client asked (the token is also set to stop the stages of a failed turn)
        self.created_at = time.time() if created_at is None else created_at
        self.deadline = time.monotonic() + timeout_s
        self.timeout_s = timeout_s
        self.segments_done = 0  # playable segments published so far (reported on cancel)
        self._publish = publish
        self._render_slot = render_slot

    def check(self) -> None:
        """Raise JobCancelled / JobTimedOut."""
        if self.cancel.is_set():
            raise JobCancelled(self.job_id)
        if time.monotonic() > self.deadline:
            raise JobTimedOut(self.job_id)

    def publish(self, event: TurnEvent) -> None:
        """Send one event; `segment` events are counted for the `cancelled` event."""
        if isinstance(event, Segment):
            self.segments_done += 1
        self._publish(event)

    def render_slot(self) -> None:
        """Wait for the backend's render slot."""
        self._render_slot()

    def request_cancel(self) -> None:
        """A client cancelled: set the token every stage watches."""
        self.cancel_requested = True
        self.cancel.set()


def run_to_end(ctx: JobContext, work: Callable[[], TurnResult], describe_error: DescribeError,
               finish: Callable[[], None] = lambda: None) -> str:
    """Run `work`, call `finish` (free the slot), then publish exactly one terminal event; return its type."""
    error: Exception | None = None
    result: TurnResult | None = None
    try:
        result = work()
    except Exception as e:  # noqa: BLE001 - every failure becomes an event, never a dead thread
        error = e
    finally:
        finish()
    if result is not None:
        ctx.publish(Done(result=result))
        return Done.kind
    if isinstance(error, JobCancelled) or ctx.cancel_requested:
        # an engine's own "aborted" error after a cancel is still a cancel
        ctx.publish(Cancelled(segments_done=ctx.segments_done))
        return Cancelled.kind
    if isinstance(error, TurnFailed):
        ctx.publish(error.event)
        return Error.kind
    assert error is not None
    message, code = ((f"the job ran longer than {ctx.timeout_s:.0f} s and was stopped", "job_timeout")
                     if isinstance(error, JobTimedOut) else describe_error(error))
    ctx.publish(Error(message=message, code=code))
    return Error.kind
