"""Generate the default avatars from the project's own drawing code (no downloaded media).

    python -m avatars.generate [--root precomputed] [--force]

Everything is painted once at 720p; 480p and 360p are area-downscaled from it, so the three
resolutions show the same person. Steps: office, person, eyelid patches, mouth sprites and their
mask, the idle loop's unique frames (breathing warp; blinks are warped in at play time), the eye lines, then the smaller resolutions.
"""
from __future__ import annotations

import argparse
import hashlib
import logging
import time
from pathlib import Path

import cv2
import numpy as np

from avatars import eyelids, face
from avatars.avatar_output import install
from avatars.cast import CAST, Character
from avatars.format import FPS, RESOLUTIONS, Avatar, AvatarFormatError, MouthBank, read_manifest
from avatars.office import draw_office
from avatars.idle import breath_maps, head_rise, schedule, warp
from avatars.paint import Layer, View, to_uint8
from avatars.person import CX, Pose
from avatars.portrait import draw_person, mouthless

log = logging.getLogger(__name__)

DRAWING_MODULES = ("paint", "office", "person", "face", "figure", "portrait", "idle", "cast", "generate", "eyelids")
ENGINES = ("cpu",)
BASE = "720p"  # painted resolution; the others are downscaled from it
MOUTH_OPEN = np.linspace(0.0, 1.0, 11, dtype=np.float32)
MOUTH_WIDTH = np.array([-1.0, -0.5, 0.0, 0.5, 1.0], np.float32)
MOUTH_BOX = (CX - 106, 326.0, CX + 106, 458.0)  # design x0, y0, x1, y1: lips, chin travel, jaw shadow
MASK_THRESHOLD = 1.5 / 255  # a pixel belongs to the mouth if any sprite differs this much from rest
MASK_GROW = 3  # px (720p) the changed area is widened by
MASK_FEATHER = 2.5  # px (720p) Gaussian softness of the mask edge
WARP_MARGIN = 8  # px kept around the person when warping for breath (the warp moves at most ~3 px)
BAND_ALIGN = 6  # rows: 720 -> 480 and 720 -> 360 both map 6 rows onto whole rows


def source_hash(character: Character) -> str:
    """Hash of everything the drawing depends on: the drawing code and the character's definition.

    Any change to either makes ensure_defaults() redraw, so stored avatars never lag behind the code.
    """
    digest = hashlib.sha256(repr(character).encode())
    here = Path(__file__).parent
    for module in DRAWING_MODULES:
        digest.update((here / f"{module}.py").read_bytes())
    return digest.hexdigest()


def _box(x0: float, y0: float, x1: float, y1: float) -> tuple[int, int, int, int]:
    """Design box -> integer 720p canvas box (x, y, w, h)."""
    return int(np.floor(x0)), int(np.floor(y0)), int(np.ceil(x1 - np.floor(x0))), int(np.ceil(y1 - np.floor(y0)))


def _mouth_bank(ch: Character, view: View, bg: np.ndarray, rest: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Mouth sprites [O, W, h, w, 3] (float, on the rest frame outside the mask) and their mask [h, w]."""
    x, y, w, h = _box(*MOUTH_BOX)
    roi = view.region(x, y, w, h)
    sprites = np.empty((len(MOUTH_OPEN), len(MOUTH_WIDTH), h, w, 3), np.float32)
    for i, (o, under) in enumerate(zip(MOUTH_OPEN, mouthless(roi, ch.person, [float(v) for v in MOUTH_OPEN]))):
        for j, wd in enumerate(MOUTH_WIDTH):
            layer = under.copy()
            face.mouth(layer, ch.person, Pose(float(o), float(wd)))
            sprites[i, j] = layer.over(bg[y : y + h, x : x + w])
    closed = sprites[0, int(np.argmin(np.abs(MOUTH_WIDTH)))]
    changed = (np.abs(sprites - closed).max(axis=(0, 1, 4)) > MASK_THRESHOLD).astype(np.uint8)
    if changed[[0, -1], :].any() or changed[:, [0, -1]].any():
        log.warning("%s: mouth motion reaches the mouth box border; enlarge MOUTH_BOX", ch.name)
    changed = cv2.dilate(changed, np.ones((2 * MASK_GROW + 1,) * 2, np.uint8))
    mask = cv2.GaussianBlur(changed.astype(np.float32), (0, 0), MASK_FEATHER)
    yy, xx = np.mgrid[0:h, 0:w]
    edge = np.minimum.reduce([xx, yy, w - 1 - xx, h - 1 - yy]).astype(np.float32)
    mask *= np.clip(edge / (3 * MASK_FEATHER), 0.0, 1.0)
    base = rest[y : y + h, x : x + w]
    return base + (sprites - base) * mask[..., None], mask


def _idle_frames(view: View, bg: np.ndarray, person: Layer, levels: np.ndarray) -> np.ndarray:
    """The unique idle frames [U, H, W, 3] uint8: one per breathing level in `levels`, ascending."""
    rows, cols = np.nonzero(person.alpha.max(axis=1))[0], np.nonzero(person.alpha.max(axis=0))[0]
    r0, r1 = max(rows[0] - WARP_MARGIN, 0), min(rows[-1] + WARP_MARGIN + 1, view.height)
    c0, c1 = max(cols[0] - WARP_MARGIN, 0), min(cols[-1] + WARP_MARGIN + 1, view.width)
    box = view.region(c0, r0, c1 - c0, r1 - r0)
    under = bg[r0:r1, c0:c1]
    uniq = np.unique(levels)
    out = np.empty((len(uniq), view.height, view.width, 3), np.uint8)
    out[:] = to_uint8(bg)
    for k, level in enumerate(uniq):
        rgb, alpha = person.rgb[r0:r1, c0:c1], person.alpha[r0:r1, c0:c1]
        if level:
            maps = breath_maps(box, int(level))
            rgb, alpha = warp(rgb, maps), warp(alpha, maps)
        out[k, r0:r1, c0:c1] = to_uint8(rgb + under * (1.0 - alpha[..., None]))
    return out


def _eye_lines(ch: Character, view: View) -> np.ndarray:
    """Both eyes' lid lines [2, 3, P] in painted (720p) canvas px."""
    return np.stack([eyelids.lid_lines(*(view.to_canvas(c) for c in face.eye_curves(ch.person, s, 0.0))) for s in (-1.0, 1.0)])


def _band_resize(band: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """Area-downscale a full-width band of the painted frame to resolution `size` (w, h)."""
    base_height = RESOLUTIONS[BASE][1]
    return cv2.resize(band, (size[0], band.shape[0] * size[1] // base_height), interpolation=cv2.INTER_AREA)


def render(ch: Character) -> list[Avatar]:
    """Paint character `ch` and build its avatar at every resolution."""
    bw, bh = RESOLUTIONS[BASE]
    view = View.frame(bw, bh)
    # 1. office and person (eyes open, mouth closed)
    bg = draw_office(view, ch.office)
    person = draw_person(view, ch.person, Pose())
    rest = person.over(bg)
    # 2. mouth sprites and mask
    sprites, mask = _mouth_bank(ch, view, bg, rest)
    # 3. unique idle frames and the loop through them
    levels = schedule()
    frames = _idle_frames(view, bg, person, levels)
    loop_index = np.searchsorted(np.unique(levels), levels)
    eyes = _eye_lines(ch, view)
    # 4. every resolution from the painted one; the mouth bank via a full-width band whose
    #    height is a multiple of 6 rows, so that downscaling it matches downscaling whole frames
    mx, my, mw, mh = _box(*MOUTH_BOX)
    ya, yb = my // BAND_ALIGN * BAND_ALIGN, -(-(my + mh) // BAND_ALIGN) * BAND_ALIGN
    band = to_uint8(rest[ya:yb])
    mask_band = np.zeros((yb - ya, bw), np.float32)
    mask_band[my - ya : my - ya + mh, mx : mx + mw] = mask
    sprite_u8 = to_uint8(sprites)
    digest = source_hash(ch)
    avatars = []
    for res, (w, h) in RESOLUTIONS.items():
        sx, sy = w / bw, h / bh
        x0, x1 = int(np.floor(mx * sx)), int(np.ceil((mx + mw) * sx))
        y0, y1 = int(np.floor(my * sy)), int(np.ceil((my + mh) * sy))
        yo = ya * h // bh
        scaled = (lambda img: img) if res == BASE else (lambda img: _band_resize(img, (w, h)))
        bank = np.empty((len(MOUTH_OPEN), len(MOUTH_WIDTH), y1 - y0, x1 - x0, 3), np.uint8)
        for i in range(len(MOUTH_OPEN)):
            for j in range(len(MOUTH_WIDTH)):
                canvas = band.copy()
                canvas[my - ya : my - ya + mh, mx : mx + mw] = sprite_u8[i, j]
                bank[i, j] = scaled(canvas)[y0 - yo : y1 - yo, x0:x1]
        res_mask = np.clip(scaled(mask_band)[y0 - yo : y1 - yo, x0:x1], 0.0, 1.0)
        mouth_xy = np.array([(x0, y0 - int(round(head_rise(int(level)) * view.scale * sy))) for level in levels])
        res_frames = frames if res == BASE else np.stack([cv2.resize(f, (w, h), interpolation=cv2.INTER_AREA) for f in frames])
        avatars.append(Avatar(
            id=f"{ch.name}_{res}", name=ch.name, display_name=ch.display_name, resolution=res, fps=FPS, width=w, height=h,
            frames=res_frames, loop_index=loop_index, mouth_xy=mouth_xy, mouth=MouthBank(MOUTH_OPEN, MOUTH_WIDTH, bank, res_mask),
            engines=ENGINES, source_hash=digest,
            eyes=eyelids.scaled(eyes, sx, sy) - np.array([x0, y0, y0], np.float32)[None, :, None],
        ))
    return avatars


def is_current(root: Path, ch: Character) -> bool:
    """True when every resolution of `ch` exists under `root` and was drawn by this generator version."""
    for res in RESOLUTIONS:
        try:
            if read_manifest(root / f"{ch.name}_{res}").get("source_hash") != source_hash(ch):
                return False
        except AvatarFormatError:
            return False
    return True


def write(root: Path, ch: Character) -> list[str]:
    """Render `ch` and put each resolution into `root/<id>/` atomically; returns the ids written."""
    return install(root, render(ch), {"kind": "generated", "generator": "avatars.generate", "character": ch.name})


def main(argv: list[str] | None = None) -> int:
    """CLI: draw the default avatars into --root."""
    parser = argparse.ArgumentParser(prog="python -m avatars.generate", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path("precomputed"), help="avatar folder (default: precomputed)")
    parser.add_argument("--force", action="store_true", help="redraw even when the avatars are current")
    args = parser.parse_args(argv)
    for ch in CAST:
        if not args.force and is_current(args.root, ch):
            print(f"{ch.name}: current")
            continue
        t0 = time.perf_counter()
        ids = write(args.root, ch)
        print(f"{ch.name}: wrote {', '.join(ids)} in {time.perf_counter() - t0:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
