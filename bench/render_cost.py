"""Render + encode CPU of one turn, in this process: the per-frame work alone, face and full delivery.

    .venv/bin/python -m bench.render_cost [--runs 5] [--avatar talk_long] [--resolution 720p]

One espeak turn (bench.concurrency's text, 16.5 s) is cut by the render stage's policy and rendered + encoded segment
by segment through `LocalTurnRender` (what a render process runs), with one cv2 thread as in a render process and
the encoder settings the render stage uses per delivery. Printed: process CPU seconds per second of speech, best and
median of `--runs` after one warm-up run, `move_head`'s CPU per frame of the face box, and the engine's alone. CPU
time, so the figures barely depend on what else runs; run it in an export of another commit to compare (the imports
are old enough).
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import threading
import time
from pathlib import Path

import cv2
import numpy as np

from avatars.store import AvatarStore
from bench.concurrency import TEXT
from lipsync.base import RenderSpec
from lipsync.cpu import CpuLipsyncEngine
from lipsync.encode import DEFAULT_SETTINGS
from lipsync.head_motion import HeadBox, move_head
from lipsync.segments import plan_sentence, segment_samples
from lipsync.turn_render import LocalTurnRender
from lipsync.turn_stream import TurnStream
from pipeline.render_stage import stream_encoder
from tests.tools.render_file import with_pauses
from tts.espeak import EspeakEngine


def turn_cpu(engine: CpuLipsyncEngine, spec: RenderSpec, delivery: str, folder: Path) -> float:
    """Process CPU seconds to render and encode the turn `spec` stands for (its clip, all of its segments)."""
    clip, avatar = spec.clip, spec.avatar
    started = time.process_time()
    stream = TurnStream(avatar.fps, clip.sample_rate, stream_encoder(DEFAULT_SETTINGS, delivery))
    render = LocalTurnRender(engine, stream)
    try:
        for i, plan in enumerate(plan_sentence(clip.samples, clip.sample_rate, avatar.fps, opening=True)):
            segment = RenderSpec(avatar, clip, plan.first_frame, plan.frame_count, region=spec.region)
            render.render(segment, segment_samples(clip.samples, clip.sample_rate, avatar.fps, plan),
                          folder / f"s{i:03d}.mp4", threading.Event())
    finally:
        render.close()
    return time.process_time() - started


def warp_ms(engine: CpuLipsyncEngine, spec: RenderSpec, frames: int = 300) -> float:
    """CPU ms per frame of `move_head` on the face box, over a sway and nod like speech's."""
    avatar, region = spec.avatar, engine.region(spec.avatar)
    x, y = avatar.mouth_xy[0]
    head = HeadBox.above_mouth(float(x), float(y), *avatar.mouth.box_size)
    box = avatar.idle_frame(0)[region.y : region.y + region.height, region.x : region.x + region.width]
    started = time.process_time()
    for i in range(frames):
        motion = (0.01 * np.sin(i / 7), 0.03 * np.sin(i / 5), 0.8 * np.sin(i / 9))
        move_head(box.copy(), head, (region.x, region.y), motion)
    return (time.process_time() - started) / frames * 1000


def engine_ms(engine: CpuLipsyncEngine, spec: RenderSpec) -> float:
    """CPU ms per frame of the engine alone (mouth, eyes, head warp; no encode) over the turn's face boxes."""
    frames = int(spec.clip.duration * spec.avatar.fps)
    started = time.process_time()
    for _ in engine.render(RenderSpec(spec.avatar, spec.clip, 0, frames, region=engine.region(spec.avatar)),
                           threading.Event()):
        pass
    return (time.process_time() - started) / frames * 1000


def main() -> int:
    """Print the render + encode cost per delivery and the warp's cost per frame."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--avatar", default="talk_long")
    ap.add_argument("--resolution", default="720p")
    args = ap.parse_args()
    cv2.setNumThreads(1)  # as in a render process
    store = AvatarStore(Path("precomputed"))
    store.ensure_defaults()
    engine = CpuLipsyncEngine()
    engine.load()
    avatar = store.get(store.resolve(args.avatar, args.resolution))
    clip = with_pauses(EspeakEngine().synthesize(TEXT, "ko"), 0.0, 0.3)
    print(f"{args.avatar} {args.resolution}, turn {clip.duration:.2f} s; CPU s per s of speech, "
          f"best / median of {args.runs} after a warm-up")
    for delivery in ("face", "full"):
        spec = RenderSpec(avatar, clip, 0, 0, region=engine.region(avatar) if delivery == "face" else None)
        runs = []
        for k in range(args.runs + 1):
            with tempfile.TemporaryDirectory() as tmp:
                runs.append(turn_cpu(engine, spec, delivery, Path(tmp)) / clip.duration)
        print(f"{delivery:>5}: {min(runs[1:]):.4f} / {statistics.median(runs[1:]):.4f}", flush=True)
    print(f"move_head per face frame: {min(warp_ms(engine, spec) for _ in range(3)):.3f} ms")
    print(f"engine alone per face frame (best of 3): {min(engine_ms(engine, spec) for _ in range(3)):.3f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
