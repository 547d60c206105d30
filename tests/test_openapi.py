"""The OpenAPI document: valid 3.1, every route described, the models' limits, stream and Socket.IO events."""
from __future__ import annotations

from openapi_spec_validator import validate
from openapi_spec_validator.versions import consts as spec_versions
from openapi_spec_validator.versions.shortcuts import get_spec_version

from server.api.document import documented_rules
from server.schemas.events import SOCKET_OUT


def test_the_document_is_valid_openapi_3_1(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    document = response.get_json()
    assert get_spec_version(document) == spec_versions.OPENAPIV31
    validate(document)


def test_every_route_and_method_is_described(app):
    undocumented = [f"{method} {rule}" for rule, method, op in documented_rules(app) if op is None]
    assert undocumented == [], f"add @operation(...) to: {undocumented}"
    paths = app.test_client().get("/api/openapi.json").get_json()["paths"]
    for path in ("/api/v2/status", "/api/chat", "/api/chat/stream", "/api/v2/tts", "/api/v2/lipsync",
                 "/api/v2/lipsync/stream", "/api/v2/chat_and_lipsync", "/api/v2/chat_and_lipsync/stream",
                 "/api/avatars", "/api/tts_engines", "/api/llm_status", "/api/clear_history", "/api/queue_status",
                 "/api/cancel", "/video/{name}", "/assets/audio/{name}"):
        assert path in paths, path


def test_text_limits_follow_the_configuration(make_app):
    document = make_app(MAX_TEXT_CHARS=77).test_client().get("/api/openapi.json").get_json()
    text = document["components"]["schemas"]["LipsyncRequest"]["properties"]["text"]
    assert text["maxLength"] == 77 and text["minLength"] == 1


def test_streams_and_socket_events_are_schemas(client):
    document = client.get("/api/openapi.json").get_json()
    schemas = document["components"]["schemas"]

    def event_kinds(path: str) -> set[str]:
        message = document["paths"][path]["post"]["responses"]["200"]["content"]["text/event-stream"]["schema"]
        data = message["properties"]["data"]
        assert data["contentMediaType"] == "application/json"
        return set(schemas[data["contentSchema"]["$ref"].rsplit("/", 1)[1]]["discriminator"]["mapping"])

    assert event_kinds("/api/v2/chat_and_lipsync/stream") == event_kinds("/api/v2/lipsync/stream") == {
        "status", "token", "llm_done", "segment", "queue_position", "done", "error", "cancelled"}
    assert event_kinds("/api/chat/stream") == {"token", "done", "error"}
    sockets = document["x-socketio"]
    assert set(sockets["client_to_server"]) == {"generate", "cancel"}
    assert set(sockets["server_to_client"]) == set(SOCKET_OUT) >= {
        "progress", "generation_complete", "error", "queue_position"}
    for ref in (sockets["client_to_server"]["generate"]["payload"], *sockets["server_to_client"].values()):
        assert ref["$ref"].rsplit("/", 1)[1] in schemas


def test_error_answers_are_documented_with_the_error_shape(client):
    document = client.get("/api/openapi.json").get_json()
    lipsync = document["paths"]["/api/v2/lipsync"]["post"]["responses"]
    assert {"400", "404", "409", "413", "503"} <= set(lipsync)
    assert lipsync["400"]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorBody")
    assert "Retry-After" in lipsync["503"]["headers"]


def test_docs_pages_load_only_local_files(client):
    for page in ("/docs", "/redoc"):
        html = client.get(page).get_data(as_text=True)
        assert "/api/openapi.json" in html and "http://" not in html and "https://" not in html
    for asset in ("swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js", "redoc.standalone.js"):
        response = client.get(f"/docs/assets/{asset}")
        assert response.status_code == 200 and len(response.data) > 10_000
    assert client.get("/docs/assets/..%2F__init__.py").status_code == 404


def test_answers_schemathesis_found_undocumented_are_described(client):
    """Each answer's status and media type is one the document lists for its operation (found by fuzzing)."""
    paths = client.get("/api/openapi.json").get_json()["paths"]
    for method, url, path in (("get", "/api/avatars/한국어 여성/still.jpg", "/api/avatars/{name}/still.jpg"),
                              ("delete", "/api/avatars/한국어 여성", "/api/avatars/{name}"),
                              ("get", "/api/interview/report/schema", "/api/interview/report/schema"),
                              ("get", "/api/openapi.json", "/api/openapi.json")):  # schemathesis never calls it
        response = client.open(url, method=method.upper())
        documented = paths[path][method]["responses"]
        assert str(response.status_code) in documented, (url, response.status_code)
        content = documented[str(response.status_code)]["content"]
        assert response.mimetype in content, (url, response.mimetype)
        if response.is_json:
            assert content[response.mimetype]["schema"].get("type", "object") == "object", url
