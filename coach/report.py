"""The feedback report: the questions asked, each judged (rules, or a remote LLM) and measured, and an overall score.

    report = build_report(history, context, answers)               # embedded rules
    report = build_report(history, context, answers, writer=llm)   # an LLM judges; the rules when it fails
"""
from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Protocol

from coach.interview import AskedQuestion, asked_questions, job_tags
from coach.metrics import AnswerInput, AnswerMetrics, answer_metrics
from coach.rules import WEIGHTS, judge
from coach.schema import (
    InterviewInfo,
    LLMAssessment,
    QuestionAssessment,
    QuestionReport,
    Report,
    RubricItem,
)
from coach.text import language_of
from coach.wording import say
from llm.base import InterviewContext, Message

log = logging.getLogger(__name__)


class ReportUnavailable(RuntimeError):
    """A remote judge failed or answered something that does not validate; the rules answer instead."""


class AssessmentWriter(Protocol):
    """A remote judge: writes the LLMAssessment of the asked questions."""

    source: str  # e.g. "LLM API (model)"

    def assess(self, questions: Sequence[AskedQuestion], context: InterviewContext, language: str) -> LLMAssessment:
        """The judgement, validated against the schema; ReportUnavailable otherwise."""
        ...


def build_report(history: Sequence[Message], context: InterviewContext,
                 answers: Sequence[AnswerInput | None] = (), writer: AssessmentWriter | None = None) -> Report:
    """The report of an interview; a remote `writer` judges when given and valid, the rules otherwise."""
    language = language_of(" ".join(m.content for m in history)) if history else "ko"
    questions = asked_questions(history, context)
    metrics = [_metrics_of(q, answers) for q in questions]
    rules = [judge(q, m, context.job_name or "", job_tags(context), language) for q, m in zip(questions, metrics)]
    assessments, source, engine, reason, summary = rules, "embedded", "rules", None, None
    if writer is not None and questions:
        try:
            written = writer.assess(questions, context, language)
            assessments, summary = _checked(written, questions), written.summary
            source, engine = "llm", writer.source
        except ReportUnavailable as e:
            log.warning("report from %s not used: %s", writer.source, e)
            reason = str(e)
    reports = [QuestionReport(**a.model_dump(), question=q.text, answer=q.answer or "", intent=q.intent.kind,
                              question_id=q.intent.question_id, metrics=m)
               for q, a, m in zip(questions, assessments, metrics)]
    overall = round(sum(r.score for r in reports) / len(reports)) if reports else 0
    return Report(source=source, engine=engine, fallback_reason=reason, language=language,  # type: ignore[arg-type]
                  interview=InterviewInfo(org_type=context.org_type, company_name=context.company_name,
                                          job_name=context.job_name),
                  overall_score=overall, summary=summary or _summary(reports, overall, language), rubric=rubric(language),
                  rubric_explained=say(language, "rubric_explained"), questions=reports)


def rubric(language: str) -> list[RubricItem]:
    """The criteria with their weights and what each measures."""
    return [RubricItem(criterion=name, weight=weight, description=say(language, name))  # type: ignore[arg-type]
            for name, weight in WEIGHTS.items()]


def _metrics_of(question: AskedQuestion, answers: Sequence[AnswerInput | None]) -> AnswerMetrics | None:
    if question.answer is None or question.answer_position is None:
        return None
    given = answers[question.answer_position] if question.answer_position < len(answers) else None
    return answer_metrics(question.answer, given)


def _checked(assessment: LLMAssessment, questions: Sequence[AskedQuestion]) -> list[QuestionAssessment]:
    """The LLM's per-question judgements, one per asked question in order, quoting only the answers' own words."""
    by_index = {q.index: q for q in assessment.questions}
    if sorted(by_index) != [q.index for q in questions]:
        raise ReportUnavailable(f"the report covers questions {sorted(by_index)}, "
                                f"not 1..{len(questions)}")
    for q in questions:
        for item in (*by_index[q.index].strengths, *by_index[q.index].improvements):
            if item.quote and item.quote not in (q.answer or ""):
                raise ReportUnavailable(f"question {q.index}: a quote is not in the answer")
    return [by_index[q.index] for q in questions]


def _summary(reports: Sequence[QuestionReport], overall: int, language: str) -> str:
    if not reports:
        return say(language, "summary", answered=0, total=0, score=0, best="-", worst="-")
    best = max(reports, key=lambda r: r.score).index
    worst = min(reports, key=lambda r: r.score).index
    return say(language, "summary", answered=sum(r.answered for r in reports), total=len(reports), score=overall,
               best=best, worst=worst)
