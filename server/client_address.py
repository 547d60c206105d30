"""The client's address: the peer's, or behind TRUSTED_PROXIES the last X-Forwarded-For hop no proxy of ours added.

Only a trusted proxy's word counts: a client that is not one may send any X-Forwarded-For it likes, so the
header is read from the right and the first address that is not a trusted proxy is the client.
"""
from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from typing import Any

from settings.rules import Network, proxy_networks

__all__ = ["Network", "client_address", "proxy_networks"]


def _trusted(address: str, proxies: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in proxies)


def client_address(environ: Mapping[str, Any], proxies: tuple[Network, ...]) -> str:
    """The address limits and anonymous ownership count by."""
    peer = str(environ.get("REMOTE_ADDR") or "unknown")
    if not proxies or not _trusted(peer, proxies):
        return peer
    hops = [h.strip() for h in str(environ.get("HTTP_X_FORWARDED_FOR", "")).split(",") if h.strip()]
    for hop in reversed(hops):
        if not _trusted(hop, proxies):
            return hop
    return hops[0] if hops else peer
