"""The app's services (built by runtime/services.py) and its character catalogue, as the routes and sockets find
them."""
from __future__ import annotations

from flask import current_app

from characters.catalog import CharacterCatalog
from runtime.services import Services

EXTENSION_KEY = "interview_avatar"
CHARACTERS_KEY = "characters"  # the CharacterCatalog (set by routes.characters.init_app)


def services() -> Services:
    """The current app's services."""
    return current_app.extensions[EXTENSION_KEY]


def catalog() -> CharacterCatalog:
    """The current app's character catalogue."""
    return current_app.extensions[CHARACTERS_KEY]
