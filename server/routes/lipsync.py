"""Speech + lipsync video: `/api/v2/lipsync`, `/api/v2/chat_and_lipsync` and their SSE streams."""
from __future__ import annotations

import logging
from typing import Any

from flask import Blueprint
from flask.typing import ResponseReturnValue

from jobs.events import JobEvent
from pipeline.events import Done, TurnResult
from pipeline.spec import TurnSpec
from llm.base import ChatTurn
from server import turns
from server.api.edge import operation
from server.api.tts_choice import TtsChoice
from server.conversation import Conversation, open_turn
from server.database_errors import UNAVAILABLE_ERRORS, unavailable_message
from server.disconnect import client_gone
from server.schemas.chat import StreamError
from server.schemas.events import LipsyncStreamEvent
from server.schemas.lipsync import (
    ChatAndLipsyncRequest,
    ChatAndLipsyncResponse,
    LipsyncRequest,
    LipsyncResponse,
)
from runtime.services import Services
from server.services import services
from server.turn_requests import render_options

log = logging.getLogger(__name__)

bp = Blueprint("lipsync", __name__)


@bp.post("/api/v2/lipsync")
@operation(LipsyncResponse, body=LipsyncRequest, errors=(404, 409, 503), tag="lipsync")
def lipsync(body: LipsyncRequest) -> ResponseReturnValue:
    """Speech + video for `text`, answered when the MP4 is ready."""
    s = services()
    options, choice = render_options(s, body)
    done = turns.wait(s, TurnSpec(options, text=body.text), body.sid, client_gone)
    return LipsyncResponse.from_done(done, tts_engine=choice.engine, tts_engine_reason=choice.reason).model_dump()


@bp.post("/api/v2/lipsync/stream")
@operation(stream=LipsyncStreamEvent, body=LipsyncRequest, errors=(404, 503), tag="lipsync")
def lipsync_stream(body: LipsyncRequest) -> ResponseReturnValue:
    """Speech + video for `text` with progress as SSE."""
    s = services()
    options, choice = render_options(s, body)
    return turns.stream(s, TurnSpec(options, text=body.text), body.sid, tts_engine_reason=choice.reason)


def chat_spec(s: Services, body: ChatAndLipsyncRequest) -> tuple[TurnSpec, ChatTurn, Conversation, TtsChoice]:
    """The job spec of a chat-and-lipsync request (a session's avatar and voice unless it names others), its chat
    turn, where the exchange is stored, and the TTS choice."""
    turn, conversation, body = open_turn(s, body)
    options, choice = render_options(s, body)
    return TurnSpec(options, chat=turn), turn, conversation, choice


def keep_turn(s: Services, conversation: Conversation, turn: ChatTurn, done: TurnResult) -> dict[str, Any]:
    """Store the spoken turn with its timings and media; the stored reply's fields."""
    assert done.response is not None and done.llm_source is not None
    return conversation.store(s, turn, done.response, done.llm_source, done.elapsed, done.audio_url, done.video_url)


@bp.post("/api/v2/chat_and_lipsync")
@operation(ChatAndLipsyncResponse, body=ChatAndLipsyncRequest, errors=(404, 409, 503), tag="lipsync")
def chat_and_lipsync(body: ChatAndLipsyncRequest) -> ResponseReturnValue:
    """The interviewer's reply to `message`, spoken on video, answered when the MP4 is ready."""
    s = services()
    spec, turn, conversation, choice = chat_spec(s, body)
    done = turns.wait(s, spec, body.sid, client_gone)
    stored = keep_turn(s, conversation, turn, done)
    return ChatAndLipsyncResponse.from_done(done, tts_engine=choice.engine, tts_engine_reason=choice.reason,
                                            **stored).model_dump()


@bp.post("/api/v2/chat_and_lipsync/stream")
@operation(stream=LipsyncStreamEvent, body=ChatAndLipsyncRequest, errors=(404, 503), tag="lipsync")
def chat_and_lipsync_stream(body: ChatAndLipsyncRequest) -> ResponseReturnValue:
    """Reply tokens, then speech and video progress, as SSE."""
    s = services()
    spec, turn, conversation, choice = chat_spec(s, body)
    return turns.stream(s, spec, body.sid, on_done=lambda e: keep_streamed_turn(s, conversation, turn, e),
                        tts_engine_reason=choice.reason)


def keep_streamed_turn(s: Services, conversation: Conversation, turn: ChatTurn,
                       done: JobEvent) -> dict[str, Any] | None:
    """Store a streamed turn; when the database went away meanwhile, the `error` event that ends the stream
    instead of `done`: the fixed 503 message plus the rendered reply's text and media, which stay on disk
    (unreferenced, so the janitor removes them after MEDIA_RETENTION_S like any stateless turn's)."""
    assert isinstance(done.event, Done)
    result = done.event.result
    try:
        keep_turn(s, conversation, turn, result)
    except UNAVAILABLE_ERRORS as e:
        log.warning("turn %s rendered but not stored in its session: the database is unavailable", done.job_id)
        return StreamError(message=unavailable_message(e), request_id=done.job_id, response=result.response,
                           video_url=result.video_url, audio_url=result.audio_url).model_dump(exclude_none=True)
    return None
