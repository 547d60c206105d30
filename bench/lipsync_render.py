"""Render speed of the CPU lipsync engine (no encoding): frames per second per resolution and frame_skip.

    python bench/lipsync_render.py [--root precomputed] [--avatar talk_long] [--seconds 20] [--cores 1]

Draws the default avatars into --root first if they are missing. With --cores 1 the process is
pinned to one CPU and OpenCV to one thread, which is the figure the turn budget is planned with.
"""
from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import cv2  # noqa: E402

from avatars.format import RESOLUTIONS  # noqa: E402
from avatars.store import AvatarStore  # noqa: E402
from lipsync.base import RenderSpec  # noqa: E402
from lipsync.cpu import CpuLipsyncEngine  # noqa: E402
from tests.tools.speech import speech  # noqa: E402
from lipsync.track import frame_total, mouth_track  # noqa: E402

SENTENCE = "tɕ ˈɐ q i s ˌo q ɛ ɾ ˌɯ ɫ p ˈu t h ɐ q t- ˌɯ ɾ i p n ˌi d ɐ".split()  # 자기소개를 부탁드립니다, as espeak-ng writes it


def main() -> int:
    """Print render fps for every resolution and frame_skip 1..3."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", type=Path, default=Path("precomputed"))
    ap.add_argument("--avatar", default="talk_long")
    ap.add_argument("--seconds", type=float, default=20.0, help="length of the synthetic utterance")
    ap.add_argument("--cores", type=int, default=1, help="CPUs to allow (0 = leave as is)")
    args = ap.parse_args()
    if args.cores:
        os.sched_setaffinity(0, set(sorted(os.sched_getaffinity(0))[: args.cores]))
        cv2.setNumThreads(args.cores)
    store = AvatarStore(args.root)
    store.ensure_defaults()
    sentences = max(int(args.seconds / 2.5), 1)
    clip = speech([(0.5, None), (2.0, SENTENCE)] * sentences)
    frames = frame_total(clip, 25)
    t0 = time.perf_counter()
    mouth_track(clip, 25)
    track_ms = 1000 * (time.perf_counter() - t0)
    print(f"clip {clip.duration:.1f} s, {frames} frames; mouth track {track_ms:.1f} ms; cores={args.cores or os.cpu_count()}")
    engine = CpuLipsyncEngine()
    engine.load()
    print(f"{'resolution':>10} {'MB':>6} {'load s':>7} {'skip':>4} {'fps':>8} {'x realtime':>10}")
    for res in RESOLUTIONS:
        t0 = time.perf_counter()
        avatar = store.get(store.resolve(args.avatar, res))
        load_s = time.perf_counter() - t0
        for skip in (1, 2, 3):
            spec = RenderSpec(avatar, clip, 0, frames, frame_skip=skip)
            list(engine.render(RenderSpec(avatar, clip, 0, 10, frame_skip=skip), threading.Event()))  # warm
            t0 = time.perf_counter()
            for _ in engine.render(spec, threading.Event()):
                pass
            fps = frames / (time.perf_counter() - t0)
            print(f"{res:>10} {avatar.nbytes / 1e6:6.1f} {load_s:7.2f} {skip:4d} {fps:8.0f} {fps / 25:10.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
