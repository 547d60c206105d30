"""Which conversation a chat request continues — a stored session (`session_id`), the client's legacy-mode
conversation (no `history`), or none (stateless `history`) — whether its caller may, and the turn opened from it
(the conversation before it and who speaks are `interview/`'s rules: `exchange.py`, `casting.py`).

A legacy client is its identity (server.identity): its API key, else the signed cookie's anonymous id, else (curl,
`requests.post`) its address. A browser's first request has no cookie yet, so its exchange is kept under the
address and the cookie remembers that key; the next request with the cookie takes the conversation over.
A stored session belongs to the identity that created it; one created without a cookie or key belongs to nobody
and is reachable by its id alone (the chatbot seed's clients know only the id). Another identity gets 404.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from flask import session

from interview.casting import Casting
from interview.exchange import Conversation, HistoryCut, in_legacy, in_request, in_session
from llm.base import ChatTurn
from server.turn_requests import body_persona, cast, casting_view, with_panel_speaker
from runtime.config import Config
from runtime.errors import BadRequest, NotFound
from server.identity import current_identity
from runtime.services import Services
from server.schemas.chat import ChatRequest, GenerationFields
from store.sessions import SessionRecord


SESSION_NOT_FOUND = "Session not found"  # the chatbot-backend seed's message
ADOPT_COOKIE_KEY = "client_from"  # the address key whose conversation this cookie's client takes over


class SessionNotFound(NotFound):
    """An unknown, expired or malformed session id (404 with the seed's message)."""

    def __init__(self) -> None:
        super().__init__(SESSION_NOT_FOUND)


def client_id() -> str:
    """Who owns this request's sessions: its API key, else its browser (the signed cookie's anonymous id)."""
    return current_identity().owner


def new_session_owner() -> str | None:
    """The owner of a session this request creates: None for a client without cookie or key (reachable by id)."""
    identity = current_identity()
    return None if identity.cookieless else identity.owner


def legacy_key(s: Services) -> str:
    """The legacy conversation's key for this request (see the module docstring)."""
    identity = current_identity()
    if identity.cookieless:
        session[ADOPT_COOKIE_KEY] = identity.owner
        return identity.owner
    adopted = session.pop(ADOPT_COOKIE_KEY, None)
    if isinstance(adopted, str):
        s.sessions.adopt_legacy(adopted, identity.owner)
    return identity.owner


def live_session(s: Services, session_id: str, touch: bool = True) -> SessionRecord:
    """The stored session when this caller may use it, else 404 (a malformed id never reaches the database)."""
    record = s.sessions.get(session_id, touch)
    if record is None or (record.owner is not None and record.owner != current_identity().owner):
        raise SessionNotFound()
    return record


@dataclass(frozen=True)
class OpenedTurn:
    """A chat turn ready to run: the turn, where it is kept, the body with a session's settings filled in, and who
    speaks (decided once for the request)."""

    turn: ChatTurn
    conversation: Conversation
    body: ChatRequest
    casting: Casting


def open_turn(s: Services, body: ChatRequest) -> OpenedTurn:
    """The turn with its history, where to store it, the body with a session's interview settings, and who speaks."""
    cut = HistoryCut.of(s.config)
    if body.session_id is not None:
        record = live_session(s, body.session_id)
        stored = {k: v for k, v in record.interview.as_fields().items()
                  if k in type(body).model_fields and getattr(body, k) is None}
        body = body.model_copy(update={**stored, "history": None})  # the request's own settings win
        earlier = in_session(s.sessions, record, cut)
    elif "history" in body.model_fields_set:
        earlier = in_request((e.message() for e in body.history or ()), cut)
    else:
        earlier = in_legacy(s.sessions, legacy_key(s), cut)
    casting = cast(casting_view(body), earlier.replies)
    body = with_panel_speaker(body, casting)
    turn = dataclasses.replace(body.turn(s.config, earlier.past), persona=body_persona(casting_view(body), casting))
    return OpenedTurn(with_generation(turn, body, s.config), earlier.keep, body, casting)


def with_generation(turn: ChatTurn, fields: GenerationFields, config: Config) -> ChatTurn:
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
