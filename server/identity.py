"""Who is asking: the owner recorded on characters and uploaded avatars.

There is no authentication yet (the avatar-forge seed runs with user_id "anonymous"); an authentication
layer sets `g.owner` in a before_request hook and everything owned follows it.
"""
from __future__ import annotations

from flask import g

ANONYMOUS = "anonymous"


def request_owner() -> str:
    """The identity on `g.owner`, else the seed's anonymous user."""
    return str(g.get("owner") or ANONYMOUS)
