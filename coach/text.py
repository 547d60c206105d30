"""Small text helpers the coach's metrics and rules share: language, sentences, syllables, tokens."""
from __future__ import annotations

import re

HANGUL = re.compile("[\uac00-\ud7a3]")
_SENTENCE_END = re.compile(r"(?<=[.!?。])\s+|(?<=다\.)|(?<=요\.)|\n+")
_TOKEN_STRIP = ".,!?…~\"'()[]:;·-"


def language_of(text: str) -> str:
    """"ko" when the text holds Hangul, else "en"."""
    return "ko" if HANGUL.search(text) else "en"


def syllables(text: str) -> int:
    """Hangul syllable blocks (each is one spoken syllable)."""
    return len(HANGUL.findall(text))


def tokens(text: str) -> list[str]:
    """Whitespace words, lower-cased, with punctuation around them removed (empty ones dropped)."""
    return [t for t in (w.strip(_TOKEN_STRIP).lower() for w in text.split()) if t]


def sentences(text: str) -> list[str]:
    """The answer's sentences (trimmed, non-empty), in order."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


def shorten(text: str, limit: int = 120) -> str:
    """`text` cut at a word boundary to at most `limit` characters (a quote stays a substring of its source)."""
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text[:limit]
    return cut[: cut.rfind(" ")] if " " in cut else cut
