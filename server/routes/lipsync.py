"""Speech + lipsync video: `/api/v2/lipsync`, `/api/v2/chat_and_lipsync` and their SSE streams."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify
from flask.typing import ResponseReturnValue

from jobs.spec import TurnSpec
from llm.base import ChatTurn
from server import turns
from server.conversation import Conversation, open_turn
from server.services import Services, services
from server.turn_requests import render_options
from server.validation import json_body, optional_name, speakable_text

bp = Blueprint("lipsync", __name__)


@bp.post("/api/v2/lipsync")
def lipsync() -> ResponseReturnValue:
    """Speech + video for `text`, answered when the MP4 is ready."""
    s = services()
    body = json_body()
    spec = TurnSpec(render_options(s, body), text=speakable_text(body, "text", s.config))
    done = turns.wait(s, spec, optional_name(body, "sid"))
    return jsonify(success=True, video_path=done["video_path"], video_url=done["video_url"],
                   audio_url=done["audio_url"], audio_duration=done["audio_duration"],
                   elapsed=done["elapsed"]["total"], elapsed_detail=done["elapsed"])


@bp.post("/api/v2/lipsync/stream")
def lipsync_stream() -> ResponseReturnValue:
    """Speech + video for `text` with progress as SSE."""
    s = services()
    body = json_body()
    spec = TurnSpec(render_options(s, body), text=speakable_text(body, "text", s.config))
    return turns.stream(s, spec, optional_name(body, "sid"))


def chat_spec(s: Services, body: dict[str, Any]) -> tuple[TurnSpec, ChatTurn, Conversation]:
    """The job spec of a chat-and-lipsync request (a session's avatar and voice unless it names others)."""
    turn, conversation, body = open_turn(s, body)
    return TurnSpec(render_options(s, body), chat=turn), turn, conversation


def keep_turn(s: Services, conversation: Conversation, turn: ChatTurn, done: dict[str, Any]) -> dict[str, Any]:
    """Store the spoken turn with its timings and media; the stored reply's fields."""
    return conversation.store(s, turn, done["response"], done["llm_source"], done["elapsed"], done["audio_url"],
                              done["video_url"])


@bp.post("/api/v2/chat_and_lipsync")
def chat_and_lipsync() -> ResponseReturnValue:
    """The interviewer's reply to `message`, spoken on video, answered when the MP4 is ready."""
    s = services()
    body = json_body()
    spec, turn, conversation = chat_spec(s, body)
    done = turns.wait(s, spec, optional_name(body, "sid"))
    stored = keep_turn(s, conversation, turn, done)
    return jsonify(success=True, response=done["response"], llm_source=done["llm_source"],
                   video_path=done["video_path"], video_url=done["video_url"], audio_url=done["audio_url"],
                   audio_duration=done["audio_duration"], elapsed=done["elapsed"]["total"],
                   elapsed_detail=done["elapsed"], **stored)


@bp.post("/api/v2/chat_and_lipsync/stream")
def chat_and_lipsync_stream() -> ResponseReturnValue:
    """Reply tokens, then speech and video progress, as SSE."""
    s = services()
    body = json_body()
    spec, turn, conversation = chat_spec(s, body)
    return turns.stream(s, spec, optional_name(body, "sid"),
                        on_done=lambda e: keep_turn(s, conversation, turn, e.data))
