"""Who is calling: an API key (`Authorization: Bearer …`, or the Socket.IO `auth` payload) or an anonymous client.

Anonymous clients are allowed on a loopback bind (the demo page needs no key there) or with
ALLOW_ANONYMOUS=true; each gets a random id in Flask's signed session cookie, so ownership of jobs
works for browsers too. A socket keeps the identity it connected with until it disconnects.
The identity's owner is also put on `g.owner`, which characters and uploaded avatars record.
"""
from __future__ import annotations

import hashlib
import ipaddress
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Flask, current_app, g, request, session
from flask_socketio import ConnectionRefusedError, SocketIO

from store.keys import KeyRepository, verify
from settings import Config, ConfigError
from runtime.errors import Unauthorized
from store.api_keys import DatabaseKeyRepository

EXTENSION_KEY = "identity"
ANONYMOUS = "anonymous"  # the avatar-forge seed's user_id outside a request with an identity
ANONYMOUS_PREFIX = "anon:"  # owners of anonymous clients (API keys: "key:")
CLIENT_ID_KEY = "client_id"  # in the signed session cookie
BEARER = "bearer "
# Reachable without a key: the page and its files, media (signed links instead), health probes and the API
# documents. /metrics is not: where keys are required a scrape sends one (docs/deploy.md).
PUBLIC_ENDPOINTS = frozenset({"static", "pages.index", "media.video", "media.audio", "media.idle",
                              "avatar_uploads.still", "health.health", "health.livez", "health.readyz",
                              "api_docs.openapi_json", "api_docs.swagger_ui", "api_docs.redoc", "api_docs.asset"})


@dataclass(frozen=True)
class Identity:
    """The owner of requests and jobs (`key:<key_id>` or `anon:<random id>`) and the bucket its limits count in."""

    owner: str
    limit_key: str  # the key itself, or the address for anonymous clients (a script without cookies is new each time)
    key_id: str | None = None


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and localhost."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def anonymous_allowed(config: Config) -> bool:
    """Whether clients without a key are served: ALLOW_ANONYMOUS, or (unset) only on a loopback bind."""
    if config.ALLOW_ANONYMOUS:
        return config.ALLOW_ANONYMOUS == "true"
    return is_loopback(config.HOST)


def check_bind(config: Config, keys: KeyRepository) -> None:
    """Refuse to serve a non-loopback address that nobody could use, or that anyone could, unless told to."""
    if is_loopback(config.HOST) or anonymous_allowed(config) or any(k.active for k in keys.all()):
        return
    raise ConfigError(f"HOST={config.HOST} is not a loopback address and no API key exists: create one with "
                      "`interview-avatar keys create NAME`, or set ALLOW_ANONYMOUS=true to serve anyone")


class Authenticator:
    """Turns a presented key (or none) into an Identity; remembers the identity of each open socket."""

    def __init__(self, keys: KeyRepository, anonymous: bool) -> None:
        self.keys = keys
        self.anonymous = anonymous
        self._sockets: dict[str, Identity] = {}
        self._lock = threading.Lock()

    def identify(self, token: str | None, anonymous_id: Callable[[], str], address: str | None) -> Identity:
        """The key's identity; an anonymous one when no key was sent and that is allowed; else Unauthorized."""
        if token:
            record = verify(self.keys, token)
            if record is None:
                raise Unauthorized("the API key is not valid (unknown or revoked)",
                                   headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})
            return Identity(f"key:{record.key_id}", f"key:{record.key_id}", record.key_id)
        if not self.anonymous:
            raise Unauthorized("an API key is required: send 'Authorization: Bearer <key>'",
                               headers={"WWW-Authenticate": "Bearer"})
        return Identity(f"{ANONYMOUS_PREFIX}{anonymous_id()}", f"ip:{address or 'unknown'}")

    def connect_socket(self, sid: str, identity: Identity) -> None:
        """Remember a socket's identity for its lifetime."""
        with self._lock:
            self._sockets[sid] = identity

    def socket_identity(self, sid: str) -> Identity | None:
        """The identity a socket connected with (None: unknown sid)."""
        with self._lock:
            return self._sockets.get(sid)

    def forget_socket(self, sid: str) -> None:
        """Drop a disconnected socket."""
        with self._lock:
            self._sockets.pop(sid, None)


def identity_for(config: Config, services: Any) -> Authenticator:
    """The authenticator on the services' database; refuses (and stops the services) a bind nobody should serve."""
    keys = DatabaseKeyRepository(services.database)
    try:
        check_bind(config, keys)
    except ConfigError:
        services.close()
        raise
    return Authenticator(keys, anonymous_allowed(config))


def bearer_token(header: str | None) -> str | None:
    """The key of an `Authorization: Bearer <key>` header."""
    if header and header[: len(BEARER)].lower() == BEARER:
        return header[len(BEARER):].strip() or None
    return None


def _cookie_client_id() -> str:
    """This browser's anonymous id, created in the signed session cookie on first use."""
    if CLIENT_ID_KEY not in session:
        session[CLIENT_ID_KEY] = secrets.token_hex(16)
        g.new_client = True
    return session[CLIENT_ID_KEY]


def is_new_client() -> bool:
    """Whether this request came without the cookie id (a first visit, or a client that keeps no cookies)."""
    current_identity()
    return bool(g.get("new_client"))


def address_key() -> str:
    """A cookie-less client: its address and User-Agent, hashed."""
    who = f"{request.remote_addr}\n{request.headers.get('User-Agent', '')}"
    return "addr-" + hashlib.sha256(who.encode()).hexdigest()[:32]


def job_owner() -> str:
    """Who owns the jobs this request starts: its identity; an anonymous client without the cookie yet (a script
    that keeps none gets a new id on every request) by its address and User-Agent instead."""
    identity = current_identity()
    if is_new_client() and identity.owner.startswith(ANONYMOUS_PREFIX):
        return ANONYMOUS_PREFIX + address_key()
    return identity.owner


def job_owners() -> frozenset[str]:
    """The owners of jobs this request may cancel, see and follow: its identity's, and for an anonymous client also
    the one of its address (the jobs it started before it had the cookie, or without keeping one)."""
    identity = current_identity()
    if identity.owner.startswith(ANONYMOUS_PREFIX):
        return frozenset({identity.owner, ANONYMOUS_PREFIX + address_key()})
    return frozenset({identity.owner})


def authenticator() -> Authenticator:
    """The current app's authenticator."""
    return current_app.extensions[EXTENSION_KEY]


def current_identity() -> Identity:
    """The identity of the request being served (resolved once per request)."""
    if "identity" not in g:
        g.identity = authenticator().identify(bearer_token(request.headers.get("Authorization")), _cookie_client_id,
                                              request.remote_addr)
        g.owner = g.identity.owner
    return g.identity


def request_owner() -> str:
    """The owner on `g.owner` (set with the request's identity), else the seed's anonymous user."""
    return str(g.get("owner") or ANONYMOUS)


def register_identity(app: Flask, auth: Authenticator) -> None:
    """Every non-public endpoint needs an identity before its view runs."""
    app.extensions[EXTENSION_KEY] = auth

    @app.before_request
    def _identify() -> None:
        if request.endpoint is not None and request.endpoint not in PUBLIC_ENDPOINTS and request.method != "OPTIONS":
            current_identity()


def register_socket_identity(socketio: SocketIO) -> None:
    """Sockets authenticate at connect (`io(url, {auth: {api_key}})` or the handshake's Authorization header)."""

    @socketio.on("connect")
    def on_connect(auth: Any = None) -> None:
        given = (auth.get("api_key") or auth.get("token")) if isinstance(auth, dict) else None
        token = given if isinstance(given, str) else bearer_token(request.headers.get("Authorization"))
        sid = request.sid  # type: ignore[attr-defined]
        try:
            # no cookie (a script): its address and User-Agent, as for its REST requests (see job_owners)
            identity = authenticator().identify(token, lambda: session.get(CLIENT_ID_KEY) or address_key(),
                                                request.remote_addr)
        except Unauthorized as e:
            raise ConnectionRefusedError(e.message) from e
        authenticator().connect_socket(sid, identity)


def socket_identity() -> Identity:
    """The identity of the socket whose event is being handled."""
    identity = authenticator().socket_identity(request.sid)  # type: ignore[attr-defined]
    if identity is None:  # connected before this app knew it (cannot happen in one process); refuse
        raise Unauthorized("this socket is not authenticated; reconnect")
    return identity
