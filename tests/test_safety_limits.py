"""Fair limits: request rates per client on every endpoint (chat included), on sockets too, and the health report."""
from __future__ import annotations

from store.keys import issue
from store.api_keys import DatabaseKeyRepository
from tests.conftest import services_of
from tests.fakes.base import refused_url


def keyed_clients(app, count: int):
    repo = DatabaseKeyRepository(services_of(app).database)
    return [(app.test_client(), {"Authorization": f"Bearer {issue(repo, f'client {i}')[1]}"}) for i in range(count)]


def test_request_rates_are_limited_per_client_with_retry_after(make_app):
    app = make_app(RATE_LIMIT="5/minute", RATE_LIMIT_GENERATE="2/minute")
    (flooder, f_auth), (other, o_auth) = keyed_clients(app, 2)
    answers = [flooder.post("/api/chat", json={"message": "안녕하세요", "history": []}, headers=f_auth)
               for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 429]
    refused = answers[-1]
    assert refused.get_json()["success"] is False and "2 per 1 minute" in refused.get_json()["error"]
    assert int(refused.headers["Retry-After"]) >= 1
    assert other.post("/api/chat", json={"message": "안녕하세요", "history": []}, headers=o_auth).status_code == 200
    statuses = [flooder.get("/api/avatars", headers=f_auth).status_code for _ in range(4)]
    assert statuses[-1] == 429 and 200 in statuses  # the general limit counts every endpoint
    assert all(flooder.get("/api/health").status_code == 200 for _ in range(8))  # never limited


def test_socket_generate_is_rate_limited_and_always_acked(make_app):
    app = make_app(RATE_LIMIT_GENERATE="2/minute", MAX_JOBS_PER_CLIENT=10)
    socket = app.extensions["socketio"].test_client(app, flask_test_client=app.test_client())
    acks = [socket.emit("generate", {"text": "안녕하세요.", "resolution": "360p"}, callback=True) for _ in range(3)]
    assert [a["accepted"] for a in acks] == [True, True, False]
    assert "rate limit" in acks[-1]["error"]
    socket.emit("cancel", {})
    socket.disconnect()


def test_health_reports_every_component_with_latency_and_is_cached(client):
    first = client.get("/api/health")
    body = first.get_json()
    assert first.status_code == 200 and body["success"] is True
    data = body["data"]
    assert data["status"] == "healthy" and data["backend"] == data["llm"] == data["tts"] == "healthy"
    assert {"llm_primary", "tts_espeak", "lipsync", "queue"} <= set(data["components"])
    assert all(isinstance(c["latency_ms"], float) for c in data["components"].values())
    assert data["components"]["lipsync"]["models_loaded"] is True and data["timestamp"].endswith("Z")
    assert client.get("/api/health").get_json()["data"] == data  # served from the cache within HEALTH_CACHE_S


def test_health_degrades_with_the_primary_llm_down(make_app):
    app = make_app(LLM_ENGINE="openai", LLM_API_URL=refused_url(), LLM_MODEL="qwen3")
    data = app.test_client().get("/api/health").get_json()["data"]
    assert data["status"] == "degraded" and data["llm"] == "degraded"
    assert data["components"]["llm_primary"]["status"] == "unhealthy"
    assert data["components"]["llm_scripted"]["status"] == "healthy"
