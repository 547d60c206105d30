"""The interviewer: `/api/chat`, its SSE stream, legacy history and LLM status."""
from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

from flask import Blueprint
from flask.typing import ResponseReturnValue

from llm import question_bank
from llm.base import LLMError
from llm.chat import ChatStream
from server.api.edge import operation
from server.errors import Unavailable
from server.schemas.chat import (
    ChatDoneEvent, ChatModelsResponse, ChatRequest, ChatResponse, ChatStreamEvent, ClearedResponse, HistoryKeyRequest,
    InterviewOptionsResponse, LlmStatusResponse, StreamError, TokenEvent,
)
from server.services import services
from server.sse import sse_response
from server.turn_requests import history_key, parse_turn, remember

bp = Blueprint("chat", __name__)


@bp.post("/api/chat")
@operation(ChatResponse, body=ChatRequest, errors=(503,), tag="chat")
def chat(body: ChatRequest) -> ResponseReturnValue:
    """One interviewer reply as JSON."""
    s = services()
    turn, legacy_key = parse_turn(s, body)
    try:
        result = ChatStream(s.llm, turn, threading.Event()).collect()
    except LLMError as e:
        raise Unavailable(f"LLM error: {e}") from e
    remember(s, legacy_key, turn, result.response)
    return ChatResponse(response=result.response, llm_source=result.llm_source,
                        llm_params=result.llm_params).model_dump()


@bp.post("/api/chat/stream")
@operation(stream=ChatStreamEvent, body=ChatRequest, tag="chat")
def chat_stream(body: ChatRequest) -> ResponseReturnValue:
    """The reply token by token as SSE: `token`…, then `done` (or `error`)."""
    s = services()
    turn, legacy_key = parse_turn(s, body)
    cancel = threading.Event()

    def events() -> Iterator[dict[str, Any]]:
        stream = ChatStream(s.llm, turn, cancel)
        try:
            for piece in stream:
                yield TokenEvent(content=piece).model_dump()
        except LLMError as e:
            yield StreamError(message=f"LLM error: {e}").model_dump(exclude_none=True)
            return
        finally:
            cancel.set()  # the client left early, or we are done: stop the engine either way
        result = stream.result
        assert result is not None
        remember(s, legacy_key, turn, result.response)
        yield ChatDoneEvent(response=result.response, llm_source=result.llm_source,
                            llm_params=result.llm_params).model_dump()

    return sse_response(events())


@bp.post("/api/clear_history")
@operation(ClearedResponse, body=HistoryKeyRequest, tag="chat")
def clear_history(body: HistoryKeyRequest) -> ResponseReturnValue:
    """Forget the legacy server-side history of this client."""
    services().histories.clear(history_key(body))
    return ClearedResponse().model_dump()


@bp.get("/api/llm_status")
@operation(LlmStatusResponse, tag="chat")
def llm_status() -> ResponseReturnValue:
    """Whether the interviewer engine answers, its model and the fallback."""
    engine = services().llm
    return LlmStatusResponse(status=engine.status(), model=engine.model,
                             fallback=getattr(engine, "fallback_label", None)).model_dump()


@bp.get("/api/chat/models")
@operation(ChatModelsResponse, errors=(503,), tag="chat")
def chat_models() -> ResponseReturnValue:
    """Models the interviewer engine offers, in the sibling seed's shape."""
    engine = services().llm
    primary = getattr(engine, "primary", engine)
    list_models = getattr(primary, "list_models", None)
    try:
        models = list_models() if list_models is not None else [primary.model]
    except LLMError as e:
        raise Unavailable(f"LLM error: {e}") from e
    return ChatModelsResponse(data={"models": [{"id": m, "name": m} for m in models],
                                    "current": primary.model}).model_dump()


@bp.get("/api/interview/options")
@operation(InterviewOptionsResponse, tag="chat")
def interview_options() -> ResponseReturnValue:
    """Organisation types with their companies and jobs (the seed's lists), and the question-count default."""
    return InterviewOptionsResponse(**question_bank.catalog(),
                                    total_questions=services().config.INTERVIEW_QUESTIONS).model_dump()
