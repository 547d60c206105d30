"""The app's services (built by runtime/services.py) as the routes and sockets find them."""
from __future__ import annotations

from flask import current_app

from runtime.services import Services

EXTENSION_KEY = "interview_avatar"


def services() -> Services:
    """The current app's services."""
    return current_app.extensions[EXTENSION_KEY]
