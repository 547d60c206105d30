"""What a drawn person is: style, pose and the face geometry shared by the drawing modules."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from avatars.paint import mirror, spline

CX = 640.0  # design x of the face's centre line
MOUTH_Y = 358.0  # design y of the closed lips' meeting line
JAW_PIVOT_Y = 345.0  # contour points below this follow the jaw when the mouth opens
CHIN_Y = 407.0  # design y of the chin's lowest point at rest
JAW_DROP = 10.0  # design px the chin drops at open = 1
BGR = tuple[float, float, float]


@dataclass(frozen=True)
class Pose:
    """What moves: mouth opening 0..1, mouth width -1 (rounded) .. +1 (spread), eyelids 0 open .. 1 shut."""

    open: float = 0.0
    width: float = 0.0
    eyelid: float = 0.0


@dataclass(frozen=True)
class PersonStyle:
    """Everything that makes one interviewer look like themselves."""

    skin: BGR
    skin_shadow: BGR
    lip: BGR
    lip_dark: BGR
    iris: BGR
    hair: BGR
    hair_light: BGR
    brow: BGR
    jacket: BGR
    shirt: BGR
    accent: BGR  # tie or necklace
    face_half: tuple[tuple[float, float], ...]  # right half of the face contour, (dx, y), top to chin
    hairdo: str  # "bob" or "short"
    outfit: str  # "blouse" or "tie"
    light: float  # -1 light from the viewer's left, +1 from the right
    mouth_half_width: float = 31.0
    eye_dx: float = 41.0  # eye centre offset from the centre line
    eye_y: float = 272.0
    eye_tilt: float = 1.5  # outer corner rises this many design px
    lashes: float = 1.0  # lash line weight
    brow_weight: float = 1.0
    brow_arch: float = 1.0
    blush: float = 0.25  # cheek colour opacity
    lip_thickness: float = 1.0
    stubble: float = 0.0  # shaved-beard shadow opacity
    neck_half: float = 44.0  # design px
    shoulder: float = 205.0  # design px from the centre line to the shoulder point


def jaw_offset(y: np.ndarray, pose: Pose) -> np.ndarray:
    """Downward shift of face points at design heights `y` for the pose's jaw opening."""
    k = np.clip((y - JAW_PIVOT_Y) / (CHIN_Y - JAW_PIVOT_Y), 0.0, 1.0)
    return k * JAW_DROP * pose.open


def symmetric(right: Sequence[tuple[float, float]]) -> np.ndarray:
    """A closed outline mirrored about the centre line from its right half (dx, y), top centre to bottom centre."""
    half = np.array([(CX + dx, y) for dx, y in right])
    return np.vstack([half, mirror(half[-2:0:-1], CX)])


def face_contour(style: PersonStyle, pose: Pose) -> np.ndarray:
    """Closed face outline (design coords) with the jaw lowered for the pose."""
    pts = symmetric(style.face_half)
    pts[:, 1] += jaw_offset(pts[:, 1], pose)
    return spline(pts, closed=True, per_seg=10)


def mix(a: BGR, b: BGR, t: float) -> BGR:
    """Colour between a (t=0) and b (t=1)."""
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t)
