"""Turns at the speech recogniser, shared fairly: round robin across clients, a per-client bound, cancellable.

One engine transcribes one answer at a time (on a small CPU two at once only slow each other down), so who
goes next matters: the client served least recently among those waiting, never the one that queued the most.
A client may have `per_client` transcriptions waiting or running; beyond that it is refused at once
(STTBusy). A wait ends early when its `cancelled()` turns True (the uploader hung up, the socket closed), and
so does the transcription itself (the engine asks between its steps), which frees the turn for the next.
"""
from __future__ import annotations

import threading
from collections import OrderedDict, deque
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np

from stt.base import Cancelled, STTCancelled, STTEngine, STTError, Transcript

POLL_S = 0.2  # s between checks of a waiting turn's cancel condition
MAX_REMEMBERED = 10_000  # clients whose last turn is remembered (those not waiting or running are forgotten beyond)


class STTBusy(STTError):
    """This client already has as many transcriptions waiting or running as it may."""


class FairQueue:
    """Grants one turn at a time; `turn(client)` waits for it (see the module docstring)."""

    def __init__(self, per_client: int, wait_s: float) -> None:
        self.per_client = per_client
        self.wait_s = wait_s
        self._cond = threading.Condition()
        self._waiting: OrderedDict[str, deque[object]] = OrderedDict()  # in order of arrival
        self._running: dict[str, int] = {}
        self._served: dict[str, int] = {}  # the round in which each client last got a turn
        self._round = 0
        self._busy = False

    def pending(self, client: str) -> int:
        """Transcriptions of `client` waiting or running."""
        with self._cond:
            return len(self._waiting.get(client, ())) + self._running.get(client, 0)

    @contextmanager
    def turn(self, client: str, cancelled: Cancelled = lambda: False) -> Iterator[None]:
        """Hold the recogniser for one transcription of `client`."""
        ticket = object()
        with self._cond:
            if len(self._waiting.get(client, ())) + self._running.get(client, 0) >= self.per_client:
                raise STTBusy(f"speech recognition: {self.per_client} of your transcriptions are already waiting "
                              "or running; send the next when one is done")
            self._waiting.setdefault(client, deque()).append(ticket)
            try:
                self._wait_for(client, ticket, cancelled)
            finally:
                self._drop(client, ticket)
            self._busy = True
            self._running[client] = self._running.get(client, 0) + 1
            self._remember(client)
        try:
            yield
        finally:
            with self._cond:
                self._busy = False
                self._running[client] -= 1
                if not self._running[client]:
                    del self._running[client]
                self._cond.notify_all()

    def _wait_for(self, client: str, ticket: object, cancelled: Cancelled) -> None:
        """Wait (lock held) until `ticket` is next and the recogniser is free."""
        waited = 0.0
        while self._busy or self._next() is not ticket:
            if cancelled():
                raise STTCancelled("the client left before its transcription started")
            if waited >= self.wait_s:
                raise STTError(f"speech recognition stayed busy for {self.wait_s:g} s")
            self._cond.wait(POLL_S)
            waited += POLL_S

    def _next(self) -> object | None:
        """The first ticket of the waiting client served least recently (never: first), earliest arrival on ties."""
        best = min(self._waiting, key=lambda c: self._served.get(c, -1), default=None)
        return self._waiting[best][0] if best is not None else None

    def _drop(self, client: str, ticket: object) -> None:
        """Take `ticket` out of the waiting line (served or given up)."""
        tickets = self._waiting.get(client, deque())
        if ticket in tickets:
            tickets.remove(ticket)
        if not tickets:
            self._waiting.pop(client, None)
        self._cond.notify_all()

    def _remember(self, client: str) -> None:
        """Note `client`'s turn; forget idle clients when too many are remembered."""
        self._round += 1
        self._served[client] = self._round
        if len(self._served) > MAX_REMEMBERED:
            self._served = {c: r for c, r in self._served.items() if c in self._waiting or c in self._running}


class QueuedEngine:
    """An engine whose transcriptions take turns in `queue` as `client`; `cancelled()` ends a wait or a
    transcription early."""

    def __init__(self, engine: STTEngine, queue: FairQueue, client: str, cancelled: Cancelled = lambda: False) -> None:
        self.engine = engine
        self.queue = queue
        self.client = client
        self.cancelled = cancelled
        self.name = engine.name
        self.languages = engine.languages

    def transcribe(self, samples: np.ndarray, language: str | None = None, *, words: bool = True,
                   cancelled: Cancelled | None = None) -> Transcript:
        """The engine's transcript, once it is this client's turn (stopped when either `cancelled` says so)."""
        def left() -> bool:
            return self.cancelled() or (cancelled is not None and cancelled())

        with self.queue.turn(self.client, left):
            return self.engine.transcribe(samples, language, words=words, cancelled=left)
