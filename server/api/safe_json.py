"""JSON decoding for hostile clients: bounded nesting, valid Unicode only, no NUL characters.

Used for every REST body (as the app's JSON provider) and every Socket.IO packet, so nothing deeper than
MAX_DEPTH or holding a lone surrogate ever reaches a model, a log line or a job.
"""
from __future__ import annotations

import json
import re
from typing import Any

from flask.json.provider import DefaultJSONProvider

from runtime.errors import BadRequest

MAX_DEPTH = 32  # levels of arrays/objects; the deepest documented body (history[i].content) needs 3
_SURROGATE = re.compile("[\ud800-\udfff]")
_EVENT_NAME = re.compile(r'\s*\[\s*("(?:[^"\\]|\\.)*")')


class InvalidBody(BadRequest):
    """A body that is not JSON, too deep, or holds text that is not valid Unicode (400)."""


def _field(path: str) -> str:
    return f"'{path}'" if path else "the request body"


def _check_text(value: str, path: str) -> None:
    if "\x00" in value:
        raise InvalidBody(f"{_field(path)} contains a NUL character")
    if _SURROGATE.search(value):
        raise InvalidBody(f"{_field(path)} is not valid Unicode (a lone surrogate)")


def check_value(value: Any, root: str = "") -> None:
    """Raise InvalidBody naming the first field that is nested too deeply or holds invalid text."""
    stack: list[tuple[Any, str, int]] = [(value, root, 0)]
    while stack:  # iterative: a deep body must not exhaust the interpreter's stack here either
        item, path, depth = stack.pop()
        if isinstance(item, str):
            _check_text(item, path)
        elif isinstance(item, (dict, list)):
            if depth >= MAX_DEPTH:
                raise InvalidBody(f"{_field(path)} is nested deeper than {MAX_DEPTH} levels")
            if isinstance(item, dict):
                for key, child in item.items():
                    _check_text(key, path)
                    stack.append((child, f"{path}.{key}" if path else key, depth + 1))
            else:
                stack.extend((child, f"{path}[{i}]", depth + 1) for i, child in enumerate(item))


def loads(data: str | bytes) -> Any:
    """Decode strict UTF-8 JSON and check it; InvalidBody (400) for anything else."""
    try:
        text = data.decode(json.detect_encoding(data)) if isinstance(data, (bytes, bytearray)) else data
        value = json.loads(text)
    except RecursionError as e:
        raise InvalidBody(f"the request body is nested deeper than {MAX_DEPTH} levels") from e
    except ValueError as e:  # JSONDecodeError and UnicodeDecodeError
        raise InvalidBody("request body must be valid JSON") from e
    check_value(value)
    return value


class SafeJSONProvider(DefaultJSONProvider):
    """Flask's JSON provider with `loads` replaced by the checked decoder (request.get_json uses it)."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        """Checked decoding; an InvalidBody propagates to the error handler as a 400."""
        return loads(s)


class RejectedPayload:
    """Stands in for a Socket.IO event's arguments that failed the checks, so the handler can still ack."""

    def __init__(self, message: str) -> None:
        self.message = message


class SocketJSON:
    """The `json` module python-socketio decodes packets with: a rejected payload becomes a RejectedPayload."""

    @staticmethod
    def dumps(obj: Any, **kwargs: Any) -> str:
        """Encode as the standard module does."""
        return json.dumps(obj, **kwargs)

    @staticmethod
    def loads(text: str | bytes, **kwargs: Any) -> Any:
        """`[event, *args]`, or `[event, RejectedPayload]` when the args are not acceptable JSON."""
        try:
            value = json.loads(text)
        except (RecursionError, ValueError):
            match = _EVENT_NAME.match(text.decode("utf-8", "replace") if isinstance(text, bytes) else text)
            if match is None:
                raise ValueError("not a Socket.IO packet") from None
            message = f"the payload is not valid JSON or is nested deeper than {MAX_DEPTH} levels"
            return [json.loads(match.group(1)), RejectedPayload(message)]
        if not (isinstance(value, list) and value and isinstance(value[0], str)):
            check_value(value)  # a connect packet's auth: an InvalidBody refuses the connection
            return value
        try:
            _check_text(value[0], "event")
            for arg in value[1:]:
                check_value(arg)
        except InvalidBody as e:
            return [value[0], RejectedPayload(e.message)]
        return value
