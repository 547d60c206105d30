"""The server's whole settings: the core keys (settings/model.py) plus each registered engine's own section.

The engines declare their keys next to their code (settings/engine.py); this module, above the engine packages,
collects them, so a new engine's keys reach `.env`, `.env.example` and the docs through its registry line.
"""
from __future__ import annotations

from pydantic import create_model

from interview import engines as llm_registry
from lipsync import registry as lipsync_registry
from settings import CoreSettings, EngineSettings
from settings.engine import sections_of
from tts import registry as tts_registry
from tts.base import SpeechSettings


def engine_sections() -> list[type[EngineSettings]]:
    """The settings sections of the engines registered now: LLM, TTS (after the keys all TTS engines share), lipsync."""
    return [*sections_of(llm_registry.ENGINES.values()),
            *sections_of(tts_registry.ENGINES.values(), shared=[SpeechSettings]),
            *sections_of(lipsync_registry.ENGINES.values())]


def compose() -> type[CoreSettings]:
    """A Config class of the core keys and the registered engines' keys; ValueError when two declare one key."""
    sections = engine_sections()
    owners: dict[str, str] = {name: CoreSettings.__name__ for name in CoreSettings.model_fields}
    for section in sections:
        for name in section.model_fields:
            if owners.setdefault(name, section.__name__) != section.__name__:
                raise ValueError(f"setting {name} is declared by both {owners[name]} and {section.__name__}")
    return create_model("Config", __base__=(CoreSettings, *sections), __module__=__name__,
                        __doc__="Every setting the server, the workers and the commands read (frozen, validated).")


Config = compose()
