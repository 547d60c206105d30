"""Where a turn's exchange is kept and the one function that keeps it: a stored session, a legacy client's
conversation, or nowhere (a stateless `history` request).

The web edge decides where (it checks the session's owner when the request arrives); whoever finishes the turn
keeps it — the pipeline after its last stage, on a web process or a worker alike — so a client that dropped its
stream does not lose the record.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from interview.progress import interview_progress
from llm.base import ChatTurn, Role
from store.sessions import SessionStore, TurnRecord

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Conversation:
    """Where one turn's exchange is kept: a session id, a legacy key, or neither (stateless)."""

    session_id: str | None = None
    legacy_key: str | None = None


@dataclass(frozen=True)
class StoredReply:
    """The chatbot-backend seed's fields of a kept reply (the session ones only when it went into a session)."""

    content: str
    session_id: str | None = None
    message_id: int | None = None
    role: Role | None = None
    created_at: str | None = None  # ISO 8601
    token_usage: dict[str, Any] | None = None


@dataclass(frozen=True)
class Reply:
    """The interviewer's reply to keep, with what was measured and made for it."""

    text: str
    llm_source: str
    timings: dict[str, Any]
    audio_url: str | None = None
    video_url: str | None = None
    token_usage: dict[str, Any] | None = None


def keep_exchange(sessions: SessionStore, where: Conversation, turn: ChatTurn, reply: Reply) -> StoredReply:
    """Keep the candidate's message and the reply (with the interview's place) where the request said."""
    progress = interview_progress(turn, reply.text)
    speaker = turn.persona.name if turn.persona is not None and turn.persona.name else None
    record = TurnRecord(turn.message, reply.text, reply.llm_source, reply.timings, reply.audio_url, reply.video_url,
                        reply.token_usage, progress.question_index, progress.finished, speaker)
    if where.legacy_key is not None:
        sessions.add_legacy_turn(where.legacy_key, record)
    if where.session_id is None:
        return StoredReply(content=reply.text)
    stored = sessions.add_turn(where.session_id, record)
    if stored is None:
        log.info("a session was deleted during its turn; the reply was not stored")
        return StoredReply(content=reply.text)
    message = stored[1]
    return StoredReply(content=reply.text, session_id=message.session_id, message_id=message.id, role=message.role,
                       created_at=message.created_at.isoformat(), token_usage=message.token_usage)
