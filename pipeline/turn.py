"""What the turn pipeline's stages share: the request's spec, the injected parts, one run's state, a placed sentence."""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from pipeline.media import MediaFile, MediaStore
from pipeline.metrics import PipelineMetrics, TurnTimings
from pipeline.context import TurnContext
from pipeline.events import Progress, Status
from pipeline.render_cache import RenderCache
from pipeline.spec import TurnSpec
from lipsync.base import LipsyncEngine
from llm.base import ChatEngine
from llm.chat import ChatResult
from tts.base import AudioClip
from store.sessions import SessionStore
from tts.speaker import Speaker

if TYPE_CHECKING:
    from avatars.format import Avatar
    from avatars.store import AvatarStore
    from lipsync.render_pool import RenderPool


@dataclass(frozen=True)
class PipelineParts:
    """The engines and stores a pipeline needs (injected; nothing global)."""

    llm: ChatEngine
    tts: Speaker
    lipsync: LipsyncEngine
    avatars: "AvatarStore"
    media: MediaStore
    encoder_threads: int = 1
    video_codec: str = "libx264"  # the full-frame H.264 encoder (lipsync.video_codec)
    cache: RenderCache | None = None
    metrics: PipelineMetrics = field(default_factory=PipelineMetrics)
    sessions: SessionStore | None = None  # where finished chat turns are kept (None: nowhere)
    render_pool: "RenderPool | None" = None  # RENDER_PROCESSES: the cpu engine renders + encodes there


@dataclass(frozen=True)
class Sentence:
    """A spoken sentence placed on the turn's timeline: to render (`clip`), or already rendered (`cached`)."""

    index: int
    text: str  # what is said (the caption)
    first_frame: int  # on the turn's timeline (the pause before the sentence included)
    frame_count: int
    audio: np.ndarray  # int16 PCM of exactly frame_count frames
    key: str | None  # render cache key (None: no cache)
    clip: AudioClip | None = None
    cached: tuple[tuple[Path, int], ...] = ()  # (segment file, frames), copied from the cache


@dataclass
class TurnState:
    """One run's state; each field is written by the one stage that owns it (the others only read it)."""

    ctx: TurnContext
    spec: TurnSpec
    avatar: "Avatar"
    stem: str  # file name stem of everything this turn writes
    timings: TurnTimings = field(default_factory=TurnTimings)
    chat: ChatResult | None = None  # LLM stage
    sample_rate: int = 0  # TTS stage
    audio: list[np.ndarray] = field(default_factory=list)  # TTS stage: each sentence's PCM
    frames_planned: int = 0  # TTS stage: length of the timeline so far
    audio_file: MediaFile | None = None  # TTS stage
    tts_engine: str = ""  # TTS stage: the engine that spoke (the fallback's name when TTS_FALLBACK answered)
    tts_fallback_reason: str | None = None  # TTS stage: why the requested engine did not speak
    segments: list[Path] = field(default_factory=list)  # render stage
    frames_published: int = 0  # render stage
    holds_slot: bool = False  # render stage
    files: list[Path] = field(default_factory=list)  # everything written, removed if the turn fails
    _progress: int = -1
    _progress_lock: threading.Lock = field(default_factory=threading.Lock)

    def report(self, progress: Progress) -> None:
        """Publish a `progress` event unless it would go backwards (stages report from several threads)."""
        with self._progress_lock:
            if progress.progress < self._progress:
                return
            self._progress = progress.progress
            self.ctx.publish(progress)

    def status(self, stage: str, percent: int) -> None:
        """Publish the seed's `status` event for `stage`, then its progress."""
        self.ctx.publish(Status(stage=stage))
        self.report(Progress(progress=percent, stage=stage))

    def new_file(self, media: MediaFile) -> MediaFile:
        """Note a file about to be written, so a failed turn removes it."""
        self.files.append(media.path)
        return media

    def remove_files(self) -> None:
        """Delete everything the turn wrote (it failed or was cancelled)."""
        for path in self.files:
            path.unlink(missing_ok=True)
