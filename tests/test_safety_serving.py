"""Serving: security headers on every response, cookie flags, and `python app.py` behind gunicorn."""
from __future__ import annotations

from server.security import SECURITY_HEADERS


def test_every_response_carries_the_security_headers(client):
    for response in (client.get("/"), client.get("/api/v2/status"), client.get("/api/nope"),
                     client.post("/api/v2/tts", data="{", content_type="application/json")):
        for name, value in SECURITY_HEADERS.items():
            assert response.headers.get(name) == value, (response.request.path, name)
    csp = client.get("/").headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "http" not in csp


def test_cookies_are_httponly_and_samesite_lax_and_secure_when_configured(make_app):
    plain = make_app().test_client().post("/api/chat", json={"message": "안녕하세요"})
    cookie = plain.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    secure = make_app(COOKIE_SECURE=True).test_client().post("/api/chat", json={"message": "안녕하세요"})
    assert "Secure" in secure.headers["Set-Cookie"]
