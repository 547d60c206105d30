"""A remote LLM's judgement checked against the embedded reading: where they contradict, the reading wins.

The LLM's per-question judgement is used (its category scores, score and feedback; delivery stays measured) unless
it praises or passes a non-answer (evasive, off-topic, a question back …), lets a keyword list score as high as an
answer the reading finds good, or gives a non-answer or a keyword list more than its cap. Those questions keep the
embedded judgement and say why.
"""
from __future__ import annotations

from collections.abc import Sequence

from coach.rules import Judgement
from coach.schema import CategoryScores, LLMAssessment, QuestionAssessment, QuestionReport
from coach.scoring import NON_ANSWER_CAP, grade_of
from coach.wording import say

GOOD_SCORE = 70  # an embedded score from which the reading counts the answer as good (grade B or better)


def overrule(assessment: LLMAssessment, reports: Sequence[QuestionReport], judged: Sequence[Judgement],
             language: str) -> tuple[list[QuestionReport], list[int]]:
    """The reports with the LLM's judgement where the reading agrees, and the indices where it was overruled."""
    good_llm_scores = [a.score for a, r in zip(assessment.questions, reports) if r.score >= GOOD_SCORE]
    merged: list[QuestionReport] = []
    overruled: list[int] = []
    for written, report, judgement in zip(assessment.questions, reports, judged):
        reason = _contradiction(written, report, judgement, good_llm_scores, language)
        if reason is not None:
            merged.append(report.model_copy(update={"overruled": reason}))
            overruled.append(report.index)
            continue
        scores = CategoryScores(content=written.scores.content, structure=written.scores.structure,
                                specificity=written.scores.specificity, delivery=report.scores.delivery)
        merged.append(report.model_copy(update={
            "answered": written.answered and report.answered, "score": written.score, "scores": scores,
            "star": written.star, "strengths": written.strengths, "improvements": written.improvements,
            "grade": grade_of(written.score), "judged_by": "llm"}))
    return merged, overruled


def _contradiction(written: QuestionAssessment, report: QuestionReport, judgement: Judgement,
                   good_llm_scores: Sequence[int], language: str) -> str | None:
    """Why the LLM's judgement of this question cannot stand, or None."""
    non_answer = judgement.reading is None or not report.answered
    if non_answer and (written.strengths or written.answered):
        return say(language, "overruled_praise")
    if judgement.keyword_list and any(written.score >= good for good in good_llm_scores):
        return say(language, "overruled_salad")
    cap = NON_ANSWER_CAP if non_answer else judgement.cap if judgement.keyword_list else None
    if cap is not None and written.score > cap:
        return say(language, "overruled_cap", score=written.score)
    return None
