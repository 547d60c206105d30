"""Speech only: the seed's `/api/v2/tts`, the sibling seed's `/api/tts` + `/api/tts/voices`, and the engine list."""
from __future__ import annotations

import threading
import time
from datetime import datetime, timezone
from typing import Any

from flask import Blueprint, Response, jsonify
from flask.typing import ResponseReturnValue

from pipeline.media import MediaStore
from server.api.edge import operation
from runtime.engine_errors import api_error
from runtime.errors import BadRequest
from runtime.turn_requests import choose_tts
from server.media_room import write_speech
from server.schemas.tts import (
    TtsEnginesResponse,
    TtsRequest,
    TtsResponse,
    VoicesResponse,
    VoiceTtsRequest,
    VoiceTtsResponse,
)
from server.services import services
from tts.audio_formats import MEDIA_TYPES, encode
from tts.base import TTSError
from tts.speaker import Spoken
from tts.voices import UnknownVoice, voices_response

bp = Blueprint("tts", __name__)


def speak(text: str, engine: str, voice: str | None, **options: Any) -> Spoken:
    """Speak through the app's Speaker; an engine failure is a 503."""
    try:
        return services().tts.speak(text, engine, voice, threading.Event(), **options)
    except TTSError as e:
        raise api_error(e) from e


@bp.post("/api/v2/tts")
@operation(TtsResponse, body=TtsRequest, errors=(503,), tag="tts")
def synthesize(body: TtsRequest) -> ResponseReturnValue:
    """Speak `text` with `engine`/`voice` and return the WAV's URL."""
    s = services()
    choice = choose_tts(s.tts, body.engine, body.voice)
    started = time.monotonic()
    spoken = speak(body.text, choice.engine, choice.voice)
    audio = s.media.audio(f"{MediaStore.new_stem('tts')}.wav")
    write_speech(s, audio.path, spoken.clip, "wav")
    return TtsResponse(audio_path=audio.relative_path, audio_url=audio.url, duration=round(spoken.clip.duration, 3),
                       elapsed=round(time.monotonic() - started, 3), engine=spoken.engine, cached=spoken.cached,
                       fallback_reason=spoken.fallback_reason, engine_reason=choice.reason).model_dump()


@bp.post("/api/tts")
@operation(VoiceTtsResponse, body=VoiceTtsRequest, errors=(503,), tag="tts",
           content={mime: f"the {name} bytes (return_binary)" for name, mime in MEDIA_TYPES.items()})
def synthesize_voice(body: VoiceTtsRequest) -> ResponseReturnValue:
    """The sibling seed's TTS call: a catalogue `voice_id`, metadata with `cached`, or the WAV bytes."""
    s = services()
    try:
        voice = s.tts.catalogue.get(body.voice_id)
    except UnknownVoice as e:
        raise BadRequest(str(e)) from e
    choice = choose_tts(s.tts, None, voice.voice_id, voice_field="voice_id")
    media_type = body.media_type or "wav"
    if media_type not in MEDIA_TYPES:
        raise BadRequest(f"'media_type' must be one of {', '.join(MEDIA_TYPES)}; got {media_type!r}")
    spoken = speak(body.text, choice.engine, choice.voice, **_gpt_sovits_options(body, choice.engine))
    if body.return_binary is True:
        return Response(encode(spoken.clip, media_type), mimetype=MEDIA_TYPES[media_type])
    file_id = spoken.entry.file_id if spoken.entry is not None else MediaStore.new_stem("tts")
    audio = s.media.audio(f"{file_id}.{media_type}")
    if not audio.path.is_file():
        write_speech(s, audio.path, spoken.clip, media_type)
    data = spoken.entry.to_api(spoken.cached) if spoken.entry is not None else {
        "file_id": file_id, "duration": round(spoken.clip.duration, 3), "voice_id": voice.voice_id, "cached": False,
        "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    data.update(format=media_type, file_size=audio.path.stat().st_size)
    return VoiceTtsResponse(data={**data, "audio_url": audio.url, "engine": spoken.engine}).model_dump()


def _gpt_sovits_options(body: VoiceTtsRequest, engine: str) -> dict[str, Any]:
    """`text_lang` and `streaming_mode` reach GPT-SoVITS; other engines ignore them."""
    if engine != "gpt_sovits":
        return {}
    options = {"text_lang": body.text_lang, "streaming_mode": body.streaming_mode}
    return {name: value for name, value in options.items() if value is not None}


@bp.get("/api/tts/voices")
@operation(VoicesResponse, tag="tts")
def voices() -> ResponseReturnValue:
    """The sibling seed's voice list: voices of the configured engines."""
    speaker = services().tts
    return jsonify(voices_response(speaker.catalogue, speaker.engines))


@bp.get("/api/tts_engines")
@operation(TtsEnginesResponse, tag="tts")
def engines() -> ResponseReturnValue:
    """The configured engines and their voices, the default engine first."""
    speaker = services().tts
    return jsonify(engines=[{"id": name, "name": speaker.engines[name].display_name,
                             "voices": speaker.engines[name].voices(), "default": name == speaker.default_engine}
                            for name in speaker.names()])
