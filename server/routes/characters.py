"""The avatar-forge seed's character API: presets, custom characters (CRUD), in the seed's `success`/`data` envelope."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, jsonify
from flask.typing import ResponseReturnValue

from characters.catalog import (
    CharacterCatalog,
    CharacterNotFound,
    CharacterReadOnly,
    InvalidReference,
)
from characters.model import Character
from characters.presets import check_preset_references, load_presets
from characters.repository import CharacterRepository
from characters.schema import CharacterCreate, CharacterUpdate
from server.api.edge import operation, parse, request_json
from server.errors import error_response
from server.identity import caller_owners, request_owner
from server.schemas.uploads import CharacterEnvelope, CharacterListEnvelope, Envelope
from runtime.services import Services
from server.services import CHARACTERS_KEY, catalog
from store.characters import SqlCharacterRepository

bp = Blueprint("characters", __name__)


def attach_catalog(app: Flask, services: Services, repository: CharacterRepository | None = None) -> CharacterCatalog:
    """Build the catalogue (presets checked against this server's avatars and voices) and map its errors."""
    presets = load_presets()

    def avatar_names() -> set[str]:  # read live: uploaded avatars count at once
        return {a.name for a in services.avatars.list()}

    def voice_ids() -> set[str]:
        return {v.voice_id for v in services.tts.catalogue.voices}

    check_preset_references(presets, avatar_names(), voice_ids())
    catalog = CharacterCatalog(presets, repository or SqlCharacterRepository(services.database), avatar_names, voice_ids)
    app.extensions[CHARACTERS_KEY] = catalog
    for error, (status, code) in ERROR_STATUS.items():  # wherever a character is looked up (chat bodies too)
        app.register_error_handler(error, lambda e, status=status, code=code: error_response(str(e), status, code))
    return catalog


ERROR_STATUS: dict[type[Exception], tuple[int, str]] = {CharacterNotFound: (404, "not_found"),
                                                        CharacterReadOnly: (403, "forbidden"),
                                                        InvalidReference: (400, "bad_request")}


def _envelope(data: Any, status: int = 200) -> ResponseReturnValue:
    return jsonify(success=True, data=data), status


def _listing(characters: list[Character]) -> ResponseReturnValue:
    return _envelope({"characters": [c.to_api() for c in characters]})


@bp.get("/api/characters/presets")
@operation(CharacterListEnvelope, tag="characters")
def presets() -> ResponseReturnValue:
    """The shipped interviewers."""
    return _listing(catalog().presets())


@bp.get("/api/characters")
@operation(CharacterListEnvelope, tag="characters")
def custom() -> ResponseReturnValue:
    """The caller's own characters."""
    return _listing(catalog().custom(caller_owners()))


@bp.post("/api/characters")
@operation(CharacterEnvelope, body=CharacterCreate, validate_body=False, status=201, errors=(404,), tag="characters")
def create() -> ResponseReturnValue:
    """A new character owned by the caller (201)."""
    body = parse(CharacterCreate, request_json())
    return _envelope(catalog().create(body, request_owner()).to_api(), 201)


@bp.get("/api/characters/<character_id>")
@operation(CharacterEnvelope, errors=(404,), tag="characters")
def show(character_id: str) -> ResponseReturnValue:
    """A preset, or one of the caller's own characters (another's: 404)."""
    return _envelope(catalog().get(character_id, caller_owners()).to_api())


@bp.put("/api/characters/<character_id>")
@operation(CharacterEnvelope, body=CharacterUpdate, validate_body=False, errors=(403, 404), tag="characters")
def update(character_id: str) -> ResponseReturnValue:
    """Change the sent fields; 403 for a preset, 404 for someone else's character."""
    body = parse(CharacterUpdate, request_json())
    return _envelope(catalog().update(character_id, body, caller_owners()).to_api())


@bp.delete("/api/characters/<character_id>")
@operation(Envelope, errors=(403, 404), tag="characters")
def delete(character_id: str) -> ResponseReturnValue:
    """Remove a custom character; 403 for a preset, 404 for someone else's character."""
    catalog().delete(character_id, caller_owners())
    return _envelope({"id": character_id, "deleted": True})
