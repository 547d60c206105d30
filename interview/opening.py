"""What a chat turn opens with: the conversation before it, from one of three sources — a stored session, a client's
legacy-mode conversation, or the request's own `history` (stateless) — and where the turn will be kept.

Which source a request names, and whether its caller may use it, is the web edge's to check (server/conversation.py).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from interview.casting import replies_in
from interview.exchange import Conversation
from interview.history_cut import HistoryCut
from llm.base import Message
from store.sessions import SessionRecord, SessionStore


@dataclass(frozen=True)
class Earlier:
    """The conversation before a turn: the messages the interviewer reads (cut), where the turn is kept, and how many
    interviewer replies came before (a panel takes its turns by them)."""

    past: tuple[Message, ...]
    keep: Conversation
    replies: int


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
