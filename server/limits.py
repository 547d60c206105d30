"""Fair limits per client: request rates (Flask-Limiter; in Redis with JOB_BACKEND=redis), the socket's generate rate.

A client is its API key, or its address when anonymous (a script without cookies would otherwise be a
new client on every request). Every endpoint counts against RATE_LIMIT; the ones that start engine
work (chat, TTS, lipsync, avatar uploads, and the socket's `generate`) also against RATE_LIMIT_GENERATE.
With several web processes (JOB_BACKEND=redis) the counts live in Redis, so a limit holds across them.
"""
from __future__ import annotations

import math
import time

from flask import Flask, current_app, request
from flask_limiter import Limiter
from limits import parse_many

from settings import Config
from runtime.errors import TooManyRequests
from server.identity import PUBLIC_ENDPOINTS, Identity, current_identity

EXTENSION_KEY = "limits"
GENERATE_SCOPE = "generate"
GENERATE_ENDPOINTS = ("chat.chat", "chat.chat_stream", "tts.synthesize", "tts.synthesize_voice", "lipsync.lipsync",
                      "lipsync.lipsync_stream", "lipsync.chat_and_lipsync", "lipsync.chat_and_lipsync_stream",
                      "avatar_uploads.create", "avatar_uploads.generate")
# probes and scrapes: a load balancer polls health every second
UNLIMITED_ENDPOINTS = frozenset({"static", "health.health", "health.livez", "health.readyz", "metrics.metrics"})


def _client_key() -> str:
    """The rate-limit bucket of this request."""
    if request.endpoint in PUBLIC_ENDPOINTS:
        return f"ip:{request.remote_addr}"  # a page or media fetch needs no key, so it counts by address
    return current_identity().limit_key


class SocketLimits:
    """RATE_LIMIT_GENERATE for socket events, which never pass Flask's request hooks."""

    def __init__(self, limiter: Limiter, generate: str) -> None:
        self._limiter = limiter
        self._items = parse_many(generate) if generate else []

    def hit_generate(self, identity: Identity) -> None:
        """Count one `generate`; TooManyRequests (with Retry-After) beyond the limit."""
        for item in self._items:
            strategy = self._limiter.limiter
            if not strategy.hit(item, "socket-" + GENERATE_SCOPE, identity.limit_key):
                reset = strategy.get_window_stats(item, "socket-" + GENERATE_SCOPE, identity.limit_key).reset_time
                retry_after = max(1, math.ceil(reset - time.time()))
                raise TooManyRequests(f"rate limit of {item} for generate reached",
                                      headers={"Retry-After": str(retry_after)})


def register_limits(app: Flask, config: Config) -> SocketLimits:
    """Attach the limiter to every endpoint (call after the blueprints are registered)."""
    shared = config.JOB_BACKEND == "redis"
    limiter = Limiter(
        _client_key, app=app, application_limits=[config.RATE_LIMIT] if config.RATE_LIMIT else [],  # all endpoints
        storage_uri=config.REDIS_URL if shared else "memory://", headers_enabled=True,
        in_memory_fallback_enabled=shared,  # Redis down: limits hold per process meanwhile
        key_prefix="interview-avatar",
    )
    limiter.request_filter(lambda: request.endpoint in UNLIMITED_ENDPOINTS or request.method == "OPTIONS")
    if config.RATE_LIMIT_GENERATE:
        generate = limiter.shared_limit(config.RATE_LIMIT_GENERATE, scope=GENERATE_SCOPE)
        for endpoint in GENERATE_ENDPOINTS:
            app.view_functions[endpoint] = generate(app.view_functions[endpoint])
    socket_limits = SocketLimits(limiter, config.RATE_LIMIT_GENERATE)
    app.extensions[EXTENSION_KEY] = socket_limits
    return socket_limits


def socket_limits() -> SocketLimits:
    """The current app's socket limits."""
    return current_app.extensions[EXTENSION_KEY]
