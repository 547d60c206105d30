"""The character repository on the database (characters.repository.CharacterRepository, SQL edition)."""
from __future__ import annotations

from dataclasses import fields

from sqlalchemy import delete, select

from characters.model import Character
from store.database import Database
from store.models.characters import CharacterRow

COLUMNS = ("id", "owner", "name", "interview_style", "avatar", "voice_id", "language", "created_at", "updated_at")
LIST_FIELDS = ("likes", "dislikes", "tags")
REST = tuple(f.name for f in fields(Character) if f.name not in COLUMNS and f.name != "is_preset")


def _row(character: Character) -> dict[str, object]:
    """The column values of a character (the seed's descriptive fields go into one JSON column)."""
    values = {name: getattr(character, name) for name in COLUMNS}
    values["fields"] = {name: list(v) if isinstance(v := getattr(character, name), tuple) else v for name in REST}
    return values


def _character(row: CharacterRow) -> Character:
    stored = {name: row.fields[name] for name in REST if name in row.fields}
    stored.update({name: tuple(stored[name]) for name in LIST_FIELDS if name in stored})
    return Character(**{name: getattr(row, name) for name in COLUMNS}, **stored)


class SqlCharacterRepository:
    """Custom characters in the `characters` table."""

    def __init__(self, database: Database) -> None:
        self._database = database

    def list(self, owner: str | None = None) -> list[Character]:
        """Characters of `owner` (every owner when None), oldest first."""
        query = select(CharacterRow).order_by(CharacterRow.created_at, CharacterRow.id)
        if owner is not None:
            query = query.where(CharacterRow.owner == owner)
        with self._database.read() as session:
            return [_character(row) for row in session.scalars(query)]

    def get(self, character_id: str) -> Character | None:
        """The character, or None."""
        with self._database.read() as session:
            row = session.get(CharacterRow, character_id)
            return None if row is None else _character(row)

    def save(self, character: Character) -> None:
        """Insert or replace the character with this id."""
        with self._database.write() as session:
            session.merge(CharacterRow(**_row(character)))

    def delete(self, character_id: str) -> bool:
        """Remove it; False when there was none."""
        with self._database.write() as session:
            return session.execute(delete(CharacterRow).where(CharacterRow.id == character_id)).rowcount > 0
