"""Voices that fit: every catalogue voice has a gender and age band; presets and panels get matching, distinct voices."""
from __future__ import annotations

from dataclasses import replace

import pytest

from characters.presets import load_presets
from tts.espeak import VOICES
from tts.voice_match import Casting, age_band_of, fitting_voices, gender_of, speaker_voice
from tts.voices import AGE_BANDS, GENDERS, load_catalogue


def test_every_voice_has_a_gender_and_age_band_and_every_espeak_voice_exists() -> None:
    catalogue = load_catalogue()
    for voice in catalogue.voices:
        assert voice.gender in GENDERS and voice.age_band in AGE_BANDS
        if voice.engine == "espeak":
            assert voice.engine_voice in VOICES
            assert voice.gender != "unspecified" and voice.age_band != "unspecified"
    assert {"gender", "age_band"} <= set(catalogue.get("ko").to_api())


@pytest.mark.parametrize(("text", "gender", "band"), [("여성", "female", None), ("남성", "male", None), ("female", "female", None),
                                                      ("", "unspecified", None)])
def test_gender_of(text: str, gender: str, band: str | None) -> None:
    assert gender_of(text) == gender


def test_age_band_of() -> None:
    assert age_band_of("40대 초반") == "40s"
    assert age_band_of("50대") == "50s"
    assert age_band_of("35") == "30s"
    assert age_band_of("") == "unspecified"


def test_each_preset_speaks_with_a_voice_of_its_gender_and_nearest_age() -> None:
    catalogue = load_catalogue()
    for preset in load_presets():
        voice = catalogue.get(preset.voice_id)
        assert voice.gender == gender_of(preset.gender), preset.id
        best = fitting_voices(catalogue, Casting(voice.gender, age_band_of(preset.age), preset.language), {"espeak"})[0]
        assert abs(AGE_BANDS.index(voice.age_band) - AGE_BANDS.index(best.age_band)) == 0, preset.id


def test_panel_members_never_share_a_voice_when_another_fits() -> None:
    catalogue = load_catalogue()
    presets = {p.id: p for p in load_presets()}
    twin = replace(presets["lead_kang"], id="lead_kang_twin")  # same gender, age and voice as lead_kang
    panel = (presets["lead_kang"], twin, presets["hr_seo"])
    voices = [speaker_voice(catalogue, member, panel) for member in panel]
    assert voices[0] == presets["lead_kang"].voice_id  # the first keeps the preset's voice
    assert len(set(voices)) == len(voices)
    assert speaker_voice(catalogue, presets["exec_yoon"], (presets["lead_kang"], presets["exec_yoon"])) == "ko-male-senior"
    assert all(catalogue.get(v).gender == gender_of(m.gender) for v, m in zip(voices, panel))


def test_a_lone_member_keeps_its_voice_when_no_other_fits() -> None:
    catalogue = load_catalogue()
    hr = next(p for p in load_presets() if p.id == "hr_seo")
    others = [replace(hr, id=f"hr{i}") for i in range(4)]  # more women than female Korean voices
    voices = [speaker_voice(catalogue, m, others) for m in others]
    assert len(set(voices)) == 2 and all(catalogue.get(v).gender == "female" for v in voices)
