"""What a client is told when an engine fails: a typed message, never the upstream's body, host or path.

The detail (an upstream error body may echo our own `Authorization` header) goes to the log with
credentials scrubbed; the client gets the error class's fixed `public_message`.
"""
from __future__ import annotations

import logging

from lipsync.base import LipsyncError
from llm.base import LLMError
from llm.remote import LLMBusy, scrub_secrets
from runtime.errors import ApiError, BadRequest, Unavailable
from tts.base import NothingToSpeak, TTSError

log = logging.getLogger(__name__)

TTS_PUBLIC_MESSAGE = "the speech engine could not speak this text"
LIPSYNC_PUBLIC_MESSAGE = "the lipsync engine could not render this turn"


def public_message(error: Exception) -> str | None:
    """The client's message for an engine error (logged with secrets scrubbed), None for other errors."""
    if isinstance(error, LLMError):
        text = f"LLM error: {error.public_message}"
    elif isinstance(error, NothingToSpeak):
        return f"TTS error: {error.public_message}"
    elif isinstance(error, TTSError):
        text = f"TTS error: {TTS_PUBLIC_MESSAGE}"
    elif isinstance(error, LipsyncError):
        text = f"lipsync error: {LIPSYNC_PUBLIC_MESSAGE}"
    else:
        return None
    log.warning("%s (%s: %s)", text, type(error).__name__, scrub_secrets(str(error)))
    return text


def api_error(error: LLMError | TTSError) -> ApiError:
    """The HTTP error for an engine failure in a request: 400 for nothing to speak, else 503 (busy: Retry-After)."""
    message = public_message(error) or "engine error"
    if isinstance(error, NothingToSpeak):
        return BadRequest(f"'text' has nothing to speak: {error.public_message}")
    if isinstance(error, LLMBusy):
        return Unavailable(message, headers={"Retry-After": str(error.retry_after)})
    return Unavailable(message)
