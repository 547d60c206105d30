"""Building blocks of the request models: base classes, field types with the seed's rules, the error body.

Limits that the operator configures (MAX_TEXT_CHARS) are read from the validation context
(`{"config": Config}`), so the models stay static while the limits follow `.env`.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo
from pydantic_core import PydanticCustomError

from avatars.format import RESOLUTIONS
from tts.text import normalize_for_speech

MAX_NAME_CHARS = 100  # org/company/job names, voice and engine names, ids
MAX_FRAME_SKIP = 10
MAX_INTERVIEW_QUESTIONS = 20
DEFAULT_TEXT_LIMIT = 2000  # characters; the documented default of MAX_TEXT_CHARS
LIMIT_MARKER = "x-config-limit"  # names the Config key that bounds a field's length
TOO_LARGE = "payload_too_large"  # the error type the edge answers with 413 instead of 400


class RequestModel(BaseModel):
    """A JSON request body: unknown fields ignored (seed clients send more), known ones strictly typed."""

    model_config = ConfigDict(extra="ignore", strict=True)


class ResponseModel(BaseModel):
    """A JSON response body or event; fields added later by other modules pass through."""

    model_config = ConfigDict(extra="allow")


class ErrorBody(BaseModel):
    """Every error: `success` false and a message naming the field (the seed's `{"error": ...}` shape)."""

    success: Literal[False] = False
    error: str = Field(examples=["'text' is required (a non-empty string)"])
    code: str = Field(description="Addition: a stable machine-readable name of the error (docs/api.md lists them), "
                      "e.g. `queue_full`, `engine_unavailable`, `database_unavailable` for three kinds of 503",
                      examples=["bad_request"])


def text_limit(info: ValidationInfo) -> int:
    """MAX_TEXT_CHARS of the app validating this request."""
    config = (info.context or {}).get("config")
    return config.MAX_TEXT_CHARS if config is not None else DEFAULT_TEXT_LIMIT


def _required_text(value: str, info: ValidationInfo) -> str:
    if not value.strip():
        raise PydanticCustomError("missing_text", "is required (a non-empty string)")
    return _limited_text(value, info).strip()


def _speakable(value: str) -> str:
    # what the synthesizers read after dropping emoji, markup and symbols (tts/espeak.py applies the same rule)
    if not re.search(r"\w", normalize_for_speech(value, "ko")):
        raise PydanticCustomError("nothing_to_speak", "has nothing to speak (only symbols, emoji or markup)")
    return value


def _limited_text(value: str, info: ValidationInfo) -> str:
    limit = text_limit(info)
    if len(value) > limit:
        raise PydanticCustomError(TOO_LARGE, "is {length} characters; the limit is {limit}",
                                  {"length": len(value), "limit": limit})
    return value


def _blank_to_none(value: Any) -> Any:
    return None if value == "" else value


def _resolution(value: Any) -> Any:
    value = _blank_to_none(value)
    return value if value is None else one_of(tuple(RESOLUTIONS))(value)


def _stripped_or_none(value: str | None) -> str | None:
    return (value.strip() or None) if value is not None else None


def one_of(choices: Sequence[str]) -> Callable[[Any], Any]:
    """A before-validator listing the allowed values in its message (as the seed's clients were told)."""

    def check(value: Any) -> Any:
        if value not in choices:
            got = repr(value)[:40]
            raise PydanticCustomError("one_of", "must be one of {allowed}; got {got}",
                                      {"allowed": ", ".join(choices), "got": got})
        return value

    return check


# The document's maxLength of a text field is the serving app's MAX_TEXT_CHARS (`server.api.document` fills it in).
TEXT_LIMIT_SCHEMA = {LIMIT_MARKER: "MAX_TEXT_CHARS"}
# A required, non-blank text (stripped); over MAX_TEXT_CHARS is a 413.
RequiredText = Annotated[str, Field(min_length=1, json_schema_extra=TEXT_LIMIT_SCHEMA), AfterValidator(_required_text)]
# A required text a synthesizer can say: only symbols, emoji or a link is the client's 400, not an engine's 503.
SpokenText = Annotated[RequiredText, AfterValidator(_speakable)]
# A text that may be empty, still bounded by MAX_TEXT_CHARS (history entries).
BoundedText = Annotated[str, Field(json_schema_extra=TEXT_LIMIT_SCHEMA), AfterValidator(_limited_text)]
# An optional short name: "" and null mean "not given".
ShortText = Annotated[str, Field(max_length=MAX_NAME_CHARS)]
Name = Annotated[ShortText | None, BeforeValidator(_blank_to_none), AfterValidator(_stripped_or_none)]
Resolution = Annotated[Literal["720p", "480p", "360p"] | None, BeforeValidator(_resolution)]
FrameSkip = Annotated[int, Field(ge=1, le=MAX_FRAME_SKIP)]
