"""The process's log setup: LOG_LEVEL, LOG_FORMAT (text or JSON lines), the request and job ids on every line,
credentials redacted, and the chatty start-up loggers (Alembic's seven lines, …) held back at INFO."""
from __future__ import annotations

import logging
import sys
from typing import Any

from pythonjsonlogger.json import JsonFormatter as _JsonFormatter

from telemetry import context
from telemetry.redact import redact

FORMATS = ("text", "json")
LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s%(ids)s: %(message)s"
JSON_FIELDS = "%(asctime)s %(levelname)s %(name)s %(message)s"
JSON_RENAMES = {"asctime": "time", "levelname": "level", "name": "logger"}
# Loggers that narrate every start at INFO (Alembic: "Context impl …", "Will assume …", one line per revision);
# they speak at WARNING and above unless LOG_LEVEL=DEBUG.
QUIET_LOGGERS = ("alembic", "faster_whisper", "rq.worker", "httpx", "urllib3", "engineio.server", "socketio.server")


class ContextFilter(logging.Filter):
    """Puts the current request id and job id on the record (`request_id`, `job_id`; text: ` [req=… job=…]`) and
    redacts credentials in the message."""

    def filter(self, record: logging.LogRecord) -> bool:
        request, job = context.request_id.get(), context.job_id.get()
        if not hasattr(record, "request_id"):  # an explicit `extra=` wins over the context
            record.request_id = request
        if not hasattr(record, "job_id"):
            record.job_id = job
        ids = [f"{name}={value}" for name, value in (("req", record.request_id), ("job", record.job_id)) if value]
        record.ids = f" [{' '.join(ids)}]" if ids else ""
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message or record.args:
            record.msg, record.args = cleaned, None
        return True


class _Redacting(logging.Formatter):
    def formatException(self, ei: Any) -> str:  # noqa: N802 - logging's name
        """Tracebacks may quote a URL or a header: redacted like messages."""
        return redact(super().formatException(ei))


class TextFormatter(_Redacting):
    """`time LEVEL logger [req=… job=…]: message`."""

    def __init__(self) -> None:
        super().__init__(TEXT_FORMAT)


class JsonFormatter(_Redacting, _JsonFormatter):
    """One JSON object per line: time, level, logger, message, request_id, job_id and any `extra=` fields."""

    def __init__(self) -> None:
        super().__init__(JSON_FIELDS, rename_fields=JSON_RENAMES, reserved_attrs=[*_RESERVED, "ids"])

    def process_log_record(self, log_data: dict[str, Any]) -> dict[str, Any]:
        """Leave out ids that are not set (most start-up lines have none)."""
        return {k: v for k, v in log_data.items() if v is not None or k not in ("request_id", "job_id")}


_RESERVED = [name for name in logging.LogRecord("", 0, "", 0, "", None, None).__dict__ if name != "message"]


class StderrHandler(logging.StreamHandler):
    """The one handler this module installs (a class of its own, so a second configure replaces it and leaves
    other handlers, such as pytest's, alone). It writes to whatever `sys.stderr` is at the time, as logging's own
    last-resort handler does, so a replaced stream (a test's capture, a daemon's redirect) never leaves it writing
    to a closed file."""

    def __init__(self) -> None:
        logging.Handler.__init__(self)

    @property
    def stream(self) -> Any:  # type: ignore[override]
        """The current standard error."""
        return sys.stderr

    @stream.setter
    def stream(self, _value: Any) -> None:
        """Ignored: the stream is always the current standard error."""


def _formatter(fmt: str) -> logging.Formatter:
    return JsonFormatter() if fmt == "json" else TextFormatter()


def _quiet_level(level: str) -> str:
    return level if level == "DEBUG" else max(level, "WARNING", key=LEVELS.index)


def dict_config(level: str = "INFO", fmt: str = "text") -> dict[str, Any]:
    """The `logging.config.dictConfig` document for this level and format (gunicorn's master takes it too)."""
    level, fmt = validate(level, fmt)
    quiet = _quiet_level(level)
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"context": {"()": ContextFilter}},
        "formatters": {"main": {"()": _formatter, "fmt": fmt}},
        "handlers": {"stderr": {"()": StderrHandler, "formatter": "main", "filters": ["context"]}},
        "root": {"level": level, "handlers": ["stderr"]},
        "loggers": {
            **{name: {"level": quiet} for name in QUIET_LOGGERS},
            "gunicorn.error": {"level": level, "handlers": [], "propagate": True},
            "gunicorn.access": {"level": "WARNING", "handlers": [], "propagate": True},  # server/access_log.py logs
        },
    }


def validate(level: str, fmt: str) -> tuple[str, str]:
    """(LEVEL, format) normalised; ValueError naming the setting that is wrong."""
    level, fmt = level.strip().upper(), fmt.strip().lower()
    if level not in LEVELS:
        raise ValueError(f"LOG_LEVEL must be one of {', '.join(LEVELS)}, got {level!r}")
    if fmt not in FORMATS:
        raise ValueError(f"LOG_FORMAT must be text or json, got {fmt!r}")
    return level, fmt


def configure(level: str = "INFO", fmt: str = "text") -> None:
    """Send every logger's lines to stderr in this format (idempotent: a second call replaces the first)."""
    level, fmt = validate(level, fmt)
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, StderrHandler)]:
        root.removeHandler(handler)
    handler = StderrHandler()
    handler.addFilter(ContextFilter())
    handler.setFormatter(_formatter(fmt))
    root.addHandler(handler)
    root.setLevel(level)
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(_quiet_level(level))
