"""Presets and custom characters behind one lookup; presets are read-only, custom ones belong to their creator."""
from __future__ import annotations

import secrets
from collections.abc import Callable, Collection
from dataclasses import replace
from datetime import datetime, timezone

from characters.model import Character
from characters.repository import CharacterRepository
from characters.schema import CharacterCreate, CharacterUpdate
from server.errors import BadRequest, Forbidden, NotFound

DEFAULT_VOICE = "default"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class CharacterCatalog:
    """Look up, create, change and delete characters; avatar and voice references are checked on the way in."""

    def __init__(self, presets: tuple[Character, ...], repository: CharacterRepository,
                 avatar_names: Callable[[], Collection[str]], voice_ids: Callable[[], Collection[str]]) -> None:
        self._presets = {p.id: p for p in presets}
        self.repository = repository
        self._avatar_names = avatar_names
        self._voice_ids = voice_ids

    def presets(self) -> list[Character]:
        """The shipped interviewers."""
        return list(self._presets.values())

    def custom(self, owner: str | None) -> list[Character]:
        """Characters created by `owner`."""
        return self.repository.list(owner)

    def get(self, character_id: str) -> Character:
        """A preset or custom character; 404 when there is none."""
        found = self._presets.get(character_id) or self.repository.get(character_id)
        if found is None:
            raise NotFound(f"character not found: {character_id!r}")
        return found

    def create(self, body: CharacterCreate, owner: str | None) -> Character:
        """A new custom character owned by `owner`."""
        fields = self._checked(body.changes())
        character_id = secrets.token_hex(8)
        now = _now()
        character = Character(id=character_id, owner=owner, created_at=now, updated_at=now, **fields)
        self.repository.save(character)
        return character

    def update(self, character_id: str, body: CharacterUpdate, owner: str | None) -> Character:
        """The character with the sent fields changed; 403 for presets and other owners' characters."""
        current = self._changeable(character_id, owner)
        changed = replace(current, **self._checked(body.changes()), updated_at=_now())
        self.repository.save(changed)
        return changed

    def delete(self, character_id: str, owner: str | None) -> None:
        """Remove a custom character; 403 for presets and other owners' characters."""
        self._changeable(character_id, owner)
        self.repository.delete(character_id)

    def _changeable(self, character_id: str, owner: str | None) -> Character:
        current = self.get(character_id)
        if current.is_preset:
            raise Forbidden(f"character {character_id!r} is a preset and cannot be changed")
        if current.owner != owner:
            raise Forbidden(f"character {character_id!r} belongs to someone else")
        return current

    def _checked(self, fields: dict[str, object]) -> dict[str, object]:
        """`fields` when its avatar and voice exist here; a 400 naming the field otherwise."""
        avatar = fields.get("avatar")
        if avatar and avatar not in self._avatar_names():
            raise BadRequest(f"'avatar': unknown avatar {avatar!r}; see GET /api/avatars (base_name)")
        voice = fields.get("voice_id")
        if voice and voice != DEFAULT_VOICE and voice not in self._voice_ids():
            raise BadRequest(f"'voice_id': unknown voice {voice!r}; see GET /api/tts/voices")
        return fields
