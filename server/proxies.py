"""TRUSTED_PROXIES: behind a reverse proxy the client's address is the proxy's `X-Forwarded-For` entry — but only
when the request really came from a listed proxy; anyone else's X-Forwarded-* headers are ignored.

werkzeug's ProxyFix does the rewriting (`request.remote_addr`, scheme); it is applied per request, for a peer in
the list only, since ProxyFix alone would believe a header any client can send.
"""
from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from typing import Any

from werkzeug.middleware.proxy_fix import ProxyFix

from settings.rules import Network, proxy_networks

PROXY_HOPS = 1  # the proxy nearest this server appends the client it saw; earlier entries are the client's word


def _is_trusted(address: str | None, networks: Iterable[Network]) -> bool:
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        return False
    return any(ip in network for network in networks)


class TrustedProxyFix:
    """WSGI middleware: ProxyFix (X-Forwarded-For and -Proto, one hop) for requests from a trusted proxy."""

    def __init__(self, app: Any, networks: list[Network]) -> None:
        self.direct = app
        self.proxied = ProxyFix(app, x_for=PROXY_HOPS, x_proto=PROXY_HOPS)
        self.networks = networks

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        """Route the request through ProxyFix only when its peer is a listed proxy."""
        if _is_trusted(environ.get("REMOTE_ADDR"), self.networks):
            return self.proxied(environ, start_response)
        return self.direct(environ, start_response)


def trust_proxies(app: Any, setting: str) -> None:
    """Wrap the app's WSGI callable when TRUSTED_PROXIES lists any proxy."""
    networks = proxy_networks(setting)
    if networks:
        app.wsgi_app = TrustedProxyFix(app.wsgi_app, networks)
