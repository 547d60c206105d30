"""Encoder throughput: segment encode fps per resolution and thread count, BGR->YUV paths, join time.

Run: .venv/bin/python -m bench.encode [--seconds 4] [--preset ultrafast] [--repeat 3]
Times are the best of --repeat runs: the 2 cores are shared, and the best run is the one least disturbed.
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import av
import cv2
import numpy as np

from lipsync.encode import EncoderSettings, encode_segment, join_segments
from lipsync.segments import SegmentPlan, plan_segments, segment_samples

FPS = 25
RATE = 22_050  # Hz, espeak-ng's rate
RESOLUTIONS = {"720p": (1280, 720), "480p": (854, 480), "360p": (640, 360)}  # width, height
CONVERSION_FRAMES = 100


def textured_frames(width: int, height: int, count: int) -> list[np.ndarray]:
    """A blurred-noise 'portrait' with a mouth that opens and closes: encodes like a real avatar."""
    rng = np.random.default_rng(0)
    coarse = rng.integers(0, 256, (height // 8, width // 8, 3), dtype=np.uint8)
    base = cv2.resize(cv2.GaussianBlur(coarse, (5, 5), 0), (width, height), interpolation=cv2.INTER_CUBIC)
    base = cv2.add(base, rng.integers(0, 12, (height, width, 3), dtype=np.uint8))
    frames = []
    for i in range(count):
        frame = base.copy()
        opening = int(height * 0.04 * abs(np.sin(i / 3)))
        cv2.ellipse(frame, (width // 2, int(height * 0.65)), (width // 16, 4 + opening), 0, 0, 360, (40, 30, 120), -1)
        frames.append(frame)
    return frames


def speech_pcm(seconds: float) -> np.ndarray:
    """A voice-like signal (harmonics of 140 Hz, syllable envelope, breath noise), pauses every ~1.3 s."""
    rng = np.random.default_rng(0)
    t = np.arange(int(seconds * RATE)) / RATE
    harmonics = sum(np.sin(2 * np.pi * 140 * k * t) / k for k in range(1, 20))
    voice = harmonics * (0.5 + 0.5 * np.sin(2 * np.pi * 3 * t)) + rng.standard_normal(len(t)) * 0.05
    voice[(t % 1.3) > 1.1] *= 0.001
    return (voice * 5000).astype(np.int16)


def conversion_ms(frames: list[np.ndarray]) -> tuple[float, float]:
    """Milliseconds per frame: cv2 I420 + zero-copy wrap, and PyAV bgr24 + swscale reformat."""
    start = time.perf_counter()
    for frame in frames:
        yuv = cv2.cvtColor(frame, cv2.COLOR_BGR2YUV_I420)
        av.VideoFrame.from_numpy_buffer(yuv, format="yuv420p", width=frame.shape[1])
    cv2_ms = (time.perf_counter() - start) * 1000 / len(frames)
    start = time.perf_counter()
    for frame in frames:
        av.VideoFrame.from_ndarray(frame, format="bgr24").reformat(format="yuv420p")
    sws_ms = (time.perf_counter() - start) * 1000 / len(frames)
    return cv2_ms, sws_ms


def encode_turn(
    frames: list[np.ndarray], pcm: np.ndarray, plans: list[SegmentPlan], folder: Path, settings: EncoderSettings
) -> tuple[list[Path], float]:
    """Encode every planned segment; returns the paths and the seconds spent."""
    paths = []
    start = time.perf_counter()
    for k, plan in enumerate(plans):
        path = folder / f"seg{k}.mp4"
        segment_frames = frames[plan.first_frame : plan.end_frame]
        encode_segment(segment_frames, segment_samples(pcm, RATE, FPS, plan), RATE, FPS, path, settings=settings)
        paths.append(path)
    return paths, time.perf_counter() - start


def measure(
    frames: list[np.ndarray], pcm: np.ndarray, plans: list[SegmentPlan], settings: EncoderSettings
) -> tuple[float, float, int]:
    """(segment encode seconds, join seconds, bytes of all segments) of one turn."""
    with tempfile.TemporaryDirectory() as tmp:
        paths, seconds = encode_turn(frames, pcm, plans, Path(tmp), settings)
        start = time.perf_counter()
        join_segments(paths, pcm, RATE, Path(tmp) / "turn.mp4", settings)
        return seconds, time.perf_counter() - start, sum(p.stat().st_size for p in paths)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=4.0, help="speech length per run")
    parser.add_argument("--preset", default="ultrafast")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure; the best is printed")
    args = parser.parse_args()

    pcm = speech_pcm(args.seconds)
    plans = plan_segments(pcm, RATE, FPS)
    total = plans[-1].end_frame
    print(f"{args.seconds:.1f} s of speech, {total} frames at {FPS} fps, {len(plans)} segments, preset {args.preset}")
    for name, (width, height) in RESOLUTIONS.items():
        frames = textured_frames(width, height, total)
        cv2_ms, sws_ms = conversion_ms(frames[:CONVERSION_FRAMES])
        print(f"{name}: BGR->yuv420p cv2 I420 {cv2_ms:.2f} ms/frame, PyAV reformat {sws_ms:.2f} ms/frame")
        for threads in (1, 2):
            settings = EncoderSettings(preset=args.preset, threads=threads)
            runs = [measure(frames, pcm, plans, settings) for _ in range(args.repeat)]
            seconds, join_s, size = min(r[0] for r in runs), min(r[1] for r in runs), runs[0][2]
            print(
                f"  threads={threads}: {total / seconds:6.1f} fps ({total / seconds / FPS:.1f}x realtime, "
                f"audio included), {size * 8 / args.seconds / 1000:.0f} kbit/s, join {join_s * 1000:.0f} ms"
            )


if __name__ == "__main__":
    main()
