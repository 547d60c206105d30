"""The interview's language and what it is tailored to (a résumé, a job posting) on a session.

Revision ID: 0005_session_tailoring
Revises: 0003_message_speaker
Create Date: 2026-12-06
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_session_tailoring"
down_revision = "0004_merge_heads"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add `sessions.language`, `sessions.resume_text` and `sessions.job_posting_text` (empty before)."""
    with op.batch_alter_table("sessions") as batch:
        batch.add_column(sa.Column("language", sa.String(2), nullable=True))
        batch.add_column(sa.Column("resume_text", sa.Text(), nullable=True))
        batch.add_column(sa.Column("job_posting_text", sa.Text(), nullable=True))


def downgrade() -> None:
    """Drop the three columns."""
    with op.batch_alter_table("sessions") as batch:
        batch.drop_column("job_posting_text")
        batch.drop_column("resume_text")
        batch.drop_column("language")
