"""Find a face without downloaded weights and follow it across frames.

OpenCV 4.x wheels bundle Haar cascades (`cv2.data.haarcascades`; 5.x dropped them). The cascade
finds the face once; after that the upper face (eyes, nose: rigid while talking, unlike the jaw)
is followed by normalised cross-correlation with sub-pixel peaks, which is steadier than
re-detecting every frame (Haar boxes jitter by several percent) and tells when the face is gone
(low correlation). Missing frames are interpolated from their neighbours, or held at the ends.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

import cv2
import numpy as np

from avatars.precompute_errors import FaceTooSmall, NoFaceError

CASCADE = "haarcascade_frontalface_alt2.xml"  # fewer false positives than _default on our test images
MIN_NEIGHBORS = 4  # overlapping detections a face needs
DETECT_LONG_SIDE = 640  # px: frames are scaled down to this for detection and tracking
MIN_DETECT_PX = 24  # px in the detection image (the cascade's window is 20 px)
MIN_FACE_PX = 64  # px in the source: a smaller face cannot give a usable mouth
TEMPLATE_BOX = (0.15, 0.10, 0.85, 0.62)  # upper face inside the Haar box (x0, y0, x1, y1 as fractions)
SEARCH_GROW = 0.5  # face widths searched around the last position
MATCH_MIN = 0.6  # correlation below this: the face is not visible in that frame
MAX_MISSING_SHARE = 0.5  # more missing frames than this and the input is refused


@dataclass(frozen=True)
class FaceBox:
    """An axis-aligned face rectangle in source pixels."""

    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class FaceTrack:
    """The face on a reference frame and how far it moved in every frame."""

    reference: FaceBox  # source px, as detected on frame `reference_index`
    reference_index: int
    offsets: np.ndarray  # [N, 2] float: (dx, dy) source px of the face vs the reference frame
    found: np.ndarray  # [N] bool: the face was seen (others are interpolated)
    score: np.ndarray  # [N] float: correlation with the reference (0 where not seen)


def load_detector(cascade: str = CASCADE) -> cv2.CascadeClassifier:
    """One of OpenCV's bundled frontal-face cascades (OpenCV 5 wheels no longer bundle them)."""
    folder = getattr(getattr(cv2, "data", None), "haarcascades", "")
    detector = cv2.CascadeClassifier(os.path.join(folder, cascade)) if folder else None
    if detector is None or detector.empty():
        raise RuntimeError(f"OpenCV {cv2.__version__} has no {cascade}: pip install 'opencv-python-headless>=4.10,<5'")
    return detector


def detect_faces(
    gray: np.ndarray, min_side: int, detector: cv2.CascadeClassifier | None = None, min_neighbors: int = MIN_NEIGHBORS,
) -> list[tuple[int, int, int, int]]:
    """Frontal faces (x, y, w, h) in an 8-bit grey image, largest first."""
    detector = detector or load_detector()
    faces = detector.detectMultiScale(
        cv2.equalizeHist(gray), scaleFactor=1.1, minNeighbors=min_neighbors, minSize=(min_side, min_side),
    )
    return sorted((tuple(int(v) for v in f) for f in faces), key=lambda f: -f[2] * f[3])


class FaceTracker:
    """Feed frames in order with `add`; `finish` returns the track or says why there is none."""

    def __init__(self, width: int, height: int) -> None:
        self._detector = load_detector()
        self._scale = min(1.0, DETECT_LONG_SIDE / max(width, height))
        self._size = (max(1, round(width * self._scale)), max(1, round(height * self._scale)))
        self._template: np.ndarray | None = None
        self._template_xy = np.zeros(2)  # top-left of the template on the reference frame (detection px)
        self._reference: FaceBox | None = None
        self._reference_index = -1
        self._last = np.zeros(2)  # last seen offset (detection px)
        self._lost = True
        self._offsets: list[np.ndarray] = []
        self._scores: list[float] = []

    def add(self, frame: np.ndarray) -> None:
        """Track the face in the next BGR frame."""
        gray = cv2.cvtColor(cv2.resize(frame, self._size, interpolation=cv2.INTER_AREA), cv2.COLOR_BGR2GRAY)
        if self._template is None:
            self._start(gray)
            return
        offset, score = self._match(gray)
        self._lost = score < MATCH_MIN
        if not self._lost:
            self._last = offset
        self._offsets.append(offset)
        self._scores.append(score)

    def finish(self) -> FaceTrack:
        """The track of all frames added; raises NoFaceError / FaceTooSmall."""
        n = len(self._scores)
        if self._reference is None:
            raise NoFaceError(f"no frontal face found in {n} frame(s); face the camera, well lit, unobstructed")
        ref = self._reference
        if min(ref.w, ref.h) < MIN_FACE_PX:
            raise FaceTooSmall(f"the face is {ref.w:.0f} px wide; at least {MIN_FACE_PX} px are needed (move closer)")
        score = np.asarray(self._scores, np.float64)
        found = score >= MATCH_MIN
        if found.sum() < n * (1 - MAX_MISSING_SHARE):
            raise NoFaceError(f"the face is visible in only {found.sum()} of {n} frames")
        offsets = np.stack(self._offsets) / self._scale
        idx = np.flatnonzero(found)
        t = np.arange(n)
        filled = np.stack([np.interp(t, idx, offsets[idx, k]) for k in (0, 1)], axis=1)
        return FaceTrack(ref, self._reference_index, filled, found, np.where(found, score, 0.0))

    def _start(self, gray: np.ndarray) -> None:
        """Look for the face in the whole frame; the first frame that shows it becomes the reference."""
        faces = detect_faces(gray, MIN_DETECT_PX, self._detector)
        if not faces:
            self._offsets.append(np.zeros(2))
            self._scores.append(0.0)
            return
        x, y, w, h = faces[0]
        tx0, ty0, tx1, ty1 = TEMPLATE_BOX
        self._template_xy = np.array([x + tx0 * w, y + ty0 * h]).round()
        x0, y0 = self._template_xy.astype(int)
        self._template = gray[y0 : y0 + round((ty1 - ty0) * h), x0 : x0 + round((tx1 - tx0) * w)].copy()
        s = self._scale
        self._reference = FaceBox(x / s, y / s, w / s, h / s)
        self._reference_index = len(self._scores)
        self._lost = False
        self._offsets.append(np.zeros(2))
        self._scores.append(1.0)

    def _match(self, gray: np.ndarray) -> tuple[np.ndarray, float]:
        """Offset (detection px) of the template's best match near the last position, and its correlation."""
        th, tw = self._template.shape
        if self._lost:
            x0, y0, x1, y1 = 0, 0, gray.shape[1], gray.shape[0]
        else:
            grow = SEARCH_GROW * tw
            cx, cy = self._template_xy + self._last
            x0, y0 = max(0, int(cx - grow)), max(0, int(cy - grow))
            x1, y1 = min(gray.shape[1], int(cx + tw + grow) + 1), min(gray.shape[0], int(cy + th + grow) + 1)
        if x1 - x0 < tw or y1 - y0 < th:
            return self._last, 0.0
        result = cv2.matchTemplate(gray[y0:y1, x0:x1], self._template, cv2.TM_CCOEFF_NORMED)
        _, best, _, (px, py) = cv2.minMaxLoc(result)
        peak = np.array([x0 + px + _subpixel(result[py, :], px), y0 + py + _subpixel(result[:, px], py)])
        return peak - self._template_xy, float(best)


def _subpixel(line: np.ndarray, i: int) -> float:
    """Offset of the vertex of a parabola through line[i-1..i+1] (0 at the edges)."""
    if not 0 < i < len(line) - 1:
        return 0.0
    a, b, c = (float(v) for v in line[i - 1 : i + 2])
    denom = a - 2 * b + c
    return float(np.clip(0.5 * (a - c) / denom, -0.5, 0.5)) if denom < 0 else 0.0
