"""What a turn request asks for, parsed for REST routes and Socket.IO handlers alike, and the legacy history."""
from __future__ import annotations

import secrets
from typing import Any

from flask import session

from jobs.spec import RenderOptions
from llm.base import ChatTurn, Message
from server.casting import with_character_defaults, with_persona
from server.services import Services
from server.validation import avatar_id, chat_turn, frame_skip, optional_name, tts_choice

SESSION_COOKIE_KEY = "history_key"


def render_options(s: Services, body: dict[str, Any]) -> RenderOptions:
    """Avatar, frame_skip, TTS engine and voice of a lipsync request (the interviewer's own when it names none)."""
    body = with_character_defaults(body)
    engine, voice = tts_choice(body, "tts_engine", "tts_voice", s.tts)
    return RenderOptions(avatar_id(body, s.config, s.avatars), frame_skip(body), engine, voice)


def history_key(body: dict[str, Any]) -> str:
    """The legacy history's key: the body's `session_id`, else a random id kept in the signed session cookie."""
    explicit = optional_name(body, "session_id")
    if explicit is not None:
        return explicit
    if SESSION_COOKIE_KEY not in session:
        session[SESSION_COOKIE_KEY] = secrets.token_hex(16)
    return session[SESSION_COOKIE_KEY]


def parse_turn(s: Services, body: dict[str, Any]) -> tuple[ChatTurn, str | None]:
    """The turn, and the legacy history key when the client sent no `history` (stateless otherwise)."""
    legacy_key = None if "history" in body else history_key(body)
    past = s.histories.get(legacy_key) if legacy_key is not None else ()
    return with_persona(chat_turn(body, s.config, past), body), legacy_key


def remember(s: Services, legacy_key: str | None, turn: ChatTurn, reply: str) -> None:
    """Append the exchange to the legacy history (no-op in stateless mode)."""
    if legacy_key is not None:
        s.histories.append(legacy_key, Message("user", turn.message), Message("assistant", reply))
