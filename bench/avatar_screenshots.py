"""Screenshots of avatars as files: an idle frame and a mid-speech frame each, rendered by the CPU engine.

    .venv/bin/python -m bench.avatar_screenshots [--root precomputed] [--out test-artifacts]
                                                 [--resolution 720p] [--avatar NAME ...]

By default shoots both generated avatars, drawing them first if they are missing. Writes
OUT/avatar-<id>-idle.png and OUT/avatar-<id>-speech.png (test-artifacts/ is git-ignored).
"""
from __future__ import annotations

import argparse
import threading
from pathlib import Path

import cv2
import numpy as np

from avatars.cast import CAST
from avatars.format import RESOLUTIONS
from avatars.store import AvatarStore
from lipsync.base import RenderSpec
from lipsync.cpu import CpuLipsyncEngine
from tests.tools.speech import speech
from lipsync.track import mouth_track

IDLE_POSITION = 20  # idle loop frame shown (eyes open, mid-breath)
UTTERANCE = [(0.3, None), (0.8, ["h", "a", "l", "o"]), (0.3, None)]  # "hallo": the widest "a" is the speech shot


def shoot(store: AvatarStore, avatar_id: str, out: Path) -> list[Path]:
    """Write the idle and mid-speech PNGs of one avatar; returns their paths."""
    avatar = store.get(avatar_id)
    clip = speech(UTTERANCE)
    track = mouth_track(clip, avatar.fps)
    widest = int(np.argmax(track.open))
    engine = CpuLipsyncEngine()
    engine.load()
    spec = RenderSpec(avatar, clip, widest, 1, loop_offset=(IDLE_POSITION - widest) % avatar.loop_length)
    talking = next(iter(engine.render(spec, threading.Event())))
    paths = [out / f"avatar-{avatar_id}-idle.png", out / f"avatar-{avatar_id}-speech.png"]
    for path, image in zip(paths, (avatar.idle_frame(IDLE_POSITION), talking)):
        if not cv2.imwrite(str(path), image):
            raise OSError(f"could not write {path}")
    return paths


def main(argv: list[str] | None = None) -> int:
    """CLI: shoot the chosen avatars (default: the generated ones)."""
    ap = argparse.ArgumentParser(prog="python -m bench.avatar_screenshots", description=__doc__.splitlines()[0])
    ap.add_argument("--root", type=Path, default=Path("precomputed"))
    ap.add_argument("--out", type=Path, default=Path("test-artifacts"))
    ap.add_argument("--resolution", choices=list(RESOLUTIONS), default="720p")
    ap.add_argument("--avatar", action="append", help="avatar name (repeatable; default: the generated avatars)")
    args = ap.parse_args(argv)
    store = AvatarStore(args.root)
    if not args.avatar:
        store.ensure_defaults()
    args.out.mkdir(parents=True, exist_ok=True)
    for name in args.avatar or [c.name for c in CAST]:
        for path in shoot(store, store.resolve(name, args.resolution), args.out):
            print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
