"""Chat sessions (the chatbot-backend seed's) and their messages; an interview is a session with its settings."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from store.base import Base

SESSION_ID_LENGTH = 36  # a canonical UUID4 string


class ChatSession(Base):
    """One conversation: the seed's session row plus the interview it holds (all interview fields optional)."""

    __tablename__ = "sessions"

    id: Mapped[str] = mapped_column(String(SESSION_ID_LENGTH), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_accessed: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    meta: Mapped[dict[str, Any]] = mapped_column("metadata", JSON, default=dict)
    owner: Mapped[str | None] = mapped_column(String(64), index=True)  # the browser that created it (signed cookie)
    legacy_key: Mapped[str | None] = mapped_column(String(64), unique=True)  # set only for legacy-mode conversations
    org_type: Mapped[str | None] = mapped_column(String(100))
    company_name: Mapped[str | None] = mapped_column(String(100))
    job_name: Mapped[str | None] = mapped_column(String(100))
    avatar: Mapped[str | None] = mapped_column(String(64))
    resolution: Mapped[str | None] = mapped_column(String(16))
    tts_engine: Mapped[str | None] = mapped_column(String(100))
    tts_voice: Mapped[str | None] = mapped_column(String(100))
    total_questions: Mapped[int | None] = mapped_column(Integer)
    language: Mapped[str | None] = mapped_column(String(2))  # "ko" | "en"; None = Korean
    resume_text: Mapped[str | None] = mapped_column(Text)
    job_posting_text: Mapped[str | None] = mapped_column(Text)
    interview_mode: Mapped[str | None] = mapped_column(String(8))  # "study" | "real"; None = not said
    question_index: Mapped[int] = mapped_column(Integer, default=0)  # questions asked so far
    finished: Mapped[bool] = mapped_column(Boolean, default=False)
    messages: Mapped[list[ChatMessage]] = relationship(back_populates="session", cascade="all, delete-orphan",
                                                       passive_deletes=True, order_by="ChatMessage.id")


class ChatMessage(Base):
    """One message; an interviewer reply also carries where it came from, its timings and its media."""

    __tablename__ = "messages"
    __table_args__ = (Index("ix_messages_session_id_id", "session_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(16))
    content: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    token_usage: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    llm_source: Mapped[str | None] = mapped_column(String(200))
    timings: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    audio_url: Mapped[str | None] = mapped_column(String(200))
    video_url: Mapped[str | None] = mapped_column(String(200))
    speaker: Mapped[str | None] = mapped_column(String(100))  # the interviewer's name (a panel has several)
    session: Mapped[ChatSession] = relationship(back_populates="messages")
