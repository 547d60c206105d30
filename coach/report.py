"""The feedback report: the questions asked, each judged from the shared reading (and optionally a remote LLM,
checked against that reading) and measured, with category scores, an overall score and a grade.

    report = build_report(history, context, answers)               # embedded judge (the reading)
    report = build_report(history, context, answers, writer=llm)   # an LLM judges; overruled where the reading
                                                                   # contradicts it; the embedded judge when it fails
"""
from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from typing import Protocol

from coach.blind import applies as blind_applies
from coach.interview import AskedQuestion, asked_questions
from coach.llm_check import overrule
from coach.metrics import AnswerInput, AnswerMetrics, answer_metrics
from coach.rules import WEIGHTS, Judgement, judge
from coach.schema import CategoryScores, InterviewInfo, LLMAssessment, QuestionReport, Report, RubricItem
from coach.scoring import grade_of
from coach.text import language_of
from coach.wording import TEXT, say
from interview.progress import asked_main_questions
from llm.base import InterviewContext, Message

log = logging.getLogger(__name__)


class ReportUnavailable(RuntimeError):
    """A remote judge failed or answered something that does not validate; the embedded judge answers instead."""


class AssessmentWriter(Protocol):
    """A remote judge: writes the LLMAssessment of the asked questions."""

    source: str  # e.g. "LLM API (model)"

    def assess(self, questions: Sequence[AskedQuestion], context: InterviewContext, language: str) -> LLMAssessment:
        """The judgement, validated against the schema; ReportUnavailable otherwise."""
        ...


def interview_language(history: Sequence[Message], requested: str | None = None) -> str:
    """The interview's language: as requested, else the language most of the interviewer's lines are in."""
    if requested in ("ko", "en"):
        return requested
    lines = [m.content for m in history if m.role == "assistant"] or [m.content for m in history]
    korean = sum(language_of(line) == "ko" for line in lines)
    return "ko" if not lines or korean * 2 >= len(lines) else "en"


def build_report(history: Sequence[Message], context: InterviewContext,
                 answers: Sequence[AnswerInput | None] = (), writer: AssessmentWriter | None = None,
                 language: str | None = None, blind_hiring: bool | None = None) -> Report:
    """The report of an interview, in the interview's language throughout."""
    language = interview_language(history, language)
    context = replace(context, language=language)
    blind = blind_applies(context.org_type, blind_hiring)
    questions = asked_questions(history, context)
    metrics = [_metrics_of(q, answers, language) for q in questions]
    judged = [judge(q, m, context.job_name, language, blind) for q, m in zip(questions, metrics)]
    reports = [_question_report(q, j, m) for q, j, m in zip(questions, judged, metrics)]
    reason, engine, overruled, remote_summary = None, "rules", [], ""
    if writer is not None and questions:
        try:
            written = writer.assess(questions, context, language)
            reports, overruled = overrule(_checked(written, questions), reports, judged, language)
            engine = writer.source
            remote_summary = "" if overruled else written.summary  # its summary may praise what was overruled
        except ReportUnavailable as e:
            log.warning("report from %s not used: %s", writer.source, e)
            reason = str(e)
    source = "llm" if any(r.judged_by == "llm" for r in reports) else "embedded"
    overall = round(sum(r.score for r in reports) / len(reports)) if reports else 0
    grade = grade_of(overall)
    counts = _counts(questions, reports, context)
    return Report(source=source, engine=engine, fallback_reason=reason, language=language,  # type: ignore[arg-type]
                  interview=InterviewInfo(org_type=context.org_type, company_name=context.company_name,
                                          job_name=context.job_name,
                                          interview_mode=context.interview_mode),  # type: ignore[arg-type]
                  overall_score=overall, grade=grade,
                  grade_label=TEXT[language]["grades"][grade],  # type: ignore[index]
                  category_scores=_mean_categories(reports), **counts,
                  judged_by=_judged_by(language, source, engine, overruled),
                  summary=" ".join(filter(None, (_summary(reports, counts, overall, grade, language), remote_summary,
                                                 _mode_note(context.interview_mode, language)))),
                  rubric=rubric(language),
                  rubric_explained=say(language, "rubric_explained"), questions=reports)


def rubric(language: str) -> list[RubricItem]:
    """The categories with their weights and what each measures."""
    return [RubricItem(criterion=name, weight=weight, description=say(language, name))  # type: ignore[arg-type]
            for name, weight in WEIGHTS.items()]


def _question_report(question: AskedQuestion, judged: Judgement, metrics: AnswerMetrics | None) -> QuestionReport:
    return QuestionReport(**judged.assessment.model_dump(), question=question.text, answer=question.answer or "",
                          intent=question.intent.kind, question_id=question.intent.question_id, metrics=metrics,
                          question_intent=judged.question.intent, kind=judged.kind,  # type: ignore[arg-type]
                          grade=judged.grade, outline=judged.outline,  # type: ignore[arg-type]
                          warnings=judged.warnings, timed_out=bool(metrics and metrics.timed_out))


def _metrics_of(question: AskedQuestion, answers: Sequence[AnswerInput | None], language: str) -> AnswerMetrics | None:
    if question.answer is None or question.answer_position is None:
        return None
    given = answers[question.answer_position] if question.answer_position < len(answers) else None
    return answer_metrics(question.answer, given, language)


def _checked(assessment: LLMAssessment, questions: Sequence[AskedQuestion]) -> LLMAssessment:
    """The LLM's assessment when it judges every asked question once, quoting only the answers' own words."""
    by_index = {q.index: q for q in assessment.questions}
    if sorted(by_index) != [q.index for q in questions]:
        raise ReportUnavailable(f"the report covers questions {sorted(by_index)}, not 1..{len(questions)}")
    for q in questions:
        for item in (*by_index[q.index].strengths, *by_index[q.index].improvements):
            if item.quote and item.quote not in (q.answer or ""):
                raise ReportUnavailable(f"question {q.index}: a quote is not in the answer")
    return assessment.model_copy(update={"questions": [by_index[q.index] for q in questions]})


def _counts(questions: Sequence[AskedQuestion], reports: Sequence[QuestionReport],
            context: InterviewContext) -> dict[str, int]:
    """Main questions asked and answered, as the interviewer's progress counts them: a follow-up, re-ask or repeat
    belongs to the main question before it, and a main question is answered when any of its lines got an answer."""
    groups = [asked_main_questions([q.text for q in questions[:i + 1]], context) for i in range(len(questions))]
    answered = {group for group, report in zip(groups, reports) if report.answered}
    return {"asked": len(set(groups)), "answered": len(answered)}


def _mean_categories(reports: Sequence[QuestionReport]) -> CategoryScores | None:
    if not reports:
        return None
    spoken = [r.scores.delivery for r in reports if r.scores.delivery is not None]
    return CategoryScores(content=round(sum(r.scores.content for r in reports) / len(reports)),
                          structure=round(sum(r.scores.structure for r in reports) / len(reports)),
                          specificity=round(sum(r.scores.specificity for r in reports) / len(reports)),
                          delivery=round(sum(spoken) / len(spoken)) if spoken else None)


def _judged_by(language: str, source: str, engine: str, overruled: list[int]) -> str:
    if source == "embedded":
        return say(language, "source_embedded")
    text = say(language, "source_llm", engine=engine)
    if overruled:
        text += " " + say(language, "source_overruled", engine=engine, questions=", ".join(map(str, overruled)))
    return text


def _mode_note(mode: str | None, language: str) -> str:
    """The summary's note of the mode the interview was held in ("" when none was given)."""
    return say(language, f"mode_{mode}") if mode in ("study", "real") else ""


def _summary(reports: Sequence[QuestionReport], counts: dict[str, int], overall: int, grade: str,
             language: str) -> str:
    if not reports:
        return say(language, "summary_none")
    best = max(reports, key=lambda r: r.score).index
    worst = min(reports, key=lambda r: r.score).index
    return say(language, "summary", answered=counts["answered"], total=counts["asked"], score=overall,
               grade=grade, best=best, worst=worst)
