"""The feedback report's documented schema (pydantic v2) and the request that asks for it.

`Report` is what `POST /api/interview/report` returns; `Report.model_json_schema()` documents it.
`LLMAssessment` is the part a remote LLM writes through structured output (the server adds the questions,
answers, metrics and rubric itself, so a model can neither drop nor invent them).
"""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from coach.metrics import AnswerInput, AnswerMetrics
from llm.base import Message

REPORT_VERSION = 2  # 2: category scores (content, structure, specificity, delivery), grade, true counts
MAX_FEEDBACK = 4  # strengths or improvements per question
Score = Field(ge=0, le=100)


class Feedback(BaseModel):
    """One strength or improvement, with the words of the answer it is about."""

    point: str = Field(min_length=1, max_length=400)
    quote: str = Field(max_length=400)  # verbatim from the answer ("" only when there was no answer)


class StarCheck(BaseModel):
    """Which parts of a situation → task → action → result story the answer has."""

    situation: bool
    task: bool
    action: bool
    result: bool


Category = Literal["content", "structure", "specificity", "delivery"]
Grade = Literal["A", "B", "C", "D", "E"]
Kind = Literal["answer", "no_experience", "evasive", "question", "off_topic", "repeat_request", "too_short",
               "other_language", "unanswered"]


class CategoryScores(BaseModel):
    """The rubric's categories, each 0–100; delivery only for spoken answers (None when typed or unmeasured)."""

    content: int = Score
    structure: int = Score
    specificity: int = Score
    delivery: int | None = Field(default=None, ge=0, le=100)


class QuestionAssessment(BaseModel):
    """The judgement of one answer (what an LLM writes, and what the rules compute)."""

    index: int = Field(ge=1)
    answered: bool
    score: int = Score
    scores: CategoryScores
    star: StarCheck
    strengths: list[Feedback] = Field(max_length=MAX_FEEDBACK)
    improvements: list[Feedback] = Field(max_length=MAX_FEEDBACK)


class Retry(BaseModel):
    """A later answer to the same question ("다시 답하기"), scored the same way, beside the interview's own."""

    answer: str
    score: int = Score
    previous_score: int = Score
    grade: Grade
    scores: CategoryScores
    created_at: str | None = None  # ISO 8601, when stored


class QuestionReport(QuestionAssessment):
    """One question asked: the question, the answer, its judgement and how it was delivered."""

    question: str
    answer: str  # "" when unanswered
    intent: str  # the question bank's kind: behavioural, situational, technical, common or open
    question_id: str | None = None  # the bank question it asked
    metrics: AnswerMetrics | None = None
    question_intent: str = "general"  # what the question asks for, from the shared reading (motivation, conflict …)
    kind: Kind = "answer"  # what the answer is, from the shared reading
    grade: Grade = "E"
    outline: list[str] = Field(default_factory=list)  # what a strong answer to this question covers
    warnings: list[Feedback] = Field(default_factory=list)  # blind-hiring warnings (they do not change the score)
    judged_by: Literal["embedded", "llm"] = "embedded"
    overruled: str | None = None  # why the LLM's judgement of this question was replaced by the embedded one
    timed_out: bool = False  # real mode: the time limit ended the answer
    retries: list[Retry] = Field(default_factory=list)  # stored retries of this question, oldest first


class RubricItem(BaseModel):
    """One criterion of the score and its weight."""

    criterion: Category
    weight: float = Field(ge=0, le=1)
    description: str


class InterviewInfo(BaseModel):
    """Which interview the report is about."""

    org_type: str
    company_name: str | None = None
    job_name: str | None = None
    interview_mode: Literal["study", "real"] | None = None  # the mode it was held in (None: not said)


class LLMAssessment(BaseModel):
    """What a remote LLM returns through structured output; validated before use."""

    summary: str = Field(min_length=1, max_length=2000)
    questions: list[QuestionAssessment]


class Report(BaseModel):
    """The interview's feedback report."""

    version: int = REPORT_VERSION
    source: Literal["embedded", "llm"]  # who judged the answers
    engine: str  # e.g. "rules" or "LLM API (model)"
    fallback_reason: str | None = None  # why a configured LLM's report was not used
    language: Literal["ko", "en"]
    interview: InterviewInfo
    overall_score: int = Score
    grade: Grade = "E"
    grade_label: str = ""
    category_scores: CategoryScores | None = None  # mean of the questions' categories (None before any answer)
    asked: int = 0  # questions the interviewer asked (panel members' included)
    answered: int = 0  # of them, answered (not evasive, off-topic, a question back or never answered)
    judged_by: str = ""  # which parts came from where, in the report's language
    summary: str
    rubric: list[RubricItem]
    rubric_explained: str  # how overall_score and each question's score are made
    questions: list[QuestionReport]


class RetryRequest(BaseModel):
    """The body of POST /api/interview/retry: a new answer to question `question_index` of an interview."""

    model_config = ConfigDict(extra="ignore")
    question_index: int = Field(ge=1, le=1000)
    answer: str = Field(min_length=1, max_length=20000)
    answer_meta: AnswerInput | None = None  # how the new answer was given (voice timings, time limit …)
    history: list[Message] | None = None  # the one message model, as /api/chat's `history` carries it
    session_id: str | None = Field(default=None, max_length=200)  # a stored interview: the retry is stored with it
    org_type: str | None = Field(default=None, max_length=100)
    company_name: str | None = Field(default=None, max_length=100)
    job_name: str | None = Field(default=None, max_length=100)
    language: Literal["ko", "en"] | None = None
    interview_mode: Literal["study", "real"] | None = None  # else a stored session's


class ReportRequest(BaseModel):
    """The body of POST /api/interview/report."""

    model_config = ConfigDict(extra="ignore")
    history: list[Message] | None = None
    session_id: str | None = Field(default=None, max_length=200)  # a stored interview (POST /api/sessions)
    org_type: str | None = Field(default=None, max_length=100)
    company_name: str | None = Field(default=None, max_length=100)
    job_name: str | None = Field(default=None, max_length=100)
    answers: list[AnswerInput | None] = Field(default_factory=list)  # per candidate message, in order
    language: Literal["ko", "en"] | None = None  # the interview's language (else read from the interviewer's lines)
    interview_mode: Literal["study", "real"] | None = None  # else a stored session's
    blind_hiring: bool | None = None  # warn about school, hometown, family (default: by org_type, 공공기관)
