"""Hostile JSON at the edge: deep nesting, invalid Unicode, NUL characters and wrong types in every field are a
400 naming the field — on every JSON endpoint and in the Socket.IO `generate` payload (which always acks)."""
from __future__ import annotations

import json
from typing import Any

import pytest

from server.api.safe_json import MAX_DEPTH, RejectedPayload, SocketJSON

DEEP = "[" * 100_000 + "]" * 100_000  # far past the interpreter's recursion limit
REQUIRED = {"text": "안녕", "message": "안녕", "name": "면접관",  # the required fields, so only the one under test is wrong
            "question": "자기소개 부탁드립니다.", "question_index": 1, "answer": "저는 개발자입니다."}  # the coach's hint and retry


def json_operations(client) -> list[tuple[str, dict[str, Any]]]:
    """(path, request schema) of every operation with a JSON body, from the document."""
    document = client.get("/api/openapi.json").get_json()
    schemas = document["components"]["schemas"]
    found = []
    for path, methods in document["paths"].items():
        json_body = methods.get("post", {}).get("requestBody", {}).get("content", {}).get("application/json")
        if json_body is not None:
            found.append((path, schemas[json_body["schema"]["$ref"].rsplit("/", 1)[1]]))
    return found


def post_raw(client, path: str, data: str | bytes):
    return client.post(path, data=data, content_type="application/json")


def test_every_json_endpoint_is_found(client):
    paths = {path for path, _ in json_operations(client)}
    assert {"/api/chat", "/api/chat/stream", "/api/v2/tts", "/api/tts", "/api/v2/lipsync", "/api/v2/lipsync/stream",
            "/api/v2/chat_and_lipsync", "/api/v2/chat_and_lipsync/stream", "/api/cancel", "/api/sessions",
            "/api/characters", "/api/interview/report"} <= paths


def nested(depth: int) -> list:
    """`[[[…]]]` `depth` levels deep."""
    value: list = []
    for _ in range(depth - 1):
        value = [value]
    return value


def test_deep_nesting_is_a_400_on_every_json_endpoint(client):
    just_too_deep = json.dumps({"text": "hi", "message": "hi", "history": nested(MAX_DEPTH)})
    for path, _ in json_operations(client):
        for body in ('{"text": ' + DEEP + "}", just_too_deep):
            response = post_raw(client, path, body)
            assert response.status_code == 400, (path, response.get_json())
            assert "nested deeper" in response.get_json()["error"]


@pytest.mark.parametrize("raw,needle", [
    ('{"text": "\\ud800", "message": "\\ud800"}', "lone surrogate"),
    ('{"text": "a\\udfffb", "message": "a\\udfffb"}', "lone surrogate"),
    ('{"text": "a\\u0000b", "message": "a\\u0000b"}', "NUL"),
    (b'{"text": "\xff\xfe", "message": "\xc3"}', "valid JSON"),
])
def test_invalid_text_is_a_400_on_every_json_endpoint(client, raw, needle):
    for path, _ in json_operations(client):
        response = post_raw(client, path, raw)
        assert response.status_code == 400, (path, response.get_json())
        assert needle in response.get_json()["error"]


def test_the_field_holding_invalid_text_is_named(client):
    body = '{"message": "hi", "history": [{"role": "user", "content": "x\\ud800"}]}'
    error = post_raw(client, "/api/chat", body).get_json()["error"]
    assert "'history[0].content'" in error
    assert "'sid'" in post_raw(client, "/api/v2/lipsync/stream", '{"text": "hi", "sid": "\\udbff"}').get_json()["error"]
    assert client.get("/api/queue_status").status_code == 200


def wrong_value(prop: dict[str, Any]) -> Any:
    """A value of a type the property does not accept."""
    types = {option.get("type") for option in prop.get("anyOf", [prop])}
    return {"nested": ["object"]} if "array" in types else ["360p"]


def test_a_wrong_type_in_any_field_is_a_400_naming_it(client):
    checked = 0
    for path, schema in json_operations(client):
        for name, prop in schema["properties"].items():
            body = {**{k: v for k, v in REQUIRED.items() if k in schema["properties"]}, name: wrong_value(prop)}
            response = client.post(path, json=body)
            assert response.status_code == 400, (path, name, response.get_json())
            assert f"'{name}" in response.get_json()["error"], (path, name, response.get_json())
            checked += 1
    assert checked > 50


def test_the_seed_resolution_as_a_list_is_a_400(client):
    response = client.post("/api/v2/lipsync", json={"text": "hi", "resolution": ["360p"]})
    assert response.status_code == 400 and "'resolution' must be one of 720p, 480p, 360p" in response.get_json()["error"]


def socket_client(app):
    return app.extensions["socketio"].test_client(app, flask_test_client=app.test_client())


@pytest.mark.parametrize("payload,needle", [
    ("just text", "expects an object"),
    (None, "expects an object"),
    ({"text": "hi", "resolution": ["360p"]}, "'resolution'"),
    ({"text": 5}, "'text'"),
    ({"text": "hi", "frame_skip": "2"}, "'frame_skip'"),
    ({"text": "a\x00b"}, "NUL"),
    ({"text": "a\ud800b"}, "lone surrogate"),
    ({"text": "hi", "extra": nested(MAX_DEPTH)}, "nested"),
])
def test_socket_generate_always_acks_and_names_the_problem(app, payload, needle):
    sock = socket_client(app)
    ack = sock.emit("generate", payload, callback=True)
    assert ack["accepted"] is False and needle in ack["error"], ack
    errors = [e["args"][0] for e in sock.get_received() if e["name"] == "error"]
    assert errors and needle in errors[0]["error"] and errors[0]["status"] == 400


def test_socket_packets_too_deep_to_decode_still_reach_the_handler():
    decoded = SocketJSON.loads('["generate", {"text": ' + DEEP + "}]")
    assert decoded[0] == "generate" and isinstance(decoded[1], RejectedPayload)
    assert str(MAX_DEPTH) in decoded[1].message
    assert SocketJSON.loads('["generate", {"text": "hi"}]') == ["generate", {"text": "hi"}]
    with pytest.raises(ValueError):
        SocketJSON.loads("{not json")
