"""TRUSTED_PROXIES: behind reverse proxies the client's address is the right-most `X-Forwarded-For` entry that is
not itself a listed proxy — but only when the request really came from a listed proxy; anyone else's
X-Forwarded-* headers are ignored, so a client cannot choose its own rate-limit bucket or identity.

werkzeug's ProxyFix does the rewriting (`request.remote_addr`, the scheme), told per request how many hops to
trust: ProxyFix alone would believe a fixed number of entries that any client can send.
"""
from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from typing import Any

from werkzeug.middleware.proxy_fix import ProxyFix

from settings.rules import Network, proxy_networks


def _is_trusted(address: str | None, networks: Iterable[Network]) -> bool:
    try:
        ip = ipaddress.ip_address((address or "").strip())
    except ValueError:
        return False
    return any(ip in network for network in networks)


def trusted_hops(environ: dict[str, Any], networks: list[Network]) -> int:
    """How many `X-Forwarded-For` entries to believe: 0 unless the peer is a listed proxy; then one more for each
    listed proxy at the right end of the header (a chain of our own proxies)."""
    if not _is_trusted(environ.get("REMOTE_ADDR"), networks):
        return 0
    hops = [h.strip() for h in str(environ.get("HTTP_X_FORWARDED_FOR", "")).split(",") if h.strip()]
    count = 1
    while count < len(hops) and _is_trusted(hops[-count], networks):
        count += 1
    return count if hops else 0


class TrustedProxyFix:
    """WSGI middleware: ProxyFix over exactly the hops our own proxies added (X-Forwarded-Proto from the nearest)."""

    def __init__(self, app: Any, networks: list[Network]) -> None:
        self.direct = app
        self.networks = networks
        self._fixers: dict[int, ProxyFix] = {}

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        """Route the request through a ProxyFix for its trusted hops, or straight to the app."""
        hops = trusted_hops(environ, self.networks)
        if not hops:
            return self.direct(environ, start_response)
        fixer = self._fixers.get(hops)
        if fixer is None:  # one per hop count (a handful at most); a dict write needs no lock under the GIL
            fixer = self._fixers.setdefault(hops, ProxyFix(self.direct, x_for=hops, x_proto=1))
        return fixer(environ, start_response)


def trust_proxies(app: Any, setting: str) -> None:
    """Wrap the app's WSGI callable when TRUSTED_PROXIES lists any proxy."""
    networks = proxy_networks(setting)
    if networks:
        app.wsgi_app = TrustedProxyFix(app.wsgi_app, networks)
