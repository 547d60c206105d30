"""Events of the lipsync streams (SSE) and of Socket.IO, built from a job's events by the same models.

A job publishes `JobEvent(type, data)`; `sse_event` turns it into the wire JSON of `/api/v2/*/stream` and
`socket_event` into a Socket.IO (name, payload). Fields a model does not name pass through (extra="allow").
"""
from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, RootModel

from jobs.events import JobEvent
from server.schemas.chat import StreamError, TokenEvent
from server.schemas.common import ResponseModel
from server.schemas.lipsync import Elapsed, TurnResult


class Caption(ResponseModel):
    """A sentence with its place on the turn's timeline (seconds)."""

    index: int
    text: str
    start: float
    duration: float


class FaceRegion(ResponseModel):
    """Where a face-region segment's frames are placed on the avatar's full frame (pixels)."""

    x: int
    y: int
    width: int
    height: int
    frame_width: int
    frame_height: int


class StatusEvent(ResponseModel):
    """A stage starts or ends: llm, tts, tts_done (with the turn's audio), lipsync."""

    type: Literal["status"] = "status"
    stage: str = Field(examples=["tts_done"])
    message: str
    audio_url: str | None = Field(None, description="tts_done")
    duration: float | None = Field(None, description="tts_done")
    elapsed: float | None = Field(None, description="tts_done")
    tts_engine: str | None = Field(None, description="tts_done, addition: the engine that spoke")
    tts_fallback_reason: str | None = Field(None, description="tts_done, addition: why TTS_FALLBACK spoke")
    tts_engine_reason: str | None = Field(None, description="tts_done, addition: why the requested engine did not")


class LlmDoneEvent(ResponseModel):
    """The interviewer's whole reply (chat_and_lipsync only)."""

    type: Literal["llm_done"] = "llm_done"
    response: str
    llm_source: str
    elapsed: float


class SegmentFields(ResponseModel):
    """A playable MP4 part of the turn, with its audio."""

    index: int
    url: str
    start: float
    duration: float
    count: int = Field(description="Segments expected (an estimate until the last)")
    caption: Caption | None = Field(None, description="On the first segment of each sentence")
    fragment_offset: int | None = Field(None, description="Addition: where this segment's fragment starts in its "
                                                          "file (before it: the turn's fMP4 init segment)")
    region: FaceRegion | None = Field(None, description="Addition, delivery=face: where the segment's frames go")


class SegmentEvent(SegmentFields):
    """Addition: a playable MP4 part of the turn, with its audio."""

    type: Literal["segment"] = "segment"


class QueuePositionEvent(ResponseModel):
    """Addition: the job's place while it waits for a render slot."""

    type: Literal["queue_position"] = "queue_position"
    position: int
    estimated_wait: float


class StreamDoneEvent(ResponseModel):
    """The turn is finished: `done.video_url` is the whole turn as one MP4."""

    type: Literal["done"] = "done"
    text: str | None = Field(None, description="lipsync/stream")
    response: str | None = Field(None, description="chat_and_lipsync/stream")
    llm_source: str | None = Field(None, description="chat_and_lipsync/stream")
    speaker: str | None = Field(None, description="Addition: the interviewer character who spoke (a panel's member "
                                                  "decided by the server; as the stored message's `speaker`)")
    video_url: str
    audio_url: str
    audio_duration: float
    elapsed: Elapsed
    request_id: str | None = Field(None, description="Addition")
    tts_engine_reason: str | None = Field(None, description="Addition: why the requested engine did not speak")


class CancelledEvent(ResponseModel):
    """Addition: the job was cancelled (instead of `done`)."""

    type: Literal["cancelled"] = "cancelled"
    message: str
    segments_done: int
    request_id: str | None = None


class LipsyncStreamEvent(RootModel[Annotated[
        StatusEvent | TokenEvent | LlmDoneEvent | SegmentEvent | QueuePositionEvent | StreamDoneEvent | StreamError
        | CancelledEvent, Field(discriminator="type")]]):
    """One event of `/api/v2/lipsync/stream` and `/api/v2/chat_and_lipsync/stream`, in the seed's order:
    `status llm` → `token`… → `llm_done` → `status tts` → `status tts_done` → `status lipsync` → `done`
    (`segment` and `queue_position` in between; `error` or `cancelled` instead of `done`)."""


class ProgressEvent(ResponseModel):
    """Socket.IO `progress`."""

    progress: int = Field(examples=[50])
    stage: str | None = None
    message: str = Field(examples=["프레임 처리 중..."])
    request_id: str = Field(description="Addition: the job (as in the `generate` ack)")


class SocketQueuePosition(ResponseModel):
    """Socket.IO `queue_position`."""

    position: int
    estimated_wait: float
    request_id: str = Field(description="Addition")


class SocketSegment(SegmentFields):
    """Socket.IO `segment` (as the SSE event, without `type`)."""

    request_id: str


class GenerationComplete(TurnResult):
    """Socket.IO `generation_complete`."""

    request_id: str = Field(description="Addition")


class SocketError(ResponseModel):
    """Socket.IO `error`."""

    error: str
    request_id: str | None = None
    status: int | None = Field(None, description="The HTTP status the same request would get over REST")
    code: str | None = Field(None, description="Addition: the error's stable name, as in error bodies")


class SocketCancelled(ResponseModel):
    """Socket.IO `cancelled`."""

    message: str
    segments_done: int
    request_id: str


class GenerateAck(ResponseModel):
    """The ack of `generate`: always sent."""

    accepted: bool
    request_id: str | None = None
    error: str | None = None
    tts_engine: str | None = Field(None, description="Addition: the engine that will speak")
    tts_engine_reason: str | None = Field(None, description="Addition: why the requested engine will not")


class CancelAck(ResponseModel):
    """The ack of `cancel`."""

    status: Literal["cancelled"] = "cancelled"
    cancelled: int


SOCKET_OUT: dict[str, type[ResponseModel]] = {
    "progress": ProgressEvent, "queue_position": SocketQueuePosition, "segment": SocketSegment,
    "generation_complete": GenerationComplete, "error": SocketError, "cancelled": SocketCancelled,
}


def sse_event(event: JobEvent, tts_engine_reason: str | None = None) -> dict[str, Any] | None:
    """The SSE JSON of a job event (None: not part of the SSE streams, e.g. `progress`); `tts_engine_reason`
    (why the requested engine does not speak) is added to `status tts_done` and `done`."""
    if event.type == "progress":
        return None
    data = event.as_json()
    if tts_engine_reason is not None and (event.type == "done" or data.get("stage") == "tts_done"):
        data["tts_engine_reason"] = tts_engine_reason
    return LipsyncStreamEvent.model_validate(data).root.model_dump(exclude_unset=True)


def socket_event(event: JobEvent) -> tuple[str, dict[str, Any]] | None:
    """The Socket.IO event name and payload of a job event (None: not sent over the socket)."""
    data = {**event.data, "request_id": event.job_id}
    if event.type == "done":
        return "generation_complete", GenerationComplete.from_done(data, request_id=event.job_id).model_dump(
            exclude_unset=True)
    if event.type == "error":
        return "error", SocketError(error=data.get("message", "generation failed"), request_id=event.job_id,
                                    code=data.get("code")).model_dump(exclude_unset=True, exclude_none=True)
    model = SOCKET_OUT.get(event.type)
    return None if model is None else (event.type, model(**data).model_dump(exclude_unset=True))
