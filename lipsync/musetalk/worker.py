"""The GPU worker process: owns the models, batches frames of every running job into one UNet/VAE call.

Loop: drain requests (block only when idle) → build the next batch across jobs → generate → send each job
its faces in order → repeat. Cancels are read between batches. A job that fails (bad avatar files, a bad
batch) is reported and dropped; the loop goes on.
"""
from __future__ import annotations

import logging
import queue
import time
from collections import OrderedDict
from dataclasses import dataclass
from multiprocessing.queues import Queue
from pathlib import Path

import numpy as np
import torch

from lipsync.musetalk.avatar_data import LATENT_SHAPE, LATENTS_FILE, load_latents
from lipsync.musetalk.features import audio_features
from lipsync.musetalk.infer import generate_faces
from lipsync.musetalk.layout import ModelPaths
from lipsync.musetalk.models import MuseTalkModels, load_models
from lipsync.musetalk.protocol import (Cancel, Faces, JobEnded, LoadFailed, Ready, RenderRequest, Stop,
                                       WorkerSettings)
from lipsync.musetalk.scheduler import BatchScheduler, Slice, WorkItem

log = logging.getLogger(__name__)

FEATURE_CACHE = 8  # clips whose features stay on the device (a turn's segments share one clip)
LATENT_CACHE = 4  # avatars whose latents stay on the device


@dataclass(eq=False)
class JobTensors:
    """A job's inputs on the device, one row per face to generate."""

    features: torch.Tensor  # [n, 50, 384]
    latents: torch.Tensor  # [n, 8, 32, 32]


def main(settings: WorkerSettings, requests: Queue, results: Queue) -> None:
    """Process entry point: load, warm up, announce, serve until Stop."""
    logging.basicConfig(level=settings.log_level, format="%(asctime)s musetalk-worker %(levelname)s %(message)s")
    started = time.monotonic()
    try:
        models = load_models(ModelPaths.from_root(settings.musetalk_path), settings.device)
        load_s = time.monotonic() - started
        warmup_s = warm_up(models, settings)
    except Exception as e:  # any failure here is reported to the web process, which shows it as not loaded
        log.exception("MuseTalk worker could not start")
        results.put(LoadFailed(f"{type(e).__name__}: {e}"))
        return
    results.put(Ready(str(models.device), str(models.dtype).replace("torch.", ""), round(load_s, 3), round(warmup_s, 3)))
    Worker(models, settings, requests, results).run()


def warm_up(models: MuseTalkModels, settings: WorkerSettings) -> float:
    """Run whisper and both batch sizes once so the first real job pays no first-call costs; seconds taken."""
    started = time.monotonic()
    features = audio_features(models, np.zeros(16000, np.float32), 25)  # [25, 50, 384]
    for size in sorted({settings.first_batch, settings.batch_size}):
        latents = torch.zeros(size, *LATENT_SHAPE)  # [B, 8, 32, 32]
        generate_faces(models, latents, features[:1].expand(size, -1, -1))
    if models.device.type == "cuda":
        torch.cuda.synchronize(models.device)
    return time.monotonic() - started


class Worker:
    """The serving loop of one worker process."""

    def __init__(self, models: MuseTalkModels, settings: WorkerSettings, requests: Queue, results: Queue) -> None:
        self.models = models
        self.requests = requests
        self.results = results
        self.scheduler = BatchScheduler(settings.batch_size, settings.first_batch)
        self.features: OrderedDict[tuple[str, int], torch.Tensor] = OrderedDict()
        self.latents: OrderedDict[tuple[str, int], torch.Tensor] = OrderedDict()
        self.batch_id = 0

    def run(self) -> None:
        """Serve until a Stop message arrives (or the request queue's other end is gone)."""
        while True:
            try:
                if not self._drain(block=len(self.scheduler) == 0):
                    return
            except (EOFError, OSError):
                return
            if len(self.scheduler):
                self._step()

    def _drain(self, block: bool) -> bool:
        """Handle every waiting message; False on Stop."""
        while True:
            try:
                message = self.requests.get(block=block)
            except queue.Empty:
                return True
            block = False
            if isinstance(message, Stop):
                return False
            if isinstance(message, Cancel):
                item = self.scheduler.remove(message.req_id)
                if item is not None:
                    self.results.put(JobEnded(item.req_id, "cancelled", item.done))
            elif isinstance(message, RenderRequest):
                self._admit(message)

    def _admit(self, request: RenderRequest) -> None:
        """Put a request's inputs on the device and schedule it; a bad request fails alone."""
        try:
            features = self._clip_features(request)[torch.as_tensor(request.frames, device=self.models.device)]
            latents = self._avatar_latents(request)[torch.as_tensor(request.rows, device=self.models.device)]
        except Exception as e:  # a job's own failure (files, audio) must not stop the worker
            log.warning("request %d failed: %s", request.req_id, e)
            self.results.put(JobEnded(request.req_id, "failed", 0, f"{type(e).__name__}: {e}"))
            return
        item = WorkItem(request.req_id, len(request.frames), JobTensors(features, latents))
        if item.total == 0:
            self.results.put(JobEnded(request.req_id, "done", 0))
        self.scheduler.add(item)

    def _clip_features(self, request: RenderRequest) -> torch.Tensor:
        key = (request.clip_key, request.clip_frames)
        if key not in self.features:
            self.features[key] = audio_features(self.models, request.audio, request.clip_frames)  # [T, 50, 384]
            if len(self.features) > FEATURE_CACHE:
                self.features.popitem(last=False)
        self.features.move_to_end(key)
        return self.features[key]

    def _avatar_latents(self, request: RenderRequest) -> torch.Tensor:
        path = Path(request.avatar_dir)
        key = (str(path), (path / LATENTS_FILE).stat().st_mtime_ns)
        if key not in self.latents:
            rows = load_latents(path, request.unique_frames)  # [U, 8, 32, 32] float32
            self.latents[key] = torch.from_numpy(rows).to(self.models.device, self.models.dtype)
            if len(self.latents) > LATENT_CACHE:
                self.latents.popitem(last=False)
        self.latents.move_to_end(key)
        return self.latents[key]

    def _step(self) -> None:
        """Generate one batch across jobs and send every job its part."""
        batch = self.scheduler.next_batch()
        self.batch_id += 1
        try:
            faces = generate_faces(self.models, *self._gather(batch))  # [B, 256, 256, 3]
        except Exception as e:  # e.g. out of memory: fail the jobs in this batch, keep serving
            log.exception("batch %d failed", self.batch_id)
            for part in batch:
                self.scheduler.remove(part.item.req_id)
                self.results.put(JobEnded(part.item.req_id, "failed", part.item.done, f"{type(e).__name__}: {e}"))
            if self.models.device.type == "cuda":
                torch.cuda.empty_cache()
            return
        offset = 0
        for part in batch:
            n = part.stop - part.start
            self.results.put(Faces(part.item.req_id, part.start, faces[offset: offset + n], self.batch_id))
            offset += n
        for item in self.scheduler.advance(batch):
            self.results.put(JobEnded(item.req_id, "done", item.done))

    @staticmethod
    def _gather(batch: list[Slice]) -> tuple[torch.Tensor, torch.Tensor]:
        latents = torch.cat([p.item.payload.latents[p.start: p.stop] for p in batch])  # [B, 8, 32, 32]
        features = torch.cat([p.item.payload.features[p.start: p.stop] for p in batch])  # [B, 50, 384]
        return latents, features
