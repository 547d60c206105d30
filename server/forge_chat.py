"""The avatar-forge seed's chat body on `POST /api/chat`: `messages` in, `{success, data: {content, usage, ...}}` out.

The realtime seed's body (`message`) is untouched; chat.py hands a body here only when it has `messages`
and no `message`. Persona, scenario, character, panel and director cues go into the interviewer's
prompt; `model` must be one the engine lists; `temperature` and `max_tokens` are bounded by the config.
"""
from __future__ import annotations

import threading
import uuid
from typing import Annotated, Any, Literal

from flask import jsonify
from flask.typing import ResponseReturnValue
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from characters.model import Character
from llm.base import ChatTurn, LLMError, Message
from llm.chat import ChatStream
from interview.engines import TRIMS_OWN_CONTEXT
from interview.exchange import HistoryCut, replies_in
from llm.summary import MESSAGE_OVERHEAD_TOKENS, estimate_tokens, history_tokens, split_point
from server.api.edge import parse, validate
from runtime.turn_requests import body_persona, cast
from runtime.engine_errors import api_error
from runtime.errors import BadRequest, PayloadTooLarge
from server.media_room import write_speech
from server.schemas.chat import InterviewFields
from runtime.services import Services
from server.services import caller
from tts.base import TTSError
from tts.voices import UnknownVoice

Cue = Annotated[str, StringConstraints(max_length=2000)]


class ForgeChatRequest(BaseModel):
    """The avatar-forge seed's ChatRequest (director mode included); unknown fields are ignored."""

    model_config = ConfigDict(extra="ignore")

    messages: Annotated[list[Message], Field(min_length=1)]  # the one message model, validated as it is
    persona: Cue | None = None
    character_id: str | None = None
    session_id: Annotated[str, StringConstraints(max_length=100)] | None = None
    director_note: str | None = None
    current_speaker: str | None = None
    temperature: Annotated[float, Field(ge=0.0, le=2.0)] | None = None
    max_tokens: Annotated[int, Field(ge=1)] | None = None
    model: Annotated[str, StringConstraints(min_length=1, max_length=200)] | None = None
    tts_enabled: bool = True
    tts_mode: Literal["realtime", "delayed", "on_click"] = "realtime"
    tts_delay_ms: Annotated[int, Field(ge=0)] = 0
    tts_streaming_mode: Literal[0, 1, 2, 3] | None = None


def wants_forge_chat(body: dict[str, Any]) -> bool:
    """Whether a `/api/chat` body is the avatar-forge kind."""
    return "messages" in body and "message" not in body


def _turn(s: Services, request: ForgeChatRequest, body: dict[str, Any]) -> tuple[ChatTurn, Character | None]:
    """The chat turn (last message = the candidate's) and the speaking character."""
    *earlier, last = request.messages
    if last.role != "user":
        raise BadRequest("'messages': the last message must have role 'user'")
    limit = s.config.MAX_TEXT_CHARS
    for i, m in enumerate(request.messages):
        if len(m.content) > limit:
            raise PayloadTooLarge(f"'messages.{i}.content' is over the {limit}-character limit")
    if not last.content.strip():
        raise BadRequest("'messages': the last message is empty")
    if request.max_tokens is not None and request.max_tokens > s.config.LLM_MAX_TOKENS_LIMIT:
        raise BadRequest(f"'max_tokens' must be at most {s.config.LLM_MAX_TOKENS_LIMIT}")
    history = HistoryCut.of(s.config)(earlier)
    casting = cast(body, replies_in(history), caller())
    turn = ChatTurn(
        message=last.content.strip(), history=history, context=validate(InterviewFields, body).context(s.config),
        max_tokens=request.max_tokens or s.config.LLM_MAX_TOKENS,
        temperature=s.config.LLM_TEMPERATURE if request.temperature is None else request.temperature,
        persona=body_persona(body, casting, request.persona or ""), model=_model(s, request.model),
    )
    return turn, casting.speaker


def _model(s: Services, wanted: str | None) -> str | None:
    """`wanted` when the primary engine lists it (None keeps its default); a 400 listing the models otherwise."""
    primary = s.llm_chain.primary
    if wanted is None or wanted == primary.model:
        return None
    try:
        models = primary.list_models()
    except LLMError as e:
        raise api_error(e) from e
    if wanted not in models:
        raise BadRequest(f"'model' must be one of {', '.join(models)}; got {wanted!r}")
    return wanted


def _summarized(s: Services, turn: ChatTurn) -> bool:
    """Whether the engine gets a summary instead of the oldest turns (remote engines over the budget)."""
    engine = s.llm_chain.primary
    if engine.name == "scripted" or engine.name in TRIMS_OWN_CONTEXT:
        return False
    return history_tokens(turn.history) > s.config.LLM_CONTEXT_BUDGET_TOKENS and split_point(turn.history) > 0


def _audio_url(s: Services, text: str, voice_id: str, streaming_mode: int | None) -> str:
    """Speak the reply with the catalogue voice and return the WAV's URL."""
    try:
        voice = s.tts.catalogue.get(voice_id)
    except UnknownVoice as e:
        raise BadRequest(str(e)) from e
    engine = voice.engine if voice.engine in s.tts.engines else s.tts.default_engine
    options = {"streaming_mode": streaming_mode} if streaming_mode is not None and engine == "gpt_sovits" else {}
    spoken = s.tts.speak(text, engine, voice.voice_id if engine == voice.engine else None, threading.Event(), **options)
    audio = s.media.audio(f"{s.media.new_stem('chat')}.wav")
    write_speech(s, audio.path, spoken.clip, "wav")
    return audio.url


def forge_chat(s: Services, body: dict[str, Any]) -> ResponseReturnValue:
    """Answer an avatar-forge chat body in that seed's shape."""
    request = parse(ForgeChatRequest, body)
    turn, speaker = _turn(s, request, body)
    stream = ChatStream(s.llm, turn, threading.Event())
    try:
        result = stream.collect()
    except LLMError as e:
        raise api_error(e) from e
    # estimated: the engines stream without reporting usage (the summarizer's estimate, ~1 token per Hangul syllable)
    prompt_tokens = estimate_tokens(stream.prompt.system_prompt) + history_tokens(turn.history) + \
        estimate_tokens(turn.message) + 2 * MESSAGE_OVERHEAD_TOKENS
    data: dict[str, Any] = {
        "content": result.response,
        "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": estimate_tokens(result.response)},
        "session_id": request.session_id or str(uuid.uuid4()),
        "context_summarized": _summarized(s, turn),
        "character_id": speaker.id if speaker is not None else None, "model": result.llm_params["model"], "llm_source": result.llm_source,
    }
    if request.tts_enabled:
        try:
            data["audio_url"] = _audio_url(s, result.response, speaker.voice_id if speaker else "default",
                                           request.tts_streaming_mode)
        except TTSError as e:
            data["audio_url"], data["tts_error"] = None, f"TTS error: {e}"
    return jsonify(success=True, data=data)
