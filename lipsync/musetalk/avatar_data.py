"""MuseTalk's per-avatar files beside the avatar's manifest (no pickles; torch not needed to read them).

  musetalk_latents.safetensors  "latents" [U, 8, 32, 32] float32, one row per unique idle frame
                                (VAE mean of the lower-half-masked crop ⊕ of the full crop, x scaling factor)
  musetalk_boxes.json           data_version, source_hash, extra_margin, face_boxes [U][x1, y1, x2, y2]
  musetalk_masks.npz            m0000.. alpha [y2 - y1, x2 - x1] uint8 over each face box (0 = keep the idle frame)

Rows follow the avatar's unique frames, so the avatar's (ping-pong) loop_index picks them like it picks frames.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from safetensors.numpy import load_file, save_file

LATENTS_FILE = "musetalk_latents.safetensors"
BOXES_FILE = "musetalk_boxes.json"
MASKS_FILE = "musetalk_masks.npz"
DATA_VERSION = 1
LATENT_SHAPE = (8, 32, 32)  # masked ⊕ reference latents of one 256 x 256 crop


class MuseTalkDataError(ValueError):
    """The avatar's MuseTalk files are missing, unreadable or do not match the avatar."""


@dataclass(frozen=True, eq=False)
class MuseTalkData:
    """Where to paste the generated face in each unique frame, and how to blend it."""

    face_boxes: np.ndarray  # [U, 4] int: x1, y1, x2, y2 (extra_margin already applied)
    masks: tuple[np.ndarray, ...]  # U x [y2 - y1, x2 - x1] uint8 alpha
    extra_margin: int  # px added below the chin
    source_hash: str  # the avatar's source_hash these files were made from


def save_data(folder: Path, latents: np.ndarray, data: MuseTalkData) -> None:
    """Write the three MuseTalk files into the avatar folder."""
    check(data, latents.shape, len(data.face_boxes), None)
    save_file({"latents": np.ascontiguousarray(latents, dtype=np.float32)}, str(folder / LATENTS_FILE),
              metadata={"data_version": str(DATA_VERSION)})
    boxes = {"data_version": DATA_VERSION, "source_hash": data.source_hash, "extra_margin": data.extra_margin,
             "face_boxes": data.face_boxes.astype(int).tolist()}
    (folder / BOXES_FILE).write_text(json.dumps(boxes) + "\n", encoding="utf-8")
    np.savez_compressed(folder / MASKS_FILE, **{f"m{i:04d}": m for i, m in enumerate(data.masks)})


def load_data(folder: Path, unique_frames: int, size: tuple[int, int], source_hash: str) -> MuseTalkData:
    """Read boxes and masks for an avatar of `unique_frames` frames of `size` (w, h) and check they fit it."""
    try:
        meta = json.loads((folder / BOXES_FILE).read_text(encoding="utf-8"))
        boxes = np.asarray(meta["face_boxes"], dtype=np.int64).reshape(-1, 4)
        with np.load(folder / MASKS_FILE, allow_pickle=False) as z:
            masks = tuple(z[f"m{i:04d}"] for i in range(len(boxes)))
        data = MuseTalkData(boxes, masks, int(meta["extra_margin"]), str(meta["source_hash"]))
        version = meta["data_version"]
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise MuseTalkDataError(f"{folder.name}: unreadable MuseTalk data: {e}") from e
    if version != DATA_VERSION:
        raise MuseTalkDataError(f"{folder.name}: MuseTalk data_version {version!r}, expected {DATA_VERSION}")
    if data.source_hash != source_hash:
        raise MuseTalkDataError(f"{folder.name}: MuseTalk data was made for another version of this avatar; prepare it again")
    check(data, None, unique_frames, size)
    return data


def load_latents(folder: Path, unique_frames: int) -> np.ndarray:
    """The avatar's latents [U, 8, 32, 32] float32."""
    try:
        latents = load_file(str(folder / LATENTS_FILE))["latents"]
    except (OSError, ValueError, KeyError) as e:
        raise MuseTalkDataError(f"{folder.name}: unreadable {LATENTS_FILE}: {e}") from e
    if latents.shape != (unique_frames,) + LATENT_SHAPE:
        raise MuseTalkDataError(f"{folder.name}: latents {latents.shape} != {(unique_frames,) + LATENT_SHAPE}")
    return latents.astype(np.float32, copy=False)


def check(data: MuseTalkData, latent_shape: tuple[int, ...] | None, unique_frames: int,
          size: tuple[int, int] | None) -> None:
    """Boxes, masks and latents agree with each other and lie inside a frame of `size` (w, h)."""
    boxes = data.face_boxes
    problems = []
    if boxes.shape != (unique_frames, 4) or len(data.masks) != unique_frames:
        problems.append(f"expected {unique_frames} boxes and masks, got {len(boxes)} and {len(data.masks)}")
    elif np.any(boxes[:, 2] <= boxes[:, 0]) or np.any(boxes[:, 3] <= boxes[:, 1]) or boxes.min() < 0:
        problems.append("a face box is empty or negative")
    elif size is not None and (boxes[:, 2].max() > size[0] or boxes[:, 3].max() > size[1]):
        problems.append("a face box leaves the frame")
    elif any(m.dtype != np.uint8 or m.shape != (y2 - y1, x2 - x1) for m, (x1, y1, x2, y2) in zip(data.masks, boxes)):
        problems.append("a mask does not match its face box")
    if latent_shape is not None and tuple(latent_shape) != (unique_frames,) + LATENT_SHAPE:
        problems.append(f"latents {tuple(latent_shape)} != {(unique_frames,) + LATENT_SHAPE}")
    if problems:
        raise MuseTalkDataError("; ".join(problems))
