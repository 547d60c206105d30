"""The voice catalogue: loading, validation, lookup and the GET /api/tts/voices shape."""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from runtime.config import Config
from tts.base import TTSError
from tts.registry import ENGINES, catalogue_for
from tts.voices import Catalogue, UnknownVoice, Voice, load_catalogue, sovits_default_voice, voices_response


def write_catalogue(tmp_path: Path, voices: list[dict[str, Any]], default: str = "a") -> Path:
    path = tmp_path / "voices.json"
    path.write_text(json.dumps({"default_voice_id": default, "voices": voices}), encoding="utf-8")
    return path


ESPEAK = {"id": "a", "engine": "espeak", "engine_voice": "ko", "language": "ko", "name": "A"}


def test_shipped_catalogue_has_the_expected_voices() -> None:
    catalogue = load_catalogue()
    ids = {v.voice_id for v in catalogue.voices}
    assert {"ko", "en-us", "Custom", "Rachel", "Domi", "Bella"} <= ids
    assert all(v.engine in ENGINES for v in catalogue.voices)  # the registry's names
    assert catalogue.get(None).voice_id == catalogue.default_voice_id == "ko"
    assert catalogue.get("default") == catalogue.get(None)
    assert catalogue.get("en-us").language == "en"


def test_unknown_voice_is_a_tts_error_listing_valid_ids() -> None:
    with pytest.raises(UnknownVoice, match="unknown voice_id 'nobody'; valid: ko, ") as info:
        load_catalogue().get("nobody")
    assert isinstance(info.value, TTSError)


def test_voices_response_has_the_sibling_seed_shape() -> None:
    body = voices_response(load_catalogue())
    assert body["success"] is True
    assert body["data"]["default_voice_id"] == "ko"
    first = body["data"]["voices"][0]
    assert {"id", "name", "language", "description"} <= set(first)
    ids = [v["id"] for v in body["data"]["voices"]]
    assert "Custom" not in ids  # no ElevenLabs voice id configured for it
    assert "Rachel" in ids


def test_configuring_custom_and_filtering_by_engine() -> None:
    catalogue = load_catalogue()
    catalogue = catalogue.with_voice(replace(catalogue.get("Custom"), engine_voice="my-voice-id"))
    assert catalogue.engine_voices("elevenlabs")["Custom"] == "my-voice-id"
    ids = [v["id"] for v in voices_response(catalogue, engines={"elevenlabs"})["data"]["voices"]]
    assert ids == ["Rachel", "Domi", "Bella", "Custom"]
    espeak_only = voices_response(catalogue, engines={"espeak"})["data"]["voices"]
    assert {v["engine"] for v in espeak_only} == {"espeak"}
    assert [v.voice_id for v in catalogue.list_voices("espeak")] == [v["id"] for v in espeak_only]


def test_sovits_default_voice_joins_the_catalogue() -> None:
    voice = sovits_default_voice("ref/a.wav", "안녕하세요", "KO")
    catalogue = load_catalogue().with_voice(voice).with_default("sovits_default")
    assert catalogue.get("default").prompt_lang == "ko"
    assert catalogue.get("default").engine == "gpt_sovits"
    assert voices_response(catalogue, engines={"gpt_sovits"})["data"]["voices"][0]["id"] == "sovits_default"


@pytest.mark.parametrize(
    ("voices", "default", "message"),
    [
        ([ESPEAK, ESPEAK], "a", "duplicate"),
        ([{**ESPEAK, "language": "KO"}], "a", "language must be a lower-case"),
        ([{**ESPEAK, "id": "../x"}], "../x", "id must match"),
        ([{**ESPEAK, "id": "default"}], "default", "not be 'default'"),
        ([{**ESPEAK, "engine_voice": None}], "a", "espeak voices need engine_voice"),
        ([{**ESPEAK, "engine": "gpt_sovits", "ref_audio": "r.wav"}], "a", "need prompt_lang"),
        ([{**ESPEAK, "colour": "blue"}], "a", "unknown keys"),
        ([{k: v for k, v in ESPEAK.items() if k != "name"}], "a", "missing key 'name'"),
        ([ESPEAK], "b", "default_voice_id 'b'"),
    ],
)
def test_invalid_catalogues_are_rejected(tmp_path: Path, voices: list[dict[str, Any]], default: str,
                                         message: str) -> None:
    with pytest.raises(ValueError, match=message):
        load_catalogue(write_catalogue(tmp_path, voices, default))


def test_a_voice_of_an_unregistered_engine_is_rejected_by_the_registry(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="engine must be one of espeak, piper"):
        catalogue_for(Config(), write_catalogue(tmp_path, [{**ESPEAK, "engine": "sapi"}], "a"))


def test_unreadable_catalogue(tmp_path: Path) -> None:
    (tmp_path / "voices.json").write_text("{", encoding="utf-8")
    with pytest.raises(ValueError, match="cannot read voice catalogue"):
        load_catalogue(tmp_path / "voices.json")


def test_with_voice_replaces_by_id() -> None:
    catalogue = Catalogue((Voice("a", "espeak", "A", "ko", engine_voice="ko"),), "a")
    updated = catalogue.with_voice(Voice("a", "espeak", "A2", "ko", engine_voice="ko+f3"))
    assert [v.name for v in updated.voices] == ["A2"]
    assert catalogue.voices[0].name == "A"  # the original is unchanged
