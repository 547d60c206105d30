"""The CPU lipsync engine: a precomputed idle loop with mouth sprites driven by the mouth track."""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

import numpy as np

from avatars.format import Avatar
from lipsync.base import LipsyncEngine, LipsyncError, RenderSpec
from lipsync.region import Region, face_region
from avatars.eyelids import warp_eyes
from avatars.mouth_composite import MouthCompositor
from lipsync.blinks import speech_lids
from lipsync.gaze import GazeTrack, gaze_track
from lipsync.head_motion import HeadBox, HeadTrack, head_track, move_head
from lipsync.track import MouthTrack, mouth_track
from audio.clip import AudioClip

TRACK_CACHE = 8  # clips whose mouth track is kept (a turn's segments all share one clip)
REGION_CACHE = 16  # avatars whose face region is kept (~4 ms to compute at 720p; asked for every segment)
COMPOSITOR_CACHE = 16  # avatars whose mouth compositor (its grid sprites as float, times the mask) is kept
REST = 1e-3  # open/width below this draws no mouth: the idle frame is shown as it is
Value = TypeVar("Value")


class PerObject(Generic[Value]):
    """Values computed once per live object (by identity), for the `size` objects asked about last; thread-safe."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._lock = threading.Lock()
        self._values: OrderedDict[int, tuple[object, Value]] = OrderedDict()

    def get(self, owner: object, make: Callable[[], Value]) -> Value:
        """`owner`'s value, made by `make` (outside the lock) the first time."""
        key = id(owner)
        with self._lock:
            hit = self._values.get(key)
            if hit is not None and hit[0] is owner:  # the same object, not a new one at a reused address
                self._values.move_to_end(key)
                return hit[1]
        value = make()
        with self._lock:
            self._values[key] = (owner, value)
            while len(self._values) > self._size:
                self._values.popitem(last=False)
        return value


class CpuLipsyncEngine(LipsyncEngine):
    """Renders on the CPU at several hundred frames per second; nothing to download, nothing to warm up."""

    name = "cpu"

    def __init__(self, head_motion: bool = True) -> None:
        self._head_motion = head_motion  # False: only the mouth moves (the idle loop's head stays put)
        self._lock = threading.Lock()
        self._loaded = False
        self._tracks: PerObject[tuple[MouthTrack, HeadTrack, GazeTrack]] = PerObject(TRACK_CACHE)
        self._regions: PerObject[Region] = PerObject(REGION_CACHE)
        self._compositors: PerObject[MouthCompositor] = PerObject(COMPOSITOR_CACHE)

    @property
    def loaded(self) -> bool:
        """True once `load()` ran."""
        return self._loaded

    def load(self) -> None:
        """Nothing heavy to load (NumPy only); marks the engine ready."""
        with self._lock:
            self._loaded = True

    def region(self, avatar: Avatar) -> Region:
        """The mouth sprite's box and the moving head at every loop position, plus a margin (once per avatar)."""
        return self._regions.get(avatar, lambda: face_region(avatar))

    def render(self, spec: RenderSpec, cancel: threading.Event) -> Iterator[np.ndarray]:
        """Yield spec.frame_count BGR frames of the clip starting at spec.first_frame; stop when `cancel` is set."""
        avatar = spec.avatar
        if not self._loaded:
            raise LipsyncError("cpu lipsync engine used before load()")
        if "cpu" not in avatar.engines:
            raise LipsyncError(f"avatar {avatar.id} has no data for the cpu engine (serves {list(avatar.engines)})")
        if spec.frame_skip < 1 or spec.frame_count < 0 or spec.first_frame < 0:
            raise LipsyncError(
                f"bad render spec: frame_skip={spec.frame_skip}, first_frame={spec.first_frame}, frame_count={spec.frame_count}"
            )
        track, head, gaze = self._track(spec.clip, avatar.fps)
        lids = speech_lids(avatar, spec.clip, len(track), spec.loop_offset) if avatar.eyes is not None else None
        return self._frames(spec, track, head, gaze, lids, cancel)

    def _frames(self, spec: RenderSpec, track: MouthTrack, head: HeadTrack, gaze: GazeTrack, lids: np.ndarray | None,
                cancel: threading.Event) -> Iterator[np.ndarray]:
        avatar = spec.avatar
        compositor = self._compositors.get(avatar.mouth, lambda: MouthCompositor(avatar.mouth))
        skip = spec.frame_skip
        region = spec.region
        x0, y0 = (region.x, region.y) if region else (0, 0)
        sprite_key, sprite = -1, None
        for i in range(spec.frame_count):
            if cancel.is_set():
                return
            f = spec.first_frame + i
            pos = (spec.loop_offset + f) % avatar.loop_length
            idle = avatar.idle_frame(pos)
            # Face-region delivery copies only the box: the client holds the rest (the idle loop).
            frame = (idle[y0 : y0 + region.height, x0 : x0 + region.width] if region else idle).copy()
            key = f - f % skip  # frame_skip: the mouth of the group's first frame is reused
            open_, width = track.at(key) if track.active_at(f) else (0.0, 0.0)
            mx, my = avatar.mouth_xy[pos]
            if open_ > REST or abs(width) > REST:
                if key != sprite_key or sprite is None:
                    sprite, sprite_key = compositor.sprite(open_, width), key
                compositor.paste(frame, (int(mx) - x0, int(my) - y0), sprite)
            if lids is not None and 0 <= f < len(lids):
                warp_eyes(frame, avatar.eyes, (float(mx - x0), float(my - y0)), float(lids[f]), gaze.eyes_at(f))
            box = HeadBox.above_mouth(mx, my, *avatar.mouth.box_size)
            dx, dy, roll = (a + b for a, b in zip(head.at(f), gaze.head_at(f)))
            move_head(frame, box, (x0, y0), (dx, dy, roll))  # after the mouth and eyes: they move with the head
            yield frame

    def _track(self, clip: AudioClip, fps: int) -> tuple[MouthTrack, HeadTrack, GazeTrack]:
        """The clip's mouth, head and gaze tracks, computed once per clip (segments of one clip share them)."""
        def make() -> tuple[MouthTrack, HeadTrack, GazeTrack]:
            track = mouth_track(clip, fps)
            moving = len(track) if self._head_motion else 0
            return track, head_track(clip, fps, moving), gaze_track(clip, fps, moving)

        return self._tracks.get(clip, make)
