"""Server state: status, avatars, the queue and cancel."""
from __future__ import annotations

from typing import Literal

from pydantic import Field

from server.schemas.common import Name, RequestModel, ResponseModel


class StatusResponse(ResponseModel):
    """The seed's status body plus the engines in use."""

    status: str = Field(examples=["ok"])
    models_loaded: bool
    available_avatars: list[str]
    tts_engines: list[str]
    llm_engine: str = Field(description="Addition")
    lipsync_engine: str = Field(description="Addition")


class AvatarEntry(ResponseModel):
    """A precomputed avatar (the seed's id/name/path plus additions)."""

    id: str
    name: str
    path: str
    base_name: str = Field(description="Addition: the name without its resolution")
    resolution: str = Field(description="Addition")
    display_name: str = Field(description="Addition")
    idle_url: str = Field(description="Addition: the silent idle loop (GET /idle/{name})")
    idle_frames: int = Field(description="Addition: frames in the idle loop")
    fps: float = Field(description="Addition")
    listening_url: str = Field(
        description="Addition: the silent listening loop played while the candidate answers (GET /listening/{name})")
    nod_url: str = Field(description="Addition: a short nod from the listening pose, played at the candidate's pauses")


class AvatarsResponse(ResponseModel):
    """Every precomputed avatar."""

    avatars: list[AvatarEntry]


class RunningJob(ResponseModel):
    """A job holding a render slot (another client's: `request_id` and `sid` are null)."""

    request_id: str | None
    sid: str | None
    started_at: float | None


class WaitingJob(ResponseModel):
    """A job waiting for a render slot (another client's: `request_id` and `sid` are null)."""

    request_id: str | None
    sid: str | None
    position: int
    estimated_wait: float


class QueueStatusResponse(ResponseModel):
    """Jobs rendering and waiting."""

    queue_length: int
    processing_count: int
    max_concurrent: int
    max_queue: int = Field(description="Addition")
    preparing_count: int = Field(description="Addition: admitted jobs still in their text stages")
    processing: list[RunningJob]
    queue: list[WaitingJob]


class CancelRequest(RequestModel):
    """Whose generation to cancel."""

    model_config = {"json_schema_extra": {"examples": [{"sid": "session_id"}]}}

    sid: Name = Field(None, description="The Socket.IO session id (or the `sid` sent with a REST stream)")
    request_id: Name = Field(None, description="Addition: one job, by the `request_id` of its events")


class CancelResponse(ResponseModel):
    """How many jobs were cancelled."""

    status: Literal["cancelled"] = "cancelled"
    cancelled: int = Field(description="Addition")


class Liveness(ResponseModel):
    """`GET /livez`: the process answers."""

    status: Literal["alive"]


class Readiness(ResponseModel):
    """`GET /readyz`: whether a turn can be served now, and each component's status."""

    status: Literal["ready", "not_ready"]
    health: Literal["healthy", "degraded", "unhealthy"] = Field(description="The overall status of /api/health")
    checks: dict[str, Literal["healthy", "degraded", "unhealthy"]]
