"""The embedded judge: one answer judged from the shared reading (`interview.reading`), with quoted feedback. No LLM.

The reading is the same one the interviewer's dialogue policy acts on, so the report and the interview agree on
what an answer was (an answer, evasive, off-topic, a question back …). Scores come from `coach.scoring`, feedback
from `coach.feedback`, the model-answer outline from `coach.outlines` and blind-hiring warnings from `coach.blind`.
"""
from __future__ import annotations

from dataclasses import dataclass

from coach.blind import blind_findings
from coach.feedback import improvements, strengths
from coach.interview import AskedQuestion
from coach.metrics import AnswerMetrics
from coach.outlines import outline
from coach.schema import CategoryScores, Feedback, QuestionAssessment, StarCheck
from coach.scoring import WEIGHTS, grade_of, score_answer
from coach.wording import say
from interview.reading import AnswerReading, QuestionIntent, intent_of, read_answer

__all__ = ["WEIGHTS", "Judgement", "judge"]


@dataclass(frozen=True)
class Judgement:
    """The embedded judgement of one question and what the report adds around it."""

    assessment: QuestionAssessment
    reading: AnswerReading | None  # None when the question was never answered
    question: QuestionIntent
    kind: str
    grade: str
    outline: list[str]
    warnings: list[Feedback]
    keyword_list: bool = False
    cap: int | None = None  # the cap that applied to the score (non-answer, keyword list …)


def judge(question: AskedQuestion, metrics: AnswerMetrics | None, job_name: str | None, language: str,
          blind_hiring: bool = False) -> Judgement:
    """The judgement of one question's answer in the interview's `language`."""
    intent = intent_of(question.intent.asks or question.text, language)
    steps = outline(intent.intent, language, job_name)
    answer = (question.answer or "").strip()
    if not answer:
        assessment = QuestionAssessment(
            index=question.index, answered=False, score=0,
            scores=CategoryScores(content=0, structure=0, specificity=0, delivery=None),
            star=StarCheck(situation=False, task=False, action=False, result=False), strengths=[],
            improvements=[Feedback(point=say(language, "unanswered"), quote="")])
        return Judgement(assessment, None, intent, "unanswered", "E", steps, [])
    reading = read_answer(answer, intent, language)
    scored = score_answer(reading, intent.asks_for, metrics, language)
    star = StarCheck(**{part: getattr(reading.star, part) is not None and scored.cap is None
                        for part in ("situation", "task", "action", "result")})
    assessment = QuestionAssessment(
        index=question.index, answered=scored.answered, score=scored.score,
        scores=CategoryScores(content=scored.content, structure=scored.structure, specificity=scored.specificity,
                              delivery=scored.delivery),
        star=star, strengths=strengths(answer, reading, scored, language),
        improvements=improvements(answer, reading, scored, metrics, language))
    warnings = [Feedback(point=say(language, key), quote=_quote(sentence, answer))
                for key, sentence in blind_findings(reading.sentences, language)] if blind_hiring else []
    return Judgement(assessment, reading, intent, str(reading.kind), grade_of(scored.score), steps, warnings,
                     scored.keyword_list, scored.cap)


def _quote(sentence: str, answer: str) -> str:
    return sentence if sentence in answer else ""
