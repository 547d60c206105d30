"""Response hardening: security headers on every response and the session cookie's flags."""
from __future__ import annotations

from flask import Flask, Response

# The demo page loads only its own scripts, styles and media; MediaSource hands the player blob: URLs.
CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",  # media links carry a signature: never hand them to another site
    "X-Frame-Options": "DENY",  # older browsers; CSP frame-ancestors for the rest
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Cross-Origin-Opener-Policy": "same-origin",
}


def register_security(app: Flask, cookie_secure: bool) -> None:
    """Cookies HttpOnly + SameSite=Lax (+ Secure behind HTTPS); security headers on every response."""
    app.config.update(SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax", SESSION_COOKIE_SECURE=cookie_secure)

    @app.after_request
    def _security_headers(response: Response) -> Response:
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response
