"""A turn's render + encode, segment by segment: here on the job's thread, or in a render process (render_pool).

The render stage asks one `TurnRender` per turn for each segment; both kinds keep one TurnStream per turn (one
H.264 and one AAC encoder), so the segments are the fragments of one stream wherever they were made.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Protocol

import av
import numpy as np

from lipsync.base import LipsyncEngine, RenderSpec
from lipsync.full_picture import FullPictures
from lipsync.turn_stream import StreamSegment, TurnStream


class TurnRender(Protocol):
    """Render and encode one turn's segments in order; `due` (time.monotonic) is when the viewer needs it."""

    def render(self, spec: RenderSpec, samples: np.ndarray, path: Path, cancel: threading.Event,
               due: float) -> tuple[StreamSegment, float]:
        """Render `spec`'s frames, encode them with their int16 PCM to `path`; (segment, seconds spent rendering)."""
        ...

    def remux(self, source: Path, frame_count: int, samples: np.ndarray, path: Path, due: float) -> StreamSegment:
        """A cached segment file's video as the turn's next segment, with this turn's audio."""
        ...

    def join(self, segment_paths: list[Path], out: Path) -> None:
        """The turn as one MP4 at `out`: the segments' video and the audio already encoded for them."""
        ...

    def close(self) -> None:
        """Release the turn's encoders."""
        ...


class LocalTurnRender:
    """The engine and the turn's encoders on the calling thread (`due` plays no part: the caller runs it now)."""

    def __init__(self, engine: LipsyncEngine, stream: TurnStream) -> None:
        self.engine = engine
        self.stream = stream
        self.full = FullPictures()  # whole frames composed in yuv420p (lipsync.full_picture)

    def render(self, spec: RenderSpec, samples: np.ndarray, path: Path, cancel: threading.Event,
               due: float = 0.0) -> tuple[StreamSegment, float]:
        """Render `spec`'s frames, encode them to `path`; (segment, seconds spent inside the engine)."""
        clock = Stopwatch()
        if spec.region is None:  # whole frames: the engine renders what it changes, the idle frame around it is ready
            boxes = replace(spec, region=self.engine.region(spec.avatar))
            frames: Iterator[np.ndarray | av.VideoFrame] = self.full.pictures(
                boxes, clock.timed(self.engine.render(boxes, cancel)))
        else:
            frames = clock.timed(self.engine.render(spec, cancel))
        segment = self.stream.encode(frames, samples, path, cancel=cancel)
        return segment, clock.spent

    def remux(self, source: Path, frame_count: int, samples: np.ndarray, path: Path, due: float = 0.0) -> StreamSegment:
        """A cached segment's video with this turn's audio."""
        return self.stream.remux(source, frame_count, samples, path)

    def join(self, segment_paths: list[Path], out: Path) -> None:
        """The turn as one MP4, its audio encoded once (for the segments)."""
        self.stream.join(segment_paths, out)

    def close(self) -> None:
        """Release the encoders."""
        self.stream.close()


class Stopwatch:
    """Adds up the time spent inside an iterator's `next` (the lipsync engine, apart from the encoder)."""

    def __init__(self) -> None:
        self.spent = 0.0

    def timed(self, items: Iterator[np.ndarray]) -> Iterator[np.ndarray]:
        """Yield `items`, timing each step."""
        iterator = iter(items)
        while True:
            started = time.perf_counter()
            item = next(iterator, None)
            self.spent += time.perf_counter() - started
            if item is None:
                return
            yield item
