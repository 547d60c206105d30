"""Errors a client must hear about, with the seed's status codes and a stable `code` each (server/errors.py gives
them their JSON shape). `code` tells apart errors that share a status: docs/api.md lists them."""
from __future__ import annotations


class ApiError(Exception):
    """An error a client caused or must know about; `status` is the HTTP code, `code` its stable name."""

    status = 500
    code = "internal_error"

    def __init__(self, message: str, *, headers: dict[str, str] | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.headers = headers or {}
        if code is not None:
            self.code = code


class BadRequest(ApiError):
    """A missing, malformed or out-of-range field (400)."""

    status = 400
    code = "bad_request"


class Unauthorized(ApiError):
    """No valid API key where one is required (401)."""

    status = 401
    code = "unauthorized"


class Forbidden(ApiError):
    """The caller is known but may not do this, or a media link is unsigned or expired (403)."""

    status = 403
    code = "forbidden"


class TooManyRequests(ApiError):
    """A per-client limit was reached (429, with Retry-After)."""

    status = 429
    code = "rate_limited"


class NotFound(ApiError):
    """An unknown avatar or file (404)."""

    status = 404
    code = "not_found"


class PayloadTooLarge(ApiError):
    """A text or body over the configured limit (413)."""

    status = 413
    code = "payload_too_large"


class Unavailable(ApiError):
    """The queue is full or an engine is down (503); the raiser names which in `code`."""

    status = 503
    code = "unavailable"
