"""Korean particles chosen by the syllable before them (받침), so the report never writes "이(가)"."""
from __future__ import annotations

_HANGUL_FIRST, _HANGUL_LAST = 0xAC00, 0xD7A3
_RIEUL = 8  # the final-consonant index of ㄹ: "로" follows it as it follows a vowel
# particle pairs: (after a final consonant, after a vowel)
_PAIRS = {"이/가": ("이", "가"), "을/를": ("을", "를"), "은/는": ("은", "는"), "과/와": ("과", "와"),
          "으로/로": ("으로", "로"), "이에요/예요": ("이에요", "예요"), "이라/라": ("이라", "라")}
# Latin letters and digits as Korean reads them aloud: does the word end with a final consonant?
_SPOKEN_FINAL = {**dict.fromkeys("lmnr", True), **dict.fromkeys("0136780", True), **dict.fromkeys("2459", False)}


def _final(word: str) -> int | None:
    """The final consonant index of the word's last sound (0 = none), None when it cannot tell."""
    stripped = word.rstrip(" )\"'’”]")
    if not stripped:
        return None
    last = stripped[-1]
    if _HANGUL_FIRST <= ord(last) <= _HANGUL_LAST:
        return (ord(last) - _HANGUL_FIRST) % 28
    spoken = _SPOKEN_FINAL.get(last.lower())
    return None if spoken is None else (1 if spoken else 0)


def josa(word: str, pair: str) -> str:
    """`word` followed by the right form of `pair` ("이/가", "을/를", "은/는", "과/와", "으로/로", …)."""
    after_consonant, after_vowel = _PAIRS[pair]
    final = _final(word)
    if pair == "으로/로":
        return word + (after_vowel if final in (0, _RIEUL) or final is None else after_consonant)
    return word + (after_vowel if final in (0, None) else after_consonant)
