"""Practice with the coach: `POST /api/interview/retry` (answer one question again, scored beside the first),
`POST /api/interview/hint` (study mode's outline for the question being asked) and `GET /api/interviews/progress`
(the caller's stored interviews' scores over time, scoped like GET /api/sessions)."""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

from flask import Blueprint
from pydantic import BaseModel, ConfigDict, Field
from flask.typing import ResponseReturnValue

from coach.outlines import outline
from coach.progress import InterviewProgress, interview_progress
from coach.retry import NoSuchQuestion, judge_retry
from coach.schema import Retry, RetryRequest
from interview.reading import intent_of
from llm.base import Message
from server.api.edge import operation
from runtime.errors import BadRequest
from server.routes.report import interview
from server.schemas.common import ResponseModel
from server.identity import current_identity
from server.services import services
from store.coach_retries import RetryStore, StoredRetry

bp = Blueprint("practice", __name__)
MAX_PROGRESS_INTERVIEWS = 50  # newest stored interviews the progress covers
PROGRESS_SETTINGS = ("org_type", "company_name", "job_name")  # what the progress reads of a stored interview


class RetryResponse(ResponseModel):
    """The retried question: the new answer's judgement beside the interview answer's score."""

    success: Literal[True] = True
    question_index: int
    question: str
    stored: bool  # kept with the stored interview (session_id given)
    retry: Retry
    strengths: list[dict[str, str]]
    improvements: list[dict[str, str]]
    outline: list[str]


class HintRequest(BaseModel):
    """The body of POST /api/interview/hint: the question being asked (study mode shows what to cover)."""

    model_config = ConfigDict(extra="ignore")
    question: str = Field(min_length=1, max_length=2000)
    language: Literal["ko", "en"] = "ko"
    job_name: str | None = Field(default=None, max_length=100)


class HintResponse(ResponseModel):
    """What the question asks for and the outline of a strong answer."""

    success: Literal[True] = True
    intent: str
    outline: list[str]


class ProgressResponse(ResponseModel):
    """The caller's stored interviews, oldest first."""

    success: Literal[True] = True
    interviews: list[InterviewProgress]
    count: int


@bp.post("/api/interview/retry")
@operation(RetryResponse, body=RetryRequest, errors=(404,), tag="coach")
def retry_question(body: RetryRequest) -> ResponseReturnValue:
    """Judge a new answer to one question of an interview (`history` or a stored `session_id`), stored with it."""
    messages, context = interview(body)  # type: ignore[arg-type]
    try:
        old, new = judge_retry(messages, context, body.question_index, body.answer, body.answer_meta, body.language)
    except NoSuchQuestion as e:
        raise BadRequest(f"'question_index': {e}") from e
    now = datetime.now(UTC)
    scores = new.assessment.scores
    retry = Retry(answer=body.answer, score=new.assessment.score, previous_score=old.assessment.score,
                  grade=new.grade, scores=scores, created_at=now.isoformat())  # type: ignore[arg-type]
    stored = body.history is None and body.session_id is not None
    if stored:
        RetryStore(services().database).add(body.session_id, StoredRetry(  # type: ignore[arg-type]
            body.question_index, body.answer, retry.score, retry.previous_score, retry.grade,
            scores.model_dump(), now))
    return RetryResponse(question_index=body.question_index, question=new.question.text, stored=stored, retry=retry,
                         strengths=[f.model_dump() for f in new.assessment.strengths],
                         improvements=[f.model_dump() for f in new.assessment.improvements],
                         outline=new.outline).model_dump(mode="json")


@bp.post("/api/interview/hint")
@operation(HintResponse, body=HintRequest, tag="coach")
def question_hint(body: HintRequest) -> ResponseReturnValue:
    """Study mode: the outline of a strong answer to the question being asked."""
    intent = intent_of(body.question, body.language).intent
    return HintResponse(intent=intent, outline=outline(intent, body.language, body.job_name)).model_dump(mode="json")


@bp.get("/api/interviews/progress")
@operation(ProgressResponse, errors=(503,), tag="coach")
def interviews_progress() -> ResponseReturnValue:
    """The caller's stored interviews' scores by category, oldest first (the embedded judge)."""
    s = services()
    retries = RetryStore(s.database)
    entries: list[InterviewProgress] = []
    for record in reversed(s.sessions.list_owned(current_identity().owner)[:MAX_PROGRESS_INTERVIEWS]):
        context = record.interview.only(PROGRESS_SETTINGS).context(s.config.INTERVIEW_QUESTIONS)
        history = [Message(m.role, m.content) for m in s.sessions.messages(record.id) or ()]
        gains = [r.score - r.previous_score for r in retries.of_session(record.id)]
        entry = interview_progress(record.id, record.created_at, history, context, gains)
        if entry is not None:
            entries.append(entry)
    return ProgressResponse(interviews=entries, count=len(entries)).model_dump(mode="json")

