"""TTS engines by name; `TTS_ENGINE` picks the default. A new engine is one module and one line here.

espeak is always available (offline); a remote engine is configured when its keys are set.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from tts.base import TTSEngine
from tts.voices import Catalogue, load_catalogue, sovits_default_voice


def catalogue_for(config: Any) -> Catalogue:
    """The voice catalogue with the voices the config adds (ElevenLabs `Custom`, GPT-SoVITS default)."""
    catalogue = load_catalogue()
    if config.ELEVENLABS_VOICE_ID:
        catalogue = catalogue.with_voice(replace(catalogue.get("Custom"), engine_voice=config.ELEVENLABS_VOICE_ID))
    if config.GPT_SOVITS_REF_AUDIO:
        catalogue = catalogue.with_voice(sovits_default_voice(
            config.GPT_SOVITS_REF_AUDIO, config.GPT_SOVITS_PROMPT_TEXT, config.GPT_SOVITS_PROMPT_LANG))
    return catalogue


def _espeak(config: Any, catalogue: Catalogue) -> TTSEngine:
    from tts.espeak import EspeakEngine

    return EspeakEngine()


def _elevenlabs(config: Any, catalogue: Catalogue) -> TTSEngine:
    from tts.elevenlabs import ElevenLabsEngine

    voices = catalogue.engine_voices("elevenlabs")
    return ElevenLabsEngine(config.ELEVENLABS_API_KEY, voices=voices,
                            default_voice="Custom" if "Custom" in voices else next(iter(voices)),
                            base_url=config.ELEVENLABS_BASE_URL or None, model_id=config.ELEVENLABS_MODEL_ID,
                            output_format=config.ELEVENLABS_OUTPUT_FORMAT, timeout_s=config.TTS_TIMEOUT_S)


def _gpt_sovits(config: Any, catalogue: Catalogue) -> TTSEngine:
    from tts.gpt_sovits import GptSovitsEngine

    return GptSovitsEngine(config.TTS_BASE_URL, voices=catalogue.list_voices("gpt_sovits"),
                           sample_rate=config.GPT_SOVITS_SAMPLE_RATE, streaming_mode=config.GPT_SOVITS_STREAMING_MODE,
                           timeout_s=config.TTS_TIMEOUT_S)


def _piper(config: Any, catalogue: Catalogue) -> TTSEngine:
    from tts.piper_engine import PiperEngine

    return PiperEngine()


def _piper_installed() -> bool:
    from tts.piper_engine import installed

    return installed()


ENGINES: dict[str, Callable[[Any, Catalogue], TTSEngine]] = {
    "espeak": _espeak,
    "piper": _piper,
    "elevenlabs": _elevenlabs,
    "gpt_sovits": _gpt_sovits,
}
# What makes a remote engine configured: the config key that must be set.
REQUIRED_KEY = {"elevenlabs": "ELEVENLABS_API_KEY", "gpt_sovits": "TTS_BASE_URL"}
# What makes an offline engine available: its packages are installed (piper's voices are wheels).
INSTALLED = {"piper": _piper_installed}


def create_all(config: Any, catalogue: Catalogue) -> dict[str, TTSEngine]:
    """Every configured engine; ValueError when TTS_ENGINE / TTS_FALLBACK name one that is not."""
    for key in ("TTS_ENGINE", "TTS_FALLBACK"):
        name = getattr(config, key)
        if name and name not in ENGINES:
            raise ValueError(f"unknown {key} {name!r}; valid: {', '.join(sorted(ENGINES))}")
        if name in REQUIRED_KEY and not getattr(config, REQUIRED_KEY[name]):
            raise ValueError(f"{key}={name} needs {REQUIRED_KEY[name]}")
        if name in INSTALLED and not INSTALLED[name]():
            raise ValueError(f"{key}={name} needs its packages: see requirements.txt")
    names = [n for n in ENGINES if (n not in REQUIRED_KEY or getattr(config, REQUIRED_KEY[n])) and (n not in INSTALLED or INSTALLED[n]())]
    return {name: ENGINES[name](config, catalogue) for name in names}
