"""The server's whole settings: the core keys (settings/model.py) plus each registered engine's own section.

The engines declare their keys next to their code (settings/engine.py); this module, above the engine packages,
collects them, so a new engine's keys reach `.env`, `.env.example` and the docs through its registry line.
"""
from __future__ import annotations

from pydantic import create_model

from interview import engines as llm_registry
from lipsync import registry as lipsync_registry
from settings import CoreSettings, EngineSettings
from tts import registry as tts_registry


def engine_sections() -> list[type[EngineSettings]]:
    """The settings sections of the engines registered now, LLM, TTS then lipsync."""
    return [*llm_registry.settings_sections(), *tts_registry.settings_sections(),
            *lipsync_registry.settings_sections()]


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
