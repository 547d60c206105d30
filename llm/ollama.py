"""Chat engine for Ollama's native API: POST /api/chat (NDJSON stream), /api/tags, /api/version.

Transport: httpx2, the client the `openai` SDK already depends on (no extra package), whose
documented `network_stream` extension exposes the socket so cancel can cut a blocked read at once
(see llm.remote); `requests` hides the socket behind urllib3 internals.
"""
from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterator
from typing import Any

import httpx2

from llm.base import ChatEngine, ChatEntry, ChatTurn, LLMError, Prompt
from llm.remote import (
    CONNECT_TIMEOUT_S,
    DEFAULT_TOP_P,
    STATUS_TIMEOUT_S,
    LLMUnavailable,
    MessageBuilder,
    abort_on_cancel,
    probe_status,
    require_content_type,
    status_error,
)
from settings.engine import EngineSettings

log = logging.getLogger(__name__)

CHAT_PATH = "/api/chat"
TAGS_PATH = "/api/tags"
VERSION_PATH = "/api/version"
NDJSON_CONTENT_TYPE = "application/x-ndjson"
JSON_CONTENT_TYPE = "application/json"


class OllamaChatEngine(ChatEngine):
    """Streams replies from Ollama's /api/chat with thinking off; every failure becomes an LLMError."""

    name = "ollama"

    def __init__(
        self,
        base_url: str,
        model: str,
        timeout_s: float,
        *,
        build_messages: MessageBuilder,
        label: str = "Ollama",
        top_p: float = DEFAULT_TOP_P,
    ) -> None:
        self.model = model
        self.base_url = base_url.strip().rstrip("/")
        self.timeout_s = timeout_s
        self._label = label
        self._top_p = top_p
        self._build_messages = build_messages
        self._client = httpx2.Client(
            base_url=self.base_url, timeout=httpx2.Timeout(timeout_s, connect=min(timeout_s, CONNECT_TIMEOUT_S))
        )

    @property
    def source(self) -> str:
        """E.g. "Ollama (qwen3:8b)"."""
        return f"{self._label} ({self.model})"

    def stream(self, turn: ChatTurn, prompt: Prompt, cancel: threading.Event) -> Iterator[str]:
        """Yield the reply's text pieces; return quietly on cancel; raise LLMError on any failure."""
        if cancel.is_set():
            return
        body = {
            "model": turn.model or self.model,
            "messages": self._build_messages(turn, prompt),
            "stream": True,
            "think": False,  # thinking models would otherwise spend the first seconds on hidden tokens
            "options": {"num_predict": turn.max_tokens, "temperature": turn.temperature, "top_p": self._top_p},
        }
        try:
            with self._client.stream("POST", CHAT_PATH, json=body) as response:
                self._check(response, NDJSON_CONTENT_TYPE)
                with abort_on_cancel(response, cancel):
                    yield from self._pieces(response.iter_lines(), cancel)
        except httpx2.HTTPError as e:
            if cancel.is_set():
                return
            raise self._translate(e) from e

    def _pieces(self, lines: Iterator[str], cancel: threading.Event) -> Iterator[str]:
        """message.content of each NDJSON line until done:true; an "error" line under HTTP 200 raises."""
        for line in lines:
            if cancel.is_set():
                return
            if not line.strip():
                continue
            try:
                event = json.loads(line)
            except json.JSONDecodeError as e:
                raise LLMError(f"{self.source} sent a line that is not JSON: {line[:80]!r}") from e
            if "error" in event:
                raise LLMError(f"{self.source} reported an error mid-stream: {event['error']}")
            piece = (event.get("message") or {}).get("content")
            if piece:
                yield piece
            if event.get("done"):
                log.debug("%s finished: %s", self.source, event.get("done_reason"))
                for _ in lines:  # only the body's end follows; reading it keeps the connection for reuse
                    pass
                return
        if not cancel.is_set():
            raise LLMError(f"{self.source} ended the stream without done (truncated reply)")

    def _check(self, response: httpx2.Response, content_type: str) -> None:
        """Raise for an HTTP error status or a body that is not `content_type` (e.g. a proxy's HTML page)."""
        if response.status_code != 200:
            response.read()
            raise status_error(self.source, response.status_code, _error_detail(response))
        require_content_type(self.source, response.headers.get("content-type", ""), content_type,
                             str(response.request.url))

    def _translate(self, e: httpx2.HTTPError) -> LLMError:
        """Map a transport error to a retryable LLMUnavailable."""
        if isinstance(e, httpx2.TimeoutException):
            return LLMUnavailable(f"{self.source} timed out after {self.timeout_s:g} s at {self.base_url}")
        return LLMUnavailable(f"{self.source} is unreachable at {self.base_url}: {e}")

    def _get_json(self, path: str) -> Any:
        """GET a JSON document with the short probe timeout."""
        try:
            response = self._client.get(path, timeout=min(self.timeout_s, STATUS_TIMEOUT_S))
            self._check(response, JSON_CONTENT_TYPE)
            return response.json()
        except httpx2.HTTPError as e:
            raise self._translate(e) from e
        except json.JSONDecodeError as e:
            raise LLMError(f"{self.source} sent invalid JSON at {path}") from e

    def status(self) -> str:
        """"online" when GET /api/version answers within a short timeout, else "offline"."""
        return probe_status(self.source, lambda: self._get_json(VERSION_PATH))

    def list_models(self) -> list[str]:
        """Names of the locally available models (GET /api/tags)."""
        return [m["name"] for m in self._get_json(TAGS_PATH).get("models") or []]


def _error_detail(response: httpx2.Response) -> str:
    """Ollama's {"error": "..."} message, or the start of the body."""
    try:
        return str(response.json()["error"])
    except (json.JSONDecodeError, KeyError, TypeError):
        return response.text[:200] or response.reason_phrase


class OllamaSettings(EngineSettings):
    """Ollama's native API (LLM_ENGINE=ollama; LLM_MODEL names the model; REPORT_ENGINE=ollama uses it too)"""

    OLLAMA_BASE_URL: str = "http://127.0.0.1:11434"
    """base URL of the Ollama server"""


def build(config: Any) -> OllamaChatEngine:
    """The engine on OLLAMA_BASE_URL with the interviewer's prompt."""
    from llm.prompts import build_messages

    return OllamaChatEngine(config.OLLAMA_BASE_URL, config.LLM_MODEL, config.LLM_TIMEOUT_S,
                            build_messages=build_messages)


ENTRY = ChatEntry(build, OllamaSettings, requires=("LLM_MODEL",))
