"""Request bodies of the session API (pydantic v2, unknown fields ignored)."""
from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr

from interview.documents import MAX_DOCUMENT_CHARS
from runtime.errors import BadRequest
from server.api.edge import parse

MAX_METADATA_BYTES = 4096  # the seed's free-form session metadata, as JSON
MAX_INTERVIEW_QUESTIONS = 20
NAME = Field(default=None, max_length=100)


class NewSession(BaseModel):
    """`POST /api/sessions`: the seed's optional metadata, plus the interview this session holds (all optional)."""

    model_config = ConfigDict(extra="ignore")

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


def new_session(body: dict[str, Any]) -> NewSession:
    """The body as a NewSession, or 400 naming the first bad field (metadata over its size too)."""
    parsed = parse(NewSession, body)
    if len(json.dumps(parsed.metadata, ensure_ascii=False).encode()) > MAX_METADATA_BYTES:
        raise BadRequest(f"'metadata' must be at most {MAX_METADATA_BYTES} bytes as JSON")
    return parsed
