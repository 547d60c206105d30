"""What the fake chat servers (OpenAI-compatible, Ollama) share: misbehaviour modes and knobs."""
from __future__ import annotations

import threading
from enum import StrEnum
from typing import Any

from tests.fakes.base import DEFAULT_HOLD_S, Exchange, FakeHTTPServer


class Mode(StrEnum):
    """How a fake chat server misbehaves (tests may change `fake.mode` between requests)."""

    OK = "ok"
    ERROR = "error"  # an error object inside a 200 stream (nested shape on OpenAI-compatible servers)
    ERROR_FLAT = "error_flat"  # old vLLM's flat {"object": "error", ...} chunk (OpenAI-compatible only)
    HTTP_500 = "http_500"
    HANG = "hang"  # accept, then say nothing until hang_s (past the client's timeout)
    HTML = "html"  # a proxy/portal page with status 200
    EOF = "eof"  # the stream ends cleanly at the HTTP level but without finish/[DONE]/done
    GARBAGE = "garbage"  # the right content type, then a line that is not JSON
    ECHO_AUTH = "echo_auth"  # 401 whose error body echoes the request's Authorization header (a leaky proxy)


DEFAULT_REPLY = ("안녕하세요", ", ", "자기소개를", " 부탁드립니다", ".")
HTML_PAGE = b"<!doctype html><html><body><h1>Welcome to the proxy</h1></body></html>"
GARBAGE_LINE = b"<h1>502 Bad Gateway</h1>"


class FakeChatServer(FakeHTTPServer):
    """A chat server's knobs: served models, reply pieces, misbehaviour, pacing, stall and release."""

    CHAT_PATH = ""

    def __init__(
        self,
        *,
        models: tuple[str, ...] = ("fake-model",),
        reply: tuple[str, ...] = DEFAULT_REPLY,
        mode: Mode = Mode.OK,
        token_delay_s: float = 0.0,
        stall_after: int | None = None,
        error_after: int = 0,
        hang_s: float = DEFAULT_HOLD_S,
    ) -> None:
        super().__init__()
        self.models = models
        self.reply = reply
        self.mode = mode
        self.token_delay_s = token_delay_s
        self.stall_after = stall_after  # content pieces sent before waiting for `release` / hang-up
        self.error_after = error_after  # content pieces sent before an in-stream error
        self.hang_s = hang_s
        self.release = threading.Event()

    @property
    def chat_bodies(self) -> list[Any]:
        """JSON bodies of the chat requests received, oldest first."""
        return [r.json for r in self.requests_to(self.CHAT_PATH)]

    def misbehave(self, exchange: Exchange) -> bool:
        """Answer HANG and HTML modes (any path); True when handled."""
        if self.mode == Mode.HANG:
            exchange.hold(threading.Event(), self.hang_s)
            exchange.drop()
            return True
        if self.mode == Mode.HTML:
            exchange.send(200, "text/html; charset=utf-8", HTML_PAGE)
            return True
        return False
