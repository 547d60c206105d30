"""Prometheus metrics: `GET /metrics` in the text exposition format (needs a key where keys are required)."""
from __future__ import annotations

from flask import Blueprint, Response
from flask.typing import ResponseReturnValue

from server.api.edge import operation
from server.services import services
from telemetry.metrics import process_exposition

bp = Blueprint("metrics", __name__)


@bp.get("/metrics")
@operation(content={"text/plain": "Prometheus text exposition format"}, errors=(401,), tag="system")
def metrics() -> ResponseReturnValue:
    """This app's queue gauges and per-stage histograms, and the process's: HTTP requests, fallbacks, refusals,
    CPU, memory, file descriptors, GC."""
    body, content_type = services().metrics.exposition()
    return Response(body + process_exposition(), headers={"Content-Type": content_type})
