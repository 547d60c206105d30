"""The questions an interview asked, each with its answer and the question bank's intent for it.

A question is an interviewer line that asks something (`llm.prompts.is_question`), as the progress counter
reads it; the closing invitation to ask the company something is not one. The answer is the candidate's
next message. The intent (kind: behavioural, technical, …; tags: what a relevant answer talks about) comes
from the bank question the line asked, found the way the scripted interviewer finds what it already asked.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from coach.text import sentences
from llm import question_bank
from llm.base import InterviewContext, Message
from llm.prompts import is_question
from llm.question_data import Question

# Words of a question that asks for an experience (what STAR structure suits), when the bank does not know it.
_EXPERIENCE = re.compile(r"경험|사례|했던|하셨던|있었던|experience|a time when|tell me about a time|example", re.I)


@dataclass(frozen=True)
class Intent:
    """What the question wants: its kind and the topics a relevant answer mentions."""

    kind: str  # behavioural | situational | technical | common | open
    tags: tuple[str, ...]
    question_id: str | None  # the bank question, when the line asked one
    asks: str  # the question itself: the bank's text, else the line's last sentence (no acknowledgement before it)

    @property
    def wants_story(self) -> bool:
        """Whether a situation → task → action → result answer is what the question asks for."""
        return self.kind in ("behavioural", "situational")


@dataclass(frozen=True)
class AskedQuestion:
    """One question with its answer (None when the interview ended before the candidate answered)."""

    index: int  # 1-based
    text: str
    answer: str | None
    answer_position: int | None  # index of the answer among the candidate's messages (to pair page metrics)
    intent: Intent


def asked_questions(history: Sequence[Message], context: InterviewContext) -> list[AskedQuestion]:
    """Every question of the history in order, with its answer and intent."""
    bank = _bank_questions(context)
    closing = _compact(question_bank.phrases(context).reverse_question)
    asked: list[AskedQuestion] = []
    user_position = -1
    pending: tuple[str, Intent] | None = None
    for message in history:
        if message.role == "user":
            user_position += 1
            if pending is not None:
                asked.append(AskedQuestion(len(asked) + 1, pending[0], message.content, user_position, pending[1]))
                pending = None
            continue
        if pending is not None:  # asked again before any answer: the earlier one went unanswered
            asked.append(AskedQuestion(len(asked) + 1, pending[0], None, None, pending[1]))
        pending = None
        if is_question(message.content) and closing not in _compact(message.content):
            pending = (message.content, intent_of(message.content, bank))
    if pending is not None:
        asked.append(AskedQuestion(len(asked) + 1, pending[0], None, None, pending[1]))
    return asked


def intent_of(line: str, bank: Sequence[Question]) -> Intent:
    """The intent of the bank question (or follow-up) `line` asked; guessed from its words otherwise."""
    for q in bank:
        follow_up = next((f for f in q.follow_ups if _compact(f) in _compact(line)), None)
        if follow_up or question_bank.asked_ids([q], [line]):
            return Intent(q.kind, q.tags, q.id, follow_up or q.text)
    last = sentences(line)[-1] if sentences(line) else line
    return Intent("behavioural" if _EXPERIENCE.search(line) else "open", (), None, last)


def job_tags(context: InterviewContext) -> tuple[str, ...]:
    """Every tag of the job's question set: the vocabulary of the job itself."""
    found = question_bank.question_set(context)
    return tuple(dict.fromkeys(t for q in found.questions for t in q.tags)) if found else ()


def _bank_questions(context: InterviewContext) -> list[Question]:
    common = question_bank.common_set(context)
    job = question_bank.question_set(context)
    return [common.self_introduction, common.motivation, *common.questions, *(job.questions if job else ())]


def _compact(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())
