"""Avatar jobs wired to the configuration: the upload limits, the work, and the backend that runs the jobs
(this process's thread with JOB_BACKEND=local, the turn workers with redis)."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from avatars.store import AvatarStore
from avatars.upload import UploadLimits, make_avatar
from avatars.upload_jobs import AvatarJob
from jobs.avatar_jobs import AvatarJobEvent, AvatarJobQueue, AvatarJobs, Notify, Work
from avatars.upload_space import sweep
from jobs.relay import Emit
from runtime.config import Config

if TYPE_CHECKING:
    from jobs.redis_avatar_jobs import AvatarRuntime
    from jobs.redis_store import RedisJobStore


UPLOADS_DIR = "uploads"  # under MEDIA_DIR: each upload's folder until its job has made the avatar


def upload_limits(config: Config) -> UploadLimits:
    """What one upload may cost."""
    return UploadLimits(config.AVATAR_UPLOAD_MAX_BYTES, config.AVATAR_UPLOAD_MAX_PIXELS,
                        config.AVATAR_UPLOAD_MAX_SECONDS)


def avatar_work(root: Path, limits: UploadLimits) -> Work:
    """Make a job's avatar under `root`; its result is the avatar's URL."""

    def work(job: AvatarJob, progress: Any, cancel: Any) -> str:
        make_avatar(job, progress, cancel, root, limits)
        return f"/api/avatars/{job.name}"

    return work


def progress_notifier(emit: Emit) -> Notify:
    """Send an avatar job's event (`progress`) to the Socket.IO client that asked for it."""

    def notify(sid: str, event: AvatarJobEvent) -> None:
        emit(*event.socket_json(event.job_id), to=sid)

    return notify


def _keep_s(config: Config) -> float:
    """How long an unfinished job's record stays in Redis: every admitted job may run to its deadline in turn."""
    return config.AVATAR_JOB_TIMEOUT_S * max(1, config.AVATAR_JOBS_MAX_PENDING)


def sweep_uploads(store: AvatarStore, config: Config) -> None:
    """The uploads' janitor round: avatars unused for AVATAR_UPLOAD_IDLE_DAYS deleted, and upload folders older
    than any admitted job could run (every pending one, then the running one, to its deadline) collected."""
    sweep(store, config.MEDIA_DIR / UPLOADS_DIR, config.AVATAR_UPLOAD_IDLE_DAYS * 86400,
          _keep_s(config) + config.AVATAR_JOB_TIMEOUT_S)


def avatar_runtime(config: Config, turns: "RedisJobStore", root: Path, notify: Notify | None) -> "AvatarRuntime":
    """What a turn worker of the Redis backend needs to make avatars too."""
    from jobs.redis_avatar_jobs import AvatarRuntime, avatar_queue, avatar_store

    return AvatarRuntime(avatar_work(root, upload_limits(config)), config.AVATAR_JOB_TIMEOUT_S,
                         avatar_store(turns, _keep_s(config)), avatar_queue(turns), notify)


def build_avatar_jobs(config: Config, root: Path, notify: Notify | None,
                      turns: "RedisJobStore | None" = None) -> AvatarJobQueue:
    """The web side: jobs on this process's thread, or with `turns` (the Redis backend's store) on its workers."""
    if turns is None:
        return AvatarJobs(avatar_work(root, upload_limits(config)), config.AVATAR_JOBS_MAX_PENDING,
                          config.AVATAR_JOB_TIMEOUT_S, notify)
    from jobs.redis_avatar_jobs import RedisAvatarJobs, avatar_queue, avatar_store

    return RedisAvatarJobs(avatar_store(turns, _keep_s(config)), avatar_queue(turns), config.AVATAR_JOBS_MAX_PENDING,
                           notify)
