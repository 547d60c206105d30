"""One avatar as `/api/avatars` lists it (the seed's id/name/path plus resolution, display name, idle and listening loops)."""
from __future__ import annotations

from typing import Any

from avatars.store import AvatarInfo
from lipsync.blinks import idle_length
from lipsync.idle_clip import idle_url
from lipsync.listening import listening_url, nod_url


def avatar_entry(a: AvatarInfo) -> dict[str, Any]:
    """The JSON entry of one avatar."""
    return {"id": a.id, "name": a.id, "path": a.path, "base_name": a.name, "resolution": a.resolution,
            "display_name": a.display_name, "idle_url": idle_url(a.id), "idle_frames": idle_length(a.frame_count, a.fps),
            "fps": a.fps, "listening_url": listening_url(a.id), "nod_url": nod_url(a.id)}
