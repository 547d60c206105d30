"""One interviewer turn: build the prompt, stream the engine's reply, report what was sent (`llm_params`)."""
from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from llm.base import ChatEngine, ChatTurn, LLMError, Prompt
from llm.prompts import build_prompt


@dataclass(frozen=True)
class ChatResult:
    """A finished reply with the seed's `llm_source` and `llm_params`."""

    response: str
    llm_source: str
    llm_params: dict[str, Any]
    elapsed_s: float


class ChatStream:
    """Iterate to receive tokens; `result` is set once the reply is complete."""

    def __init__(self, engine: ChatEngine, turn: ChatTurn, cancel: threading.Event) -> None:
        self._engine = engine
        self._turn = turn
        self._cancel = cancel
        self.prompt: Prompt = build_prompt(turn)
        self.result: ChatResult | None = None

    def __iter__(self) -> Iterator[str]:
        started = time.monotonic()
        pieces: list[str] = []
        stream = self._engine.stream(self._turn, self.prompt, self._cancel)
        try:
            for piece in stream:
                if piece:
                    pieces.append(piece)
                    yield piece
        finally:
            close = getattr(stream, "close", None)
            if close is not None:
                close()  # closes the engine's HTTP stream when the consumer stops early
        response = "".join(pieces).strip()
        if not response and not self._cancel.is_set():
            raise LLMError(f"{self._engine.source} returned an empty reply")
        self.result = ChatResult(
            response=response,
            llm_source=getattr(stream, "source", None) or self._engine.source,
            llm_params=self.llm_params(getattr(stream, "model", None) or self._engine.model),
            elapsed_s=round(time.monotonic() - started, 3),
        )

    def llm_params(self, model: str) -> dict[str, Any]:
        """The seed's `llm_params` object for this turn."""
        context = self._turn.context
        return {
            "model": model,
            "max_tokens": self._turn.max_tokens,
            "temperature": self._turn.temperature,
            "system_prompt": self.prompt.system_prompt,
            "history_count": len(self._turn.history),
            "org_type": context.org_type,
            "job_name": context.job_name,
            "company_name": context.company_name,
            "question_set_rag_enabled": self.prompt.question_set_rag_enabled,
        }

    def collect(self) -> ChatResult:
        """Run the stream to its end and return the result."""
        for _ in self:
            pass
        assert self.result is not None
        return self.result
