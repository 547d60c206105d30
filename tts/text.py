"""Text helpers for speech: sentence splitting (Korean + English) and normalisation before TTS."""
from __future__ import annotations

import re

from tts.korean_numbers import spell_numbers_ko

MIN_SENTENCE_CHARS = 4  # word characters (Hangul syllables, letters, digits) a sentence needs to stand alone

_CLOSERS = "\"'”’)\\]」』"
# a boundary ends after: . ! ? followed by space/end, an ellipsis or CJK full-width punctuation, or newlines
_BOUNDARY = re.compile(rf"[.!?]+[{_CLOSERS}]*(?=\s|$)|[.!?]*[…。！？]+[{_CLOSERS}]*|\n+")
_ABBREVIATION = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Sr|Jr|St|vs|e\.g|i\.e)|(?<![\w.])[A-Z])\.$")
_WORD_CHAR = re.compile(r"\w")
# an end that no later text can move: a question or exclamation mark, or a full stop after a Hangul syllable
# (Korean sentences end in "…다." / "…요."; a decimal point or an abbreviation has a digit or a letter there)
_FINAL_END = re.compile(r"(?:[?!？！]|[\uac00-\ud7a3]\.)$")
_SPEAKABLE_CHAR = re.compile(r"[^\W_]")  # a letter, syllable or digit

LETTER_NAMES_KO = {
    "A": "에이", "B": "비", "C": "씨", "D": "디", "E": "이", "F": "에프", "G": "지", "H": "에이치", "I": "아이",
    "J": "제이", "K": "케이", "L": "엘", "M": "엠", "N": "엔", "O": "오", "P": "피", "Q": "큐", "R": "알",
    "S": "에스", "T": "티", "U": "유", "V": "브이", "W": "더블유", "X": "엑스", "Y": "와이", "Z": "지",
}
# all-caps words English espeak would read as words ("QA" → /kɑː/); spelled letter by letter
ABBREVIATIONS_EN = frozenset({"AI", "HR", "QA", "CS", "IT", "SK", "LG", "UI", "UX", "PM", "PR", "KT", "CJ", "GS", "AM"})
MAX_ACRONYM_LETTERS = 5

_MARKDOWN = (
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # [text](url) → text
    (re.compile(r"https?://\S+"), " "),
    (re.compile(r"^[ \t]{0,3}#{1,6}[ \t]*", re.M), ""),  # headings
    (re.compile(r"^[ \t]*>[ \t]?", re.M), ""),  # block quotes
    (re.compile(r"^[ \t]*[-*+•][ \t]+", re.M), ""),  # list bullets
    (re.compile(r"\*+|_{2,}|`+"), ""),  # emphasis, code
)
# emoji, pictographs, arrows, geometric shapes, dingbats, joiners and selectors: espeak spells these out
_SYMBOLS = re.compile(
    "[\U0001F000-\U0001FAFF\u2190-\u21FF\u2300-\u23FF\u25A0-\u27BF\u2B00-\u2BFF"
    "\uFE00-\uFE0F\u200D\u20E3\u2022\u203B\u00B7|~/]"
)
_ACRONYM = re.compile(rf"(?<![A-Za-z])[A-Z]{{1,{MAX_ACRONYM_LETTERS}}}(?![A-Za-z])")
_EN_RANGE = re.compile(r"(\d)\s*~\s*(?=\d)")
_SPACES = re.compile(r"\s+")


def _size(text: str) -> int:
    return len(_WORD_CHAR.findall(text))


def _raw_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) cut at every boundary, whitespace trimmed, empties dropped."""
    cuts, start = [], 0
    for m in _BOUNDARY.finditer(text):
        if m.group(0) == "." and _ABBREVIATION.search(text, 0, m.end()):
            continue
        cuts.append((start, m.end()))
        start = m.end()
    cuts.append((start, len(text)))
    spans = []
    for a, b in cuts:
        piece = text[a:b]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            spans.append((a + lead, a + len(piece.rstrip())))
    return spans


def sentence_spans(text: str, min_chars: int = MIN_SENTENCE_CHARS) -> list[tuple[int, int]]:
    """Spans of `text` holding one sentence each; a span with < min_chars word chars joins a neighbour."""
    merged: list[tuple[int, int]] = []
    carry: int | None = None  # start of short pieces waiting for the next one
    for a, b in _raw_spans(text):
        a = a if carry is None else carry
        if _size(text[a:b]) < min_chars:
            carry = a
            continue
        carry = None
        merged.append((a, b))
    if carry is not None:
        end = len(text.rstrip())
        if merged:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((carry, end))
    return merged


def split_sentences(text: str, min_chars: int = MIN_SENTENCE_CHARS) -> list[str]:
    """Sentences of `text` in order, punctuation kept; joined they give `text` back (whitespace aside)."""
    return [text[a:b] for a, b in sentence_spans(text, min_chars)]


class WholeSentences(str):
    """A piece of streamed text that ends at a sentence end for sure (a reply guard released it after checking):
    a splitter fed it releases its sentences at once instead of waiting for the next sentence to begin."""


class SentenceStream:
    """Cut streamed text (LLM tokens) into sentences as soon as the next one has begun (`eager`: or as soon as
    the text ends in a mark that cannot belong to a longer sentence)."""

    def __init__(self, min_chars: int = MIN_SENTENCE_CHARS, eager: bool = False) -> None:
        self.min_chars = min_chars
        self.eager = eager
        self._buffer = ""

    def feed(self, piece: str) -> list[str]:
        """Add text; return the sentences that are now complete."""
        return [s.strip() for s in self.feed_verbatim(piece)]

    def flush(self) -> list[str]:
        """The rest of the text, at the end of the stream."""
        return [s.strip() for s in self.flush_verbatim()]

    def feed_verbatim(self, piece: str) -> list[str]:
        """Add text; return the complete sentences with the spacing around them (joined: the text fed so far)."""
        self._buffer += piece
        spans = sentence_spans(self._buffer, self.min_chars)
        if isinstance(piece, WholeSentences) or (self.eager and spans and _FINAL_END.search(self._buffer.rstrip())
                                                 and _size(self._buffer[spans[-1][0]:]) >= self.min_chars):
            return self.flush_verbatim()
        if len(spans) < 2:
            return []
        done = _verbatim(self._buffer, spans[:-1], spans[-1][0])
        self._buffer = self._buffer[spans[-1][0]:]
        return done

    def flush_verbatim(self) -> list[str]:
        """The rest of the text in sentences with their spacing, at the end of the stream."""
        rest, self._buffer = self._buffer, ""
        return _verbatim(rest, sentence_spans(rest, self.min_chars), len(rest))


def _verbatim(text: str, spans: list[tuple[int, int]], end: int) -> list[str]:
    """`text[:end]` cut before each span after the first, so every piece keeps the spacing around its sentence."""
    cuts = [0, *(a for a, _ in spans[1:]), end]
    return [text[a:b] for a, b in zip(cuts, cuts[1:])] if spans else []


def _spell_acronym_ko(m: re.Match[str]) -> str:
    return "".join(LETTER_NAMES_KO[c] for c in m.group(0))


def _spell_acronym_en(m: re.Match[str]) -> str:
    word = m.group(0)
    return " ".join(word) if word in ABBREVIATIONS_EN else word


def normalize_for_speech(text: str, lang: str) -> str:
    """Text as a synthesizer should read it: no markdown/emoji, numbers and acronyms in words (lang "ko"/"en")."""
    for pattern, repl in _MARKDOWN:
        text = pattern.sub(repl, text)
    if lang == "ko":
        text = spell_numbers_ko(text)
        text = text.replace("&", "앤")
        text = _ACRONYM.sub(_spell_acronym_ko, text)
    else:
        text = _EN_RANGE.sub(r"\1 to ", text)
        text = _ACRONYM.sub(_spell_acronym_en, text)
    text = _SYMBOLS.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def speakable(text: str) -> bool:
    """True when something is left to say once links, markdown, symbols and emoji are removed."""
    return bool(_SPEAKABLE_CHAR.search(normalize_for_speech(text, "en")))
