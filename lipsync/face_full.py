"""The whole-turn MP4 of a face-region turn, composed on its first request.

A face-region turn streams only the face box; `done.video_url` still names the whole turn as one MP4,
but most face clients (the demo page) never fetch it, so it is made lazily: the render stage leaves a
recipe beside the turn's segments (`<stem>.face.json` + the turn's PCM as `<stem>.face.npy`), and the
first request of `<stem>.mp4` decodes the face segments, pastes each box's yuv420p planes onto the
avatar's idle frame at the same loop position (every turn starts at loop position 0; lipsync.full_picture),
and encodes the turn as the full-frame path does (one TurnStream: its audio encoded once). Lazily rather
than at low priority after the turn: the CPU goes to the live streams, and a file nobody asks for costs
nothing. One composition at a time per process.
"""
from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

import av
import numpy as np

from lipsync.encode import DEFAULT_SETTINGS, EncodeError, EncoderSettings
from lipsync.full_picture import IdlePlanes
from lipsync.region import Region
from lipsync.turn_stream import TurnStream

if TYPE_CHECKING:
    from avatars.format import Avatar

log = logging.getLogger(__name__)

RECIPE = ".face.json"
PCM = ".face.npy"
_COMPOSE_LOCK = threading.Lock()  # one composition at a time in the process


def write_recipe(video: Path, avatar_id: str, region: Region, segments: list[Path], pcm: np.ndarray,
                 sample_rate: int) -> None:
    """Leave what `materialize` needs to make `video` later (the segments must stay beside it)."""
    np.save(video.with_suffix(PCM), np.ascontiguousarray(pcm, dtype=np.int16), allow_pickle=False)
    recipe = {"avatar": avatar_id, "region": asdict(region), "segments": [p.name for p in segments],
              "sample_rate": sample_rate}
    tmp = video.with_name(f".{video.stem}{RECIPE}")
    tmp.write_text(json.dumps(recipe), encoding="utf-8")
    tmp.replace(video.with_suffix(RECIPE))


def materialize(video: Path, avatar: Callable[[str], "Avatar"],
                settings: EncoderSettings = DEFAULT_SETTINGS) -> bool:
    """Compose `video` from its recipe when it is missing; True when the file exists afterwards."""
    if video.is_file():
        return True
    recipe_path = video.with_suffix(RECIPE)
    if not recipe_path.is_file():
        return False
    with _COMPOSE_LOCK:
        if not video.is_file():
            _compose(video, json.loads(recipe_path.read_text(encoding="utf-8")), avatar, settings)
    return True


def _compose(video: Path, recipe: dict, avatar: Callable[[str], "Avatar"], settings: EncoderSettings) -> None:
    """Full frames = idle frames with the decoded face boxes pasted in, in yuv420p (no colour conversion of the boxes,
    each idle frame converted once); encoded as the full-frame path does: one stream, its audio encoded once."""
    started = time.monotonic()
    who = avatar(recipe["avatar"])
    region = Region(**recipe["region"])
    pcm = np.load(video.with_suffix(PCM), allow_pickle=False)
    whole = video.with_name(f".{video.stem}.whole.mp4")
    stream = TurnStream(who.fps, int(recipe["sample_rate"]), settings)
    try:
        stream.encode(_full_pictures(who, region, [video.with_name(name) for name in recipe["segments"]]), pcm, whole)
        stream.join([whole], video)
    finally:
        stream.close()
        whole.unlink(missing_ok=True)
    log.info("face turn %s composed to full frames in %.2f s", video.name, time.monotonic() - started)


def _full_pictures(avatar: "Avatar", region: Region, segments: list[Path]) -> Iterator[av.VideoFrame]:
    """Every frame of the turn: the idle frame at its loop position with the segment's face box on it."""
    idle = IdlePlanes(avatar)
    k = 0
    for segment in segments:
        with av.open(str(segment)) as container:
            for frame in container.decode(video=0):
                if frame.format.name != "yuv420p" or (frame.width, frame.height) != (region.width, region.height):
                    raise EncodeError(f"{segment.name}: a {frame.format.name} {frame.width}x{frame.height} frame, "
                                      f"not the turn's yuv420p {region.width}x{region.height} box")
                yield idle.picture(k, region, [_plane(plane, rows, cols) for plane, rows, cols in zip(
                    frame.planes, (region.height, region.height // 2, region.height // 2),
                    (region.width, region.width // 2, region.width // 2))])
                k += 1


def _plane(plane: av.video.plane.VideoPlane, rows: int, cols: int) -> np.ndarray:
    """A decoded plane's pixels as a [rows, cols] view (its lines may be padded past `cols`)."""
    return np.frombuffer(plane, np.uint8)[: rows * plane.line_size].reshape(rows, plane.line_size)[:, :cols]
