"""Casting voices: the catalogue voice that fits a character's gender and age, and distinct voices on a panel."""
from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Protocol

from tts.voices import AGE_BANDS, Catalogue, Voice

_FEMALE = re.compile(r"여|female|woman|\bf\b", re.IGNORECASE)
_MALE = re.compile(r"남|male|man|\bm\b", re.IGNORECASE)
_DECADE = re.compile(r"(\d)0")


@dataclass(frozen=True)
class Casting:
    """What a voice must fit: a character's gender, age band and language."""

    gender: str  # "female", "male" or "unspecified"
    age_band: str  # one of AGE_BANDS
    language: str


def gender_of(text: str) -> str:
    """"female" / "male" / "unspecified" from a free-text gender ("여성", "남성", "female", ...)."""
    if _FEMALE.search(text or ""):
        return "female"  # tested first: "female" contains "male"
    return "male" if _MALE.search(text or "") else "unspecified"


def age_band_of(text: str) -> str:
    """The age band of a free-text age ("40대 초반", "50s", "45") or "unspecified"."""
    match = _DECADE.search(text or "") or re.search(r"(\d)\d", text or "")
    band = f"{match.group(1)}0s" if match else "unspecified"
    if band in AGE_BANDS:
        return band
    return "20s" if match and int(match.group(1)) < 2 else ("60s" if match else "unspecified")


def _age_gap(a: str, b: str) -> int:
    """Decades between two bands (1 when either is unknown)."""
    if "unspecified" in (a, b):
        return 1
    return abs(AGE_BANDS.index(a) - AGE_BANDS.index(b))


def fitting_voices(catalogue: Catalogue, want: Casting, engines: Collection[str] | None = None) -> list[Voice]:
    """Configured voices in the character's language, best fit first: same gender, then nearest age."""
    pool = [v for v in catalogue.voices if v.configured and v.language == want.language and (engines is None or v.engine in engines)]
    pool = [v for v in pool if want.gender == "unspecified" or v.gender in (want.gender, "unspecified")]
    return sorted(pool, key=lambda v: (v.gender != want.gender, _age_gap(v.age_band, want.age_band)))


def panel_voice(catalogue: Catalogue, chosen: str, want: Casting, others: Sequence[str],
                engines: Collection[str] | None = None) -> str:
    """`chosen`, unless another panel member speaks with it and a fitting voice is free; then that one."""
    if chosen not in others:
        return chosen
    current = next((v for v in catalogue.voices if v.voice_id == chosen), None)
    same_engine = {current.engine} if current is not None else engines
    free = [v for v in fitting_voices(catalogue, want, same_engine) if v.voice_id not in others and v.gender == want.gender]
    return free[0].voice_id if free else chosen


def speaker_voice(catalogue: Catalogue, speaker: "Speaker", panel: Sequence["Speaker"]) -> str:
    """The speaker's voice, made distinct from the panel members before it (who keep theirs)."""
    taken: list[str] = []
    for member in panel:
        if member.id == speaker.id:
            break
        want = Casting(gender_of(member.gender), age_band_of(member.age), member.language)
        taken.append(panel_voice(catalogue, member.voice_id, want, taken))
    want = Casting(gender_of(speaker.gender), age_band_of(speaker.age), speaker.language)
    return panel_voice(catalogue, speaker.voice_id, want, taken)


class Speaker(Protocol):
    """What casting reads of a character (characters.model.Character has it)."""

    id: str
    gender: str
    age: str
    language: str
    voice_id: str
