"""Pydantic request bodies at the edge: the first validation error is a 400 naming its field."""
from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from runtime.errors import BadRequest

Body = TypeVar("Body", bound=BaseModel)


def parse(model: type[Body], body: dict[str, Any]) -> Body:
    """Validate `body` as `model`; the first error is a 400 naming its field."""
    try:
        return model.model_validate(body)
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "body"
        raise BadRequest(f"'{where}': {first['msg']}") from e
