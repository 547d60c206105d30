"""Prometheus metrics: `GET /metrics` in the text exposition format."""
from __future__ import annotations

from flask import Blueprint, Response
from flask.typing import ResponseReturnValue

from server.api.edge import operation
from server.services import services

bp = Blueprint("metrics", __name__)


@bp.get("/metrics")
@operation(content={"text/plain": "Prometheus text exposition format"}, tag="system")
def metrics() -> ResponseReturnValue:
    """Queue gauges and per-stage latency histograms of this app."""
    body, content_type = services().metrics.exposition()
    return Response(body, headers={"Content-Type": content_type})
