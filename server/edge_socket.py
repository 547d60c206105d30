"""The client socket of the guarded edge: a request head collected before a thread is taken is read back first, a
head still arriving on a thread has a deadline, and reads and writes after the head stall a bounded time."""
from __future__ import annotations

import socket
import time

HEAD_END = b"\r\n\r\n"
MAX_HEAD_BYTES = 64 * 1024  # collected on the main loop; a longer head goes to a thread (its parser refuses it)


class HeadTimedSocket(socket.socket):
    """A client socket on which a whole request head must arrive within `head_timeout_s` (a trickle of one byte at
    a time does not reset the clock), then reads and writes stall `start_io`'s timeout at most."""

    head_timeout_s = 10.0

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._collected = bytearray()  # head bytes read on the main loop, not yet given to the parser
        self._head_deadline: float | None = None
        self._expired = False

    def collect(self, size: int = 16384) -> bool | None:
        """Read what has arrived (non-blocking) into the head buffer: True once a whole head (or MAX_HEAD_BYTES) is
        in, False while it is not, None when the client closed or the read failed."""
        try:
            data = super().recv(size)
        except (BlockingIOError, InterruptedError):
            return self.head_collected()
        except OSError:
            return None
        if not data:
            return None
        self._collected += data
        return self.head_collected()

    def head_collected(self) -> bool:
        """Whether the buffer holds a whole head (or as much of one as is read on the main loop)."""
        return HEAD_END in self._collected or len(self._collected) >= MAX_HEAD_BYTES

    def holds_collected(self) -> bool:
        """Whether bytes read on the main loop are still waiting for the parser (a pipelined request)."""
        return bool(self._collected)

    def setblocking(self, flag: bool) -> None:
        """Blocking means "until the head's deadline" (gthread sets it before every request head)."""
        self._head_deadline = time.monotonic() + self.head_timeout_s if flag else None
        if flag:
            self.settimeout(self.head_timeout_s)
        else:
            super().setblocking(False)

    def shutdown(self, how: int) -> None:
        """A head that timed out is closed at once: gunicorn's graceful close would linger on the main thread,
        reading whatever the slow client still trickles."""
        if self._expired:
            raise OSError("the request head timed out; closed without lingering")
        super().shutdown(how)

    def expire(self) -> None:
        """The head missed its deadline: close without lingering."""
        self._expired = True

    def start_io(self, timeout_s: float) -> None:
        """The head is in: no deadline now, only `timeout_s` per read or write."""
        self._head_deadline = None
        self.settimeout(timeout_s)

    def recv(self, size: int, flags: int = 0) -> bytes:
        """The collected head bytes first; then a read, within what is left of the head's deadline while the head is
        read."""
        if self._collected and not flags:
            data = bytes(self._collected[:size])
            del self._collected[:size]
            return data
        deadline = self._head_deadline
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0:
                self._expired = True
                raise TimeoutError("the request head took too long")
            self.settimeout(left)
        try:
            return super().recv(size, flags)
        except TimeoutError:
            self._expired = deadline is not None  # a head that did not arrive in time: closed without lingering
            raise
