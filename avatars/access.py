"""Which avatars a caller may list, preview and use: the operator's, shared uploads and its own uploads.

Another identity's private upload is not found (404), wherever it is named: the list, a still, an idle
loop, a turn, a session or a character (docs/security.md). `owners`: the owners whose things the caller may use
(the web edge reads them from the request: `server.identity.caller_owners`).
"""
from __future__ import annotations

from avatars.store import AvatarInfo, AvatarNotFound, AvatarStore
from avatars.upload_space import mark_used


def visible_avatars(store: AvatarStore, owners: frozenset[str]) -> list[AvatarInfo]:
    """The catalogue as this caller sees it."""
    listed = [a for a in store.list() if a.visible_to(owners)]
    mark_used(store, [a for a in listed if a.owner in owners])  # the owner is active: its uploads stay
    return listed


def require_visible(store: AvatarStore, avatar_id: str, owners: frozenset[str]) -> str:
    """`avatar_id` when this caller may use it; AvatarNotFound otherwise (as if it did not exist)."""
    info = store.info(avatar_id)
    if not info.public and not info.visible_to(owners):  # public ones need no identity (still, idle)
        raise AvatarNotFound(f"avatar {avatar_id!r} not found")
    mark_used(store, [info])
    return avatar_id
