"""The interviewer: `/api/chat`, its SSE stream, legacy history and LLM status."""
from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

from flask import Blueprint, jsonify
from flask.typing import ResponseReturnValue

from llm import question_bank
from llm.base import LLMError
from llm.chat import ChatStream
from server.conversation import legacy_key, open_turn
from server.engine_errors import api_error, public_message
from server.forge_chat import forge_chat, wants_forge_chat
from server.services import services
from server.sse import sse_response
from server.validation import json_body

bp = Blueprint("chat", __name__)


@bp.post("/api/chat")
def chat() -> ResponseReturnValue:
    """One interviewer reply as JSON."""
    s = services()
    body = json_body()
    if wants_forge_chat(body):
        return forge_chat(s, body)
    turn, conversation, _ = open_turn(s, body)
    try:
        result = ChatStream(s.llm, turn, threading.Event()).collect()
    except LLMError as e:
        raise api_error(e) from e
    stored = conversation.store(s, turn, result.response, result.llm_source, {"llm": result.elapsed_s})
    return jsonify(response=result.response, llm_source=result.llm_source, llm_params=result.llm_params, **stored)


@bp.post("/api/chat/stream")
def chat_stream() -> ResponseReturnValue:
    """The reply token by token as SSE: `token`…, then `done` (or `error`)."""
    s = services()
    turn, conversation, _ = open_turn(s, json_body())
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
        stored = conversation.store(s, turn, result.response, result.llm_source, {"llm": result.elapsed_s})
        yield {"type": "done", "response": result.response, "llm_source": result.llm_source,
               "llm_params": result.llm_params, **stored}

    return sse_response(events())


@bp.post("/api/clear_history")
def clear_history() -> ResponseReturnValue:
    """Forget the legacy server-side history of this client (its cookie, else its address and User-Agent)."""
    services().sessions.clear_legacy(legacy_key(services()))
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
