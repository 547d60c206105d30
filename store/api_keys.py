"""API keys in the database: add, look up by id, revoke, list (the rows hold digests, never keys)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update

from store.keys import ApiKey
from store.database import Database
from store.models.api_keys import ApiKeyRow


class DatabaseKeyRepository:
    """The KeyRepository on the app's database."""

    def __init__(self, database: Database) -> None:
        self._database = database

    def add(self, key: ApiKey) -> None:
        """Store a new key."""
        with self._database.write() as session:
            session.add(ApiKeyRow(key_id=key.key_id, name=key.name, digest=key.digest, created_at=key.created_at,
                                  revoked_at=key.revoked_at))

    def get(self, key_id: str) -> ApiKey | None:
        """The key with this id, revoked or not."""
        with self._database.read() as session:
            row = session.get(ApiKeyRow, key_id)
            return _record(row) if row is not None else None

    def revoke(self, key_id: str, when: datetime) -> bool:
        """Mark a key revoked; False when there is no such active key."""
        with self._database.write() as session:
            result = session.execute(update(ApiKeyRow).where(ApiKeyRow.key_id == key_id, ApiKeyRow.revoked_at.is_(None))
                                     .values(revoked_at=when))
            return result.rowcount == 1

    def all(self) -> list[ApiKey]:
        """Every key, oldest first."""
        with self._database.read() as session:
            return [_record(row) for row in session.scalars(select(ApiKeyRow).order_by(ApiKeyRow.created_at))]


def _record(row: ApiKeyRow) -> ApiKey:
    return ApiKey(key_id=row.key_id, name=row.name, digest=row.digest, created_at=row.created_at,
                  revoked_at=row.revoked_at)
