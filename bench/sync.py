"""Lip sync and speed of the CPU avatar pipeline, measured on its output files.

    .venv/bin/python -m bench.sync [--root precomputed] [--avatar talk_long] [--repeat 2]

1. Sync: a Korean and an English espeak sentence (with pauses around them) rendered at 720p
   through the real pieces (CpuLipsyncEngine -> encode_segment per segment -> join_segments),
   then measured from the joined MP4 alone (tests.tools.sync_measure): correlation of mouth motion
   with the audio envelope, best lag in frames, pause frames with a closed mouth, and what the
   file carries (stream start times, edit lists).
2. Speed: render+encode+join fps of the same turn at 720p/480p/360p, with one encoder thread
   pinned to one core and two threads on two cores (best of --repeat; the cores are shared).
"""
from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

import cv2

from avatars.format import RESOLUTIONS
from avatars.store import AvatarStore
from lipsync.cpu import CpuLipsyncEngine
from lipsync.encode import EncoderSettings
from tests.tools.render_file import render_mp4, with_pauses
from lipsync.segments import frame_count_for
from tests.tools.sync_measure import avatar_mouth_box, measure
from tts.base import AudioClip
from tts.espeak import EspeakEngine

SENTENCES = {
    "ko": "안녕하세요, 오늘 면접에 와 주셔서 감사합니다. 먼저 자기소개를 부탁드립니다.",
    "en-us": "Hello, thank you for coming in today. Could you start by introducing yourself?",
}
PAUSE_S = 0.4  # silence around each sentence


def spoken(voice: str) -> AudioClip:
    """An espeak sentence with PAUSE_S of silence before and after it."""
    return with_pauses(EspeakEngine().synthesize(SENTENCES[voice], voice), PAUSE_S, PAUSE_S)


def use_cores(cpus: list[int], count: int) -> None:
    """Pin this process (and OpenCV's threads) to the first `count` of `cpus`."""
    os.sched_setaffinity(0, set(cpus[:count]))
    cv2.setNumThreads(count)


def main() -> int:
    """Print the sync figures and the speed table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", type=Path, default=Path("precomputed"))
    ap.add_argument("--avatar", default="talk_long")
    ap.add_argument("--repeat", type=int, default=2, help="speed runs per setting (best is kept)")
    args = ap.parse_args()
    store = AvatarStore(args.root)
    store.ensure_defaults()
    engine = CpuLipsyncEngine()
    engine.load()
    clips = {voice: spoken(voice) for voice in SENTENCES}
    cpus = sorted(os.sched_getaffinity(0))
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        avatar = store.get(store.resolve(args.avatar, "720p"))
        print(f"\nsync at 720p ({avatar.id}), measured from the joined MP4:")
        print(f"{'voice':>6} {'s':>5} {'frames':>6} {'r(lag 0)':>8} {'lag':>4} {'r(best)':>7} {'closed':>7} {'v0 s':>6} {'a0 s':>6}  edit lists")
        for voice, clip in clips.items():
            render_mp4(engine, avatar, clip, out / f"{voice}.mp4", out)
            r = measure(out / f"{voice}.mp4", avatar_mouth_box(avatar))
            edits = ", ".join(f"{t.handler}: skip {t.skipped_s * 1000:.1f} ms" for t in r.tracks)
            print(f"{voice:>6} {clip.duration:5.2f} {r.frames:6d} {r.correlation:8.3f} {r.best_lag:+4d} {r.best_correlation:7.3f} "
                  f"{r.closed_in_pauses:7.2f} {r.video_start_s:6.3f} {r.audio_start_s:6.3f}  {edits}")
        print("\nrender+encode+join, both sentences (frames / wall time, best of", args.repeat, "runs):")
        print(f"{'resolution':>10} {'cores/threads':>13} {'fps':>7} {'x realtime':>10}")
        for cores in (1, 2):
            use_cores(cpus, cores)
            settings = EncoderSettings(threads=cores)
            for res in RESOLUTIONS:
                avatar = store.get(store.resolve(args.avatar, res))
                best = 0.0
                for _ in range(args.repeat):
                    frames, start = 0, time.perf_counter()
                    for voice, clip in clips.items():
                        render_mp4(engine, avatar, clip, out / f"speed_{voice}.mp4", out, settings=settings)
                        frames += frame_count_for(clip.duration, avatar.fps)
                    best = max(best, frames / (time.perf_counter() - start))
                print(f"{res:>10} {f'{cores}/{cores}':>13} {best:7.1f} {best / avatar.fps:10.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
