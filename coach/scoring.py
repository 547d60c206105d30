"""Scores from the shared reading of an answer: four categories, the question's score and a five-level grade.

The reading (`interview.reading.AnswerReading`) says what kind of answer it is and what it holds; the scores only
weigh that evidence. A non-answer (evasive, off-topic, a question back, a request to repeat, a few words) scores at
most NON_ANSWER_CAP whatever words it contains, and a keyword list at most STUFFING_CAP: the reading, not the
vocabulary, decides. The constants were tuned on tests/data/coach_answers_*_tuned.json only.
"""
from __future__ import annotations

from dataclasses import dataclass

from coach.metrics import PACE_RANGE, AnswerMetrics
from interview.reading import AnswerKind, AnswerReading

# Category weights of a question's score; delivery only counts for spoken answers (typed ones re-normalise).
WEIGHTS = {"content": 0.40, "structure": 0.25, "specificity": 0.20, "delivery": 0.15}
NON_ANSWERS = frozenset({AnswerKind.EVASIVE, AnswerKind.OFF_TOPIC, AnswerKind.QUESTION, AnswerKind.REPEAT_REQUEST,
                         AnswerKind.TOO_SHORT})
NON_ANSWER_CAP = 10  # highest score of a non-answer (the README promises it)
STUFFING_CAP = 15  # highest score of a keyword list
NO_EXPERIENCE_CAP = 40  # an honest "I have not done that" with how they would approach it: an answer, not a good one
BARE_NO_EXPERIENCE_CAP = 20  # "I have not done that" and little else
BARE_RATIO = 0.25  # length ratio under which a no-experience answer adds nothing to the admission
OTHER_LANGUAGE_CAP = 60  # answered in the other language than the interview's
STORY_PARTS = ("situation", "task", "action", "result")
# (lower bound, grade) from the top; the grade names are in coach.wording
GRADES = ((85, "A"), (70, "B"), (55, "C"), (35, "D"), (0, "E"))
# Raw category value → reported score: a monotone curve (order unchanged) that puts the tuned part's bands on the
# grade scale: a plain answer about 50 (D/C), a good one about 75 (B), an excellent one 85+ (A).
CURVE = ((0, 0), (10, 25), (25, 48), (50, 70), (70, 85), (100, 100))
FILLERS_PER_MIN_OK = 4.0  # fillers per minute a listener hardly notices
PAUSE_BEFORE_OK_S = 5.0  # s of thinking before answering that reads as composure, not as a blank


@dataclass(frozen=True)
class Scored:
    """A question's category scores (delivery None for typed answers), its score and whether it counts as answered."""

    content: int
    structure: int
    specificity: int
    delivery: int | None
    score: int
    answered: bool
    keyword_list: bool  # the answer is a list of words, not sentences
    coherence: float  # the reading's (scaled down for a keyword list)
    cap: int | None  # the cap that applied (non-answer, keyword list, …), None when none did


def score_answer(reading: AnswerReading, asks_for: tuple[str, ...], metrics: AnswerMetrics | None,
                 interview_language: str) -> Scored:
    """The scores of one answer from its reading and its measured delivery."""
    stuffing, coherence = reading.keyword_stuffing, reading.coherence
    covered = 1.0 - len(reading.missing) / len(asks_for) if asks_for else 1.0
    length = _length_factor(reading.length_ratio)
    content = _curved(100 * length * (0.65 * reading.relevance + 0.35 * covered))
    story = sum(getattr(reading.star, part) is not None for part in STORY_PARTS) / len(STORY_PARTS)
    wants_story = any(part in asks_for for part in ("action", "result", "situation"))
    structure = _curved(100 * length * (0.55 * story + 0.45 * coherence if wants_story
                                       else 0.3 * story + 0.7 * coherence))
    specificity = _curved(100 * min(1.0, reading.specificity * (0.6 + 0.4 * length)))
    delivery = delivery_score(metrics, interview_language)
    parts = {"content": content, "structure": structure, "specificity": specificity, "delivery": delivery}
    weights = {k: w for k, w in WEIGHTS.items() if parts[k] is not None}
    score = _clamp(sum(weights[k] * parts[k] for k in weights) / sum(weights.values()))  # type: ignore[operator]
    cap = _cap(reading, stuffing, interview_language)
    if cap is not None:
        score = min(score, cap)
        content, structure, specificity = (min(v, cap) for v in (content, structure, specificity))
    answered = reading.kind not in NON_ANSWERS
    return Scored(content, structure, specificity, delivery, score, answered, stuffing, coherence, cap)


def delivery_score(metrics: AnswerMetrics | None, language: str) -> int | None:
    """How it was said (voice answers only): pace in range, few fillers, no long silences, within the time limit."""
    if metrics is None or metrics.mode != "voice" or metrics.pace_value is None:
        return None
    low, high = PACE_RANGE[language if language in PACE_RANGE else "ko"]
    pace = metrics.pace_value
    off_pace = max(low - pace, pace - high, 0.0) / (high - low)
    value = 100 - 60 * min(off_pace, 1.0)
    value -= 5 * max((metrics.fillers_per_min or 0.0) - FILLERS_PER_MIN_OK, 0.0)
    value -= 8 * metrics.long_pauses
    if metrics.time_to_answer_s is not None:
        value -= 3 * max(metrics.time_to_answer_s - PAUSE_BEFORE_OK_S, 0.0)
    if metrics.timed_out:
        value -= 15
    return _clamp(value)


def grade_of(score: int) -> str:
    """The five-level grade (A–E) of a 0–100 score."""
    return next(grade for floor, grade in GRADES if score >= floor)


def _cap(reading: AnswerReading, stuffing: bool, interview_language: str) -> int | None:
    if reading.kind in NON_ANSWERS:
        return NON_ANSWER_CAP
    if stuffing:
        return STUFFING_CAP
    if reading.kind is AnswerKind.NO_EXPERIENCE:
        return BARE_NO_EXPERIENCE_CAP if reading.length_ratio < BARE_RATIO else NO_EXPERIENCE_CAP
    if reading.kind is AnswerKind.OTHER_LANGUAGE or reading.language != interview_language:
        return OTHER_LANGUAGE_CAP
    return None


def _length_factor(ratio: float) -> float:
    """1 for an answer of about the expected length, less for a short one, a little less for a rambling one."""
    if ratio < 1.0:
        return min(1.0, max(0.1, ratio) / 0.5) ** 0.8
    return 1.0 if ratio <= 3.0 else 0.9


def _curved(value: float) -> int:
    """`value` (0–100) through CURVE."""
    for (x0, y0), (x1, y1) in zip(CURVE, CURVE[1:]):
        if value <= x1:
            return _clamp(y0 + (y1 - y0) * (max(value, x0) - x0) / (x1 - x0))
    return 100


def _clamp(value: float) -> int:
    return int(max(0, min(100, round(value))))
