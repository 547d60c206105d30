"""Speech + lipsync video: `/api/v2/lipsync`, `/api/v2/chat_and_lipsync` and their SSE streams."""
from __future__ import annotations

import dataclasses

from flask import Blueprint
from flask.typing import ResponseReturnValue

from pipeline.spec import TurnSpec
from server import turns
from server.api.edge import operation
from runtime.conversation import open_turn
from server.disconnect import client_gone
from server.schemas.events import LipsyncStreamEvent
from server.schemas.lipsync import (
    ChatAndLipsyncRequest,
    ChatAndLipsyncResponse,
    LipsyncRequest,
    LipsyncResponse,
)
from runtime.services import Services
from runtime.turn_requests import render_options
from server.services import caller, services
from tts.speaker import TtsChoice

bp = Blueprint("lipsync", __name__)


@bp.post("/api/v2/lipsync")
@operation(LipsyncResponse, body=LipsyncRequest, errors=(404, 409, 503), tag="lipsync")
def lipsync(body: LipsyncRequest) -> ResponseReturnValue:
    """Speech + video for `text`, answered when the MP4 is ready."""
    s = services()
    options, choice = render_options(s, body, caller())
    done = turns.wait(s, TurnSpec(options, text=body.text), body.sid, client_gone)
    return LipsyncResponse.from_done(done, tts_engine=choice.engine, tts_engine_reason=choice.reason).model_dump()


@bp.post("/api/v2/lipsync/stream")
@operation(stream=LipsyncStreamEvent, body=LipsyncRequest, errors=(404, 503), tag="lipsync")
def lipsync_stream(body: LipsyncRequest) -> ResponseReturnValue:
    """Speech + video for `text` with progress as SSE."""
    s = services()
    options, choice = render_options(s, body, caller())
    return turns.stream(s, TurnSpec(options, text=body.text), body.sid, tts_engine_reason=choice.reason)


def chat_spec(s: Services, body: ChatAndLipsyncRequest) -> tuple[TurnSpec, TtsChoice]:
    """The job spec of a chat-and-lipsync request (a session's avatar and voice unless it names others; the turn
    kept where the request's conversation is, by whoever finishes it) and the TTS choice."""
    who = caller()
    opened = open_turn(s, body, who)
    options, choice = render_options(s, opened.body, who, opened.casting)
    return TurnSpec(options, chat=opened.turn, keep=opened.conversation), choice


@bp.post("/api/v2/chat_and_lipsync")
@operation(ChatAndLipsyncResponse, body=ChatAndLipsyncRequest, errors=(404, 409, 503), tag="lipsync")
def chat_and_lipsync(body: ChatAndLipsyncRequest) -> ResponseReturnValue:
    """The interviewer's reply to `message`, spoken on video, answered when the MP4 is ready."""
    s = services()
    spec, choice = chat_spec(s, body)
    done = turns.wait(s, spec, body.sid, client_gone)
    stored = dataclasses.asdict(done.stored) if done.stored is not None else {}
    return ChatAndLipsyncResponse.from_done(done, tts_engine=choice.engine, tts_engine_reason=choice.reason,
                                            **stored).model_dump()


@bp.post("/api/v2/chat_and_lipsync/stream")
@operation(stream=LipsyncStreamEvent, body=ChatAndLipsyncRequest, errors=(404, 503), tag="lipsync")
def chat_and_lipsync_stream(body: ChatAndLipsyncRequest) -> ResponseReturnValue:
    """Reply tokens, then speech and video progress, as SSE."""
    s = services()
    spec, choice = chat_spec(s, body)
    return turns.stream(s, spec, body.sid, tts_engine_reason=choice.reason)
