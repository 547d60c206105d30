"""Remote judges: an LLM writes the per-question assessment through structured output (a JSON schema).

OpenAI-compatible servers get `response_format={"type": "json_schema", …}`, Ollama's native API gets
`format=<schema>`. Whatever comes back is validated against `LLMAssessment`; a refused connection, a
timeout, an error status or an answer that does not validate raises ReportUnavailable, and the report
falls back to the embedded rules. A judge asks only within MAX_REMOTE_LLM_CALLS (GatedJudge).
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import httpx2
import openai
from pydantic import ValidationError

from coach.interview import AskedQuestion
from coach.report import AssessmentWriter, ReportUnavailable
from coach.rules import WEIGHTS
from coach.schema import LLMAssessment
from llm.base import InterviewContext
from llm.call_gate import CallGate
from llm.openai_compat import DUMMY_API_KEY, normalize_base_url
from llm.remote import LLMBusy

SCHEMA_NAME = "interview_assessment"
TEMPERATURE = 0.2  # a judge should not improvise
LANGUAGE_NAMES = {"ko": "Korean", "en": "English"}


def messages(questions: Sequence[AskedQuestion], context: InterviewContext, language: str) -> list[dict[str, str]]:
    """The judge's instructions and the interview as JSON."""
    rubric = ", ".join(f"{name} ({weight:.0%})" for name, weight in WEIGHTS.items())
    system = (
        "You are an interview coach. Judge every answer of the interview below. For each question give "
        f"0-100 scores for {rubric} (leave `delivery` null: it is measured from the audio); `score` is their "
        "weighted mean. An unanswered, evasive or off-topic answer (\"I don't know\", small talk) or a question back "
        "is answered=false with a score of at most 10 and no strengths; a list of keywords without sentences scores "
        "at most 15. `star` says which of situation, task, "
        "action, result the answer has. Give up to 3 strengths and up to 3 improvements; each `quote` must be "
        f"copied verbatim from that answer. Write `point` and `summary` in {LANGUAGE_NAMES[language]}. "
        "Answer with JSON only, following the schema.")
    interview = {
        "org_type": context.org_type, "company": context.company_name, "job": context.job_name,
        "questions": [{"index": q.index, "question": q.text, "kind": q.intent.kind, "answer": q.answer or ""}
                      for q in questions],
    }
    return [{"role": "system", "content": system},
            {"role": "user", "content": json.dumps(interview, ensure_ascii=False)}]


def parse(content: Any, source: str) -> LLMAssessment:
    """The answer validated against the schema; ReportUnavailable when it is not JSON of that shape."""
    if not isinstance(content, str) or not content.strip():
        raise ReportUnavailable(f"{source} answered no content")
    try:
        return LLMAssessment.model_validate_json(content)
    except ValidationError as e:
        raise ReportUnavailable(f"{source} answered JSON that does not match the report schema: "
                                f"{e.error_count()} error(s), first: {e.errors()[0]['msg']}") from e


class OpenAIJudge:
    """Structured output through POST {base}/chat/completions with a json_schema response format."""

    def __init__(self, api_url: str, model: str, api_key: str | None, timeout_s: float) -> None:
        self.model = model
        self.source = f"LLM API ({model})"
        self._client = openai.OpenAI(base_url=normalize_base_url(api_url), api_key=api_key or DUMMY_API_KEY,
                                     timeout=timeout_s, max_retries=0)

    def assess(self, questions: Sequence[AskedQuestion], context: InterviewContext, language: str) -> LLMAssessment:
        """One non-streamed completion constrained by the schema."""
        schema = {"name": SCHEMA_NAME, "schema": LLMAssessment.model_json_schema()}
        try:
            completion = self._client.chat.completions.create(
                model=self.model, messages=messages(questions, context, language),  # type: ignore[arg-type]
                response_format={"type": "json_schema", "json_schema": schema},  # type: ignore[typeddict-item]
                temperature=TEMPERATURE, stream=False)
        except openai.OpenAIError as e:
            raise ReportUnavailable(f"{self.source} failed: {e}") from e
        choices = getattr(completion, "choices", None)
        if not choices:
            raise ReportUnavailable(f"{self.source} answered without a choice")
        return parse(choices[0].message.content, self.source)


class OllamaJudge:
    """Structured output through Ollama's native POST /api/chat with `format` = the schema."""

    def __init__(self, base_url: str, model: str, timeout_s: float) -> None:
        self.model = model
        self.source = f"Ollama ({model})"
        self._url = base_url.rstrip("/") + "/api/chat"
        self._timeout_s = timeout_s

    def assess(self, questions: Sequence[AskedQuestion], context: InterviewContext, language: str) -> LLMAssessment:
        """One non-streamed chat with thinking off."""
        body = {"model": self.model, "messages": messages(questions, context, language), "stream": False,
                "think": False, "format": LLMAssessment.model_json_schema(), "options": {"temperature": TEMPERATURE}}
        try:
            response = httpx2.post(self._url, json=body, timeout=self._timeout_s)
            response.raise_for_status()
            content = response.json().get("message", {}).get("content")
        except (httpx2.HTTPError, ValueError, AttributeError) as e:
            raise ReportUnavailable(f"{self.source} failed: {e}") from e
        return parse(content, self.source)


class GatedJudge:
    """A judge that holds one of the remote LLM call slots (MAX_REMOTE_LLM_CALLS, shared with the interviewer) while
    it asks; with none free it does not ask, and the rules answer (ReportUnavailable)."""

    def __init__(self, judge: AssessmentWriter, gate: CallGate) -> None:
        self._judge = judge
        self._gate = gate
        self.source = judge.source

    def assess(self, questions: Sequence[AskedQuestion], context: InterviewContext, language: str) -> LLMAssessment:
        """The judge's assessment, asked within the bound."""
        try:
            started = self._gate.enter()
        except LLMBusy as e:
            raise ReportUnavailable(f"{self.source} not asked: busy, all {self._gate.max_calls} remote LLM call "
                                    "slots are in use") from e
        try:
            return self._judge.assess(questions, context, language)
        finally:
            self._gate.leave(started)


def create_judge(config: Any) -> OpenAIJudge | OllamaJudge | None:
    """The judge REPORT_ENGINE names (None for the embedded rules)."""
    if config.REPORT_ENGINE == "openai":
        return OpenAIJudge(config.LLM_API_URL, config.LLM_MODEL, config.OPENAI_API_KEY or None,
                           config.REPORT_TIMEOUT_S)
    if config.REPORT_ENGINE == "ollama":
        return OllamaJudge(config.OLLAMA_BASE_URL, config.LLM_MODEL, config.REPORT_TIMEOUT_S)
    return None
