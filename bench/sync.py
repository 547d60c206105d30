"""Lip sync and speed of the CPU avatar pipeline, measured on its output files.

    .venv/bin/python -m bench.sync [--root precomputed] [--avatar talk_long] [--resolution 720p] [--repeat 2] [--no-speed]

1. Sync: Korean and English espeak sentences (with pauses around them) rendered through the real
   pieces (CpuLipsyncEngine -> encode_segment per segment -> join_segments), then measured from the
   joined MP4 alone (tests.tools.sync_measure): correlation r of mouth motion with the audio
   envelope at lag 0 and the best lag in frames, the share of pause frames with a closed mouth (as
   measured from the video, and exactly: rendered frames identical to the idle loop's, before encoding).
   Two text sets: TUNED (the sentences the constants were tuned on) and HELD_OUT (never looked at
   while tuning; none is in the tests' fixtures). Two timing sources: espeak's phonemes, and
   characters spread over the words (what ElevenLabs' alignment gives: Hangul syllables). Two avatars:
   the drawn default and a smiling photo (scikit-image's astronaut, precomputed on the fly), whose
   opening range is printed too (open mouth's cavity height in px, speech p95 vs pauses).
2. Speed: render+encode+join fps of the tuned sentences at 720p/480p/360p, with one encoder thread
   pinned to one core and two threads on two cores (best of --repeat; the cores are shared).
"""
from __future__ import annotations

import argparse
import os
import tempfile
import threading
import time
from pathlib import Path

import cv2
import numpy as np

from audio.clip import AudioClip
from avatars.format import RESOLUTIONS, Avatar
from avatars.precompute import precompute
from avatars.store import AvatarStore
from lipsync.base import RenderSpec
from lipsync.cpu import CpuLipsyncEngine
from lipsync.encode import EncoderSettings
from lipsync.segments import frame_count_for, frame_loudness
from tests.tools.render_file import render_mp4, with_pauses
from tests.tools.speech import character_timings
from tests.tools.sync_measure import (PAUSE_MARGIN, SILENT_BELOW_PEAK_DB, SILENT_DBFS, SyncReport, avatar_mouth_box,
                                      measure, opening_px)
from tts.espeak import EspeakEngine

TUNED = {
    "ko": ["안녕하세요, 오늘 면접에 와 주셔서 감사합니다. 먼저 자기소개를 부탁드립니다.",
           "이 직무에 관심을 갖게 된 계기가 궁금합니다.", "가장 힘들었던 프로젝트와 그때 배운 점을 알려 주세요."],
    "en-us": ["Hello, thank you for coming in today. Could you start by introducing yourself?",
              "What made you apply for this position?", "Tell me about the hardest problem you solved last year."],
}
HELD_OUT = {
    "ko": ["팀원과 의견이 다를 때 어떻게 해결하셨나요?", "우리 회사에 입사하면 어떤 일을 먼저 해 보고 싶으신가요?",
           "마지막으로 하고 싶은 말씀이 있으면 편하게 해 주세요.", "본인의 장점과 단점을 하나씩 말씀해 주시겠습니까?",
           "주말에는 보통 무엇을 하면서 시간을 보내세요?"],
    "en-us": ["How do you handle disagreements with your teammates?", "Where do you see yourself in five years?",
              "Describe a time you had to learn something quickly.", "What would your previous manager say about your work?",
              "Is there anything you would like to ask us before we finish?"],
}
PAUSE_S = 0.4  # silence around each sentence
TIMINGS = ("phonemes", "characters")
GOAL_R, GOAL_LAG = 0.6, 1  # the bar: r >= 0.6 with the best lag within one frame


def spoken(tts: EspeakEngine, text: str, voice: str, timing: str) -> AudioClip:
    """An espeak sentence with PAUSE_S of silence around it, timed by phonemes or by characters."""
    clip = with_pauses(tts.synthesize(text, voice), PAUSE_S, PAUSE_S)
    return clip if timing == "phonemes" else character_timings(clip)


def photo_avatar(root: Path, resolution: str) -> Avatar:
    """scikit-image's astronaut (a smiling photo with teeth showing) precomputed into `root`."""
    from skimage.data import astronaut

    photo = root / "astronaut.png"
    cv2.imwrite(str(photo), cv2.cvtColor(astronaut(), cv2.COLOR_RGB2BGR))
    precompute(photo, "astronaut", root)
    return AvatarStore(root).get(f"astronaut_{resolution}")


def closed_in_silence(engine: CpuLipsyncEngine, avatar: Avatar, clip: AudioClip) -> float:
    """Share of pause frames (silent, PAUSE_MARGIN frames from sound) whose mouth box is the bare idle frame's,
    before encoding."""
    frames = frame_count_for(clip.duration, avatar.fps)
    level = frame_loudness(clip.samples, clip.sample_rate, avatar.fps)
    silent = level < max(SILENT_DBFS, float(level.max()) - SILENT_BELOW_PEAK_DB)
    pause = np.convolve(~silent, np.ones(2 * PAUSE_MARGIN + 1), mode="same") == 0
    rendered = engine.render(RenderSpec(avatar, clip, 0, frames), threading.Event())
    w, h = avatar.mouth.box_size
    same = []
    for k, frame in enumerate(rendered):
        if pause[k]:  # the mouth box only: the eyes may blink in a pause
            x, y = avatar.mouth_xy[k % avatar.loop_length]
            same.append(np.array_equal(frame[y : y + h, x : x + w], avatar.idle_frame(k)[y : y + h, x : x + w]))
    return float(np.mean(same))


def sync_table(engine: CpuLipsyncEngine, avatars: list[Avatar], out: Path) -> None:
    """Print r, lag and closed-in-pause figures per text set, language, timing source and avatar."""
    tts = EspeakEngine()
    print(f"{'set':>8} {'voice':>6} {'timing':>10} {'avatar':>16} {'r0 mean':>7} {'r0 min':>6} {'r* min':>6} "
          f"{'|lag|<=1':>8} {'r0>=0.6':>7} {'closed':>6} {'exact':>5} {'open px':>7} {'rest px':>7}")
    for set_name, texts in (("tuned", TUNED), ("held-out", HELD_OUT)):
        for voice, sentences in texts.items():
            for timing in TIMINGS:
                for avatar in avatars:
                    reports: list[SyncReport] = []
                    opening, rest, exact = [], [], []
                    for i, text in enumerate(sentences):
                        path = out / f"{set_name}_{voice}_{timing}_{avatar.id}_{i}.mp4"
                        clip = spoken(tts, text, voice, timing)
                        render_mp4(engine, avatar, clip, path, out)
                        exact.append(closed_in_silence(engine, avatar, clip))
                        box = avatar_mouth_box(avatar)
                        reports.append(measure(path, box))
                        heights, silent = opening_px(path, box)
                        opening.append(np.percentile(heights[~silent], 95))
                        rest.append(np.median(heights[silent]))
                    r0 = [r.correlation for r in reports]
                    print(f"{set_name:>8} {voice:>6} {timing:>10} {avatar.id:>16} {np.mean(r0):7.3f} {min(r0):6.3f} "
                          f"{min(r.best_correlation for r in reports):6.3f} "
                          f"{sum(abs(r.best_lag) <= GOAL_LAG for r in reports):>5}/{len(reports)} "
                          f"{sum(r >= GOAL_R for r in r0):>4}/{len(reports)} "
                          f"{min(r.closed_in_pauses for r in reports):6.2f} {min(exact):5.2f} {np.mean(opening):7.1f} {np.mean(rest):7.1f}")


def use_cores(cpus: list[int], count: int) -> None:
    """Pin this process (and OpenCV's threads) to the first `count` of `cpus`."""
    os.sched_setaffinity(0, set(cpus[:count]))
    cv2.setNumThreads(count)


def main() -> int:
    """Print the sync figures and the speed table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", type=Path, default=Path("precomputed"))
    ap.add_argument("--avatar", default="talk_long")
    ap.add_argument("--resolution", choices=RESOLUTIONS, default="720p", help="resolution of the sync runs")
    ap.add_argument("--repeat", type=int, default=2, help="speed runs per setting (best is kept)")
    ap.add_argument("--no-speed", action="store_true", help="sync figures only")
    args = ap.parse_args()
    store = AvatarStore(args.root)
    store.ensure_defaults()
    engine = CpuLipsyncEngine()
    engine.load()
    cpus = sorted(os.sched_getaffinity(0))
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        avatars = [store.get(store.resolve(args.avatar, args.resolution)), photo_avatar(out, args.resolution)]
        print(f"\nsync at {args.resolution}, measured from the joined MP4 (r0: lag 0, r*: best lag; "
              f"goal r >= {GOAL_R}, |lag| <= {GOAL_LAG}):")
        sync_table(engine, avatars, out)
        if args.no_speed:
            return 0
        tts = EspeakEngine()
        clips = {voice: spoken(tts, texts[0], voice, "phonemes") for voice, texts in TUNED.items()}
        print("\nrender+encode+join, the first tuned sentence of each voice (frames / wall time, best of", args.repeat, "runs):")
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
