"""TTS engines by name; `TTS_ENGINE` picks the default. A new engine is one module and one line here."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tts.base import TTSEngine


def _espeak(config: Any) -> TTSEngine:
    from tts.espeak import EspeakEngine

    return EspeakEngine()


ENGINES: dict[str, Callable[[Any], TTSEngine]] = {
    "espeak": _espeak,
}


def create(name: str, config: Any) -> TTSEngine:
    """Build engine `name` from the server config; ValueError lists the valid names."""
    if name not in ENGINES:
        raise ValueError(f"unknown TTS engine {name!r}; valid: {', '.join(sorted(ENGINES))}")
    return ENGINES[name](config)
