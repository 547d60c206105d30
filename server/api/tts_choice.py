"""A request's TTS engine and voice, decided by `Speaker.choose`; a choice no engine serves is the client's 400."""
from __future__ import annotations

from runtime.errors import BadRequest
from tts.speaker import Speaker, TtsChoice, VoiceChoiceError

__all__ = ["TtsChoice", "choose_tts"]


def choose_tts(speaker: Speaker, requested: str | None, voice: str | None,
               engine_field: str = "engine", voice_field: str = "voice") -> TtsChoice:
    """`speaker.choose`, its refusal named with the body's own field names."""
    try:
        return speaker.choose(requested, voice)
    except VoiceChoiceError as e:
        raise BadRequest(f"'{engine_field if e.field == 'engine' else voice_field}' {e.problem}") from e
