"""Who is calling: an API key (`Authorization: Bearer …`, or the Socket.IO `auth` payload) or an anonymous client.

The one identity rule (docs/security.md): a key is its own identity; an anonymous browser is the random id in
Flask's signed session cookie; an anonymous client without that cookie (a script, or a browser's very first
request) is its address (behind TRUSTED_PROXIES the forwarded one): the User-Agent plays no part. Anonymous
clients are allowed on a loopback bind or with ALLOW_ANONYMOUS=true. A socket keeps the identity it connected
with until it disconnects. The identity's owner is also put on `g.owner`, which characters and uploads record.
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
from settings import ConfigError
from runtime.config import Config
from runtime.errors import ApiError, Unauthorized
from server.proxies import Network, client_address, proxy_networks
from server.hosts import host_refused
from store.api_keys import DatabaseKeyRepository
from store.sessions import SessionStore

EXTENSION_KEY = "identity"
ANONYMOUS = "anonymous"  # the avatar-forge seed's user_id outside a request with an identity
ANONYMOUS_PREFIX = "anon:"  # owners of anonymous clients (API keys: "key:")
CLIENT_ID_KEY = "client_id"  # in the signed session cookie
ADOPT_COOKIE_KEY = "client_from"  # the address key whose legacy conversation this cookie's client takes over
BEARER = "bearer "
PAGE_ENDPOINT = "pages.index"
# Reachable without a key: the page and its files, media (signed links instead), health probes and the API
# documents. /metrics is not: where keys are required a scrape sends one (docs/deploy.md).
# An uploaded avatar's still and idle loop are public only when the avatar is (avatars.access).
PUBLIC_ENDPOINTS = frozenset({"static", "pages.index", "media.video", "media.audio", "media.idle",
                              "avatar_uploads.still", "health.health", "health.livez", "health.readyz",
                              "api_docs.openapi_json", "api_docs.swagger_ui", "api_docs.redoc", "api_docs.asset"})


@dataclass(frozen=True)
class Identity:
    """The owner of requests and jobs (`key:<key_id>`, `anon:<cookie id>` or `anon:addr-<hash>`) and the bucket its
    limits count in (the key, the cookie, or the address)."""

    owner: str
    limit_key: str
    key_id: str | None = None
    cookieless: bool = False  # anonymous without the cookie: known by its address only


def address_owner(address: str) -> str:
    """The owner of a cookie-less anonymous client at `address` (hashed: owners are stored, addresses need not be)."""
    return ANONYMOUS_PREFIX + "addr-" + hashlib.sha256(address.encode()).hexdigest()[:32]


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

    def __init__(self, keys: KeyRepository, anonymous: bool, proxies: tuple[Network, ...] = ()) -> None:
        self.keys = keys
        self.anonymous = anonymous
        self.proxies = proxies
        self._sockets: dict[str, Identity] = {}
        self._lock = threading.Lock()

    def identify(self, token: str | None, cookie_id: str | None, address: str) -> Identity:
        """The key's identity; an anonymous one (the cookie's, else the address's) when no key was sent and that is
        allowed; else Unauthorized."""
        if token:
            record = verify(self.keys, token)
            if record is None:
                raise Unauthorized("the API key is not valid (unknown or revoked)",
                                   headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})
            return Identity(f"key:{record.key_id}", f"key:{record.key_id}", record.key_id)
        if not self.anonymous:
            raise Unauthorized("an API key is required: send 'Authorization: Bearer <key>'",
                               headers={"WWW-Authenticate": "Bearer"})
        if cookie_id:
            return Identity(f"{ANONYMOUS_PREFIX}{cookie_id}", f"{ANONYMOUS_PREFIX}{cookie_id}")
        return Identity(address_owner(address), f"ip:{address}", cookieless=True)

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
    return Authenticator(keys, anonymous_allowed(config), proxy_networks(config.TRUSTED_PROXIES))


def bearer_token(header: str | None) -> str | None:
    """The key of an `Authorization: Bearer <key>` header."""
    if header and header[: len(BEARER)].lower() == BEARER:
        return header[len(BEARER):].strip() or None
    return None


def cookie_id() -> str | None:
    """The anonymous id this request's signed cookie carries (None: no cookie yet, or a client that keeps none)."""
    value = session.get(CLIENT_ID_KEY)
    return value if isinstance(value, str) and value else None


def request_address() -> str:
    """The address of the client of this request or socket event (see server.client_address)."""
    return client_address(request.environ, authenticator().proxies)


def is_new_client() -> bool:
    """Whether this request came without the cookie id (a first visit, or a client that keeps no cookies)."""
    return current_identity().cookieless


def job_owner() -> str:
    """Who owns the jobs this request starts: its identity (a cookie-less client: its address)."""
    return current_identity().owner


def owners_of(identity: Identity) -> frozenset[str]:
    """The owners whose things an identity may use: its own, and for a browser also its address's (what its first
    request made before it had the cookie)."""
    if identity.owner.startswith(ANONYMOUS_PREFIX) and not identity.cookieless:
        return frozenset({identity.owner, address_owner(request_address())})
    return frozenset({identity.owner})


def job_owners() -> frozenset[str]:
    """The owners of jobs this request may cancel, see and follow."""
    return owners_of(current_identity())


def caller_identity() -> Identity:
    """The identity of this request, or of the socket whose event is handled."""
    return socket_identity() if getattr(request, "sid", None) is not None else current_identity()


def caller_owners() -> frozenset[str]:
    """The owners whose characters and avatars this request, or the socket whose event is handled, may use."""
    return owners_of(caller_identity())


def authenticator() -> Authenticator:
    """The current app's authenticator."""
    return current_app.extensions[EXTENSION_KEY]


def current_identity() -> Identity:
    """The identity of the request being served (resolved once per request); a cookie-less anonymous request is
    handed a cookie id, so a browser is its own identity from its next request on."""
    if "identity" not in g:
        g.identity = authenticator().identify(bearer_token(request.headers.get("Authorization")), cookie_id(),
                                              request_address())
        if g.identity.cookieless:
            session[CLIENT_ID_KEY] = secrets.token_hex(16)
        g.owner = g.identity.owner
    return g.identity


def request_owner() -> str:
    """The owner on `g.owner` (set with the request's identity), else the seed's anonymous user."""
    return str(g.get("owner") or ANONYMOUS)


def new_session_owner() -> str | None:
    """The owner of a session this request creates: None for a client without cookie or key (reachable by id)."""
    identity = current_identity()
    return None if identity.cookieless else identity.owner


def legacy_key(sessions: SessionStore) -> str:
    """The key of this client's legacy conversation: its identity. A browser's first request has no cookie yet, so
    its exchange is kept under its address and the cookie remembers that key; the next request with the cookie
    takes the conversation over."""
    identity = current_identity()
    if identity.cookieless:
        session[ADOPT_COOKIE_KEY] = identity.owner
        return identity.owner
    adopted = session.pop(ADOPT_COOKIE_KEY, None)
    if isinstance(adopted, str):
        sessions.adopt_legacy(adopted, identity.owner)
    return identity.owner


def register_identity(app: Flask, auth: Authenticator) -> None:
    """Every non-public endpoint needs an identity before its view runs."""
    app.extensions[EXTENSION_KEY] = auth

    @app.before_request
    def _identify() -> None:
        if request.endpoint == PAGE_ENDPOINT and auth.anonymous and cookie_id() is None:
            session[CLIENT_ID_KEY] = secrets.token_hex(16)  # the page's own API calls then share one identity
        elif request.endpoint is not None and request.endpoint not in PUBLIC_ENDPOINTS and request.method != "OPTIONS":
            current_identity()


def register_socket_identity(socketio: SocketIO, admit: Callable[[Identity], None] = lambda identity: None) -> None:
    """Sockets authenticate at connect (`io(url, {auth: {api_key}})` or the handshake's Authorization header);
    `admit` may refuse the identity (an ApiError: the request rate limit counts connects too)."""

    @socketio.on("connect")
    def on_connect(auth: Any = None) -> None:
        given = (auth.get("api_key") or auth.get("token")) if isinstance(auth, dict) else None
        token = given if isinstance(given, str) else bearer_token(request.headers.get("Authorization"))
        sid = request.sid  # type: ignore[attr-defined]
        refused = host_refused()
        if refused is not None:
            raise ConnectionRefusedError(refused)
        try:
            identity = authenticator().identify(token, cookie_id(), request_address())
            admit(identity)
        except ApiError as e:
            raise ConnectionRefusedError(e.message) from e
        authenticator().connect_socket(sid, identity)


def socket_identity() -> Identity:
    """The identity of the socket whose event is being handled."""
    identity = authenticator().socket_identity(request.sid)  # type: ignore[attr-defined]
    if identity is None:  # connected before this app knew it (cannot happen in one process); refuse
        raise Unauthorized("this socket is not authenticated; reconnect")
    return identity
