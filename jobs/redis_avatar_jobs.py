"""Avatar jobs on the Redis backend: any web process submits and follows them, any turn worker makes the avatar.

A job's record, its events (jobs/avatar_jobs.py, kept as records) and its admission (at most `max_pending` waiting or running in the whole
deployment) live in a RedisJobStore under the deployment's prefix + ":avatars"; the work goes through the RQ queue
`<prefix>-avatars`, which every turn worker also serves after its turn queue (turns first). The upload and the
avatar folders must be shared by web processes and workers (the cluster's MEDIA_DIR and PRECOMPUTED_DIR). A worker
renews the job's lease while it runs; a web process that reads a running job whose lease expired (the worker was
killed) fails it and removes its upload.
"""
from __future__ import annotations

import json
import shutil
import threading
from dataclasses import dataclass

from rq import Queue
from rq.serializers import JSONSerializer

from avatars.upload_jobs import AvatarJob
from jobs.avatar_jobs import ENDINGS, AvatarJobEvent, JobsFull, Notify, Work, avatar_event, carry_out
from jobs.redis_store import EVENTS_KEPT_S, RedisJobStore
from jobs.rq_entry import AVATAR_FUNCTION

LOST_MESSAGE = "the worker making this avatar stopped before it finished"
LEASE_RENEW_S = 1.0  # s between lease renewals of a running job (well under jobs.redis_store.LEASE_S)


def avatar_store(turns: RedisJobStore, keep_s: float) -> RedisJobStore:
    """The avatar jobs' state beside a deployment's turn state (same Redis, own keys); an unfinished job's record
    is kept `keep_s` (+ EVENTS_KEPT_S), a finished one's EVENTS_KEPT_S."""
    return RedisJobStore(turns.redis, f"{turns.prefix}:avatars", keep_s)


def avatar_queue(turns: RedisJobStore) -> Queue:
    """The deployment's RQ queue of avatar jobs (JSON serializer, never pickle)."""
    return Queue(f"{turns.prefix}-avatars", connection=turns.redis, serializer=JSONSerializer)


def _publish(store: RedisJobStore, job: AvatarJob, status: str, progress: int, step: str,
             notify: Notify | None) -> None:
    """Append the job's new state as an event (a terminal one ends its record) and tell its socket client."""
    job.advance(status, progress, step)
    event = AvatarJobEvent.of(job)
    store.append(job.id, job.sid, event.to_record(), event.terminal, owner=job.owner)
    if notify is not None and job.sid:
        notify(job.sid, event)


class RedisAvatarJobs:
    """The web side: admit and queue avatar jobs, read their status and events from Redis."""

    def __init__(self, store: RedisJobStore, queue: Queue, max_pending: int, notify: Notify | None = None) -> None:
        self.store = store
        self.queue = queue
        self._max_pending = max_pending
        self._notify = notify

    def submit(self, job: AvatarJob) -> AvatarJob:
        """Admit the job across the deployment and queue it for a worker; JobsFull (upload removed) when full."""
        if self.store.admit_record(job.id, job.to_json(), self._max_pending, job.sid, job.owner) != 1:
            shutil.rmtree(job.upload_dir, ignore_errors=True)
            raise JobsFull(f"{self._max_pending} avatar jobs are already waiting or running; try again later")
        _publish(self.store, job, "queued", 0, job.current_step, self._notify)
        self.queue.enqueue(AVATAR_FUNCTION, job.id, job_id=f"avatar-{job.id}", job_timeout=-1, result_ttl=0,
                           failure_ttl=EVENTS_KEPT_S)
        return job

    def get(self, job_id: str) -> AvatarJob | None:
        """The job as its newest event says (a running job whose worker is gone is failed now), or None."""
        record = self.store.job(job_id)
        if not record:
            return None
        job = AvatarJob.from_json(json.loads(record["request"]))
        newest = self.store.last_record(job_id)
        if newest is not None:
            avatar_event(newest).applied_to(job)
        if record.get("state") == "running" and job.status not in ENDINGS and not self.store.lease_alive(job_id):
            job.error = LOST_MESSAGE
            _publish(self.store, job, "failed", job.progress, "failed", self._notify)
            shutil.rmtree(job.upload_dir, ignore_errors=True)
        return job

    def events(self, job: AvatarJob, after: int, timeout_s: float) -> list[AvatarJobEvent]:
        """The job's events after the first `after` (event ids count from 1)."""
        return [avatar_event(record) for _, record in self.store.read_records(job.id, after, timeout_s)]

    def shutdown(self) -> None:
        """Nothing runs here: the workers hold the jobs."""


@dataclass
class AvatarRuntime:
    """What a worker needs to make avatars: the work, its deadline, the shared state and where progress goes."""

    work: Work
    timeout_s: float
    store: RedisJobStore  # avatar_store(...) of the deployment
    queue: Queue  # avatar_queue(...) of the deployment
    notify: Notify | None = None

    def run(self, job_id: str, worker: str) -> None:
        """Make the avatar of one admitted job, publishing its progress; its lease is renewed meanwhile."""
        store = self.store
        record = store.job(job_id)
        if not record:  # expired before a worker was free
            return
        job = AvatarJob.from_json(json.loads(record["request"]))
        store.mark_running(job_id, worker)
        done = threading.Event()
        renewer = threading.Thread(target=_renew, args=(store, job_id, done), name=f"avatar-{job_id}-lease",
                                   daemon=True)
        renewer.start()
        try:
            carry_out(job, self.work, self.timeout_s,
                      lambda status, percent, step: _publish(store, job, status, percent, step, self.notify))
        finally:
            done.set()
            renewer.join()
            store.redis.delete(store.key("lease", job_id))


def _renew(store: RedisJobStore, job_id: str, done: threading.Event) -> None:
    while not done.wait(LEASE_RENEW_S):
        store.renew_lease(job_id)
