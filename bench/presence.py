"""Blinks, gaze and listening as the page gets them: measured from decoded MP4s, plus a strip of frames for the eye.

    python -m bench.presence [--root precomputed] [--out test-artifacts] [--speech-seconds 60]

For the drawn default (talk_long) and two photo avatars built into a temp folder (matplotlib's grace_hopper,
scikit-image's astronaut; dlib's landmark model must be installed for their eyes):
- blink intervals from the video: the idle clip (24 s) and a turn of espeak sentences (about --speech-seconds,
  chained on the turn's timeline as the pipeline renders them) are encoded, decoded, and the eye region's
  brightness per frame is the signal (a shut lid covers the dark iris and pupil). A blink is a rise of
  more than RISE_SHARE of the signal's range above its rolling median; the detector was set on talk_long's
  idle clip only, so the photo avatars and the speech turns are held out. Printed: blinks found / scheduled,
  mean, median, min and max interval, share of double blinks (< 1 s);
- head motion while listening: the eyes region's peak displacement (phase correlation, px) of the listening
  pose and of the nod, against the idle frame and against the pose;
- gaze: how many sentences of the turn looked away at their start;
- OUT/presence-<avatar>.png: open, half-shut, shut, looking away, listening pose, deepest nod.
"""
from __future__ import annotations

import argparse
import tempfile
import threading
from pathlib import Path

import av
import cv2
import matplotlib.cbook
import numpy as np
import skimage.data

from avatars.eyelids import bounds, warp_eyes
from avatars.format import Avatar, load_avatar
from avatars.precompute import precompute
from avatars.store import AvatarStore
from bench.head_motion import eyes_box, offset
from lipsync.base import RenderSpec
from lipsync.blinks import avatar_loop_lids, intervals, speech_lids
from lipsync.cpu import CpuLipsyncEngine
from lipsync.encode import encode_segment
from lipsync.gaze import AWAY_EYES, gaze_track
from lipsync.idle_clip import idle_clip
from lipsync.listening import listening_clip, listening_view, nod_clip, nod_depth
from lipsync.track import frame_total
from tts.espeak import EspeakEngine

RISE_SHARE = 0.35  # a blink: brightness this share of its range above the rolling median (set on talk_long's idle clip)
MEDIAN_S = 2.0  # s: the rolling median's window (longer than any blink)
SENTENCES = ("Thank you for coming in today.", "Tell me about a project you are proud of.",
             "What was the hardest part, and how did you handle it?", "How did the team decide what to build first?",
             "If you did it again, what would you change?", "Which tools did you choose, and why?",
             "How do you make sure your code keeps working?", "Tell me about a time you disagreed with a colleague.")


def decode(path: Path) -> list[np.ndarray]:
    """Every frame of an MP4 (BGR)."""
    with av.open(str(path)) as container:
        return [f.to_ndarray(format="bgr24") for f in container.decode(video=0)]


def eye_signal(avatar: Avatar, frames: list[np.ndarray]) -> np.ndarray:
    """[N] mean grey level of both eyes' patches in each frame, the patches following the head (phase correlation)."""
    box = eyes_box(avatar)
    out = []
    for k, frame in enumerate(frames):
        dx, dy = offset(avatar.idle_frame(k), frame, box)
        mx, my = avatar.mouth_xy[k % avatar.loop_length]
        x0, y0, x1, y1 = bounds(avatar.eyes, (float(mx + dx), float(my + dy)))
        out.append(cv2.cvtColor(frame[y0:y1, x0:x1], cv2.COLOR_BGR2GRAY).mean())
    return np.array(out)


def blink_starts(signal: np.ndarray, fps: int) -> np.ndarray:
    """Frames where a blink begins: the signal rising RISE_SHARE of its range above its rolling median."""
    half = int(MEDIAN_S * fps) // 2
    padded = np.pad(signal, half, mode="reflect")
    baseline = np.array([np.median(padded[i : i + 2 * half + 1]) for i in range(len(signal))])
    rise = signal - baseline
    up = rise > RISE_SHARE * max(rise.max(), 1e-6)
    return np.flatnonzero(up[1:] & ~up[:-1]) + 1


def describe(found: np.ndarray, scheduled: np.ndarray, fps: int) -> str:
    """One summary of detected blink starts against the scheduled lids."""
    gaps = np.diff(found) / fps
    want = len(np.flatnonzero((scheduled[1:] > 0) & (scheduled[:-1] <= 0)))
    if len(gaps) == 0:
        return f"{len(found)}/{want} blinks found"
    return (f"{len(found)}/{want} blinks found; intervals mean {gaps.mean():.2f} s (scheduled "
            f"{np.mean(intervals(scheduled, fps)):.2f} s), median {np.median(gaps):.2f} s, min {gaps.min():.2f} s, "
            f"max {gaps.max():.2f} s, doubles {np.mean(gaps < 1.0):.0%}")


def turn(avatar: Avatar, engine: CpuLipsyncEngine, seconds: float, folder: Path) -> tuple[list[np.ndarray], np.ndarray, int]:
    """A turn of sentences (about `seconds`) rendered as the pipeline does, via MP4: frames, scheduled lids, look-aways."""
    tts = EspeakEngine()
    frames, lids, clips, looked = [], [], [], 0
    while len(frames) < seconds * avatar.fps:
        clip = tts.synthesize(SENTENCES[len(clips) % len(SENTENCES)], "en-us-female")
        n = frame_total(clip, avatar.fps)
        first = len(frames)
        frames += list(engine.render(RenderSpec(avatar, clip, 0, n, loop_offset=first), threading.Event()))
        lids.append(speech_lids(avatar, clip, n, first))
        looked += gaze_track(clip, avatar.fps, n).side != 0
        clips.append(clip)
    audio = np.concatenate([c.samples for c in clips])
    info = encode_segment(frames, audio, clips[0].sample_rate, avatar.fps, folder / f"{avatar.id}-turn.mp4")
    return decode(info.path), np.concatenate(lids), looked


def shift(a: np.ndarray, b: np.ndarray, box: tuple[int, int, int, int]) -> float:
    """px the eyes region moved from `a` to `b`."""
    return float(np.hypot(*offset(a, b, box)))


def strip(avatar: Avatar, out: Path) -> Path:
    """Eyes open, half shut, shut, looking away; the listening pose and the deepest nod (faces cropped)."""
    origin = tuple(map(float, avatar.mouth_xy[0]))
    shots = []
    for lid, gaze in ((0.0, (0.0, 0.0)), (0.5, (0.0, 0.0)), (1.0, (0.0, 0.0)), (0.0, AWAY_EYES)):
        frame = avatar.idle_frame(0).copy()
        warp_eyes(frame, avatar.eyes, origin, lid, gaze)
        shots.append(frame)
    depth = nod_depth(avatar.fps)
    shots += [listening_view(avatar, 0.0, 0.0), listening_view(avatar, 0.0, float(depth.max()))]
    x, y, w, h = eyes_box(avatar)
    crop = (slice(max(y - h, 0), y + 4 * h), slice(max(x - w // 4, 0), x + w + w // 4))  # brows to chin
    path = out / f"presence-{avatar.id}.png"
    cv2.imwrite(str(path), np.hstack([s[crop] for s in shots]))
    return path


def report(avatar: Avatar, engine: CpuLipsyncEngine, seconds: float, folder: Path, out: Path) -> None:
    """Print the measurements of one avatar."""
    if avatar.eyes is None:
        print(f"{avatar.id}: no eye landmarks (is dlib's model installed?): no blinks to measure")
        return
    idle = decode(idle_clip(avatar, folder / "idle"))
    lids = avatar_loop_lids(avatar)
    print(f"{avatar.id:20} idle clip {len(idle) / avatar.fps:4.1f} s: "
          f"{describe(blink_starts(eye_signal(avatar, idle), avatar.fps), lids, avatar.fps)}")
    frames, scheduled, looked = turn(avatar, engine, seconds, folder)
    found = blink_starts(eye_signal(avatar, frames), avatar.fps)
    print(f"{'':20} speech turn {len(frames) / avatar.fps:4.1f} s: {describe(found, scheduled, avatar.fps)}")
    listening, nod = decode(listening_clip(avatar, folder)), decode(nod_clip(avatar, folder))
    box = eyes_box(avatar)
    pose = shift(avatar.idle_frame(0), listening[0], box)
    nods = [shift(nod[0], f, box) for f in nod]
    loop = [shift(listening[0], f, box) for f in listening]
    print(f"{'':20} listening: pose {pose:.1f} px from the idle frame, still within {max(loop):.2f} px over "
          f"{len(listening) / avatar.fps:.0f} s; nod peak {max(nods):.1f} px; gaze: {looked} sentences looked away at "
          f"their start; frames: {strip(avatar, out)}")


def main(argv: list[str] | None = None) -> int:
    """CLI: print the measurements of each avatar and write its strip of frames."""
    parser = argparse.ArgumentParser(prog="python -m bench.presence", description=__doc__.splitlines()[0])
    for flag, kind, default, what in (("--root", Path, Path("precomputed"), "avatar folder"),
                                      ("--out", Path, Path("test-artifacts"), "where the strips of frames go"),
                                      ("--speech-seconds", float, 60.0, "length of the speech turn measured"),
                                      ("--resolution", str, "360p", "resolution measured (the strips too)")):
        parser.add_argument(flag, type=kind, default=default, help=what)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    store = AvatarStore(args.root)
    store.ensure_defaults()
    engine = CpuLipsyncEngine()
    engine.load()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        astronaut = folder / "astronaut.png"
        cv2.imwrite(str(astronaut), cv2.cvtColor(skimage.data.astronaut(), cv2.COLOR_RGB2BGR))
        avatars = [store.get(f"talk_long_{args.resolution}")]
        for name, photo in (("grace_hopper", Path(matplotlib.cbook.get_sample_data("grace_hopper.jpg", asfileobj=False))),
                            ("astronaut", astronaut)):
            precompute(photo, name, folder / "avatars")
            avatars.append(load_avatar(folder / "avatars" / f"{name}_{args.resolution}"))
        for avatar in avatars:
            report(avatar, engine, args.speech_seconds, folder, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
