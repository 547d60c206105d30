"""Which TTS engine and voice serve a request, and — when that is not the engine the client named — why."""
from __future__ import annotations

from dataclasses import dataclass

from runtime.errors import BadRequest
from tts.speaker import Speaker

SEED_DEFAULT_VOICE = "Custom"
# Engine names a seed client may send although this server is not configured for them: served by the default engine.
KNOWN_SEED_ENGINES = frozenset({"elevenlabs", "gpt_sovits", "espeak"})


@dataclass(frozen=True)
class TtsChoice:
    """The engine that will speak, its voice, and the reason when the requested engine does not."""

    engine: str
    voice: str | None
    reason: str | None = None  # e.g. "'elevenlabs' is not configured on this server; 'espeak' speaks instead"


def choose_tts(speaker: Speaker, requested: str | None, voice: str | None,
               engine_field: str = "engine", voice_field: str = "voice") -> TtsChoice:
    """A seed engine name that is not configured is served (and reported) by the default engine; a catalogue
    voice of another configured engine selects that engine when none was asked for."""
    unconfigured = requested is not None and requested not in speaker.engines
    if unconfigured and requested not in KNOWN_SEED_ENGINES:
        raise BadRequest(f"'{engine_field}' must be one of {', '.join(speaker.names())}; got {requested!r}")
    chosen = None if unconfigured else requested
    engine = chosen or (speaker.engine_for_voice(voice) if voice else None) or speaker.default_engine
    reason = f"{requested!r} is not configured on this server; {engine!r} speaks instead" if unconfigured else None
    voices = speaker.engines[engine].voices()
    if voice == SEED_DEFAULT_VOICE and voice not in voices:
        voice = None  # the seed's default voice name = this engine's default voice
    if voice is not None and voice not in voices:
        raise BadRequest(f"'{voice_field}' must be one of {', '.join(voices)}; got {voice!r}")
    return TtsChoice(engine, voice, reason)
