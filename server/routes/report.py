"""`POST /api/interview/report`: the feedback report of an interview (`history` + org_type/company_name/job_name)."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify
from flask.typing import ResponseReturnValue
from pydantic import ValidationError

from coach.report import build_report
from coach.schema import Report, ReportRequest
from llm.base import Message
from server.coach import coach_services
from server.errors import BadRequest
from server.validation import history, interview_context, json_body

bp = Blueprint("report", __name__)


def stored_history(session_id: str) -> tuple[Message, ...]:
    """The hook for stored interviews: once sessions are kept in a database, read `session_id`'s history here."""
    raise BadRequest("'session_id' is not supported yet (interviews are not stored); send 'history'")


@bp.post("/api/interview/report")
def interview_report() -> ResponseReturnValue:
    """Judge every question asked (the rules, or REPORT_ENGINE's LLM with the rules as fallback)."""
    s = coach_services()
    body = json_body()
    try:
        parsed = ReportRequest.model_validate(body)
    except ValidationError as e:
        raise BadRequest(_describe(e)) from e
    messages = history(body, s.config)
    if messages is None:
        if not parsed.session_id:
            raise BadRequest("'history' is required (an array of {role, content} objects)")
        messages = stored_history(parsed.session_id)
    context = interview_context({k: v for k, v in body.items() if k != "total_questions"}, s.config)
    report = build_report(messages, context, parsed.answers, writer=s.judge)
    return jsonify(success=True, report=report.model_dump(mode="json"))


@bp.get("/api/interview/report/schema")
def report_schema() -> ResponseReturnValue:
    """The report's JSON schema (what `report` in the answer above follows)."""
    return jsonify(Report.model_json_schema())


def _describe(error: ValidationError) -> str:
    """The first validation error as "'field.path': message"."""
    first: dict[str, Any] = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "body"
    return f"'{where}': {first['msg']}"
