"""Sessions and messages (chat sessions, interviews, legacy-mode conversations).

Revision ID: 0002_sessions
Revises: 0001_foundation
Create Date: 2026-12-02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_sessions"
down_revision = "0001_foundation"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create `sessions` and `messages`."""
    op.create_table(
        "sessions",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_accessed", sa.DateTime(timezone=True), nullable=False),
        sa.Column("metadata", sa.JSON(), nullable=False),
        sa.Column("owner", sa.String(64), nullable=True),
        sa.Column("legacy_key", sa.String(64), nullable=True),
        sa.Column("org_type", sa.String(100), nullable=True),
        sa.Column("company_name", sa.String(100), nullable=True),
        sa.Column("job_name", sa.String(100), nullable=True),
        sa.Column("avatar", sa.String(64), nullable=True),
        sa.Column("resolution", sa.String(16), nullable=True),
        sa.Column("tts_engine", sa.String(100), nullable=True),
        sa.Column("tts_voice", sa.String(100), nullable=True),
        sa.Column("total_questions", sa.Integer(), nullable=True),
        sa.Column("question_index", sa.Integer(), nullable=False),
        sa.Column("finished", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sessions")),
        sa.UniqueConstraint("legacy_key", name=op.f("uq_sessions_legacy_key")),
    )
    op.create_index(op.f("ix_sessions_last_accessed"), "sessions", ["last_accessed"])
    op.create_index(op.f("ix_sessions_owner"), "sessions", ["owner"])
    op.create_table(
        "messages",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("session_id", sa.String(36), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("token_usage", sa.JSON(), nullable=True),
        sa.Column("llm_source", sa.String(200), nullable=True),
        sa.Column("timings", sa.JSON(), nullable=True),
        sa.Column("audio_url", sa.String(200), nullable=True),
        sa.Column("video_url", sa.String(200), nullable=True),
        sa.ForeignKeyConstraint(["session_id"], ["sessions.id"], name=op.f("fk_messages_session_id_sessions"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_messages")),
    )
    op.create_index("ix_messages_session_id_id", "messages", ["session_id", "id"])


def downgrade() -> None:
    """Drop both tables."""
    op.drop_table("messages")
    op.drop_table("sessions")
