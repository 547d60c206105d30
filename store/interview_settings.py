"""The interview settings, one model: what a session is started with, what a turn request may name, and the one
conversion to the interviewer's `InterviewContext`.

Every other list of these fields is derived from `InterviewSettings` or checked against it
(`tests/test_interview_settings.py`): the session's columns, the request bodies, the session's JSON.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from typing import Any

from llm.base import DEFAULT_ORG_TYPE, InterviewContext

DEFAULT_LANGUAGE = "ko"


@dataclass(frozen=True)
class InterviewSettings:
    """Which interview it is and how it is shown; None = not given (the server's default)."""

    org_type: str | None = None
    company_name: str | None = None
    job_name: str | None = None
    avatar: str | None = None
    resolution: str | None = None
    tts_engine: str | None = None
    tts_voice: str | None = None
    total_questions: int | None = None
    language: str | None = None
    resume_text: str | None = None
    job_posting_text: str | None = None
    interview_mode: str | None = None  # "study" (hints on request) | "real" (no hints, time limits)

    @classmethod
    def of(cls, values: Mapping[str, Any] | object) -> InterviewSettings:
        """The settings among `values` (a mapping, or an object's attributes: a request body, a database row)."""
        read = values.get if isinstance(values, Mapping) else lambda name: getattr(values, name, None)
        return cls(**{name: read(name) for name in SETTING_NAMES})

    def as_fields(self) -> dict[str, Any]:
        """The settings that are set, under the request field names they default."""
        return {k: v for k, v in self.__dict__.items() if v is not None}

    def only(self, names: Iterable[str]) -> InterviewSettings:
        """These settings with all but `names` left unset."""
        kept = set(names)
        return InterviewSettings(**{k: v for k, v in self.__dict__.items() if k in kept})

    def over(self, stored: InterviewSettings) -> InterviewSettings:
        """These settings (a request's) with `stored` (a session's) filling what they leave unset or empty."""
        return InterviewSettings(**{k: v or getattr(stored, k) for k, v in self.__dict__.items()})

    def context(self, default_questions: int) -> InterviewContext:
        """The interviewer's context: the house defaults where a setting is unset."""
        return InterviewContext(org_type=self.org_type or DEFAULT_ORG_TYPE, company_name=self.company_name,
                                job_name=self.job_name, total_questions=self.total_questions or default_questions,
                                language=self.language or DEFAULT_LANGUAGE, resume_text=self.resume_text,
                                job_posting_text=self.job_posting_text, interview_mode=self.interview_mode)


SETTING_NAMES = tuple(f.name for f in fields(InterviewSettings))
