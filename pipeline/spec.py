"""What a turn job is, as plain data: the spec a worker runs and the request around it, both JSON round-trippable.

Nothing here holds a service, a closure or a lock, so a job can cross a process boundary (a Redis queue) as
JSON and a worker rebuilds the engines from its own config.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from interview.exchange import Conversation
from llm.base import ChatTurn, InterviewContext, Message
from llm.persona import Persona


@dataclass(frozen=True)
class RenderOptions:
    """Validated rendering choices of a request."""

    avatar_id: str
    frame_skip: int = 1
    tts_engine: str = "espeak"
    tts_voice: str | None = None
    delivery: str = "full"  # "face": segments carry only the face region (lipsync.region)


@dataclass(frozen=True)
class TurnSpec:
    """What one job must produce: speech for `text`, or first a reply to `chat` (kept where `keep` says)."""

    options: RenderOptions
    text: str | None = None
    chat: ChatTurn | None = None
    keep: Conversation | None = None  # where the finished chat turn is stored (None: nowhere)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (tuples become lists)."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "TurnSpec":
        """Rebuild a spec written by `to_json`."""
        chat, keep = data.get("chat"), data.get("keep")
        return cls(RenderOptions(**data["options"]), text=data.get("text"), chat=None if chat is None else ChatTurn(
            message=chat["message"], history=tuple(Message(**m) for m in chat["history"]),
            context=InterviewContext(**chat["context"]), max_tokens=chat["max_tokens"],
            temperature=chat["temperature"], persona=Persona.from_json(chat.get("persona")), model=chat.get("model")),
            keep=None if keep is None else Conversation(**keep))


@dataclass(frozen=True)
class JobRequest:
    """A turn and who asked for it: everything a backend stores and a worker receives."""

    spec: TurnSpec
    sid: str | None = None  # Socket.IO session id: `cancel` by sid reaches the job
    notify_socket: bool = False  # send the job's events to the sid's Socket.IO room
    owner: str | None = None  # the client the job belongs to (cancel, status, streams and MAX_JOBS_PER_CLIENT)
    kind: str = "lipsync"  # "lipsync" or "prerender"
    tts_engine_reason: str | None = None  # why the requested TTS engine does not speak (every stream of the job says it)
    http_request_id: str | None = None  # the X-Request-ID of the request that started it (log lines, not the API's)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {**asdict(self), "spec": self.spec.to_json()}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "JobRequest":
        """Rebuild a request written by `to_json`."""
        return cls(**{**data, "spec": TurnSpec.from_json(data["spec"])})
