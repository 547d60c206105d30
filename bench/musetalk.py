"""MuseTalk throughput: UNet, VAE decode, features, blend and encode per batch size; end-to-end fps through the
real worker process for 1 and N concurrent streams; time to first frame.

Run: .venv/bin/python -m bench.musetalk [--size tiny|full] [--device auto] [--batches 1,4,8,16]
                                        [--streams 1,2,4] [--batch 16] [--seconds 4] [--repeat 3]
--size full builds MuseTalk v1.5's real architecture with random weights (the same FLOPs as the real model;
meant for a GPU, fp16); --size tiny is the test configuration, for a CPU. Component times are the best of
--repeat runs (shared machines: the best run is the least disturbed). The end-to-end figures include the
worker's batching across streams, process hand-off and pasting at 720p; encoding is reported separately.
"""
from __future__ import annotations

import argparse
import logging
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from lipsync.musetalk.prep import prepare_avatar
from lipsync.base import RenderSpec
from lipsync.encode import encode_segment
from lipsync.musetalk.blend import jaw_mask, paste_face
from lipsync.musetalk.engine import MuseTalkEngine
from lipsync.musetalk.protocol import WorkerSettings
from tests.tools.musetalk_models import FULL, TINY, face_box, speech_clip, write_avatar, write_random_musetalk
from lipsync.segments import SegmentPlan, segment_samples

FPS = 25
RESOLUTION = "720p"


def best_of(repeat: int, fn: Callable[[], object], sync: Callable[[], None]) -> float:
    """Fastest of `repeat` timed runs of fn (after one untimed run), seconds."""
    fn()
    sync()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        sync()
        times.append(time.perf_counter() - start)
    return min(times)


def components(root: Path, device: str, batches: list[int], seconds: float, repeat: int) -> None:
    """Per batch size: UNet step, VAE decode; and per clip: whisper features (models freed on return)."""
    import torch

    from lipsync.musetalk.features import audio_features
    from lipsync.musetalk.layout import ModelPaths
    from lipsync.musetalk.models import load_models
    from lipsync.musetalk.plan import to_whisper_audio

    models = load_models(ModelPaths.from_root(root), device)
    sync = (lambda: torch.cuda.synchronize(models.device)) if models.device.type == "cuda" else (lambda: None)
    clip = speech_clip(seconds)
    audio = to_whisper_audio(clip.samples, clip.sample_rate)
    frames = int(seconds * FPS)
    feat_s = best_of(repeat, lambda: audio_features(models, audio, frames), sync)
    print(f"device {models.device} {str(models.dtype).replace('torch.', '')}; features: {feat_s * 1000:.1f} ms "
          f"for {seconds:g} s of audio ({frames} frames, {feat_s / frames * 1000:.2f} ms/frame)")
    features = audio_features(models, audio, frames)
    print(f"{'batch':>5} {'unet ms':>9} {'vae ms':>9} {'ms/frame':>9} {'gpu fps':>8}")
    with torch.inference_mode():
        for b in batches:
            latents = torch.randn(b, 8, 32, 32, device=models.device, dtype=models.dtype)
            tokens = models.pe(features[:1].expand(b, -1, -1).contiguous())
            step = torch.zeros(1, device=models.device, dtype=torch.long)
            pred = models.unet(latents, step, encoder_hidden_states=tokens).sample
            unet_s = best_of(repeat, lambda: models.unet(latents, step, encoder_hidden_states=tokens), sync)
            vae_s = best_of(repeat, lambda: models.vae.decode(pred / models.scaling_factor), sync)
            per = (unet_s + vae_s) / b
            print(f"{b:>5} {unet_s * 1000:>9.1f} {vae_s * 1000:>9.1f} {per * 1000:>9.2f} {1 / per:>8.1f}")


def cpu_side(avatar_dir: Path, repeat: int) -> None:
    """Per frame on the CPU: paste + blend at 720p, and H.264 encode (1 thread, ultrafast)."""
    from avatars.format import load_avatar

    avatar = load_avatar(avatar_dir)
    box = np.array(face_box(RESOLUTION))
    mask = jaw_mask(int(box[2] - box[0]), int(box[3] - box[1]))
    face = np.random.default_rng(0).integers(0, 255, (256, 256, 3), dtype=np.uint8)
    idle = avatar.idle_frame(0)
    blend_s = best_of(repeat, lambda: [paste_face(idle, face, box, mask) for _ in range(25)], lambda: None) / 25
    frames = [paste_face(avatar.idle_frame(i), face, box, mask) for i in range(50)]
    clip = speech_clip(2.0)
    samples = segment_samples(clip.samples, clip.sample_rate, FPS, SegmentPlan(0, 50))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "bench.mp4"
        encode_s = best_of(repeat, lambda: encode_segment(frames, samples, clip.sample_rate, FPS, out), lambda: None) / 50
    print(f"blend at {RESOLUTION}: {blend_s * 1000:.2f} ms/frame; encode {RESOLUTION}: {encode_s * 1000:.2f} ms/frame "
          f"({1 / encode_s:.0f} fps per core)")


def end_to_end(engine: MuseTalkEngine, avatar_dir: Path, streams: list[int], seconds: float) -> None:
    """N threads each render a different clip through the engine at once; fps per stream and in total."""
    from avatars.format import load_avatar

    avatar = load_avatar(avatar_dir)
    frames = int(seconds * FPS)
    print(f"{'streams':>7} {'total fps':>9} {'min fps/stream':>14} {'realtime':>8} {'first frame ms':>14}")
    for n in streams:
        clips = [speech_clip(seconds, seed=100 * n + i) for i in range(n)]
        first: list[float] = [0.0] * n
        done: list[float] = [0.0] * n
        start = time.perf_counter()

        def run(i: int) -> None:
            for k, _ in enumerate(engine.render(RenderSpec(avatar, clips[i], 0, frames), threading.Event())):
                if k == 0:
                    first[i] = time.perf_counter() - start
            done[i] = time.perf_counter() - start

        threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = max(done)
        per_stream = [frames / d for d in done]
        realtime = sum(f >= FPS for f in per_stream)
        print(f"{n:>7} {n * frames / wall:>9.1f} {min(per_stream):>14.1f} {realtime:>5}/{n:<2} "
              f"{np.median(first) * 1000:>14.0f}")


def main(argv: list[str] | None = None) -> int:
    """CLI entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=("tiny", "full"), default="tiny")
    parser.add_argument("--device", default="auto")
    parser.add_argument("--batches", default="1,4,8,16", help="batch sizes for the component table")
    parser.add_argument("--batch", type=int, default=16, help="the worker's batch size (MUSETALK_BATCH_SIZE)")
    parser.add_argument("--streams", default="1,2,4", help="concurrent stream counts for the end-to-end table")
    parser.add_argument("--seconds", type=float, default=4.0, help="length of each stream's clip")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    size = FULL if args.size == "full" else TINY
    with tempfile.TemporaryDirectory() as tmp:
        root = write_random_musetalk(Path(tmp) / "musetalk", size, half=args.size == "full")
        print(f"MuseTalk {args.size} random-weight models in the MUSETALK_PATH layout")
        components(root, args.device, [int(b) for b in args.batches.split(",")], args.seconds, args.repeat)
        precomputed = Path(tmp) / "precomputed"
        avatar_dir = precomputed / f"bench_{RESOLUTION}"
        avatar_dir.mkdir(parents=True)
        write_avatar(avatar_dir, avatar_dir.name, unique=8, resolution=RESOLUTION)
        prepare_avatar(avatar_dir, str(root), args.device, face_box=face_box(RESOLUTION))
        cpu_side(avatar_dir, args.repeat)
        engine = MuseTalkEngine(WorkerSettings(str(root), args.device, args.batch, min(4, args.batch)), precomputed)
        engine.load()
        info = engine.info
        print(f"worker: {info.device} {info.dtype}, load {info.load_s:.1f} s, warm-up {info.warmup_s:.1f} s, "
              f"batch {args.batch}")
        try:
            end_to_end(engine, avatar_dir, [int(n) for n in args.streams.split(",")], args.seconds)
        finally:
            engine.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
