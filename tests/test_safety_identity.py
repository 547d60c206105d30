"""Identity: API keys from the operator command, bearer auth on REST and Socket.IO, the bind rule, signed media links."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from cli.main import main as console
from pipeline.media_links import MediaLinks
from settings import ConfigError
from runtime.config import Config
from store.api_keys import DatabaseKeyRepository
from store.keys import digest, issue, utc_now
from tests.conftest import NO_ENV_FILE, services_of


def keys_of(app) -> DatabaseKeyRepository:
    return DatabaseKeyRepository(services_of(app).database)


def keys_command(argv: list[str], config: Config) -> tuple[int, str]:
    """`interview-avatar keys …` on `config`: (exit status, output)."""
    result = CliRunner().invoke(console, ["keys", *argv], obj=config)
    return result.exit_code, result.output


def test_the_operator_command_creates_lists_and_revokes_keys_stored_hashed(tmp_path):
    config = Config.load({"DATA_DIR": tmp_path}, env_file=NO_ENV_FILE)
    status, out = keys_command(["create", "acme hr"], config)
    token = out.split()[-1]
    assert status == 0
    stored = b"".join(p.read_bytes() for p in tmp_path.glob("interviews.db*"))
    assert token.startswith("iak_") and token.encode() not in stored and token.split("_", 2)[2].encode() not in stored
    assert digest(token).encode() in stored
    key_id = token.split("_")[1]
    status, listed = keys_command(["list"], config)
    assert status == 0 and key_id in listed and "active" in listed and "acme hr" in listed and token not in listed
    assert keys_command(["revoke", key_id], config)[0] == 0
    assert keys_command(["revoke", key_id], config)[0] == 1  # already revoked
    status, listed = keys_command(["list"], config)
    assert status == 0 and "revoked" in listed


def test_rest_needs_a_valid_key_when_anonymous_clients_are_not_allowed(make_app):
    app = make_app(ALLOW_ANONYMOUS="false")
    repo = keys_of(app)
    record, token = issue(repo, "tester")
    client = app.test_client()
    refused = client.get("/api/v2/status")
    assert refused.status_code == 401 and "API key is required" in refused.get_json()["error"]
    assert refused.headers["WWW-Authenticate"] == "Bearer"
    assert client.get("/api/v2/status", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    wrong = client.get("/api/v2/status", headers={"Authorization": f"Bearer {token[:-2]}xx"})
    assert wrong.status_code == 401 and "not valid" in wrong.get_json()["error"]
    assert client.get("/").status_code == 200  # the page and its files need no key
    repo.revoke(record.key_id, utc_now())
    assert client.get("/api/v2/status", headers={"Authorization": f"Bearer {token}"}).status_code == 401


def test_a_loopback_bind_serves_anonymous_clients_and_keys_alike(make_app):
    app = make_app()
    _, token = issue(keys_of(app), "tester")
    client = app.test_client()
    assert client.get("/api/v2/status").status_code == 200
    assert client.get("/api/v2/status", headers={"Authorization": f"Bearer {token}"}).status_code == 200


def test_a_public_bind_without_keys_refuses_to_start_unless_anonymous_is_allowed(make_app):
    with pytest.raises(ConfigError, match="ALLOW_ANONYMOUS=true"):
        make_app(HOST="0.0.0.0")
    assert make_app(HOST="0.0.0.0", ALLOW_ANONYMOUS="true").test_client().get("/api/v2/status").status_code == 200
    _, token = issue(keys_of(make_app()), "tester")  # the same database (DATA_DIR) as the next app
    keyed = make_app(HOST="0.0.0.0").test_client()
    assert keyed.get("/api/v2/status").status_code == 401
    assert keyed.get("/api/v2/status", headers={"Authorization": f"Bearer {token}"}).status_code == 200


def test_sockets_authenticate_with_the_auth_payload(make_app):
    app = make_app(ALLOW_ANONYMOUS="false")
    _, token = issue(keys_of(app), "tester")
    socketio = app.extensions["socketio"]
    anonymous = socketio.test_client(app, flask_test_client=app.test_client())
    assert not anonymous.is_connected()
    keyed = socketio.test_client(app, flask_test_client=app.test_client(), auth={"api_key": token})
    assert keyed.is_connected()
    keyed.disconnect()


def test_media_links_are_signed_and_expire(make_app):
    client = make_app().test_client()
    url = client.post("/api/v2/tts", json={"text": "안녕하세요"}).get_json()["audio_url"]
    path, _, query = url.partition("?")
    assert "exp=" in query and "sig=" in query
    assert client.get(url).status_code == 200
    assert client.get(path).status_code == 403  # the bare name opens nothing
    tampered = url.replace("sig=", "sig=A")
    assert client.get(tampered).status_code == 403
    other = client.post("/api/v2/tts", json={"text": "반갑습니다"}).get_json()["audio_url"]
    assert client.get(other.partition("?")[0] + "?" + query).status_code == 403  # a signature is for its own file
    links = MediaLinks("secret", ttl_s=60)
    signed = links.sign("/video/turn_x.mp4", now=1000.0)
    exp, sig = (part.split("=")[1] for part in signed.partition("?")[2].split("&"))
    assert links.problem("/video/turn_x.mp4", exp, sig, now=1059.0) is None
    assert "expired" in links.problem("/video/turn_x.mp4", exp, sig, now=1061.0)
