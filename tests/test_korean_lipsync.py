"""Korean mouth shapes: Hangul syllable structure, stress from loudness, and a smiling photo that still opens and closes."""
from __future__ import annotations

import threading
from dataclasses import replace

import cv2
import numpy as np
import pytest

from audio.clip import AudioClip
from avatars.precompute import precompute
from avatars.store import AvatarStore
from lipsync.base import RenderSpec
from lipsync.cpu import CpuLipsyncEngine
from lipsync.track import frame_total, mouth_track
from lipsync.visemes import GLIDE_SHARE, HOLD_SHARE, VOWEL_SHARE, symbol_units
from tests.tools.speech import speech

FPS = 25


def test_a_syllable_is_onset_glide_vowel_and_held_batchim() -> None:
    assert symbol_units("밥") == [("PP", 1.0), ("AA", VOWEL_SHARE), ("PP", HOLD_SHARE)]
    assert symbol_units("야") == [("IH", GLIDE_SHARE), ("AA", VOWEL_SHARE)]  # ㅇ onset is silent
    assert symbol_units("워")[0] == ("UU", GLIDE_SHARE) and GLIDE_SHARE < VOWEL_SHARE
    assert symbol_units("하")[0][1] < 1.0  # ㅎ: the lips already take the vowel's shape


def test_bilabial_batchim_keeps_the_lips_closed_to_the_end_of_the_syllable() -> None:
    track = mouth_track(speech([(0.2, None), (0.48, ["압"]), (0.48, ["아"]), (0.2, None)]), FPS)
    assert track.open[8:11].max() > 0.5  # the vowel of 압 opens ...
    assert track.open[12:15].max() < 0.15  # ... and its ㅂ (0.5-0.68 s) holds the lips shut before 아 (frame 17)
    assert track.open[20:24].max() > 0.5
    open_final = mouth_track(speech([(0.2, None), (0.48, ["앙"]), (0.48, ["아"]), (0.2, None)]), FPS)
    assert open_final.open[12:15].min() > 0.3  # ㅇ (ŋ) is made at the back: the lips stay apart


def quieter(clip: AudioClip, start_s: float, end_s: float, db: float) -> AudioClip:
    """`clip` with the samples between the two times attenuated by `db`."""
    samples = clip.samples.astype(np.float64)
    a, b = int(start_s * clip.sample_rate), int(end_s * clip.sample_rate)
    samples[a:b] *= 10 ** (-db / 20)
    return replace(clip, samples=samples.astype(np.int16))


def test_louder_syllables_open_wider() -> None:
    clip = speech([(0.2, None), (0.4, ["a"]), (0.4, ["a"]), (0.2, None)])
    track = mouth_track(quieter(clip, 0.6, 1.0, 14.0), FPS)
    loud, soft = track.open[8:13].mean(), track.open[18:23].mean()
    assert loud > 0.7 and 0.25 < soft < loud - 0.2  # softer, yet clearly open


@pytest.fixture(scope="module")
def smiling_photo(tmp_path_factory: pytest.TempPathFactory):
    """scikit-image's astronaut (smiling, teeth showing) as a 360p avatar."""
    astronaut = pytest.importorskip("skimage.data", reason="scikit-image is in requirements-dev.txt").astronaut
    root = tmp_path_factory.mktemp("photo")
    cv2.imwrite(str(root / "astronaut.png"), cv2.cvtColor(astronaut(), cv2.COLOR_RGB2BGR))
    precompute(root / "astronaut.png", "astro", root)
    return AvatarStore(root).get("astro_360p")


def test_smiling_photo_opens_and_closes_and_rests_in_silence(smiling_photo) -> None:
    avatar = smiling_photo
    engine = CpuLipsyncEngine(head_motion=False)  # the mouth alone: measured at a fixed box
    engine.load()
    clip = speech([(0.4, None), (0.36, ["마"]), (0.36, ["마"]), (0.36, ["압"]), (0.4, None)])
    n = frame_total(clip, FPS)
    frames = list(engine.render(RenderSpec(avatar, clip, 0, n), threading.Event()))
    x, y = avatar.mouth_xy[0]
    w, h = avatar.mouth.box_size
    grey = np.stack([cv2.cvtColor(f[y : y + h, x : x + w], cv2.COLOR_BGR2GRAY) for f in frames])
    cavity = (grey[:, :, w // 3 : 2 * w // 3] < 60).sum(axis=1).mean(axis=1)  # dark rows of the open mouth, px
    idle = [np.array_equal(frames[k][y : y + h, x : x + w], avatar.idle_frame(k)[y : y + h, x : x + w]) for k in range(n)]
    assert all(idle[:8]) and all(idle[-7:])  # silence: the photo's own mouth, untouched (its eyes may blink)
    spoken = cavity[10:37]
    assert spoken.max() - cavity[:8].max() >= 3  # a clearly open mouth at 360p (the smile's teeth do not count)
    assert spoken.min() <= cavity[:8].max() + 0.5  # and closed again for ㅁ between the vowels
