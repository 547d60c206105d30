"""A pipeline stage on its own named thread, handing its items to the next stage through a bounded queue.

The producer is a generator created, iterated and closed on the stage's thread, so its `finally`
blocks (closing an LLM stream, say) run there. When the queue is full the producer waits: that is
the backpressure. The consumer polls, calling `check` (the job's cancel/deadline check) while it
waits. A stage that is closed before it delivered its end sets `stop` — the job's one cancel token,
which every stage and engine of the turn watches — and then joins its thread: no stage outlives the turn.
"""
from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Iterator
from contextlib import closing
from typing import Generic, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")

POLL_S = 0.05  # s: how often a waiting producer or consumer looks at `stop` / `check`
JOIN_TIMEOUT_S = 30.0  # s: engines stop within their own timeouts; past this a stage is reported, not awaited

_ITEM, _END, _ERROR = range(3)


class Handoff(Generic[T]):
    """Context manager: runs `produce()` on thread `name`; iterate it (from one thread) to receive the items."""

    def __init__(
        self,
        name: str,
        produce: Callable[[], Iterator[T]],
        maxsize: int,
        stop: threading.Event,
        check: Callable[[], None],
    ) -> None:
        if maxsize < 1:
            raise ValueError("a handoff needs room for at least one item")
        self._queue: queue.Queue[tuple[int, object]] = queue.Queue(maxsize)
        self._stop = stop
        self._check = check
        self._ended = False  # the consumer received the end (or the producer's error)
        self._thread = threading.Thread(target=self._pump, args=(produce,), name=name, daemon=True)

    def __enter__(self) -> "Handoff[T]":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the turn's stages unless this one finished, then join its thread."""
        if not self._ended:
            self._stop.set()
        self._thread.join(JOIN_TIMEOUT_S)
        if self._thread.is_alive():
            log.warning("stage %s did not stop within %.0f s", self._thread.name, JOIN_TIMEOUT_S)

    def __iter__(self) -> Iterator[T]:
        while True:
            try:
                kind, value = self._queue.get(timeout=POLL_S)
            except queue.Empty:
                self._check()
                continue
            if kind == _ITEM:
                yield value  # type: ignore[misc]
                continue
            self._ended = True
            if kind == _ERROR:
                raise value  # type: ignore[misc]
            return

    # -- producer side (the stage's thread) --------------------------------------------------
    def _pump(self, produce: Callable[[], Iterator[T]]) -> None:
        try:
            with closing(produce()) as items:  # type: ignore[type-var]
                for item in items:
                    if not self._put(_ITEM, item):
                        return
        except BaseException as e:  # noqa: BLE001 - handed to the consumer, which raises it on its thread
            self._put(_ERROR, e)
            return
        self._put(_END, None)

    def _put(self, kind: int, value: object) -> bool:
        """Queue one entry, waiting while full; False when the turn was stopped meanwhile."""
        while not self._stop.is_set():
            try:
                self._queue.put((kind, value), timeout=POLL_S)
                return True
            except queue.Full:
                continue
        return False
