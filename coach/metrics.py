"""How an answer was given: speaking time, pace, long pauses and filler words (voice), length and time to answer (typed)."""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from coach.text import language_of, syllables, tokens

LONG_PAUSE_S = 1.5  # s of silence between two words that a listener notices as a long pause
# Always fillers when they stand alone as a word.
FILLERS = {"ko": frozenset({"어", "음", "으음", "엄", "어어", "음음", "아", "에", "저기", "뭐랄까"}),
           "en": frozenset({"um", "uh", "erm", "er", "hmm", "uhm", "umm"})}
# Fillers only when a pause mark follows them ("그, 저는…", "like, we…"): otherwise real words.
SOFT_FILLERS = {"ko": frozenset({"그", "저", "뭐", "막", "약간", "그러니까"}), "en": frozenset({"like", "so", "well"})}
PAUSE_MARKS = (",", "…", "...")
# Comfortable pace for an interview answer: syllables/min in Korean, words/min in English.
PACE_RANGE = {"ko": (230.0, 380.0), "en": (110.0, 170.0)}


class TimedWord(BaseModel):
    """One recognised word with its time (as /api/stt returns them)."""

    model_config = ConfigDict(extra="ignore")
    word: str = Field(max_length=100)
    start: float = Field(ge=0)
    end: float = Field(ge=0)


class AnswerInput(BaseModel):
    """What the page knows about how an answer was given (one per candidate message, in order)."""

    model_config = ConfigDict(extra="ignore")
    mode: Literal["voice", "typed"] = "typed"
    words: list[TimedWord] = Field(default_factory=list, max_length=5000)
    time_to_answer_s: float | None = Field(default=None, ge=0, le=3600)  # question shown → answer started (typed: sent)


class AnswerMetrics(BaseModel):
    """The measured delivery of one answer."""

    mode: Literal["voice", "typed"]
    characters: int
    words: int
    syllables: int  # Hangul syllables (0 in English)
    speaking_time_s: float | None = None  # voice: first word start → last word end
    rate_per_min: float | None = None  # voice: syllables/min (Korean) or words/min (English)
    rate_unit: Literal["syllables", "words"]
    pace: Literal["slow", "good", "fast"] | None = None
    long_pauses: int = 0  # gaps of at least LONG_PAUSE_S between words
    longest_pause_s: float = 0.0
    fillers: dict[str, int] = Field(default_factory=dict)
    filler_count: int = 0
    time_to_answer_s: float | None = None


def filler_counts(text: str, language: str) -> Counter[str]:
    """Filler words of the answer by word, soft fillers only where a pause mark follows them."""
    counts: Counter[str] = Counter()
    for raw in text.split():
        word = raw.strip(".,!?…~\"'()").lower()
        if word in FILLERS[language]:
            counts[word] += 1
        elif word in SOFT_FILLERS[language] and raw.endswith(PAUSE_MARKS):
            counts[word] += 1
    return counts


def answer_metrics(text: str, given: AnswerInput | None = None) -> AnswerMetrics:
    """Metrics of one answer: text-based always, timing-based when the page sent word timings."""
    given = given or AnswerInput()
    language = language_of(text)
    fillers = filler_counts(text, language)
    metrics = AnswerMetrics(
        mode=given.mode, characters=len(text.strip()), words=len(tokens(text)), syllables=syllables(text),
        rate_unit="syllables" if language == "ko" else "words", fillers=dict(fillers),
        filler_count=sum(fillers.values()), time_to_answer_s=given.time_to_answer_s)
    if given.mode == "voice" and given.words:
        _add_timing(metrics, given.words, language)
    return metrics


def _add_timing(metrics: AnswerMetrics, words: Sequence[TimedWord], language: str) -> None:
    """Speaking time, pace and pauses from word timings."""
    ordered = sorted(words, key=lambda w: w.start)
    speaking = max(ordered[-1].end - ordered[0].start, 0.0)
    gaps = [b.start - a.end for a, b in zip(ordered, ordered[1:])]
    long_gaps = [g for g in gaps if g >= LONG_PAUSE_S]
    units = metrics.syllables if language == "ko" else metrics.words
    metrics.speaking_time_s = round(speaking, 2)
    metrics.long_pauses = len(long_gaps)
    metrics.longest_pause_s = round(max(gaps, default=0.0), 2)
    if speaking > 0:
        rate = units / speaking * 60.0
        low, high = PACE_RANGE[language]
        metrics.rate_per_min = round(rate, 1)
        metrics.pace = "slow" if rate < low else "fast" if rate > high else "good"
