"""Retried answers (issue 23's "다시 답하기"): a new answer to one question of a stored interview, with its score."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from store.base import Base
from store.models.sessions import SESSION_ID_LENGTH


class CoachRetry(Base):
    """One retry of one question; the interview's own answer stays as it was."""

    __tablename__ = "coach_retries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"), index=True)
    question_index: Mapped[int] = mapped_column(Integer)  # 1-based, as in the report
    answer: Mapped[str] = mapped_column(Text)
    score: Mapped[int] = mapped_column(Integer)
    previous_score: Mapped[int] = mapped_column(Integer)  # the interview answer's score when the retry was made
    grade: Mapped[str] = mapped_column(String(1))
    scores: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
