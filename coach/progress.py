"""Progress across a candidate's stored interviews: each interview's overall and category scores, oldest first."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from pydantic import BaseModel

from coach.report import build_report
from coach.schema import CategoryScores, Grade
from llm.base import InterviewContext, Message


class InterviewProgress(BaseModel):
    """One stored interview's scores (the embedded judge; page metrics are not stored, so delivery is absent)."""

    session_id: str
    created_at: str
    company_name: str | None = None
    job_name: str | None = None
    language: str
    overall_score: int
    grade: Grade
    category_scores: CategoryScores | None
    asked: int
    answered: int
    retries: int = 0
    best_retry_gain: int = 0  # the largest score gain of a retry over the interview's own answer


def interview_progress(session_id: str, created_at: datetime, history: Iterable[Message], context: InterviewContext,
                       retry_gains: Iterable[int] = ()) -> InterviewProgress | None:
    """The interview's progress entry; None when it asked nothing yet."""
    report = build_report(tuple(history), context)
    if not report.questions:
        return None
    gains = list(retry_gains)
    return InterviewProgress(session_id=session_id, created_at=created_at.isoformat(),
                             company_name=context.company_name, job_name=context.job_name, language=report.language,
                             overall_score=report.overall_score, grade=report.grade,
                             category_scores=report.category_scores, asked=report.asked, answered=report.answered,
                             retries=len(gains), best_retry_gain=max(gains, default=0))
