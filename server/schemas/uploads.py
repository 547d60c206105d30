"""Characters, avatar uploads and spoken answers: answers and multipart fields, for the document."""
from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from server.schemas.common import ResponseModel


class Envelope(ResponseModel):
    """The avatar-forge seed's answer shape: `{success, data}`."""

    success: bool = True
    data: dict[str, Any]


class CharacterEnvelope(Envelope):
    """One character (the seed's fields plus interview_style, avatar, voice_id, language)."""


class CharacterListEnvelope(Envelope):
    """`data.characters`: a list of characters."""


class AvatarJobEnvelope(Envelope):
    """An avatar job: `job_id`, `status`, `progress`, `current_step`, `result_url`, `error`, `avatar`."""


class AvatarEnvelope(Envelope):
    """An avatar by base name with its resolutions, or a deletion."""


class HealthEnvelope(Envelope):
    """`data.status` (healthy, degraded, unhealthy) and each component with its latency."""


class AvatarUploadForm(BaseModel):
    """multipart/form-data of `POST /api/avatars` (`image` instead of `file` on `POST /api/generate`)."""

    file: bytes = Field(description="A photo (JPEG/PNG/WebP) or a short video (MP4/WebM/MOV) with one face")
    name: str | None = Field(None, description="The avatar's display name")
    options: str | None = Field(None, description="JSON object of options: idle_seconds, display_name, "
                                 "shared (true: every client may list and use it; private to you otherwise)")
    sid: str | None = Field(None, description="A Socket.IO sid for progress events")


class SttForm(BaseModel):
    """multipart/form-data of `POST /api/stt`."""

    file: bytes = Field(description="Speech: webm/opus, ogg, wav or mp3")
    language: str | None = Field(None, description="ko, en, … (default: detected)")


class Transcript(ResponseModel):
    """The transcript of a spoken answer, with word timings."""

    success: Literal[True] = True
    text: str
    language: str | None = None
    duration: float
    words: list[dict[str, Any]] = Field(description="word, start, end (seconds), probability")
    engine: str
    elapsed: float
