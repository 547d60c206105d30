"""Chat engine for any OpenAI-compatible server (vLLM, OpenAI, llama.cpp server, Ollama /v1) via the SDK."""
from __future__ import annotations

import json
import logging
import threading
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit

import openai
from openai.types.chat import ChatCompletionChunk

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

log = logging.getLogger(__name__)

CHAT_PATH = "/chat/completions"
DEFAULT_PATH = "/v1"
DUMMY_API_KEY = "EMPTY"  # the SDK refuses to start without a key; vLLM/Ollama ignore it
SSE_CONTENT_TYPE = "text/event-stream"
JSON_CONTENT_TYPE = "application/json"


def normalize_base_url(api_url: str) -> str:
    """Accept the seed's full ".../v1/chat/completions" or a base URL; return the SDK's base (".../v1")."""
    url = api_url.strip().rstrip("/")
    if url.endswith(CHAT_PATH):
        url = url[: -len(CHAT_PATH)]
    if urlsplit(url).path in ("", "/"):
        url += DEFAULT_PATH
    return url


class OpenAIChatEngine(ChatEngine):
    """Streams replies from POST {base}/chat/completions; every failure becomes an LLMError."""

    name = "openai"

    def __init__(
        self,
        api_url: str,
        model: str,
        api_key: str | None,
        timeout_s: float,
        max_retries: int = 0,
        label: str = "LLM API",
        *,
        build_messages: MessageBuilder,
        top_p: float = DEFAULT_TOP_P,
    ) -> None:
        self.model = model
        self.base_url = normalize_base_url(api_url)
        self.timeout_s = timeout_s
        self._label = label
        self._top_p = top_p
        self._build_messages = build_messages
        self._client = openai.OpenAI(
            base_url=self.base_url,
            api_key=api_key or DUMMY_API_KEY,
            timeout=openai.Timeout(timeout_s, connect=min(timeout_s, CONNECT_TIMEOUT_S)),
            max_retries=max_retries,
        )

    @property
    def source(self) -> str:
        """E.g. "LLM API (vllm-qwen3-30b-a3b)" or "OpenAI (gpt-4o-mini)"."""
        return f"{self._label} ({self.model})"

    def stream(self, turn: ChatTurn, prompt: Prompt, cancel: threading.Event) -> Iterator[str]:
        """Yield the reply's text pieces; return quietly on cancel; raise LLMError on any failure."""
        if cancel.is_set():
            return
        try:
            chunks = self._client.chat.completions.create(
                model=turn.model or self.model,
                messages=self._build_messages(turn, prompt),  # type: ignore[arg-type]
                stream=True,
                stream_options={"include_usage": True},
                max_tokens=turn.max_tokens,
                temperature=turn.temperature,
                top_p=self._top_p,
            )
        except openai.OpenAIError as e:
            if cancel.is_set():
                return
            raise self._translate(e) from e
        with _closing(chunks), abort_on_cancel(chunks.response, cancel):
            self._check_content_type(chunks.response)
            try:
                yield from self._pieces(chunks, cancel)
            except openai.OpenAIError as e:
                if cancel.is_set():
                    return
                raise self._translate(e) from e
            except json.JSONDecodeError as e:
                raise LLMError(f"{self.source} sent an event that is not JSON: {e.doc[:80]!r}") from e

    def _pieces(self, chunks: openai.Stream[ChatCompletionChunk], cancel: threading.Event) -> Iterator[str]:
        """Content of each chunk until finish_reason; guards vLLM/Ollama shape differences."""
        for chunk in chunks:
            if cancel.is_set():
                return
            if not isinstance(chunk, ChatCompletionChunk):  # JSON, but not an object
                raise LLMError(f"{self.source} sent an event that is not a chat chunk: {chunk!r:.80}")
            if chunk.object == "error":  # old vLLM's flat ErrorResponse: the SDK passes it as a chunk
                extra = chunk.model_extra or {}
                raise LLMError(f"{self.source} reported an error: {extra.get('message', 'unknown error')}")
            if not chunk.choices:  # the usage chunk
                continue
            choice = chunk.choices[0]
            if choice.delta is not None and choice.delta.content:
                yield choice.delta.content
            if choice.finish_reason:
                log.debug("%s finished: %s", self.source, choice.finish_reason)
                return
        if not cancel.is_set():
            raise LLMError(f"{self.source} ended the stream without a finish_reason (truncated reply)")

    def _check_content_type(self, response: Any) -> None:
        """A 200 that is not an event stream (proxy or portal page) is an unavailable engine."""
        require_content_type(self.source, response.headers.get("content-type", ""), SSE_CONTENT_TYPE,
                             f"{self.base_url}{CHAT_PATH}")

    def _translate(self, e: openai.OpenAIError) -> LLMError:
        """Map an SDK error to LLMError (retryable ones to LLMUnavailable)."""
        if isinstance(e, openai.APITimeoutError):
            return LLMUnavailable(f"{self.source} timed out after {self.timeout_s:g} s at {self.base_url}")
        if isinstance(e, openai.APIConnectionError):
            return LLMUnavailable(f"{self.source} is unreachable at {self.base_url}: {e.__cause__ or e}")
        if isinstance(e, openai.APIStatusError):
            detail = e.message.removeprefix(f"Error code: {e.status_code} - ")
            return status_error(self.source, e.status_code, detail)
        if isinstance(e, openai.APIError):
            return LLMError(f"{self.source} reported an error mid-stream: {e.message}")
        return LLMError(f"{self.source} failed: {e}")

    def status(self) -> str:
        """"online" when GET {base}/models answers within a short timeout, else "offline"."""
        return probe_status(self.source, self.list_models)

    def list_models(self) -> list[str]:
        """Model ids served at {base}/models (an empty list when the server reports none)."""
        try:
            raw = self._quick_client().models.with_raw_response.list()
            # the SDK would hand back an HTML page as str
            require_content_type(self.source, raw.headers.get("content-type", ""), JSON_CONTENT_TYPE,
                                 f"{self.base_url}/models")
            page = raw.parse()
        except openai.OpenAIError as e:
            raise self._translate(e) from e
        return [model.id for model in page.data or []]

    def _quick_client(self) -> openai.OpenAI:
        """The same client with a short timeout and no retries, for probes."""
        return self._client.with_options(timeout=min(self.timeout_s, STATUS_TIMEOUT_S), max_retries=0)


@contextmanager
def _closing(chunks: openai.Stream[Any]) -> Iterator[None]:
    """Close the SDK stream and its generators when the block ends, however it ends."""
    try:
        yield
    finally:
        chunks.close()
        # Stream.close() closes only the response; its suspended generators would be finalized later by the
        # cyclic GC, at an arbitrary moment, where the SDK's cleanup code can raise (seen during an import).
        events = getattr(chunks, "_iterator", None)
        if isinstance(events, Generator):
            events.close()


def build(config: Any) -> OpenAIChatEngine:
    """The engine on LLM_API_URL (the remote-LLM keys are the server's: the report's judge reads them too)."""
    from llm.prompts import build_messages

    return OpenAIChatEngine(config.LLM_API_URL, config.LLM_MODEL, config.OPENAI_API_KEY or None,
                            config.LLM_TIMEOUT_S, build_messages=build_messages)


ENTRY = ChatEntry(build, needs=("LLM_API_URL",), requires=("LLM_MODEL",))
