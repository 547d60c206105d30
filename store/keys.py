"""API keys: issued once in clear, stored only as a SHA-256 digest, looked up by their public id.

A key reads `iak_<key_id>_<secret>`; `key_id` is public (it names the owner in logs and lists), the
secret has 256 bits, so a plain SHA-256 is the right hash (no password stretching needed).
The repository is an interface (store/api_keys.py implements it on the database; tests may use any store).
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Protocol

KEY_PREFIX = "iak"
KEY_ID_BYTES = 6
KEY_SECRET_BYTES = 32


@dataclass(frozen=True)
class ApiKey:
    """One stored key: never the key itself, only its digest."""

    key_id: str
    name: str
    digest: str  # sha256 hex of the whole key
    created_at: datetime
    revoked_at: datetime | None = None

    @property
    def active(self) -> bool:
        """Not revoked."""
        return self.revoked_at is None


class KeyRepository(Protocol):
    """Where keys live (the database's `api_keys` table)."""

    def add(self, key: ApiKey) -> None:
        """Store a new key."""
        ...

    def get(self, key_id: str) -> ApiKey | None:
        """The key with this id, revoked or not."""
        ...

    def revoke(self, key_id: str, when: datetime) -> bool:
        """Mark a key revoked; False when there is no such active key."""
        ...

    def all(self) -> list[ApiKey]:
        """Every key, oldest first."""
        ...


def utc_now() -> datetime:
    """The current time, UTC, whole seconds."""
    return datetime.now(timezone.utc).replace(microsecond=0)


def digest(token: str) -> str:
    """The stored form of a key."""
    return hashlib.sha256(token.encode()).hexdigest()


def issue(repo: KeyRepository, name: str) -> tuple[ApiKey, str]:
    """Create and store a key; returns its record and the clear key (shown once, never stored)."""
    key_id = secrets.token_hex(KEY_ID_BYTES)
    token = f"{KEY_PREFIX}_{key_id}_{secrets.token_urlsafe(KEY_SECRET_BYTES)}"
    record = ApiKey(key_id=key_id, name=name, digest=digest(token), created_at=utc_now())
    repo.add(record)
    return record, token


def verify(repo: KeyRepository, token: str) -> ApiKey | None:
    """The active key `token` is, or None (malformed, unknown, revoked or wrong secret)."""
    parts = token.split("_", 2)
    if len(parts) != 3 or parts[0] != KEY_PREFIX:
        return None
    record = repo.get(parts[1])
    if record is None or not record.active or not hmac.compare_digest(record.digest, digest(token)):
        return None
    return record
