"""A local OpenAI-compatible server speaking vLLM's or OpenAI/Ollama-compat's exact streaming shapes.

    with FakeOpenAIServer(style=Style.VLLM, reply=("안녕", "하세요")) as fake:
        engine = OpenAIChatEngine(fake.base_url, "fake-model", None, timeout_s=2, build_messages=...)
        fake.chat_bodies[-1]["max_tokens"]
"""
from __future__ import annotations

import json
from enum import StrEnum
from typing import Any

from tests.fakes.base import Exchange
from tests.fakes.chat import GARBAGE_LINE, FakeChatServer, Mode

CREATED = 1_700_000_000  # s, one `created` for the whole stream, as servers do


class Style(StrEnum):
    """Which server's chunk sequence to imitate."""

    VLLM = "vllm"  # role chunk with "", finish_reason on the last content chunk
    OPENAI = "openai"  # first chunk carries role and content, then a separate empty-delta finish chunk


def _sse(obj: Any) -> bytes:
    return b"data: " + json.dumps(obj, ensure_ascii=False).encode() + b"\n\n"


def _chunk(model: str, delta: dict[str, Any], finish_reason: str | None = None, **extra: Any) -> dict[str, Any]:
    choice = {"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish_reason, **extra}
    return {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": CREATED, "model": model,
            "choices": [choice]}


def _error(status: int, kind: str, message: str) -> dict[str, Any]:
    return {"error": {"message": message, "type": kind, "param": None, "code": status}}


class FakeOpenAIServer(FakeChatServer):
    """POST /v1/chat/completions (stream) and GET /v1/models, with the misbehaviours of `Mode`."""

    CHAT_PATH = "/v1/chat/completions"

    def __init__(self, *, style: Style = Style.VLLM, **knobs: Any) -> None:
        super().__init__(**knobs)
        self.style = style

    @property
    def base_url(self) -> str:
        """The SDK's base URL, ending in /v1."""
        return self.url + "/v1"

    def handle(self, exchange: Exchange) -> None:
        """Route one request."""
        path = exchange.request.path
        if self.misbehave(exchange):
            return
        if self.mode == Mode.HTTP_500:
            exchange.send_json(500, _error(500, "InternalServerError", "CUDA out of memory"))
        elif self.mode == Mode.ECHO_AUTH:
            echoed = exchange.request.headers.get("authorization", "")
            exchange.send_json(401, _error(401, "AuthenticationError",
                                           f"invalid credentials at http://10.0.0.7:8002/v1 (sent {echoed!r})"))
        elif path == "/v1/models" and exchange.request.method == "GET":
            data = [{"id": m, "object": "model", "created": CREATED, "owned_by": "vllm"} for m in self.models]
            exchange.send_json(200, {"object": "list", "data": data or None})  # Ollama sends null when empty
        elif path == self.CHAT_PATH and exchange.request.method == "POST":
            self._chat(exchange)
        else:
            exchange.send_json(404, _error(404, "NotFoundError", f"no route {path}"))

    def _chat(self, exchange: Exchange) -> None:
        body = exchange.request.json or {}
        model = body.get("model")
        if model not in self.models:
            exchange.send_json(404, _error(404, "NotFoundError", f"The model `{model}` does not exist."))
            return
        frames, lead = self._frames(model, bool((body.get("stream_options") or {}).get("include_usage")))
        exchange.start_chunked("text/event-stream; charset=utf-8")
        stall_at = None if self.stall_after is None else lead + self.stall_after
        exchange.stream_frames(frames, self.token_delay_s, stall_at, self.release)

    def _frames(self, model: str, include_usage: bool) -> tuple[list[bytes], int]:
        """The SSE events of one reply and how many of them precede the first content piece."""
        pieces = list(self.reply)
        if self.mode in (Mode.ERROR, Mode.ERROR_FLAT):
            pieces = pieces[: self.error_after]
        if self.style == Style.VLLM:
            frames = [_chunk(model, {"role": "assistant", "content": ""})]
            frames += [_chunk(model, {"content": p}) for p in pieces]
            if self.mode == Mode.OK and pieces:
                frames[-1] = _chunk(model, {"content": pieces[-1]}, "stop", stop_reason=None)
            lead = 1
        else:
            first = pieces[0] if pieces else ""
            frames = [_chunk(model, {"role": "assistant", "content": first})]
            frames += [_chunk(model, {"content": p}) for p in pieces[1:]]
            if self.mode == Mode.OK:
                frames.append(_chunk(model, {}, "stop"))
            lead = 0
        if self.mode == Mode.ERROR:
            frames.append({"error": {"message": "prompt is too long", "type": "BadRequestError", "param": None,
                                     "code": 400}})
        elif self.mode == Mode.ERROR_FLAT:
            frames.append({"object": "error", "message": "prompt is too long", "type": "BadRequestError",
                           "param": None, "code": 400})
        if self.mode == Mode.EOF:
            return [_sse(f) for f in frames], lead
        if self.mode == Mode.GARBAGE:
            return [_sse(frames[0]), b"data: " + GARBAGE_LINE + b"\n\n"], lead
        if include_usage and self.mode == Mode.OK:
            n = len(pieces)
            frames.append({"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": CREATED,
                           "model": model, "choices": [],
                           "usage": {"prompt_tokens": 12, "completion_tokens": n, "total_tokens": 12 + n}})
        return [_sse(f) for f in frames] + [b"data: [DONE]\n\n"], lead
