"""Whole frames composed in yuv420p from the face box and the idle frame equal the whole frame converted at once."""
from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

import av
import numpy as np
import pytest

from avatars.store import AvatarStore
from lipsync.base import RenderSpec
from lipsync.cpu import CpuLipsyncEngine
from lipsync.encode import to_picture
from lipsync.full_picture import FullPictures
from tests.tools.speech import speech


@pytest.mark.parametrize("loop_offset", [0, 7])
def test_composed_pictures_equal_the_engines_whole_frames_converted(precomputed_dir: Path, loop_offset: int) -> None:
    avatar = AvatarStore(precomputed_dir).get("talk_short_360p")
    engine = CpuLipsyncEngine()
    engine.load()
    clip = speech([(0.2, None), (1.0, ["a", "m", "o", "i", "a"]), (0.2, None)])
    spec = RenderSpec(avatar, clip, 5, 25, loop_offset=loop_offset)
    whole = [to_picture(frame, 0).to_ndarray() for frame in engine.render(spec, threading.Event())]
    boxes = replace(spec, region=engine.region(avatar))
    composed = [p.to_ndarray() for p in FullPictures().pictures(boxes, engine.render(boxes, threading.Event()))]
    assert len(composed) == len(whole) == 25
    assert all(np.array_equal(a, b) for a, b in zip(composed, whole))  # byte for byte, every plane
    assert not all(np.array_equal(a, whole[0]) for a in whole)  # the mouth moved: boxes were pasted, not idle frames


def test_a_box_of_the_wrong_size_is_refused(precomputed_dir: Path) -> None:
    avatar = AvatarStore(precomputed_dir).get("talk_short_360p")
    engine = CpuLipsyncEngine()
    region = engine.region(avatar)
    spec = RenderSpec(avatar, speech([(0.2, None)]), 0, 1, region=region)
    with pytest.raises(ValueError):
        next(FullPictures().pictures(spec, [np.zeros((region.height + 2, region.width, 3), np.uint8)]))
    assert isinstance(next(FullPictures().pictures(spec, [np.zeros((region.height, region.width, 3), np.uint8)])),
                      av.VideoFrame)
