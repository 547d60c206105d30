"""The interviewer's requests, answers and stream events (`/api/chat`, `/api/chat/stream`, legacy history)."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, RootModel

from llm.base import DEFAULT_ORG_TYPE, ChatTurn, InterviewContext, Message
from server.config import Config
from server.schemas.common import (
    MAX_INTERVIEW_QUESTIONS, BoundedText, Name, RequestModel, RequiredText, ResponseModel,
)

SEED_CHAT_EXAMPLE = {
    "message": "지원 동기를 말씀해주세요",
    "history": [{"role": "user", "content": "면접을 시작합니다."},
                {"role": "assistant", "content": "안녕하세요. 삼성전자 개발엔지니어링 직무 면접에 오신 것을 환영합니다."}],
    "org_type": "일반기업", "company_name": "삼성전자", "job_name": "개발엔지니어링",
}


class HistoryEntry(RequestModel):
    """One earlier message of the stateless history."""

    role: Literal["user", "assistant"]
    content: BoundedText


class InterviewFields(RequestModel):
    """Which interview a turn belongs to."""

    org_type: Name = Field(None, description="분야: 일반기업 (default) or 병원")
    company_name: Name = None
    job_name: Name = Field(None, description="직무명; enables the question-set retrieval")
    total_questions: Annotated[int, Field(ge=1, le=MAX_INTERVIEW_QUESTIONS)] | None = Field(
        None, description="Addition: questions before the interviewer closes (default INTERVIEW_QUESTIONS)")

    def context(self, config: Config) -> InterviewContext:
        """The interview context, with the configured defaults."""
        return InterviewContext(org_type=self.org_type or DEFAULT_ORG_TYPE, company_name=self.company_name,
                                job_name=self.job_name,
                                total_questions=self.total_questions or config.INTERVIEW_QUESTIONS)


class HistoryKeyRequest(RequestModel):
    """Names the legacy server-side history (else the signed session cookie does)."""

    session_id: Name = Field(None, description="Addition: key of the legacy server-side history")


class ChatRequest(InterviewFields, HistoryKeyRequest):
    """A candidate's message; `history` makes the turn stateless (else the legacy server-side history is used)."""

    model_config = {"json_schema_extra": {"examples": [SEED_CHAT_EXAMPLE]}}

    message: RequiredText
    history: list[HistoryEntry] | None = Field(None, description="Earlier messages (at most 50 turns are used)")

    def turn(self, config: Config, past: tuple[Message, ...] = ()) -> ChatTurn:
        """The ChatTurn: `history` when sent, else `past`; only the last MAX_HISTORY_TURNS turns are kept."""
        sent = tuple(Message(e.role, e.content) for e in self.history) if self.history is not None else past
        return ChatTurn(message=self.message, history=sent[-2 * config.MAX_HISTORY_TURNS:],
                        context=self.context(config), max_tokens=config.LLM_MAX_TOKENS,
                        temperature=config.LLM_TEMPERATURE)


class LlmParams(ResponseModel):
    """What was sent to the engine (the seed's `llm_params`)."""

    model: str
    max_tokens: int
    temperature: float
    system_prompt: str
    history_count: int
    org_type: str
    job_name: str | None
    company_name: str | None
    question_set_rag_enabled: bool


class ChatResponse(ResponseModel):
    """The interviewer's reply."""

    response: str
    llm_source: str = Field(examples=["LLM API (vllm-qwen3-30b-a3b)"])
    llm_params: LlmParams


class TokenEvent(ResponseModel):
    """A piece of the reply as it is written."""

    type: Literal["token"] = "token"
    content: str


class ChatDoneEvent(ChatResponse):
    """The whole reply, after the last token."""

    type: Literal["done"] = "done"


class StreamError(ResponseModel):
    """A failure inside a stream (the stream then ends)."""

    type: Literal["error"] = "error"
    message: str
    request_id: str | None = None


class ChatStreamEvent(RootModel[Annotated[TokenEvent | ChatDoneEvent | StreamError, Field(discriminator="type")]]):
    """One event of `/api/chat/stream`: `token`…, then `done` (or `error`)."""


class ClearedResponse(ResponseModel):
    """The legacy history was cleared."""

    status: Literal["cleared"] = "cleared"


class LlmStatusResponse(ResponseModel):
    """Whether the interviewer engine answers."""

    status: str = Field(examples=["online"])
    model: str | None
    fallback: str | None


class ModelEntry(ResponseModel):
    """One model the interviewer engine offers."""

    id: str
    name: str


class ModelList(ResponseModel):
    """The models and the one in use."""

    models: list[ModelEntry]
    current: str | None


class ChatModelsResponse(ResponseModel):
    """The sibling seed's model list."""

    success: Literal[True] = True
    data: ModelList


class OrgOptions(ResponseModel):
    """Companies and jobs of one organisation type."""

    companies: list[str]
    jobs: list[str]


class InterviewOptionsResponse(ResponseModel):
    """Organisation types with their companies and jobs, and the question-count default."""

    default_org_type: str
    org_types: dict[str, OrgOptions]
    total_questions: int

