"""Custom interviewer characters (presets are data files, never rows)."""
from __future__ import annotations

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from store.base import Base


class CharacterRow(Base):
    """One custom character: the avatar-forge seed's fields, its interview style, avatar, voice and owner."""

    __tablename__ = "characters"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    owner: Mapped[str | None] = mapped_column(String(200), index=True)
    name: Mapped[str] = mapped_column(String(100))
    interview_style: Mapped[str] = mapped_column(String(20))
    avatar: Mapped[str] = mapped_column(String(64))
    voice_id: Mapped[str] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(8))
    fields: Mapped[dict] = mapped_column(JSON)  # every other seed field (descriptions, lists), as the API shows it
    created_at: Mapped[str] = mapped_column(String(40), index=True)
    updated_at: Mapped[str] = mapped_column(String(40))
