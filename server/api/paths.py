"""Typed path parameters: the URL converters the routes use and the schema the OpenAPI document gives each."""
from __future__ import annotations

from typing import Any

from flask import Flask
from werkzeug.routing import BaseConverter

JOB_ID_PATTERN = r"[0-9A-Fa-f-]{8,64}"  # turn jobs: 16 hex digits; avatar jobs: 32 (the seeds show UUIDs)


class JobIdConverter(BaseConverter):
    """A job id: hex digits (and UUID dashes) only, so `/api/avatars/jobs/still.jpg` stays the avatar `jobs`'s still."""

    regex = JOB_ID_PATTERN


CONVERTERS: dict[str, type[BaseConverter]] = {"job_id": JobIdConverter}
SCHEMAS: dict[str, dict[str, Any]] = {  # converter name → the parameter's schema ("default": any one segment)
    "default": {"type": "string", "pattern": "^[^/]+$"},
    "string": {"type": "string", "pattern": "^[^/]+$"},
    "int": {"type": "integer", "minimum": 0},
    "job_id": {"type": "string", "pattern": f"^{JOB_ID_PATTERN}$"},
}


def register_converters(app: Flask) -> None:
    """Make the converters usable in route rules (before the blueprints are registered)."""
    app.url_map.converters.update(CONVERTERS)


def path_schema(converter: str | None) -> dict[str, Any]:
    """The schema of a path parameter taken by `converter`."""
    return dict(SCHEMAS.get(converter or "default", SCHEMAS["default"]))
