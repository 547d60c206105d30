"""The Host allow-list (ALLOWED_HOSTS): a request or socket naming another host is refused, so a hostile page whose
own name was rebound to this server's address (DNS rebinding) reaches nothing, even with a matching Origin.

Flask checks TRUSTED_HOSTS while routing (400 for REST); Socket.IO handshakes bypass routing, so the
connect handler asks `host_refused()`.
"""
from __future__ import annotations

from flask import Flask, request
from werkzeug.exceptions import SecurityError

from runtime.config import Config

LOOPBACK_NAMES = ("localhost", "127.0.0.1")  # an IPv6 literal cannot be listed: werkzeug splits it at ":"
WILDCARD_BINDS = ("", "0.0.0.0", "::")


def allowed_hosts(config: Config) -> list[str] | None:
    """The names served: ALLOWED_HOSTS, or (unset) the loopback names and a specific HOST; None = any (`*`)."""
    given = [h.strip().lower() for h in config.ALLOWED_HOSTS.split(",") if h.strip()]
    if "*" in given:
        return None
    if given:
        return given
    return [*LOOPBACK_NAMES, *([config.HOST.lower()] if config.HOST not in WILDCARD_BINDS + LOOPBACK_NAMES else [])]


def register_hosts(app: Flask, config: Config) -> None:
    """Refuse (400) every request whose Host header is not allowed."""
    app.config["TRUSTED_HOSTS"] = allowed_hosts(config)


def host_refused() -> str | None:
    """Why this request's Host is refused (a socket handshake), or None when it is allowed."""
    if isinstance(request.routing_exception, SecurityError):
        return str(request.routing_exception.description)
    return None
