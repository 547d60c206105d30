"""Which interviewer spoke each stored reply (a panel interview has several).

Revision ID: 0003_message_speaker
Revises: 0002_sessions
Create Date: 2026-12-03
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_message_speaker"
down_revision = "0002_sessions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add `messages.speaker` (empty for the replies stored before)."""
    with op.batch_alter_table("messages") as batch:
        batch.add_column(sa.Column("speaker", sa.String(100), nullable=True))


def downgrade() -> None:
    """Drop `messages.speaker`."""
    with op.batch_alter_table("messages") as batch:
        batch.drop_column("speaker")
