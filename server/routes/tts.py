"""Speech only: `/api/v2/tts` and the engine list."""
from __future__ import annotations

import threading
import time

from flask import Blueprint, jsonify
from flask.typing import ResponseReturnValue

from jobs.media import MediaStore
from server.errors import Unavailable
from server.services import services
from server.validation import json_body, required_text, tts_choice
from tts.base import TTSError
from tts.wav import write_wav

bp = Blueprint("tts", __name__)


@bp.post("/api/v2/tts")
def synthesize() -> ResponseReturnValue:
    """Speak `text` with `engine`/`voice` and return the WAV's URL."""
    s = services()
    body = json_body()
    text = required_text(body, "text", s.config)
    engine, voice = tts_choice(body, "engine", "voice", s.tts, s.config.TTS_ENGINE)
    started = time.monotonic()
    try:
        clip = s.tts[engine].synthesize(text, voice, cancel=threading.Event())
    except TTSError as e:
        raise Unavailable(f"TTS error: {e}") from e
    audio = s.media.audio(f"{MediaStore.new_stem('tts')}.wav")
    write_wav(audio.path, clip)
    return jsonify(success=True, audio_path=audio.relative_path, audio_url=audio.url,
                   duration=round(clip.duration, 3), elapsed=round(time.monotonic() - started, 3), engine=engine)


@bp.get("/api/tts_engines")
def engines() -> ResponseReturnValue:
    """The configured engines and their voices."""
    return jsonify(engines=[{"id": e.name, "name": e.display_name, "voices": e.voices()}
                            for e in services().tts.values()])
