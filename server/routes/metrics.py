"""Prometheus metrics: `GET /metrics` in the text exposition format (needs a key where keys are required)."""
from __future__ import annotations

from flask import Blueprint, Response
from flask.typing import ResponseReturnValue
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from server.api.edge import operation
from server.services import services
from telemetry.metrics import exposition

bp = Blueprint("metrics", __name__)


@bp.get("/metrics")
@operation(content={"text/plain": "Prometheus text exposition format"}, errors=(401,), tag="system")
def metrics() -> ResponseReturnValue:
    """This app's queue gauges and per-stage histograms, and the process's: HTTP requests, fallbacks, refusals,
    CPU, memory, file descriptors, GC."""
    return Response(exposition(services().metrics.registry), headers={"Content-Type": CONTENT_TYPE_LATEST})
