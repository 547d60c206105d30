"""A lipsync engine that is not loaded (a MuseTalk worker that died or still warms up): 503 "모델 미로드" on every
lipsync path, each asking the engine to start again, and `models_loaded: false` in the status."""
from __future__ import annotations

from runtime.services import Engines
from tests.fakes.hooked import HookedLipsync

TURN = {"text": "안녕하세요.", "resolution": "360p"}


class DownLipsync(HookedLipsync):
    """An engine whose loads never finish; counts how often it was asked to (re)start."""

    def __init__(self) -> None:
        super().__init__()
        self.loads = 0

    @property
    def loaded(self) -> bool:
        return False

    def load(self) -> None:
        self.loads += 1


def test_lipsync_requests_are_503_while_the_engine_is_down_and_restart_it(make_app):
    engine = DownLipsync()
    app = make_app(engines=Engines(lipsync=engine), JOB_BACKEND="local")  # where the web process renders
    client = app.test_client()
    assert client.get("/api/v2/status").get_json()["models_loaded"] is False
    started = engine.loads
    for path in ("/api/v2/lipsync", "/api/v2/lipsync/stream", "/api/v2/chat_and_lipsync"):
        body = {**TURN, "message": "안녕하세요"} if "chat" in path else TURN
        response = client.post(path, json=body)
        assert response.status_code == 503 and response.headers["Retry-After"] == "5", path
        assert response.get_json()["error"].startswith("모델 미로드"), path
    sock = app.extensions["socketio"].test_client(app, flask_test_client=app.test_client())
    ack = sock.emit("generate", {**TURN, "avatar": "talk_long"}, callback=True)
    assert ack["accepted"] is False and ack["error"].startswith("모델 미로드")
    assert engine.loads == started + 4  # every refused request asked the engine to start again
    assert client.post("/api/tts", json={"text": "안녕하세요."}).status_code == 200  # speech alone still works
