"""Phonemes and letters -> visemes (mouth shapes), for Korean and English.

Accepted symbols: IPA as espeak-ng writes it (stress, length, aspiration and tie marks are ignored;
multi-phoneme strings such as diphthongs are split), Hangul syllables (decomposed into jamo, as
ElevenLabs' character timings give them), and Latin letters (a rough spelling-based guess).
Each viseme comes with its share of the symbol's time. A Hangul syllable follows Korean syllable
structure: a short onset, a glide (ㅑ ㅘ ㅝ ...) shorter than the vowel it leads into, the vowel
longest (it sets the opening and the rounding), and a final consonant (batchim) held to the end of the
syllable, unreleased — ㅁ ㅂ ㅍ finals keep the lips closed until the next syllable starts.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Viseme:
    """A target mouth shape and how strongly it resists its neighbours (coarticulation dominance)."""

    name: str
    open: float  # 0 closed .. 1 wide open
    width: float  # -1 rounded .. +1 spread
    dominance: float


VISEMES: dict[str, Viseme] = {
    v.name: v
    for v in (
        Viseme("sil", 0.00, 0.00, 1.0),  # silence: lips at rest, closed
        Viseme("PP", 0.00, 0.00, 3.0),  # p b m: lips pressed together
        Viseme("FF", 0.08, 0.20, 2.0),  # f v: lower lip to upper teeth
        Viseme("DD", 0.20, 0.15, 0.8),  # t d n l ɾ θ ð: tongue tip, jaw slightly open
        Viseme("SS", 0.10, 0.50, 1.2),  # s z: teeth close, lips spread
        Viseme("SH", 0.18, -0.70, 1.6),  # ʃ ʒ tɕ dʑ: lips pushed forward
        Viseme("KK", 0.28, 0.05, 0.5),  # k g ŋ h: made at the back, lips follow the vowels
        Viseme("RR", 0.20, -0.50, 1.0),  # English r: slight rounding
        Viseme("AA", 0.90, 0.15, 1.0),  # a ɐ ɑ æ
        Viseme("AH", 0.55, 0.00, 1.0),  # ʌ ə ɜ
        Viseme("EH", 0.50, 0.45, 1.0),  # e ɛ
        Viseme("IH", 0.25, 0.75, 1.0),  # i ɪ ɯ ɨ j
        Viseme("OH", 0.55, -0.70, 1.1),  # o ɔ ø
        Viseme("UU", 0.22, -1.00, 1.3),  # u ʊ w y
    )
}

IPA: dict[str, str] = {
    **dict.fromkeys(["p", "b", "m", "ɸ", "β", "ɱ", "ph", "pp", "bb"], "PP"),
    **dict.fromkeys(["f", "v", "ʋ"], "FF"),
    **dict.fromkeys(["t", "d", "n", "l", "ɫ", "ɾ", "θ", "ð", "ʈ", "ɖ", "ɳ", "ɭ", "ɗ", "r", "ɬ", "th", "tt", "dd"], "DD"),
    **dict.fromkeys(["s", "z", "ts", "dz", "ʦ", "ʣ", "ss"], "SS"),
    **dict.fromkeys(["ʃ", "ʒ", "tʃ", "dʒ", "tɕ", "dʑ", "ɕ", "ʑ", "ç", "ʝ", "ʧ", "ʤ", "tɕh", "tʃh", "tsh"], "SH"),
    **dict.fromkeys(["k", "g", "ɡ", "q", "ŋ", "x", "ɣ", "h", "ɦ", "ʔ", "χ", "ɢ", "ɴ", "kh", "kk", "gg"], "KK"),
    **dict.fromkeys(["ɹ", "ɻ", "ʁ", "ʀ"], "RR"),
    **dict.fromkeys(["a", "ɐ", "ɑ", "æ", "ä", "ɶ", "ᴀ"], "AA"),
    **dict.fromkeys(["ʌ", "ə", "ɜ", "ɞ", "ɚ", "ɝ", "ɘ"], "AH"),
    **dict.fromkeys(["e", "ɛ", "ᵻ"], "EH"),
    **dict.fromkeys(["i", "ɪ", "ɨ", "ɯ", "j", "ɰ", "ɤ"], "IH"),
    **dict.fromkeys(["o", "ɔ", "ɒ", "ɵ", "ø", "œ"], "OH"),
    **dict.fromkeys(["u", "ʊ", "w", "ɥ", "y", "ʏ", "ʉ"], "UU"),
}
PAUSES = frozenset({"_", "sil", "sp", "pau", "spn", "#", "|", "‖"})
PUNCTUATION = frozenset(".,!?;:…~-–—\"'()[]{}«»“”‘’。、·")
IGNORED = frozenset("ˈˌːˑʰʱʲʷˠˤ̃ʼ*-0123456789^") | {"\u0361", "\u035c", "\u0348", "\u0325", "\u032a", "\u0329", "\u031a"}
MAX_TOKEN = max(len(k) for k in IPA)

LETTERS: dict[str, str] = {
    **dict.fromkeys("bmp", "PP"), **dict.fromkeys("fv", "FF"), **dict.fromkeys("tdnl", "DD"),
    **dict.fromkeys("szcx", "SS"), "j": "SH", **dict.fromkeys("kgqh", "KK"), "r": "RR", "w": "UU",
    "a": "AA", "e": "EH", "i": "IH", "y": "IH", "o": "OH", "u": "AH",
}

# Hangul jamo by index in a precomposed syllable (U+AC00 + (initial * 21 + medial) * 28 + final)
_INITIALS = ("KK", "KK", "DD", "DD", "DD", "DD", "PP", "PP", "PP", "SS", "SS", None, "SH", "SH", "SH", "KK", "DD", "PP", "KK")
_MEDIALS = (
    ("AA",), ("EH",), ("IH", "AA"), ("IH", "EH"), ("AH",), ("EH",), ("IH", "AH"), ("IH", "EH"), ("OH",), ("UU", "AA"),
    ("UU", "EH"), ("UU", "EH"), ("IH", "OH"), ("UU",), ("UU", "AH"), ("UU", "EH"), ("UU", "IH"), ("IH", "UU"), ("IH",),
    ("IH",), ("IH",),
)
_FINALS = (
    None, "KK", "KK", "KK", "DD", "DD", "DD", "DD", "DD", "KK", "PP", "PP", "DD", "DD", "PP", "DD", "PP", "PP", "PP",
    "DD", "DD", "KK", "DD", "DD", "KK", "DD", "PP", "DD",
)
_HANGUL_FIRST, _HANGUL_LAST = 0xAC00, 0xD7A3
_SILENT_ONSET = 11  # ㅇ: no consonant before the vowel
_BREATHY_ONSET = 18  # ㅎ: the lips already take the vowel's shape

VOWEL_SHARE = 2.0  # a vowel's share of its symbol's time, against 1 for a consonant
GLIDE_SHARE = 0.6  # the on-glide of a Korean diphthong (ㅑ = j + a)
BREATHY_SHARE = 0.6  # ㅎ onset
HOLD_SHARE = 1.2  # a batchim: held closure at the end of the syllable


def is_vowel(name: str) -> bool:
    """True for the vowel visemes (they get the larger share of a syllable's time)."""
    return name in ("AA", "AH", "EH", "IH", "OH", "UU")


Unit = tuple[str, float]  # (viseme name, relative share of its symbol's time)


def _hangul(ch: str) -> list[Unit]:
    """A precomposed syllable as onset, (glide,) vowel, (batchim) with their time shares."""
    code = ord(ch) - _HANGUL_FIRST
    initial, rest = divmod(code, 21 * 28)
    medial, final = divmod(rest, 28)
    out: list[Unit] = []
    if initial != _SILENT_ONSET:
        out.append((_INITIALS[initial], BREATHY_SHARE if initial == _BREATHY_ONSET else 1.0))
    *glide, vowel = _MEDIALS[medial]
    out += [(g, GLIDE_SHARE) for g in glide] + [(vowel, VOWEL_SHARE)]
    if _FINALS[final]:
        out.append((_FINALS[final], HOLD_SHARE))
    return out


def _clean(symbol: str) -> str:
    """Lower-case symbol with Hangul syllables kept whole and every other mark or modifier dropped."""
    out = []
    for ch in unicodedata.normalize("NFC", symbol.lower()):
        if _HANGUL_FIRST <= ord(ch) <= _HANGUL_LAST:
            out.append(ch)
            continue
        for part in unicodedata.normalize("NFD", ch):
            if part in IGNORED or unicodedata.combining(part):
                continue
            out.append(" " if part.isspace() or part in PUNCTUATION else part)
    return "".join(out)


def symbol_visemes(symbol: str) -> list[str]:
    """Viseme names for one timed symbol, in order (see `symbol_units`)."""
    return [name for name, _ in symbol_units(symbol)]


def symbol_units(symbol: str) -> list[Unit]:
    """Visemes with their shares of the symbol's time, in order.

    [("sil", 1)] for pause marks and punctuation (the speaker stops); [] for spaces between words and
    for unknown symbols (the mouth glides from its neighbours through them).
    """
    if symbol.strip().lower() in PAUSES:
        return [("sil", 1.0)]
    text = _clean(symbol)
    if not text.strip():
        return [("sil", 1.0)] if any(c in PUNCTUATION for c in symbol) else []
    out: list[Unit] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if _HANGUL_FIRST <= ord(ch) <= _HANGUL_LAST:
            out += _hangul(ch)
            i += 1
            continue
        for size in range(min(MAX_TOKEN, len(text) - i), 0, -1):
            if text[i : i + size] in IPA:
                out.append(_unit(IPA[text[i : i + size]]))
                i += size
                break
        else:
            if ch in LETTERS:
                out.append(_unit(LETTERS[ch]))
            i += 1
    return out


def _unit(name: str) -> Unit:
    """A phoneme's or letter's viseme with the default share (vowels longer than consonants)."""
    return name, VOWEL_SHARE if is_vowel(name) else 1.0
