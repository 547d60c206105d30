"""The turn events on the wire: SSE of the lipsync streams and Socket.IO, with the words people read.

The events are pipeline.events' dataclasses; they lay out their own JSON. This edge adds what only it knows: the
Korean status texts (`message`) and why the requested TTS engine does not speak. The API document's models below are
derived from the dataclasses (server/schemas/derive.py), so a field is declared once.
"""
from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import Field, RootModel

from jobs.events import JobEvent
from pipeline.events import (
    ENVELOPE,
    EVENT_CLASSES,
    Cancelled,
    Caption,
    Done,
    Error,
    FaceRegion,
    LlmDone,
    Progress,
    QueuePosition,
    Segment,
    SpeechDone,
    Status,
    Token,
    TurnEvent,
    TurnResult,
)
from server.schemas.chat import StreamError, TokenEvent
from server.schemas.common import ResponseModel
from server.schemas.derive import event_model
from server.schemas.lipsync import Elapsed, TurnResult as TurnResultModel

STAGE_TEXTS = {"llm": "LLM 응답 생성 중...", "tts": "TTS 음성 생성 중...", "lipsync": "립싱크 비디오 생성 중...",
               "done": "완료"}


def words(event: TurnEvent) -> str | None:
    """What a person reads for a status or progress event (None: an event without words)."""
    if isinstance(event, SpeechDone):
        return f"TTS 완료 ({event.duration:.1f}초)"
    if isinstance(event, Progress) and event.frames_total is not None:
        return f"프레임 처리 중... ({event.frames_done}/{event.frames_total})"
    if isinstance(event, Status | Progress):
        return STAGE_TEXTS.get(event.stage, event.stage)
    return None


def _edge(event: TurnEvent, tts_engine_reason: str | None = None) -> dict[str, Any]:
    text = words(event)
    return {"tts_engine_reason": tts_engine_reason, **({"message": text} if text is not None else {})}


def sse_event(event: JobEvent, tts_engine_reason: str | None = None) -> dict[str, Any] | None:
    """The SSE JSON of a job event (None: not part of the SSE streams, e.g. `progress`); `tts_engine_reason`
    (why the requested engine does not speak) goes into `status tts_done` and `done`."""
    return event.event.sse_json(event.job_id, event.id, _edge(event.event, tts_engine_reason))


def socket_event(event: JobEvent) -> tuple[str, dict[str, Any]] | None:
    """The Socket.IO event name and payload of a job event (None: not sent over the socket)."""
    return event.event.socket_json(event.job_id, _edge(event.event))


Message = (str, Field(description="What a person reads (the server's words for the stage)"))
RequestId = (str | None, None)
CaptionModel = event_model("Caption", (Caption,), tuple(Caption.__dataclass_fields__), Caption.__doc__ or "")
FaceRegionModel = event_model("FaceRegion", (FaceRegion,), tuple(FaceRegion.__dataclass_fields__),
                              FaceRegion.__doc__ or "")
NESTED = {Caption: CaptionModel, FaceRegion: FaceRegionModel}

StatusEvent = event_model(
    "StatusEvent", (Status, SpeechDone), SpeechDone.SSE_LAYOUT[:-len(ENVELOPE)],
    "A stage starts or ends: llm, tts, tts_done (with the turn's audio), lipsync.",
    edge={"message": (str, ...), "tts_engine_reason": (str | None, Field(
        None, description="tts_done, addition: why the requested engine did not"))})
LlmDoneEvent = event_model("LlmDoneEvent", (LlmDone,), LlmDone.SSE_LAYOUT[:-len(ENVELOPE)], LlmDone.__doc__ or "")
SegmentFields = event_model("SegmentFields", (Segment,), Segment.SOCKET_LAYOUT[:-1],
                            "A playable MP4 part of the turn, with its audio.", nested=NESTED)
SegmentEvent = event_model("SegmentEvent", (Segment,), ("type",), "Addition: a playable MP4 part of the turn, with "
                           "its audio.", base=SegmentFields)
QueuePositionEvent = event_model("QueuePositionEvent", (QueuePosition,), QueuePosition.SSE_LAYOUT[:-len(ENVELOPE)],
                                 "Addition: the job's place while it waits for a render slot.")
StreamDoneEvent = event_model(
    "StreamDoneEvent", (TurnResult,), Done.SSE_LAYOUT[:Done.SSE_LAYOUT.index("event_id")], Done.__doc__ or "",
    edge={"type": (Literal[Done.type], Done.type), "elapsed": (Elapsed, ...),
          "request_id": (str | None, Field(None, description="Addition")),
          "tts_engine_reason": (str | None, Field(None, description="Addition: why the requested engine did not "
                                                                    "speak"))})
CancelledEvent = event_model("CancelledEvent", (Cancelled,), ("type", "message", "segments_done", "request_id"),
                             "Addition: the job was cancelled (instead of `done`).",
                             edge={"message": (str, ...), "segments_done": (int, ...), "request_id": RequestId})


def derived(event: type[TurnEvent], layout: tuple[str, ...], prefix: str = "") -> type[ResponseModel]:
    """The model of an event no hand-written description covers: its own fields in its wire order."""
    return event_model(f"{prefix}{event.__name__}Event", (event,), tuple(k for k in layout if k != "event_id"),
                       event.__doc__ or "", edge={"request_id": RequestId}, nested=NESTED)


# The SSE events as documented (in the document's order); an event class added later is described from its fields.
SSE_MODELS: dict[type[TurnEvent], type[ResponseModel]] = {
    Status: StatusEvent, SpeechDone: StatusEvent, Token: TokenEvent, LlmDone: LlmDoneEvent, Segment: SegmentEvent,
    QueuePosition: QueuePositionEvent, Done: StreamDoneEvent, Error: StreamError, Cancelled: CancelledEvent}
STREAM_MODELS = tuple(dict.fromkeys([*SSE_MODELS.values(), *(derived(cls, cls.SSE_LAYOUT) for cls in EVENT_CLASSES
                                                             if cls.SSE_LAYOUT and cls not in SSE_MODELS)]))


StreamEventUnion = Annotated[Union[STREAM_MODELS], Field(discriminator="type")]  # type: ignore[valid-type]


class LipsyncStreamEvent(RootModel[StreamEventUnion]):  # type: ignore[valid-type]
    """One event of `/api/v2/lipsync/stream` and `/api/v2/chat_and_lipsync/stream`, in the seed's order:
    `status llm` → `token`… → `llm_done` → `status tts` → `status tts_done` → `status lipsync` → `done`
    (`segment` and `queue_position` in between; `error` or `cancelled` instead of `done`)."""


ProgressEvent = event_model(
    "ProgressEvent", (Progress,), Progress.SOCKET_LAYOUT, "Socket.IO `progress`.",
    edge={"stage": (str | None, None), "message": (str, Field(examples=["프레임 처리 중..."])),
          "request_id": (str, Field(description="Addition: the job (as in the `generate` ack)"))})
SocketQueuePosition = event_model("SocketQueuePosition", (QueuePosition,), QueuePosition.SOCKET_LAYOUT,
                                  "Socket.IO `queue_position`.",
                                  edge={"request_id": (str, Field(description="Addition"))})
SocketSegment = event_model("SocketSegment", (Segment,), ("request_id",),
                            "Socket.IO `segment` (as the SSE event, without `type`).", edge={"request_id": (str, ...)},
                            base=SegmentFields)


class GenerationComplete(TurnResultModel):
    """Socket.IO `generation_complete`."""

    request_id: str = Field(description="Addition")


class SocketError(ResponseModel):
    """Socket.IO `error`."""

    error: str
    request_id: str | None = None
    status: int | None = Field(None, description="The HTTP status the same request would get over REST")
    code: str | None = Field(None, description="Addition: the error's stable name, as in error bodies")


SocketCancelled = event_model("SocketCancelled", (Cancelled,), Cancelled.SOCKET_LAYOUT, "Socket.IO `cancelled`.",
                              edge={"message": (str, ...), "segments_done": (int, ...), "request_id": (str, ...)})


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


# The Socket.IO events as documented; an event class added later is described from its fields.
SOCKET_MODELS: dict[type[TurnEvent], type[ResponseModel]] = {
    Progress: ProgressEvent, QueuePosition: SocketQueuePosition, Segment: SocketSegment, Done: GenerationComplete,
    Error: SocketError, Cancelled: SocketCancelled}
SOCKET_OUT: dict[str, type[ResponseModel]] = {
    **{str(cls.SOCKET_NAME): model for cls, model in SOCKET_MODELS.items()},
    **{str(cls.SOCKET_NAME): derived(cls, cls.SOCKET_LAYOUT, "Socket") for cls in EVENT_CLASSES
       if cls.SOCKET_NAME is not None and cls not in SOCKET_MODELS}}

