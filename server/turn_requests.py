"""What a turn request asks for, parsed for REST routes and Socket.IO handlers alike."""
from __future__ import annotations

from typing import Any

from jobs.spec import RenderOptions
from server.casting import with_character_defaults
from server.delivery import delivery
from server.services import Services
from server.validation import avatar_id, frame_skip, tts_choice


def render_options(s: Services, body: dict[str, Any]) -> RenderOptions:
    """Avatar, frame_skip, TTS engine and voice of a lipsync request (the interviewer's own when it names none)."""
    body = with_character_defaults(body)
    engine, voice = tts_choice(body, "tts_engine", "tts_voice", s.tts)
    return RenderOptions(avatar_id(body, s.config, s.avatars), frame_skip(body), engine, voice, delivery(body))
