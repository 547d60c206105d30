"""The proxy-aware edge: TRUSTED_PROXIES, CORS preflights for every method, 405 with Allow, error codes, and the
avatar-job routes that no longer shadow an avatar named `jobs`."""
from __future__ import annotations

import pytest

from settings import ConfigError
from runtime.config import Config
from tests.conftest import sse_events, wait_until
from tests.fakes.base import refused_url

PROXY = "10.0.0.5"


def avatars(client, peer: str, forwarded: str | None = None):
    """GET /api/avatars from `peer` (the TCP address), with an X-Forwarded-For when given."""
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    return client.get("/api/avatars", headers=headers, environ_base={"REMOTE_ADDR": peer})


def test_clients_behind_a_trusted_proxy_get_their_own_buckets(make_app):
    client = make_app(TRUSTED_PROXIES=f"{PROXY}, 192.168.0.0/16", RATE_LIMIT="2/minute").test_client(use_cookies=False)
    alice = [avatars(client, PROXY, "203.0.113.1").status_code for _ in range(3)]
    bob = [avatars(client, PROXY, "198.51.100.2").status_code for _ in range(2)]
    assert alice == [200, 200, 429] and bob == [200, 200]
    assert avatars(client, "192.168.4.4", "198.51.100.3").status_code == 200  # a proxy in a listed network


def test_a_chain_of_trusted_proxies_finds_the_client_and_a_forged_left_part_changes_nothing(make_app):
    client = make_app(TRUSTED_PROXIES=f"{PROXY}, 10.9.0.0/16", RATE_LIMIT="2/minute").test_client(use_cookies=False)
    # CDN (10.9.0.7) → our proxy (PROXY) → app; the client wrote a fake first entry itself each time
    codes = [avatars(client, PROXY, f"198.18.0.{i}, 203.0.113.50, 10.9.0.7").status_code for i in range(3)]
    assert codes == [200, 200, 429]  # one client, 203.0.113.50, whatever it forged on the left
    assert avatars(client, PROXY, "203.0.113.51, 10.9.0.7").status_code == 200


def test_an_untrusted_x_forwarded_for_is_ignored(make_app):
    client = make_app(TRUSTED_PROXIES=PROXY, RATE_LIMIT="2/minute").test_client(use_cookies=False)
    spoofed = [avatars(client, "198.51.100.9", f"203.0.113.{i}").status_code for i in range(3)]
    assert spoofed == [200, 200, 429]  # one bucket: its own address, whatever it claims
    assert avatars(client, PROXY, "203.0.113.77").status_code == 200  # a client behind the proxy: its own bucket


def test_without_trusted_proxies_forwarded_headers_change_nothing(make_app):
    client = make_app(RATE_LIMIT="1/minute").test_client(use_cookies=False)
    assert avatars(client, PROXY, "203.0.113.1").status_code == 200
    assert avatars(client, PROXY, "203.0.113.2").status_code == 429


def test_trusted_proxies_must_be_addresses():
    with pytest.raises(ConfigError, match="TRUSTED_PROXIES"):
        Config.load({"TRUSTED_PROXIES": "proxy.internal"})


@pytest.mark.parametrize("method", ["PUT", "DELETE"])
def test_preflights_allow_every_method_the_api_uses(make_app, method):
    client = make_app(CORS_ORIGINS="https://interview.example").test_client()
    preflight = client.options("/api/characters/abc", headers={
        "Origin": "https://interview.example", "Access-Control-Request-Method": method,
        "Access-Control-Request-Headers": "authorization, content-type"})
    assert preflight.status_code == 200
    assert preflight.headers["Access-Control-Allow-Origin"] == "https://interview.example"
    assert method in preflight.headers["Access-Control-Allow-Methods"]
    assert {"authorization", "content-type"} <= {h.strip().lower() for h in
                                                 preflight.headers["Access-Control-Allow-Headers"].split(",")}


def test_cross_origin_answers_expose_retry_after_and_the_request_id(make_app):
    client = make_app(CORS_ORIGINS="https://interview.example").test_client()
    answer = client.get("/api/v2/status", headers={"Origin": "https://interview.example"})
    exposed = {h.strip().lower() for h in answer.headers["Access-Control-Expose-Headers"].split(",")}
    assert {"retry-after", "x-request-id"} <= exposed


def test_method_not_allowed_names_the_allowed_methods(client):
    answer = client.delete("/api/v2/status")
    assert answer.status_code == 405
    assert set(answer.headers["Allow"].replace(" ", "").split(",")) >= {"GET", "HEAD", "OPTIONS"}
    assert answer.get_json() == {"success": False, "error": answer.get_json()["error"], "code": "method_not_allowed"}
    assert answer.mimetype == "application/json"


def test_errors_carry_a_stable_code(make_app):
    client = make_app().test_client()
    assert client.get("/api/sessions/nope").get_json()["code"] == "not_found"
    assert client.post("/api/v2/tts", json={}).get_json()["code"] == "bad_request"
    assert client.get("/no/such/path").get_json()["code"] == "not_found"
    down = make_app(TTS_ENGINE="gpt_sovits", TTS_BASE_URL=refused_url(), WARM_UP=False,
                    GPT_SOVITS_REF_AUDIO="ref/voice.wav", GPT_SOVITS_PROMPT_TEXT="안녕하세요").test_client()
    engine = down.post("/api/v2/tts", json={"text": "안녕하세요."})
    assert engine.status_code == 503 and engine.get_json()["code"] == "engine_unavailable"


def test_stream_and_socket_errors_carry_the_code_too(make_app):
    app = make_app(TTS_ENGINE="gpt_sovits", TTS_BASE_URL=refused_url(), WARM_UP=False,
                   GPT_SOVITS_REF_AUDIO="ref/voice.wav", GPT_SOVITS_PROMPT_TEXT="안녕하세요")
    events = sse_events(app.test_client().post("/api/v2/lipsync/stream", json={"text": "안녕하세요.",
                                                                              "resolution": "360p"}))
    assert events[-1]["type"] == "error" and events[-1]["code"] == "engine_unavailable"
    socket = app.extensions["socketio"].test_client(app, flask_test_client=app.test_client())
    assert socket.emit("generate", {"text": "안녕하세요.", "resolution": "360p"}, callback=True)["accepted"]
    received: list[dict] = []
    wait_until(lambda: received.extend(socket.get_received()) or any(m["name"] == "error" for m in received),
               what="an error event")
    error = next(m["args"][0] for m in received if m["name"] == "error")
    assert error["code"] == "engine_unavailable" and "request_id" in error
    socket.disconnect()


def test_an_avatar_named_jobs_keeps_its_still(client):
    still = client.get("/api/avatars/jobs/still.jpg")  # the avatar "jobs", not a job called still.jpg
    assert still.status_code == 404 and "avatar" in still.get_json()["error"].lower()
    job = client.get("/api/avatars/jobs/0123456789abcdef0123456789abcdef")
    assert job.status_code == 404 and "avatar job" in job.get_json()["error"]
    assert client.get("/api/generate/status/0123456789abcdef").status_code == 404


def test_the_document_has_query_parameters_security_and_typed_paths(client):
    document = client.get("/api/openapi.json").get_json()
    assert document["components"]["securitySchemes"]["bearerAuth"] == {
        "type": "http", "scheme": "bearer", "description": document["components"]["securitySchemes"]["bearerAuth"]
        ["description"]}
    assert {"bearerAuth": []} in document["security"]
    paths = document["paths"]

    def params(path: str, where: str) -> dict[str, dict]:
        return {p["name"]: p for p in paths[path]["get"].get("parameters", []) if p["in"] == where}

    assert params("/api/sessions/{session_id}/messages", "query")["limit"]["schema"]["type"] == "integer"
    assert "last_event_id" in params("/api/jobs/{request_id}/events", "query")
    assert {"exp", "sig"} <= set(params("/video/{name}", "query")) and "sig" in params("/assets/audio/{name}", "query")
    assert params("/api/avatars/jobs/{job_id}", "path")["job_id"]["schema"]["pattern"].startswith("^[0-9A-Fa-f")
    assert paths["/livez"]["get"]["security"] == [] and paths["/docs"]["get"]["security"] == []
    assert "security" not in paths["/api/v2/status"]["get"]  # the document's default: a key (or none, on loopback)
