"""Face-region delivery on the demo page, in Debian's Chromium: the face box composited over the idle loop.

The page asks for `"delivery": "face"`, plays the face stream unseen and draws every presented frame at the segment's
`region` over the idle-loop frame at the same loop position (static/js/compositor.js). Checked against the server's
own full-frame render of the same turn (`done.video_url`, decoded with PyAV), frame index by frame index.
"""
from __future__ import annotations

import base64
import io
import json
import urllib.request
from collections.abc import Iterator
from typing import Any

import av
import numpy as np
import pytest
from flask import Flask
from PIL import Image

from tests.conftest import services_of
from tests.page_screenshots import CHROMIUM, DESKTOP, TURN_TIMEOUT_MS, start_interview, stream_events, take

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} not found: install Debian's chromium to run the page tests", allow_module_level=True)
pytest.importorskip("playwright.sync_api", reason="playwright not installed: .venv/bin/pip install playwright")

STREAM_GLOB = "**/api/v2/chat_and_lipsync/stream"
AVATAR = "talk_long_360p"
SNAPSHOTS = 10  # composited frames captured while the greeting plays
SNAPSHOT_GAP_MS = 180
FIRST_FRAME = 8  # captures start once the canvas is this far into the turn
SAME_FRAME_MAX_DIFF = 3.0  # mean |canvas - server's full frame f| per channel (0-255): two lossy encodes apart
OUTSIDE_MAX_DIFF = 2.5  # mean |canvas - idle frame| outside the box: the idle clip's own encode noise
SPEAKING_MIN_SHARE = 0.02  # of the box's pixels differ from the idle frame by over 40 levels at least once (mouth open)
MOUTH_LEVELS = 40
CHANGED_LEVELS = 20  # a box pixel that differs this much between frames f and f±2 tells them apart ...
CHANGED_MIN_PIXELS = 40  # ... when there are this many
IDLE_DECODABLE = f"() => (document.querySelector('#face-canvas')?.dataset.idle ?? '').endsWith('/{AVATAR}.mp4')"
# The canvas's frame number (which turn frame is drawn), read in the same task as its pixels.
SNAPSHOT = """() => { const c = document.querySelector('#face-canvas');
  return {frame: Number(c.dataset.frame ?? -1), png: c.toDataURL('image/png'),
          delivery: document.querySelector('#screen').dataset.delivery, opacity: getComputedStyle(c).opacity}; }"""


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=DESKTOP, locale="ko-KR")
    page = context.new_page()
    page.set_default_timeout(TURN_TIMEOUT_MS)
    page.script_errors = []
    page.on("pageerror", lambda error: page.script_errors.append(str(error)))
    yield page
    context.close()


def rgb_of(data_url: str) -> np.ndarray:
    """The RGB pixels [H, W, 3] of a PNG data URL."""
    return np.asarray(Image.open(io.BytesIO(base64.b64decode(data_url.partition(",")[2]))).convert("RGB"))


def decoded_frames(url: str) -> list[np.ndarray]:
    """Every video frame of the MP4 at `url`, RGB, in display order."""
    with urllib.request.urlopen(url, timeout=60) as response:
        data = response.read()
    with av.open(io.BytesIO(data)) as container:
        return [frame.to_ndarray(format="rgb24") for frame in container.decode(video=0)]


def mean_diff(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.abs(a.astype(np.int16) - b.astype(np.int16)).mean())


def closer_to_own_frame(canvas: np.ndarray, full: list[np.ndarray], f: int, box: Any) -> tuple[float, float] | None:
    """On the box pixels where frames f and f±2 differ: mean |canvas - frame f| and |canvas - frame f±2| (None: none)."""
    own = full[f][box].astype(np.int16)
    for g in (f + 2, f - 2):
        if 0 <= g < len(full):
            other = full[g][box].astype(np.int16)
            changed = np.abs(own - other).max(axis=2) > CHANGED_LEVELS
            if changed.sum() >= CHANGED_MIN_PIXELS:
                shown = canvas[box].astype(np.int16)[changed]
                return float(np.abs(shown - own[changed]).mean()), float(np.abs(shown - other[changed]).mean())
    return None


def test_a_face_turn_composites_over_the_idle_loop_like_the_full_frame_render(page: Any, served: tuple[Flask, str]):
    app, base_url = served
    with page.expect_response(STREAM_GLOB) as opening:
        start_interview(page, base_url, ready=IDLE_DECODABLE)  # a turn never waits for the idle clip: before, full
    assert json.loads(opening.value.request.post_data)["delivery"] == "face"
    page.wait_for_function(f"() => Number(document.querySelector('#face-canvas').dataset.frame) >= {FIRST_FRAME}")
    shots = []
    for _ in range(SNAPSHOTS):
        shots.append(page.evaluate(SNAPSHOT))
        page.wait_for_timeout(SNAPSHOT_GAP_MS)
    take(page, "face-composite-desktop-ko")
    events = stream_events(opening.value)
    segments = [e for e in events if e["type"] == "segment"]
    region = segments[0]["region"]
    assert all(e["region"] == region for e in segments)
    assert all(s["delivery"] == "face" and s["opacity"] == "1" for s in shots), shots[0]
    frames = [s["frame"] for s in shots]
    assert frames == sorted(frames) and len(set(frames)) >= SNAPSHOTS // 2, frames  # the canvas follows the video

    full = decoded_frames(base_url + next(e for e in events if e["type"] == "done")["video_url"])
    avatar = services_of(app).avatars.get(AVATAR)
    x, y, w, h = region["x"], region["y"], region["width"], region["height"]
    outside = np.ones((avatar.height, avatar.width), bool)
    outside[y : y + h, x : x + w] = False
    box = np.s_[y : y + h, x : x + w]
    same, fits, off_idle, speaking = [], [], [], []
    for shot in shots:
        f, canvas = shot["frame"], rgb_of(shot["png"])
        assert canvas.shape == full[f].shape == (region["frame_height"], region["frame_width"], 3)
        idle = avatar.idle_frame(f % avatar.loop_length)[..., ::-1]  # BGR -> RGB, loop position f
        same.append(mean_diff(canvas, full[f]))
        fits.append(closer_to_own_frame(canvas, full, f, box))
        off_idle.append(mean_diff(canvas[outside], idle[outside]))
        moved = np.abs(canvas[box].astype(np.int16) - idle[box]).max(axis=2) > MOUTH_LEVELS
        speaking.append(float(moved.mean()))
    told = [fit for fit in fits if fit is not None]
    print(f"face composite over {len(shots)} frames: mean |canvas - full frame f| max {max(same):.2f}; where f and "
          f"f±2 differ, vs f {np.mean([a for a, _ in told]):.1f} and vs f±2 {np.mean([b for _, b in told]):.1f} "
          f"({len(told)} frames); outside the box vs the idle frame max {max(off_idle):.2f}; box pixels off the idle "
          f"frame max {max(speaking):.1%}")
    assert max(same) <= SAME_FRAME_MAX_DIFF, same
    assert told and all(own < other for own, other in told), fits  # frame-accurate: frame f fits, f±2 does not
    assert max(off_idle) <= OUTSIDE_MAX_DIFF, off_idle
    assert max(speaking) >= SPEAKING_MIN_SHARE, speaking  # the mouth moves inside the box
    assert page.script_errors == []


def test_delivery_full_in_the_page_url_plays_whole_frames(page: Any, served: tuple[Flask, str]):
    app, base_url = served
    with page.expect_response(STREAM_GLOB) as opening:
        start_interview(page, base_url, path="/?delivery=full")
    assert json.loads(opening.value.request.post_data)["delivery"] == "full"
    page.wait_for_function("""() => { const v = document.querySelector('#avatar-video');
        return document.querySelector('#screen').dataset.mode === 'video' && v.currentTime > 0.3; }""")
    state = page.evaluate("""() => ({delivery: document.querySelector('#screen').dataset.delivery,
        width: document.querySelector('#avatar-video').videoWidth,
        video: getComputedStyle(document.querySelector('#avatar-video')).opacity,
        canvas: getComputedStyle(document.querySelector('#face-canvas')).opacity})""")
    assert state == {"delivery": "full", "width": 640, "video": "1", "canvas": "0"}, state
    assert all("region" not in e for e in stream_events(opening.value) if e["type"] == "segment")
    assert page.script_errors == []
