"""Local servers for the coach: OpenAI-compatible transcriptions, and non-streamed structured chat (OpenAI + Ollama).

    with FakeTranscriptionServer(text="hello", words=[...]) as fake:
        OpenAISTTEngine(fake.url + "/v1", "whisper-1", None, 5).transcribe(samples)
    with FakeStructuredChatServer(content=json.dumps(assessment)) as fake:
        OpenAIJudge(fake.url + "/v1", "fake-model", None, 5) / OllamaJudge(fake.url, "fake-model", 5)
"""
from __future__ import annotations

from typing import Any

from tests.fakes.base import Exchange, FakeHTTPServer
from tests.fakes.chat import HTML_PAGE, Mode

CREATED = 1_700_000_000
TRANSCRIPTIONS_PATH = "/v1/audio/transcriptions"


def _error(status: int, message: str) -> dict[str, Any]:
    return {"error": {"message": message, "type": "InternalServerError", "param": None, "code": status}}


class FakeTranscriptionServer(FakeHTTPServer):
    """POST /v1/audio/transcriptions (multipart) answering OpenAI's verbose_json shape."""

    def __init__(self, text: str = "", words: list[dict[str, Any]] | None = None, language: str = "english",
                 mode: Mode = Mode.OK) -> None:
        super().__init__()
        self.text, self.words, self.language, self.mode = text, words or [], language, mode

    def form_field(self, name: str) -> bytes | None:
        """A multipart field's value from the last upload (the file part's bytes for `file`)."""
        raw = self.requests_to(TRANSCRIPTIONS_PATH)[-1].raw
        marker = f'name="{name}"'.encode()
        at = raw.find(marker)
        if at < 0:
            return None
        start = raw.index(b"\r\n\r\n", at) + 4
        return raw[start:raw.index(b"\r\n--", start)]

    def handle(self, exchange: Exchange) -> None:
        """Route one request."""
        if self.mode == Mode.HTTP_500:
            exchange.send_json(500, _error(500, "CUDA out of memory"))
        elif self.mode == Mode.HTML:
            exchange.send(200, "text/html; charset=utf-8", HTML_PAGE)
        elif exchange.request.path == TRANSCRIPTIONS_PATH and exchange.request.method == "POST":
            if b'name="file"' not in exchange.request.raw:
                exchange.send_json(400, _error(400, "file is required"))
                return
            exchange.send_json(200, {"task": "transcribe", "language": self.language, "duration": 2.5,
                                     "text": self.text, "words": self.words, "segments": []})
        else:
            exchange.send_json(404, _error(404, f"no route {exchange.request.path}"))


class FakeStructuredChatServer(FakeHTTPServer):
    """Non-streamed chat answering `content`: OpenAI's /v1/chat/completions and Ollama's /api/chat."""

    def __init__(self, content: str, mode: Mode = Mode.OK) -> None:
        super().__init__()
        self.content, self.mode = content, mode

    def bodies(self, path: str) -> list[Any]:
        """JSON bodies received at `path`."""
        return [r.json for r in self.requests_to(path)]

    def handle(self, exchange: Exchange) -> None:
        """Route one request."""
        path, body = exchange.request.path, exchange.request.json or {}
        if self.mode == Mode.HTTP_500:
            exchange.send_json(500, _error(500, "CUDA out of memory"))
        elif path == "/v1/chat/completions":
            message = {"role": "assistant", "content": self.content}
            exchange.send_json(200, {"id": "chatcmpl-fake", "object": "chat.completion", "created": CREATED,
                                     "model": body.get("model"), "choices": [{"index": 0, "message": message,
                                                                             "finish_reason": "stop"}],
                                     "usage": {"prompt_tokens": 100, "completion_tokens": 50, "total_tokens": 150}})
        elif path == "/api/chat":
            exchange.send_json(200, {"model": body.get("model"), "created_at": "2026-01-01T00:00:00Z",
                                     "message": {"role": "assistant", "content": self.content}, "done": True,
                                     "done_reason": "stop"})
        else:
            exchange.send_json(404, _error(404, f"no route {path}"))
