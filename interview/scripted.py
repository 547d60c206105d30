"""The embedded offline interviewer: the dialogue policy of interview/policy.py, streamed piece by piece."""
from __future__ import annotations

import re
import threading
from collections.abc import Iterator

from interview.policy import decide
from llm.base import ChatEngine, ChatTurn, Prompt
from llm.prompts import DEFAULT_TOTAL_QUESTIONS

# A streamed piece: a run of whitespace, or up to two visible characters with the spaces after them.
_PIECE = re.compile(r"\s+|\S{1,2}\s*")


def split_pieces(text: str) -> list[str]:
    """Small streaming pieces (syllable pairs with their trailing spaces) that join back to `text`."""
    return _PIECE.findall(text)


class ScriptedInterviewer(ChatEngine):
    """A stateless interviewer: opening, `total_questions` main questions with grounded follow-ups, the
    candidate's questions, and the closing, decided from the reading of each answer."""

    name = "scripted"
    model = "scripted-interviewer"

    def __init__(self, total_questions: int = DEFAULT_TOTAL_QUESTIONS, token_delay_s: float = 0.0) -> None:
        if total_questions < 1 or token_delay_s < 0:
            raise ValueError("total_questions must be >= 1 and token_delay_s >= 0")
        self.total_questions = total_questions
        self.token_delay_s = token_delay_s

    @property
    def source(self) -> str:
        """Human-readable source for llm_source."""
        return f"Scripted interviewer ({self.model})"

    def status(self) -> str:
        """Always "online": it runs in-process with no dependencies."""
        return "online"

    def stream(self, turn: ChatTurn, prompt: Prompt, cancel: threading.Event) -> Iterator[str]:
        """Yield the reply piece by piece, stopping as soon as `cancel` is set (the prompt is not needed)."""
        for i, piece in enumerate(split_pieces(self.reply(turn))):
            # the pause sits between pieces and ends early on cancel
            if cancel.is_set() or (i and self.token_delay_s and cancel.wait(self.token_delay_s)):
                return
            yield piece

    def reply(self, turn: ChatTurn) -> str:
        """The interviewer's whole reply to this turn."""
        return decide(turn, self.total_questions).text
