"""What the moving head costs face-region delivery: box size, encoded bytes per second and encode time.

    python -m bench.face_region_cost [--root precomputed] [--avatar talk_long_720p]

Renders one interviewer sentence with the CPU engine twice and encodes the face-region stream as the
server does (PyAV, x264 ultrafast, AAC): "mouth only" = the box around the mouth sprites (before head
motion) with the head still, "head moving" = the box `lipsync.region.face_region` gives now, with the
head motion on. Single stream, no concurrency: the stall-free stream count is bench.concurrency's job.
"""
from __future__ import annotations

import argparse
import tempfile
import threading
import time
from pathlib import Path

from avatars.format import Avatar
from avatars.store import AvatarStore
from lipsync.base import RenderSpec
from lipsync.cpu import CpuLipsyncEngine
from lipsync.encode import encode_segment
from lipsync.region import MARGIN, Region, face_region
from lipsync.track import frame_total
from tts.espeak import EspeakEngine

SENTENCE = "안녕하세요. 오늘 면접을 맡은 서지민입니다. 지원하신 동기부터 편하게 말씀해 주세요."


def mouth_region(avatar: Avatar) -> Region:
    """The box the face delivery streamed before the head moved: the mouth sprites plus the margin."""
    w, h = avatar.mouth.box_size
    xy = avatar.mouth_xy
    return Region.enclosing(int(xy[:, 0].min()) - MARGIN, int(xy[:, 1].min()) - MARGIN, int(xy[:, 0].max()) + w + MARGIN,
                            int(xy[:, 1].max()) + h + MARGIN, avatar.width, avatar.height)


def cost(avatar: Avatar, region: Region, head_motion: bool, folder: Path) -> str:
    """One line: box, bytes per second of speech, encode seconds per second of speech."""
    engine = CpuLipsyncEngine(head_motion=head_motion)
    engine.load()
    clip = EspeakEngine().synthesize(SENTENCE, "ko-female")
    n = frame_total(clip, avatar.fps)
    started = time.perf_counter()
    frames = engine.render(RenderSpec(avatar, clip, 0, n, region=region), threading.Event())
    info = encode_segment(frames, clip.samples, clip.sample_rate, avatar.fps, folder / f"{head_motion}.mp4")
    spent = time.perf_counter() - started
    size = info.path.stat().st_size
    share = region.width * region.height / (avatar.width * avatar.height)
    return (f"{'head moving' if head_motion else 'mouth only':12} box {region.width}x{region.height} ({share:.1%} of the frame): "
            f"{size / info.duration_s / 1000:6.1f} kB/s, render+encode {spent / info.duration_s:.3f} s per s of speech")


def main(argv: list[str] | None = None) -> int:
    """CLI: print the two lines."""
    parser = argparse.ArgumentParser(prog="python -m bench.face_region_cost", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path("precomputed"))
    parser.add_argument("--avatar", default="talk_long_720p")
    args = parser.parse_args(argv)
    store = AvatarStore(args.root)
    store.ensure_defaults()
    avatar = store.get(args.avatar)
    with tempfile.TemporaryDirectory() as tmp:
        print(cost(avatar, mouth_region(avatar), False, Path(tmp)))
        print(cost(avatar, face_region(avatar), True, Path(tmp)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
