"""The interviewer: `/api/chat`, its SSE stream, legacy history and LLM status."""
from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterator
from typing import Any

from flask import Blueprint
from flask.typing import ResponseReturnValue

from interview.exchange import Reply, keep_exchange
from llm import question_bank
from llm.base import LLMError
from llm.chat import ChatStream
from server.api.edge import operation, request_json, validate
from runtime.conversation import open_turn
from server.unavailable import UNAVAILABLE_ERRORS, unavailable_message
from runtime.engine_errors import api_error, public_message
from server.forge_chat import forge_chat, wants_forge_chat
from server.schemas.chat import (
    ChatDoneEvent,
    ChatModelsResponse,
    ChatRequest,
    ChatResponse,
    ChatStreamEvent,
    ClearedResponse,
    InterviewOptionsResponse,
    LlmStatusResponse,
    StreamError,
    TokenEvent,
)
from server.identity import legacy_key
from server.services import caller, services
from server.sse import sse_response

bp = Blueprint("chat", __name__)


@bp.post("/api/chat")
@operation(ChatResponse, body=ChatRequest, validate_body=False, errors=(404, 503), tag="chat")
def chat() -> ResponseReturnValue:
    """One interviewer reply as JSON (an avatar-forge body with `messages` gets that seed's answer)."""
    s = services()
    raw = request_json()
    if wants_forge_chat(raw):
        return forge_chat(s, raw)
    opened = open_turn(s, validate(ChatRequest, raw), caller())
    turn, conversation = opened.turn, opened.conversation
    try:
        result = ChatStream(s.llm, turn, threading.Event()).collect()
    except LLMError as e:
        raise api_error(e) from e
    stored = keep_exchange(s.sessions, conversation, turn, Reply(result.response, result.llm_source,
                                                                 {"llm": result.elapsed_s}))
    return ChatResponse(response=result.response, llm_source=result.llm_source, llm_params=result.llm_params,
                        **dataclasses.asdict(stored)).model_dump()


@bp.post("/api/chat/stream")
@operation(stream=ChatStreamEvent, body=ChatRequest, errors=(404, 503), tag="chat")
def chat_stream(body: ChatRequest) -> ResponseReturnValue:
    """The reply token by token as SSE: `token`…, then `done` (or `error`)."""
    s = services()
    opened = open_turn(s, body, caller())
    turn, conversation = opened.turn, opened.conversation
    cancel = threading.Event()

    def events() -> Iterator[dict[str, Any]]:
        stream = ChatStream(s.llm, turn, cancel)
        try:
            for piece in stream:
                yield TokenEvent(content=piece).model_dump()
        except LLMError as e:
            yield StreamError(message=public_message(e)).model_dump(exclude_none=True)
            return
        finally:
            cancel.set()  # the client left early, or we are done: stop the engine either way
        result = stream.result
        assert result is not None
        try:
            stored = keep_exchange(s.sessions, conversation, turn, Reply(result.response, result.llm_source,
                                                                         {"llm": result.elapsed_s}))
        except UNAVAILABLE_ERRORS as e:  # the database went away during the turn: the reply was not kept
            yield StreamError(message=unavailable_message(e)).model_dump(exclude_none=True)
            return
        yield ChatDoneEvent(response=result.response, llm_source=result.llm_source, llm_params=result.llm_params,
                            **dataclasses.asdict(stored)).model_dump()

    return sse_response(events())


@bp.post("/api/clear_history")
@operation(ClearedResponse, errors=(503,), tag="chat")
def clear_history() -> ResponseReturnValue:
    """Forget the legacy server-side history of this client (its cookie, else its address and User-Agent)."""
    s = services()
    s.sessions.clear_legacy(legacy_key(s.sessions))
    return ClearedResponse().model_dump()


@bp.get("/api/llm_status")
@operation(LlmStatusResponse, tag="chat")
def llm_status() -> ResponseReturnValue:
    """Whether the interviewer engine answers, its model and the fallback."""
    chain = services().llm_chain
    return LlmStatusResponse(status=chain.status(), model=chain.model, fallback=chain.fallback_label).model_dump()


@bp.get("/api/chat/models")
@operation(ChatModelsResponse, errors=(503,), tag="chat")
def chat_models() -> ResponseReturnValue:
    """Models the interviewer engine offers, in the sibling seed's shape."""
    primary = services().llm_chain.primary
    try:
        models = primary.list_models()
    except LLMError as e:
        raise api_error(e) from e
    return ChatModelsResponse(data={"models": [{"id": m, "name": m} for m in models],
                                    "current": primary.model}).model_dump()


@bp.get("/api/interview/options")
@operation(InterviewOptionsResponse, tag="chat")
def interview_options() -> ResponseReturnValue:
    """Organisation types with their companies and jobs (the seed's lists), and the question-count default."""
    return InterviewOptionsResponse(**question_bank.catalog(),
                                    total_questions=services().config.INTERVIEW_QUESTIONS).model_dump()
