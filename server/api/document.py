"""The OpenAPI 3.1 document: every route of the app's URL map with the Operation its view recorded, the
component schemas from the same pydantic models the server validates and answers with, and the stream and
Socket.IO events (`x-socketio`)."""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from apispec import APISpec
from flask import Flask
from pydantic import BaseModel

from server.api.edge import ATTRIBUTE, Operation
from server.api.paths import path_schema
from server.identity import PUBLIC_ENDPOINTS, anonymous_allowed
from server.schemas.common import LIMIT_MARKER, ErrorBody
from server.schemas.events import SOCKET_OUT, CancelAck, GenerateAck
from server.schemas.lipsync import LipsyncRequest
from runtime.config import Config

TITLE = "Realtime Interview Avatar API"
API_VERSION = "2.0"  # the seed's "API 버전: v2.0"; additions are marked "Addition" in field descriptions
REF = "#/components/schemas/{model}"
EXTENSION_KEY = "openapi_document"
AUTOMATIC_METHODS = frozenset({"HEAD", "OPTIONS"})  # Flask adds them to every rule
BODY_ERRORS = (400, 413)
ERRORS = {
    400: "A missing, malformed or out-of-range field (the message names it)",
    401: "A missing or unknown API key (when the server requires one)",
    403: "Not yours to change (someone else's, or a preset)",
    404: "Unknown avatar, file, session, character or job",
    409: "The job was cancelled before it finished",
    413: "A text, a file or the body over its limit",
    422: "An upload that cannot become an avatar (no face, several faces, unreadable)",
    429: "Over this client's rate limit (see Retry-After)",
    503: "Queue full (see Retry-After) or an engine down",
    507: "The media storage is full (MEDIA_MAX_BYTES: generated media and uploads together)",
}
TAGS = [  # in the order the pages show them
    {"name": "system", "description": "Status, avatars, the queue, cancel, metrics"},
    {"name": "chat", "description": "The interviewer (server LLM)"},
    {"name": "tts", "description": "Speech only"},
    {"name": "lipsync", "description": "Speech + lipsync video, synchronous or as SSE"},
    {"name": "media", "description": "Generated audio and video, idle loops (HTTP Range)"},
    {"name": "sessions", "description": "Stored interviews (the chatbot-backend seed's session API)"},
    {"name": "characters", "description": "Interviewer characters (the avatar-forge seed's character API)"},
    {"name": "avatars", "description": "Avatars from an uploaded photo or video, their jobs and still images"},
    {"name": "coach", "description": "Spoken answers (STT) and the feedback report"},
    {"name": "docs", "description": "This document and its pages"},
    {"name": "pages", "description": "The demo page"},
]
STATIC = Operation("A file of the demo page (static/)", content={"application/octet-stream": "the file"},
                   errors=(404,), tag="pages")
SECURITY_SCHEME = "bearerAuth"
DESCRIPTION = """The seed's API (`realtime-interview-avatar-api.md`) and its compatible additions.

Errors are `{"success": false, "error": "...", "code": "..."}` (`code`: a stable name, docs/api.md lists them).
An API key goes in `Authorization: Bearer <key>` (Authorize); a server on a loopback address or with
ALLOW_ANONYMOUS=true also serves clients without one. Streams are Server-Sent Events: each `data:` line is one
JSON event of the response's schema. Socket.IO (default namespace) is described under `x-socketio`; its
payloads are in `components/schemas`."""


def document(app: Flask, config: Config) -> dict[str, Any]:
    """The app's document, built once per app."""
    if EXTENSION_KEY not in app.extensions:
        app.extensions[EXTENSION_KEY] = _build(app, config)
    return app.extensions[EXTENSION_KEY]


def documented_rules(app: Flask) -> Iterator[tuple[str, str, Operation | None]]:
    """(rule, method, Operation or None) for every route and method a client can call."""
    for rule in app.url_map.iter_rules():
        view = app.view_functions[rule.endpoint]
        op = STATIC if rule.endpoint == "static" else getattr(view, ATTRIBUTE, None)
        for method in sorted((rule.methods or set()) - AUTOMATIC_METHODS):
            yield rule.rule, method, op


def openapi_path(rule: str) -> tuple[str, list[tuple[str, str | None]]]:
    """`/video/<name>` → (`/video/{name}`, [("name", None)]); `<job_id:x>` → ("x", "job_id")."""
    params = [(name, converter or None) for converter, name in re.findall(r"<(?:([^:<>]+):)?([^<>]+)>", rule)]
    return re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule), params


class _Schemas:
    """Component schemas collected from models and annotated unions (one name each)."""

    def __init__(self) -> None:
        self.components: dict[str, dict[str, Any]] = {}

    def ref(self, model: type[BaseModel], name: str | None = None) -> dict[str, str]:
        """Add `model` (and every model it refers to) and return a reference to it."""
        name = name or model.__name__
        schema = model.model_json_schema(ref_template=REF)
        for def_name, definition in schema.pop("$defs", {}).items():
            self._add(def_name, definition)
        self._add(name, schema)
        return {"$ref": REF.format(model=name)}

    def _add(self, name: str, schema: dict[str, Any]) -> None:
        if self.components.setdefault(name, schema) != schema:
            raise ValueError(f"two different schemas are called {name!r}: rename one model")


def _responses(op: Operation, schemas: _Schemas, has_body: bool) -> dict[str, Any]:
    content: dict[str, Any] = {media: {"schema": {"type": "object" if _is_json(media) else "string",
                                                  "description": text}}
                               for media, text in op.content.items()}
    description = op.summary
    if op.ok is not None:
        content["application/json"] = {"schema": schemas.ref(op.ok)}
    if op.stream is not None:
        content["text/event-stream"] = {"schema": _sse_message(schemas.ref(op.stream))}
        description += " (Server-Sent Events: one JSON event per `data:` line)"
    responses: dict[str, Any] = {str(op.status): {"description": description, "content": content}}
    error = {"application/json": {"schema": schemas.ref(ErrorBody)}}
    for status in sorted(set(op.errors) | (set(BODY_ERRORS) if has_body else set())):
        responses[str(status)] = {"description": ERRORS[status], "content": error}
        if status == 503:
            responses["503"]["headers"] = {"Retry-After": {"schema": {"type": "integer"},
                                                           "description": "Seconds (when the queue is full)"}}
    return responses


def _is_json(media: str) -> bool:
    """Whether an answer of this media type is a JSON document (`application/json`, `application/*+json`)."""
    return media == "application/json" or (media.startswith("application/") and media.endswith("+json"))


def _sse_message(event: dict[str, str]) -> dict[str, Any]:
    """One SSE message whose `data:` is a JSON event (OpenAPI 3.1: a stream's `schema` describes each message)."""
    return {"type": "object", "required": ["data"], "properties": {
        "data": {"type": "string", "contentMediaType": "application/json", "contentSchema": event},
        "event": {"type": "string"}, "id": {"type": "string"}}}


def _operation(endpoint: str, method: str, op: Operation, schemas: _Schemas,
               params: list[tuple[str, str | None]]) -> dict[str, Any]:
    spec: dict[str, Any] = {"summary": op.summary, "operationId": f"{endpoint}.{method.lower()}",
                            "tags": [op.tag] if op.tag else []}
    parameters = [{"name": name, "in": "path", "required": True, "schema": path_schema(converter)}
                  for name, converter in params]
    parameters += [{"name": q.name, "in": "query", "required": False, "description": q.description,
                    "schema": dict(q.schema)} for q in op.query]
    if parameters:
        spec["parameters"] = parameters
    if endpoint in PUBLIC_ENDPOINTS:
        spec["security"] = []  # no key needed (media: a signed link instead)
    if op.body is not None:
        spec["requestBody"] = {"required": False,
                               "content": {"application/json": {"schema": schemas.ref(op.body)}}}
    if op.form is not None:
        spec["requestBody"] = {"required": True,
                               "content": {"multipart/form-data": {"schema": schemas.ref(op.form)}}}
    spec["responses"] = _responses(op, schemas, op.body is not None or op.form is not None)
    return spec


def _socketio(schemas: _Schemas) -> dict[str, Any]:
    return {
        "namespace": "/",
        "client_to_server": {
            "generate": {"payload": schemas.ref(LipsyncRequest), "ack": schemas.ref(GenerateAck)},
            "cancel": {"payload": None, "ack": schemas.ref(CancelAck)},
        },
        "server_to_client": {name: schemas.ref(model) for name, model in SOCKET_OUT.items()},
    }


def _apply_limits(value: Any, config: Config) -> None:
    """Fill in `maxLength` where a field's bound is a Config key (so the document states this server's limits)."""
    if isinstance(value, dict):
        if LIMIT_MARKER in value:
            value["maxLength"] = getattr(config, value[LIMIT_MARKER])
        for child in value.values():
            _apply_limits(child, config)
    elif isinstance(value, list):
        for child in value:
            _apply_limits(child, config)


def _build(app: Flask, config: Config) -> dict[str, Any]:
    schemas = _Schemas()
    paths: dict[str, dict[str, Any]] = {}
    endpoints = {rule.rule: rule.endpoint for rule in app.url_map.iter_rules()}
    used_ids: set[str] = set()
    for rule, method, op in documented_rules(app):
        if op is None:
            continue  # tests/test_openapi.py fails on any undocumented route
        path, params = openapi_path(rule)
        spec = _operation(endpoints[rule], method, op, schemas, params)
        while spec["operationId"] in used_ids:  # one view under two paths (a seed's alias)
            spec["operationId"] += "_alias"
        used_ids.add(spec["operationId"])
        paths.setdefault(path, {})[method.lower()] = spec
    socketio = _socketio(schemas)
    spec = APISpec(title=TITLE, version=API_VERSION, openapi_version="3.1.0", info={"description": DESCRIPTION},
                   tags=TAGS)
    for path, operations in sorted(paths.items()):
        spec.path(path=path, operations=operations)
    for name, schema in sorted(schemas.components.items()):
        spec.components.schema(name, schema)
    spec.components.security_scheme(SECURITY_SCHEME, {
        "type": "http", "scheme": "bearer", "description": "An API key (`python -m server.keys create NAME`)"})
    document = spec.to_dict()
    # a key is always accepted; `{}` says a request without one is served too (loopback bind, ALLOW_ANONYMOUS)
    document["security"] = [{SECURITY_SCHEME: []}, *([{}] if anonymous_allowed(config) else [])]
    document["x-socketio"] = socketio
    _apply_limits(document, config)
    return document
