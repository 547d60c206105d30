"""Characters: custom interviewer characters with their owner.

Revision ID: 0101_characters
Revises: 0001_foundation
Create Date: 2026-12-02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0101_characters"
down_revision = "0001_foundation"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """The characters table."""
    op.create_table(
        "characters",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("owner", sa.String(200), nullable=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("interview_style", sa.String(20), nullable=False),
        sa.Column("avatar", sa.String(64), nullable=False),
        sa.Column("voice_id", sa.String(64), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_characters")),
    )
    op.create_index(op.f("ix_characters_owner"), "characters", ["owner"])
    op.create_index(op.f("ix_characters_created_at"), "characters", ["created_at"])


def downgrade() -> None:
    """Drop the characters table."""
    op.drop_index(op.f("ix_characters_created_at"), table_name="characters")
    op.drop_index(op.f("ix_characters_owner"), table_name="characters")
    op.drop_table("characters")
