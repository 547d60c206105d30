"""Turn a short video or a photo of a person into an avatar (720p, 480p, 360p), with no downloaded model.

    python -m avatars.precompute VIDEO_OR_IMAGE --name NAME [--root precomputed]

MuseTalk latents are added afterwards by `python -m lipsync.musetalk.prep` (the engine's own tool).

Steps: 1. check the input against the limits; 2. sample it at 25 fps and track the face (Haar
cascade + template tracking); 3. frame a 16:9 head-and-shoulders window around it; 4. cut
face-aligned crops of the lower face, find the lips and measure how open each frame's mouth is;
5. harvest the person's own mouth shapes (or warp them from one closed mouth); 6. build the idle
loop (the steadiest stretch of video played forward and back, or a breathing photo) with the
mouth closed; 7. write every resolution atomically in the avatars.format layout. A typed
PrecomputeError says why an input was refused; the CLI prints it and exits with status 2.
"""
from __future__ import annotations

import argparse
import logging
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from avatars import eyelids, framing, landmarks, mouth_bank, mouth_geometry, source_idle
from avatars.avatar_output import at_resolution, install
from avatars.cast import CAST
from avatars.face_track import FaceBox, FaceTrack, FaceTracker
from avatars.format import AVATAR_ID_PATTERN, FPS, RESOLUTIONS, MouthBank
from avatars.mouth_composite import MouthCompositor
from avatars.precompute_errors import InputError, PrecomputeCancelled, PrecomputeError
from avatars.source_media import DEFAULT_LIMITS, Limits, SourceInfo, probe, read_image, video_frames

log = logging.getLogger(__name__)

IDLE_SECONDS = 1.6  # s of video in the idle loop (played forward and back: a 3.1 s loop, ~110 MB at 720p)
MAX_IDLE_SECONDS = 4.0  # s: bounds a loaded 720p avatar to ~280 MB
MAX_HARVEST = 250  # frames examined for mouth shapes (evenly spread over the video)
MIN_USABLE_SCORE = 0.8  # face-tracking correlation a frame needs to give a mouth shape

Progress = Callable[[int, str], None]  # (percent, step) as each numbered step starts


def _quiet(percent: int, step: str) -> None:
    """The default progress callback: nothing to report to."""


@dataclass(frozen=True)
class PrecomputeResult:
    """What was written."""

    ids: list[str]
    kind: str  # "video" or "image"
    frames: int  # 25 fps samples examined
    idle_frames: int  # unique frames in the idle loop
    mouth_shapes: str  # "harvested" or "synthesized"
    open_levels: int


def check_name(name: str) -> str:
    """A base name whose ids (NAME_720p, ...) are valid and do not collide with the generated avatars."""
    if not AVATAR_ID_PATTERN.fullmatch(f"{name}_720p") or any(name.endswith(f"_{r}") for r in RESOLUTIONS):
        raise PrecomputeError(f"invalid name {name!r}: use a-z 0-9 _ - (at most 59 characters, no resolution suffix)")
    if name in {c.name for c in CAST}:
        raise PrecomputeError(f"{name!r} is the name of a generated default avatar; choose another")
    return name


def precompute(
    source: Path, name: str, root: Path, *, display_name: str | None = None, limits: Limits = DEFAULT_LIMITS,
    idle_seconds: float = IDLE_SECONDS, force: bool = False, cancel: threading.Event | None = None,
    progress: Progress = _quiet, source_extra: dict[str, str] | None = None,
) -> PrecomputeResult:
    """Build avatar `name` at every resolution under `root` from a video or photo; raises PrecomputeError.

    `progress` hears each step start; `source_extra` is added to the manifest's `source` (e.g. the uploader).
    """
    source, root = Path(source), Path(root)
    check_name(name)
    if not 0 < idle_seconds <= MAX_IDLE_SECONDS:
        raise PrecomputeError(f"idle_seconds must be in (0, {MAX_IDLE_SECONDS}]")
    existing = [f"{name}_{r}" for r in RESOLUTIONS if (root / f"{name}_{r}").exists()]
    if existing and not force:
        raise PrecomputeError(f"{', '.join(existing)} already exist; pass force=True (--force) to replace them")
    # 1. the input, checked from its header (and again while decoding)
    progress(5, "checking the file")
    info = probe(source, limits)
    # 2. the face in every 25 fps sample
    progress(10, "finding and tracking the face")
    track, count, size = _track(source, info, limits, cancel)
    # 3. the 16:9 window around the face
    window = framing.place(*size, _median_face(track))
    scale = np.array(window.scale)  # (sx, sy)
    face_w, face_h = track.reference.w * scale[0], track.reference.h * scale[1]
    ref_x, ref_y = window.to_base(track.reference.x, track.reference.y)
    centres = np.array(mouth_geometry.crop_centre(ref_x, ref_y, face_w, face_h)) + track.offsets * scale  # [N, 2]
    # 4. idle frames and face-aligned crops of the lower face, all at 720p
    progress(40, "cutting the face")
    idle_start, idle_len = source_idle.idle_window(track.found, track.offsets, max(1, round(idle_seconds * FPS)))
    idle_slots = list(range(idle_start, idle_start + idle_len))
    crop_slots = sorted(set(np.linspace(0, count - 1, min(count, MAX_HARVEST)).round().astype(int).tolist()) | {track.reference_index})
    idle, crops = _cut(source, info, limits, window, idle_slots, crop_slots, centres, mouth_geometry.crop_size(face_w, face_h), cancel)
    usable = (track.found & (track.score >= MIN_USABLE_SCORE))[crop_slots]
    usable[crop_slots.index(track.reference_index)] = True
    # 5. the lips, found on the most closed mouth; the person's own shapes, or warped ones
    progress(60, "building the mouth shapes")
    first = mouth_geometry.locate(crops[crop_slots.index(track.reference_index)], face_w, face_h)
    rest = _most_closed(mouth_geometry.openness(crops, first), usable)
    geom = mouth_geometry.locate(crops[rest], face_w, face_h)
    found = landmarks.find(idle[0], (ref_x, ref_y, face_w, face_h))  # None without the detector: no lips, no blinks
    if info.kind == "image" and found is not None:  # the photo's own lip, chin and jaw landmarks
        geom = _landmark_geometry(found, centres[0], crops.shape[2:0:-1], (face_w, face_h))
    shapes = mouth_bank.harvest(crops, mouth_geometry.openness(crops, geom), usable, rest) if info.kind == "video" else None
    shapes = shapes or mouth_bank.synthesize(crops[rest], geom)
    bank = mouth_bank.bank(shapes, geom)
    _raise_if_cancelled(cancel)
    # 6. the idle loop, mouth closed
    progress(75, "building the idle loop")
    bx, by, _, _ = geom.box
    box_origin = np.array([bx - (crops.shape[2] - 1) / 2, by - (crops.shape[1] - 1) / 2])  # crop centre -> box corner
    if info.kind == "image":
        frames, loop_index, rises = source_idle.breathing(idle[0], (ref_x, ref_y, face_w, face_h))
        unique_xy = np.rint(centres[0] + box_origin - np.stack([np.zeros_like(rises), rises], axis=1))
    else:
        frames, loop_index = idle, source_idle.ping_pong(len(idle))
        unique_xy = np.rint(centres[idle_slots] + box_origin)
    frames = _close_mouths(frames, unique_xy, bank)
    corner = np.r_[unique_xy[0], unique_xy[0, 1]].astype(np.float32)[None, :, None]  # x, y, y of the first mouth box
    eyes = None if found is None else _eye_lines(found) - corner
    # 7. every resolution, written atomically
    progress(85, "writing every resolution")
    kind = "harvested" if shapes.harvested else "synthesized"
    meta = {
        "kind": info.kind, "file": info.file_name, "tool": "avatars.precompute", "samples": count, "mouth_shapes": kind,
        "face_box_720p": [round(float(v), 1) for v in (ref_x, ref_y, face_w, face_h)], **(source_extra or {}),
    }
    avatars = [
        at_resolution(res, name, display_name or name, frames, loop_index, unique_xy[loop_index], bank, info.sha256, eyes)
        for res in RESOLUTIONS
    ]
    _raise_if_cancelled(cancel)
    ids = install(root, avatars, meta)
    log.info("%s: %s mouth from %s, %d idle frames, %d open levels", name, kind, info.file_name, len(frames), len(shapes.open_levels))
    return PrecomputeResult(ids, info.kind, count, len(frames), kind, len(shapes.open_levels))


def _samples(source: Path, info: SourceInfo, limits: Limits, cancel: threading.Event | None) -> Iterator[tuple[int, np.ndarray]]:
    """(25 fps slot, BGR frame): the frame shown at each slot (dropped or repeated to fit 25 fps)."""
    if info.kind == "image":
        yield 0, read_image(source, info, limits)
        return
    last = -1
    for time_s, frame in video_frames(source, info, limits):
        _raise_if_cancelled(cancel)
        slot = int(round(time_s * FPS))
        for s in range(last + 1, slot + 1):
            yield s, frame
        last = max(last, slot)


def _track(source: Path, info: SourceInfo, limits: Limits, cancel: threading.Event | None) -> tuple[FaceTrack, int, tuple[int, int]]:
    """The face track over all samples, their number and the frame size (w, h) after display rotation."""
    tracker, count, size = None, 0, (info.width, info.height)
    for _, frame in _samples(source, info, limits, cancel):
        if tracker is None:
            size = (frame.shape[1], frame.shape[0])
            tracker = FaceTracker(*size)
        tracker.add(frame)
        count += 1
    if tracker is None:
        raise InputError(f"{info.file_name}: no frames")
    return tracker.finish(), count, size


def _cut(
    source: Path, info: SourceInfo, limits: Limits, window: framing.Window, idle_slots: list[int], crop_slots: list[int],
    centres: np.ndarray, crop_size: tuple[int, int], cancel: threading.Event | None,
) -> tuple[np.ndarray, np.ndarray]:
    """Second pass: the idle frames [I, 720, 1280, 3] and the work crops [C, h, w, 3] of the chosen slots."""
    want_idle, want_crop = set(idle_slots), set(crop_slots)
    idle, crops = {}, {}
    for slot, frame in _samples(source, info, limits, cancel):
        if slot in want_idle or slot in want_crop:
            base = framing.render_base(frame, window)
            if slot in want_idle:
                idle[slot] = base
            if slot in want_crop:
                crops[slot] = cv2.getRectSubPix(base, crop_size, (float(centres[slot, 0]), float(centres[slot, 1])))
    if len(idle) != len(want_idle) or len(crops) != len(want_crop):
        raise InputError(f"{info.file_name}: the second decoding pass gave other frames than the first")
    return np.stack([idle[s] for s in idle_slots]), np.stack([crops[s] for s in crop_slots])


def _median_face(track: FaceTrack) -> FaceBox:
    """The reference face box moved by the median offset (where the face mostly is)."""
    dx, dy = np.median(track.offsets[track.found], axis=0)
    r = track.reference
    return FaceBox(r.x + dx, r.y + dy, r.w, r.h)


def _landmark_geometry(found: landmarks.FaceLandmarks, centre: np.ndarray, crop_wh: tuple[int, int],
                       face_wh: tuple[float, float]) -> mouth_geometry.MouthGeometry:
    """The mouth from face landmarks on a 720p frame, in the coordinates of the work crop centred at `centre`."""
    origin = centre - (np.array(crop_wh, np.float64) - 1) / 2  # cv2.getRectSubPix's top-left
    return mouth_geometry.from_landmarks(found.shifted(*origin), *face_wh)


def _eye_lines(found: landmarks.FaceLandmarks) -> np.ndarray:
    """Both eyes' lid lines [2, 3, P] (avatars.eyelids) in the frame's px, from the landmarks' eye contours."""
    return np.stack([eyelids.lid_lines(found.curve(upper), found.curve(lower)) for upper, lower in landmarks.EYES])


def _most_closed(openness: np.ndarray, usable: np.ndarray) -> int:
    """Index of the crop with the least open mouth among the usable ones."""
    idx = np.flatnonzero(usable)
    return int(idx[np.argmin(openness[idx])])


def _close_mouths(frames: np.ndarray, xy: np.ndarray, bank: MouthBank) -> np.ndarray:
    """Idle frames with the rest mouth pasted at each frame's mouth box (silence shows a closed mouth)."""
    compositor = MouthCompositor(bank)
    rest = compositor.sprite(float(bank.open_levels[0]), float(bank.width_levels[np.argmin(np.abs(bank.width_levels))]))
    out = frames.copy()
    for frame, corner in zip(out, xy):
        compositor.paste(frame, (int(corner[0]), int(corner[1])), rest)
    return out


def _raise_if_cancelled(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise PrecomputeCancelled("precompute cancelled")


def main(argv: list[str] | None = None) -> int:
    """CLI: precompute one avatar; exit status 2 with a message when the input is refused."""
    parser = argparse.ArgumentParser(prog="python -m avatars.precompute", description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="a short video (mp4, mov, webm, ...) or a photo (jpg, png, ...)")
    parser.add_argument("--name", required=True, help="base name; the avatars are NAME_720p, NAME_480p, NAME_360p")
    parser.add_argument("--root", type=Path, default=Path("precomputed"), help="avatar folder (default: precomputed)")
    parser.add_argument("--display-name", help="name shown in /api/avatars (default: NAME)")
    parser.add_argument("--idle-seconds", type=float, default=IDLE_SECONDS, help=f"video used for the idle loop (max {MAX_IDLE_SECONDS})")
    parser.add_argument("--max-seconds", type=float, default=DEFAULT_LIMITS.max_seconds, help="refuse longer videos")
    parser.add_argument("--force", action="store_true", help="replace an existing avatar of that name")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    limits = Limits(max_seconds=min(args.max_seconds, DEFAULT_LIMITS.max_seconds))
    t0 = time.perf_counter()
    try:
        result = precompute(args.source, args.name, args.root, display_name=args.display_name, limits=limits,
                            idle_seconds=args.idle_seconds, force=args.force)
    except PrecomputeError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print(f"{args.name}: wrote {', '.join(result.ids)} in {time.perf_counter() - t0:.1f} s "
          f"({result.kind}, {result.frames} samples, {result.idle_frames} idle frames, "
          f"{result.open_levels} {result.mouth_shapes} mouth shapes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
