"""A real HTTP server on 127.0.0.1 (random port) in a thread, recording what it receives.

Subclasses implement `handle(exchange)`; the Exchange writes plain, JSON and chunked (streamed)
responses and notices when the client hangs up.
"""
from __future__ import annotations

import json
import socket
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self

DISCONNECT_POLL_S = 0.05  # s, granularity of the hang-up watch
SERVE_POLL_S = 0.02  # s, how fast shutdown() is noticed
DEFAULT_HOLD_S = 30.0  # s, the longest a stalled or hanging reply waits (ended early on stop)


@dataclass(frozen=True)
class RecordedRequest:
    """One request the fake received."""

    method: str
    path: str
    headers: dict[str, str]  # names lower-cased
    json: Any  # the decoded body, or None
    client_port: int  # the client's TCP port: equal ports mean a reused (keep-alive) connection
    raw: bytes = b""  # the undecoded body (multipart uploads)


class Exchange:
    """The response side of one request, with the writing helpers the fakes need."""

    def __init__(self, handler: BaseHTTPRequestHandler, request: RecordedRequest, fake: FakeHTTPServer) -> None:
        self.request = request
        self._handler = handler
        self._fake = fake

    def send(self, status: int, content_type: str, body: bytes) -> None:
        """A complete response with Content-Length."""
        h = self._handler
        h.send_response(status)
        h.send_header("Content-Type", content_type)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)

    def send_json(self, status: int, obj: Any) -> None:
        """A complete JSON response."""
        self.send(status, "application/json", json.dumps(obj, ensure_ascii=False).encode())

    def start_chunked(self, content_type: str) -> None:
        """Status 200 and headers of a streamed (chunked) response."""
        h = self._handler
        h.send_response(200)
        h.send_header("Content-Type", content_type)
        h.send_header("Transfer-Encoding", "chunked")
        h.end_headers()
        h.wfile.flush()

    def write_chunk(self, data: bytes) -> bool:
        """Send one HTTP chunk; False when the client has gone."""
        try:
            self._handler.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
            self._handler.wfile.flush()
        except OSError:
            self._fake.note_disconnect()
            return False
        return True

    def end_chunked(self) -> None:
        """The terminating zero-length chunk (a clean end of body)."""
        self.write_chunk(b"")

    def hold(self, release: threading.Event, limit_s: float = DEFAULT_HOLD_S) -> bool:
        """Wait until `release`, a client hang-up, the fake's stop or `limit_s`; True if released."""
        sock: socket.socket = self._handler.connection
        deadline = time.monotonic() + limit_s
        while time.monotonic() < deadline and not self._fake.stopping.is_set():
            if release.is_set():
                return True
            sock.settimeout(DISCONNECT_POLL_S)
            try:
                if sock.recv(1, socket.MSG_PEEK) == b"":
                    self._fake.note_disconnect()
                    return False
            except TimeoutError:
                continue
            except OSError:
                self._fake.note_disconnect()
                return False
        return False

    def stream_frames(
        self, frames: list[bytes], delay_s: float, stall_at: int | None, release: threading.Event
    ) -> None:
        """Write `frames` as chunks `delay_s` apart; after `stall_at` frames wait for `release` or a hang-up."""
        for index, frame in enumerate(frames):
            if index == stall_at and not self.hold(release):
                return
            if delay_s:
                time.sleep(delay_s)
            if not self.write_chunk(frame):
                return
        self.end_chunked()

    def drop(self) -> None:
        """Close the connection without a (further) response."""
        self._handler.close_connection = True


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        """Silence the default stderr access log."""

    def _dispatch(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else None
        except ValueError:  # not JSON (or not even UTF-8: a multipart upload)
            body = None
        headers = {name.lower(): value for name, value in self.headers.items()}
        request = RecordedRequest(self.command, self.path, headers, body, self.client_address[1], raw)
        fake = self.server.fake
        fake.record(request)
        fake.handle(Exchange(self, request, fake))

    do_GET = do_POST = do_HEAD = _dispatch


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    fake: FakeHTTPServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client hanging up is expected here (cancel, timeouts); note it instead of printing a traceback."""
        self.fake.note_disconnect()


class FakeHTTPServer:
    """Context manager: serves `handle` on 127.0.0.1:<random port> until exit."""

    def __init__(self) -> None:
        self.requests: list[RecordedRequest] = []
        self.stopping = threading.Event()
        self.disconnected = threading.Event()  # a client hung up in the middle of a reply
        self.disconnected_at: float | None = None  # time.monotonic() of that hang-up
        self._lock = threading.Lock()
        self._httpd: _Server | None = None

    @property
    def url(self) -> str:
        """Root URL, e.g. http://127.0.0.1:40123."""
        assert self._httpd is not None, "use the fake as a context manager"
        return f"http://127.0.0.1:{self._httpd.server_port}"

    def record(self, request: RecordedRequest) -> None:
        """Keep a received request."""
        with self._lock:
            self.requests.append(request)

    def requests_to(self, path: str) -> list[RecordedRequest]:
        """The received requests whose path is `path`."""
        with self._lock:
            return [r for r in self.requests if r.path == path]

    def note_disconnect(self) -> None:
        """Mark that a client hung up mid-reply."""
        if not self.disconnected.is_set():
            self.disconnected_at = time.monotonic()
            self.disconnected.set()

    def handle(self, exchange: Exchange) -> None:
        """Answer one request (subclasses)."""
        raise NotImplementedError

    def __enter__(self) -> Self:
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.fake = self
        serve = threading.Thread(target=self._httpd.serve_forever, args=(SERVE_POLL_S,), name="fake-http", daemon=True)
        serve.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()
        assert self._httpd is not None
        self._httpd.shutdown()
        self._httpd.server_close()


def refused_url() -> str:
    """http://127.0.0.1:<port> where nothing listens (connections are refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"
