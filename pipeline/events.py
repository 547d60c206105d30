"""The turn's events, one typed vocabulary: what a stage or a backend publishes and what every channel sends
(an avatar job's events are of the same kind: `WireEvent`, jobs/avatar_jobs.py).

Each event is a frozen dataclass that knows its channels (the SSE streams, a Socket.IO event name or neither) and
lays out its JSON in the wire's key order (`SSE_LAYOUT`, `SOCKET_LAYOUT`: the seed's order, then additions).
Words for people (the Korean status texts) are not here: the web edge passes them in as `edge` values, with the
other values only the edge knows (why the requested TTS engine does not speak). A backend keeps an event as a
record (`to_record` / `from_record`), so an event crosses Redis and comes back the same.
A new event = a class here + its consumer on the page.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from interview.exchange import StoredReply
from pipeline.records import doc, plain, rebuilt

# keys every SSE event may carry besides its fields: the job (`request_id`) and the id to resume after
ENVELOPE = ("request_id", "event_id")


@dataclass(frozen=True, kw_only=True)
class WireEvent:
    """One event a job sends; subclasses name their wire `type`, their channels and their key order (the turn's
    below, an avatar job's in jobs/avatar_jobs.py)."""

    kind: ClassVar[str]  # unique per class: the record's type
    type: ClassVar[str]  # the SSE `type` (two classes may share one: `status` and its `tts_done` stage)
    terminal: ClassVar[bool] = False  # the last event a job sends
    SSE_LAYOUT: ClassVar[tuple[str, ...]] = ()  # the SSE keys in wire order (empty: not sent as SSE)
    SOCKET_NAME: ClassVar[str | None] = None  # the Socket.IO event it is sent as (None: not sent there)
    SOCKET_LAYOUT: ClassVar[tuple[str, ...]] = ()
    KEEP_NULL: ClassVar[frozenset[str]] = frozenset()  # keys sent as null (the others are left out when None)

    def values(self) -> dict[str, Any]:
        """The event's own fields as JSON values (nested dataclasses as dicts)."""
        return {f.name: plain(getattr(self, f.name)) for f in dataclasses.fields(self)}

    def sse_json(self, request_id: str, event_id: int, edge: Mapping[str, Any] | None = None) -> dict[str, Any] | None:
        """The SSE JSON (None: not an SSE event); `edge` = values the web edge adds (`message`, …)."""
        if not self.SSE_LAYOUT:
            return None
        values = {"type": self.type, **self.values(), "request_id": request_id, "event_id": event_id, **(edge or {})}
        return self._laid_out(values, self.SSE_LAYOUT)

    def socket_json(self, request_id: str, edge: Mapping[str, Any] | None = None) -> tuple[str, dict[str, Any]] | None:
        """The Socket.IO (event name, payload) (None: not sent over the socket)."""
        if self.SOCKET_NAME is None:
            return None
        values = {**self.values(), "request_id": request_id, **(edge or {})}
        return self.SOCKET_NAME, self._laid_out(values, self.SOCKET_LAYOUT)

    def _laid_out(self, values: Mapping[str, Any], layout: tuple[str, ...]) -> dict[str, Any]:
        return {key: values[key] for key in layout
                if key in values and (values[key] is not None or key in self.KEEP_NULL)}

    def to_record(self) -> dict[str, Any]:
        """What a backend stores (JSON)."""
        return {"type": self.kind, "data": self.values()}

    @classmethod
    def from_values(cls, data: Mapping[str, Any]) -> "WireEvent":
        """Rebuild an event from its `values()`."""
        return rebuilt(cls, data)


@dataclass(frozen=True, kw_only=True)
class TurnEvent(WireEvent):
    """One event of a turn."""


@dataclass(frozen=True, kw_only=True)
class Status(TurnEvent):
    """A stage starts: llm, tts, lipsync (the edge says it in words as `message`)."""

    kind = type = "status"
    SSE_LAYOUT = ("type", "stage", "message", *ENVELOPE)

    stage: str = field(metadata={"examples": ["tts_done"]})  # llm, tts, lipsync


@dataclass(frozen=True, kw_only=True)
class SpeechDone(TurnEvent):
    """The `status` of stage `tts_done`: the whole turn is spoken (its WAV, length and engine)."""

    kind, type = "tts_done", "status"
    SSE_LAYOUT = ("type", "stage", "message", "audio_url", "duration", "elapsed", "tts_engine", "tts_fallback_reason",
                  "tts_engine_reason", *ENVELOPE)
    KEEP_NULL = frozenset({"tts_fallback_reason"})

    stage: str = "tts_done"
    audio_url: str = doc("tts_done")
    duration: float = doc("tts_done")
    elapsed: float = doc("tts_done")
    tts_engine: str = doc("tts_done, addition: the engine that spoke")
    tts_fallback_reason: str | None = doc("tts_done, addition: why TTS_FALLBACK spoke")


@dataclass(frozen=True, kw_only=True)
class Token(TurnEvent):
    """A piece of the reply as it is written."""

    kind = type = "token"
    SSE_LAYOUT = ("type", "content", *ENVELOPE)

    content: str


@dataclass(frozen=True, kw_only=True)
class LlmDone(TurnEvent):
    """The interviewer's whole reply (chat_and_lipsync only)."""

    kind = type = "llm_done"
    SSE_LAYOUT = ("type", "response", "llm_source", "elapsed", *ENVELOPE)

    response: str
    llm_source: str
    elapsed: float


@dataclass(frozen=True)
class Caption:
    """A sentence with its place on the turn's timeline (seconds)."""

    index: int
    text: str
    start: float
    duration: float


@dataclass(frozen=True)
class FaceRegion:
    """Where a face-region segment's frames are placed on the avatar's full frame (pixels)."""

    x: int
    y: int
    width: int
    height: int
    frame_width: int
    frame_height: int


SEGMENT_FIELDS = ("index", "url", "start", "duration", "count", "caption", "fragment_offset", "region")


@dataclass(frozen=True, kw_only=True)
class Segment(TurnEvent):
    """A playable MP4 part of the turn, with its audio."""

    kind = type = "segment"
    SSE_LAYOUT = (*SEGMENT_FIELDS, "type", *ENVELOPE)
    SOCKET_NAME = "segment"
    SOCKET_LAYOUT = (*SEGMENT_FIELDS, "request_id")
    KEEP_NULL = frozenset({"fragment_offset"})

    index: int
    url: str
    start: float
    duration: float
    count: int = doc("Segments expected (an estimate until the last)")
    caption: Caption | None = doc("On the first segment of each sentence", default=None)
    fragment_offset: int | None = doc("Addition: where this segment's fragment starts in its file (before it: the "
                                      "turn's fMP4 init segment)", default=None)
    region: FaceRegion | None = doc("Addition, delivery=face: where the segment's frames go", default=None)


@dataclass(frozen=True, kw_only=True)
class QueuePosition(TurnEvent):
    """Addition: the job's place while it waits for a render slot."""

    kind = type = "queue_position"
    SSE_LAYOUT = ("type", "position", "estimated_wait", *ENVELOPE)
    SOCKET_NAME = "queue_position"
    SOCKET_LAYOUT = ("position", "estimated_wait", "request_id")

    position: int
    estimated_wait: float


@dataclass(frozen=True, kw_only=True)
class Progress(TurnEvent):
    """Socket.IO `progress`: percent done and the stage (rendering: frames done of the turn's total)."""

    kind = type = "progress"
    SOCKET_NAME = "progress"
    SOCKET_LAYOUT = ("progress", "stage", "message", "request_id")

    progress: int = field(metadata={"examples": [50]})
    stage: str
    frames_done: int | None = None
    frames_total: int | None = None


@dataclass(frozen=True, kw_only=True)
class TurnResult:
    """What a finished turn made: its media, timings and, for a chat turn, the reply and the interview's place."""

    video_url: str
    video_path: str  # relative to MEDIA_DIR
    audio_url: str
    audio_duration: float
    segments: int
    cache_hits: int
    elapsed: dict[str, float]  # seconds per stage, `total` first (pipeline.metrics.TurnTimings.elapsed)
    text: str | None = doc("lipsync/stream", default=None)  # a lipsync turn: what was spoken
    response: str | None = doc("chat_and_lipsync/stream", default=None)  # a chat turn: the reply
    llm_source: str | None = doc("chat_and_lipsync/stream", default=None)
    question_index: int | None = None
    total_questions: int | None = None
    finished: bool | None = None
    speaker: str | None = doc("Addition: the interviewer character who spoke (a panel's member decided by the "
                              "server; as the stored message's `speaker`)", default=None)
    stored: StoredReply | None = None  # where the chat turn was kept (the synchronous answer's fields; not streamed)


@dataclass(frozen=True, kw_only=True)
class Done(TurnEvent):
    """The turn is finished: `done.video_url` is the whole turn as one MP4."""

    kind = type = "done"
    terminal = True
    SSE_LAYOUT = ("type", "text", "response", "llm_source", "speaker", "video_url", "audio_url", "audio_duration",
                  "elapsed", "request_id", "tts_engine_reason", "event_id", "question_index", "total_questions",
                  "finished", "video_path", "segments", "cache_hits")
    SOCKET_NAME = "generation_complete"

    result: TurnResult

    def values(self) -> dict[str, Any]:
        """The result's fields, flat (as the wire has them)."""
        return plain(self.result)

    def socket_json(self, request_id: str, edge: Mapping[str, Any] | None = None) -> tuple[str, dict[str, Any]] | None:
        """`generation_complete`: the seed's `elapsed` (seconds in all) and the stages as `elapsed_detail`."""
        result = self.result
        return self.SOCKET_NAME, {"video_url": result.video_url, "audio_url": result.audio_url,
                                  "audio_duration": result.audio_duration, "elapsed": result.elapsed["total"],
                                  "elapsed_detail": dict(result.elapsed), "request_id": request_id}

    @classmethod
    def from_values(cls, data: Mapping[str, Any]) -> "Done":
        """Rebuild from the flat `values()`."""
        return cls(result=rebuilt(TurnResult, data))


CANCELLED_MESSAGE = "cancelled"


@dataclass(frozen=True, kw_only=True)
class Cancelled(TurnEvent):
    """Addition: the job was cancelled (instead of `done`); the one place its payload is built."""

    kind = type = "cancelled"
    terminal = True
    SSE_LAYOUT = ("type", "message", "segments_done", *ENVELOPE)
    SOCKET_NAME = "cancelled"
    SOCKET_LAYOUT = ("message", "segments_done", "request_id")

    segments_done: int = 0
    message: str = CANCELLED_MESSAGE


@dataclass(frozen=True, kw_only=True)
class Error(TurnEvent):
    """The turn failed (instead of `done`); a reply rendered but not stored keeps its text and media here."""

    kind = type = "error"
    terminal = True
    SSE_LAYOUT = ("type", "message", "request_id", "response", "video_url", "audio_url", "code", "event_id")
    SOCKET_NAME = "error"
    SOCKET_LAYOUT = ("error", "request_id", "code")

    message: str
    code: str | None = doc("Addition: the error's stable name, as in error bodies (`engine_unavailable`, "
                           "`job_timeout`, `worker_lost`, `shutting_down`, …)", default=None)
    response: str | None = doc("Addition, chat_and_lipsync/stream: the reply that was rendered but could not be "
                               "stored (the database went away)", default=None)
    video_url: str | None = doc("Addition: that reply's MP4 (kept for MEDIA_RETENTION_S)", default=None)
    audio_url: str | None = doc("Addition: that reply's WAV", default=None)

    def socket_json(self, request_id: str, edge: Mapping[str, Any] | None = None) -> tuple[str, dict[str, Any]] | None:
        """Socket.IO `error` names its message `error`."""
        return super().socket_json(request_id, {"error": self.message, **(edge or {})})


class TurnFailed(Exception):
    """A turn that ends with its own `error` event (built where the failure is understood)."""

    def __init__(self, event: Error) -> None:
        super().__init__(event.message)
        self.event = event


EVENT_CLASSES: tuple[type[TurnEvent], ...] = (Status, SpeechDone, Token, LlmDone, Segment, QueuePosition, Progress,
                                              Done, Cancelled, Error)
_BY_KIND = {cls.kind: cls for cls in EVENT_CLASSES}


def from_record(record: Mapping[str, Any]) -> TurnEvent:
    """Rebuild an event stored by `to_record` (ValueError for an unknown kind)."""
    cls = _BY_KIND.get(record["type"])
    if cls is None:
        raise ValueError(f"unknown turn event {record['type']!r}")
    return cls.from_values(record["data"])
