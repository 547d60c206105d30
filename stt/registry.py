"""STT engines by name; `STT_ENGINE` picks one. A new engine is one module (its class, settings and `ENTRY`) and
one line here."""
from __future__ import annotations

from typing import Any

from stt import openai_stt, vosk_stt, whisper
from stt.base import STTEngine, STTEntry

ENGINES: dict[str, STTEntry] = {
    "whisper": whisper.ENTRY,
    "openai": openai_stt.ENTRY,
    "vosk": vosk_stt.ENTRY,
}


def create(name: str, config: Any) -> STTEngine:
    """The engine called `name`; ValueError listing the valid names (or naming what the engine needs)."""
    if name not in ENGINES:
        raise ValueError(f"unknown STT_ENGINE {name!r}; valid: {', '.join(sorted(ENGINES))}")
    return ENGINES[name].build(config)
