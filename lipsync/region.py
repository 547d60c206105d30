"""Face-region delivery: the one box of an avatar's frames that speech changes, encoded small and composited by the client.

The box covers the mouth sprite and the head that speech moves (lipsync.head_motion) at every idle-loop
position (breathing moves them) plus a margin, with
even sides (yuv420p). Outside it a speaking frame equals the idle loop's frame at the same loop
position, so a client that holds the idle loop rebuilds every full frame by drawing the box there.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from avatars import eyelids
from avatars.format import Avatar
from lipsync.head_motion import HeadBox

MARGIN = 8  # px around the mouth boxes (the mask is zero on the sprite's border already)


@dataclass(frozen=True)
class Region:
    """A box of the avatar's frames, in pixels of its resolution."""

    x: int
    y: int
    width: int
    height: int

    @classmethod
    def enclosing(cls, x0: int, y0: int, x1: int, y1: int, frame_width: int, frame_height: int) -> "Region":
        """The even-sided box holding pixels [x0, x1) x [y0, y1), grown outwards, within an even-sized frame."""
        x0, y0 = max(x0 - x0 % 2, 0), max(y0 - y0 % 2, 0)
        x1, y1 = min(x1 + x1 % 2, frame_width), min(y1 + y1 % 2, frame_height)
        return cls(x0, y0, x1 - x0, y1 - y0)

    def as_event(self, avatar: Avatar) -> dict[str, int]:
        """The placement a `segment` event carries: the box and the full frame it belongs to."""
        return {"x": self.x, "y": self.y, "width": self.width, "height": self.height,
                "frame_width": avatar.width, "frame_height": avatar.height}


def face_region(avatar: Avatar, margin: int = MARGIN) -> Region:
    """The smallest even-sized box holding the mouth sprite, the moving head and the eyes at every loop position,
    plus `margin`."""
    w, h = avatar.mouth.box_size
    heads = np.array([HeadBox.above_mouth(float(x), float(y), w, h).bounds() for x, y in avatar.mouth_xy])  # [L, 4]
    if avatar.eyes is not None:  # blinks and gaze shifts change the eyes: inside the head already, unless it is small
        eyes = np.array([eyelids.bounds(avatar.eyes, (float(x), float(y))) for x, y in avatar.mouth_xy])
        heads = np.concatenate([np.minimum(heads[:, :2], eyes[:, :2]), np.maximum(heads[:, 2:], eyes[:, 2:])], axis=1)
    x0 = max(min(int(avatar.mouth_xy[:, 0].min()), int(heads[:, 0].min())) - margin, 0)
    y0 = max(min(int(avatar.mouth_xy[:, 1].min()), int(heads[:, 1].min())) - margin, 0)
    x1 = min(max(int(avatar.mouth_xy[:, 0].max()) + w, int(heads[:, 2].max())) + margin, avatar.width)
    y1 = min(max(int(avatar.mouth_xy[:, 1].max()) + h, int(heads[:, 3].max())) + margin, avatar.height)
    x0, y0 = x0 - x0 % 2, y0 - y0 % 2
    width, height = (x1 - x0) - (x1 - x0) % 2, (y1 - y0) - (y1 - y0) % 2
    return Region(x0, y0, width, height)
