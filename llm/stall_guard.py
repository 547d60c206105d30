"""A watchdog for one engine call: relays the caller's cancel, and cuts the call when the reply stalls.

Before the first piece the engine's own timeout applies (LLM_TIMEOUT_S: the model may think); once text
has started, a gap longer than `stall_s` means the upstream hung mid-reply, and waiting out the read
timeout would leave the candidate looking at half a sentence for 20 s.
"""
from __future__ import annotations

import threading
import time

POLL_S = 0.05  # s between looks at the clock and the caller's cancel


class StallGuard:
    """Owns the cancel event handed to the engine; `stalled` tells why it was set."""

    def __init__(self, cancel: threading.Event, stall_s: float) -> None:
        self.engine_cancel = threading.Event()
        self.stalled = False
        self._cancel = cancel
        self._stall_s = stall_s
        self._waiting_since: float | None = None  # time.monotonic() when we began waiting for the next piece
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="llm-stall-guard", daemon=True)

    def __enter__(self) -> StallGuard:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()  # the watcher ends within one poll; not joined so the reply is not delayed

    def waiting(self) -> None:
        """The reader asks for the next piece now (call only after the first piece arrived)."""
        self._waiting_since = time.monotonic()

    def arrived(self) -> None:
        """A piece arrived; the reader has it."""
        self._waiting_since = None

    def _watch(self) -> None:
        while not self._done.wait(POLL_S):
            if self._cancel.is_set():
                self.engine_cancel.set()
                return
            since = self._waiting_since
            if since is not None and time.monotonic() - since > self._stall_s:
                self.stalled = True
                self.engine_cancel.set()
                return
