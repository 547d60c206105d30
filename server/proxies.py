"""TRUSTED_PROXIES for the whole app: `request.remote_addr` and the scheme become the client's, by the one rule of
server/client_address.py (the right-most `X-Forwarded-For` entry no proxy of ours added, believed only from a
listed proxy), so the access log, metrics and everything else agree with identity and limits.

werkzeug's ProxyFix does the rewriting, told per request how many entries that rule believed: ProxyFix alone
would believe a fixed number of entries that any client can send.
"""
from __future__ import annotations

from typing import Any

from werkzeug.middleware.proxy_fix import ProxyFix

from server.client_address import Network, client_address, proxy_networks


def trusted_hops(environ: dict[str, Any], networks: tuple[Network, ...]) -> int:
    """How many `X-Forwarded-For` entries, counted from the right, lead to the client (0: the peer is the client)."""
    address = client_address(environ, networks)
    hops = [h.strip() for h in str(environ.get("HTTP_X_FORWARDED_FOR", "")).split(",") if h.strip()]
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
