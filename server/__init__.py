"""The Flask application factory: wiring only."""
from __future__ import annotations

import atexit
from collections.abc import Mapping
from typing import Any

from flask import Flask
from flask_socketio import SocketIO

from jobs.relay import socket_relay
from runtime.avatar_jobs import progress_notifier
from runtime.services import Engines, Services, socketio_queue
from server.api import docs
from server.api.paths import register_converters
from server.api.safe_json import SafeJSONProvider, SocketJSON
from server.cors import allowed_origins, register_cors
from server.errors import register_error_handlers
from server.hosts import register_hosts
from server.identity import identity_for, register_identity, register_socket_identity
from server.limits import register_limits
from server.proxies import trust_proxies
from server.request_log import register_request_log
from server.routes import (avatar_uploads, characters, chat, documents, health, lipsync, media, metrics, pages,
                           practice, report, sessions, stt, system, tts)
from server.schemas.events import socket_event
from server.secret_key import persistent_secret_key
from server.security import register_security
from server.services import EXTENSION_KEY, attach_coach
from server.shutdown import register_shutdown
from server.unavailable import register_unavailable_errors
from server.sockets import register_socket_handlers
from server.stt_sockets import register_stt_handlers
from settings import PROJECT_ROOT, CoreSettings
from runtime.config import Config
from telemetry.logs import configure as configure_logging

ASYNC_MODE = "threading"  # eventlet is deprecated and gunicorn 27 has no eventlet worker (see README)


def create_app(config: Config | Mapping[str, Any] | None = None, engines: Engines | None = None) -> Flask:
    """Build the app from a Config, a mapping of overrides (tests), or `.env` + the environment; `engines` replace
    configured ones (tests inject them)."""
    if not isinstance(config, CoreSettings):  # Config, or one composed with more engines (tests)
        config = Config.load(config)
    configure_logging(config.LOG_LEVEL, config.LOG_FORMAT)
    app = Flask(__name__, static_folder=str(PROJECT_ROOT / "static"), template_folder=str(PROJECT_ROOT / "templates"))
    if not config.SECRET_KEY:  # generated once and kept in DATA_DIR: cookies and media links survive a restart
        config = config.replace(SECRET_KEY=persistent_secret_key(config.DATA_DIR))
    app.config.update(SECRET_KEY=config.SECRET_KEY, MAX_CONTENT_LENGTH=config.MAX_REQUEST_BYTES, JSON_AS_ASCII=False)
    register_converters(app)
    app.json = SafeJSONProvider(app)  # bounded depth, valid Unicode only: hostile bodies are a 400
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    register_request_log(app)  # first: every later hook's log lines and errors carry the request id
    register_shutdown(app)
    register_error_handlers(app)
    register_unavailable_errors(app)
    register_security(app, config.COOKIE_SECURE)
    register_hosts(app, config)
    origins = allowed_origins(config.CORS_ORIGINS)
    register_cors(app, origins)
    socketio = SocketIO(app, async_mode=ASYNC_MODE, cors_allowed_origins=origins, json=SocketJSON,
                        **socketio_queue(config))
    trust_proxies(app, config.TRUSTED_PROXIES)  # outermost, so socket handshakes see the client's address too
    services = Services.build(config, engines, socket_relay(socketio.emit, socket_event), progress_notifier(socketio.emit))
    app.extensions[EXTENSION_KEY] = services
    characters.attach_catalog(app, services)
    atexit.register(services.close)
    register_identity(app, identity_for(config, services))
    attach_coach(app, config)
    for blueprint in (system.bp, chat.bp, tts.bp, lipsync.bp, media.bp, pages.bp, metrics.bp, health.bp, sessions.bp,
                      docs.bp, stt.bp, report.bp, practice.bp, documents.bp, characters.bp, avatar_uploads.bp):
        app.register_blueprint(blueprint)
    limits = register_limits(app, config)  # after every blueprint: /api/stt counts in RATE_LIMIT_GENERATE
    register_socket_identity(socketio, admit=limits.hit_event)  # a connect counts like a request
    register_socket_handlers(socketio)
    register_stt_handlers(socketio)
    return app
