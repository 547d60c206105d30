"""Whole frames in yuv420p without converting what did not change: the idle frame's planes, each converted once,
with the face box's planes pasted in.

An engine changes only its region of each frame (LipsyncEngine.region): outside it a frame is the idle frame at
the same loop position. So the full-frame path renders the box, as face delivery does, and converts only the box
each frame: a 720p frame's BGR copy and most of its colour conversion go (figures in docs/capacity.md). The
region's corner and sides are even, so its 2x2 chroma blocks are its own: the composed planes equal those of the
whole frame converted at once, byte for byte (tests/test_full_picture.py). A face turn's whole MP4 (face_full)
pastes its decoded boxes' planes the same way.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

import av
import cv2
import numpy as np

from lipsync.base import RenderSpec
from lipsync.encode import check_frame, yuv_picture, yuv_planes
from lipsync.region import Region

if TYPE_CHECKING:
    from avatars.format import Avatar


class IdlePlanes:
    """One avatar's idle frames in I420, each converted on first use; a face box's planes pasted in make a picture."""

    def __init__(self, avatar: "Avatar") -> None:
        self.avatar = avatar
        self._yuv: dict[int, np.ndarray] = {}  # idle frame index -> its I420 buffer

    def picture(self, position: int, region: Region, box: Sequence[np.ndarray]) -> av.VideoFrame:
        """The whole frame at loop `position`: the idle frame with `box` (its Y, U, V planes) at `region`."""
        avatar = self.avatar
        index = int(avatar.loop_index[position % avatar.loop_length])
        idle = self._yuv.get(index)
        if idle is None:
            idle = self._yuv[index] = cv2.cvtColor(avatar.frames[index], cv2.COLOR_BGR2YUV_I420)
        yuv = idle.copy()
        for whole, part, scale in zip(yuv_planes(yuv, avatar.width, avatar.height), box, (1, 2, 2)):
            whole[region.y // scale : (region.y + region.height) // scale,
                  region.x // scale : (region.x + region.width) // scale] = part
        return yuv_picture(yuv, avatar.width, avatar.height)


class FullPictures:
    """A turn's whole-frame pictures from the engine's face boxes (one turn: one avatar at a time)."""

    def __init__(self) -> None:
        self._idle: IdlePlanes | None = None

    def pictures(self, spec: RenderSpec, boxes: Iterable[np.ndarray]) -> Iterator[av.VideoFrame]:
        """Whole-frame pictures of `spec` (whose region is the boxes' placement), in order; pts left to the encoder."""
        region = spec.region
        assert region is not None
        if self._idle is None or self._idle.avatar is not spec.avatar:
            self._idle = IdlePlanes(spec.avatar)
        for i, box in enumerate(boxes):
            check_frame(box, (region.height, region.width))
            planes = yuv_planes(cv2.cvtColor(box, cv2.COLOR_BGR2YUV_I420), region.width, region.height)
            yield self._idle.picture(spec.loop_offset + spec.first_frame + i, region, planes)
