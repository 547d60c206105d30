"""The operator's view: JSON logs with request and job ids, redaction, a quiet start, /livez vs /readyz, and the
process-wide metrics (default collectors, HTTP requests, fallbacks, refusals) beside the app's own."""
from __future__ import annotations

import json
import logging
import os
import secrets
import signal

import requests

from cli.cluster import free_port
from pipeline.metrics import PipelineMetrics
from server.shutdown import watch_sigterm
from store.keys import issue
from telemetry.metrics import serve_on_port
from store.api_keys import DatabaseKeyRepository
from telemetry.redact import redact
from tests.conftest import services_of, sse_events
from tests.fakes.base import refused_url
from tests.test_metrics import scrape

LOW_RES = {"avatar": "talk_long", "resolution": "360p"}


def json_lines(text: str) -> list[dict]:
    """The JSON log lines of captured stderr (other output is skipped)."""
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]


def test_a_turn_logs_json_lines_from_its_request_id_to_its_job_id(make_app, capfd):
    app = make_app(LOG_FORMAT="json")
    capfd.readouterr()
    response = app.test_client().post("/api/v2/lipsync", json={"text": "안녕하세요.", **LOW_RES},
                                      headers={"X-Request-ID": "turn-0001"})
    assert response.status_code == 200 and response.headers["X-Request-ID"] == "turn-0001"
    lines = json_lines(capfd.readouterr().err)
    queued = [line for line in lines if line.get("request_id") == "turn-0001" and line.get("job_id")]
    assert queued, lines
    job_id = queued[0]["job_id"]
    assert all({"time", "level", "logger", "message"} <= set(line) for line in lines)
    access = [line for line in lines if line["logger"] == "server.access" and line.get("request_id") == "turn-0001"]
    assert access and access[0]["route"] == "/api/v2/lipsync" and access[0]["status"] == 200
    assert any(line.get("job_id") == job_id and line.get("outcome") == "done" for line in lines)  # the summary


def test_request_ids_are_answered_and_forged_ones_replaced(client):
    fresh = client.get("/api/v2/status").headers["X-Request-ID"]
    assert len(fresh) == 32 and fresh != client.get("/api/v2/status").headers["X-Request-ID"]
    forged = client.get("/api/v2/status", headers={"X-Request-ID": 'a" level="ERROR'}).headers["X-Request-ID"]
    assert '"' not in forged and len(forged) == 32
    assert client.get("/nowhere", headers={"X-Request-ID": "abc-123"}).headers["X-Request-ID"] == "abc-123"


def test_credentials_never_reach_the_log(make_app, capfd):
    make_app(LOG_FORMAT="json")
    capfd.readouterr()
    logging.getLogger("tests").warning("connecting to %s with %s", "redis://:hunter2@cache:6379/0",
                                       "Authorization: Bearer sk-live-abcdef123456")
    text = capfd.readouterr().err
    assert "hunter2" not in text and "abcdef123456" not in text and "redis://:***@cache:6379/0" in text
    assert redact("postgresql://app:pw@db/x?sig=abc&exp=5") == "postgresql://app:***@db/x?sig=***&exp=5"


def test_start_up_is_quiet_at_info(make_app, capfd):
    capfd.readouterr()
    make_app(WARM_UP=False)
    text = capfd.readouterr().err
    assert "alembic" not in text.lower() and "Running upgrade" not in text
    assert len(text.splitlines()) <= 3, text


def test_livez_stays_up_and_readyz_serves_with_the_primary_llm_down(make_app):
    client = make_app(LLM_ENGINE="openai", LLM_API_URL=refused_url(), LLM_MODEL="qwen3").test_client()
    assert client.get("/livez").status_code == 200 and client.get("/livez").get_json() == {"status": "alive"}
    ready = client.get("/readyz")
    body = ready.get_json()
    assert ready.status_code == 200 and body["status"] == "ready" and body["health"] == "degraded"
    assert body["checks"]["llm_primary"] == "unhealthy" and body["checks"]["llm_scripted"] == "healthy"
    assert body["checks"]["database"] == "healthy"


def test_readyz_refuses_while_the_default_voice_is_down_but_livez_does_not(make_app):
    client = make_app(TTS_ENGINE="gpt_sovits", TTS_BASE_URL=refused_url(), WARM_UP=False,
                      GPT_SOVITS_REF_AUDIO="ref/voice.wav", GPT_SOVITS_PROMPT_TEXT="안녕하세요").test_client()
    ready = client.get("/readyz")
    assert ready.status_code == 503 and ready.get_json()["status"] == "not_ready"
    assert client.get("/livez").status_code == 200
    assert client.get("/api/health").status_code == 503  # the seeds' shape is kept: success false, data
    assert client.get("/api/health").get_json()["success"] is False


def test_metrics_have_process_http_and_refusal_figures(make_app):
    app = make_app(RATE_LIMIT="2/minute")
    client = app.test_client(use_cookies=False)  # one bucket: its address
    before = scrape(app)
    for _ in range(3):
        client.get("/api/avatars")
    after = scrape(app)
    assert "process_cpu_seconds_total" in after and "process_resident_memory_bytes" in after
    assert any(name.startswith("python_info") for name in after)
    ok = "avatar_http_requests_total{method=GET,route=/api/avatars,status=200}"
    assert after[ok] - before.get(ok, 0) == 2
    refused = "avatar_refusals_total{code=rate_limited,status=429}"
    assert after[refused] - before.get(refused, 0) == 1
    assert after["avatar_http_request_duration_seconds_count{method=GET,route=/api/avatars}"] >= 3
    assert after["avatar_queue_length"] == 0  # the app's own registry is still served


def test_llm_fallbacks_and_cooldowns_are_counted(make_app):
    app = make_app(LLM_ENGINE="openai", LLM_API_URL=refused_url(), LLM_MODEL="qwen3")
    before = scrape(app)
    assert app.test_client().post("/api/chat", json={"message": "안녕하세요", "history": []}).status_code == 200
    after = scrape(app)
    # the registry is the process's: other tests' engines have series of their own, which this turn must not move
    moved = {n: after[n] - before.get(n, 0) for n in after if n.startswith("avatar_llm_fallbacks_total")}
    assert {n: d for n, d in moved.items() if d} == {"avatar_llm_fallbacks_total{source=LLM API (qwen3)}": 1}
    cooldowns = [name for name in after if name.startswith("avatar_llm_cooldowns_total")]
    assert sum(after[n] - before.get(n, 0) for n in cooldowns) == 1


def test_metrics_need_a_key_where_keys_are_required_but_probes_and_docs_do_not(make_app):
    app = make_app(ALLOW_ANONYMOUS="false")
    client = app.test_client()
    refused = client.get("/metrics")
    assert refused.status_code == 401 and refused.get_json()["code"] == "unauthorized"
    key = issue(DatabaseKeyRepository(services_of(app).database), "prometheus")[1]
    assert client.get("/metrics", headers={"Authorization": f"Bearer {key}"}).status_code == 200
    for path in ("/livez", "/readyz", "/api/health", "/docs", "/redoc", "/api/openapi.json",
                 "/docs/assets/swagger-ui.css"):
        assert client.get(path).status_code == 200, path


def test_sigterm_ends_open_streams_with_an_error_event(make_app):
    app = make_app()
    previous = signal.signal(signal.SIGTERM, lambda *_: None)  # stands for gunicorn's own handler
    try:
        watch_sigterm(app)
        os.kill(os.getpid(), signal.SIGTERM)
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert app.extensions["shutdown"].is_set()
    events = sse_events(app.test_client().post("/api/v2/lipsync/stream", json={"text": "안녕하세요.", **LOW_RES}))
    last = events[-1]
    assert last["type"] == "error" and last["code"] == "shutting_down" and "shutting down" in last["message"]
    assert "resume_url" not in last  # the local backend's job ends with this process
    assert services_of(app).queue.snapshot()["processing_count"] == 0  # and was cancelled, not left running


def test_a_job_on_a_worker_outlives_the_stream_and_can_be_resumed(make_app, redis_url):
    app = make_app(JOB_BACKEND="redis", REDIS_URL=redis_url, REDIS_PREFIX=f"t{secrets.token_hex(6)}",
                   REDIS_LOCAL_WORKERS=0, SOCKETIO_QUEUE=False)  # no worker here: the job waits for one elsewhere
    services_of(app).queue.store.worker_heartbeat("a-worker-elsewhere")  # alive, so the turn is admitted
    app.extensions["shutdown"].set()
    events = sse_events(app.test_client().post("/api/v2/lipsync/stream", json={"text": "안녕하세요.", **LOW_RES}))
    last = events[-1]
    assert last["code"] == "shutting_down" and last["resume_url"] == f"/api/jobs/{last['request_id']}/events"
    store = services_of(app).queue.store
    assert store.exists(last["request_id"]) and not store.cancel_requested(last["request_id"])


def test_a_worker_serves_its_own_metrics(make_app):
    registry = PipelineMetrics().registry
    port = free_port()
    serve_on_port(registry, port, "127.0.0.1")
    text = requests.get(f"http://127.0.0.1:{port}/metrics", timeout=5).text
    assert "avatar_ttff_seconds_count 0.0" in text and "process_cpu_seconds_total" in text
