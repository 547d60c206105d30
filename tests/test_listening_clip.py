"""The listening loop and the nod: listed by /api/avatars, served with Range, seamless with each other, the head nods."""
from __future__ import annotations

import cv2
import numpy as np
import pytest

from lipsync.listening import LISTENING_DIR, NOD_DIR, listening_frames, nod_depth
from tests.conftest import services_of
from tests.test_idle_clip import decode_frames, difference

AVATAR = "talk_long_360p"
ENCODE_NOISE = 6  # 8-bit levels: two encodes of the same picture differ by less than this on average (veryfast x264)


def eyes_shift(a: np.ndarray, b: np.ndarray, box: tuple[slice, slice]) -> float:
    """Vertical px the picture inside `box` moved from `a` to `b` (phase correlation)."""
    gray = [cv2.cvtColor(img[box], cv2.COLOR_BGR2GRAY).astype(np.float32) for img in (a, b)]
    (_, dy), _ = cv2.phaseCorrelate(gray[0], gray[1])
    return float(dy)


def test_listening_and_nod_clips_are_listed_served_and_meet_at_the_same_pose(make_app):
    app = make_app()
    client = app.test_client()
    entry = {a["id"]: a for a in client.get("/api/avatars").get_json()["avatars"]}[AVATAR]
    assert entry["listening_url"] == f"/listening/{AVATAR}.mp4" and entry["nod_url"] == f"/listening/{AVATAR}.nod.mp4"
    loop_response, nod_response = client.get(entry["listening_url"]), client.get(entry["nod_url"])
    assert loop_response.status_code == nod_response.status_code == 200 and loop_response.mimetype == "video/mp4"
    loop, _, kinds = decode_frames(loop_response.get_data())
    nod, _, _ = decode_frames(nod_response.get_data())
    assert kinds == ["audio", "video"] and len(loop) == listening_frames(25) and len(nod) == len(nod_depth(25))
    # the same pose wherever the page switches: the loop's frames with open eyes, the nod's first and last
    assert difference(loop[0], loop[-1]).mean() < ENCODE_NOISE
    for frame in (nod[0], nod[-1]):
        assert difference(frame, loop[0]).mean() < ENCODE_NOISE
    avatar = services_of(app).avatars.get(AVATAR)
    assert difference(loop[0], avatar.idle_frame(0)).max() > 40  # the pose is not the idle loop's: tilted, leaning in
    x, y = avatar.mouth_xy[0]
    w, h = avatar.mouth.box_size
    eyes = (slice(max(int(y - 1.7 * h), 0), int(y - 0.3 * h)), slice(int(x), int(x + w)))
    deepest = int(np.argmax(nod_depth(25)))
    assert eyes_shift(nod[0], nod[deepest], eyes) > 0.04 * h * 0.8  # the head really dips
    partial = client.get(entry["nod_url"], headers={"Range": "bytes=0-99"})
    assert partial.status_code == 206 and len(partial.get_data()) == 100
    media = services_of(app).config.MEDIA_DIR
    assert len(list((media / LISTENING_DIR).glob("*.mp4"))) == len(list((media / NOD_DIR).glob("*.mp4"))) == 1


@pytest.mark.parametrize("name", ["nobody_360p.mp4", AVATAR, f"{AVATAR}.webm", f"{AVATAR}.nod", "TALK.nod.mp4", "..%2Fx.mp4"])
def test_unknown_or_malformed_listening_names_are_json_404(client, name):
    response = client.get(f"/listening/{name}")
    assert response.status_code == 404 and response.get_json()["success"] is False
