"""The chatbot-backend seed's session API: the new session's body and the answers."""
from __future__ import annotations

from typing import Any, Literal, get_type_hints

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr, create_model

from interview.documents import MAX_DOCUMENT_CHARS
from llm.base import Role
from server.schemas.common import MAX_INTERVIEW_QUESTIONS, MAX_NAME_CHARS, ResponseModel
from store.sessions import InterviewSettings

MAX_METADATA_BYTES = 4096  # the seed's free-form session metadata, as JSON (checked by the route)
NAME = Field(default=None, max_length=MAX_NAME_CHARS)


class NewSession(BaseModel):
    """`POST /api/sessions`: the seed's optional metadata, plus the interview this session holds (all optional)."""

    model_config = ConfigDict(extra="ignore")  # unknown fields are ignored

    metadata: dict[str, Any] = Field(default_factory=dict)
    org_type: StrictStr | None = NAME
    company_name: StrictStr | None = NAME
    job_name: StrictStr | None = NAME
    avatar: StrictStr | None = Field(default=None, max_length=64)
    resolution: StrictStr | None = Field(default=None, max_length=16)
    tts_engine: StrictStr | None = NAME
    tts_voice: StrictStr | None = NAME
    total_questions: StrictInt | None = Field(default=None, ge=1, le=MAX_INTERVIEW_QUESTIONS)
    language: Literal["ko", "en"] | None = None
    resume_text: StrictStr | None = Field(default=None, max_length=MAX_DOCUMENT_CHARS)
    job_posting_text: StrictStr | None = Field(default=None, max_length=MAX_DOCUMENT_CHARS)
    interview_mode: Literal["study", "real"] | None = None


# The settings the seed's session does not have, as the document describes them; the field list is the one model's.
SETTING_FIELDS: dict[str, tuple[Any, Any]] = {
    "language": (str | None, Field(None, description="Addition: the interview's language (ko, en; none = ko)")),
    "resume_text": (str | None, Field(None, description="Addition: the résumé the interview is tailored to")),
    "job_posting_text": (str | None, Field(None, description="Addition: the job posting it is tailored to")),
    "interview_mode": (Literal["study", "real"] | None, Field(
        None, description="Addition: study (hints when asked for or after an evasive answer) or real (no hints)")),
}

SessionOut = create_model(
    "SessionOut", __base__=ResponseModel, __module__=__name__,
    __doc__="A stored session: the seed's fields, the interview it holds, and how far it got.",
    session_id=(str, ...), created_at=(str, ...), last_accessed=(str, ...), metadata=(dict[str, Any], ...),
    message_count=(int, ...),
    **{name: SETTING_FIELDS.get(name, (hint, None)) for name, hint in get_type_hints(InterviewSettings).items()},
    question_index=(int, Field(description="Addition: questions asked so far")),
    questions_answered=(int, Field(description="Addition")),
    finished=(bool, Field(description="Addition: the interviewer closed the interview")),
)


class SessionList(ResponseModel):
    """This browser's live sessions, newest first."""

    sessions: list[SessionOut]
    count: int


class SessionDeleted(ResponseModel):
    """A deleted session."""

    success: Literal[True] = True
    session_id: str
    message: str = Field(examples=["Session deleted"])


class MessageOut(ResponseModel):
    """A stored message; an interviewer reply adds its source, timings and media."""

    message_id: int
    session_id: str
    role: Role
    content: str
    created_at: str
    token_usage: dict[str, Any] | None = None
    llm_source: str | None = None
    timings: dict[str, Any] | None = None
    audio_url: str | None = None
    video_url: str | None = None
    speaker: str | None = Field(None, description="Addition: the interviewer character who spoke this reply (its "
                                                  "name; a panel interview has several), when one did")


class MessageList(ResponseModel):
    """The newest `limit` messages of a session, oldest first."""

    session_id: str
    messages: list[MessageOut]
    count: int
