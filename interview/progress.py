"""Where an interview stands after a reply, read from the history the way the interviewer prompts read it.

A question is any interviewer line that asks something (`llm.prompts.is_question`), so follow-ups count too,
as they do for the prompt's stage. Once `total_questions` were asked before this reply, the interview is
closing: the reply may still ask (whether the candidate has questions), and the first reply that asks
nothing ends the interview (the scripted interviewer's closing, and every line after it).
"""
from __future__ import annotations

from dataclasses import dataclass

from llm.base import ChatTurn
from llm.prompts import DEFAULT_TOTAL_QUESTIONS, count_questions, is_question


@dataclass(frozen=True)
class InterviewProgress:
    """The `done` event's progress fields of a chat turn."""

    question_index: int  # questions asked so far, this reply included (at most total_questions)
    total_questions: int
    finished: bool  # the interview is over

    def as_fields(self) -> dict[str, int | bool]:
        """The fields as the JSON edge sends them."""
        return {"question_index": self.question_index, "total_questions": self.total_questions,
                "finished": self.finished}


def interview_progress(turn: ChatTurn, reply: str) -> InterviewProgress:
    """Progress after `reply` to `turn` (its history and context: total_questions, else the default)."""
    total = turn.context.total_questions or DEFAULT_TOTAL_QUESTIONS
    asked_before = count_questions(turn.history)
    asks = is_question(reply)
    if asked_before >= total:
        return InterviewProgress(total, total, finished=not asks)
    return InterviewProgress(min(asked_before + asks, total), total, finished=False)
