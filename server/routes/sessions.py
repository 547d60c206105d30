"""The chatbot-backend seed's session API: create, list (this browser's), read, delete, messages."""
from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, jsonify, request
from flask.typing import ResponseReturnValue

from server.api.edge import Query, operation, parse, request_json, validate
from runtime.conversation import SessionNotFound, live_session
from runtime.turn_requests import avatar_id, choose_tts
from server.identity import current_identity, new_session_owner
from runtime.errors import BadRequest
from server.schemas.lipsync import RenderFields
from server.schemas.sessions import (
    MAX_METADATA_BYTES, MessageList, NewSession, SessionDeleted, SessionList, SessionOut,
)
from server.services import caller, services
from runtime.session_media import fresh_link
from store.sessions import InterviewSettings, SessionRecord, StoredMessage

bp = Blueprint("sessions", __name__)


def session_fields(record: SessionRecord) -> dict[str, Any]:
    """A session as JSON: the seed's fields, the interview it holds, and how far it got."""
    finished = record.finished
    return {
        "session_id": record.id,
        "created_at": record.created_at.isoformat(),
        "last_accessed": record.last_accessed.isoformat(),
        "metadata": record.metadata,
        "message_count": record.message_count,
        **record.interview.__dict__,
        "question_index": record.question_index,
        "questions_answered": record.question_index if finished else max(record.question_index - 1, 0),
        "finished": finished,
    }


def message_fields(message: StoredMessage) -> dict[str, Any]:
    """A message as JSON (the seed's fields; an interviewer reply adds its source, timings and media, whose links
    are signed afresh so that a stored interview replays after its links' MEDIA_URL_TTL_S)."""
    fields: dict[str, Any] = {"message_id": message.id, "session_id": message.session_id, "role": message.role,
                              "content": message.content, "created_at": message.created_at.isoformat(),
                              "token_usage": message.token_usage}
    if message.role == "assistant":
        media = services().media
        fields.update(llm_source=message.llm_source, timings=message.timings,
                      audio_url=fresh_link(media, message.audio_url), video_url=fresh_link(media, message.video_url),
                      speaker=message.speaker)
    return fields


def new_session(body: dict[str, Any]) -> NewSession:
    """The body as a NewSession, or 400 naming the first bad field (metadata over its size too)."""
    parsed = parse(NewSession, body)
    if len(json.dumps(parsed.metadata, ensure_ascii=False).encode()) > MAX_METADATA_BYTES:
        raise BadRequest(f"'metadata' must be at most {MAX_METADATA_BYTES} bytes as JSON")
    return parsed


def interview_settings(body: NewSession) -> InterviewSettings:
    """The interview part of a new session, checked now (unknown avatar 404, unknown voice 400), not at its first turn."""
    s = services()
    fields = {k: (v.strip() or None) if isinstance(v, str) else v for k, v in body.model_dump(exclude={"metadata"}).items()}
    render = validate(RenderFields, {k: v for k, v in fields.items() if k in RenderFields.model_fields})
    if render.avatar is not None or render.resolution is not None:
        avatar_id(s, render, caller())
    if render.tts_engine is not None or render.tts_voice is not None:
        choose_tts(s.tts, render.tts_engine, render.tts_voice, "tts_engine", "tts_voice")
    return InterviewSettings(**fields)


@bp.post("/api/sessions")
@operation(SessionOut, body=NewSession, validate_body=False, errors=(404, 503), tag="sessions")
def create_session() -> ResponseReturnValue:
    """A new session (an interview when its settings are given), owned by this browser."""
    body = new_session(request_json())
    record = services().sessions.create(body.metadata, new_session_owner(), interview_settings(body))
    return jsonify(session_fields(record))  # 200 like the seed's FastAPI route


@bp.get("/api/sessions")
@operation(SessionList, errors=(503,), tag="sessions")
def list_sessions() -> ResponseReturnValue:
    """This identity's live sessions, newest first (none for a client without cookie or key)."""
    records = services().sessions.list_owned(current_identity().owner)
    return jsonify(sessions=[session_fields(r) for r in records], count=len(records))


@bp.get("/api/sessions/<session_id>")
@operation(SessionOut, errors=(404, 503), tag="sessions")
def get_session(session_id: str) -> ResponseReturnValue:
    """One live session."""
    return jsonify(session_fields(live_session(services(), session_id, caller())))


@bp.delete("/api/sessions/<session_id>")
@operation(SessionDeleted, errors=(404, 503), tag="sessions")
def delete_session(session_id: str) -> ResponseReturnValue:
    """Delete a session with its messages; its media is freed for the janitor."""
    live_session(services(), session_id, caller(), touch=False)
    if not services().sessions.delete(session_id):
        raise SessionNotFound()
    return jsonify(success=True, session_id=session_id, message="Session deleted")


@bp.get("/api/sessions/<session_id>/messages")
@operation(MessageList, errors=(400, 404, 503), tag="sessions", query=(
    Query("limit", "Only the newest this many messages (all without it)", {"type": "integer", "minimum": 1}),))
def session_messages(session_id: str) -> ResponseReturnValue:
    """The newest `limit` messages (all without it), oldest first."""
    limit = message_limit(request.args.get("limit"))
    live_session(services(), session_id, caller(), touch=False)
    messages = services().sessions.messages(session_id, limit)
    if messages is None:
        raise SessionNotFound()
    return jsonify(session_id=session_id, messages=[message_fields(m) for m in messages], count=len(messages))


def message_limit(raw: str | None) -> int | None:
    """`limit`: a positive integer, or absent."""
    if raw is None:
        return None
    if not raw.isascii() or not raw.isdigit() or int(raw) < 1:
        raise BadRequest(f"'limit' must be a positive integer, got {raw!r}")
    return int(raw)
