"""Which conversation a chat request continues — a stored session (`session_id`), the client's legacy-mode
conversation (no `history`), or none (stateless `history`) — whether its caller may, and the turn opened from it
(the conversation before it and who speaks are `interview/`'s rules: `exchange.py`, `casting.py`).

A legacy client is its identity (server.identity): its API key, else the signed cookie's anonymous id, else (curl,
`requests.post`) its address; the web edge keeps a browser's first, cookie-less exchange under the address and
hands it over with the cookie (`Caller.legacy_key`). A stored session belongs to the identity that created it; one
created without a cookie or key belongs to nobody and is reachable by its id alone (the chatbot seed's clients know
only the id). Another identity gets 404.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from interview.casting import Casting
from interview.exchange import Conversation, HistoryCut, in_legacy, in_request, in_session
from llm.base import ChatTurn, Message
from runtime.config import Config
from runtime.errors import BadRequest, NotFound
from runtime.services import Services
from runtime.turn_requests import CastingBody, Caller, body_persona, cast, with_panel_speaker
from store.sessions import SessionRecord

SESSION_NOT_FOUND = "Session not found"  # the chatbot-backend seed's message


class SessionNotFound(NotFound):
    """An unknown, expired or malformed session id (404 with the seed's message)."""

    def __init__(self) -> None:
        super().__init__(SESSION_NOT_FOUND)


class HistoryEntry(Protocol):
    """One message of a stateless request's `history`."""

    def message(self) -> Message:
        """The entry as the LLM's message."""


class GenerationBody(Protocol):
    """The chatbot-backend seed's sampling fields of a validated body (server/schemas/chat.py)."""

    max_new_tokens: int | None
    temperature: float | None
    do_sample: bool | None


class ChatBody(CastingBody, GenerationBody, Protocol):
    """The fields of a validated chat body a turn is opened from (server/schemas/chat.py's ChatRequest)."""

    session_id: str | None
    history: Sequence[HistoryEntry] | None
    model_fields: dict[str, Any]
    model_fields_set: set[str]

    def turn(self, config: Config, past: tuple[Message, ...]) -> ChatTurn:
        """The ChatTurn after `past`."""


Chat = TypeVar("Chat", bound=ChatBody)


def live_session(s: Services, session_id: str, caller: Caller, touch: bool = True) -> SessionRecord:
    """The stored session when this caller may use it, else 404 (a malformed id never reaches the database)."""
    record = s.sessions.get(session_id, touch)
    if record is None or (record.owner is not None and record.owner != caller.owner):
        raise SessionNotFound()
    return record


@dataclass(frozen=True)
class OpenedTurn(Generic[Chat]):
    """A chat turn ready to run: the turn, where it is kept, the body with a session's settings filled in, and who
    speaks (decided once for the request)."""

    turn: ChatTurn
    conversation: Conversation
    body: Chat
    casting: Casting


def open_turn(s: Services, body: Chat, caller: Caller) -> OpenedTurn[Chat]:
    """The turn with its history, where to store it, the body with a session's interview settings, and who speaks."""
    cut = HistoryCut.of(s.config)
    if body.session_id is not None:
        record = live_session(s, body.session_id, caller)
        stored = {k: v for k, v in record.interview.as_fields().items()
                  if k in type(body).model_fields and getattr(body, k) is None}
        body = body.model_copy(update={**stored, "history": None})  # the request's own settings win
        earlier = in_session(s.sessions, record, cut)
    elif "history" in body.model_fields_set:
        earlier = in_request(_messages(body.history or ()), cut)
    else:
        earlier = in_legacy(s.sessions, caller.legacy_key(), cut)
    casting = cast(body.model_dump(exclude_none=True), earlier.replies, caller)
    body = with_panel_speaker(body, casting)
    turn = dataclasses.replace(body.turn(s.config, earlier.past),
                               persona=body_persona(body.model_dump(exclude_none=True), casting))
    return OpenedTurn(with_generation(turn, body, s.config), earlier.keep, body, casting)


def _messages(history: Iterable[HistoryEntry]) -> Iterable[Message]:
    """A stateless history as the LLM's messages."""
    return (e.message() for e in history)


def with_generation(turn: ChatTurn, fields: GenerationBody, config: Config) -> ChatTurn:
    """The request's max_new_tokens / temperature / do_sample within the configured bounds."""
    max_tokens, temperature = turn.max_tokens, turn.temperature
    if fields.max_new_tokens is not None:
        if fields.max_new_tokens > config.LLM_MAX_TOKENS_LIMIT:
            raise BadRequest(f"'max_new_tokens' must be an integer from 1 to {config.LLM_MAX_TOKENS_LIMIT}")
        max_tokens = fields.max_new_tokens
    if fields.temperature is not None:
        if fields.temperature > config.LLM_TEMPERATURE_LIMIT:
            raise BadRequest(f"'temperature' must be a number from 0 to {config.LLM_TEMPERATURE_LIMIT:g}")
        temperature = float(fields.temperature)
    if fields.do_sample is False:
        temperature = 0.0  # greedy decoding, as do_sample=false means for the seed's LLM server
    return dataclasses.replace(turn, max_tokens=max_tokens, temperature=temperature)
