"""Retried answers of the interview coach (issue 23): one row per retry of one question of a stored interview.

Revision ID: 0201_coach_retries
Revises: 0005_session_tailoring
Create Date: 2026-12-06
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0201_coach_retries"
# the sessions line's newest head (0005 from wip5-interviewer); the table refers to sessions
down_revision = "0005_session_tailoring"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create `coach_retries`."""
    op.create_table(
        "coach_retries",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("session_id", sa.String(36), sa.ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False),
        sa.Column("question_index", sa.Integer, nullable=False),
        sa.Column("answer", sa.Text, nullable=False),
        sa.Column("score", sa.Integer, nullable=False),
        sa.Column("previous_score", sa.Integer, nullable=False),
        sa.Column("grade", sa.String(1), nullable=False),
        sa.Column("scores", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_coach_retries_session_id", "coach_retries", ["session_id"])


def downgrade() -> None:
    """Drop `coach_retries`."""
    op.drop_index("ix_coach_retries_session_id", table_name="coach_retries")
    op.drop_table("coach_retries")
