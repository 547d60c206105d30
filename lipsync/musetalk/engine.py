"""The `musetalk` lipsync engine (web-process side): plans frames, asks the GPU worker for faces, pastes them.

This module never imports torch: the worker process owns the models. Silent frames show the idle frame
itself (mouth closed, no GPU work); frame_skip repeats a generated face within a speech run.
"""
from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from lipsync.base import LipsyncEngine, LipsyncError, RenderSpec
from lipsync.musetalk.avatar_data import MuseTalkData, MuseTalkDataError, load_data
from lipsync.musetalk.blend import paste_face
from lipsync.musetalk.client import FaceJob, WorkerClient
from lipsync.musetalk.layout import ModelPaths
from lipsync.musetalk.plan import VIDEO_FPS, FramePlan, plan_frames, to_whisper_audio
from lipsync.musetalk.protocol import Ready, WorkerSettings
from lipsync.region import Region
from lipsync.segments import frame_count_for
from audio.clip import AudioClip

if TYPE_CHECKING:
    from avatars.format import Avatar

ENGINE_NAME = "musetalk"
CLIP_CACHE = 8  # clips whose 16 kHz audio is kept (one per running turn is enough)
AVATAR_CACHE = 8  # avatars whose boxes and masks are kept
STALL_TIMEOUT_S = 120.0  # no answer from the worker for this long fails the render
AVATAR_ID_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_-")


class MuseTalkEngine(LipsyncEngine):
    """MuseTalk v1.5 on a GPU worker process, batched across every running job."""

    name = ENGINE_NAME

    def __init__(self, settings: WorkerSettings, precomputed_dir: Path) -> None:
        self.settings = settings
        self.precomputed_dir = Path(precomputed_dir)
        self.client: WorkerClient | None = None
        self._lock = threading.Lock()
        self._clips: OrderedDict[int, tuple[AudioClip, np.ndarray, str]] = OrderedDict()
        self._avatars: OrderedDict[tuple[str, str], MuseTalkData] = OrderedDict()

    @classmethod
    def from_config(cls, config: Any) -> "MuseTalkEngine":
        """Build from the server Config (MUSETALK_PATH, MUSETALK_DEVICE, MUSETALK_BATCH_SIZE, PRECOMPUTED_DIR)."""
        batch = int(config.MUSETALK_BATCH_SIZE)
        settings = WorkerSettings(str(config.MUSETALK_PATH), str(config.MUSETALK_DEVICE), batch, max(1, min(4, batch)))
        return cls(settings, config.PRECOMPUTED_DIR)

    @property
    def loaded(self) -> bool:
        """True while the worker process is up with its models loaded and warm."""
        return self.client is not None and self.client.ready

    @property
    def info(self) -> Ready | None:
        """Device, dtype and load/warm-up times reported by the worker."""
        return self.client.info if self.client is not None else None

    def load(self) -> None:
        """Start the worker (once; again after it died); LipsyncError names what is wrong."""
        with self._lock:
            if self.loaded:
                return
            ModelPaths.from_root(self.settings.musetalk_path)  # fail fast here, before spawning anything
            if self.client is not None:
                self.client.close()
            client = WorkerClient(self.settings)
            client.start()
            self.client = client

    def close(self) -> None:
        """Stop the worker process."""
        with self._lock:
            if self.client is not None:
                self.client.close()
                self.client = None

    def region(self, avatar: "Avatar") -> Region:
        """The box the pasted faces can change: where any unique frame's blend mask is non-zero."""
        _, data = self._avatar_data(avatar)
        corners = []
        for (x1, y1, _, _), mask in zip(data.face_boxes, data.masks):
            rows, cols = np.nonzero(mask)
            if len(rows):
                corners.append((x1 + cols.min(), y1 + rows.min(), x1 + cols.max() + 1, y1 + rows.max() + 1))
        if not corners:
            raise LipsyncError(f"avatar {avatar.id!r}: MuseTalk masks are empty")
        low, high = np.min(corners, axis=0), np.max(corners, axis=0)
        return Region.enclosing(int(low[0]), int(low[1]), int(high[2]), int(high[3]), avatar.width, avatar.height)

    def render(self, spec: RenderSpec, cancel: threading.Event) -> Iterator[np.ndarray]:
        """Yield spec.frame_count BGR frames: generated faces pasted on the idle loop (only spec.region's box when
        set: no full frame is copied or pasted then); stops early on cancel."""
        client = self.client
        if client is None or not client.ready:
            raise LipsyncError("the MuseTalk engine is not loaded")
        avatar = spec.avatar
        folder, data = self._avatar_data(avatar)
        audio, clip_key = self._audio(spec.clip)
        positions = spec.loop_offset + spec.first_frame + np.arange(spec.frame_count)  # idle-loop positions
        plan = plan_frames(audio, spec.first_frame, spec.frame_count, avatar.loop_index[positions % avatar.loop_length],
                           max(1, spec.frame_skip))
        job = None
        if len(plan.generate):
            clip_frames = max(frame_count_for(spec.clip.duration, VIDEO_FPS), spec.first_frame + spec.frame_count)
            job = FaceJob(clip_key, audio, clip_frames, str(folder), len(avatar.frames), plan.generate,
                          plan.rows[plan.generate - spec.first_frame])
        return self._frames(client, job, plan, data, avatar, positions, spec.region, cancel)

    @staticmethod
    def _frames(client: WorkerClient, job: FaceJob | None, plan: FramePlan, data: MuseTalkData, avatar: "Avatar",
                positions: np.ndarray, region: Region | None, cancel: threading.Event) -> Iterator[np.ndarray]:
        """The segment's frames (or their `region` box) in order; the worker request is sent on the first frame asked for."""
        x0, y0 = (region.x, region.y) if region else (0, 0)
        box = np.s_[y0 : y0 + region.height, x0 : x0 + region.width] if region else np.s_[:, :]
        handle = client.submit(job) if job is not None else None
        faces = handle.faces(cancel, STALL_TIMEOUT_S) if handle is not None else iter(())
        face, shown = None, -1
        try:
            for i, position in enumerate(positions):
                if cancel.is_set():
                    return
                idle = avatar.idle_frame(int(position))[box]
                if plan.source[i] < 0:
                    yield idle.copy()
                    continue
                while shown < plan.source[i]:
                    face = next(faces, None)
                    if face is None:  # cancelled while waiting
                        return
                    shown += 1
                row = plan.rows[i]
                yield paste_face(idle, face, data.face_boxes[row], data.masks[row], (x0, y0))
        finally:
            if handle is not None:
                client.cancel(handle)  # no-op once every face arrived
                client.release(handle)

    def _avatar_data(self, avatar: "Avatar") -> tuple[Path, MuseTalkData]:
        """The avatar's folder and its MuseTalk boxes and masks (cached per avatar version)."""
        if ENGINE_NAME not in avatar.engines:
            raise LipsyncError(f"avatar {avatar.id!r} is not prepared for MuseTalk: "
                               f"run python -m lipsync.musetalk.prep {avatar.id}")
        if not avatar.id or not set(avatar.id) <= AVATAR_ID_CHARS:
            raise LipsyncError(f"invalid avatar id {avatar.id!r}")
        folder = self.precomputed_dir / avatar.id
        key = (avatar.id, avatar.source_hash)
        with self._lock:
            data = self._avatars.get(key)
        if data is None:
            try:
                data = load_data(folder, len(avatar.frames), (avatar.width, avatar.height), avatar.source_hash)
            except MuseTalkDataError as e:
                raise LipsyncError(str(e)) from e
            with self._lock:
                self._avatars[key] = data
                if len(self._avatars) > AVATAR_CACHE:
                    self._avatars.popitem(last=False)
        return folder, data

    def _audio(self, clip: AudioClip) -> tuple[np.ndarray, str]:
        """16 kHz float audio of the clip and a key for the worker's feature cache (per clip object)."""
        with self._lock:
            cached = self._clips.get(id(clip))
            if cached is not None and cached[0] is clip:
                self._clips.move_to_end(id(clip))
                return cached[1], cached[2]
        audio = to_whisper_audio(clip.samples, clip.sample_rate)
        digest = hashlib.blake2b(np.ascontiguousarray(clip.samples).tobytes(), digest_size=16)
        digest.update(str(clip.sample_rate).encode())
        with self._lock:
            self._clips[id(clip)] = (clip, audio, digest.hexdigest())  # holding the clip keeps its id unique
            if len(self._clips) > CLIP_CACHE:
                self._clips.popitem(last=False)
        return audio, digest.hexdigest()
