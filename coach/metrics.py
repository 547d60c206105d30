"""How an answer was given: pace, fillers per minute, the pause before answering, long pauses and the time limit.

Voice answers carry the STT's word timings (the page sends them as /api/stt returned them); typed answers only
their text and the time to answer. Korean pace is syllables per second, English words per minute.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from coach.text import language_of, syllables, tokens

LONG_PAUSE_S = 1.5  # s of silence between two words that a listener notices as a long pause
FILLER_GAP_S = 0.4  # s of silence after a soft filler that marks it as hesitation rather than a word
# Always fillers when they stand alone as a word (hesitation sounds).
FILLERS = {"ko": frozenset({"어", "음", "으음", "엄", "어어", "음음", "아", "에", "저기", "저기요", "뭐랄까", "그니까"}),
           "en": frozenset({"um", "uh", "erm", "er", "hmm", "uhm", "umm", "uhh"})}
# Words Korean speakers use as fillers that are also real words: fillers when a pause follows them (a comma or
# "…" in the text, a silence in the word timings) or when they are said twice in a row ("그 그").
SOFT_FILLERS = {"ko": frozenset({"그", "저", "뭐", "막", "약간", "뭔가", "이제", "그러니까", "좀", "그냥", "아무튼", "진짜"}),
                "en": frozenset({"like", "so", "well", "basically", "actually"})}
PAUSE_MARKS = (",", "…", "...")
# Comfortable pace: syllables/s in Korean, words/min in English (news-reading speed ± a margin).
PACE_RANGE = {"ko": (4.0, 6.5), "en": (110.0, 170.0)}
PACE_UNIT = {"ko": "syllables_per_s", "en": "words_per_min"}


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
    time_limit_s: float | None = Field(default=None, gt=0, le=3600)  # real mode: the answer's time limit
    answer_time_s: float | None = Field(default=None, ge=0, le=3600)  # real mode: answer started → sent
    timed_out: bool = False  # real mode: the page sent the answer when the limit ran out


class AnswerMetrics(BaseModel):
    """The measured delivery of one answer."""

    mode: Literal["voice", "typed"]
    characters: int
    words: int
    syllables: int  # Hangul syllables (0 in English)
    speaking_time_s: float | None = None  # voice: first word start → last word end
    rate_per_min: float | None = None  # voice: syllables/min (Korean) or words/min (English)
    rate_unit: Literal["syllables", "words"]
    pace_value: float | None = None  # voice: syllables/s (Korean) or words/min (English)
    pace_unit: Literal["syllables_per_s", "words_per_min"] = "words_per_min"
    pace: Literal["slow", "good", "fast"] | None = None
    long_pauses: int = 0  # gaps of at least LONG_PAUSE_S between words
    longest_pause_s: float = 0.0
    fillers: dict[str, int] = Field(default_factory=dict)
    filler_count: int = 0
    fillers_per_min: float | None = None  # voice: fillers per minute of speaking
    time_to_answer_s: float | None = None  # the pause before answering
    time_limit_s: float | None = None
    answer_time_s: float | None = None
    timed_out: bool = False


def filler_counts(text: str, language: str, words: Sequence[TimedWord] = ()) -> Counter[str]:
    """Filler words of the answer by word: hard ones always, soft ones before a pause or said twice in a row."""
    counts: Counter[str] = Counter()
    raw_words = text.split()
    gaps = _gaps_after(words) if words and len(words) == len(raw_words) else {}
    cleaned = [w.strip(".,!?…~\"'()").lower() for w in raw_words]
    for i, (raw, word) in enumerate(zip(raw_words, cleaned)):
        if word in FILLERS[language]:
            counts[word] += 1
        elif word in SOFT_FILLERS[language] and (
                raw.endswith(PAUSE_MARKS) or gaps.get(i, 0.0) >= FILLER_GAP_S
                or word in cleaned[max(i - 1, 0):i] or word in cleaned[i + 1:i + 2]):
            counts[word] += 1
    return counts


def answer_metrics(text: str, given: AnswerInput | None = None, language: str | None = None) -> AnswerMetrics:
    """Metrics of one answer: text-based always, timing-based when the page sent word timings."""
    given = given or AnswerInput()
    language = language or language_of(text)
    voice = given.mode == "voice" and bool(given.words)
    fillers = filler_counts(text, language, given.words if voice else ())
    metrics = AnswerMetrics(
        mode=given.mode, characters=len(text.strip()), words=len(tokens(text)), syllables=syllables(text),
        rate_unit="syllables" if language == "ko" else "words", pace_unit=PACE_UNIT[language],  # type: ignore[arg-type]
        fillers=dict(fillers), filler_count=sum(fillers.values()), time_to_answer_s=given.time_to_answer_s,
        time_limit_s=given.time_limit_s, answer_time_s=given.answer_time_s, timed_out=given.timed_out)
    if voice:
        _add_timing(metrics, given.words, language)
    return metrics


def _gaps_after(words: Sequence[TimedWord]) -> dict[int, float]:
    """Silence after each word (by position), from the word timings."""
    return {i: max(b.start - a.end, 0.0) for i, (a, b) in enumerate(zip(words, words[1:]))}


def _add_timing(metrics: AnswerMetrics, words: Sequence[TimedWord], language: str) -> None:
    """Speaking time, pace, pauses and fillers per minute from word timings."""
    ordered = sorted(words, key=lambda w: w.start)
    speaking = max(ordered[-1].end - ordered[0].start, 0.0)
    gaps = [b.start - a.end for a, b in zip(ordered, ordered[1:])]
    units = metrics.syllables if language == "ko" else metrics.words
    metrics.speaking_time_s = round(speaking, 2)
    metrics.long_pauses = sum(g >= LONG_PAUSE_S for g in gaps)
    metrics.longest_pause_s = round(max(gaps, default=0.0), 2)
    if speaking > 0:
        per_min = units / speaking * 60.0
        metrics.rate_per_min = round(per_min, 1)
        metrics.pace_value = round(per_min / 60.0, 2) if language == "ko" else round(per_min, 1)
        low, high = PACE_RANGE[language]
        metrics.pace = "slow" if metrics.pace_value < low else "fast" if metrics.pace_value > high else "good"
        metrics.fillers_per_min = round(metrics.filler_count / speaking * 60.0, 1)
