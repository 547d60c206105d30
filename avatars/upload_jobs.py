"""What an avatar job is: the avatar to be made from an upload, and where making it stands.

The backends that run the jobs and the events they send are jobs/avatar_jobs.py (local) and
jobs/redis_avatar_jobs.py (Redis).
"""
from __future__ import annotations

import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

JOB_FIELDS = ("name", "display_name", "owner", "options", "sid", "id", "created")  # what crosses a process


@dataclass
class AvatarJob:
    """One avatar being made from an upload."""

    name: str  # avatar base name it will have
    display_name: str
    owner: str
    upload_dir: Path  # removed when the job ends
    source: Path
    options: dict[str, Any] = field(default_factory=dict)
    sid: str | None = None  # Socket.IO client that hears `progress`
    id: str = field(default_factory=lambda: secrets.token_hex(16))
    status: str = "queued"
    progress: int = 0
    current_step: str = "waiting for the worker"
    result_url: str | None = None
    error: str | None = None
    created: float = field(default_factory=time.time)

    def to_json(self) -> dict[str, Any]:
        """What a worker in another process needs to run the job (JSON)."""
        return {**{name: getattr(self, name) for name in JOB_FIELDS}, "upload_dir": str(self.upload_dir),
                "source": str(self.source)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "AvatarJob":
        """Rebuild a job written by `to_json`."""
        return cls(**{name: data[name] for name in JOB_FIELDS}, upload_dir=Path(data["upload_dir"]),
                   source=Path(data["source"]))

    def advance(self, status: str, progress: int, step: str) -> None:
        """Move to a new state (progress never goes back)."""
        self.status, self.progress, self.current_step = status, max(self.progress, progress), step
