"""Convert a MuseTalk avatar folder (realtime_inference.py's cache) into a precomputed avatar serving `musetalk`.

    python -m lipsync.musetalk.import_legacy DIR --name NAME [--resolution 720p] [--root precomputed] [--force]

DIR holds coords.pkl, mask_coords.pkl, latents.pt, full_imgs/%08d.png and mask/%08d.png. The pickles are
read by a restricted unpickler that builds only numpy arrays/scalars, tuples and lists (anything else is
refused before it is constructed), latents.pt by torch.load(weights_only=True). Every input is read and
checked before anything is written; the result is renamed into place only when complete.
Frames are fitted (scaled, centred, black borders) into the chosen resolution; a ping-pong cycle
(frames + frames[::-1]) is stored once as unique frames with a ping-pong loop.
"""
from __future__ import annotations

import argparse
import hashlib
import io
import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from avatars.avatar_output import install
from avatars.format import AVATAR_ID_PATTERN, FPS, MAX_UNIQUE_FRAMES, RESOLUTIONS, Avatar, MouthBank
from lipsync.musetalk.prep import ENGINE
from lipsync.musetalk.avatar_data import MuseTalkData, save_data
from lipsync.musetalk.blend import jaw_mask

ALLOWED_GLOBALS = frozenset({  # what numpy needs to unpickle arrays and scalars (numpy 1 and 2 module names)
    ("numpy.core.multiarray", "_reconstruct"), ("numpy._core.multiarray", "_reconstruct"),
    ("numpy.core.multiarray", "scalar"), ("numpy._core.multiarray", "scalar"),
    ("numpy", "ndarray"), ("numpy", "dtype"),
    ("_codecs", "encode"),  # how pickle protocol 2 stores an array's raw bytes (torch's weights_only allows it too)
})
MOUTH_BOX_FRACTION = (0.25, 0.55, 0.75, 0.95)  # mouth box inside the face box (x1, y1, x2, y2 fractions)


class MuseTalkImportError(ValueError):
    """The MuseTalk folder is incomplete, inconsistent or holds something other than plain data."""


class RestrictedUnpickler(pickle.Unpickler):
    """Builds numpy arrays/scalars, tuples, lists and numbers; refuses every other global."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in ALLOWED_GLOBALS:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"refusing to load {module}.{name}: only numpy arrays, tuples and lists are allowed")

    def persistent_load(self, pid: Any) -> Any:
        raise pickle.UnpicklingError("refusing persistent ids")


def load_boxes(path: Path) -> np.ndarray:
    """A pickled list of 4-number boxes → int array [N, 4], through the restricted unpickler."""
    try:
        data = RestrictedUnpickler(io.BytesIO(path.read_bytes())).load()
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError) as e:
        raise MuseTalkImportError(f"{path.name}: {e}") from e
    if not isinstance(data, (list, tuple)) or not data:
        raise MuseTalkImportError(f"{path.name}: expected a non-empty list of boxes, got {type(data).__name__}")
    boxes = []
    for i, box in enumerate(data):
        values = np.asarray(box)
        if values.dtype == object or values.dtype.kind not in "iuf" or values.shape != (4,):
            raise MuseTalkImportError(f"{path.name}: entry {i} is not four numbers")
        boxes.append(values.astype(np.float64))
    return np.rint(np.stack(boxes)).astype(np.int64)


def load_latents(path: Path) -> np.ndarray:
    """latents.pt (a list of [1, 8, 32, 32] tensors, often fp16 on CUDA) → float32 [M, 8, 32, 32]."""
    import torch

    try:
        data = torch.load(path, map_location="cpu", weights_only=True)
    except (OSError, RuntimeError, pickle.UnpicklingError, EOFError) as e:
        raise MuseTalkImportError(f"{path.name}: {e}") from e
    tensors = list(data) if isinstance(data, (list, tuple)) else [data]
    if not tensors or not all(isinstance(t, torch.Tensor) for t in tensors):
        raise MuseTalkImportError(f"{path.name}: expected a list of tensors")
    latents = torch.cat([t.reshape(-1, 8, 32, 32) for t in tensors]).float().numpy()
    return latents


def read_images(folder: Path, flags: int) -> list[np.ndarray]:
    """Every PNG in `folder`, ordered by the integer in its name."""
    paths = sorted(folder.glob("*.png"), key=lambda p: int(p.stem) if p.stem.isdigit() else -1)
    images = [cv2.imread(str(p), flags) for p in paths]
    if not images or any(img is None for img in images) or any(not p.stem.isdigit() for p in paths):
        raise MuseTalkImportError(f"{folder.name}/: missing or unreadable numbered PNGs")
    return images


@dataclass(frozen=True, eq=False)
class MuseTalkFolder:
    """A legacy avatar read and checked: one entry per frame of its ping-pong cycle."""

    frames: list[np.ndarray]
    masks: list[np.ndarray]  # [2s, 2s] uint8 over each crop box
    boxes: np.ndarray  # [N, 4] face boxes
    crop_boxes: np.ndarray  # [N, 4] blending squares (may leave the frame)
    latents: np.ndarray  # [N, 8, 32, 32]
    digest: str


def read_folder(src: Path) -> MuseTalkFolder:
    """Read and cross-check every file of a MuseTalk avatar folder (nothing is written)."""
    boxes = load_boxes(src / "coords.pkl")
    crop_boxes = load_boxes(src / "mask_coords.pkl")
    latents = load_latents(src / "latents.pt")
    frames = read_images(src / "full_imgs", cv2.IMREAD_COLOR)
    masks = read_images(src / "mask", cv2.IMREAD_GRAYSCALE)
    n = len(frames)
    if not len(boxes) == len(crop_boxes) == len(latents) == len(masks) == n:
        raise MuseTalkImportError(f"counts differ: {n} frames, {len(masks)} masks, {len(boxes)} boxes, "
                                  f"{len(crop_boxes)} crop boxes, {len(latents)} latents (frames without a face?)")
    for i, ((x1, y1, x2, y2), (cx1, cy1, cx2, cy2)) in enumerate(zip(boxes, crop_boxes)):
        h, w = frames[i].shape[:2]
        if not (0 <= x1 < x2 <= w and 0 <= y1 < y2 <= h):
            raise MuseTalkImportError(f"frame {i}: face box {[x1, y1, x2, y2]} is empty or outside the {w}x{h} frame")
        if masks[i].shape != (cy2 - cy1, cx2 - cx1) or not (cx1 <= x1 and cy1 <= y1 and x2 <= cx2 and y2 <= cy2):
            raise MuseTalkImportError(f"frame {i}: mask or crop box does not surround the face box")
    digest = hashlib.sha256()
    for name in ("coords.pkl", "mask_coords.pkl", "latents.pt"):
        digest.update((src / name).read_bytes())
    digest.update(np.ascontiguousarray(np.stack(frames)).tobytes())
    return MuseTalkFolder(frames, masks, boxes, crop_boxes, latents, digest.hexdigest())


def ping_pong(frames: list[np.ndarray]) -> np.ndarray:
    """The loop over unique frames: [0..N-1, N-1..0] when the cycle is frames + frames[::-1], else every frame."""
    n = len(frames)
    if n % 2 == 0 and all(np.array_equal(frames[i], frames[n - 1 - i]) for i in range(n // 2)):
        return np.concatenate([np.arange(n // 2), np.arange(n // 2 - 1, -1, -1)])
    return np.arange(n)


def convert(legacy: MuseTalkFolder, avatar_id: str, resolution: str) -> tuple[Avatar, np.ndarray, MuseTalkData]:
    """The project-format avatar, its latents and MuseTalk data (frames fitted into `resolution`)."""
    width, height = RESOLUTIONS[resolution]
    loop = ping_pong(legacy.frames)
    unique = int(loop.max()) + 1
    if unique > MAX_UNIQUE_FRAMES:
        raise MuseTalkImportError(f"{unique} unique frames; at most {MAX_UNIQUE_FRAMES} are supported")
    h0, w0 = legacy.frames[0].shape[:2]
    scale = min(width / w0, height / h0)
    ox, oy = (width - round(w0 * scale)) // 2, (height - round(h0 * scale)) // 2
    frames, boxes, masks = [], [], []
    for i in range(unique):
        fitted = np.zeros((height, width, 3), np.uint8)
        resized = cv2.resize(legacy.frames[i], (round(w0 * scale), round(h0 * scale)), interpolation=cv2.INTER_AREA)
        fitted[oy: oy + resized.shape[0], ox: ox + resized.shape[1]] = resized
        frames.append(fitted)
        x1, y1, x2, y2 = legacy.boxes[i]
        cx1, cy1 = legacy.crop_boxes[i][:2]
        box = np.rint(np.array([x1, y1, x2, y2]) * scale + [ox, oy, ox, oy]).astype(np.int64)
        box = np.clip(box, 0, [width, height, width, height])
        face_mask = legacy.masks[i][y1 - cy1: y2 - cy1, x1 - cx1: x2 - cx1]  # the crop-box mask inside the face box
        masks.append(cv2.resize(face_mask, (int(box[2] - box[0]), int(box[3] - box[1])), interpolation=cv2.INTER_LINEAR))
        boxes.append(box)
    face_boxes = np.stack(boxes)
    avatar = Avatar(id=avatar_id, name=avatar_id.rsplit("_", 1)[0], display_name=avatar_id, resolution=resolution,
                    fps=FPS, width=width, height=height, frames=np.stack(frames), loop_index=loop,
                    mouth_xy=_mouth_xy(face_boxes, loop), mouth=_still_mouth(frames[0], face_boxes[0]),
                    engines=(ENGINE,), source_hash=legacy.digest)
    return avatar, legacy.latents[:unique], MuseTalkData(face_boxes, tuple(masks), 0, legacy.digest)


def _mouth_box(face_box: np.ndarray) -> np.ndarray:
    x1, y1, x2, y2 = face_box
    fx1, fy1, fx2, fy2 = MOUTH_BOX_FRACTION
    w, h = x2 - x1, y2 - y1
    return np.array([x1 + fx1 * w, y1 + fy1 * h, x1 + fx2 * w, y1 + fy2 * h]).astype(np.int64)


def _mouth_xy(face_boxes: np.ndarray, loop: np.ndarray) -> np.ndarray:
    """Mouth box top-left per loop position (the format requires one; MuseTalk itself uses the face boxes)."""
    return np.stack([_mouth_box(face_boxes[row])[:2] for row in loop])


def _still_mouth(frame: np.ndarray, face_box: np.ndarray) -> MouthBank:
    """A one-shape mouth bank cut from the frame: the format needs one, the `musetalk` engine does not use it."""
    x1, y1, x2, y2 = _mouth_box(face_box)
    sprite = frame[y1:y2, x1:x2]
    mask = jaw_mask(int(x2 - x1), int(y2 - y1)).astype(np.float32) / 255.0
    return MouthBank(np.array([0.0, 1.0], np.float32), np.array([0.0], np.float32),
                     np.stack([sprite, sprite])[:, None], mask)


def import_folder(src: Path, root: Path, name: str, resolution: str = "720p", force: bool = False) -> Path:
    """Convert `src` into `root/NAME_RESOLUTION/`; returns the new avatar folder."""
    avatar_id = f"{name}_{resolution}"
    if resolution not in RESOLUTIONS or not AVATAR_ID_PATTERN.fullmatch(avatar_id):
        raise MuseTalkImportError(f"invalid name {name!r} or resolution {resolution!r}")
    target = root / avatar_id
    if target.exists() and not force:
        raise MuseTalkImportError(f"{target} exists (use --force to replace it)")
    avatar, latents, data = convert(read_folder(src), avatar_id, resolution)
    install(root, [avatar], {"kind": "musetalk-import", "folder": src.name},
            extra=lambda folder, _: save_data(folder, latents, data))
    return target


def main(argv: list[str] | None = None) -> int:
    """CLI entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="MuseTalk avatar folder (results/v15/avatars/<id>)")
    parser.add_argument("--name", required=True, help="avatar base name (a-z 0-9 _ -)")
    parser.add_argument("--resolution", default="720p", choices=sorted(RESOLUTIONS))
    parser.add_argument("--root", type=Path, default=Path("precomputed"))
    parser.add_argument("--force", action="store_true", help="replace an existing avatar of that id")
    args = parser.parse_args(argv)
    try:
        target = import_folder(args.folder, args.root, args.name, args.resolution, args.force)
    except MuseTalkImportError as e:
        parser.exit(2, f"error: {e}\n")
    print(f"imported {args.folder} -> {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
