"""Fair limits per client: request rates (Flask-Limiter; in Redis with JOB_BACKEND=redis), on REST and sockets alike.

A client is its identity's limit key (server.identity): its API key, its browser's cookie, or its address
when it has neither (so a script rotating its User-Agent is still one client, and a cookie costs a request
counted by address). Every endpoint and socket event counts against RATE_LIMIT; the ones that start
engine work (chat, TTS, lipsync, avatar uploads, and the socket's `generate`) also against
RATE_LIMIT_GENERATE. With several web processes (JOB_BACKEND=redis) the counts live in Redis, so a limit
holds across them. A Retry-After that an error set from its own cause is kept, never overwritten.
"""
from __future__ import annotations

import functools
import math
import time
from collections.abc import Callable
from typing import Any

from flask import Flask, Response, current_app, request
from flask_limiter import HeaderNames, Limiter
from flask_socketio import emit
from limits import parse_many

from runtime.config import Config
from runtime.errors import ApiError, TooManyRequests
from server.identity import PUBLIC_ENDPOINTS, Identity, current_identity, request_address, socket_identity

EXTENSION_KEY = "limits"
GENERATE_SCOPE = "generate"
GENERATE_ENDPOINTS = ("chat.chat", "chat.chat_stream", "tts.synthesize", "tts.synthesize_voice", "lipsync.lipsync",
                      "lipsync.lipsync_stream", "lipsync.chat_and_lipsync", "lipsync.chat_and_lipsync_stream",
                      "avatar_uploads.create", "avatar_uploads.generate", "stt.transcribe")
# probes and scrapes: a load balancer polls health every second
UNLIMITED_ENDPOINTS = frozenset({"static", "health.health", "health.livez", "health.readyz", "metrics.metrics"})


LIMITER_RETRY_AFTER = "X-RateLimit-Retry-After"  # where Flask-Limiter writes its own estimate (see _retry_after)


def _client_key() -> str:
    """The rate-limit bucket of this request."""
    if request.endpoint in PUBLIC_ENDPOINTS:
        return f"ip:{request_address()}"  # a page or media fetch needs no key, so it counts by address
    return current_identity().limit_key


class SocketLimits:
    """RATE_LIMIT and RATE_LIMIT_GENERATE for socket events, which never pass Flask's request hooks."""

    def __init__(self, limiter: Limiter, every: str, generate: str) -> None:
        self._limiter = limiter
        self._every = parse_many(every) if every else []
        self._generate = parse_many(generate) if generate else []

    def hit_event(self, identity: Identity) -> None:
        """Count one socket event of any kind; TooManyRequests (with Retry-After) beyond RATE_LIMIT."""
        self._hit(self._every, "socket", identity, "requests")

    def hit_generate(self, identity: Identity) -> None:
        """Count one `generate`; TooManyRequests (with Retry-After) beyond the limit."""
        self._hit(self._generate, "socket-" + GENERATE_SCOPE, identity, GENERATE_SCOPE)

    def _hit(self, items: list[Any], scope: str, identity: Identity, what: str) -> None:
        strategy = self._limiter.limiter
        for item in items:
            if not strategy.hit(item, scope, identity.limit_key):
                reset = strategy.get_window_stats(item, scope, identity.limit_key).reset_time
                retry_after = max(1, math.ceil(reset - time.time()))
                raise TooManyRequests(f"rate limit of {item} for {what} reached",
                                      headers={"Retry-After": str(retry_after)})


EventHandler = Callable[..., Any]


def limited_event(refusal: dict[str, Any]) -> Callable[[EventHandler], EventHandler]:
    """A socket event handler counted against RATE_LIMIT like a REST request: beyond it the event is not handled,
    an `error` event (status 429) goes out and the ack is `refusal` with the error."""

    def decorate(handler: EventHandler) -> EventHandler:
        @functools.wraps(handler)
        def handle(*args: Any) -> Any:
            try:
                socket_limits().hit_event(socket_identity())
            except ApiError as e:
                emit("error", {"error": e.message, "status": e.status})
                return {**refusal, "error": e.message}
            return handler(*args)

        return handle

    return decorate


def _register_retry_after(app: Flask) -> None:
    """Flask-Limiter writes its window's reset as Retry-After on every response; it goes to LIMITER_RETRY_AFTER
    instead, and becomes Retry-After only on the limiter's own 429 (an error's Retry-After names its own cause).
    Registered before the limiter, so it runs after the limiter's hook."""

    @app.after_request
    def _retry_after(response: Response) -> Response:
        estimate = response.headers.pop(LIMITER_RETRY_AFTER, None)
        if estimate is not None and response.status_code == 429 and "Retry-After" not in response.headers:
            response.headers["Retry-After"] = estimate
        return response


def register_limits(app: Flask, config: Config) -> SocketLimits:
    """Attach the limiter to every endpoint (call after the blueprints are registered)."""
    shared = config.JOB_BACKEND == "redis"
    _register_retry_after(app)
    limiter = Limiter(
        _client_key, app=app, application_limits=[config.RATE_LIMIT] if config.RATE_LIMIT else [],  # all endpoints
        storage_uri=config.REDIS_URL if shared else "memory://", headers_enabled=True,
        in_memory_fallback_enabled=shared,  # Redis down: limits hold per process meanwhile
        key_prefix="interview-avatar", header_name_mapping={HeaderNames.RETRY_AFTER: LIMITER_RETRY_AFTER},
    )
    limiter.request_filter(lambda: request.endpoint in UNLIMITED_ENDPOINTS or request.method == "OPTIONS")
    if config.RATE_LIMIT_GENERATE:
        generate = limiter.shared_limit(config.RATE_LIMIT_GENERATE, scope=GENERATE_SCOPE)
        for endpoint in GENERATE_ENDPOINTS:
            app.view_functions[endpoint] = generate(app.view_functions[endpoint])
    socket_limits = SocketLimits(limiter, config.RATE_LIMIT, config.RATE_LIMIT_GENERATE)
    app.extensions[EXTENSION_KEY] = socket_limits
    return socket_limits


def socket_limits() -> SocketLimits:
    """The current app's socket limits."""
    return current_app.extensions[EXTENSION_KEY]
