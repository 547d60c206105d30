"""How far an interview is: main questions asked (follow-ups, re-asks and repeats of the policy don't count, so
`total_questions` means main questions for every engine, a remote LLM's own questions counting as main), and the
`done` event's progress after a reply. Once `total_questions` were asked before a reply, the interview is closing:
the reply may still ask (whether the candidate has questions), and the first reply that asks nothing ends it; a
closing line before that (after a question announced as the last) ends it too.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from interview.history import asked_sentence, asks_main, is_closing
from interview.lines import LINES
from interview.state import main_questions_in
from interview.topics import candidate_pool
from llm.base import ChatTurn, InterviewContext
from llm.prompts import DEFAULT_TOTAL_QUESTIONS, is_question


def asked_main_questions(lines: Sequence[str], context: InterviewContext) -> int:
    """Main questions among the interviewer's `lines`, each counted once."""
    language = context.language if context.language in LINES else "ko"
    pool, said = candidate_pool(context), LINES[language]
    seen: set[str] = set()
    count = 0
    for text in lines:
        mains = [q for q in main_questions_in(text, pool, language) if q.id not in seen]
        if mains:
            seen.update(q.id for q in mains)
            count += 1
        elif asks_main(text, language, said) and not main_questions_in(text, pool, language):
            asked = asked_sentence(text)  # a main question of another engine's own wording, as the policy reads it
            count += asked not in seen
            seen.add(asked)
    return count


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
    said = [m.content for m in turn.history if m.role == "assistant"]
    asked_before = asked_main_questions(said, turn.context)
    asks = asked_main_questions([*said, reply], turn.context) > asked_before
    if asked_before >= total:
        return InterviewProgress(total, total, finished=not is_question(reply))
    language = turn.context.language if turn.context.language in LINES else "ko"
    if is_closing(reply, language, LINES[language]):  # closed early, after a question announced as the last
        return InterviewProgress(asked_before, total, finished=True)
    return InterviewProgress(min(asked_before + asks, total), total, finished=False)
