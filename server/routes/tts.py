"""Speech only: the seed's `/api/v2/tts`, the sibling seed's `/api/tts` + `/api/tts/voices`, and the engine list."""
from __future__ import annotations

import threading
import time
from datetime import datetime, timezone
from typing import Any

from flask import Blueprint, Response, jsonify
from flask.typing import ResponseReturnValue

from jobs.media import MediaStore
from server.engine_errors import api_error
from server.errors import BadRequest
from server.services import services
from server.validation import json_body, optional_name, speakable_text, tts_choice
from tts.base import TTSError
from tts.audio_formats import MEDIA_TYPES, encode, write_audio
from tts.speaker import Spoken
from tts.voices import UnknownVoice, voices_response
from tts.wav import write_wav

bp = Blueprint("tts", __name__)


def speak(text: str, engine: str, voice: str | None, **options: Any) -> Spoken:
    """Speak through the app's Speaker; an engine failure is a 503."""
    try:
        return services().tts.speak(text, engine, voice, threading.Event(), **options)
    except TTSError as e:
        raise api_error(e) from e


@bp.post("/api/v2/tts")
def synthesize() -> ResponseReturnValue:
    """Speak `text` with `engine`/`voice` and return the WAV's URL."""
    s = services()
    body = json_body()
    text = speakable_text(body, "text", s.config)
    engine, voice = tts_choice(body, "engine", "voice", s.tts)
    started = time.monotonic()
    spoken = speak(text, engine, voice)
    audio = s.media.audio(f"{MediaStore.new_stem('tts')}.wav")
    write_wav(audio.path, spoken.clip)
    return jsonify(success=True, audio_path=audio.relative_path, audio_url=audio.url,
                   duration=round(spoken.clip.duration, 3), elapsed=round(time.monotonic() - started, 3),
                   engine=spoken.engine, cached=spoken.cached, fallback_reason=spoken.fallback_reason)


@bp.post("/api/tts")
def synthesize_voice() -> ResponseReturnValue:
    """The sibling seed's TTS call: a catalogue `voice_id`, metadata with `cached`, or the WAV bytes."""
    s = services()
    body = json_body()
    text = speakable_text(body, "text", s.config)
    try:
        voice = s.tts.catalogue.get(optional_name(body, "voice_id"))
    except UnknownVoice as e:
        raise BadRequest(str(e)) from e
    if voice.engine not in s.tts.engines or not (voice.configured or voice.engine == "espeak"):
        raise BadRequest(f"voice {voice.voice_id!r} needs engine {voice.engine!r}, which is not configured here")
    media_type = optional_name(body, "media_type", "wav")
    if media_type not in MEDIA_TYPES:
        raise BadRequest(f"'media_type' must be one of {', '.join(MEDIA_TYPES)}; got {media_type!r}")
    spoken = speak(text, voice.engine, voice.voice_id, **_gpt_sovits_options(body, voice.engine))
    if body.get("return_binary") is True:
        return Response(encode(spoken.clip, media_type), mimetype=MEDIA_TYPES[media_type])
    file_id = spoken.entry.file_id if spoken.entry is not None else MediaStore.new_stem("tts")
    audio = s.media.audio(f"{file_id}.{media_type}")
    if not audio.path.is_file():
        write_audio(audio.path, spoken.clip, media_type)
    data = spoken.entry.to_api(spoken.cached) if spoken.entry is not None else {
        "file_id": file_id, "duration": round(spoken.clip.duration, 3), "voice_id": voice.voice_id, "cached": False,
        "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    data.update(format=media_type, file_size=audio.path.stat().st_size)
    return jsonify(success=True, data={**data, "audio_url": audio.url, "engine": spoken.engine})


def _gpt_sovits_options(body: dict[str, Any], engine: str) -> dict[str, Any]:
    """`text_lang` and `streaming_mode` reach GPT-SoVITS; other engines ignore them."""
    if engine != "gpt_sovits":
        return {}
    options: dict[str, Any] = {}
    if body.get("text_lang") is not None:
        options["text_lang"] = optional_name(body, "text_lang")
    mode = body.get("streaming_mode")
    if mode is not None:
        if mode not in (0, 1, 2, 3) or isinstance(mode, bool):
            raise BadRequest("'streaming_mode' must be 0, 1, 2 or 3")
        options["streaming_mode"] = mode
    return options


@bp.get("/api/tts/voices")
def voices() -> ResponseReturnValue:
    """The sibling seed's voice list: voices of the configured engines."""
    speaker = services().tts
    return jsonify(voices_response(speaker.catalogue, speaker.engines))


@bp.get("/api/tts_engines")
def engines() -> ResponseReturnValue:
    """The configured engines and their voices, the default engine first."""
    speaker = services().tts
    return jsonify(engines=[{"id": name, "name": speaker.engines[name].display_name,
                             "voices": speaker.engines[name].voices(), "default": name == speaker.default_engine}
                            for name in speaker.names()])
