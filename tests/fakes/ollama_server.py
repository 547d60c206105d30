"""A local Ollama speaking the native API: POST /api/chat (NDJSON), GET /api/tags, GET /api/version.

    with FakeOllamaServer(reply=("안녕", "하세요")) as fake:
        engine = OllamaChatEngine(fake.url, "fake-model", timeout_s=2, build_messages=...)
        fake.chat_bodies[-1]["options"]["num_predict"]
"""
from __future__ import annotations

import json
from typing import Any

from tests.fakes.base import Exchange
from tests.fakes.chat import GARBAGE_LINE, FakeChatServer, Mode

VERSION = "0.12.6"
CREATED_AT = "2026-01-01T00:00:00.000000Z"
NDJSON = "application/x-ndjson"


def _line(obj: dict[str, Any]) -> bytes:
    return json.dumps(obj, ensure_ascii=False).encode() + b"\n"


class FakeOllamaServer(FakeChatServer):
    """Ollama's native routes with the misbehaviours of `Mode` (ERROR = a mid-stream {"error"} line under 200)."""

    CHAT_PATH = "/api/chat"

    def handle(self, exchange: Exchange) -> None:
        """Route one request."""
        path, method = exchange.request.path, exchange.request.method
        if self.misbehave(exchange):
            return
        if self.mode == Mode.HTTP_500:
            exchange.send_json(500, {"error": "llama runner process has terminated: signal: killed"})
        elif path == "/" and method in ("GET", "HEAD"):
            exchange.send(200, "text/plain; charset=utf-8", b"Ollama is running")
        elif path == "/api/version":
            exchange.send_json(200, {"version": VERSION})
        elif path == "/api/tags":
            exchange.send_json(200, {"models": [self._tag(m) for m in self.models]})
        elif path == self.CHAT_PATH and method == "POST":
            self._chat(exchange)
        else:
            exchange.send(404, "text/plain", b"404 page not found")

    @staticmethod
    def _tag(name: str) -> dict[str, Any]:
        details = {"parent_model": "", "format": "gguf", "family": "qwen3", "families": ["qwen3"],
                   "parameter_size": "0.6B", "quantization_level": "Q4_K_M"}
        return {"name": name, "model": name, "modified_at": CREATED_AT, "size": 522_000_000,
                "digest": "0" * 64, "details": details}

    def _chat(self, exchange: Exchange) -> None:
        body = exchange.request.json
        if body is None:
            exchange.send_json(400, {"error": "missing request body"})
            return
        model = body.get("model")
        if model not in self.models:
            exchange.send_json(404, {"error": f"model '{model}' not found"})
            return
        pieces = list(self.reply)
        if self.mode == Mode.ERROR:
            pieces = pieces[: self.error_after]
        frames = [_line({"model": model, "created_at": CREATED_AT,
                         "message": {"role": "assistant", "content": p}, "done": False}) for p in pieces]
        if self.mode == Mode.GARBAGE:
            frames.append(GARBAGE_LINE + b"\n")
        elif self.mode == Mode.ERROR:
            frames.append(_line({"error": "an error was encountered while running the model: unexpected EOF"}))
        elif self.mode == Mode.OK:
            frames.append(_line({"model": model, "created_at": CREATED_AT,
                                 "message": {"role": "assistant", "content": ""}, "done": True,
                                 "done_reason": "stop", "total_duration": 912_000_000,
                                 "load_duration": 4_000_000, "prompt_eval_count": 26,
                                 "prompt_eval_duration": 80_000_000, "eval_count": len(pieces),
                                 "eval_duration": 800_000_000}))
        exchange.start_chunked(NDJSON)
        exchange.stream_frames(frames, self.token_delay_s, self.stall_after, self.release)
