"""The interviewer's requests, answers and stream events (`/api/chat`, `/api/chat/stream`, legacy history)."""
from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, RootModel

from llm.base import ChatTurn, InterviewContext, Message, Role
from runtime.config import Config
from server.schemas.casting import CastingFields
from server.schemas.common import (
    MAX_INTERVIEW_QUESTIONS, BoundedText, Name, RequestModel, RequiredText, ResponseModel,
)
from server.schemas.derive import event_model
from interview.documents import MAX_DOCUMENT_CHARS
from pipeline.events import Error, Token
from store.sessions import InterviewSettings

DocumentText = Annotated[str | None, Field(max_length=MAX_DOCUMENT_CHARS)]

SEED_CHAT_EXAMPLE = {
    "message": "지원 동기를 말씀해주세요",
    "history": [{"role": "user", "content": "면접을 시작합니다."},
                {"role": "assistant", "content": "안녕하세요. 삼성전자 개발엔지니어링 직무 면접에 오신 것을 환영합니다."}],
    "org_type": "일반기업", "company_name": "삼성전자", "job_name": "개발엔지니어링",
}


class HistoryEntry(RequestModel):  # the one message model (llm.base.Message) with the edge's bound on its content
    """One earlier message of the stateless history."""

    role: Role
    content: BoundedText

    def message(self) -> Message:
        """The entry as the LLM's message."""
        return Message(self.role, self.content)


class InterviewFields(RequestModel):
    """Which interview a turn belongs to."""

    org_type: Name = Field(None, description="분야: 일반기업 (default) or 병원")
    company_name: Name = None
    job_name: Name = Field(None, description="직무명; enables the question-set retrieval")
    total_questions: Annotated[int, Field(ge=1, le=MAX_INTERVIEW_QUESTIONS)] | None = Field(
        None, description="Addition: questions before the interviewer closes (default INTERVIEW_QUESTIONS)")

    language: Literal["ko", "en"] | None = Field(None, description="Addition: the interview's language (default ko)")
    resume_text: DocumentText = Field(None, description="Addition: the candidate's résumé / 자기소개서 as text")
    job_posting_text: DocumentText = Field(None, description="Addition: the job posting as text")
    interview_mode: Literal["study", "real"] | None = Field(
        None, description="Addition: study (a hint line when asked for or after an evasive answer) or real (none)")

    def context(self, config: Config) -> InterviewContext:
        """The interview context, with the configured defaults."""
        return InterviewSettings.of(self).context(config.INTERVIEW_QUESTIONS)


class GenerationFields(RequestModel):
    """The chatbot-backend seed's session and sampling fields."""

    session_id: str | None = Field(None, description="A stored session (POST /api/sessions): its settings and "
                                                     "history are used and both messages stored; any other id: 404")
    max_new_tokens: Annotated[int, Field(ge=1)] | None = Field(None, description="At most LLM_MAX_TOKENS_LIMIT")
    temperature: Annotated[float, Field(ge=0)] | None = Field(None, description="At most LLM_TEMPERATURE_LIMIT")
    do_sample: bool | None = Field(None, description="false: greedy decoding (temperature 0)")


class ChatRequest(InterviewFields, GenerationFields, CastingFields):
    """A candidate's message; `history` makes the turn stateless, `session_id` uses a stored session, and neither
    keeps a conversation per client (its cookie, else its address and User-Agent)."""

    model_config = {"json_schema_extra": {"examples": [SEED_CHAT_EXAMPLE]}}

    message: RequiredText
    history: list[HistoryEntry] | None = Field(None, description="Earlier messages (at most 50 turns are used)")
    interrupted: bool = Field(False, description="Addition: sent while the last reply was still playing (the "
                                                 "candidate cut it off): its question is asked again, not skipped")
    answer_timed_out: bool = Field(False, description="Addition: real mode sent the answer at its time limit")

    def turn(self, config: Config, past: tuple[Message, ...]) -> ChatTurn:
        """The ChatTurn after `past` (the conversation before it, already cut: `interview.exchange`)."""
        return ChatTurn(message=self.message, history=past,
                        context=self.context(config), max_tokens=config.LLM_MAX_TOKENS,
                        temperature=config.LLM_TEMPERATURE, interrupted=self.interrupted,
                        answer_timed_out=self.answer_timed_out)


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


def _absent(value: Any) -> bool:
    return value is None


class StoredReplyFields(ResponseModel):
    """The chatbot-backend seed's fields of a reply (the session ones only with `session_id`; left out otherwise)."""

    content: str | None = Field(None, description="The reply (the chatbot seed's name for `response`)",
                                exclude_if=_absent)
    session_id: str | None = Field(None, exclude_if=_absent)
    message_id: int | None = Field(None, exclude_if=_absent)
    role: Literal["assistant"] | None = Field(None, exclude_if=_absent)
    created_at: str | None = Field(None, exclude_if=_absent)
    token_usage: dict[str, Any] | None = Field(None, description="When the engine reports it", exclude_if=_absent)


class ChatResponse(StoredReplyFields):
    """The interviewer's reply."""

    response: str
    llm_source: str = Field(examples=["LLM API (vllm-qwen3-30b-a3b)"])
    llm_params: LlmParams


TokenEvent = event_model("TokenEvent", (Token,), ("type", "content"), "A piece of the reply as it is written.")


class ChatDoneEvent(ChatResponse):
    """The whole reply, after the last token."""

    type: Literal["done"] = "done"


StreamError = event_model(
    "StreamError", (Error,), ("type", "message", "request_id", "response", "video_url", "audio_url", "code",
                              "resume_url"), "A failure inside a stream (the stream then ends).",
    edge={"request_id": (str | None, None),
          "resume_url": (str | None, Field(None, description="Addition, with `shutting_down`: the job goes on running "
                                                             "on a worker; follow it here with `Last-Event-ID`"))})


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
    names: dict[str, dict[str, str]] = Field(
        default_factory=dict, description="Display names per page language: catalogue name → label (org types, "
        "companies, jobs); the catalogue names stay the values requests send")

