"""Where custom characters live: the four methods the catalogue needs (store.characters has the SQL one)."""
from __future__ import annotations

from typing import Protocol

from characters.model import Character


class CharacterRepository(Protocol):
    """Custom characters by id."""

    def list(self, owner: str | None = None) -> list[Character]:
        """Characters of `owner` (every owner when None), oldest first."""
        ...

    def get(self, character_id: str) -> Character | None:
        """The character, or None."""
        ...

    def save(self, character: Character) -> None:
        """Insert or replace the character with this id."""
        ...

    def delete(self, character_id: str) -> bool:
        """Remove it; False when there was none."""
        ...
