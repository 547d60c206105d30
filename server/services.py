"""The app's services (built by runtime/services.py), its character catalogue and the caller, as the routes and
sockets find them."""
from __future__ import annotations

from flask import current_app

from characters.catalog import CharacterCatalog
from runtime.services import Services
from runtime.turn_requests import Caller
from server.identity import caller_identity, legacy_key, owners_of

EXTENSION_KEY = "interview_avatar"
CHARACTERS_KEY = "characters"  # the CharacterCatalog (set by routes.characters.init_app)


def services() -> Services:
    """The current app's services."""
    return current_app.extensions[EXTENSION_KEY]


def catalog() -> CharacterCatalog:
    """The current app's character catalogue."""
    return current_app.extensions[CHARACTERS_KEY]


def caller() -> Caller:
    """Who this request (or the socket whose event is handled) is, for the rules below the web edge."""
    identity = caller_identity()
    return Caller(identity.owner, owners_of(identity), catalog(), lambda: legacy_key(services().sessions))
