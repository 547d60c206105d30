"""LLM, TTS and lipsync engines declare what makes them available (`needs` on the registry line), and one rule picks
an empty *_ENGINE from it (settings/engine.py): an engine registered with its needs is chosen without other edits."""
from __future__ import annotations

import logging
from typing import Any

import pytest

from interview import engines as llm_registry
from lipsync import registry as lipsync_registry
from lipsync.base import LipsyncEntry
from llm.base import ChatEntry
from runtime.config import compose
from settings import ConfigError, EngineSettings
from settings.engine import key_family
from settings.example import engine_settings_markdown, env_example
from tests.conftest import NO_ENV_FILE

SEED_KEYS = {"LLM_API_URL": "http://127.0.0.1:9/v1", "LLM_MODEL": "m", "ELEVENLABS_API_KEY": "xi",
             "MUSETALK_PATH": "/opt/MuseTalk"}


class FlipbookSettings(EngineSettings):
    """Flipbook, a test lipsync engine (configured when FLIPBOOK_URL is set)"""

    FLIPBOOK_URL: str = ""
    """where the flipbook server listens"""
    FLIPBOOK_FPS: int = 25
    """frames per second"""


class ParrotSettings(EngineSettings):
    """Parrot, a test chat engine (configured when PARROT_URL is set)"""

    PARROT_URL: str = ""
    """where the parrot answers"""


def _never_built(config: Any) -> Any:
    raise AssertionError("choosing an engine builds none")


def test_the_seeds_keys_choose_each_kinds_engine_and_say_why_once(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="settings"):
        config = compose().load(SEED_KEYS, env_file=NO_ENV_FILE)
    assert (config.LLM_ENGINE, config.TTS_ENGINE, config.LIPSYNC_ENGINE) == ("openai", "elevenlabs", "musetalk")
    lines = [record.getMessage() for record in caplog.records]
    for line in ("LLM_ENGINE=openai chosen: LLM_API_URL is set", "TTS_ENGINE=elevenlabs chosen: ELEVENLABS_API_KEY is set",
                 "LIPSYNC_ENGINE=musetalk chosen: MUSETALK_PATH is set"):
        assert lines.count(line) == 1, lines


def test_nothing_given_means_the_first_engine_that_needs_nothing(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="settings"):
        config = compose().load({}, env_file=NO_ENV_FILE)
    assert (config.LLM_ENGINE, config.TTS_ENGINE, config.LIPSYNC_ENGINE) == ("scripted", "espeak", "cpu")
    assert not [r for r in caplog.records if "chosen" in r.getMessage()]  # nothing was configured: nothing to say


def test_a_new_lipsync_engine_is_chosen_by_the_settings_its_line_needs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(lipsync_registry.ENGINES, "flipbook",
                        LipsyncEntry(_never_built, FlipbookSettings, needs=("FLIPBOOK_URL",)))
    config_class = compose()
    assert config_class.load({"FLIPBOOK_URL": "http://x"}, env_file=NO_ENV_FILE).LIPSYNC_ENGINE == "flipbook"
    both = {"FLIPBOOK_URL": "http://x", "MUSETALK_PATH": "/opt/MuseTalk"}  # the registry's order decides
    assert config_class.load(both, env_file=NO_ENV_FILE).LIPSYNC_ENGINE == "musetalk"
    assert config_class.load({**both, "LIPSYNC_ENGINE": "cpu"}, env_file=NO_ENV_FILE).LIPSYNC_ENGINE == "cpu"
    # its name and what chooses it reach `.env.example` and the docs tables from the registry line alone
    described = ("the lipsync engine: cpu, musetalk or flipbook; empty = musetalk when MUSETALK_PATH is set, "
                 "flipbook when FLIPBOOK_URL is set, else cpu")
    assert f"# {described}\nLIPSYNC_ENGINE=\n" in env_example(config_class)
    assert f"| `LIPSYNC_ENGINE` | none | {described} |" in engine_settings_markdown(config_class)


def test_a_new_llm_engine_is_chosen_by_the_settings_its_line_needs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(llm_registry.ENGINES, "parrot", ChatEntry(_never_built, ParrotSettings, needs=("PARROT_URL",)))
    config_class = compose()
    parrot = config_class.load({"PARROT_URL": "http://x", "OPENAI_API_KEY": "sk-1"}, env_file=NO_ENV_FILE)
    # the seed's OpenAI fallback belongs to its LLM_API_URL: another engine chosen leaves the key where it was
    assert parrot.LLM_ENGINE == "parrot" and parrot.OPENAI_API_KEY == "sk-1" and parrot.LLM_FALLBACK_API_URL == ""
    blank = config_class.load({"PARROT_URL": "  ", "LLM_ENGINE": ""}, env_file=NO_ENV_FILE)
    assert blank.LLM_ENGINE == "scripted"  # a blank value gives nothing


def test_the_realtime_seeds_engines_declare_the_keys_that_choose_them() -> None:
    assert llm_registry.ENGINES["openai"].needs == ("LLM_API_URL",)
    assert lipsync_registry.ENGINES["musetalk"].needs == ("MUSETALK_PATH",)
    assert not llm_registry.ENGINES["scripted"].needs and not lipsync_registry.ENGINES["cpu"].needs


def test_a_new_engines_family_of_keys_is_the_projects_in_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(lipsync_registry.ENGINES, "flipbook", LipsyncEntry(_never_built, FlipbookSettings))
    monkeypatch.setenv("FLIPBOOK_FSP", "30")
    with pytest.raises(ConfigError, match=r"in the environment: FLIPBOOK_FSP \(did you mean FLIPBOOK_FPS\?\)"):
        compose().load({}, env_file=NO_ENV_FILE)


def test_a_family_is_the_prefix_most_keys_of_a_section_share() -> None:
    assert key_family(["TTS_BASE_URL", "GPT_SOVITS_REF_AUDIO", "GPT_SOVITS_PROMPT_TEXT", "GPT_SOVITS_PROMPT_LANG"]) \
        == "GPT_SOVITS_"
    assert key_family(["OLLAMA_BASE_URL"]) is None  # one key claims no namespace (Ollama's own OLLAMA_HOST)
    assert key_family(["A_X", "B_Y"]) is None


@pytest.mark.parametrize(("given", "error"), [
    ({"LLM_ENGINE": "openai"}, "LLM_MODEL is required with LLM_ENGINE=openai"),
    ({"LLM_ENGINE": "openai", "LLM_MODEL": "m"}, "LLM_API_URL is required with LLM_ENGINE=openai"),
    ({"LLM_ENGINE": "ollama", "LLM_MODEL": " "}, "LLM_MODEL is required with LLM_ENGINE=ollama"),
    ({"LIPSYNC_ENGINE": "musetalk"}, "MUSETALK_PATH is required with LIPSYNC_ENGINE=musetalk"),
])
def test_a_chosen_engine_without_what_its_line_requires_is_refused_at_start(given: dict, error: str) -> None:
    with pytest.raises(ConfigError, match=error):
        compose().load(given, env_file=NO_ENV_FILE)


def test_what_a_new_engine_requires_is_checked_from_its_registry_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(llm_registry.ENGINES, "parrot",
                        ChatEntry(_never_built, ParrotSettings, requires=("PARROT_URL", "LLM_MODEL")))
    with pytest.raises(ConfigError, match="PARROT_URL is required with LLM_ENGINE=parrot"):
        compose().load({"LLM_ENGINE": "parrot"}, env_file=NO_ENV_FILE)
    assert compose().load({"LLM_ENGINE": "parrot", "PARROT_URL": "http://x", "LLM_MODEL": "p"},
                          env_file=NO_ENV_FILE).LLM_ENGINE == "parrot"
