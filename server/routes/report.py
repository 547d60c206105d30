"""`POST /api/interview/report`: the feedback report of an interview (`history` or a stored `session_id`)."""
from __future__ import annotations

import json
from typing import Literal

from flask import Blueprint, Response, current_app
from flask.typing import ResponseReturnValue

from coach.llm_judge import GatedJudge
from coach.report import build_report
from coach.schema import Report, ReportRequest, Retry, RetryRequest
from llm.base import InterviewContext, Message
from llm.call_gate import CallGate
from server.api.edge import operation
from runtime.conversation import live_session
from runtime.errors import BadRequest
from server.schemas.common import ResponseModel
from server.services import caller, coach_services, services
from store.coach_retries import RetryStore
from store.sessions import InterviewSettings

bp = Blueprint("report", __name__)
REPORT_GATE_KEY = "report-call-gate"  # app.extensions: the judge's bound when the interviewer is not remote
SCHEMA_MEDIA_TYPE = "application/schema+json"  # JSON Schema's own media type, as the document says
# the settings the judge reads of an interview (a body's win over a stored session's)
JUDGED_SETTINGS = ("org_type", "company_name", "job_name", "interview_mode")


class ReportResponse(ResponseModel):
    """The feedback report."""

    success: Literal[True] = True
    report: Report


def gated_judge() -> GatedJudge | None:
    """The coach's remote judge within MAX_REMOTE_LLM_CALLS: the interviewer's call slots when it has them, else
    this app's own bound (None: the embedded rules judge)."""
    judge = coach_services().judge
    if judge is None:
        return None
    gate = services().llm_chain.gate
    if gate is None:
        gate = current_app.extensions.setdefault(REPORT_GATE_KEY, CallGate(services().config.MAX_REMOTE_LLM_CALLS))
    return GatedJudge(judge, gate)


def interview(body: ReportRequest | RetryRequest) -> tuple[tuple[Message, ...], InterviewContext]:
    """The interview to judge: the body's `history`, else a stored session's messages and settings (404 when it is
    gone); the body's org_type/company_name/job_name win."""
    s = services()
    stored = InterviewSettings()
    if body.history is not None:
        messages = tuple(body.history)
    elif body.session_id:
        record = live_session(s, body.session_id, caller())
        messages = tuple(Message(m.role, m.content) for m in s.sessions.messages(record.id) or ())
        stored = record.interview.only(JUDGED_SETTINGS)
    else:
        raise BadRequest("'history' is required (an array of {role, content} objects) unless 'session_id' names "
                         "a stored interview")
    asked = InterviewSettings.of(body.model_dump(include=set(JUDGED_SETTINGS)))
    return messages, asked.over(stored).context(s.config.INTERVIEW_QUESTIONS)


@bp.post("/api/interview/report")
@operation(ReportResponse, body=ReportRequest, errors=(404,), tag="coach")
def interview_report(body: ReportRequest) -> ResponseReturnValue:
    """Judge every question asked (the rules, or REPORT_ENGINE's LLM with the rules as fallback)."""
    messages, context = interview(body)
    report = build_report(messages, context, body.answers, writer=gated_judge(), language=body.language,
                          blind_hiring=body.blind_hiring)
    if body.session_id:  # a stored interview (judged from its messages or the page's copy of them)
        report = with_retries(report, body.session_id)
    return ReportResponse(report=report).model_dump(mode="json")


def with_retries(report: Report, session_id: str) -> Report:
    """The report with each question's stored retries ("다시 답하기"), oldest first."""
    stored = RetryStore(services().database).of_session(session_id)
    questions = [q.model_copy(update={"retries": [
        Retry(answer=r.answer, score=r.score, previous_score=r.previous_score, grade=r.grade,  # type: ignore[arg-type]
              scores=r.scores, created_at=r.created_at.isoformat())  # type: ignore[arg-type]
        for r in stored if r.question_index == q.index]}) for q in report.questions]
    return report.model_copy(update={"questions": questions})


@bp.get("/api/interview/report/schema")
@operation(tag="coach", content={SCHEMA_MEDIA_TYPE: "the JSON schema of `report`"})
def report_schema() -> ResponseReturnValue:
    """The report's JSON schema (what `report` in the answer above follows)."""
    return Response(json.dumps(Report.model_json_schema(), ensure_ascii=False), mimetype=SCHEMA_MEDIA_TYPE)
