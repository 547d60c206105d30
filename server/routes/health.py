"""Health for three readers: `GET /livez` (is the process serving HTTP: a liveness probe), `GET /readyz` (can it
serve a turn now: a readiness probe) and `GET /api/health` (the sibling seeds' body: backend, llm, tts, … +
timestamp, with every component).

/livez checks nothing else on purpose: a primary LLM that is down must not get a healthy pod restarted."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, jsonify
from flask.typing import ResponseReturnValue
from sqlalchemy import text

from server.api.edge import operation
from server.health import DEGRADED, HEALTHY, UNHEALTHY, Component, HealthReport, Probe
from server.schemas.system import Liveness, Readiness
from server.schemas.uploads import HealthEnvelope
from llm.base import ChatEngine
from runtime.services import Services
from server.services import services

bp = Blueprint("health", __name__)
REPORT_KEY = "health_report"
REDIS_TIMEOUT_S = 0.5  # s: a Redis that does not answer a PING in this is unhealthy


@bp.get("/api/health")
@operation(HealthEnvelope, errors=(503,), tag="system")
def health() -> ResponseReturnValue:
    """Overall status and each component with its latency; 503 when the server cannot serve turns."""
    body = _report().current()
    healthy = body["status"] != UNHEALTHY
    return jsonify(success=healthy, data=body), 200 if healthy else 503


@bp.get("/livez")
@operation(Liveness, tag="system")
def livez() -> ResponseReturnValue:
    """The process answers HTTP (a liveness probe: nothing else is checked)."""
    return jsonify(status="alive")


@bp.get("/readyz")
@operation(Readiness, errors=(503,), tag="system")
def readyz() -> ResponseReturnValue:
    """Whether a turn can be served now: an LLM that answers (a fallback counts), the default voice, the lipsync
    engine (or live workers), the database and Redis; 503 while not (a readiness probe)."""
    body = _report().current()
    ready = body["status"] != UNHEALTHY
    checks = {name: component["status"] for name, component in body["components"].items()}
    return jsonify(status="ready" if ready else "not_ready", health=body["status"], checks=checks), \
        200 if ready else 503


def _report() -> HealthReport:
    """This app's cached health report (built on first use)."""
    report = current_app.extensions.get(REPORT_KEY)
    if report is None:
        s = services()
        report = current_app.extensions.setdefault(REPORT_KEY, HealthReport(components(s), s.config.HEALTH_CACHE_S))
    return report


def components(s: Services) -> list[Component]:
    """What to check in this configuration."""
    chain = s.llm_chain.engines
    found = [Component(_llm_name(i, len(chain)), "llm", _llm_probe(s, engine), critical=len(chain) == 1)
             for i, engine in enumerate(chain)]
    found += [Component(f"tts_{name}", "tts", _tts_probe(s, name), critical=name == s.tts.default_engine)
              for name in s.tts.names()]
    found.append(Component("lipsync", "lipsync", lambda: _lipsync(s)))
    found.append(Component("queue", "queue", lambda: _queue(s.queue.snapshot()), critical=False))
    found.append(Component("database", "database", lambda: _database(s.database)))
    if s.config.JOB_BACKEND == "redis":
        found.append(Component("redis", "redis", lambda: _redis(s.config.REDIS_URL)))
    return found


def _llm_name(index: int, count: int) -> str:
    """The chain is primary → (remote fallback) → scripted."""
    return "llm_primary" if index == 0 else "llm_scripted" if index == count - 1 else "llm_fallback"


def _llm_probe(s: Services, engine: ChatEngine) -> Probe:
    def probe() -> tuple[str, dict[str, Any]]:
        cooling = engine.source in s.llm_chain.cooling_down()
        online = engine.status() == "online"
        status = HEALTHY if online and not cooling else DEGRADED if online else UNHEALTHY
        return status, {"source": engine.source, "cooldown": cooling}
    return probe


def _tts_probe(s: Services, name: str) -> Probe:
    def probe() -> tuple[str, dict[str, Any]]:
        status = s.tts.engines[name].status()
        if status is None:  # a hosted API without a cheap probe: configured is all we know
            return HEALTHY, {"probed": False}
        return (HEALTHY if status == "online" else UNHEALTHY), {"probed": True}
    return probe


def _lipsync(s: Services) -> tuple[str, dict[str, Any]]:
    """Loaded here, or (a cluster's web process) rendered by live workers."""
    loaded = s.models_loaded()
    detail: dict[str, Any] = {"engine": s.lipsync.name, "models_loaded": loaded}
    if s.config.JOB_BACKEND == "redis":
        detail["workers"] = s.queue.snapshot()["max_concurrent"]
    return (HEALTHY if loaded else UNHEALTHY), detail


def _queue(snapshot: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    capacity = snapshot["max_concurrent"] + snapshot["max_queue"]
    active = snapshot["processing_count"] + snapshot["queue_length"] + snapshot.get("preparing_count", 0)
    return (DEGRADED if active >= capacity else HEALTHY), {"active": active, "capacity": capacity}


def _database(database: Any) -> tuple[str, dict[str, Any]]:
    """One `SELECT 1` (a database error is an unhealthy component, see HealthReport)."""
    with database.read() as session:
        session.execute(text("SELECT 1"))
    return HEALTHY, {}


def _redis(url: str) -> tuple[str, dict[str, Any]]:
    import redis  # noqa: PLC0415 - only with REDIS_URL

    redis.Redis.from_url(url, socket_timeout=REDIS_TIMEOUT_S, socket_connect_timeout=REDIS_TIMEOUT_S).ping()
    return HEALTHY, {}
