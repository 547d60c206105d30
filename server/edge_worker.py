"""Gunicorn's gthread worker with an edge slow clients cannot hold: a request head must arrive within
EDGE_HEADER_TIMEOUT_S, a body or a response write may stall EDGE_IO_TIMEOUT_S at most, and one address may keep
EDGE_MAX_CONNECTIONS_PER_ADDRESS connections open (429 beyond; a trusted proxy's connections are not counted).

gthread gives each connection reading its request a thread: 100 clients trickling a request head one byte at a
time used to take all SERVER_THREADS and lock everyone out (bench/slow_clients.py measures it). Here a request
head (a new connection's and each kept-alive one's next) is collected on the worker's main loop, which waits
on every socket at once, and only a whole head is handed to a thread: a connection still sending its head costs
a buffer and a file descriptor, never a thread, however many addresses the slow clients come from (gunicorn's
`worker_connections` bounds them all). Idle websockets are bounded by the per-address limit and by Engine.IO's
own ping timeout.
"""
from __future__ import annotations

import errno
import functools
import ipaddress
import selectors
import socket
import time
from collections import deque
from typing import Any

from gunicorn import util
from gunicorn.workers.gthread import TConn, ThreadWorker

from server.proxies import Network
from server.edge_socket import HeadTimedSocket

REFUSAL = (b"HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/json\r\nRetry-After: 5\r\n"
           b"Connection: close\r\nContent-Length: 72\r\n\r\n"
           b'{"success": false, "error": "too many open connections from your address"}')


class GuardedThreadWorker(ThreadWorker):
    """gthread with the head and I/O timeouts and the per-address connection limit (see the module docstring)."""

    head_timeout_s = 10.0
    io_timeout_s = 60.0
    per_address = 20
    trusted: tuple[Network, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._open: list[tuple[socket.socket, str]] = []  # this worker's connections and their peer addresses
        self._heads: deque[tuple[float, TConn]] = deque()  # connections collecting a head, by deadline

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
        self._open.append((sock, peer))
        self.nr_conns += 1
        self._collect_head(TConn(self.cfg, sock, address, listener.getsockname()))

    def on_client_socket_readable(self, conn: TConn, client: socket.socket) -> None:
        """A kept-alive connection's next request has begun: its head too is collected before a thread is taken."""
        self.poller.unregister(client)
        self.keepalived_conns.remove(conn)
        self._collect_head(conn)

    def finish_request(self, conn: TConn, fs: Any) -> None:
        """gthread's end of a request; a kept-alive connection whose next request was already read off the socket
        (pipelined behind a long head) would wait for bytes that never come: its head is collected at once."""
        super().finish_request(conn, fs)
        sock = conn.sock
        if isinstance(sock, HeadTimedSocket) and sock.holds_collected() and conn in self.keepalived_conns:
            self.on_client_socket_readable(conn, conn.sock)

    def murder_pending(self) -> None:
        """Close connections whose head missed its deadline (and gthread's expired pending ones)."""
        super().murder_pending()
        now = time.monotonic()
        while self._heads and self._heads[0][0] <= now:
            _, conn = self._heads.popleft()
            self._forget(conn)
            conn.sock.expire()
            self._close(conn)

    def _collect_head(self, conn: TConn) -> None:
        """Read the request head on the main loop; hand the connection to a thread once it is whole."""
        if self.cfg.is_ssl:  # the bytes are TLS records: only a thread's handshake can read the head
            self.enqueue_req(conn)
            return
        conn.sock.setblocking(False)
        self._heads.append((time.monotonic() + self.head_timeout_s, conn))
        self.poller.register(conn.sock, selectors.EVENT_READ, functools.partial(self._on_head_bytes, conn))
        self._on_head_bytes(conn, conn.sock)  # what arrived with the connection, without a loop turn

    def _on_head_bytes(self, conn: TConn, client: socket.socket) -> None:
        """More of a head arrived: a whole one goes to a thread, a closed connection is dropped."""
        whole = conn.sock.collect()
        if whole is False:
            return
        self._forget(conn)
        if whole is None:
            self._close(conn)
            return
        conn.data_ready = True  # gthread's thread then reads at once instead of waiting for data
        self.enqueue_req(conn)

    def handle_request(self, req: Any, conn: TConn) -> Any:
        """The head is in: the body, the response and a websocket get the longer I/O timeout."""
        conn.sock.start_io(self.io_timeout_s)
        return super().handle_request(req, conn)

    def _close(self, conn: TConn) -> None:
        """Close a connection no thread holds (gthread's count of open connections goes down with it)."""
        self.nr_conns -= 1
        util.close(conn.sock)

    def _forget(self, conn: TConn) -> None:
        """Stop collecting `conn`'s head (whole, expired or closed)."""
        self._heads = deque(entry for entry in self._heads if entry[1] is not conn)
        try:
            self.poller.unregister(conn.sock)
        except (KeyError, ValueError, OSError):
            pass  # never registered or already closed

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
