"""Side-by-side mouth frames of the CPU engine: rest, mid-word, open vowel and bilabial closure, per avatar.

    python -m bench.mouth_frames --label after [--out test-artifacts]

Builds the drawn default avatar and two photo avatars (matplotlib's grace_hopper.jpg, scikit-image's
astronaut) into a temporary folder with the code on PYTHONPATH, speaks one English sentence with
espeak-ng, renders it with the CPU engine and picks four frames from what the engine yields:
before speech (rest), the frame whose opening is nearest 0.4 (mid-word), the widest opening (open
vowel) and the middle of an /m/ or /b/ or /p/ (bilabial closure). Writes `mouth_<label>.png`: one row
per avatar, the face cropped and enlarged. Run it once on the old code (`--label before`, with that
tree on PYTHONPATH: `git archive main | tar -x -C /tmp/old`, copy this file into /tmp/old/bench, run there
with `--out` pointing here) and once on the new: the second run also writes `mouth_before_<label>.png`
with each avatar's before row above its after row.
"""
from __future__ import annotations

import argparse
import tempfile
import threading
from pathlib import Path

import cv2
import matplotlib.cbook
import numpy as np
import skimage.data

from avatars.cast import CAST
from avatars.format import load_avatar
from avatars.generate import render
from avatars.precompute import precompute
from lipsync.base import RenderSpec
from lipsync.cpu import CpuLipsyncEngine
from lipsync.track import mouth_track
from lipsync.visemes import symbol_visemes
from tts.espeak import EspeakEngine

SENTENCE = "Hello, my name is Maria. Tell me about a problem you solved at your last job."
CROP = (0.9, 1.1)  # half width and height of the shown face crop, in mouth box widths / heights
TILE_H = 300  # px per tile in the sheet
STATES = ("rest", "mid-word", "open vowel", "bilabial")


def photo_sources(folder: Path) -> dict[str, Path]:
    """The two packaged photos, written where precompute can read them."""
    astronaut = folder / "astronaut.png"
    cv2.imwrite(str(astronaut), cv2.cvtColor(skimage.data.astronaut(), cv2.COLOR_RGB2BGR))
    return {"grace_hopper": Path(matplotlib.cbook.get_sample_data("grace_hopper.jpg", asfileobj=False)), "astronaut": astronaut}


def pick_frames(track, clip, fps: int) -> list[int]:
    """Frame numbers for the four states (see the module docstring)."""
    active = np.flatnonzero(track.active)
    centres = [int((p.start + p.end) / 2 * fps) for p in clip.phonemes if "PP" in symbol_visemes(p.symbol)]
    closing = min(centres, key=lambda f: track.open[f]) if centres else int(active[-1])
    mid = active[np.argmin(np.abs(track.open[active] - 0.4))]
    return [-1, int(mid), int(active[np.argmax(track.open[active])]), closing]


def face_crop(frame: np.ndarray, avatar, pos: int) -> np.ndarray:
    """The face around the mouth box, enlarged to TILE_H rows."""
    w, h = avatar.mouth.box_size
    mx, my = avatar.mouth_xy[pos]
    cx, cy = mx + w / 2, my + h / 2 - 0.3 * h
    half_w, half_h = CROP[0] * w, CROP[1] * h
    tile = frame[int(max(cy - half_h, 0)) : int(cy + half_h), int(max(cx - half_w, 0)) : int(cx + half_w)]
    return cv2.resize(tile, (int(tile.shape[1] * TILE_H / tile.shape[0]), TILE_H), interpolation=cv2.INTER_CUBIC)


def sheet_row(avatar, clip, engine: CpuLipsyncEngine, label: str) -> np.ndarray:
    """Four labelled tiles of one avatar."""
    track = mouth_track(clip, avatar.fps)
    frames = list(engine.render(RenderSpec(avatar, clip, 0, len(track)), threading.Event()))
    tiles = []
    for state, f in zip(STATES, pick_frames(track, clip, avatar.fps)):
        frame, pos = (avatar.idle_frame(0), 0) if f < 0 else (frames[f], f % avatar.loop_length)  # rest: the idle loop
        tile = face_crop(frame, avatar, pos).copy()
        opening = 0.0 if f < 0 else track.open[f]
        cv2.putText(tile, f"{label}: {state} ({opening:.2f})", (6, 18), cv2.FONT_HERSHEY_SIMPLEX, 0.5, (0, 255, 255), 1)
        tiles.append(tile)
    height = min(t.shape[0] for t in tiles)
    return np.hstack([t[:height] for t in tiles])


def main(argv: list[str] | None = None) -> int:
    """CLI: write test-artifacts/mouth_<label>.png."""
    parser = argparse.ArgumentParser(prog="python -m bench.mouth_frames", description=__doc__.splitlines()[0])
    parser.add_argument("--label", default="after")
    parser.add_argument("--out", type=Path, default=Path("test-artifacts"))
    args = parser.parse_args(argv)
    engine = CpuLipsyncEngine()
    engine.load()
    clip = EspeakEngine().synthesize(SENTENCE, "en-us-female")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        avatars = {"drawn": render(CAST[0])[0]}
        for name, path in photo_sources(root).items():
            precompute(path, name, root / "avatars")
            avatars[name] = load_avatar(root / "avatars" / f"{name}_720p")
        for name, avatar in avatars.items():
            rows.append(sheet_row(avatar, clip, engine, f"{args.label} {name}"))
    width = max(r.shape[1] for r in rows)
    sheet = np.vstack([np.pad(r, ((0, 0), (0, width - r.shape[1]), (0, 0))) for r in rows])
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / f"mouth_{args.label}.png"
    cv2.imwrite(str(path), sheet)
    print(f"wrote {path} ({sheet.shape[1]}x{sheet.shape[0]})")
    before = cv2.imread(str(args.out / "mouth_before.png"))
    if args.label != "before" and before is not None:  # each avatar's before row above its after row
        rows_before = np.split(before[: len(rows) * TILE_H], len(rows))
        width = max(width, before.shape[1])
        pad = lambda img: np.pad(img, ((0, 0), (0, width - img.shape[1]), (0, 0)))  # noqa: E731
        pairs = [np.vstack([pad(b), pad(a)]) for b, a in zip(rows_before, np.split(sheet, len(rows)))]
        both = args.out / f"mouth_before_{args.label}.png"
        cv2.imwrite(str(both), np.vstack(pairs))
        print(f"wrote {both}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
