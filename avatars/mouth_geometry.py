"""The mouth of a tracked face: where it is, the box and feathered mask the engine pastes, and how open it is.

Everything here works on face-aligned crops of the lower face at 720p ("work crops"): the crop
follows the face, so the mouth sits at the same crop position in every frame. Lengths are in
face heights/widths of the Haar box so that the numbers hold for any face size.
"""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from avatars import landmarks
from avatars.landmarks import FaceLandmarks

CROP = (-0.65, 0.35, 0.65, 1.45)  # work crop around the face: x from the centre, y from the top (face w / h);
# wide enough that the mouth box fits wherever LIP_SEARCH can put the mouth
MOUTH_GUESS_Y = 0.79  # mouth slit below the face box top (face heights), when the lips cannot be found
LIP_SEARCH = (0.22, 0.62, 0.95)  # half width (face w) and y range (face h from the top) where lips are sought
LIP_PERCENTILE = 99  # the reddest pixels of the search area (lips); half way to the median (skin) is the threshold
LIP_MIN_CONTRAST = 8.0  # Lab a* units lips must stand out from skin by, or the guess is used
LIP_COLUMN_SHARE = 0.05  # a column with this share of lip pixels lies between the lip corners
SLIT_COLUMNS = 0.06  # face w either side of the centre where the slit is sought
SLIT_SPAN = (0.15, 0.85)  # the slit is the darkest row in this part of the lips' height (top to bottom)
TEETH_CHROMA = 0.6  # rows inside the lips as bright as skin but this much less coloured are teeth
SLIT_FIT = 0.8  # lip half widths either side of the centre where the slit's curve is fitted
MAX_CORNER_DROP = 0.08  # face h: the slit's corners lie at most this far above or below its centre
DEFAULT_HALF_WIDTH = 0.2  # face w: half the mouth width when the lips cannot be measured
BOX = (0.40, 0.20, 0.40)  # mouth box: half width (face w), above and below the slit (face h)
MASK_AXES = (0.33, 0.26)  # mask ellipse semi-axes (face w, face h)
MASK_CENTRE_DY = 0.08  # face h the ellipse's centre lies below the slit (the chin moves, the nose does not)
MASK_FEATHER = 0.025  # face h: Gaussian softness of the mask edge
OPEN_BAND = (0.10, 0.12, 0.14)  # openness: half width (face w) of the columns, rows above / below the slit (face h)
SKIN_ROWS = (0.17, 0.10)  # face h above the slit: the strip whose colour is "skin"
PARTED_AT_REST = 0.012  # face h between the inner lips at rest: teeth (or the mouth) already show
NON_SKIN = 16.0  # Lab distance (8-bit units) from skin that marks lips, teeth or mouth cavity


@dataclass(frozen=True)
class LipLandmarks:
    """Rows (work-crop px) of the features the mouth warp bends around, from the 68 face landmarks."""

    nose_y: float  # base of the nose: the upper lip's rise fades out here
    lip_bottom: float  # lower edge of the lower lip at the centre
    chin_y: float  # tip of the chin: the jaw's drop fades out below it
    jaw_half: float  # px from the mouth centre to the jaw line beside the mouth


@dataclass(frozen=True)
class MouthGeometry:
    """The mouth in work-crop pixels and the face size it was measured on."""

    face_w: float  # px at 720p
    face_h: float
    cx: float  # mouth centre x in the work crop
    slit_y: float  # the line where the lips meet
    half_width: float  # px from the centre to a lip corner
    teeth: bool  # teeth already show (a smile): the open mouth needs no painted teeth
    curve: float = 0.0  # px per px^2: the slit at x lies curve * (x - cx)^2 below slit_y (< 0: corners up)
    landmarks: "LipLandmarks | None" = None  # from the face landmarks, when they were found

    def slit_at(self, xs: np.ndarray) -> np.ndarray:
        """Row of the slit at columns `xs` of the work crop."""
        return self.slit_y + self.curve * (xs - self.cx) ** 2

    @property
    def box(self) -> tuple[int, int, int, int]:
        """Mouth box (x, y, w, h) in work-crop pixels."""
        hw, up, down = BOX
        x0, y0 = int(round(self.cx - hw * self.face_w)), int(round(self.slit_y - up * self.face_h))
        return x0, y0, int(round(2 * hw * self.face_w)), int(round((up + down) * self.face_h))

    def mask(self) -> np.ndarray:
        """Feathered ellipse over lips, jaw and chin [h, w] float32 0..1, zero on the box border."""
        x0, y0, w, h = self.box
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        ax, ay = MASK_AXES[0] * self.face_w, MASK_AXES[1] * self.face_h
        cy = self.slit_y + MASK_CENTRE_DY * self.face_h - y0
        inside = (((xx - (self.cx - x0)) / ax) ** 2 + ((yy - cy) / ay) ** 2 <= 1.0).astype(np.float32)
        sigma = MASK_FEATHER * self.face_h
        mask = cv2.GaussianBlur(inside, (0, 0), sigma)
        edge = np.minimum.reduce([xx, yy, w - 1 - xx, h - 1 - yy])
        return (mask * np.clip(edge / (2 * sigma), 0.0, 1.0)).astype(np.float32)

    def cut(self, crop: np.ndarray) -> np.ndarray:
        """The mouth box of a work crop."""
        x0, y0, w, h = self.box
        return crop[y0 : y0 + h, x0 : x0 + w]


def crop_size(face_w: float, face_h: float) -> tuple[int, int]:
    """(w, h) of a work crop for a face of this size."""
    x0, y0, x1, y1 = CROP
    return int(round((x1 - x0) * face_w)), int(round((y1 - y0) * face_h))


def crop_centre(face_x: float, face_y: float, face_w: float, face_h: float) -> tuple[float, float]:
    """Centre of the work crop (720p px) for a face box at 720p."""
    x0, y0, x1, y1 = CROP
    return face_x + face_w / 2 + (x0 + x1) / 2 * face_w, face_y + (y0 + y1) / 2 * face_h


def from_landmarks(lm: FaceLandmarks, face_w: float, face_h: float) -> MouthGeometry:
    """The mouth of landmarks given in work-crop pixels: the slit is where the inner lips meet.

    With the lips parted at rest (a smile showing teeth) the mouth opens below the upper teeth, at
    the inner edge of the lower lip, so the teeth stay with the upper jaw.
    """
    upper, lower = lm.curve(landmarks.INNER_UPPER), lm.curve(landmarks.INNER_LOWER)
    corners = lm.points[[48, 54]]
    cx = float(corners[:, 0].mean())
    parted = float(lower[2, 1] - upper[2, 1]) > PARTED_AT_REST * face_h
    seam = lower if parted else (upper + lower) / 2  # [5, 2]
    design = np.stack([np.ones(len(seam)), (seam[:, 0] - cx) ** 2], axis=1)
    (centre, curve), *_ = np.linalg.lstsq(design, seam[:, 1], rcond=None)
    half = float(np.clip((corners[1, 0] - corners[0, 0]) / 2, 0.1 * face_w, 0.3 * face_w))
    limit = MAX_CORNER_DROP * face_h / half**2
    jaw = lm.points[list(landmarks.JAW_SIDES)]
    extra = LipLandmarks(float(lm.points[landmarks.NOSE_BASE, 1]), float(lm.points[57, 1]), float(lm.points[landmarks.CHIN, 1]),
                         float(max((jaw[1, 0] - jaw[0, 0]) / 2, 1.2 * half)))
    return MouthGeometry(face_w, face_h, cx, float(centre), half, parted, float(np.clip(curve, -limit, limit)), extra)


def locate(crop: np.ndarray, face_w: float, face_h: float) -> MouthGeometry:
    """Find the lips in a work crop of a (preferably closed) mouth: redness gives their extent, then the slit."""
    cw = crop.shape[1]
    top = -CROP[1] * face_h  # face box top in crop coordinates
    guess = MouthGeometry(face_w, face_h, cw / 2, top + MOUTH_GUESS_Y * face_h, DEFAULT_HALF_WIDTH * face_w, False)
    hw, ya, yb = LIP_SEARCH
    x0, y0 = int(cw / 2 - hw * face_w), int(top + ya * face_h)
    lab = cv2.cvtColor(crop[y0 : int(top + yb * face_h), x0 : int(cw / 2 + hw * face_w)], cv2.COLOR_BGR2LAB).astype(np.float32)
    red = lab[..., 1]
    skin, reddest = np.median(red), np.percentile(red, LIP_PERCENTILE)
    if reddest - skin < LIP_MIN_CONTRAST:
        return guess
    lips = red >= (skin + reddest) / 2
    cx = float(np.nonzero(lips)[1].mean())  # search-area coordinates
    c0, c1 = int(cx - SLIT_COLUMNS * face_w), int(cx + SLIT_COLUMNS * face_w) + 1
    lip_rows = np.flatnonzero(lips[:, c0:c1].mean(axis=1) > 0.5)
    lip_cols = np.flatnonzero(lips.mean(axis=0) > LIP_COLUMN_SHARE)
    if not len(lip_rows):
        return guess
    half = float(np.clip(max(cx - lip_cols.min(), lip_cols.max() - cx), 0.1 * face_w, 0.3 * face_w))
    r0, r1 = lip_rows.min(), lip_rows.max() + 1
    skin_lab = np.median(lab.reshape(-1, 3), axis=0)
    teeth = np.flatnonzero(_teeth_like(lab[r0:r1, c0:c1].mean(axis=1), skin_lab))
    span = lab[r0:r1, max(0, int(cx - SLIT_FIT * half)) : int(cx + SLIT_FIT * half) + 1]
    centre, curve = _slit(span, skin_lab, teeth, cx - max(0, int(cx - SLIT_FIT * half)), face_h, half)
    return MouthGeometry(face_w, face_h, x0 + cx, float(y0 + r0 + centre), half, len(teeth) >= 2, curve)


def _teeth_like(lab: np.ndarray, skin: np.ndarray) -> np.ndarray:
    """bool [...]: which Lab colours [..., 3] look like teeth: as bright as the skin, much less coloured."""
    chroma = np.hypot(lab[..., 1] - 128, lab[..., 2] - 128)
    skin_chroma = float(np.hypot(skin[1] - 128, skin[2] - 128))
    return (chroma < TEETH_CHROMA * skin_chroma) & (lab[..., 0] >= skin[0])


def _slit(span: np.ndarray, skin: np.ndarray, teeth: np.ndarray, cx: float, face_h: float, half: float) -> tuple[float, float]:
    """Where the mouth opens in Lab lips [R, C, 3] (top of upper lip to bottom of lower): (row at cx, curvature).

    With teeth showing (a smile) the opening is just below the upper teeth, so that opening drops
    the lower lip and keeps the teeth with the upper jaw; otherwise it is the darkest row of the
    lips' middle part. Found per column, then fitted with a parabola (lips curve at the corners).
    """
    n = span.shape[0]
    if len(teeth) >= 2:
        white = _teeth_like(span, skin)  # [R, C]
        rows = np.where(white.any(axis=0), n - np.argmax(white[::-1], axis=0), np.nan)  # one past the lowest tooth
    else:
        a, b = int(SLIT_SPAN[0] * n), max(int(SLIT_SPAN[1] * n), int(SLIT_SPAN[0] * n) + 1)
        rows = a + np.argmin(span[a:b, :, 0], axis=0).astype(np.float64)
    dx = np.arange(span.shape[1]) - cx
    ok = np.isfinite(rows)
    if ok.sum() < 5:
        return float(np.nanmedian(rows)) if ok.any() else n / 2, 0.0
    design = np.stack([np.ones(ok.sum()), dx[ok] ** 2], axis=1)
    (centre, curve), *_ = np.linalg.lstsq(design, rows[ok], rcond=None)
    limit = MAX_CORNER_DROP * face_h / half**2
    return float(centre), float(np.clip(curve, -limit, limit))


def openness(crops: np.ndarray, geom: MouthGeometry) -> np.ndarray:
    """Per work crop [N, h, w, 3]: the height (face heights) from the top of the upper lip to the bottom of the lower.

    Measured in the central columns as the span of pixels that are not skin-coloured (lips, teeth,
    cavity), so teeth or a tongue inside an open mouth do not split it.
    """
    hw, up, down = OPEN_BAND
    x0, x1 = int(geom.cx - hw * geom.face_w), int(geom.cx + hw * geom.face_w) + 1
    y0, y1 = int(geom.slit_y - up * geom.face_h), int(geom.slit_y + down * geom.face_h) + 1
    s0, s1 = int(geom.slit_y - SKIN_ROWS[0] * geom.face_h), int(geom.slit_y - SKIN_ROWS[1] * geom.face_h)
    top = min(y0, s0)
    lab = np.stack([cv2.cvtColor(np.ascontiguousarray(c[top:y1, x0:x1]), cv2.COLOR_BGR2LAB) for c in crops]).astype(np.float32)
    skin = np.median(lab[:, s0 - top : s1 - top].reshape(len(crops), -1, 3), axis=1)  # [N, 3]
    diff = lab[:, y0 - top :] - skin[:, None, None, :]  # [N, rows, cols, 3]
    marked = np.sqrt(0.5 * diff[..., 0] ** 2 + diff[..., 1] ** 2 + diff[..., 2] ** 2) > NON_SKIN  # [N, rows, cols]
    rows = marked.shape[1]
    first = np.argmax(marked, axis=1)  # [N, cols]
    last = rows - 1 - np.argmax(marked[:, ::-1], axis=1)
    span = np.where(marked.any(axis=1), last - first + 1, 0)
    return np.median(span, axis=1) / geom.face_h
