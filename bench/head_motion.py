"""How far the head moves while the avatar speaks, measured from the rendered frames (eyes region).

    python -m bench.head_motion [--root precomputed]

Renders one Korean and one English interviewer sentence with the CPU engine on the drawn default
(talk_long_720p) and, when dlib's model is installed, a grace_hopper photo avatar built into a temp
folder, encodes each turn to an MP4 as the server does and decodes it back; then finds the eyes region of
the idle frame in every decoded frame by phase correlation and
prints the peak and median displacement (px at 720p) during speech, and in the leading silence (frames with a
blink under way count as still: a shut lid changes the region's picture, not its place).
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

from avatars.format import Avatar, load_avatar
from avatars.precompute import precompute
from avatars.store import AvatarStore
from lipsync.base import RenderSpec
from lipsync.cpu import CpuLipsyncEngine
from lipsync.blinks import speech_lids
from lipsync.encode import encode_segment
from lipsync.head_motion import HeadBox
from lipsync.track import frame_total
from tts.espeak import EspeakEngine

SENTENCES = (("ko-female", "안녕하세요. 오늘 면접을 맡은 서지민입니다. 편하게 말씀해 주세요."),
             ("en-us-female", "Thank you for coming in. Tell me about a problem you solved, and what you learned."))


def eyes_box(avatar: Avatar) -> tuple[int, int, int, int]:
    """(x, y, w, h) around the eyes: the upper part of the head ellipse."""
    w, h = avatar.mouth.box_size
    head = HeadBox.above_mouth(*avatar.mouth_xy[0], w, h)
    return int(head.cx - 0.6 * head.half_w), int(head.cy - 0.45 * head.half_h), int(1.2 * head.half_w), int(0.5 * head.half_h)


def offset(a: np.ndarray, b: np.ndarray, box: tuple[int, int, int, int]) -> tuple[float, float]:
    """(dx, dy) px the picture inside `box` = (x, y, w, h) moved from frame `a` to frame `b` (phase correlation)."""
    x, y, w, h = box
    grey = [cv2.cvtColor(img[y : y + h, x : x + w], cv2.COLOR_BGR2GRAY).astype(np.float64) for img in (a, b)]
    (dx, dy), _ = cv2.phaseCorrelate(grey[0], grey[1], cv2.createHanningWindow((w, h), cv2.CV_64F))
    return float(dx), float(dy)


def displacement(avatar: Avatar, frames: list[np.ndarray], start: int) -> np.ndarray:
    """[N] px the eyes region moved from the idle frame at the same loop position."""
    box = eyes_box(avatar)
    return np.array([np.hypot(*offset(avatar.idle_frame(start + k), frame, box)) for k, frame in enumerate(frames)])


def via_mp4(frames: list[np.ndarray], clip, fps: int, folder: Path) -> list[np.ndarray]:
    """The frames as the page gets them: encoded to an MP4 as the server does, decoded back (BGR)."""
    info = encode_segment(frames, clip.samples, clip.sample_rate, fps, folder / "turn.mp4")
    with av.open(str(info.path)) as container:
        return [f.to_ndarray(format="bgr24") for f in container.decode(video=0)]


def measure(avatar: Avatar, engine: CpuLipsyncEngine, voice: str, text: str, folder: Path) -> str:
    """One line: peak / median displacement while speaking and before the first word."""
    clip = EspeakEngine().synthesize(text, voice)
    n = frame_total(clip, avatar.fps)
    frames = via_mp4(list(engine.render(RenderSpec(avatar, clip, 0, n), threading.Event())), clip, avatar.fps, folder)
    moved = displacement(avatar, frames, 0)
    if avatar.eyes is not None:  # a blink changes the eyes region's picture, not its place: not head motion
        moved = np.where(speech_lids(avatar, clip, n, 0)[: len(moved)] > 0, 0.0, moved)
    first = next((p.start for p in clip.phonemes if p.symbol.strip()), 0.0)
    lead = moved[: max(int(first * avatar.fps) - 1, 0)]
    return (f"{avatar.id:22} {voice:13} {clip.duration:4.1f} s  speaking: peak {moved.max():4.1f} px, "
            f"median {np.median(moved):4.2f} px; before the first word: peak {lead.max() if len(lead) else 0.0:4.2f} px; "
            f"last frame {moved[-1]:4.2f} px")


def main(argv: list[str] | None = None) -> int:
    """CLI: print one line per avatar and sentence."""
    parser = argparse.ArgumentParser(prog="python -m bench.head_motion", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path("precomputed"))
    args = parser.parse_args(argv)
    store = AvatarStore(args.root)
    store.ensure_defaults()
    avatars = [store.get("talk_long_720p")]
    with tempfile.TemporaryDirectory() as tmp:
        photo = Path(matplotlib.cbook.get_sample_data("grace_hopper.jpg", asfileobj=False))
        precompute(photo, "grace_hopper", Path(tmp), idle_seconds=0.6)
        avatars.append(load_avatar(Path(tmp) / "grace_hopper_720p"))
        engine = CpuLipsyncEngine()
        engine.load()
        for avatar in avatars:
            for voice, text in SENTENCES:
                print(measure(avatar, engine, voice, text, Path(tmp)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
