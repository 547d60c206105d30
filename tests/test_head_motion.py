"""The head moves while the avatar speaks (nods, sway), rests in leading and trailing silence, and chains seamlessly."""
from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest

from avatars.format import Avatar
from avatars.store import AvatarStore
from lipsync.base import RenderSpec
from lipsync.cpu import CpuLipsyncEngine
from lipsync.head_motion import head_track
from lipsync.idle_clip import idle_view
from tests.tools.speech import Part, speech

FPS = 25
PARTS: list[Part] = [(0.4, None), (1.2, ["a", "m", "a", "n", "o", "i", "a"]), (0.5, None), (1.0, ["o", "a", "e", "a"]), (0.3, None)]


@pytest.fixture(scope="module")
def avatar(precomputed_dir: Path) -> Avatar:
    return AvatarStore(precomputed_dir).get("talk_short_360p")


@pytest.fixture(scope="module")
def engine() -> CpuLipsyncEngine:
    e = CpuLipsyncEngine()
    e.load()
    return e


def render(engine: CpuLipsyncEngine, spec: RenderSpec) -> list[np.ndarray]:
    return list(engine.render(spec, threading.Event()))


def test_track_nods_while_speaking_and_rests_at_both_ends() -> None:
    clip = speech(PARTS)
    n = int(np.ceil(clip.duration * FPS))
    track = head_track(clip, FPS, n)
    assert track.at(0) == track.at(n - 1) == (0.0, 0.0, 0.0)
    assert np.all(track.dy[: int(0.4 * FPS) - 1] == 0)  # leading silence: the idle loop's head
    assert track.dy.max() > 0.02  # a visible nod (share of the mouth box height)
    assert np.abs(track.roll).max() > 0.1 and np.abs(track.roll).max() <= 0.8 + 1e-9
    assert np.abs(np.diff(track.dy)).max() < 0.02  # smooth: no jump from one frame to the next
    assert head_track(clip, FPS, n).dy.tolist() == track.dy.tolist()  # the same clip always moves the same way


def test_head_moves_in_the_rendered_frames_and_rests_at_the_clip_ends(avatar: Avatar, engine: CpuLipsyncEngine) -> None:
    clip = speech(PARTS)
    n = int(np.ceil(clip.duration * FPS))
    frames = render(engine, RenderSpec(avatar, clip, 0, n, loop_offset=5))
    assert np.array_equal(frames[0], idle_view(avatar, 5)) and np.array_equal(frames[-1], idle_view(avatar, 5 + n - 1))
    still = CpuLipsyncEngine(head_motion=False)
    still.load()
    mouth_only = render(still, RenderSpec(avatar, clip, 0, n, loop_offset=5))
    w, h = avatar.mouth.box_size
    x, y = avatar.mouth_xy[0]
    eyes = (slice(max(int(y - 1.6 * h), 0), int(y - 0.6 * h)), slice(int(x), int(x + w)))  # above the mouth box
    moved = [np.abs(a[eyes].astype(int) - b[eyes].astype(int)).mean() for a, b in zip(frames, mouth_only)]
    assert max(moved) > 2.0  # the eyes moved: the head, not only the mouth


@pytest.mark.parametrize(("split", "skip"), [(29, 1), (50, 2)])
def test_segments_of_a_clip_join_with_the_head_moving(avatar: Avatar, engine: CpuLipsyncEngine, split: int, skip: int) -> None:
    clip = speech(PARTS)
    n = int(np.ceil(clip.duration * FPS))
    whole = render(engine, RenderSpec(avatar, clip, 0, n, loop_offset=11, frame_skip=skip))
    parts = render(engine, RenderSpec(avatar, clip, 0, split, loop_offset=11, frame_skip=skip))
    parts += render(engine, RenderSpec(avatar, clip, split, n - split, loop_offset=11, frame_skip=skip))
    assert all(np.array_equal(a, b) for a, b in zip(whole, parts))


@pytest.mark.parametrize("value", [True, False])
def test_the_head_motion_setting_reaches_the_cpu_engine(value: bool) -> None:
    from lipsync import registry
    from runtime.config import Config
    from tests.conftest import NO_ENV_FILE

    engine = registry.create("cpu", Config.load({"HEAD_MOTION": str(value).lower()}, env_file=NO_ENV_FILE))
    assert engine._head_motion is value


@pytest.mark.parametrize("motion", [(0.012, 0.043, 0.8), (-0.01, 0.02, -0.5)])
def test_the_warp_matches_the_exact_per_pixel_map(avatar: Avatar, motion: tuple[float, float, float]) -> None:
    """The map is exact on a coarse grid and bilinear in between: against the map computed at every pixel, the
    warped frame differs by a fraction of a grey level on average (edges only, by a few levels)."""
    import cv2

    from lipsync.head_motion import CORE, HeadBox, move_head

    w, h = avatar.mouth.box_size
    x, y = avatar.mouth_xy[0]
    head = HeadBox.above_mouth(float(x), float(y), w, h)
    frame = idle_view(avatar, 0).copy()
    warped = frame.copy()
    move_head(warped, head, (0, 0), motion)
    x0, y0, x1, y1 = head.bounds(2)
    x0, y0, x1, y1 = max(x0, 0), max(y0, 0), min(x1, frame.shape[1]), min(y1, frame.shape[0])
    ys, xs = np.mgrid[y0:y1, x0:x1].astype(np.float64)
    r = np.sqrt(((xs - head.cx) / head.half_w) ** 2 + ((ys - head.cy) / head.half_h) ** 2)
    weight = np.clip((1.0 - r) / (1.0 - CORE), 0.0, 1.0)
    weight = weight * weight * (3 - 2 * weight)
    c, s = np.cos(np.deg2rad(motion[2])), np.sin(np.deg2rad(motion[2]))
    tx, ty = motion[0] * head.box_w, motion[1] * head.box_h
    px, py = xs - head.pivot[0], ys - head.pivot[1]
    # where each moved pixel came from: rotate back about the neck and shift back, blended by the weight
    map_x = xs + weight * ((c - 1) * px + s * py - (c * tx + s * ty))
    map_y = ys + weight * (-s * px + (c - 1) * py - (c * ty - s * tx))
    exact = frame.copy()
    exact[y0:y1, x0:x1] = cv2.remap(frame, map_x.astype(np.float32), map_y.astype(np.float32), cv2.INTER_LINEAR,
                                    borderMode=cv2.BORDER_REPLICATE)
    difference = np.abs(warped.astype(int) - exact.astype(int))
    assert np.abs(warped.astype(int) - frame.astype(int)).mean() > 10 * difference.mean()  # it did move the head
    assert difference.mean() < 0.05 and difference.max() <= 16
