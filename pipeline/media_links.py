"""Signed, expiring media links: `/video/x.mp4?exp=…&sig=…`, so a leaked or guessed name alone opens nothing.

A `<video>` element cannot send an Authorization header, so the link itself carries the permission:
an HMAC over the path and the expiry time, with the server's secret.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import time

SIGNATURE_BYTES = 16  # 128-bit tag, base64url without padding


class MediaLinks:
    """Signs media URLs and checks the signature a request carries."""

    def __init__(self, secret: str, ttl_s: float) -> None:
        if not secret:
            raise ValueError("media links need a secret")
        self._key = secret.encode()
        self.ttl_s = ttl_s

    def sign(self, path: str, now: float | None = None) -> str:
        """`path` with its expiry and signature as query parameters."""
        expires = int((time.time() if now is None else now) + self.ttl_s)
        return f"{path}?exp={expires}&sig={self._tag(path, expires)}"

    def problem(self, path: str, exp: str | None, sig: str | None, now: float | None = None) -> str | None:
        """Why a request for `path` may not have the file (None: the link is valid)."""
        if not exp or not sig or not exp.isdigit():
            return "this media link is not signed; use the URL the server returned"
        if not hmac.compare_digest(sig, self._tag(path, int(exp))):
            return "this media link's signature is not valid"
        if int(exp) < (time.time() if now is None else now):
            return "this media link has expired"
        return None

    def _tag(self, path: str, expires: int) -> str:
        mac = hmac.new(self._key, f"{path}\n{expires}".encode(), hashlib.sha256).digest()[:SIGNATURE_BYTES]
        return base64.urlsafe_b64encode(mac).rstrip(b"=").decode()
