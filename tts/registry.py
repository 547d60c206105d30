"""TTS engines by name; `TTS_ENGINE` picks the default. A new engine is one module (its class, settings and
`ENTRY`) and one line here.

espeak is always available (offline); an engine that lacks something (a key, its packages) is left out. With
TTS_ENGINE empty, the first engine here whose needed settings are all given speaks by default (the realtime seed's
ELEVENLABS_API_KEY alone runs ElevenLabs), else the first that needs none (espeak): settings/engine.py decides.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from tts import elevenlabs, espeak, gpt_sovits, piper_engine
from tts.base import TTSEngine, TTSEntry
from tts.voices import CATALOGUE_PATH, Catalogue, load_catalogue


ENGINES: dict[str, TTSEntry] = {
    "espeak": espeak.ENTRY,
    "piper": piper_engine.ENTRY,
    "elevenlabs": elevenlabs.ENTRY,
    "gpt_sovits": gpt_sovits.ENTRY,
}


def catalogue_for(config: Any, path: Path = CATALOGUE_PATH) -> Catalogue:
    """voices.json with the voices the engines' settings add (ElevenLabs `Custom`, GPT-SoVITS default, …);
    ValueError when a voice names an engine that is not registered."""
    catalogue = load_catalogue(path)
    for entry in ENGINES.values():
        for voice in entry.voices(config, catalogue):
            catalogue = catalogue.with_voice(voice)
    for voice in catalogue.voices:
        if voice.engine not in ENGINES:
            raise ValueError(f"voice {voice.voice_id!r}: engine must be one of {', '.join(ENGINES)}")
    return catalogue


def create_all(config: Any, catalogue: Catalogue) -> dict[str, TTSEngine]:
    """Every engine that has what it needs; ValueError when TTS_ENGINE / TTS_FALLBACK name one that does not."""
    for key in ("TTS_ENGINE", "TTS_FALLBACK"):
        name = getattr(config, key)
        if name and name not in ENGINES:
            raise ValueError(f"unknown {key} {name!r}; valid: {', '.join(sorted(ENGINES))}")
        lacking = ENGINES[name].lacks(config) if name else None
        if lacking:
            raise ValueError(f"{key}={name} needs {lacking}")
    return {name: entry.build(config, catalogue) for name, entry in ENGINES.items() if not entry.lacks(config)}
