"""Whole frames in yuv420p without converting what did not change: the idle frame's planes, converted once per turn
and idle frame, with the engine's face box converted and pasted in.

An engine changes only its region of each frame (LipsyncEngine.region): outside it a frame is the idle frame at
the same loop position. So the full-frame path renders the box, as face delivery does, and converts only the box
each frame: a 720p frame's BGR copy and most of its colour conversion go (figures in docs/capacity.md). The region's corner and sides are even, so its 2x2 chroma blocks are its own: the composed
planes equal those of the whole frame converted at once, byte for byte (tests/test_full_picture.py).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

import av
import cv2
import numpy as np

from lipsync.base import RenderSpec
from lipsync.encode import check_frame, yuv_picture, yuv_planes


class FullPictures:
    """A turn's whole-frame pictures from face boxes; keeps the idle frames it converted (one turn, one avatar)."""

    def __init__(self) -> None:
        self._idle: dict[int, np.ndarray] = {}  # idle frame index -> its I420 buffer
        self._avatar: object | None = None

    def pictures(self, spec: RenderSpec, boxes: Iterable[np.ndarray]) -> Iterator[av.VideoFrame]:
        """Whole-frame pictures of `spec` (whose region is the boxes' placement), in order; pts left to the encoder."""
        avatar, region = spec.avatar, spec.region
        assert region is not None
        if avatar is not self._avatar:
            self._idle, self._avatar = {}, avatar
        for i, box in enumerate(boxes):
            index = int(avatar.loop_index[(spec.loop_offset + spec.first_frame + i) % avatar.loop_length])
            idle = self._idle.get(index)
            if idle is None:
                idle = self._idle[index] = cv2.cvtColor(avatar.frames[index], cv2.COLOR_BGR2YUV_I420)
            check_frame(box, (region.height, region.width))
            yuv = idle.copy()
            pasted = cv2.cvtColor(box, cv2.COLOR_BGR2YUV_I420)
            for whole, part, scale in zip(yuv_planes(yuv, avatar.width, avatar.height),
                                          yuv_planes(pasted, region.width, region.height), (1, 2, 2)):
                whole[region.y // scale : (region.y + region.height) // scale,
                      region.x // scale : (region.x + region.width) // scale] = part
            yield yuv_picture(yuv, avatar.width, avatar.height)
