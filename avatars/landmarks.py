"""68 face landmarks from dlib's shape predictor, whose model installs with `face-recognition-models` (no download).

Why dlib: its HOG face detector ships inside the `dlib-bin` wheel and the iBUG-68 shape predictor
inside `face-recognition-models`, so both install from PyPI and nothing is fetched at run time;
mediapipe's bundled face mesh needs numpy < 2 (this project runs numpy 2) and OpenCV 5's
facemark models are separate downloads. The 68 points give the lip corners, the inner and outer lip
contours, the chin and the nose base, which the mouth warp (avatars.mouth_bank) needs to move the
photo's own lips. The iBUG-300W training data behind the model allows research use only; an operator
who ships commercially swaps in a licensed predictor file (same format) via `FACE_LANDMARK_MODEL`.
"""
from __future__ import annotations

import importlib.util
import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

log = logging.getLogger(__name__)

MODEL_FILE = "shape_predictor_68_face_landmarks.dat"
MODEL_ENV = "FACE_LANDMARK_MODEL"  # an operator's own predictor file in dlib's format
UPSAMPLE = 1  # dlib detector upsampling: finds faces down to ~40 px
CHIN, NOSE_BASE = 8, 33
OUTER_LIPS = slice(48, 60)
INNER_UPPER = (60, 61, 62, 63, 64)  # left corner to right corner
INNER_LOWER = (60, 67, 66, 65, 64)
OUTER_UPPER = (48, 49, 50, 51, 52, 53, 54)
OUTER_LOWER = (48, 59, 58, 57, 56, 55, 54)
JAW_SIDES = (4, 12)  # jaw contour beside the mouth
EYES = (((36, 37, 38, 39), (36, 41, 40, 39)), ((42, 43, 44, 45), (42, 47, 46, 45)))  # (upper, lower) lid, corner to corner

_lock = threading.Lock()
_models: tuple | None = None


@dataclass(frozen=True)
class FaceLandmarks:
    """The 68 iBUG points [68, 2] (x, y) in the pixels of the image they were found on."""

    points: np.ndarray

    def shifted(self, dx: float, dy: float) -> "FaceLandmarks":
        """The same points in an image whose origin lies at (dx, dy) of this one."""
        return FaceLandmarks(self.points - np.array([dx, dy], np.float64))

    def curve(self, idx: tuple[int, ...]) -> np.ndarray:
        """[k, 2] points of one contour."""
        return self.points[list(idx)]


def model_path() -> Path | None:
    """The predictor file: $FACE_LANDMARK_MODEL, else the one in face-recognition-models; None if neither exists."""
    if os.environ.get(MODEL_ENV):
        path = Path(os.environ[MODEL_ENV])
        return path if path.is_file() else None
    spec = importlib.util.find_spec("face_recognition_models")  # not imported: its __init__ needs pkg_resources
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(spec.submodule_search_locations[0]) / "models" / MODEL_FILE
    return path if path.is_file() else None


def _load() -> tuple | None:
    """(detector, predictor), loaded once; None with a warning when dlib or the model is missing."""
    global _models
    with _lock:
        if _models is None:
            path = model_path()
            try:
                import dlib
            except ImportError:
                log.warning("dlib is not installed (pip install 'dlib-bin==20.0.*'); photo mouths use colour-based lip finding")
                return None
            if path is None:
                log.warning("no %s (pip install 'face-recognition-models==0.3.*'); photo mouths use colour-based lip finding", MODEL_FILE)
                return None
            _models = (dlib.get_frontal_face_detector(), dlib.shape_predictor(str(path)))
        return _models


def find(image: np.ndarray, near: tuple[float, float, float, float] | None = None) -> FaceLandmarks | None:
    """Landmarks of the face in a BGR image (the detection nearest `near` = (x, y, w, h) if given); None if none."""
    models = _load()
    if models is None:
        return None
    import dlib

    detector, predictor = models
    rgb = np.ascontiguousarray(cv2.cvtColor(image, cv2.COLOR_BGR2RGB))
    faces = list(detector(rgb, UPSAMPLE))
    if not faces and near is not None:
        x, y, w, h = near
        faces = [dlib.rectangle(int(x), int(y), int(x + w), int(y + h))]
    if not faces:
        return None
    if near is not None:
        cx, cy = near[0] + near[2] / 2, near[1] + near[3] / 2
        faces.sort(key=lambda r: (r.center().x - cx) ** 2 + (r.center().y - cy) ** 2)
    shape = predictor(rgb, faces[0])
    return FaceLandmarks(np.array([(shape.part(i).x, shape.part(i).y) for i in range(68)], np.float64))
