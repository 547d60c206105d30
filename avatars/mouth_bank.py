"""A person's mouth shapes as the CPU engine's MouthBank: harvested from a talking video, or warped from a photo.

Harvest: every face-aligned work crop gets an openness (avatars.mouth_geometry.openness); the most
closed one is the rest shape and, for each open level, the crop nearest to it is taken (its
colour matched to the rest crop on the mask's rim, in case the camera's exposure drifted).
Synthesis (a photo, or a video whose mouth hardly moves): the jaw is lowered by a smooth warp
and the gap between the lips is painted as a dark cavity with a hint of upper teeth.
Either way, lip width comes from a horizontal warp around the mouth: spread for "ee",
narrowed for "oo".
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

import cv2
import numpy as np

from avatars import mouth_interior
from avatars.format import MouthBank
from avatars.mouth_geometry import MouthGeometry

log = logging.getLogger(__name__)

SYNTH_OPEN = np.linspace(0.0, 1.0, 7, dtype=np.float32)  # open levels drawn by warping
HARVEST_TARGETS = np.linspace(0.0, 1.0, 6, dtype=np.float32)  # open levels sought in a video
HARVEST_TOLERANCE = 0.08  # a level is kept when some frame lies this close to it (normalised openness)
WIDTH_LEVELS = np.array([-1.0, 0.0, 1.0], np.float32)  # rounded, neutral, spread
MIN_OPEN_RANGE = 0.03  # face heights of openness variation a video needs for harvesting
MIN_HARVEST_FRAMES = 10  # frames with a well-tracked face needed for harvesting
RANGE_PERCENTILES = (2.0, 98.0)  # openness of these percentiles = closed and fully open
JAW_DROP = 0.075  # face heights the lower lip and chin drop at open = 1
LIP_NEAR = (0.05, 0.12)  # face h below the slit: the lower lip (follows the lip shape) blends into the jaw
JAW_HALF = (0.22, 0.38)  # face w from the centre: the jaw moves fully / not at all
TAPER = (0.24, 0.38)  # face h below the slit: the warp fades out below the chin
LIP_SHAPE_POWER = 0.6  # shape of the gap between the lips across the mouth (1 = parabola)
GAP_WIDTH = 0.8  # the gap reaches this share of the way to the lip corners
SMILE_GAP_WIDTH = 0.68  # the same for a mouth smiling at rest
UPPER_RISE = 0.22  # the upper lip rises this share of the jaw's drop (the mouth opens at both lips)
SKIN_LIGHT = 175.0  # grey level of well-lit skin: teeth are drawn at TEETH brightness in that light
UPPER_REACH = 0.12  # face h above the slit where the upper lip's rise fades out (no landmarks: nose base unknown)
WIDTH_GAIN = {-1: 0.22, 1: 0.14}  # relative lip narrowing (rounded) / widening (spread) at width -1 / +1
WIDTH_ROWS = 0.07  # face h: vertical reach (Gaussian sigma) of the width warp around the slit
WIDTH_HALF = (1.1, 1.9)  # lip half widths: the width warp is full / zero this far from the centre (stays off the jaw line)


@dataclass(frozen=True)
class MouthShapes:
    """Work crops of the mouth at ascending openness, the first one closed."""

    open_levels: np.ndarray  # [O] float32, starts at 0
    crops: np.ndarray  # [O, h, w, 3] float32 work crops
    harvested: bool  # True: the person's own frames; False: warped from the rest crop


def _ramp(x: np.ndarray, a: float, b: float) -> np.ndarray:
    """Smoothstep from 0 at a to 1 at b (a > b gives the falling ramp)."""
    t = np.clip((x - a) / (b - a), 0.0, 1.0)
    return t * t * (3 - 2 * t)


def harvest(crops: np.ndarray, openness: np.ndarray, usable: np.ndarray, rest: int) -> MouthShapes | None:
    """Pick the person's own mouth shapes from work crops [N, h, w, 3] (crops[rest] closed); None if the mouth hardly moves."""
    idx = np.flatnonzero(usable)
    if len(idx) < MIN_HARVEST_FRAMES:
        return None
    lo, hi = np.percentile(openness[idx], RANGE_PERCENTILES)
    if hi - lo < MIN_OPEN_RANGE:
        log.info("mouth opens by only %.3f face heights in the video; synthesising shapes", hi - lo)
        return None
    norm = np.clip((openness[idx] - lo) / (hi - lo), 0.0, 1.0)
    levels, picks = [0.0], [rest]
    for target in HARVEST_TARGETS[1:]:
        k = int(np.argmin(np.abs(norm - target)))
        if abs(norm[k] - target) <= HARVEST_TOLERANCE or target == HARVEST_TARGETS[-1]:
            levels.append(float(target))
            picks.append(int(idx[k]))
    return MouthShapes(np.array(levels, np.float32), crops[picks].astype(np.float32), True)


def synthesize(rest: np.ndarray, geom: MouthGeometry) -> MouthShapes:
    """Open the mouth of a closed-mouth work crop by warping the jaw and painting the gap."""
    rest = rest.astype(np.float32)
    return MouthShapes(SYNTH_OPEN.copy(), np.stack([_open_mouth(rest, geom, float(o)) for o in SYNTH_OPEN]), False)


def bank(shapes: MouthShapes, geom: MouthGeometry) -> MouthBank:
    """The 720p MouthBank: each shape at every lip width, cut to the mouth box, with the shared mask."""
    mask = geom.mask()
    rest = shapes.crops[0]
    sprites = np.empty((len(shapes.open_levels), len(WIDTH_LEVELS), *mask.shape, 3), np.uint8)
    for i, crop in enumerate(shapes.crops):
        if shapes.harvested and i:
            crop = _match_colour(crop, rest, geom, mask)
        for j, width in enumerate(WIDTH_LEVELS):
            sprites[i, j] = np.clip(np.rint(geom.cut(_widen(crop, geom, float(width)))), 0, 255).astype(np.uint8)
    return MouthBank(shapes.open_levels.astype(np.float32), WIDTH_LEVELS.copy(), sprites, mask)


def _open_mouth(rest: np.ndarray, geom: MouthGeometry, open_: float) -> np.ndarray:
    """The rest crop with the jaw lowered and the upper lip raised by `open_` (0..1), the inside of the mouth behind them."""
    if open_ <= 0:
        return rest.copy()
    h, w = rest.shape[:2]
    fw, fh = geom.face_w, geom.face_h
    xs, ys = np.arange(w, dtype=np.float32), np.arange(h, dtype=np.float32)
    dx = np.abs(xs - geom.cx)
    reach = (SMILE_GAP_WIDTH if geom.teeth else GAP_WIDTH) * geom.half_width  # a smile's corners stay closed, curled up
    lip = np.clip(1.0 - (dx / reach) ** 2, 0.0, 1.0) ** LIP_SHAPE_POWER  # [w] gap shape
    slit = geom.slit_at(xs)  # [w]
    below = ys[:, None] - slit[None, :]  # [h, w]
    lm = geom.landmarks
    if lm is None:  # lengths in face heights, as measured on typical faces
        near_rows, taper_rows, jaw_half, rise_rows = LIP_NEAR, TAPER, (JAW_HALF[0] * fw, JAW_HALF[1] * fw), UPPER_REACH * fh
        near_rows, taper_rows = (near_rows[0] * fh, near_rows[1] * fh), (taper_rows[0] * fh, taper_rows[1] * fh)
    else:  # the person's own lip, chin, nose and jaw line
        lip_depth = max(lm.lip_bottom - geom.slit_y, 0.03 * fh)
        near_rows = (lip_depth, lip_depth + 0.06 * fh)
        chin = max(lm.chin_y - geom.slit_y, 0.15 * fh)
        taper_rows = (chin, chin + 0.10 * fh)
        jaw_half = (0.6 * lm.jaw_half, 1.05 * lm.jaw_half)
        rise_rows = max(geom.slit_y - lm.nose_y, 0.05 * fh)
    jaw = _ramp(dx, jaw_half[1], jaw_half[0])  # [w]
    near = _ramp(below, near_rows[1], near_rows[0])
    taper = _ramp(below, taper_rows[1], taper_rows[0]) * (below >= 0)
    drop = JAW_DROP * fh * open_
    rise = 0.0 if geom.teeth else UPPER_RISE * drop  # a smile's upper lip is raised already; its teeth stay put
    up_weight = _ramp(-below, rise_rows, 0.0) * (below < 0)  # 1 at the lip line, 0 at the nose
    disp = drop * (near * lip[None, :] + (1 - near) * jaw[None, :]) * taper - rise * lip[None, :] * up_weight  # [h, w]
    map_x = np.broadcast_to(xs[None, :], (h, w)).astype(np.float32)
    map_y = (ys[:, None] - disp).astype(np.float32)
    out = cv2.remap(rest, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    lips = geom.cut(rest)
    lip_colour = np.percentile(lips.reshape(-1, 3), 25, axis=0)  # the lips' darker tone (skin fills most of the box)
    light = float(np.percentile(cv2.cvtColor(np.clip(lips, 0, 255).astype(np.uint8), cv2.COLOR_BGR2GRAY), 75)) / SKIN_LIGHT
    return mouth_interior.paint(out, lip_colour, light, geom, slit - rise * lip, slit + drop * lip)


def _widen(crop: np.ndarray, geom: MouthGeometry, width: float) -> np.ndarray:
    """Stretch (width > 0) or narrow (width < 0) the lips horizontally around the mouth's centre."""
    if width == 0:
        return crop
    h, w = crop.shape[:2]
    gain = width * WIDTH_GAIN[1 if width > 0 else -1]  # signed: < 0 narrows
    xs, ys = np.arange(w, dtype=np.float32), np.arange(h, dtype=np.float32)
    rel = xs - geom.cx
    reach = np.exp(-0.5 * ((ys - geom.slit_y) / (WIDTH_ROWS * geom.face_h)) ** 2)[:, None]  # [h, 1]
    fade = _ramp(np.abs(rel), WIDTH_HALF[1] * geom.half_width, WIDTH_HALF[0] * geom.half_width)[None, :]  # [1, w]
    scale = 1.0 + gain * reach * fade  # [h, w]: > 1 samples nearer the centre (wider lips)
    map_x = (geom.cx + rel[None, :] / scale).astype(np.float32)
    map_y = np.broadcast_to(ys[:, None], (h, w)).astype(np.float32)
    return cv2.remap(crop, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)


def _match_colour(crop: np.ndarray, rest: np.ndarray, geom: MouthGeometry, mask: np.ndarray) -> np.ndarray:
    """Shift a harvested crop's colour so that the mask's rim matches the rest crop (exposure drift)."""
    rim = (mask > 0.05) & (mask < 0.5)
    if not rim.any():
        return crop
    offset = geom.cut(rest)[rim].mean(axis=0) - geom.cut(crop)[rim].mean(axis=0)
    return crop + offset
