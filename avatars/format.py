"""The precomputed avatar format: a versioned manifest, arrays in .npz (no pickles) and JPEG idle frames.

A folder `precomputed/<id>/` holds:
  manifest.json   format_version, id, name, display_name, resolution, width, height, fps, frame_count
                  (idle loop length), unique_frames, engines, mouth box + grid levels, source, source_hash
  arrays.npz      loop_index [L] (idle loop -> unique frame), mouth_xy [L, 2] (mouth box top-left per loop frame),
                  mouth_open [O], mouth_width [W], mouth_sprites [O, W, h, w, 3] uint8, mouth_mask [h, w] uint8,
                  eyes [2, 3, P] float32 (optional: each eye's x, upper-lid y, lower-lid y from the mouth box corner)
  frames/NNNN.jpg the unique idle frames (BGR, quality 95, no chroma subsampling)
Loading never unpickles: `np.load(..., allow_pickle=False)`.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np

FORMAT_VERSION = 1
FPS = 25  # frames per second of every avatar
RESOLUTIONS: dict[str, tuple[int, int]] = {"720p": (1280, 720), "480p": (854, 480), "360p": (640, 360)}  # (w, h)
AVATAR_ID_PATTERN = re.compile(r"^[a-z0-9_-]{1,64}$")
MANIFEST = "manifest.json"
ARRAYS = "arrays.npz"
FRAMES_DIR = "frames"
JPEG_QUALITY = 95
MAX_UNIQUE_FRAMES = 400  # bounds memory: 400 x 2.8 MB at 720p is the ceiling a manifest may ask for


class AvatarFormatError(ValueError):
    """An avatar folder is missing files or does not match its manifest."""


@dataclass(frozen=True, eq=False)
class MouthBank:
    """Mouth sprites on a regular grid of (opening, width), with the feathered mask they share."""

    open_levels: np.ndarray  # [O] float32, ascending, open_levels[0] == 0 (lips closed)
    width_levels: np.ndarray  # [W] float32, ascending, -1 rounded .. +1 spread, contains 0
    sprites: np.ndarray  # [O, W, h, w, 3] uint8 BGR
    mask: np.ndarray  # [h, w] float32 0..1, zero on the box border

    @property
    def box_size(self) -> tuple[int, int]:
        """(width, height) of the mouth box in pixels."""
        return int(self.mask.shape[1]), int(self.mask.shape[0])


@dataclass(frozen=True, eq=False)
class Avatar:
    """A loaded avatar: unique idle frames, the loop that orders them, and its mouth bank."""

    id: str
    name: str  # base name, e.g. "talk_long"
    display_name: str
    resolution: str
    fps: int
    width: int
    height: int
    frames: np.ndarray  # [U, H, W, 3] uint8, read-only
    loop_index: np.ndarray  # [L] int: idle loop position -> row of `frames`
    mouth_xy: np.ndarray  # [L, 2] int: mouth box top-left (x, y) per loop position
    mouth: MouthBank
    engines: tuple[str, ...]
    source_hash: str
    eyes: np.ndarray | None = None  # [2, 3, P] lid lines relative to the mouth box corner (avatars.eyelids); None: no blinks

    @property
    def loop_length(self) -> int:
        """Frames in the idle loop."""
        return int(len(self.loop_index))

    def idle_frame(self, position: int) -> np.ndarray:
        """The read-only idle frame at loop `position` (taken modulo the loop length)."""
        return self.frames[self.loop_index[position % self.loop_length]]

    @property
    def nbytes(self) -> int:
        """Bytes of pixel data this avatar holds in memory."""
        return int(self.frames.nbytes + self.mouth.sprites.nbytes + self.mouth.mask.nbytes)


def save_avatar(folder: Path, avatar: Avatar, source: dict[str, Any]) -> None:
    """Write `avatar` into an empty or new `folder` (callers rename it into place when complete)."""
    (folder / FRAMES_DIR).mkdir(parents=True, exist_ok=True)
    params = [cv2.IMWRITE_JPEG_QUALITY, JPEG_QUALITY, cv2.IMWRITE_JPEG_SAMPLING_FACTOR, cv2.IMWRITE_JPEG_SAMPLING_FACTOR_444]
    for i, frame in enumerate(avatar.frames):
        if not cv2.imwrite(str(folder / FRAMES_DIR / f"{i:04d}.jpg"), frame, params):
            raise AvatarFormatError(f"could not write frame {i} of {avatar.id}")
    m = avatar.mouth
    eyes = {} if avatar.eyes is None else {"eyes": avatar.eyes.astype(np.float32)}
    np.savez(
        folder / ARRAYS,
        **eyes,
        loop_index=avatar.loop_index.astype(np.int32),
        mouth_xy=avatar.mouth_xy.astype(np.int32),
        mouth_open=m.open_levels.astype(np.float32),
        mouth_width=m.width_levels.astype(np.float32),
        mouth_sprites=m.sprites,
        mouth_mask=np.rint(m.mask * 255).astype(np.uint8),
    )
    bw, bh = m.box_size
    manifest = {
        "format_version": FORMAT_VERSION,
        "id": avatar.id,
        "name": avatar.name,
        "display_name": avatar.display_name,
        "resolution": avatar.resolution,
        "width": avatar.width,
        "height": avatar.height,
        "fps": avatar.fps,
        "frame_count": avatar.loop_length,
        "unique_frames": int(len(avatar.frames)),
        "engines": list(avatar.engines),
        "mouth": {
            "box": {"x": int(avatar.mouth_xy[0, 0]), "y": int(avatar.mouth_xy[0, 1]), "width": bw, "height": bh},
            "open_levels": [round(float(v), 4) for v in m.open_levels],
            "width_levels": [round(float(v), 4) for v in m.width_levels],
        },
        "source": source,
        "source_hash": avatar.source_hash,
    }
    write_manifest(folder, manifest)


def write_manifest(folder: Path, manifest: dict[str, Any]) -> None:
    """Write the manifest of the avatar in `folder` through a temporary file, so no reader sees half of it."""
    path = folder / MANIFEST
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(path)


def read_manifest(folder: Path) -> dict[str, Any]:
    """The manifest of the avatar in `folder`, checked for version and basic fields."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise AvatarFormatError(f"{folder.name}: unreadable manifest: {e}") from e
    if not isinstance(data, dict):
        raise AvatarFormatError(f"{folder.name}: manifest is not an object")
    if data.get("format_version") != FORMAT_VERSION:
        raise AvatarFormatError(f"{folder.name}: unsupported format_version {data.get('format_version')!r}")
    res = data.get("resolution")
    if res not in RESOLUTIONS or tuple(RESOLUTIONS[res]) != (data.get("width"), data.get("height")):
        raise AvatarFormatError(f"{folder.name}: resolution {res!r} does not match its size")
    if data.get("fps") != FPS or not isinstance(data.get("frame_count"), int) or data["frame_count"] < 1:
        raise AvatarFormatError(f"{folder.name}: fps must be {FPS} and frame_count positive")
    if not isinstance(data.get("unique_frames"), int) or not 1 <= data["unique_frames"] <= MAX_UNIQUE_FRAMES:
        raise AvatarFormatError(f"{folder.name}: unique_frames must be 1..{MAX_UNIQUE_FRAMES}")
    return data


def load_avatar(folder: Path) -> Avatar:
    """Load and validate the avatar stored in `folder`."""
    meta = read_manifest(folder)
    try:
        with np.load(folder / ARRAYS, allow_pickle=False) as z:
            arrays = {k: z[k] for k in ("loop_index", "mouth_xy", "mouth_open", "mouth_width", "mouth_sprites", "mouth_mask")}
            eyes = z["eyes"].astype(np.float32) if "eyes" in z.files else None  # avatars made before blinks moved here
    except (OSError, ValueError, KeyError) as e:
        raise AvatarFormatError(f"{folder.name}: bad {ARRAYS}: {e}") from e
    width, height = meta["width"], meta["height"]
    frames = np.stack([_read_frame(folder / FRAMES_DIR / f"{i:04d}.jpg", width, height) for i in range(meta["unique_frames"])])
    frames.flags.writeable = False
    mask = arrays["mouth_mask"].astype(np.float32) / 255.0
    mouth = MouthBank(arrays["mouth_open"], arrays["mouth_width"], arrays["mouth_sprites"], mask)
    avatar = Avatar(
        id=str(meta.get("id", folder.name)), name=str(meta.get("name", folder.name)),
        display_name=str(meta.get("display_name", folder.name)),
        resolution=meta["resolution"], fps=meta["fps"], width=width, height=height, frames=frames,
        loop_index=arrays["loop_index"].astype(np.intp), mouth_xy=arrays["mouth_xy"].astype(np.intp), mouth=mouth,
        engines=tuple(str(e) for e in meta.get("engines", [])), source_hash=str(meta.get("source_hash", "")), eyes=eyes,
    )
    _check(avatar, meta["frame_count"])
    return avatar


def _read_frame(path: Path, width: int, height: int) -> np.ndarray:
    img = cv2.imread(str(path), cv2.IMREAD_COLOR)
    if img is None or img.shape != (height, width, 3):
        raise AvatarFormatError(f"{path.parent.parent.name}: frame {path.name} missing or not {width}x{height}")
    return img


def _check(a: Avatar, frame_count: int) -> None:
    """Every array agrees with the manifest and the mouth box always lies inside the frame."""
    m = a.mouth
    bw, bh = m.box_size
    n_open, n_width = len(m.open_levels), len(m.width_levels)
    problems = []
    if a.loop_length != frame_count or a.mouth_xy.shape != (frame_count, 2):
        problems.append("loop arrays do not match frame_count")
    elif a.loop_index.min() < 0 or a.loop_index.max() >= len(a.frames):
        problems.append("loop_index points outside the frames")
    elif (a.mouth_xy.min(axis=0) < 0).any() or a.mouth_xy[:, 0].max() + bw > a.width or a.mouth_xy[:, 1].max() + bh > a.height:
        problems.append("mouth box leaves the frame")
    if m.sprites.shape != (n_open, n_width, bh, bw, 3) or m.sprites.dtype != np.uint8:
        problems.append("mouth_sprites shape does not match the grid and mask")
    if n_open < 2 or n_width < 1 or m.open_levels[0] != 0 or np.any(np.diff(m.open_levels) <= 0) or np.any(np.diff(m.width_levels) <= 0):
        problems.append("mouth grid levels must ascend, starting at open 0")
    if a.eyes is not None and (a.eyes.ndim != 3 or a.eyes.shape[:2] != (2, 3) or not np.isfinite(a.eyes).all()):
        problems.append("eyes must be [2, 3, P] finite lid lines")
    if problems:
        raise AvatarFormatError(f"{a.id}: " + "; ".join(problems))
