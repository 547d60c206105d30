"""What the remote TTS engines share: PCM collection with deadline, cancel and latency."""
from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from tts.base import AudioClip, TTSError

WATCH_POLL_S = 0.05  # s between cancel/deadline checks of an AbortWatch


class TTSCancelled(TTSError):
    """The caller's cancel token was set while the engine was speaking."""


@dataclass(frozen=True)
class Synthesis:
    """A clip with the latency figures of the request that made it."""

    clip: AudioClip
    first_byte_s: float  # request start -> first audio byte
    total_s: float  # request start -> last byte


class PcmBuffer:
    """Collects signed 16-bit little-endian mono PCM from a remote stream."""

    def __init__(self, engine: str, timeout_s: float, cancel: threading.Event | None) -> None:
        self.engine = engine
        self.timeout_s = timeout_s
        self.cancel = cancel
        self.started = time.monotonic()
        self.first_byte_s: float | None = None
        self._parts: list[bytes] = []

    def elapsed(self) -> float:
        """Seconds since the request started."""
        return time.monotonic() - self.started

    def check(self) -> None:
        """Raise if the caller cancelled or the whole request ran past its timeout."""
        if self.cancel is not None and self.cancel.is_set():
            raise TTSCancelled(f"{self.engine}: cancelled")
        if self.elapsed() > self.timeout_s:
            raise TTSError(f"{self.engine}: no complete answer within {self.timeout_s:g} s")

    def add(self, data: bytes) -> None:
        """Append a piece of the stream (any length; sample alignment is checked at the end)."""
        self.check()
        if data and self.first_byte_s is None:
            self.first_byte_s = self.elapsed()
        self._parts.append(data)

    @property
    def nbytes(self) -> int:
        """Bytes collected so far."""
        return sum(len(p) for p in self._parts)

    def samples(self) -> np.ndarray:
        """The collected audio as int16 samples; empty or odd-length audio is an error."""
        pcm = b"".join(self._parts)
        if not pcm:
            raise TTSError(f"{self.engine}: the answer held no audio")
        if len(pcm) % 2:
            raise TTSError(f"{self.engine}: odd audio byte count {len(pcm)} (truncated 16-bit PCM)")
        return np.frombuffer(pcm, dtype="<i2").astype(np.int16)

    def result(self, clip: AudioClip) -> Synthesis:
        """Wrap `clip` with this request's latency figures."""
        first = self.first_byte_s if self.first_byte_s is not None else self.elapsed()
        return Synthesis(clip=clip, first_byte_s=first, total_s=self.elapsed())


class AbortWatch:
    """A watcher thread that calls `abort` once when `cancel` is set or the deadline passes.

    Blocking socket reads cannot look at a cancel token, so the watcher breaks the
    connection from outside and the reader sees the read fail.
    """

    def __init__(self, abort: Callable[[], None], deadline_s: float, cancel: threading.Event | None) -> None:
        self._abort = abort
        self._deadline = time.monotonic() + deadline_s
        self._cancel = cancel
        self._done = threading.Event()
        self.fired = False
        self._thread = threading.Thread(target=self._run, name="tts-abort-watch", daemon=True)

    def __enter__(self) -> AbortWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._done.wait(WATCH_POLL_S):
            cancelled = self._cancel is not None and self._cancel.is_set()
            if cancelled or time.monotonic() > self._deadline:
                self.fired = True
                self._abort()
                return
