"""`python -m server.serve` (what `make run` and `python app.py` use): gunicorn's gthread worker, one process.

One worker process because the job queue and the Socket.IO rooms live in it; Flask-SocketIO's threading
mode runs there with one thread per open websocket, so SERVER_THREADS is sized generously.
"""
from __future__ import annotations

from typing import Any

from flask import Flask
from gunicorn.app.base import BaseApplication

from server.access_log import RedactingLogger
from server.client_address import proxy_networks
from server.config import Config
from server.edge_worker import guarded_worker

GRACEFUL_TIMEOUT_S = 10  # s: running turns get this long after SIGTERM before the worker is stopped
KEEPALIVE_S = 5  # s: idle keep-alive connections are closed after this


class GunicornServer(BaseApplication):
    """Gunicorn configured in code; the app is built inside the worker, never in the master."""

    def __init__(self, config: Config) -> None:
        self._settings: dict[str, Any] = {
            "bind": f"[{config.HOST}]:{config.PORT}" if ":" in config.HOST else f"{config.HOST}:{config.PORT}",
            "workers": 1,
            "worker_class": guarded_worker(config.EDGE_HEADER_TIMEOUT_S, config.EDGE_IO_TIMEOUT_S,
                                           config.EDGE_MAX_CONNECTIONS_PER_ADDRESS,
                                           proxy_networks(config.TRUSTED_PROXIES)),
            "threads": config.SERVER_THREADS,
            "timeout": 0,  # gthread's heartbeat runs in the worker's main loop; long SSE streams are normal
            "graceful_timeout": GRACEFUL_TIMEOUT_S,
            "keepalive": KEEPALIVE_S,
            "accesslog": "-",
            "logger_class": RedactingLogger,  # session ids and link signatures never reach the log
        }
        super().__init__()

    def load_config(self) -> None:
        """Hand our settings to gunicorn (no command-line parsing)."""
        for key, value in self._settings.items():
            self.cfg.set(key, value)

    def load(self) -> Flask:
        """Import the app in the worker process (its threads and engines must not be forked)."""
        from app import app  # noqa: PLC0415 - building the app is the worker's job

        return app


def main() -> None:
    """Serve on HOST:PORT from the configuration."""
    GunicornServer(Config.load()).run()


if __name__ == "__main__":
    main()
