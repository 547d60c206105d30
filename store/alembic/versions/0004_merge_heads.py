"""Merge the three parallel branches (sessions, API keys, characters) into one head.

`alembic upgrade head` (singular) fails while several heads exist; after this revision an operator's command works.
A new revision builds on this one (`down_revision = "0004_merge_heads"`) unless it is itself a merge.

Revision ID: 0004_merge_heads
Revises: 0003_message_speaker, 0101_api_keys, 0101_characters
Create Date: 2026-12-06
"""
from __future__ import annotations

revision = "0004_merge_heads"
down_revision = ("0003_message_speaker", "0101_api_keys", "0101_characters")
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing to change: the merge only joins the history."""


def downgrade() -> None:
    """Nothing to change: downgrading splits the history into its three branches again."""
