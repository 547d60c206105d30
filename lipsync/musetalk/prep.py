"""Prepare a precomputed avatar for the `musetalk` engine: face boxes, VAE latents, blend masks.

    python -m lipsync.musetalk.prep AVATAR_DIR [AVATAR_DIR ...] --musetalk-path PATH [--extra-margin 10]
           [--device auto] [--face-box X1,Y1,X2,Y2]

Steps per avatar folder (one written by avatars.generate / avatars.precompute):
  1. face box on a reference frame: OpenCV's bundled Haar cascade (no downloaded weights), else the box
     given on the command line, else one derived from the avatar's mouth box; mapped to MuseTalk's crop
     (nose-to-chin mirrored upward, chin + extra_margin below) and moved with the mouth in every frame;
  2. each unique frame's crop resized to 256 x 256 (Lanczos) and encoded by the VAE: lower-half-masked ⊕
     full crop, the posterior's mean (deterministic) → musetalk_latents.safetensors;
  3. a blend mask per frame: MuseTalk v1.5's `jaw` face parsing when models/face-parse-bisent/79999_iter.pth
     exists, else a jaw-shaped ellipse; then MuseTalk's rules (lower half only, Gaussian feather);
  4. "musetalk" added to the manifest's engines. The avatar's loop (ping-pong) picks rows like frames.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
from pathlib import Path

import cv2
import numpy as np

from avatars.face_track import detect_faces, load_detector
from avatars.format import MANIFEST, Avatar, load_avatar, write_manifest
from lipsync.base import LipsyncError
from lipsync.musetalk.avatar_data import MuseTalkData, save_data
from lipsync.musetalk.blend import FACE_SIZE, crop_padded, crop_square, feather, jaw_mask
from lipsync.musetalk.layout import FACE_PARSE_DIR, FACE_PARSE_WEIGHTS, ModelPaths

log = logging.getLogger(__name__)

ENGINE = "musetalk"
DEFAULT_EXTRA_MARGIN = 10  # px below the chin (MuseTalk v1.5's default)
ENCODE_BATCH = 8  # crops per VAE call
CASCADE = "haarcascade_frontalface_default.xml"  # HAAR_TO_CROP below is relative to its boxes (alt2's are tighter)
MIN_NEIGHBORS = 5  # overlapping detections a face needs
MIN_FACE_FRACTION = 0.08  # a detected face must be at least this fraction of the frame height
# Where MuseTalk's landmark crop sits inside a Haar face rectangle (fractions of its width / height):
# the jaw's x extent, the nose-to-chin distance mirrored above the nose (y1) and the chin (y2).
HAAR_TO_CROP = (0.06, 0.12, 0.94, 1.00)
# The same crop relative to the avatar's mouth box when no face is detected (units of the box's width/height).
MOUTH_TO_CROP = (-0.30, -0.90, 1.30, 1.00)


def reference_box(avatar: Avatar, face_box: tuple[int, int, int, int] | None) -> np.ndarray:
    """MuseTalk's crop (x1, y1, x2, y2, before extra_margin) on the avatar's loop position 0."""
    if face_box is not None:
        return np.asarray(face_box, dtype=np.float64)
    frame = avatar.idle_frame(0)
    min_side = int(MIN_FACE_FRACTION * frame.shape[0])
    faces = detect_faces(cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY), min_side, load_detector(CASCADE), MIN_NEIGHBORS)
    if faces:
        x, y, w, h = faces[0]  # the largest
        fx1, fy1, fx2, fy2 = HAAR_TO_CROP
        return np.array([x + fx1 * w, y + fy1 * h, x + fx2 * w, y + fy2 * h])
    log.warning("%s: no face detected; deriving the face box from the mouth box", avatar.id)
    (mx, my), (bw, bh) = avatar.mouth_xy[0], avatar.mouth.box_size
    fx1, fy1, fx2, fy2 = MOUTH_TO_CROP
    return np.array([mx + fx1 * bw, my + fy1 * bh, mx + fx2 * bw, my + fy2 * bh])


def face_boxes(avatar: Avatar, extra_margin: int, face_box: tuple[int, int, int, int] | None = None) -> np.ndarray:
    """Face box per unique frame [U, 4] (x1, y1, x2, y2) with extra_margin, following the mouth's motion."""
    base = reference_box(avatar, face_box)
    base[3] += extra_margin
    boxes = np.zeros((len(avatar.frames), 4), dtype=np.int64)
    for row in range(len(avatar.frames)):
        position = int(np.flatnonzero(avatar.loop_index == row)[0]) if np.any(avatar.loop_index == row) else 0
        dx, dy = avatar.mouth_xy[position] - avatar.mouth_xy[0]
        x1, y1, x2, y2 = np.rint(base + [dx, dy, dx, dy]).astype(np.int64)
        boxes[row] = (max(0, x1), max(0, y1), min(avatar.width, x2), min(avatar.height, y2))
    if np.any(boxes[:, 2] - boxes[:, 0] < 16) or np.any(boxes[:, 3] - boxes[:, 1] < 16):
        raise ValueError(f"{avatar.id}: face box {boxes[0].tolist()} is too small or outside the frame")
    return boxes


def crops(avatar: Avatar, boxes: np.ndarray) -> np.ndarray:
    """Each unique frame's face box resized to 256 x 256 [U, 256, 256, 3] BGR uint8."""
    return np.stack([cv2.resize(frame[y1:y2, x1:x2], (FACE_SIZE, FACE_SIZE), interpolation=cv2.INTER_LANCZOS4)
                     for frame, (x1, y1, x2, y2) in zip(avatar.frames, boxes)])


def encode_latents(faces: np.ndarray, musetalk_path: str, device: str = "auto") -> np.ndarray:
    """VAE latents [U, 8, 32, 32] of the crops (imports torch: preparation only)."""
    from lipsync.musetalk.infer import encode_faces
    from lipsync.musetalk.models import go_offline, load_vae, prepare, resolve_device

    go_offline()
    torch_device, dtype = resolve_device(device)
    vae = prepare(load_vae(ModelPaths.from_root(musetalk_path)), torch_device, dtype)
    return np.concatenate([encode_faces(vae, faces[i: i + ENCODE_BATCH], torch_device, dtype)
                           for i in range(0, len(faces), ENCODE_BATCH)])


def blend_masks(avatar: Avatar, boxes: np.ndarray, musetalk_path: str, device: str) -> tuple[np.ndarray, ...]:
    """Per unique frame, alpha over its face box: face parsing when its weights exist, else the jaw shape."""
    weights = Path(musetalk_path) / FACE_PARSE_DIR
    if not (weights / FACE_PARSE_WEIGHTS).is_file():
        log.info("no %s: using jaw-shaped masks", weights)
        return tuple(jaw_mask(int(x2 - x1), int(y2 - y1)) for x1, y1, x2, y2 in boxes)
    from lipsync.musetalk.face_parsing import jaw_region, load_parser
    from lipsync.musetalk.models import resolve_device

    net = load_parser(weights, resolve_device(device)[0])
    masks = []
    for frame, box in zip(avatar.frames, boxes):
        square, half = crop_square(box)
        region = jaw_region(net, crop_padded(frame, square))  # [2s, 2s] 0/255 over the blending square
        x1, y1, x2, y2 = box - np.concatenate([square[:2], square[:2]])
        masks.append(feather(region[y1:y2, x1:x2], int(square[1] + half - box[1])))
    return tuple(masks)


def add_engine(folder: Path, engine: str) -> None:
    """List `engine` in the manifest's engines (rewritten atomically)."""
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    if engine not in manifest.get("engines", []):
        manifest["engines"] = [*manifest.get("engines", []), engine]
        write_manifest(folder, manifest)


def prepare_avatar(folder: Path, musetalk_path: str, device: str = "auto", extra_margin: int = DEFAULT_EXTRA_MARGIN,
                   face_box: tuple[int, int, int, int] | None = None) -> MuseTalkData:
    """Write the MuseTalk files into an avatar folder and mark it as serving `musetalk`."""
    avatar = load_avatar(folder)
    boxes = face_boxes(avatar, extra_margin, face_box)
    latents = encode_latents(crops(avatar, boxes), musetalk_path, device)
    data = MuseTalkData(boxes, blend_masks(avatar, boxes, musetalk_path, device), extra_margin, avatar.source_hash)
    save_data(folder, latents, data)
    add_engine(folder, ENGINE)
    log.info("%s: MuseTalk data for %d frames, face box %s", avatar.id, len(boxes), boxes[0].tolist())
    return data


def main(argv: list[str] | None = None) -> int:
    """CLI entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path, help="avatar folders, e.g. precomputed/talk_long_720p")
    parser.add_argument("--musetalk-path", default=os.environ.get("MUSETALK_PATH", ""), help="MuseTalk root with models/")
    parser.add_argument("--device", default=os.environ.get("MUSETALK_DEVICE", "auto"))
    parser.add_argument("--extra-margin", type=int, default=DEFAULT_EXTRA_MARGIN, help="px added below the chin")
    parser.add_argument("--face-box", help="X1,Y1,X2,Y2 on loop frame 0 instead of detecting the face")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    box = tuple(int(v) for v in args.face_box.split(",")) if args.face_box else None
    if box is not None and len(box) != 4:
        parser.error("--face-box needs four integers X1,Y1,X2,Y2")
    for folder in args.folders:
        try:
            data = prepare_avatar(folder, args.musetalk_path, args.device, args.extra_margin, box)  # type: ignore[arg-type]
        except (LipsyncError, ValueError, OSError) as e:  # AvatarFormatError and MuseTalkDataError are ValueErrors
            parser.exit(2, f"error: {folder}: {e}\n")
        print(f"{folder}: {len(data.face_boxes)} frames prepared for musetalk, face box {data.face_boxes[0].tolist()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
