"""Gunicorn's access log without secrets: session and job ids (UUIDs) and media link signatures are masked.

A session id is the only key to a session made without a cookie or key (the chatbot seed's clients), and a
signed media link opens its file until it expires; neither may sit in a log that operators ship elsewhere.
"""
from __future__ import annotations

import re
from typing import Any

from gunicorn.glogging import Logger

UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
SIGNATURE = re.compile(r"(\bsig=)[^&\s\"]+")


def redact(text: str) -> str:
    """`text` with ids and signatures masked."""
    return SIGNATURE.sub(r"\1-", UUID.sub("<id>", text))


class RedactingLogger(Logger):
    """Gunicorn's logger whose access-log atoms (request line, path, query, referer, headers) are redacted."""

    def atoms(self, resp: Any, req: Any, environ: Any, request_time: Any) -> dict[str, Any]:
        """The standard atoms, every text one redacted."""
        return {k: redact(v) if isinstance(v, str) else v
                for k, v in super().atoms(resp, req, environ, request_time).items()}
