"""Retried answers in the database: add one, list a session's (oldest first)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from store.database import Database
from store.models.coach_retries import CoachRetry

MAX_RETRIES_PER_SESSION = 200  # a session keeps at most this many (the oldest are dropped)


@dataclass(frozen=True)
class StoredRetry:
    """One retry as stored."""

    question_index: int
    answer: str
    score: int
    previous_score: int
    grade: str
    scores: dict[str, Any]
    created_at: datetime


class RetryStore:
    """The coach's retries of stored interviews."""

    def __init__(self, database: Database) -> None:
        self._db = database

    def add(self, session_id: str, retry: StoredRetry) -> None:
        """Store a retry (dropping the session's oldest beyond MAX_RETRIES_PER_SESSION)."""
        with self._db.write() as db:
            db.add(CoachRetry(session_id=session_id, **retry.__dict__))
            db.flush()
            ids = db.scalars(select(CoachRetry.id).where(CoachRetry.session_id == session_id)
                             .order_by(CoachRetry.id.desc()).offset(MAX_RETRIES_PER_SESSION)).all()
            for row_id in ids:
                db.delete(db.get(CoachRetry, row_id))

    def of_session(self, session_id: str) -> list[StoredRetry]:
        """The session's retries, oldest first."""
        with self._db.read() as db:
            rows = db.scalars(select(CoachRetry).where(CoachRetry.session_id == session_id)
                              .order_by(CoachRetry.id)).all()
            return [StoredRetry(r.question_index, r.answer, r.score, r.previous_score, r.grade, dict(r.scores),
                                _aware(r.created_at)) for r in rows]


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)
