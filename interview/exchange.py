"""A turn's conversation: what came before it (`Earlier`, cut once for the interviewer by `HistoryCut`) and where its
exchange is kept, with the one function that keeps it — a stored session, a legacy client's conversation, or nowhere
(a stateless `history` request).

The web edge decides which (it checks the session's owner when the request arrives); whoever finishes the turn
keeps it — the pipeline after its last stage, on a web process or a worker alike — so a client that dropped its
stream does not lose the record.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from interview.progress import interview_progress
from llm.base import ChatTurn, Message, Role
from settings import CoreSettings
from store.sessions import SessionRecord, SessionStore, TurnRecord

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Conversation:
    """Where one turn's exchange is kept: a session id, a legacy key, or neither (stateless)."""

    session_id: str | None = None
    legacy_key: str | None = None


@dataclass(frozen=True)
class HistoryCut:
    """The newest `max_turns` turns (a message and its reply each) go to the LLM; of a stored conversation, the
    newest `max_stored_messages` are read first (0: as many as the turns hold)."""

    max_turns: int
    max_stored_messages: int = 0

    @classmethod
    def of(cls, settings: CoreSettings) -> HistoryCut:
        """The cut the operator configured (MAX_HISTORY_TURNS, MAX_CONTEXT_MESSAGES)."""
        return cls(settings.MAX_HISTORY_TURNS, settings.MAX_CONTEXT_MESSAGES)

    @property
    def stored_limit(self) -> int:
        """How many of a stored conversation's newest messages to read."""
        return self.max_stored_messages or 2 * self.max_turns

    def __call__(self, history: Iterable[Message]) -> tuple[Message, ...]:
        """The newest messages of `history` that the LLM is sent."""
        return tuple(history)[-2 * self.max_turns:]


@dataclass(frozen=True)
class Earlier:
    """The conversation before a turn: the messages the interviewer reads (cut), where the turn is kept, and how many
    interviewer replies came before (a panel takes its turns by them)."""

    past: tuple[Message, ...]
    keep: Conversation
    replies: int


def replies_in(history: Iterable[Message]) -> int:
    """Interviewer replies in a conversation (how many turns a panel has taken)."""
    return sum(1 for m in history if m.role == "assistant")


def in_session(sessions: SessionStore, record: SessionRecord, cut: HistoryCut) -> Earlier:
    """A stored session's newest messages; every stored turn is a message and its reply."""
    past = cut(sessions.history(record.id, cut.stored_limit))
    return Earlier(past, Conversation(session_id=record.id), record.message_count // 2)


def in_legacy(sessions: SessionStore, key: str, cut: HistoryCut) -> Earlier:
    """A legacy client's conversation (kept under its key)."""
    past = sessions.legacy_history(key, cut.stored_limit)
    return Earlier(cut(past), Conversation(legacy_key=key), replies_in(past))


def in_request(history: Iterable[Message], cut: HistoryCut) -> Earlier:
    """The request's own history; the turn is kept nowhere."""
    sent = tuple(history)
    return Earlier(cut(sent), Conversation(), replies_in(sent))


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
