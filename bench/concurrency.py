"""Concurrent streams without a stall: full-frame vs face-region delivery, at 720p and 480p.

    .venv/bin/python -m bench.concurrency [--streams 4,6,8,10,12] [--seconds 8] [--resolutions 720p,480p]

N turns start at the same moment, each on its own thread as the job queue runs them (the same
espeak clip, cut by the render stage's policy, rendered by the CPU engine and encoded by one
TurnStream per turn). A client plays from its first segment: segment k is due at first_ready +
start_k; the stream stalls when a segment is ready later than that + SLACK_S. Printed per mode,
resolution and N: stall-free or not, the worst lateness, TTFF max (first segment ready), and the
largest stall-free N. "full" encodes whole frames; "face" only the face region (lipsync.region)
the page composites over the idle loop it holds. The machine's cores are shared, so each turn's own
CPU time (thread_time) is printed too, with the stall-free N it implies on idle cores
(cores / CPU seconds per second of turn): that figure does not depend on what else runs.
"""
from __future__ import annotations

import argparse
import os
import tempfile
import threading
import time
from pathlib import Path

from audio.clip import AudioClip
from avatars.format import Avatar
from avatars.store import AvatarStore
from lipsync.base import RenderSpec
from lipsync.cpu import CpuLipsyncEngine
from lipsync.region import Region
from lipsync.segments import plan_sentence, segment_samples
from lipsync.turn_stream import TurnStream
from tests.tools.render_file import with_pauses
from tts.espeak import EspeakEngine

SLACK_S = 0.1  # a segment may be this late before the viewer sees a stall
TEXT = ("안녕하세요, 오늘 면접을 맡은 김민준입니다. 먼저 간단하게 자기소개를 부탁드리고, "
        "이전 회사에서 맡았던 업무와 가장 기억에 남는 성과를 말씀해 주세요.")


def one_turn(engine: CpuLipsyncEngine, avatar: Avatar, clip: AudioClip, region: Region | None, out: Path,
             begin: float, ready: list[float], cpu: list[float]) -> None:
    """Render and encode one turn; append each segment's ready time (s after `begin`) to `ready`, its CPU s to `cpu`."""
    cpu_start = time.thread_time()
    stream = TurnStream(avatar.fps, clip.sample_rate)
    try:
        for i, plan in enumerate(plan_sentence(clip.samples, clip.sample_rate, avatar.fps, opening=True)):
            spec = RenderSpec(avatar, clip, plan.first_frame, plan.frame_count, region=region)
            stream.encode(engine.render(spec, threading.Event()),
                          segment_samples(clip.samples, clip.sample_rate, avatar.fps, plan), out / f"s{i:03d}.mp4")
            ready.append(time.monotonic() - begin)
    finally:
        stream.close()
        cpu.append(time.thread_time() - cpu_start)


def run(engine: CpuLipsyncEngine, avatar: Avatar, clip: AudioClip, streams: int, face: bool,
        root: Path) -> tuple[float, float, float]:
    """(worst lateness s, TTFF max s, mean CPU s per turn) of `streams` turns started together."""
    plans = plan_sentence(clip.samples, clip.sample_rate, avatar.fps, opening=True)
    starts = [p.first_frame / avatar.fps for p in plans]
    region = engine.region(avatar) if face else None
    ready: list[list[float]] = [[] for _ in range(streams)]
    cpu: list[float] = []
    begin = time.monotonic()
    threads = []
    for n in range(streams):
        folder = root / f"t{n}"
        folder.mkdir()
        threads.append(threading.Thread(target=one_turn, name=f"bench-turn-{n}",
                                        args=(engine, avatar, clip, region, folder, begin, ready[n], cpu)))
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=600)
    late = max(r - (times[0] + s) for times in ready for r, s in zip(times, starts))
    return late, max(times[0] for times in ready), sum(cpu) / len(cpu)


def main() -> int:
    """Print the table and the largest stall-free N per mode and resolution."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", type=Path, default=Path("precomputed"))
    ap.add_argument("--avatar", default="talk_long")
    ap.add_argument("--streams", default="4,6,8,10,12")
    ap.add_argument("--resolutions", default="720p,480p")
    args = ap.parse_args()
    store = AvatarStore(args.root)
    store.ensure_defaults()
    engine = CpuLipsyncEngine()
    engine.load()
    clip = with_pauses(EspeakEngine().synthesize(TEXT, "ko"), 0.0, 0.3)
    counts = [int(n) for n in args.streams.split(",")]
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; turn {clip.duration:.1f} s; "
          f"stall = a segment ready later than its playback time + {SLACK_S} s")
    cores = len(os.sched_getaffinity(0))
    print(f"{'res':>5} {'mode':>5} {'region':>9} {'N':>3} {'stall-free':>10} {'worst late s':>12} {'TTFF max s':>10} "
          f"{'CPU s/turn s':>12} {f'N on {cores} idle cores':>18}")
    for res in args.resolutions.split(","):
        avatar = store.get(store.resolve(args.avatar, res))
        for face in (False, True):
            r = engine.region(avatar)
            size = f"{r.width}x{r.height}" if face else f"{avatar.width}x{avatar.height}"
            best = 0
            for n in counts:
                with tempfile.TemporaryDirectory() as tmp:
                    late, ttff, cpu = run(engine, avatar, clip, n, face, Path(tmp))
                ok = late <= SLACK_S
                best = n if ok and n > best else best
                share = cpu / clip.duration
                print(f"{res:>5} {'face' if face else 'full':>5} {size:>9} {n:3d} {'yes' if ok else 'no':>10} "
                      f"{late:12.2f} {ttff:10.2f} {share:12.3f} {cores / share:18.1f}")
                if not ok:
                    break
            print(f"{res:>5} {'face' if face else 'full':>5}: largest stall-free N {best or '< ' + str(counts[0])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
