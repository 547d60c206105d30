"""Plumbing shared by the HTTP chat engines: retryable errors, status mapping, cancel that cuts the socket.

Why the socket is shut down rather than the response closed: closing an httpx2 response (or the
OpenAI SDK's `Stream.close()`) from another thread does not wake a read already blocked in `recv`;
the reader sleeps until its read timeout. `socket.shutdown(SHUT_RDWR)` wakes it at once and sends
FIN, so vLLM/Ollama see the disconnect and stop generating.
"""
from __future__ import annotations

import logging
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from llm.base import ChatTurn, LLMError, Prompt
from telemetry.redact import redact

log = logging.getLogger(__name__)

CANCEL_POLL_S = 0.05  # s, how often the watcher looks at the cancel event
STATUS_TIMEOUT_S = 2.0  # s, health probes and model lists
CONNECT_TIMEOUT_S = 5.0  # s, TCP connect (capped by the engine's own timeout)
DEFAULT_TOP_P = 0.9  # sent explicitly: Ollama's compat layer forces 1.0, vLLM takes generation_config
RETRYABLE_STATUS = frozenset({408, 429})  # plus every 5xx

MessageBuilder = Callable[[ChatTurn, Prompt], list[dict[str, str]]]


class LLMUnavailable(LLMError):
    """The engine could not answer (unreachable, timed out, 5xx, not an LLM stream); another may."""

    public_message = "the interviewer engine is unavailable"


class LLMStalled(LLMUnavailable):
    """The engine went silent in the middle of a reply (after its first tokens)."""

    public_message = "the interviewer engine stopped in the middle of its reply; the next turn uses the fallback"


class LLMBusy(LLMError):
    """Every remote LLM call slot is taken; `retry_after` is a whole number of seconds."""

    public_message = "the interviewer engine is busy, try again shortly"

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"all remote LLM call slots are in use (retry after {retry_after} s)")
        self.retry_after = retry_after


scrub_secrets = redact  # an upstream may echo our key in an error body: its detail is logged redacted


def is_retryable_status(status: int) -> bool:
    """True for HTTP statuses that mean "try elsewhere" (408, 429, 5xx) rather than "bad request"."""
    return status >= 500 or status in RETRYABLE_STATUS


def status_error(label: str, status: int, detail: str) -> LLMError:
    """The error for an HTTP error status: retryable (LLMUnavailable) or not (LLMError)."""
    message = f"{label} answered HTTP {status}: {detail}"
    return LLMUnavailable(message) if is_retryable_status(status) else LLMError(message)


def require_content_type(label: str, actual: str, expected: str, where: str) -> None:
    """A 200 whose body is not `expected` (a proxy's HTML page, say) means the engine is unavailable."""
    if not actual.startswith(expected):
        raise LLMUnavailable(f"{label} answered {actual or 'no content type'} instead of {expected} at {where}")


def probe_status(label: str, probe: Callable[[], Any]) -> str:
    """"online" when `probe()` answers, else "offline" (logged)."""
    try:
        probe()
    except LLMError as e:
        log.info("%s offline: %s", label, e)
        return "offline"
    return "online"


def _socket_of(response: Any) -> socket.socket | None:
    """The TCP socket under an httpx2 response (httpcore's documented `network_stream` extension)."""
    network_stream = response.extensions.get("network_stream")
    return network_stream.get_extra_info("socket") if network_stream is not None else None


def abort(response: Any) -> None:
    """Cut the response's connection now, waking a reader blocked in another thread."""
    sock = _socket_of(response)
    if sock is None:
        log.debug("no socket exposed; cancel waits for the next chunk")
        return
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        log.debug("socket already closed", exc_info=True)


@contextmanager
def abort_on_cancel(response: Any, cancel: threading.Event) -> Iterator[None]:
    """While the block runs, a watcher thread aborts `response` as soon as `cancel` is set."""
    finished = threading.Event()

    def watch() -> None:
        while not finished.is_set():
            if cancel.wait(CANCEL_POLL_S):
                if not finished.is_set():
                    abort(response)
                return

    threading.Thread(target=watch, name="llm-cancel-watch", daemon=True).start()
    try:
        yield
    finally:
        finished.set()  # the watcher ends within one poll; not joined so the reply is not delayed
