"""Speech + lipsync video: `/api/v2/lipsync`, `/api/v2/chat_and_lipsync` and their SSE streams."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from flask import Blueprint, jsonify
from flask.typing import ResponseReturnValue

from jobs.events import JobEvent, Subscription
from jobs.pipeline import RenderOptions, TurnSpec
from jobs.queue import Job, QueueFull
from llm.base import ChatTurn
from server.errors import ApiError, Unavailable
from server.routes.chat import parse_turn, remember
from server.services import Services, services
from server.sse import sse_response
from server.validation import avatar_id, frame_skip, json_body, optional_name, speakable_text, tts_choice

bp = Blueprint("lipsync", __name__)

SSE_EVENT_TYPES = frozenset({"status", "token", "llm_done", "segment", "queue_position", "done", "error", "cancelled"})


class JobFailed(ApiError):
    """A synchronous job ended with an error event."""

    status = 500


class JobWasCancelled(ApiError):
    """A synchronous job was cancelled (by `/api/cancel` or the socket's `cancel`) before it finished."""

    status = 409


def render_options(s: Services, body: dict[str, Any]) -> RenderOptions:
    """Avatar, frame_skip, TTS engine and voice of a lipsync request."""
    engine, voice = tts_choice(body, "tts_engine", "tts_voice", s.tts)
    return RenderOptions(avatar_id(body, s.config, s.avatars), frame_skip(body), engine, voice)


def submit(s: Services, spec: TurnSpec, sid: str | None, listener: Callable[[JobEvent], None]) -> Job:
    """Queue the turn with `listener` subscribed before it starts; 503 + Retry-After when full."""
    job = Job(work=lambda j: s.pipeline.run(j, spec), sid=sid)
    job.fanout.add(listener)
    try:
        return s.queue.submit(job)
    except QueueFull as e:
        raise Unavailable(str(e), headers={"Retry-After": str(e.retry_after)}) from e


def stream_job(s: Services, spec: TurnSpec, body: dict[str, Any],
               on_done: Callable[[JobEvent], None] | None = None) -> ResponseReturnValue:
    """Run a job and relay its events as SSE; the client leaving cancels the job."""
    subscription = Subscription()
    job = submit(s, spec, optional_name(body, "sid"), subscription)

    def events() -> Iterator[dict[str, Any] | None]:
        finished = False
        try:
            for event in subscription.events(s.config.SSE_HEARTBEAT_S):
                if event is None:
                    yield None
                    continue
                finished = event.terminal
                if event.type == "done" and on_done is not None:
                    on_done(event)
                if event.type in SSE_EVENT_TYPES:
                    yield event.as_json()
        finally:
            if not finished:
                s.queue.cancel_job(job.id)

    return sse_response(events())


def wait_job(s: Services, spec: TurnSpec, body: dict[str, Any]) -> dict[str, Any]:
    """Run a job and block until it ends; its `done` fields, or an error response."""
    subscription = Subscription()
    submit(s, spec, optional_name(body, "sid"), subscription)
    for event in subscription.events(s.config.SSE_HEARTBEAT_S):
        if event is None or not event.terminal:
            continue
        if event.type == "done":
            return event.data
        if event.type == "cancelled":
            raise JobWasCancelled("generation was cancelled")
        raise JobFailed(event.data.get("message", "generation failed"))
    raise JobFailed("generation ended without a result")


@bp.post("/api/v2/lipsync")
def lipsync() -> ResponseReturnValue:
    """Speech + video for `text`, answered when the MP4 is ready."""
    s = services()
    body = json_body()
    spec = TurnSpec(render_options(s, body), text=speakable_text(body, "text", s.config))
    done = wait_job(s, spec, body)
    return jsonify(success=True, video_path=done["video_path"], video_url=done["video_url"],
                   audio_url=done["audio_url"], audio_duration=done["audio_duration"],
                   elapsed=done["elapsed"]["total"], elapsed_detail=done["elapsed"])


@bp.post("/api/v2/lipsync/stream")
def lipsync_stream() -> ResponseReturnValue:
    """Speech + video for `text` with progress as SSE."""
    s = services()
    body = json_body()
    spec = TurnSpec(render_options(s, body), text=speakable_text(body, "text", s.config))
    return stream_job(s, spec, body)


def chat_spec(s: Services, body: dict[str, Any]) -> tuple[TurnSpec, ChatTurn, str | None]:
    """The job spec of a chat-and-lipsync request, its chat turn and legacy history key."""
    turn, legacy_key = parse_turn(s, body)
    return TurnSpec(render_options(s, body), chat=turn), turn, legacy_key


@bp.post("/api/v2/chat_and_lipsync")
def chat_and_lipsync() -> ResponseReturnValue:
    """The interviewer's reply to `message`, spoken on video, answered when the MP4 is ready."""
    s = services()
    body = json_body()
    spec, turn, legacy_key = chat_spec(s, body)
    done = wait_job(s, spec, body)
    remember(s, legacy_key, turn, done["response"])
    return jsonify(success=True, response=done["response"], llm_source=done["llm_source"],
                   video_path=done["video_path"], video_url=done["video_url"], audio_url=done["audio_url"],
                   audio_duration=done["audio_duration"], elapsed=done["elapsed"]["total"],
                   elapsed_detail=done["elapsed"])


@bp.post("/api/v2/chat_and_lipsync/stream")
def chat_and_lipsync_stream() -> ResponseReturnValue:
    """Reply tokens, then speech and video progress, as SSE."""
    s = services()
    body = json_body()
    spec, turn, legacy_key = chat_spec(s, body)
    return stream_job(s, spec, body, on_done=lambda e: remember(s, legacy_key, turn, e.data["response"]))
