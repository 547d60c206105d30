"""Every request gets an id (the client's `X-Request-ID` when it is sane, else a new one), answered in the same
header and put on every log line written while it is served; it ends with one access line and its HTTP metrics
(count and latency by route template and status). This access line replaces gunicorn's: it carries the request id,
speaks JSON with LOG_FORMAT=json, and names the route template, so no id or link signature is logged."""
from __future__ import annotations

import logging
import re
import time
import uuid

from flask import Flask, Response, g, request

from telemetry import context, metrics

log = logging.getLogger("server.access")

HEADER = "X-Request-ID"
_SANE_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")  # a proxy's id (uuid, hex, …); anything else could forge log lines
PROBE_ROUTES = frozenset({"/livez", "/readyz", "/api/health", "/metrics"})  # polled: their access lines are DEBUG
UNMATCHED = "<unmatched>"  # the route label of 404s: one series, whatever paths scanners try


def incoming_id() -> str:
    """The client's or proxy's request id when it is a plain token, else a fresh one."""
    given = request.headers.get(HEADER, "")
    return given if _SANE_ID.fullmatch(given) else uuid.uuid4().hex


def register_request_log(app: Flask) -> None:
    """Request ids in and out, one access line per request, HTTP request metrics."""

    @app.before_request
    def _start() -> None:
        g.request_started = time.monotonic()
        g.request_id_token = context.request_id.set(incoming_id())

    @app.after_request
    def _finish(response: Response) -> Response:
        request_id = context.request_id.get()
        if request_id:
            response.headers[HEADER] = request_id
        started = g.get("request_started")
        if started is None:
            return response
        seconds = time.monotonic() - started
        route = request.url_rule.rule if request.url_rule is not None else UNMATCHED
        metrics.http_requests.labels(request.method, route, str(response.status_code)).inc()
        metrics.http_latency.labels(request.method, route).observe(seconds)
        # the route template, never the path: session ids and signed links in paths are secrets (docs/security.md)
        log.log(logging.DEBUG if route in PROBE_ROUTES else logging.INFO, "%s %s %d %.1f ms", request.method,
                route, response.status_code, seconds * 1000,
                extra={"method": request.method, "route": route, "status": response.status_code,
                       "client": request.remote_addr})
        return response

    @app.teardown_request
    def _forget(_error: BaseException | None) -> None:
        token = g.pop("request_id_token", None)
        if token is not None:
            try:
                context.request_id.reset(token)
            except ValueError:  # set in another context (a streamed response's generator): just clear it
                context.request_id.set(None)
