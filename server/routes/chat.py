"""The interviewer: `/api/chat`, its SSE stream, legacy history and LLM status."""
from __future__ import annotations

import secrets
import threading
from collections.abc import Iterator
from typing import Any

from flask import Blueprint, jsonify, session
from flask.typing import ResponseReturnValue

from llm import question_bank
from llm.base import ChatTurn, LLMError, Message
from llm.chat import ChatStream
from server.engine_errors import api_error, public_message
from server.services import Services, services
from server.sse import sse_response
from server.validation import chat_turn, json_body, optional_name

bp = Blueprint("chat", __name__)
SESSION_COOKIE_KEY = "history_key"


def history_key(body: dict[str, Any]) -> str:
    """The legacy history's key: the body's `session_id`, else a random id kept in the signed session cookie."""
    explicit = optional_name(body, "session_id")
    if explicit is not None:
        return explicit
    if SESSION_COOKIE_KEY not in session:
        session[SESSION_COOKIE_KEY] = secrets.token_hex(16)
    return session[SESSION_COOKIE_KEY]


def parse_turn(s: Services, body: dict[str, Any]) -> tuple[ChatTurn, str | None]:
    """The turn, and the legacy history key when the client sent no `history` (stateless otherwise)."""
    legacy_key = None if "history" in body else history_key(body)
    past = s.histories.get(legacy_key) if legacy_key is not None else ()
    return chat_turn(body, s.config, past), legacy_key


def remember(s: Services, legacy_key: str | None, turn: ChatTurn, reply: str) -> None:
    """Append the exchange to the legacy history (no-op in stateless mode)."""
    if legacy_key is not None:
        s.histories.append(legacy_key, Message("user", turn.message), Message("assistant", reply))


@bp.post("/api/chat")
def chat() -> ResponseReturnValue:
    """One interviewer reply as JSON."""
    s = services()
    turn, legacy_key = parse_turn(s, json_body())
    try:
        result = ChatStream(s.llm, turn, threading.Event()).collect()
    except LLMError as e:
        raise api_error(e) from e
    remember(s, legacy_key, turn, result.response)
    return jsonify(response=result.response, llm_source=result.llm_source, llm_params=result.llm_params)


@bp.post("/api/chat/stream")
def chat_stream() -> ResponseReturnValue:
    """The reply token by token as SSE: `token`…, then `done` (or `error`)."""
    s = services()
    turn, legacy_key = parse_turn(s, json_body())
    cancel = threading.Event()

    def events() -> Iterator[dict[str, Any]]:
        stream = ChatStream(s.llm, turn, cancel)
        try:
            for piece in stream:
                yield {"type": "token", "content": piece}
        except LLMError as e:
            yield {"type": "error", "message": public_message(e)}
            return
        finally:
            cancel.set()  # the client left early, or we are done: stop the engine either way
        result = stream.result
        assert result is not None
        remember(s, legacy_key, turn, result.response)
        yield {"type": "done", "response": result.response, "llm_source": result.llm_source,
               "llm_params": result.llm_params}

    return sse_response(events())


@bp.post("/api/clear_history")
def clear_history() -> ResponseReturnValue:
    """Forget the legacy server-side history of this client."""
    s = services()
    s.histories.clear(history_key(json_body()))
    return jsonify(status="cleared")


@bp.get("/api/llm_status")
def llm_status() -> ResponseReturnValue:
    """Whether the interviewer engine answers, its model and the fallback."""
    engine = services().llm
    return jsonify(status=engine.status(), model=engine.model, fallback=getattr(engine, "fallback_label", None))


@bp.get("/api/chat/models")
def chat_models() -> ResponseReturnValue:
    """Models the interviewer engine offers, in the sibling seed's shape."""
    engine = services().llm
    primary = getattr(engine, "primary", engine)
    list_models = getattr(primary, "list_models", None)
    try:
        models = list_models() if list_models is not None else [primary.model]
    except LLMError as e:
        raise api_error(e) from e
    return jsonify(success=True, data={"models": [{"id": m, "name": m} for m in models], "current": primary.model})


@bp.get("/api/interview/options")
def interview_options() -> ResponseReturnValue:
    """Organisation types with their companies and jobs (the seed's lists), and the question-count default."""
    return jsonify(**question_bank.catalog(), total_questions=services().config.INTERVIEW_QUESTIONS)
