"""Gunicorn's gthread worker with an edge slow clients cannot hold: a request head must arrive within
EDGE_HEADER_TIMEOUT_S, a body or a response write may stall EDGE_IO_TIMEOUT_S at most, and one address may keep
EDGE_MAX_CONNECTIONS_PER_ADDRESS connections open (429 beyond; a trusted proxy's connections are not counted).

gthread gives each connection reading its request a thread: 100 clients trickling a request head one byte at a
time used to take all SERVER_THREADS and lock everyone out (bench/slow_clients.py measures it). Idle
websockets are bounded by the per-address limit and by Engine.IO's own ping timeout.
"""
from __future__ import annotations

import errno
import functools
import ipaddress
import socket
import time
from typing import Any

from gunicorn.workers.gthread import TConn, ThreadWorker

from server.client_address import Network

REFUSAL = (b"HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/json\r\nRetry-After: 5\r\n"
           b"Connection: close\r\nContent-Length: 72\r\n\r\n"
           b'{"success": false, "error": "too many open connections from your address"}')


class HeadTimedSocket(socket.socket):
    """A client socket on which a whole request head must arrive within `head_timeout_s` (a trickle of one byte at
    a time does not reset the clock), then reads and writes stall `start_io`'s timeout at most."""

    head_timeout_s = 10.0

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
        if getattr(self, "_expired", False):
            raise OSError("the request head timed out; closed without lingering")
        super().shutdown(how)

    def start_io(self, timeout_s: float) -> None:
        """The head is in: no deadline now, only `timeout_s` per read or write."""
        self._head_deadline = None
        self.settimeout(timeout_s)

    def recv(self, size: int, flags: int = 0) -> bytes:
        """A read, within what is left of the head's deadline while the head is read."""
        deadline = getattr(self, "_head_deadline", None)
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


class GuardedThreadWorker(ThreadWorker):
    """gthread with the head and I/O timeouts and the per-address connection limit (see the module docstring)."""

    head_timeout_s = 10.0
    io_timeout_s = 60.0
    per_address = 20
    trusted: tuple[Network, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._open: list[tuple[socket.socket, str]] = []  # this worker's connections and their peer addresses

    def accept(self, listener: socket.socket) -> None:
        """Accept one connection: refused at once past the address's limit, else served with the timeouts."""
        try:
            client, address = listener.accept()
        except OSError as e:
            if e.errno not in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):
                raise
            return
        peer = address[0] if isinstance(address, tuple) else "local"
        self._open = [(s, a) for s, a in self._open if s.fileno() != -1]  # closed ones no longer count
        if not self._is_trusted(peer) and sum(a == peer for _, a in self._open) >= self.per_address:
            try:
                client.sendall(REFUSAL)
            except OSError:
                pass
            client.close()
            return
        sock = HeadTimedSocket(client.family, client.type, client.proto, fileno=client.detach())
        sock.head_timeout_s = self.head_timeout_s
        sock.setblocking(True)
        self._open.append((sock, peer))
        self.nr_conns += 1
        self.enqueue_req(TConn(self.cfg, sock, address, listener.getsockname()))

    def handle_request(self, req: Any, conn: TConn) -> Any:
        """The head is in: the body, the response and a websocket get the longer I/O timeout."""
        conn.sock.start_io(self.io_timeout_s)
        return super().handle_request(req, conn)

    def _is_trusted(self, peer: str) -> bool:
        try:
            ip = ipaddress.ip_address(peer)
        except ValueError:
            return False
        return any(ip in network for network in self.trusted)


@functools.cache  # one class per set of limits: gunicorn.conf.py and `serve` name the same one
def guarded_worker(head_timeout_s: float, io_timeout_s: float, per_address: int,
                   trusted: tuple[Network, ...]) -> type[GuardedThreadWorker]:
    """The worker class with these limits (gunicorn instantiates it in the worker process)."""
    return type("ConfiguredGuardedThreadWorker", (GuardedThreadWorker,),
                {"head_timeout_s": head_timeout_s, "io_timeout_s": io_timeout_s, "per_address": per_address,
                 "trusted": trusted, "__module__": __name__})
