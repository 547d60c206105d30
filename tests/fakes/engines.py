"""An in-process ChatEngine stand-in that answers fixed pieces or fails."""
from __future__ import annotations

import threading
from collections.abc import Iterator

from llm.base import ChatEngine, ChatTurn, LLMError, Prompt


class StubEngine(ChatEngine):
    """A ChatEngine that yields fixed pieces or raises a given error before its first piece."""

    name = "stub"

    def __init__(self, model: str, pieces: tuple[str, ...] = ("네", ", 좋습니다."), error: LLMError | None = None):
        self.model = model
        self.pieces = pieces
        self.error = error
        self.turns: list[tuple[ChatTurn, Prompt]] = []

    @property
    def source(self) -> str:
        """"Stub (<model>)"."""
        return f"Stub ({self.model})"

    def stream(self, turn: ChatTurn, prompt: Prompt, cancel: threading.Event) -> Iterator[str]:
        """Record the call, then fail or yield the pieces."""
        self.turns.append((turn, prompt))
        if self.error is not None:
            raise self.error
        yield from self.pieces

    def status(self) -> str:
        """"offline" when set to fail."""
        return "offline" if self.error else "online"
