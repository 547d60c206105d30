"""Request validation at the edge: every field checked once, errors name the field and the allowed values.

Unknown fields are ignored (clients of the seed API may send more than we read).
"""
from __future__ import annotations

from typing import Any

from flask import request

from avatars.format import RESOLUTIONS
from avatars.store import AvatarNotFound, AvatarStore, InvalidAvatarName
from llm.base import DEFAULT_ORG_TYPE, ChatTurn, InterviewContext, Message
from server.config import Config
from server.errors import BadRequest, NotFound, PayloadTooLarge
from tts.base import NothingToSpeak
from tts.speaker import Speaker
from tts.text import speakable

MAX_FRAME_SKIP = 10
MAX_INTERVIEW_QUESTIONS = 20
MAX_NAME_CHARS = 100  # org/company/job names and voice names
SEED_DEFAULT_VOICE = "Custom"


def json_body() -> dict[str, Any]:
    """The request's JSON object, or 400 for malformed JSON / a non-object body."""
    body = request.get_json(silent=True)
    if body is None:
        if not request.get_data(cache=True):
            return {}
        raise BadRequest("request body must be valid JSON")
    if not isinstance(body, dict):
        raise BadRequest("request body must be a JSON object")
    return body


def required_text(body: dict[str, Any], field: str, config: Config) -> str:
    """A non-empty string no longer than MAX_TEXT_CHARS."""
    value = body.get(field)
    if value is None or (isinstance(value, str) and not value.strip()):
        raise BadRequest(f"'{field}' is required (a non-empty string)")
    if not isinstance(value, str):
        raise BadRequest(f"'{field}' must be a string")
    if len(value) > config.MAX_TEXT_CHARS:
        raise PayloadTooLarge(f"'{field}' is {len(value)} characters; the limit is {config.MAX_TEXT_CHARS}")
    return value.strip()


def speakable_text(body: dict[str, Any], field: str, config: Config) -> str:
    """A required text that holds something to say (only emoji, symbols or a link: 400, not an engine error)."""
    text = required_text(body, field, config)
    if not speakable(text):
        raise BadRequest(f"'{field}' has nothing to speak: {NothingToSpeak.public_message}")
    return text


def optional_name(body: dict[str, Any], field: str, default: str | None = None) -> str | None:
    """An optional short string (empty → default)."""
    value = body.get(field)
    if value is None or value == "":
        return default
    if not isinstance(value, str):
        raise BadRequest(f"'{field}' must be a string")
    if len(value) > MAX_NAME_CHARS:
        raise BadRequest(f"'{field}' is longer than {MAX_NAME_CHARS} characters")
    return value.strip() or default


def history(body: dict[str, Any], config: Config) -> tuple[Message, ...] | None:
    """The stateless `history` (None when absent); only the last MAX_HISTORY_TURNS turns are kept."""
    value = body.get("history")
    if value is None:
        return None
    if not isinstance(value, list):
        raise BadRequest("'history' must be an array of {role, content} objects")
    messages = []
    for i, entry in enumerate(value):
        if not isinstance(entry, dict) or entry.get("role") not in ("user", "assistant"):
            raise BadRequest(f"history[{i}] must be an object with role 'user' or 'assistant'")
        content = entry.get("content")
        if not isinstance(content, str):
            raise BadRequest(f"history[{i}].content must be a string")
        if len(content) > config.MAX_TEXT_CHARS:
            raise PayloadTooLarge(f"history[{i}].content is over the {config.MAX_TEXT_CHARS}-character limit")
        messages.append(Message(entry["role"], content))
    return tuple(messages[-2 * config.MAX_HISTORY_TURNS:])


def interview_context(body: dict[str, Any], config: Config) -> InterviewContext:
    """org_type (default 일반기업), company_name, job_name and total_questions (an extension)."""
    total = body.get("total_questions", config.INTERVIEW_QUESTIONS)
    if isinstance(total, bool) or not isinstance(total, int) or not 1 <= total <= MAX_INTERVIEW_QUESTIONS:
        raise BadRequest(f"'total_questions' must be an integer from 1 to {MAX_INTERVIEW_QUESTIONS}")
    return InterviewContext(
        org_type=optional_name(body, "org_type", DEFAULT_ORG_TYPE) or DEFAULT_ORG_TYPE,
        company_name=optional_name(body, "company_name"),
        job_name=optional_name(body, "job_name"),
        total_questions=total,
    )


def chat_turn(body: dict[str, Any], config: Config, past: tuple[Message, ...] = ()) -> ChatTurn:
    """A ChatTurn from `message` + context, with `history` from the body or else `past`."""
    sent = history(body, config)
    return ChatTurn(
        message=required_text(body, "message", config),
        history=sent if sent is not None else past[-2 * config.MAX_HISTORY_TURNS:],
        context=interview_context(body, config),
        max_tokens=config.LLM_MAX_TOKENS,
        temperature=config.LLM_TEMPERATURE,
    )


def frame_skip(body: dict[str, Any]) -> int:
    """The seed's frame_skip: 1 (every frame) … MAX_FRAME_SKIP."""
    value = body.get("frame_skip", 1)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_FRAME_SKIP:
        raise BadRequest(f"'frame_skip' must be an integer from 1 to {MAX_FRAME_SKIP}")
    return value


def resolution(body: dict[str, Any], config: Config) -> str:
    """One of the supported resolutions."""
    value = body.get("resolution") or config.DEFAULT_RESOLUTION
    if value not in RESOLUTIONS:
        raise BadRequest(f"'resolution' must be one of {', '.join(RESOLUTIONS)}; got {value!r}")
    return value


def avatar_id(body: dict[str, Any], config: Config, store: AvatarStore) -> str:
    """`avatar` + `resolution`, or `avatar_path` confined to the avatar folder, or the default avatar."""
    res = resolution(body, config)
    try:
        if body.get("avatar_path") and not body.get("avatar"):
            path = body["avatar_path"]
            if not isinstance(path, str):
                raise BadRequest("'avatar_path' must be a string")
            return store.resolve_path(path)
        name = optional_name(body, "avatar", config.DEFAULT_AVATAR)
        return store.resolve(name or config.DEFAULT_AVATAR, res)
    except InvalidAvatarName as e:
        raise BadRequest(str(e)) from e
    except AvatarNotFound as e:
        raise NotFound(f"avatar not found: {e}") from e


def tts_choice(body: dict[str, Any], engine_field: str, voice_field: str, speaker: Speaker) -> tuple[str, str | None]:
    """(engine, voice). A seed engine name that is not configured here is served by the default engine;
    a catalogue voice of another configured engine selects that engine when none was asked for."""
    requested = optional_name(body, engine_field)
    voice = optional_name(body, voice_field)
    if requested is not None and requested not in speaker.engines:
        if requested not in KNOWN_SEED_ENGINES:
            raise BadRequest(f"'{engine_field}' must be one of {', '.join(speaker.names())}; got {requested!r}")
        requested = None  # e.g. the seed's default "elevenlabs" on a server without ElevenLabs
    engine = requested or (speaker.engine_for_voice(voice) if voice else None) or speaker.default_engine
    voices = speaker.engines[engine].voices()
    if voice == SEED_DEFAULT_VOICE and voice not in voices:
        voice = None  # the seed's default voice name = this engine's default voice
    if voice is not None and voice not in voices:
        raise BadRequest(f"'{voice_field}' must be one of {', '.join(voices)}; got {voice!r}")
    return engine, voice


# Engine names a seed client may send although this server is not configured for them: served by the default engine.
KNOWN_SEED_ENGINES = frozenset({"elevenlabs", "gpt_sovits", "espeak"})
