"""The lipsync engine protocol: an avatar plus speech in, video frames out."""
from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

import numpy as np

from audio.clip import AudioClip
from settings.engine import EngineEntry

if TYPE_CHECKING:
    from avatars.format import Avatar
    from lipsync.region import Region


class LipsyncError(RuntimeError):
    """Rendering failed (engine not loaded, avatar unsuitable for this engine)."""


@dataclass(frozen=True)
class RenderSpec:
    """Which frames of an utterance to render, and where the idle loop stands."""

    avatar: "Avatar"
    clip: AudioClip  # the whole utterance; timings are on its timeline
    first_frame: int  # first frame of this segment on the clip's timeline
    frame_count: int  # frames in this segment
    loop_offset: int = 0  # idle-loop index of the clip's frame 0 (keeps motion continuous)
    frame_skip: int = 1  # 1 = every frame computed, 2 = every other one reused, ...
    region: "Region | None" = None  # face-region delivery: yield only this box of each frame


class LipsyncEngine(Protocol):
    """Turns speech into mouth motion on a precomputed avatar."""

    name: str  # registry key, e.g. "cpu"
    version: str | None = None  # model/weights version, part of the render cache key (None: the code is the version)

    @property
    def loaded(self) -> bool:
        """True once `load()` finished (reported as models_loaded)."""
        ...

    def load(self) -> None:
        """Load models once; safe to call again."""
        ...

    def render(self, spec: RenderSpec, cancel: threading.Event) -> Iterator[np.ndarray]:
        """Yield spec.frame_count BGR uint8 frames [H, W, 3] (the region's box when set); stop early on `cancel`."""
        ...

    def region(self, avatar: "Avatar") -> "Region":
        """The box of `avatar`'s frames this engine changes (face-region delivery streams only it)."""
        ...

    def close(self) -> None:
        """Stop what the engine started (a worker process); nothing by default."""
        return None


LipsyncEntry = EngineEntry[LipsyncEngine]  # a lipsync engine's registry line (lipsync/registry.py)
