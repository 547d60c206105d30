"""Phonemes, Hangul and letters -> visemes."""
from __future__ import annotations

import pytest

from lipsync.visemes import VISEMES, symbol_visemes


@pytest.mark.parametrize(
    ("symbol", "expected"),
    [
        # Korean as espeak-ng writes it (안녕하세요 / 자기소개 / 까치 / 휘파람)
        ("ɐ", ["AA"]), ("ˈɐ", ["AA"]), ("ʌ", ["AH"]), ("ɯ", ["IH"]), ("ˌo", ["OH"]), ("u", ["UU"]), ("e", ["EH"]),
        ("ɛ", ["EH"]), ("tɕ", ["SH"]), ("tɕʰ", ["SH"]), ("q", ["KK"]), ("q-", ["KK"]), ("t-", ["DD"]), ("s-", ["SS"]),
        ("ph", ["PP"]), ("m", ["PP"]), ("ɾ", ["DD"]), ("ɫ", ["DD"]), ("ŋ", ["KK"]), ("k͈", ["KK"]),
        # English
        ("p", ["PP"]), ("b", ["PP"]), ("f", ["FF"]), ("v", ["FF"]), ("θ", ["DD"]), ("ð", ["DD"]), ("s", ["SS"]),
        ("ʃ", ["SH"]), ("dʒ", ["SH"]), ("t͡ʃ", ["SH"]), ("ɹ", ["RR"]), ("w", ["UU"]), ("iː", ["IH"]), ("ɪ", ["IH"]),
        ("æ", ["AA"]), ("ɑː", ["AA"]), ("ə", ["AH"]), ("ɔː", ["OH"]), ("uː", ["UU"]), ("ʊ", ["UU"]),
        ("aɪ", ["AA", "IH"]), ("əʊ", ["AH", "UU"]), ("oʊ", ["OH", "UU"]), ("eɪ", ["EH", "IH"]),
    ],
)
def test_ipa_symbols(symbol: str, expected: list[str]) -> None:
    assert symbol_visemes(symbol) == expected


@pytest.mark.parametrize(
    ("syllable", "expected"),
    [
        ("아", ["AA"]), ("안", ["AA", "DD"]), ("녕", ["DD", "IH", "AH", "KK"]), ("마", ["PP", "AA"]),
        ("우", ["UU"]), ("으", ["IH"]), ("봐", ["PP", "UU", "AA"]), ("십", ["SS", "IH", "PP"]), ("줘", ["SH", "UU", "AH"]),
    ],
)
def test_hangul_syllables_decompose(syllable: str, expected: list[str]) -> None:
    assert symbol_visemes(syllable) == expected


def test_letters_pauses_and_unknowns() -> None:
    assert symbol_visemes("Hello") == ["KK", "EH", "DD", "DD", "OH"]
    assert symbol_visemes("B") == ["PP"]
    for pause in ("_", ".", ",", "?", "sil", "pau"):
        assert symbol_visemes(pause) == ["sil"], pause
    for glide in ("", " ", "☃"):  # word gaps and unknowns: the mouth glides through, it does not close
        assert symbol_visemes(glide) == [], glide


def test_shapes_are_ordered_sensibly() -> None:
    assert VISEMES["PP"].open == VISEMES["sil"].open == 0.0
    assert VISEMES["AA"].open > VISEMES["EH"].open > VISEMES["IH"].open > VISEMES["SS"].open
    assert VISEMES["UU"].width < VISEMES["OH"].width < 0 < VISEMES["EH"].width < VISEMES["IH"].width
    assert VISEMES["PP"].dominance > VISEMES["KK"].dominance
