"""API keys: issued once in clear, stored only as a SHA-256 digest, looked up by their public id.

A key reads `iak_<key_id>_<secret>`; `key_id` is public (it names the owner in logs and lists), the
secret has 256 bits, so a plain SHA-256 is the right hash (no password stretching needed).
The repository is an interface so the file store can give way to the database without touching callers.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import tempfile
import threading
from dataclasses import asdict, dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Protocol

KEY_PREFIX = "iak"
KEY_ID_BYTES = 6
KEY_SECRET_BYTES = 32


@dataclass(frozen=True)
class ApiKey:
    """One stored key: never the key itself, only its digest."""

    key_id: str
    name: str
    digest: str  # sha256 hex of the whole key
    created_at: str
    revoked_at: str | None = None

    @property
    def active(self) -> bool:
        """Not revoked."""
        return self.revoked_at is None


class KeyRepository(Protocol):
    """Where keys live (a JSON file now; the database's `api_keys` table when it lands)."""

    def add(self, key: ApiKey) -> None:
        """Store a new key."""
        ...

    def get(self, key_id: str) -> ApiKey | None:
        """The key with this id, revoked or not."""
        ...

    def revoke(self, key_id: str, when: str) -> bool:
        """Mark a key revoked; False when there is no such active key."""
        ...

    def all(self) -> list[ApiKey]:
        """Every key, oldest first."""
        ...


def now_iso() -> str:
    """The current UTC time as ISO 8601 seconds."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def digest(token: str) -> str:
    """The stored form of a key."""
    return hashlib.sha256(token.encode()).hexdigest()


def issue(repo: KeyRepository, name: str) -> tuple[ApiKey, str]:
    """Create and store a key; returns its record and the clear key (shown once, never stored)."""
    key_id = secrets.token_hex(KEY_ID_BYTES)
    token = f"{KEY_PREFIX}_{key_id}_{secrets.token_urlsafe(KEY_SECRET_BYTES)}"
    record = ApiKey(key_id=key_id, name=name, digest=digest(token), created_at=now_iso())
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


def key_repository(config: Any) -> KeyRepository:
    """The configured key store."""
    return FileKeyRepository(config.API_KEYS_FILE)


class FileKeyRepository:
    """Keys in one JSON file, written atomically; re-read when it changed, so revocations apply at once."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._lock = threading.Lock()
        self._cache: tuple[float, dict[str, ApiKey]] | None = None

    def add(self, key: ApiKey) -> None:
        """Store a new key."""
        with self._lock:
            keys = self._load()
            keys[key.key_id] = key
            self._save(keys)

    def get(self, key_id: str) -> ApiKey | None:
        """The key with this id, revoked or not."""
        with self._lock:
            return self._load().get(key_id)

    def revoke(self, key_id: str, when: str) -> bool:
        """Mark a key revoked; False when there is no such active key."""
        with self._lock:
            keys = self._load()
            key = keys.get(key_id)
            if key is None or not key.active:
                return False
            keys[key_id] = replace(key, revoked_at=when)
            self._save(keys)
            return True

    def all(self) -> list[ApiKey]:
        """Every key, oldest first."""
        with self._lock:
            return sorted(self._load().values(), key=lambda k: k.created_at)

    def _load(self) -> dict[str, ApiKey]:
        try:
            mtime = self._path.stat().st_mtime_ns
        except FileNotFoundError:
            return {}
        if self._cache is None or self._cache[0] != mtime:
            rows = json.loads(self._path.read_text(encoding="utf-8"))
            self._cache = (mtime, {row["key_id"]: ApiKey(**row) for row in rows})
        return dict(self._cache[1])

    def _save(self, keys: dict[str, ApiKey]) -> None:
        self._path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self._path.parent, prefix=".api_keys.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump([asdict(k) for k in keys.values()], f, indent=1)
        os.chmod(tmp, 0o600)
        os.replace(tmp, self._path)
        self._cache = None
