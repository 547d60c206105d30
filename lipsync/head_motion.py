"""A head that moves while it speaks: nods on stressed syllables and at sentence ends, a slow sway, and the warp that shows it.

The track is computed per clip from its audio (frames 25 fps): a stressed syllable is a loudness peak
standing out from the clip's speech, and it dips the head briefly (a "beat" nod, as speakers do on
emphasis); the end of a sentence and each long pause get a slower, deeper nod; a sway of two slow
sinusoids (phases seeded by the clip's samples, so a clip always moves the same way) tilts and shifts
the head a little. The whole track fades in and out at the clip's ends, so every clip starts and ends
at the idle pose: segments and sentences still chain seamlessly with each other and the idle loop.

The warp moves a head-shaped ellipse above the mouth box (the mouth moves with it, being pasted
before), fading to nothing at the ellipse's rim, so shoulders and background stay where they are.
Lengths are in mouth-box sizes, so drawn and photo avatars of any size move alike.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import cv2
import numpy as np

from audio.clip import AudioClip
from lipsync.audio import analyse

NOD_DB = 4.0  # dB above the clip's median speech level that makes a syllable "stressed"
NOD_GAP = 0.7  # s: at most one beat nod in this time
NOD_SIGMA = 0.09  # s: Gaussian width of a beat nod
END_SIGMA = 0.16  # s: width of the sentence-end nod
PAUSE_S = 0.25  # s of silence inside a clip that counts as a phrase end
BEAT_DROP = 0.025  # mouth-box heights the head dips on a beat nod
END_DROP = 0.035  # ... and at a sentence end
SWAY = (0.012, 0.008, 0.8)  # sway amplitudes: x (box widths), y (box heights), roll (degrees)
SWAY_PERIODS = (3.1, 4.7)  # s: two incommensurate periods (no visible repetition)
FADE = (0.3, 0.45)  # s: motion fades in after the clip starts / out before it ends
HEAD = (0.86, 1.55, 0.42)  # head ellipse: half width (box w), half height (box h), centre above the box top (box h)
CORE = 0.7  # share of the ellipse that moves rigidly; the rest fades out
PIVOT_BELOW = 0.9  # box h below the box top: the neck, around which the head rolls


@dataclass(frozen=True)
class HeadTrack:
    """Per frame of a clip: head offset (box widths / heights) and roll (degrees); zero at both ends."""

    dx: np.ndarray  # [N]
    dy: np.ndarray  # [N] + is down (a nod)
    roll: np.ndarray  # [N] degrees, + clockwise on screen

    def at(self, frame: int) -> tuple[float, float, float]:
        """(dx, dy, roll) at `frame`; rest outside the track."""
        if 0 <= frame < len(self.dx):
            return float(self.dx[frame]), float(self.dy[frame]), float(self.roll[frame])
        return 0.0, 0.0, 0.0


def _bumps(times: list[float], t: np.ndarray, sigma: float) -> np.ndarray:
    """Sum of unit Gaussian bumps at `times`, capped at 1."""
    if not times:
        return np.zeros_like(t)
    return np.minimum(np.exp(-0.5 * ((t[:, None] - np.array(times)[None, :]) / sigma) ** 2).sum(axis=1), 1.0)


def head_track(clip: AudioClip, fps: int, n_frames: int) -> HeadTrack:
    """The head's motion for the clip's `n_frames` frames (see the module docstring)."""
    t = (np.arange(n_frames) + 0.5) / fps
    if n_frames == 0:
        return HeadTrack(t.copy(), t.copy(), t.copy())
    audio = analyse(clip, fps, n_frames)
    voiced = audio.voiced
    level = np.median(audio.db[voiced]) if voiced.any() else audio.peak_db
    beats: list[float] = []
    for i in range(1, n_frames - 1):
        peak = voiced[i] and audio.db[i] >= audio.db[i - 1] and audio.db[i] > audio.db[i + 1]
        if peak and audio.db[i] > level + NOD_DB and (not beats or t[i] - beats[-1] >= NOD_GAP):
            beats.append(float(t[i]))
    ends = [float(t[i]) for i in _phrase_ends(voiced, fps)]
    if voiced.any():
        ends.append(float(t[np.flatnonzero(voiced)[-1]]) + 0.05)  # the sentence's own end
    nod = BEAT_DROP * _bumps(beats, t, NOD_SIGMA) + END_DROP * _bumps(ends, t, END_SIGMA)
    rng = np.random.default_rng(int(np.abs(clip.samples[:: max(1, len(clip.samples) // 64)].astype(np.int64)).sum()))
    phase = rng.uniform(0, 2 * np.pi, 3)
    sway = [np.sin(2 * np.pi * t / SWAY_PERIODS[k % 2] + phase[k]) for k in range(3)]
    spoken = np.flatnonzero(voiced)
    if not len(spoken):
        return HeadTrack(np.zeros(n_frames), np.zeros(n_frames), np.zeros(n_frames))
    begin, finish = t[spoken[0]] - 0.5 / fps, min(t[spoken[-1]] + 3 * END_SIGMA, t[-1])  # rest on the last frame  # still in leading/trailing silence
    envelope = np.clip((t - begin) / FADE[0], 0, 1) * np.clip((finish - t) / FADE[1], 0, 1)
    envelope = envelope * envelope * (3 - 2 * envelope)
    return HeadTrack(SWAY[0] * sway[0] * envelope, (nod + SWAY[1] * sway[1]) * envelope, SWAY[2] * sway[2] * envelope)


def _phrase_ends(voiced: np.ndarray, fps: int) -> list[int]:
    """Last voiced frames before each pause of at least PAUSE_S inside the clip."""
    out, run = [], 0
    need = int(round(PAUSE_S * fps))
    for i in range(1, len(voiced)):
        run = 0 if voiced[i] else run + 1
        if run == need and voiced[: i - need + 1].any():
            out.append(i - need)
    return out


@dataclass(frozen=True)
class HeadBox:
    """Where the head is on an avatar's frames: the ellipse (px) that moves and the neck it rolls around."""

    cx: float
    cy: float
    half_w: float
    half_h: float
    pivot: tuple[float, float]
    box_w: float  # mouth box size: the track's unit
    box_h: float

    @classmethod
    def above_mouth(cls, mouth_x: float, mouth_y: float, box_w: float, box_h: float) -> "HeadBox":
        """The head over a mouth box whose top-left is (mouth_x, mouth_y)."""
        cx = mouth_x + box_w / 2
        return cls(cx, mouth_y - HEAD[2] * box_h, HEAD[0] * box_w, HEAD[1] * box_h, (cx, mouth_y + PIVOT_BELOW * box_h), box_w, box_h)

    def bounds(self, margin: float = 0.0) -> tuple[int, int, int, int]:
        """(x0, y0, x1, y1) of the ellipse plus `margin` px."""
        return (int(np.floor(self.cx - self.half_w - margin)), int(np.floor(self.cy - self.half_h - margin)),
                int(np.ceil(self.cx + self.half_w + margin)), int(np.ceil(self.cy + self.half_h + margin)))


@dataclass(frozen=True)
class WarpPlan:
    """What a patch's warp needs besides the motion: its coarse basis and the bands of rows that can move."""

    basis: np.ndarray  # [lh, lw, 5] float32 at every MAP_STEP px, one step beyond each side (see _plan)
    bands: tuple[tuple[int, int, int, int], ...]  # (row0, row1, col0, col1) in the patch: the ellipse, band by band


MAP_STEP = 4  # px between the warp map's exact samples; bilinear in between is within 0.03 px of exact here
BANDS = 16  # row bands the remap is cut into, each only as wide as the ellipse in it (~85 % of the patch)


@lru_cache(maxsize=32)
def _plan(head: HeadBox, x0: int, y0: int, w: int, h: int) -> WarpPlan:
    """The warp plan of a w x h patch at avatar px (x0, y0). The basis holds, per sample point: its patch
    coordinates, its offsets from the neck times its rigidity weight, and the weight; sample j sits at patch
    coordinate (j - 0.5) * MAP_STEP - 0.5, so a MAP_STEP-fold bilinear upscale, cropped by one step, lands its
    samples exactly on pixels and reproduces the linear (identity) part of the map exactly."""
    lw, lh = -(-w // MAP_STEP) + 2, -(-h // MAP_STEP) + 2
    xs, ys = np.meshgrid((np.arange(lw) - 0.5) * MAP_STEP - 0.5, (np.arange(lh) - 0.5) * MAP_STEP - 0.5)
    ax, ay = xs + x0, ys + y0  # avatar px
    r = np.sqrt(((ax - head.cx) / head.half_w) ** 2 + ((ay - head.cy) / head.half_h) ** 2)
    weight = np.clip((1.0 - r) / (1.0 - CORE), 0.0, 1.0)
    weight = weight * weight * (3 - 2 * weight)  # 1 inside the core, 0 at the rim
    px, py = head.pivot
    basis = np.stack([xs, ys, weight * (ax - px), weight * (ay - py), weight], axis=-1).astype(np.float32)
    bands = []
    for row0 in range(0, h, -(-h // BANDS)):
        row1 = min(row0 + -(-h // BANDS), h)
        # the ellipse's widest row in the band (the one nearest its centre), plus 2 px for the bilinear neighbours
        dy = max(0.0, max(row0 + y0 - head.cy, head.cy - (row1 - 1 + y0)))
        half = head.half_w * np.sqrt(max(0.0, 1.0 - (dy / head.half_h) ** 2))
        col0, col1 = max(int(np.floor(head.cx - half)) - 2 - x0, 0), min(int(np.ceil(head.cx + half)) + 2 - x0, w)
        if col1 > col0:
            bands.append((row0, row1, col0, col1))
    return WarpPlan(basis, tuple(bands))


def move_head(frame: np.ndarray, head: HeadBox, origin: tuple[int, int], motion: tuple[float, float, float]) -> None:
    """Warp the head in `frame` (in place; `origin` = frame's top-left in avatar px) by (dx, dy, roll)."""
    dx, dy, roll = motion
    if abs(dx) + abs(dy) + abs(roll) < 1e-4:
        return
    x0, y0, x1, y1 = head.bounds(2)
    fx0, fy0 = max(x0 - origin[0], 0), max(y0 - origin[1], 0)
    fx1, fy1 = min(x1 - origin[0], frame.shape[1]), min(y1 - origin[1], frame.shape[0])
    if fx1 <= fx0 or fy1 <= fy0:
        return
    # The head's own patch in patch coordinates, so a full frame and a face-region box give the same pixels.
    w, h = fx1 - fx0, fy1 - fy0
    plan = _plan(head, fx0 + origin[0], fy0 + origin[1], w, h)
    c, s = float(np.cos(np.deg2rad(roll))), float(np.sin(np.deg2rad(roll)))
    tx, ty = dx * head.box_w, dy * head.box_h
    # where each moved point came from: the inverse of rotate-about-the-neck then shift, blended by the weight,
    # map = p + w·(R⁻¹ - I)(p - neck) - w·R⁻¹t: exact on the coarse grid, upscaled bilinearly (it is smooth)
    coefficients = np.array([[1.0, 0.0], [0.0, 1.0], [c - 1, -s], [s, c - 1], [-(c * tx + s * ty), -(c * ty - s * tx)]],
                            np.float32)
    coarse = plan.basis @ coefficients  # [lh, lw, 2]
    lh, lw = coarse.shape[:2]
    maps = cv2.resize(coarse, (lw * MAP_STEP, lh * MAP_STEP), interpolation=cv2.INTER_LINEAR)
    maps = maps[MAP_STEP : MAP_STEP + h, MAP_STEP : MAP_STEP + w]
    patch = frame[fy0:fy1, fx0:fx1]
    source = patch.copy()
    for row0, row1, col0, col1 in plan.bands:  # outside the ellipse the map is the identity: those pixels stay
        cv2.remap(source, maps[row0:row1, col0:col1], None, cv2.INTER_LINEAR, dst=patch[row0:row1, col0:col1],
                  borderMode=cv2.BORDER_REPLICATE)
