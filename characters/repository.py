"""Where custom characters live: a small repository interface, with an in-memory implementation.

The database implementation (store/) has the same four methods, so the catalogue never knows which it has.
"""
from __future__ import annotations

import threading
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


class MemoryCharacterRepository:
    """Characters in a dict (tests and a server without a database); thread-safe."""

    def __init__(self) -> None:
        self._items: dict[str, Character] = {}
        self._lock = threading.Lock()

    def list(self, owner: str | None = None) -> list[Character]:
        """Characters of `owner` (every owner when None), oldest first."""
        with self._lock:
            return [c for c in self._items.values() if owner is None or c.owner == owner]

    def get(self, character_id: str) -> Character | None:
        """The character, or None."""
        with self._lock:
            return self._items.get(character_id)

    def save(self, character: Character) -> None:
        """Insert or replace the character with this id."""
        with self._lock:
            self._items[character.id] = character

    def delete(self, character_id: str) -> bool:
        """Remove it; False when there was none."""
        with self._lock:
            return self._items.pop(character_id, None) is not None
