"""Messages between the web process and the GPU worker process (picklable dataclasses, our own processes only)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class WorkerSettings:
    """What the worker needs to load and run the models."""

    musetalk_path: str
    device: str = "auto"  # auto, cpu, cuda, cuda:N
    batch_size: int = 16  # frames per UNet/VAE batch, all jobs together
    first_batch: int = 4  # frames of a job's first batch (small: the first frame comes sooner)
    log_level: int = 20  # logging.INFO


# web process → worker ----------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class RenderRequest:
    """Generate faces for some frames of one clip on one avatar."""

    req_id: int
    clip_key: str  # identifies the audio (features are cached per clip)
    audio: np.ndarray  # float32 [L] at 16 kHz: the whole clip
    clip_frames: int  # video frames of the whole clip at 25 fps
    avatar_dir: str  # folder holding musetalk_latents.safetensors
    unique_frames: int  # rows the avatar's latents must have
    frames: np.ndarray  # int [n]: clip frame of each face to generate, ascending
    rows: np.ndarray  # int [n]: latent row (unique avatar frame) of each face


@dataclass(frozen=True)
class Cancel:
    """Stop a request at the next batch boundary."""

    req_id: int


@dataclass(frozen=True)
class Stop:
    """Leave the worker loop and exit."""


# worker → web process ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Ready:
    """Models loaded and warmed up."""

    device: str
    dtype: str
    load_s: float
    warmup_s: float


@dataclass(frozen=True)
class LoadFailed:
    """The worker could not load the models; it exits."""

    message: str


@dataclass(frozen=True, eq=False)
class Faces:
    """Faces [n, 256, 256, 3] BGR uint8 for a request's frames [start, start + n), from batch `batch_id`."""

    req_id: int
    start: int
    faces: np.ndarray
    batch_id: int


@dataclass(frozen=True)
class JobEnded:
    """A request is over: every face sent ("done"), dropped ("cancelled") or failed ("failed", with a message)."""

    req_id: int
    reason: str
    frames_done: int
    message: str = ""
