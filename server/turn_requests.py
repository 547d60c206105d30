"""What a turn request asks for, from its validated model, for REST routes and Socket.IO handlers alike, and the
legacy history."""
from __future__ import annotations

import secrets

from flask import session

from avatars.store import AvatarNotFound, InvalidAvatarName
from jobs.pipeline import RenderOptions
from llm.base import ChatTurn, Message
from server.api.tts_choice import TtsChoice, choose_tts
from server.errors import BadRequest, NotFound
from server.schemas.chat import ChatRequest, HistoryKeyRequest
from server.schemas.lipsync import RenderFields
from server.services import Services

SESSION_COOKIE_KEY = "history_key"


def avatar_id(s: Services, body: RenderFields) -> str:
    """`avatar` + `resolution`, or `avatar_path` reduced to a name inside the avatar folder, or the default avatar."""
    try:
        if body.avatar_path and not body.avatar:
            return s.avatars.resolve_path(body.avatar_path)
        return s.avatars.resolve(body.avatar or s.config.DEFAULT_AVATAR,
                                 body.resolution or s.config.DEFAULT_RESOLUTION)
    except InvalidAvatarName as e:
        raise BadRequest(str(e)) from e
    except AvatarNotFound as e:
        raise NotFound(f"avatar not found: {e}") from e


def render_options(s: Services, body: RenderFields) -> tuple[RenderOptions, TtsChoice]:
    """Avatar, frame_skip, TTS engine and voice of a lipsync request, and how the engine was chosen."""
    choice = choose_tts(s.tts, body.tts_engine, body.tts_voice, "tts_engine", "tts_voice")
    return RenderOptions(avatar_id(s, body), body.frame_skip, choice.engine, choice.voice), choice


def history_key(body: HistoryKeyRequest) -> str:
    """The legacy history's key: the body's `session_id`, else a random id kept in the signed session cookie."""
    if body.session_id is not None:
        return body.session_id
    if SESSION_COOKIE_KEY not in session:
        session[SESSION_COOKIE_KEY] = secrets.token_hex(16)
    return session[SESSION_COOKIE_KEY]


def parse_turn(s: Services, body: ChatRequest) -> tuple[ChatTurn, str | None]:
    """The turn, and the legacy history key when the client sent no `history` (stateless otherwise)."""
    legacy_key = None if "history" in body.model_fields_set else history_key(body)
    past = s.histories.get(legacy_key) if legacy_key is not None else ()
    return body.turn(s.config, past), legacy_key


def remember(s: Services, legacy_key: str | None, turn: ChatTurn, reply: str) -> None:
    """Append the exchange to the legacy history (no-op in stateless mode)."""
    if legacy_key is not None:
        s.histories.append(legacy_key, Message("user", turn.message), Message("assistant", reply))
