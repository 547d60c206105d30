"""The embedded engines with a test hook: injected through `create_app(engines=...)`, never patched into an app.

`HookedLipsync` is the real CPU engine that records every RenderSpec and calls `hook(call, frame, cancel)`
before each frame it yields (call counts from 1, frame from 0), so a test can hold a render at an exact
point. `HookedEspeak` is the real espeak engine that records every text and calls `hook(text, cancel)` first.
"""
from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable, Iterator

import numpy as np

from lipsync.base import RenderSpec
from lipsync.cpu import CpuLipsyncEngine
from tts.base import AudioClip
from tts.espeak import EspeakEngine

FrameHook = Callable[[int, int, threading.Event], None]
TextHook = Callable[[str, threading.Event | None], None]


class HookedLipsync(CpuLipsyncEngine):
    """The CPU engine with a per-frame hook and a record of calls and frames yielded."""

    def __init__(self, hook: FrameHook | None = None) -> None:
        super().__init__()
        self.hook = hook
        self.calls: list[RenderSpec] = []
        self.frames_out: list[int] = []  # the call number of every frame yielded

    def render(self, spec: RenderSpec, cancel: threading.Event) -> Iterator[np.ndarray]:
        """Record the call, then yield the real frames with the hook before each."""
        self.calls.append(spec)
        call = len(self.calls)
        frames = super().render(spec, cancel)
        return self._hooked(call, frames, cancel)

    def _hooked(self, call: int, frames: Iterator[np.ndarray], cancel: threading.Event) -> Iterator[np.ndarray]:
        for index in itertools.count():
            if self.hook is not None:
                self.hook(call, index, cancel)
            frame = next(frames, None)
            if frame is None:
                return
            self.frames_out.append(call)
            yield frame


class HookedEspeak(EspeakEngine):
    """The espeak engine with a hook before each synthesis and a record of the texts spoken."""

    def __init__(self, hook: TextHook | None = None) -> None:
        super().__init__()
        self.hook = hook
        self.texts: list[str] = []

    def synthesize(self, text: str, voice: str | None = None, *, cancel: threading.Event | None = None) -> AudioClip:
        """Record, run the hook, then speak for real."""
        self.texts.append(text)
        if self.hook is not None:
            self.hook(text, cancel)
        return super().synthesize(text, voice, cancel=cancel)


def hold_until(gate: threading.Event, limit_s: float = 10.0) -> FrameHook:
    """A frame hook that holds the first frame of every render until `gate` opens or the job is cancelled."""

    def hook(call: int, frame: int, cancel: threading.Event) -> None:
        deadline = time.monotonic() + limit_s
        while frame == 0 and not (gate.wait(0.01) or cancel.is_set()) and time.monotonic() < deadline:
            pass

    return hook
