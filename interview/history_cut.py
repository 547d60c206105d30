"""The one cut of the conversation sent to the interviewer: the newest turns only, whatever the history's source
(a request's `history` or `messages`, a stored session, a legacy client's conversation)."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from llm.base import Message
from settings import CoreSettings


@dataclass(frozen=True)
class HistoryCut:
    """The newest `max_turns` turns (a message and its reply each) go to the LLM; of a stored conversation, the
    newest `max_stored_messages` are read first (0: as many as the turns hold)."""

    max_turns: int
    max_stored_messages: int = 0

    @classmethod
    def of(cls, settings: CoreSettings) -> HistoryCut:
        """The cut the operator configured (MAX_HISTORY_TURNS, MAX_CONTEXT_MESSAGES)."""
        return cls(settings.MAX_HISTORY_TURNS, settings.MAX_CONTEXT_MESSAGES)

    @property
    def stored_limit(self) -> int:
        """How many of a stored conversation's newest messages to read."""
        return self.max_stored_messages or 2 * self.max_turns

    def __call__(self, history: Iterable[Message]) -> tuple[Message, ...]:
        """The newest messages of `history` that the LLM is sent."""
        return tuple(history)[-2 * self.max_turns:]
