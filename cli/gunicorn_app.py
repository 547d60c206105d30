"""Gunicorn configured in code (what `interview-avatar serve` runs); POSIX only, imported when serving."""
from __future__ import annotations

from typing import Any

from flask import Flask
from gunicorn.app.base import BaseApplication

from runtime.config import Config


class GunicornServer(BaseApplication):
    """Gunicorn with our options; the app is built inside the worker, never in the master."""

    def __init__(self, options: dict[str, Any], config: Config) -> None:
        self._options = options
        self._config = config
        super().__init__()

    def load_config(self) -> None:
        """Hand our options to gunicorn (no command-line parsing)."""
        for key, value in self._options.items():
            self.cfg.set(key, value)

    def load(self) -> Flask:
        """Import the app in the worker process (its threads and engines must not be forked)."""
        from server import create_app  # noqa: PLC0415 - building the app is the worker's job

        return create_app(self._config)
