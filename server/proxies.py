"""The client's address, and TRUSTED_PROXIES for the whole app.

The rule: the peer's address, or behind TRUSTED_PROXIES the right-most `X-Forwarded-For` hop no proxy of ours
added. Only a trusted proxy's word counts: a client that is not one may send any X-Forwarded-For it likes, so the
header is read from the right and the first address that is not a trusted proxy is the client. Identity and limits
read it (`client_address`); `request.remote_addr` and the scheme become the client's by the same rule
(`trust_proxies`), so the access log, metrics and everything else agree with them.

werkzeug's ProxyFix does the rewriting, told per request how many entries the rule believed: ProxyFix alone
would believe a fixed number of entries that any client can send.
"""
from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from typing import Any

from werkzeug.middleware.proxy_fix import ProxyFix

from settings.rules import Network, proxy_networks

__all__ = ["Network", "TrustedProxyFix", "client_address", "proxy_networks", "trust_proxies", "trusted_hops"]


def _trusted(address: str, proxies: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in proxies)


def _forwarded_hops(environ: Mapping[str, Any]) -> list[str]:
    """The `X-Forwarded-For` entries, left to right."""
    return [h.strip() for h in str(environ.get("HTTP_X_FORWARDED_FOR", "")).split(",") if h.strip()]


def client_address(environ: Mapping[str, Any], proxies: tuple[Network, ...]) -> str:
    """The address limits and anonymous ownership count by."""
    peer = str(environ.get("REMOTE_ADDR") or "unknown")
    if not proxies or not _trusted(peer, proxies):
        return peer
    hops = _forwarded_hops(environ)
    for hop in reversed(hops):
        if not _trusted(hop, proxies):
            return hop
    return hops[0] if hops else peer


def trusted_hops(environ: dict[str, Any], networks: tuple[Network, ...]) -> int:
    """How many `X-Forwarded-For` entries, counted from the right, lead to the client (0: the peer is the client)."""
    address = client_address(environ, networks)
    hops = _forwarded_hops(environ)
    if address == environ.get("REMOTE_ADDR") or address not in hops:
        return 0
    return len(hops) - max(i for i, hop in enumerate(hops) if hop == address)


class TrustedProxyFix:
    """WSGI middleware: ProxyFix over exactly the hops our own proxies added (X-Forwarded-Proto from the nearest)."""

    def __init__(self, app: Any, networks: tuple[Network, ...]) -> None:
        self.direct = app
        self.networks = networks
        self._fixers: dict[int, ProxyFix] = {}

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        """Route the request through a ProxyFix for its trusted hops, or straight to the app."""
        hops = trusted_hops(environ, self.networks)
        if not hops:
            return self.direct(environ, start_response)
        fixer = self._fixers.get(hops)
        if fixer is None:  # one per hop count (a handful at most)
            fixer = self._fixers.setdefault(hops, ProxyFix(self.direct, x_for=hops, x_proto=1))
        return fixer(environ, start_response)


def trust_proxies(app: Any, setting: str) -> None:
    """Wrap the app's WSGI callable when TRUSTED_PROXIES lists any proxy."""
    networks = proxy_networks(setting)
    if networks:
        app.wsgi_app = TrustedProxyFix(app.wsgi_app, networks)
