"""Credentials out of log text: passwords in URLs, bearer tokens, API keys and secret-looking parameters."""
from __future__ import annotations

import re

MASK = "***"
# scheme://user:password@host → scheme://user:***@host (Redis, PostgreSQL, proxies)
_URL_PASSWORD = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://[^\s:/@]*:)[^\s@/]+@")
_SECRETS = re.compile(r"(?i)(bearer\s+)[^\s\"',;]+|\bsk-[A-Za-z0-9_-]{6,}|"
                      r"((?:api[_-]?key|token|password|secret|xi-api-key|sig)[\"']?\s*[:=]\s*[\"']?)[^\s\"',;&]+")


def redact(text: str) -> str:
    """`text` with credentials replaced by "***" (hosts, paths and bodies are kept)."""
    text = _URL_PASSWORD.sub(lambda m: m.group(1) + MASK + "@", text)
    return _SECRETS.sub(lambda m: (m.group(1) or m.group(2) or "") + MASK, text)
