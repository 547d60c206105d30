"""The coach service on the app: attached once by create_app, looked up by the STT and report routes and sockets."""
from __future__ import annotations

from typing import Any

from flask import Flask, current_app

from runtime.coach import CoachServices, build_coach
from runtime.config import Config

COACH_KEY = "interview_coach"


def attach_coach(app: Flask, config: Config) -> None:
    """Build the coach service from the settings and keep it on the app."""
    app.extensions[COACH_KEY] = build_coach(config)


def coach_services(app: Any = None) -> CoachServices:
    """The current (or given) app's coach services."""
    return (app or current_app).extensions[COACH_KEY]
