"""Presets and custom characters behind one lookup; presets are read-only, custom ones belong to their creator."""
from __future__ import annotations

import secrets
from collections.abc import Callable, Collection
from dataclasses import replace
from datetime import datetime, timezone

from characters.model import Character
from characters.repository import CharacterRepository
from characters.schema import CharacterCreate, CharacterUpdate

DEFAULT_VOICE = "default"


class CharacterNotFound(LookupError):
    """No preset or custom character has this id."""


class CharacterReadOnly(PermissionError):
    """A preset, or someone else's character, cannot be changed by this caller."""


class InvalidReference(ValueError):
    """The character names an avatar or voice this server does not have; the message names the field."""


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

    def custom(self, owners: Collection[str]) -> list[Character]:
        """Characters created by any of `owners`."""
        return [c for owner in sorted(owners) for c in self.repository.list(owner)]

    def get(self, character_id: str, viewers: Collection[str]) -> Character:
        """A preset, or a custom character of one of `viewers`; CharacterNotFound when there is none (another
        owner's character is not found either: its existence is not told)."""
        found = self._presets.get(character_id) or self.repository.get(character_id)
        if found is None or (not found.is_preset and found.owner not in viewers):
            raise CharacterNotFound(f"character not found: {character_id!r}")
        return found

    def create(self, body: CharacterCreate, owner: str | None) -> Character:
        """A new custom character owned by `owner`."""
        fields = self._checked(body.changes())
        character_id = secrets.token_hex(8)
        now = _now()
        character = Character(id=character_id, owner=owner, created_at=now, updated_at=now, **fields)
        self.repository.save(character)
        return character

    def update(self, character_id: str, body: CharacterUpdate, owners: Collection[str]) -> Character:
        """The character with the sent fields changed; CharacterReadOnly for presets (others' are not found)."""
        current = self._changeable(character_id, owners)
        changed = replace(current, **self._checked(body.changes()), updated_at=_now())
        self.repository.save(changed)
        return changed

    def delete(self, character_id: str, owners: Collection[str]) -> None:
        """Remove a custom character; CharacterReadOnly for presets (others' are not found)."""
        self._changeable(character_id, owners)
        self.repository.delete(character_id)

    def _changeable(self, character_id: str, owners: Collection[str]) -> Character:
        current = self.get(character_id, owners)
        if current.is_preset:
            raise CharacterReadOnly(f"character {character_id!r} is a preset and cannot be changed")
        return current

    def _checked(self, fields: dict[str, object]) -> dict[str, object]:
        """`fields` when its avatar and voice exist here; InvalidReference naming the field otherwise."""
        avatar = fields.get("avatar")
        if avatar and avatar not in self._avatar_names():
            raise InvalidReference(f"'avatar': unknown avatar {avatar!r}; see GET /api/avatars (base_name)")
        voice = fields.get("voice_id")
        if voice and voice != DEFAULT_VOICE and voice not in self._voice_ids():
            raise InvalidReference(f"'voice_id': unknown voice {voice!r}; see GET /api/tts/voices")
        return fields
