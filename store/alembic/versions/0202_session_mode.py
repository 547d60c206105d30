"""The interview's mode on a session: study (hints) or real (no hints, time limits).

Revision ID: 0202_session_mode
Revises: 0201_coach_retries
Create Date: 2026-12-06
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0202_session_mode"
down_revision = "0201_coach_retries"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add `sessions.interview_mode` (empty before: neither mode asked for)."""
    with op.batch_alter_table("sessions") as batch:
        batch.add_column(sa.Column("interview_mode", sa.String(8), nullable=True))


def downgrade() -> None:
    """Drop `sessions.interview_mode`."""
    with op.batch_alter_table("sessions") as batch:
        batch.drop_column("interview_mode")
