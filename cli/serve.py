"""`interview-avatar serve` (also `python app.py`, `make run`): gunicorn's gthread worker, one process.

One worker process because the job queue and the Socket.IO rooms live in it; Flask-SocketIO's threading
mode runs there with one thread per open websocket, so SERVER_THREADS is sized generously. `gunicorn app:app`
reads the same options from gunicorn.conf.py. Where gunicorn cannot run (Windows: no fcntl), Werkzeug's threaded
server serves instead, and says so.
"""
from __future__ import annotations

import importlib.util
import logging
from typing import Any

import click

from cli.context import log_to_stderr, settings_of
from runtime.config import Config
from settings.rules import proxy_networks
from telemetry.logs import dict_config

log = logging.getLogger(__name__)

GRACEFUL_TIMEOUT_S = 10  # s: running turns get this long after SIGTERM before the worker is stopped
KEEPALIVE_S = 5  # s: idle keep-alive connections are closed after this


def gunicorn_options(config: Config) -> dict[str, Any]:
    """Gunicorn's settings from ours: bind HOST:PORT, SERVER_THREADS threads of the guarded gthread worker (the
    EDGE_* limits, docs/security.md), the timeouts above, an access log without session ids."""
    from server.access_log import RedactingLogger  # noqa: PLC0415 - both import gunicorn (POSIX only)
    from server.edge_worker import guarded_worker  # noqa: PLC0415

    return {
        "bind": f"[{config.HOST}]:{config.PORT}" if ":" in config.HOST else f"{config.HOST}:{config.PORT}",
        "workers": 1,
        "worker_class": guarded_worker(config.EDGE_HEADER_TIMEOUT_S, config.EDGE_IO_TIMEOUT_S,
                                       config.EDGE_MAX_CONNECTIONS_PER_ADDRESS, proxy_networks(config.TRUSTED_PROXIES)),
        "threads": config.SERVER_THREADS,
        "timeout": 0,  # gthread's heartbeat runs in the worker's main loop; long SSE streams are normal
        "graceful_timeout": GRACEFUL_TIMEOUT_S,
        "keepalive": KEEPALIVE_S,
        # the app writes one access line per request (request id, route template: server/request_log.py); an
        # access log switched on again in gunicorn.conf.py is still redacted
        "accesslog": None,
        "logger_class": RedactingLogger,  # session ids and link signatures never reach the log
        "logconfig_dict": dict_config(config.LOG_LEVEL, config.LOG_FORMAT),  # gunicorn's own lines in our format
        "post_worker_init": _watch_sigterm,
    }


def _watch_sigterm(worker: Any) -> None:
    """Gunicorn hook: on SIGTERM open streams say the server is shutting down (server/shutdown.py)."""
    from server.shutdown import watch_sigterm  # noqa: PLC0415 - the worker has built the app by now

    watch_sigterm(worker.wsgi)


def gunicorn_runs_here() -> bool:
    """Gunicorn needs fcntl (POSIX); Windows has none."""
    return importlib.util.find_spec("fcntl") is not None


def run_server(config: Config) -> None:
    """Serve on HOST:PORT until stopped: gunicorn where it runs, else Werkzeug's threaded server."""
    if gunicorn_runs_here():
        from cli.gunicorn_app import GunicornServer  # noqa: PLC0415 - gunicorn imports fcntl

        GunicornServer(gunicorn_options(config), config).run()
        return
    log.warning("gunicorn does not run on this system: serving with Werkzeug's threaded server on %s:%d",
                config.HOST, config.PORT)
    from server import create_app  # noqa: PLC0415 - building the app loads engines; only when serving

    app = create_app(config)
    socketio = app.extensions["socketio"]
    socketio.run(app, host=config.HOST, port=config.PORT, allow_unsafe_werkzeug=True)


@click.command()
@click.option("--host", help="address to listen on (default: HOST)")
@click.option("--port", type=int, help="port (default: PORT)")
@click.pass_context
def serve(ctx: click.Context, host: str | None, port: int | None) -> None:
    """Serve the web app and the Socket.IO endpoint (one process; JOB_BACKEND=local renders here)."""
    overrides = {k: v for k, v in (("HOST", host), ("PORT", port)) if v is not None}
    config = settings_of(ctx, **overrides)
    log_to_stderr(config)
    run_server(config)
