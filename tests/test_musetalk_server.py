"""The server with LIPSYNC_ENGINE=musetalk (tiny CPU models): status tells the truth, /api/v2/lipsync renders."""
from __future__ import annotations

import io
import shutil
from pathlib import Path

import av
import numpy as np
import pytest

from tests.conftest import services_of, sse_events
from tests.musetalk_fixtures import FACE_BOX, require_torch, tiny_models_once, write_avatar

require_torch()

from avatars.format import load_avatar  # noqa: E402
from lipsync.musetalk.prep import prepare_avatar  # noqa: E402


def test_lipsync_endpoint_renders_through_the_musetalk_worker(make_app, precomputed_dir: Path, tmp_path: Path,
                                                               tmp_path_factory: pytest.TempPathFactory,
                                                               caplog: pytest.LogCaptureFixture) -> None:
    models = tiny_models_once(tmp_path_factory.getbasetemp())
    avatars = tmp_path / "precomputed"
    shutil.copytree(precomputed_dir, avatars)  # the default avatars (not MuseTalk-prepared) + ours
    write_avatar(avatars / "mt_face_360p")
    prepare_avatar(avatars / "mt_face_360p", str(models), "cpu", face_box=FACE_BOX)
    app = make_app(PRECOMPUTED_DIR=avatars, LIPSYNC_ENGINE="musetalk", MUSETALK_PATH=str(models),
                   MUSETALK_DEVICE="cpu", MUSETALK_BATCH_SIZE=8)
    engine = services_of(app).lipsync
    try:
        client = app.test_client()
        status = client.get("/api/v2/status").get_json()
        assert status["lipsync_engine"] == "musetalk" and status["models_loaded"] is True
        response = client.post("/api/v2/lipsync", json={"text": "Hello, welcome.",
                                                         "avatar": "mt_face", "resolution": "360p"})
        body = response.get_json()
        assert response.status_code == 200 and body["success"] is True, body
        video = client.get(body["video_url"]).get_data()
        with av.open(io.BytesIO(video)) as container:
            frames = [f.to_ndarray(format="bgr24") for f in container.decode(video=0)]
        assert len(frames) == pytest.approx(body["audio_duration"] * 25, abs=2)
        idle = load_avatar(avatars / "mt_face_360p").idle_frame(0)
        x1, y1, x2, y2 = FACE_BOX
        mouth = [np.abs(f[y1 + 100: y2, x1 + 40: x2 - 40].astype(int) - idle[y1 + 100: y2, x1 + 40: x2 - 40]).mean()
                 for f in frames]
        assert max(mouth) > 5.0  # generated faces reached the video
        wall = [np.abs(f[:100].astype(int) - idle[:100]).mean() for f in frames]
        assert max(wall) < 3.0  # and only the face changed (H.264 noise aside)
        region = engine.region(load_avatar(avatars / "mt_face_360p"))
        events = sse_events(client.post("/api/v2/lipsync/stream", json={"text": "Hello, welcome.", "avatar": "mt_face",
                                                                        "resolution": "360p", "delivery": "face"}))
        segments = [e for e in events if e["type"] == "segment"]
        assert segments and all(e["region"]["width"] == region.width for e in segments), events[-1]
        with av.open(io.BytesIO(client.get(segments[0]["url"]).get_data())) as container:  # only the box was encoded
            assert (container.streams.video[0].width, container.streams.video[0].height) == (region.width, region.height)
        unprepared = client.post("/api/v2/lipsync", json={"text": "Hi.", "avatar": "talk_long", "resolution": "360p"})
        assert unprepared.status_code == 500 and "lipsync" in unprepared.get_json()["error"]
        assert "not prepared for MuseTalk" in caplog.text  # the operator's hint is logged, the client's message is not
        assert "not prepared" not in unprepared.get_json()["error"]
    finally:
        engine.close()
    assert services_of(app).lipsync.loaded is False
