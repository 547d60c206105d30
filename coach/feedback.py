"""Strengths and improvements from the reading of an answer, each quoting the sentence that shows it.

Nothing is praised in a non-answer or a keyword list; a strength needs a sentence of the answer as its evidence,
and a point without such a sentence is left out rather than quoting something unrelated.
"""
from __future__ import annotations

from coach.metrics import AnswerMetrics
from coach.schema import Feedback
from coach.scoring import NON_ANSWERS, PAUSE_BEFORE_OK_S, Scored
from coach.text import shorten
from coach.wording import part_names, say
from interview.reading import AnswerKind, AnswerReading

MAX_ITEMS = 3
RELEVANT = 0.6  # relevance from which the first sentence counts as a direct answer
SHORT_RATIO = 0.5  # an answer shorter than this share of a full one is short
VAGUE = 0.25  # specificity under which the answer has nothing concrete
INCOHERENT = 0.45
FILLERS_NOTED = 3  # fillers in one answer worth an improvement
KIND_ADVICE = {AnswerKind.EVASIVE: "improve_evasive", AnswerKind.OFF_TOPIC: "improve_off_topic",
               AnswerKind.QUESTION: "improve_question", AnswerKind.REPEAT_REQUEST: "improve_repeat",
               AnswerKind.TOO_SHORT: "improve_too_short", AnswerKind.NO_EXPERIENCE: "improve_no_experience"}


def quote_of(answer: str, evidence: str | None) -> str | None:
    """The evidence as a verbatim quote of the answer (its sentence when the reading trimmed it), or None."""
    if not evidence:
        return None
    if evidence in answer:
        return shorten(evidence)
    return None


def strengths(answer: str, reading: AnswerReading, scored: Scored, language: str) -> list[Feedback]:
    """What the answer does well, each with its sentence; none for a non-answer or a keyword list."""
    if reading.kind in NON_ANSWERS or scored.keyword_list:
        return []
    found: list[Feedback] = []

    def add(key: str, evidence: str | None, **values: object) -> None:
        quote = quote_of(answer, evidence)
        if quote and all(f.quote != quote for f in found):
            found.append(Feedback(point=say(language, key, **values), quote=quote))

    if reading.relevance >= RELEVANT and reading.sentences:
        add("strength_direct", reading.sentences[0])
    add("strength_result", reading.star.result)
    if reading.claims.own_role:
        add("strength_role", reading.claims.own_role[0])
    add("strength_action", reading.star.action)
    for number in reading.claims.numbers[:1]:
        add("strength_numbers", _sentence_with(reading, number), number=number)
    for name in reading.claims.technologies[:1]:
        add("strength_named", _sentence_with(reading, name), name=name)
    return found[:MAX_ITEMS]


def improvements(answer: str, reading: AnswerReading, scored: Scored, metrics: AnswerMetrics | None,
                 language: str) -> list[Feedback]:
    """What to change, each quoting the sentence it is about (the whole short answer for a non-answer)."""
    whole = shorten(answer)
    first = quote_of(answer, reading.sentences[0]) if reading.sentences else None
    last = quote_of(answer, reading.sentences[-1]) if reading.sentences else None
    if reading.kind in KIND_ADVICE and reading.kind is not AnswerKind.NO_EXPERIENCE:
        return [Feedback(point=say(language, KIND_ADVICE[reading.kind]), quote=first or whole)]
    if scored.keyword_list:
        return [Feedback(point=say(language, "improve_stuffing"), quote=first or whole)]
    found: list[Feedback] = []
    if reading.kind is AnswerKind.NO_EXPERIENCE:
        found.append(Feedback(point=say(language, "improve_no_experience"), quote=first or whole))
    if reading.missing:
        found.append(Feedback(point=say(language, "improve_missing", parts=part_names(language, list(reading.missing))),
                              quote=last or whole))
    if reading.length_ratio < SHORT_RATIO:
        found.append(Feedback(point=say(language, "improve_short", percent=round(100 * reading.length_ratio)),
                              quote=whole))
    if reading.specificity < VAGUE:
        longest = max(reading.sentences, key=len) if reading.sentences else answer
        found.append(Feedback(point=say(language, "improve_vague"), quote=quote_of(answer, longest) or whole))
    if scored.coherence < INCOHERENT:
        found.append(Feedback(point=say(language, "improve_incoherent"), quote=first or whole))
    found += delivery_notes(metrics, language)
    return found[:MAX_ITEMS + 1]


def delivery_notes(metrics: AnswerMetrics | None, language: str) -> list[Feedback]:
    """Improvements about how a spoken answer was delivered, quoting the filler itself where there is one."""
    if metrics is None:
        return []
    notes: list[Feedback] = []
    if metrics.timed_out and metrics.time_limit_s:
        notes.append(Feedback(point=say(language, "timed_out", limit=round(metrics.time_limit_s)), quote=""))
    if metrics.filler_count >= FILLERS_NOTED:
        word, count = max(metrics.fillers.items(), key=lambda item: item[1])
        notes.append(Feedback(point=say(language, "improve_fillers", word=word, count=count,
                                        per_min=metrics.fillers_per_min if metrics.fillers_per_min is not None
                                        else "–"), quote=word))
    if metrics.pace in ("slow", "fast") and metrics.pace_value is not None:
        notes.append(Feedback(point=say(language, f"improve_pace_{metrics.pace}", pace=metrics.pace_value), quote=""))
    if metrics.long_pauses:
        notes.append(Feedback(point=say(language, "improve_pauses", count=metrics.long_pauses,
                                        longest=metrics.longest_pause_s), quote=""))
    if metrics.mode == "voice" and (metrics.time_to_answer_s or 0) > PAUSE_BEFORE_OK_S:
        notes.append(Feedback(point=say(language, "improve_slow_start", seconds=round(metrics.time_to_answer_s or 0)),
                              quote=""))
    return notes


def _sentence_with(reading: AnswerReading, fragment: str) -> str | None:
    return next((s for s in reading.sentences if fragment in s), None)


