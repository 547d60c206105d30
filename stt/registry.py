"""STT engines by name; `STT_ENGINE` picks one. A new engine is one module and one line here."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from stt.base import STTEngine


def _whisper(config: Any) -> STTEngine:
    from stt.whisper import WhisperEngine

    return WhisperEngine(config.STT_MODEL_DIR or None, Path(config.STT_CACHE_DIR).expanduser(), config.STT_THREADS,
                         config.STT_BEAM_SIZE)


def _openai(config: Any) -> STTEngine:
    from stt.openai_stt import OpenAISTTEngine

    return OpenAISTTEngine(config.STT_API_URL, config.STT_MODEL, config.STT_API_KEY or None, config.STT_TIMEOUT_S)


def _vosk(config: Any) -> STTEngine:
    from stt.vosk_stt import VoskEngine

    return VoskEngine(config.STT_MODEL_DIR or None)


ENGINES: dict[str, Callable[[Any], STTEngine]] = {
    "whisper": _whisper,
    "openai": _openai,
    "vosk": _vosk,
}


def create(name: str, config: Any) -> STTEngine:
    """The engine called `name`; ValueError listing the valid names (and what `openai` needs)."""
    if name not in ENGINES:
        raise ValueError(f"unknown STT_ENGINE {name!r}; valid: {', '.join(sorted(ENGINES))}")
    if name == "openai" and not config.STT_API_URL:
        raise ValueError("STT_ENGINE=openai needs STT_API_URL")
    return ENGINES[name](config)
