"""Retrying one question of an interview ("다시 답하기"): the new answer judged like the first, beside its score."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from coach.blind import applies as blind_applies
from coach.interview import asked_questions
from coach.metrics import AnswerInput, answer_metrics
from coach.report import interview_language
from coach.rules import Judgement, judge
from llm.base import InterviewContext, Message


class NoSuchQuestion(LookupError):
    """The interview has no question with that index."""


def judge_retry(history: Sequence[Message], context: InterviewContext, question_index: int, answer: str,
                given: AnswerInput | None = None, language: str | None = None) -> tuple[Judgement, Judgement]:
    """(the interview answer's judgement, the new answer's judgement) of question `question_index` (1-based)."""
    language = interview_language(history, language)
    questions = asked_questions(history, context)
    if not 1 <= question_index <= len(questions):
        raise NoSuchQuestion(f"the interview asked {len(questions)} question(s); there is no question {question_index}")
    question = questions[question_index - 1]
    blind = blind_applies(context.org_type, None)
    old_metrics = answer_metrics(question.answer, None, language) if question.answer else None
    old = judge(question, old_metrics, context.job_name, language, blind)
    new = judge(replace(question, answer=answer), answer_metrics(answer, given, language), context.job_name,
                language, blind)
    return old, new
