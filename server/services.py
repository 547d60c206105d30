"""What the app holds, as the routes and sockets find it: its services (built by runtime/services.py), the coach's
(runtime/coach.py), the character catalogue, and the caller."""
from __future__ import annotations

from typing import Any

from flask import Flask, current_app

from characters.catalog import CharacterCatalog
from runtime.coach import CoachServices, build_coach
from runtime.config import Config
from runtime.services import Services
from runtime.turn_requests import Caller
from server.identity import caller_identity, legacy_key, owners_of

EXTENSION_KEY = "interview_avatar"
CHARACTERS_KEY = "characters"  # the CharacterCatalog (set by routes.characters.attach_catalog)
COACH_KEY = "interview_coach"


def services() -> Services:
    """The current app's services."""
    return current_app.extensions[EXTENSION_KEY]


def attach_coach(app: Flask, config: Config) -> None:
    """Build the coach service from the settings and keep it on the app."""
    app.extensions[COACH_KEY] = build_coach(config)


def coach_services(app: Any = None) -> CoachServices:
    """The current (or given) app's coach services."""
    return (app or current_app).extensions[COACH_KEY]


def catalog() -> CharacterCatalog:
    """The current app's character catalogue."""
    return current_app.extensions[CHARACTERS_KEY]


def caller() -> Caller:
    """Who this request (or the socket whose event is handled) is, for the rules below the web edge."""
    identity = caller_identity()
    return Caller(identity.owner, owners_of(identity), catalog(), lambda: legacy_key(services().sessions))
