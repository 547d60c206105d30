"""A new TTS engine is one module and one registry line: this module is that module, and the test adds the line.

The engine's settings reach the server's Config (read, validated, in `.env.example` and the docs tables), its
voices reach the catalogue, and the server lists it and speaks with it, with nothing else changed.
"""
from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterable
from typing import Any

import numpy as np
import pytest

from runtime.config import compose
from settings import ConfigError, EngineSettings
from settings.example import engine_settings_markdown, env_example
from tests.conftest import NO_ENV_FILE
from tts import registry
from tts.base import AudioClip, TTSEngine, TTSEntry, always_ready
from tts.voices import Voice

SAMPLE_RATE = 16000


class ChimeSettings(EngineSettings):
    """Chime, a test engine that speaks in sine tones (configured when CHIME_PITCH_HZ is set)"""

    CHIME_PITCH_HZ: float = 0.0
    """the tone's pitch; 0 = engine off"""
    CHIME_SECONDS_PER_CHAR: float = 0.05
    """tone length per character of text"""


class ChimeEngine(TTSEngine):
    """Speaks any text as one sine tone, longer for longer text."""

    name = "chime"
    display_name = "Chime (test)"

    def __init__(self, pitch_hz: float, seconds_per_char: float) -> None:
        self.pitch_hz = pitch_hz
        self.seconds_per_char = seconds_per_char

    def voices(self) -> list[str]:
        """Its one voice."""
        return ["chime-a"]

    def synthesize(self, text: str, voice: str | None = None, *, cancel: threading.Event | None = None,
                   **options: Any) -> AudioClip:
        """A tone as long as the text asks."""
        t = np.arange(int(SAMPLE_RATE * self.seconds_per_char * max(1, len(text)))) / SAMPLE_RATE
        return AudioClip((np.sin(2 * np.pi * self.pitch_hz * t) * 8000).astype(np.int16), SAMPLE_RATE)


def build(config: Any, catalogue: Any) -> ChimeEngine:
    """The engine from its own keys."""
    return ChimeEngine(config.CHIME_PITCH_HZ, config.CHIME_SECONDS_PER_CHAR)


def missing(config: Any) -> str | None:
    """Off until its pitch is set."""
    return None if config.CHIME_PITCH_HZ > 0 else "CHIME_PITCH_HZ"


def added_voices(config: Any, catalogue: Any) -> Iterable[Voice]:
    """Its catalogue voice, so clients find it in /api/tts/voices."""
    return [Voice("chime-a", "chime", "Chime A", "ko", engine_voice="a", gender="female", age_band="30s")]


ENTRY = TTSEntry(build, ChimeSettings, missing, added_voices)


@pytest.fixture
def chime_registered(monkeypatch: pytest.MonkeyPatch) -> type:
    """The registry line, and the server's Config composed with it."""
    monkeypatch.setitem(registry.ENGINES, "chime", ENTRY)
    return compose()


def test_its_settings_join_the_config_the_example_and_the_docs(chime_registered: type) -> None:
    config = chime_registered.load({"CHIME_PITCH_HZ": "440"}, env_file=NO_ENV_FILE)
    assert config.CHIME_PITCH_HZ == 440.0 and config.CHIME_SECONDS_PER_CHAR == 0.05
    with pytest.raises(ConfigError, match="CHIME_PITCH_HZ"):
        chime_registered.load({"CHIME_PITCH_HZ": "loud"}, env_file=NO_ENV_FILE)
    example = env_example(chime_registered)
    assert "# --- Chime, a test engine that speaks in sine tones" in example
    assert "# the tone's pitch; 0 = engine off\nCHIME_PITCH_HZ=0.0\n" in example
    assert "| `CHIME_SECONDS_PER_CHAR` | `0.05` | tone length per character of text |" in \
        engine_settings_markdown(chime_registered)


def test_without_the_registry_line_its_keys_are_unknown() -> None:
    with pytest.raises(ConfigError, match="unknown config keys given: CHIME_PITCH_HZ"):
        compose().load({"CHIME_PITCH_HZ": "440"}, env_file=NO_ENV_FILE)


def test_it_is_built_only_when_configured_and_a_default_that_lacks_its_key_is_refused(chime_registered: type) -> None:
    off = chime_registered.load({}, env_file=NO_ENV_FILE)
    assert "chime" not in registry.create_all(off, registry.catalogue_for(off))
    with pytest.raises(ConfigError, match="TTS_ENGINE=chime needs CHIME_PITCH_HZ"):
        from runtime.services import build_parts

        build_parts(chime_registered.load({"TTS_ENGINE": "chime"}, env_file=NO_ENV_FILE), load_lipsync=False)
    on = chime_registered.load({"CHIME_PITCH_HZ": "440"}, env_file=NO_ENV_FILE)
    assert isinstance(registry.create_all(on, registry.catalogue_for(on))["chime"], ChimeEngine)


def test_the_server_lists_it_and_its_voice_picks_it(chime_registered: type, make_app) -> None:
    client = make_app(config_class=chime_registered, CHIME_PITCH_HZ=440).test_client()
    engines = {e["id"]: e for e in client.get("/api/tts_engines").get_json()["engines"]}
    assert engines["chime"]["name"] == "Chime (test)" and engines["chime"]["voices"] == ["chime-a"]
    voices = client.get("/api/tts/voices").get_json()["data"]["voices"]
    assert {"id": "chime-a", "engine": "chime"}.items() <= next(v for v in voices if v["id"] == "chime-a").items()
    spoken = client.post("/api/v2/tts", json={"text": "안녕하세요", "voice": "chime-a"}).get_json()
    assert spoken["engine"] == "chime", spoken  # the voice alone chose the engine
    by_id = client.post("/api/tts", json={"text": "안녕하세요", "voice_id": "chime-a"}).get_json()
    assert by_id["data"]["engine"] == "chime" and by_id["data"]["duration"] == pytest.approx(0.25, abs=0.01)


def test_what_the_web_layer_reads_of_an_engine_is_declared_on_its_protocol() -> None:
    from interview.scripted import ScriptedInterviewer
    from lipsync.cpu import CpuLipsyncEngine
    from runtime.services import as_chain
    from tts.espeak import EspeakEngine

    lipsync = CpuLipsyncEngine()
    assert lipsync.version is None and lipsync.close() is None  # the protocol's defaults: nothing versioned or to stop
    assert EspeakEngine().status() is None  # no cheap probe: the health report says "probed": false
    scripted = ScriptedInterviewer()
    assert scripted.list_models() == [scripted.model]
    chain = as_chain(scripted)  # the embedded interviewer alone is a chain of one
    assert chain.primary is scripted and chain.engines == (scripted,) and chain.gate is None
    assert chain.fallback_label is None and chain.cooling_down() == []
    assert as_chain(chain) is chain


def test_an_engine_that_declares_the_keys_it_needs_speaks_by_default_when_they_are_given(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(registry.ENGINES, "chime", dataclasses.replace(ENTRY, missing=always_ready,
                                                                       needs=("CHIME_PITCH_HZ",)))
    config_class = compose()
    assert config_class.load({"CHIME_PITCH_HZ": "440"}, env_file=NO_ENV_FILE).TTS_ENGINE == "chime"
    assert config_class.load({}, env_file=NO_ENV_FILE).TTS_ENGINE == "espeak"  # needs nothing: the offline default
    both = {"CHIME_PITCH_HZ": "440", "ELEVENLABS_API_KEY": "xi"}  # the registry's order decides: elevenlabs first
    assert config_class.load(both, env_file=NO_ENV_FILE).TTS_ENGINE == "elevenlabs"
    assert config_class.load({**both, "TTS_ENGINE": "chime"}, env_file=NO_ENV_FILE).TTS_ENGINE == "chime"
    off = config_class.load({}, env_file=NO_ENV_FILE)
    assert registry.ENGINES["chime"].lacks(off) is None  # 0.0 is a value given: `needs` asks for a value, no more


def test_the_stt_engines_declare_their_settings() -> None:
    from settings.example import sections_in
    from stt import registry as stt_registry
    from stt.base import ModelFolderSettings
    from stt.openai_stt import OpenAISTTSettings
    from stt.whisper import WhisperSettings

    config_class = compose()
    assert {ModelFolderSettings, WhisperSettings, OpenAISTTSettings} <= set(sections_in(config_class))
    with pytest.raises(ConfigError, match="STT_THREADS"):  # the range is the section's own
        config_class.load({"STT_THREADS": "0"}, env_file=NO_ENV_FILE)
    config = config_class.load({"STT_ENGINE": "openai"}, env_file=NO_ENV_FILE)
    with pytest.raises(ValueError, match="STT_ENGINE=openai needs STT_API_URL"):
        stt_registry.create("openai", config)
    assert "# --- Whisper, the embedded speech to text (STT_ENGINE=whisper) ---\n" in env_example(config_class)
    assert "| `STT_API_URL` | none |" in engine_settings_markdown(config_class)
