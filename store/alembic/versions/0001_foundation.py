"""Foundation: the empty schema every table revision branches from.

Revision ID: 0001_foundation
Revises:
Create Date: 2026-12-02
"""
from __future__ import annotations

revision = "0001_foundation"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing yet: table revisions set `down_revision = "0001_foundation"` (or the head they build on)."""


def downgrade() -> None:
    """Nothing to undo."""
