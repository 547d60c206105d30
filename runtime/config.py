"""The server's whole settings: the core keys (settings/model.py) plus each registered engine's own section.

The engines declare their keys next to their code (settings/engine.py); this module, above the engine packages,
collects them, so a new engine's keys reach `.env`, `.env.example` and the docs through its registry line. An empty
LLM_ENGINE / TTS_ENGINE / LIPSYNC_ENGINE is filled in here from what the engines declare they need
(settings/engine.py: default_engine).
"""
from __future__ import annotations

from typing import Any

from pydantic import Field, create_model, model_validator

from interview import engines as llm_registry
from lipsync import registry as lipsync_registry
from settings import ConfigError, CoreSettings, EngineSettings
from settings.engine import choices, default_engine, is_given, missing_for, sections_of
from settings.seeds import with_aliases, with_seed_fallback
from stt import registry as stt_registry
from stt.base import ModelFolderSettings
from tts import registry as tts_registry
from tts.base import SpeechSettings

# Each kind's *_ENGINE key and its registry, whose names are the key's values; those that may be left empty name
# the engine the settings given configure.
CHOSEN_ENGINES = {"LLM_ENGINE": llm_registry.ENGINES, "TTS_ENGINE": tts_registry.ENGINES,
                  "LIPSYNC_ENGINE": lipsync_registry.ENGINES}
ENGINE_KEYS = {**CHOSEN_ENGINES, "STT_ENGINE": stt_registry.ENGINES}
# The kinds whose chosen engine is the only one that runs (a TTS engine without its key is left out and the voices
# of another speak): it must have every setting its registry line requires or needs.
SOLE_ENGINES = {"LLM_ENGINE": llm_registry.ENGINES, "LIPSYNC_ENGINE": lipsync_registry.ENGINES}


def engine_sections() -> list[type[EngineSettings]]:
    """The settings sections of the engines registered now: LLM, TTS (after the keys all TTS engines share), lipsync,
    STT (after the keys its embedded engines share)."""
    return [*sections_of(llm_registry.ENGINES.values()),
            *sections_of(tts_registry.ENGINES.values(), shared=[SpeechSettings]),
            *sections_of(lipsync_registry.ENGINES.values()),
            *sections_of(stt_registry.ENGINES.values(), shared=[ModelFolderSettings])]


def compose() -> type[CoreSettings]:
    """A Config class of the core keys and the registered engines' keys; ValueError when two declare one key."""
    sections = engine_sections()
    owners: dict[str, str] = {name: CoreSettings.__name__ for name in CoreSettings.model_fields}
    for section in sections:
        for name in section.model_fields:
            if owners.setdefault(name, section.__name__) != section.__name__:
                raise ValueError(f"setting {name} is declared by both {owners[name]} and {section.__name__}")
    return create_model("Config", __base__=(CoreSettings, *sections), __module__=__name__,
                        __doc__="Every setting the server, the workers and the commands read (frozen, validated).",
                        __validators__={"_default_engines": model_validator(mode="before")(_default_engines),
                                        "_chosen_engines_set_up": model_validator(mode="after")(_chosen_engines_set_up)},
                        **_engine_keys_with_their_names())


def _engine_keys_with_their_names() -> dict[str, Any]:
    """Each *_ENGINE key described with the names registered now (`.env.example` and the docs follow them)."""
    fields = {}
    for key, entries in ENGINE_KEYS.items():
        core = CoreSettings.model_fields[key]
        described = f"{core.description}: {choices(entries, chosen_when_empty=key in CHOSEN_ENGINES)}"
        fields[key] = (core.annotation, Field(core.default, description=described))
    return fields


def _default_engines(cls: type, values: Any) -> Any:
    """An empty LLM_ENGINE / TTS_ENGINE / LIPSYNC_ENGINE: the engine the settings given configure (each engine
    declares what it needs); an openai engine chosen so gets the realtime seed's OpenAI fallback."""
    if not isinstance(values, dict):
        return values
    values = with_aliases(values)  # this runs before the core's own validator: the seed's LLM_SERVER_URL counts
    for key, entries in CHOSEN_ENGINES.items():
        if not is_given(values.get(key)):
            values[key] = default_engine(key, entries, values)
            if key == "LLM_ENGINE" and values[key] == "openai":
                values = with_seed_fallback(values)
    return values


def _chosen_engines_set_up(config: Any) -> Any:
    """Each sole chosen engine has the settings its registry line requires or needs (the error names the key)."""
    for key, entries in SOLE_ENGINES.items():
        name = getattr(config, key)
        problem = missing_for(key, name, entries[name], vars(config)) if name in entries else None
        if problem:
            raise ConfigError(problem)
    return config


Config = compose()
