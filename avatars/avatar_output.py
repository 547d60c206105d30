"""Writing avatars into the store: every resolution from a 720p build, and the atomic install all writers share.

avatars.generate, avatars.precompute and lipsync.musetalk.import_legacy all finish with `install`.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from avatars import eyelids
from avatars.format import FPS, RESOLUTIONS, Avatar, MouthBank, save_avatar
from avatars.framing import BASE_SIZE


def at_resolution(
    res: str, name: str, display_name: str, frames: np.ndarray, loop_index: np.ndarray, xy: np.ndarray, bank: MouthBank,
    source_hash: str, eyes: np.ndarray | None = None,
) -> Avatar:
    """The avatar at resolution `res`, area-downscaled from the 720p build."""
    w, h = RESOLUTIONS[res]
    sx, sy = w / BASE_SIZE[0], h / BASE_SIZE[1]
    if (w, h) != BASE_SIZE:
        frames = np.stack([cv2.resize(f, (w, h), interpolation=cv2.INTER_AREA) for f in frames])
        bw, bh = bank.box_size
        size = (round(bw * sx), round(bh * sy))
        sprites = np.stack([[cv2.resize(s, size, interpolation=cv2.INTER_AREA) for s in row] for row in bank.sprites])
        mask = np.clip(cv2.resize(bank.mask, size, interpolation=cv2.INTER_AREA), 0.0, 1.0)
        bank = MouthBank(bank.open_levels, bank.width_levels, sprites, mask)
    bw, bh = bank.box_size
    xy = np.rint(xy * np.array([sx, sy]))
    xy = np.stack([np.clip(xy[:, 0], 0, w - bw), np.clip(xy[:, 1], 0, h - bh)], axis=1).astype(np.int64)
    return Avatar(
        id=f"{name}_{res}", name=name, display_name=display_name, resolution=res, fps=FPS, width=w, height=h,
        frames=frames, loop_index=loop_index, mouth_xy=xy, mouth=bank, engines=("cpu",), source_hash=source_hash,
        eyes=None if eyes is None else eyelids.scaled(eyes, sx, sy),
    )


def install(
    root: Path, avatars: Sequence[Avatar], source: dict[str, Any], extra: Callable[[Path, Avatar], None] | None = None,
) -> list[str]:
    """Write every avatar (and `extra`'s files) to a temporary folder, then rename them all into place; returns the ids."""
    root.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[Path, str]] = []
    try:
        for avatar in avatars:
            tmp = Path(tempfile.mkdtemp(prefix=f".{avatar.id}.", dir=root))
            staged.append((tmp, avatar.id))
            save_avatar(tmp, avatar, source)
            if extra is not None:
                extra(tmp, avatar)
            tmp.chmod(0o755)
        for tmp, avatar_id in staged:
            target = root / avatar_id
            if target.exists():
                old = root / f".{avatar_id}.old-{os.getpid()}"
                target.rename(old)
                shutil.rmtree(old)
            tmp.rename(target)
    finally:
        for tmp, _ in staged:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
    return [avatar_id for _, avatar_id in staged]
