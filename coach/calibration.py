"""The labelled answers set (tests/data/coach_answers_*.json) scored by the embedded judge: Spearman ρ and ordering.

Shared by the CI test (tuned part only) and `bench/coach_calibration.py` (both parts, both languages).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from scipy.stats import spearmanr

from coach.scoring import score_answer
from interview.reading import intent_of, read_answer

DATA_DIR = Path(__file__).resolve().parent.parent / "tests" / "data"
BAND_RANK = {"excellent": 5, "good": 4, "plain": 3, "weak": 2, "evasive": 1, "off_topic": 1, "keyword_salad": 1}
NON_ANSWER_BANDS = frozenset({"evasive", "off_topic", "keyword_salad"})
GOOD_BANDS = frozenset({"good", "excellent"})


@dataclass(frozen=True)
class ScoredAnswer:
    """One labelled answer and the score the judge gave it."""

    id: str
    band: str
    score: int
    kind: str
    answer: str


@dataclass(frozen=True)
class Calibration:
    """How well the scores follow the bands on one part of the set."""

    language: str
    part: str
    answers: list[ScoredAnswer]
    rho: float
    ordering_violations: list[tuple[str, str]]  # (non-answer id, good/excellent id) where the first is not below


def labelled(language: str, part: str) -> list[dict[str, str]]:
    """The labelled answers of one language and part ("tuned" or "heldout")."""
    data = json.loads((DATA_DIR / f"coach_answers_{language}_{part}.json").read_text(encoding="utf-8"))
    return list(data["answers"])


def calibrate(language: str, part: str) -> Calibration:
    """Score every answer of the part and measure ρ and the non-answer-below-good ordering."""
    scored = []
    for item in labelled(language, part):
        question = intent_of(item["question"], language)
        reading = read_answer(item["answer"], question, language)
        result = score_answer(reading, question.asks_for, None, language)
        scored.append(ScoredAnswer(item["id"], item["band"], result.score, str(reading.kind), item["answer"]))
    rho = float(spearmanr([BAND_RANK[a.band] for a in scored], [a.score for a in scored]).statistic)
    low = [a for a in scored if a.band in NON_ANSWER_BANDS]
    high = [a for a in scored if a.band in GOOD_BANDS]
    violations = [(a.id, b.id) for a in low for b in high if a.score >= b.score]
    return Calibration(language, part, scored, rho, violations)
