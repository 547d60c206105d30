"""The one validation decorator: parse the JSON body into its model, answer the seed's error shape, and record
the operation for the OpenAPI document; `parse` for the plain bodies of the avatar-forge seed's routes (their own
error wording: `'field': pydantic's message`).

    @bp.post("/api/v2/tts")
    @operation(TtsResponse, body=TtsRequest, errors=(503,))
    def synthesize(body: TtsRequest): ...
"""
from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from flask import request
from pydantic import BaseModel, ValidationError

from runtime.errors import ApiError, BadRequest, PayloadTooLarge
from server.schemas.common import TOO_LARGE
from server.services import services

ATTRIBUTE = "api_operation"  # where the decorator leaves the Operation on the view function
ModelT = TypeVar("ModelT", bound=BaseModel)
View = Callable[..., Any]


@dataclass(frozen=True)
class Query:
    """A query parameter the view reads itself (documented, not validated here)."""

    name: str
    description: str
    schema: Mapping[str, Any] = field(default_factory=lambda: {"type": "string"})


@dataclass(frozen=True)
class Operation:
    """What the document says about one view: its body model, its answers and the errors it can give."""

    summary: str
    body: type[BaseModel] | None = None
    ok: type[BaseModel] | None = None  # the JSON answer
    stream: type[BaseModel] | None = None  # the SSE event model (each `data:` line is one of its members)
    content: Mapping[str, str] = field(default_factory=dict)  # non-JSON answers: media type → description
    errors: tuple[int, ...] = ()
    tag: str | None = None
    status: int = 200
    form: type[BaseModel] | None = None  # a multipart/form-data body (uploads), read by the view itself
    query: tuple[Query, ...] = ()


def operation(ok: type[BaseModel] | None = None, *, body: type[BaseModel] | None = None,
              stream: type[BaseModel] | None = None,
              content: Mapping[str, str] | None = None, errors: tuple[int, ...] = (), tag: str | None = None,
              status: int = 200, validate_body: bool = True,
              form: type[BaseModel] | None = None, query: tuple[Query, ...] = ()) -> Callable[[View], View]:
    """Validate the JSON body into `body` (passed as the `body` argument) and document the view.

    `validate_body=False`: the model is only documented; the view reads the body itself (a body of one of two
    shapes, or a multipart upload).
    """

    def decorate(view: View) -> View:
        op = Operation((view.__doc__ or view.__name__).strip().splitlines()[0], body, ok, stream,
                       dict(content or {}), errors, tag, status, form, query)

        @functools.wraps(view)
        def validated(*args: Any, **kwargs: Any) -> Any:
            if body is not None and validate_body:
                kwargs["body"] = validate(body, request_json())
            return view(*args, **kwargs)

        setattr(validated, ATTRIBUTE, op)
        return validated

    return decorate


def request_json() -> dict[str, Any]:
    """The request's JSON object ({} for an empty body); 400 for anything else."""
    body = request.get_json(silent=True)  # malformed, too deep or invalid text raises InvalidBody (400) itself
    if body is None:
        if not request.get_data(cache=True):
            return {}
        raise BadRequest("request body must be valid JSON (Content-Type: application/json)")
    if not isinstance(body, dict):
        raise BadRequest("request body must be a JSON object")
    return body


def validate(model: type[ModelT], data: Any, context: Mapping[str, Any] | None = None) -> ModelT:
    """`data` as `model`, or the ApiError naming the first bad field (413 for a text over its limit)."""
    try:
        return model.model_validate(data, context={"config": services().config, **(context or {})})
    except ValidationError as e:
        raise validation_error(e) from None


def parse(model: type[ModelT], body: dict[str, Any]) -> ModelT:
    """Validate a plain `body` as `model`; the first error is a 400 naming its field."""
    try:
        return model.model_validate(body)
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "body"
        raise BadRequest(f"'{where}': {first['msg']}") from e


def validation_error(error: ValidationError) -> ApiError:
    """The first error as one sentence: `'history[0].role' should be 'user' or 'assistant'`."""
    first = error.errors(include_url=False, include_input=False)[0]
    path = field_path(first["loc"])
    message = first["msg"]
    if first["type"] == "missing":
        message = "is required"
    elif "should" in message:
        message = message[message.index("should"):]  # "Input should be …" → "should be …"
    text = f"'{path}' {message}" if path else f"the request body {message}"
    return PayloadTooLarge(text) if first["type"] == TOO_LARGE else BadRequest(text)


def field_path(loc: tuple[int | str, ...]) -> str:
    """`("history", 0, "role")` → `history[0].role`; pydantic's union-member tags are left out."""
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        elif "[" not in part and "-" not in part:
            path += f".{part}" if path else part
    return path
