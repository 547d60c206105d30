"""Speech + lipsync video: `/api/v2/lipsync`, `/api/v2/chat_and_lipsync` and their SSE streams."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from flask import Blueprint
from flask.typing import ResponseReturnValue

from jobs.events import JobEvent, Subscription
from jobs.pipeline import TurnSpec
from jobs.queue import Job, QueueFull
from llm.base import ChatTurn
from server.api.edge import operation
from server.api.tts_choice import TtsChoice
from server.errors import ApiError, Unavailable
from server.schemas.events import LipsyncStreamEvent, sse_event
from server.schemas.lipsync import ChatAndLipsyncRequest, ChatAndLipsyncResponse, LipsyncRequest, LipsyncResponse
from server.services import Services, services
from server.sse import sse_response
from server.turn_requests import parse_turn, remember, render_options

bp = Blueprint("lipsync", __name__)


class JobFailed(ApiError):
    """A synchronous job ended with an error event."""

    status = 500


class JobWasCancelled(ApiError):
    """A synchronous job was cancelled (by `/api/cancel` or the socket's `cancel`) before it finished."""

    status = 409


def submit(s: Services, spec: TurnSpec, sid: str | None, listener: Callable[[JobEvent], None]) -> Job:
    """Queue the turn with `listener` subscribed before it starts; 503 + Retry-After when full."""
    job = Job(work=lambda j: s.pipeline.run(j, spec), sid=sid)
    job.fanout.add(listener)
    try:
        return s.queue.submit(job)
    except QueueFull as e:
        raise Unavailable(str(e), headers={"Retry-After": str(e.retry_after)}) from e


def stream_job(s: Services, spec: TurnSpec, sid: str | None, choice: TtsChoice,
               on_done: Callable[[JobEvent], None] | None = None) -> ResponseReturnValue:
    """Run a job and relay its events as SSE; the client leaving cancels the job."""
    subscription = Subscription()
    job = submit(s, spec, sid, subscription)

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
                payload = sse_event(event, choice.reason)
                if payload is not None:
                    yield payload
        finally:
            if not finished:
                s.queue.cancel_job(job.id)

    return sse_response(events())


def wait_job(s: Services, spec: TurnSpec, sid: str | None) -> dict[str, Any]:
    """Run a job and block until it ends; its `done` fields, or an error response."""
    subscription = Subscription()
    submit(s, spec, sid, subscription)
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
@operation(LipsyncResponse, body=LipsyncRequest, errors=(404, 409, 503), tag="lipsync")
def lipsync(body: LipsyncRequest) -> ResponseReturnValue:
    """Speech + video for `text`, answered when the MP4 is ready."""
    s = services()
    options, choice = render_options(s, body)
    done = wait_job(s, TurnSpec(options, text=body.text), body.sid)
    return LipsyncResponse.from_done(done, tts_engine=choice.engine, tts_engine_reason=choice.reason).model_dump()


@bp.post("/api/v2/lipsync/stream")
@operation(stream=LipsyncStreamEvent, body=LipsyncRequest, errors=(404, 503), tag="lipsync")
def lipsync_stream(body: LipsyncRequest) -> ResponseReturnValue:
    """Speech + video for `text` with progress as SSE."""
    s = services()
    options, choice = render_options(s, body)
    return stream_job(s, TurnSpec(options, text=body.text), body.sid, choice)


def chat_spec(s: Services, body: ChatAndLipsyncRequest) -> tuple[TurnSpec, ChatTurn, str | None, TtsChoice]:
    """The job spec of a chat-and-lipsync request, its chat turn, legacy history key and TTS choice."""
    turn, legacy_key = parse_turn(s, body)
    options, choice = render_options(s, body)
    return TurnSpec(options, chat=turn), turn, legacy_key, choice


@bp.post("/api/v2/chat_and_lipsync")
@operation(ChatAndLipsyncResponse, body=ChatAndLipsyncRequest, errors=(404, 409, 503), tag="lipsync")
def chat_and_lipsync(body: ChatAndLipsyncRequest) -> ResponseReturnValue:
    """The interviewer's reply to `message`, spoken on video, answered when the MP4 is ready."""
    s = services()
    spec, turn, legacy_key, choice = chat_spec(s, body)
    done = wait_job(s, spec, body.sid)
    remember(s, legacy_key, turn, done["response"])
    return ChatAndLipsyncResponse.from_done(done, tts_engine=choice.engine,
                                            tts_engine_reason=choice.reason).model_dump()


@bp.post("/api/v2/chat_and_lipsync/stream")
@operation(stream=LipsyncStreamEvent, body=ChatAndLipsyncRequest, errors=(404, 503), tag="lipsync")
def chat_and_lipsync_stream(body: ChatAndLipsyncRequest) -> ResponseReturnValue:
    """Reply tokens, then speech and video progress, as SSE."""
    s = services()
    spec, turn, legacy_key, choice = chat_spec(s, body)
    return stream_job(s, spec, body.sid, choice,
                      on_done=lambda e: remember(s, legacy_key, turn, e.data["response"]))
