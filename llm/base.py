"""The chat engine protocol and the messages that cross the llm/ boundary."""
from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal, Protocol

from llm.persona import Persona
from settings.engine import EngineEntry

Role = Literal["user", "assistant"]
DEFAULT_ORG_TYPE = "일반기업"


class LLMError(RuntimeError):
    """A chat engine failed (down, timed out, answered garbage); `str()` is detail for the log only."""

    public_message = "the interviewer engine could not answer"  # what a client sees: no hosts, keys or bodies


@dataclass(frozen=True)
class Message:
    """One entry of the conversation history (user text only ever has role "user")."""

    role: Role
    content: str


@dataclass(frozen=True)
class InterviewContext:
    """Which interview this is: organisation type, company and job."""

    org_type: str = DEFAULT_ORG_TYPE
    company_name: str | None = None
    job_name: str | None = None
    total_questions: int | None = None  # questions before closing; None = the engine's setting
    language: str = "ko"  # "ko" | "en": the language the interview is held in
    resume_text: str | None = None  # the candidate's résumé / 자기소개서 (bounded at the edge)
    job_posting_text: str | None = None  # the job posting (bounded at the edge)
    interview_mode: str | None = None  # "study" | "real" (None: neither asked for: no hints, as before)


@dataclass(frozen=True)
class ChatTurn:
    """A candidate's message with everything said before it."""

    message: str
    history: tuple[Message, ...] = ()
    context: InterviewContext = field(default_factory=InterviewContext)
    max_tokens: int = 200
    temperature: float = 0.7
    persona: Persona | None = None  # the interviewer character (None: the house interviewer)
    model: str | None = None  # a model of the primary engine's list chosen per request (None: its default)
    interrupted: bool = False  # the candidate sent this while the last reply was still playing (cut it off)
    answer_timed_out: bool = False  # real mode: the page sent the answer at the time limit


@dataclass(frozen=True)
class Prompt:
    """The operator's system prompt for a turn and the question set it drew on."""

    system_prompt: str
    question_set_rag_enabled: bool
    questions: tuple[str, ...] = ()


class ChatEngine(Protocol):
    """An interviewer that streams its reply token by token."""

    name: str  # registry key, e.g. "scripted"
    model: str  # model name reported in llm_params.model

    @property
    def source(self) -> str:
        """Human-readable source for llm_source, e.g. "LLM API (qwen3)"."""
        ...

    def stream(self, turn: ChatTurn, prompt: Prompt, cancel: threading.Event) -> Iterator[str]:
        """Yield the reply in pieces; stop early when `cancel` is set; raise LLMError on failure."""
        ...

    def status(self) -> str:
        """"online" or "offline", probed cheaply."""
        ...

    def list_models(self) -> list[str]:
        """Models this engine can answer with (a server's list; LLMError when it cannot be asked)."""
        return [self.model]


ChatEntry = EngineEntry[ChatEngine]  # a chat engine's registry line (interview/engines.py)
