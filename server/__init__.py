"""The Flask application factory: wiring only."""
from __future__ import annotations

import atexit
import logging
import secrets
from collections.abc import Mapping
from typing import Any

from flask import Flask
from flask_socketio import SocketIO

from server.api import docs
from server.api.safe_json import SafeJSONProvider, SocketJSON
from server.config import PROJECT_ROOT, Config
from server.cors import allowed_origins, register_cors
from server.errors import register_error_handlers
from server.routes import chat, lipsync, media, metrics, pages, system, tts
from server.services import EXTENSION_KEY, Services
from server.sockets import register_socket_handlers

ASYNC_MODE = "threading"  # eventlet is deprecated and gunicorn 27 has no eventlet worker (see README)


def create_app(config: Config | Mapping[str, Any] | None = None) -> Flask:
    """Build the app from a Config, a mapping of overrides (tests), or `.env` + the environment."""
    if not isinstance(config, Config):
        config = Config.load(config)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = Flask(__name__, static_folder=str(PROJECT_ROOT / "static"), template_folder=str(PROJECT_ROOT / "templates"))
    app.config.update(SECRET_KEY=config.SECRET_KEY or secrets.token_hex(32), MAX_CONTENT_LENGTH=config.MAX_REQUEST_BYTES,
                      JSON_AS_ASCII=False)
    app.json = SafeJSONProvider(app)  # bounded depth, valid Unicode only: hostile bodies are a 400
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    register_error_handlers(app)
    origins = allowed_origins(config.CORS_ORIGINS)
    register_cors(app, origins)
    for blueprint in (system.bp, chat.bp, tts.bp, lipsync.bp, media.bp, pages.bp, metrics.bp, docs.bp):
        app.register_blueprint(blueprint)
    services = Services.build(config)
    app.extensions[EXTENSION_KEY] = services
    atexit.register(services.close)
    socketio = SocketIO(app, async_mode=ASYNC_MODE, cors_allowed_origins=origins, json=SocketJSON)
    register_socket_handlers(socketio)
    return app
