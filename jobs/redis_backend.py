"""The Redis backend: turns go through an RQ queue to `interview-avatar worker` processes; any web process serves them.

Render concurrency is the number of live workers (each runs one turn at a time, from LLM to MP4). Admission
(`MAX_QUEUE` waiting beyond the workers), positions, cancel and event streams all live in Redis
(`jobs/redis_store.py`), so every web process sees the same queue. Each web process also runs a reaper that
fails a running job whose worker stopped renewing its lease (killed, crashed): an `error` event within
LEASE_S + REAP_INTERVAL_S, instead of a job "running" forever.
"""
from __future__ import annotations

import json
import logging
import math
import secrets
import threading
import time
from collections.abc import Collection
from typing import Any

import redis
from rq import Queue
from rq.exceptions import NoSuchJobError
from rq.job import Job as RqJob
from rq.job import JobStatus
from rq.serializers import JSONSerializer

from jobs.backend import ClientBusy, NoWorkers, QueueFull, UnknownJob
from jobs.events import JobEvent
from jobs.redis_store import EVENTS_KEPT_S, LEASE_S, Relay, RedisJobStore
from jobs.rq_entry import TURN_FUNCTION
from pipeline.events import Cancelled, Error, QueuePosition
from pipeline.spec import JobRequest

log = logging.getLogger(__name__)

REAP_INTERVAL_S = 1.0  # s between checks for running jobs whose worker is gone
WORKER_LOST_MESSAGE = "the worker running this job stopped before it finished"
NO_WORKER_RETRY_AFTER_S = 5  # s: a worker restarting (or reconnecting to Redis) is back within a few seconds


def turn_queue(store: RedisJobStore) -> Queue:
    """The deployment's RQ queue, with the JSON serializer (never pickle)."""
    return Queue(f"{store.prefix}-turns", connection=store.redis, serializer=JSONSerializer)


def publish_positions(store: RedisJobStore, queue: Queue, relay: Relay | None) -> None:
    """Tell each job that must wait its place (1 = next) and estimated wait; the store drops any that would go up.

    Jobs an idle worker is about to take are not waiting: like the local backend, they get no position.
    """
    workers = store.live_workers()
    idle = max(0, workers - store.running_count())
    per_job = store.estimate_s() / max(1, workers)
    for place, job_id in enumerate(queue.get_job_ids(), start=1):
        position = place - idle
        if position >= 1:
            store.publish(job_id, QueuePosition(position=position, estimated_wait=round(position * per_job, 1)),
                          relay, position=position)


class RedisBackend:
    """The web side of the Redis backend: submit, events, cancel, status and the reaper."""

    def __init__(self, store: RedisJobStore, max_queue: int, relay: Relay | None = None, max_per_client: int = 0) -> None:
        self.store = store
        self.queue = turn_queue(store)
        self.max_queue = max_queue
        self.max_per_client = max_per_client  # 0 = no per-client limit
        self.relay = relay
        self._stop = threading.Event()
        self._reaper = threading.Thread(target=self._reap_loop, name="redis-reaper", daemon=True)
        self._reaper.start()

    def submit(self, request: JobRequest) -> str:
        """Admit the job across all web processes and queue it for a worker, or raise QueueFull / ClientBusy."""
        job_id = secrets.token_hex(8)
        if not self.store.live_workers():
            raise NoWorkers(NO_WORKER_RETRY_AFTER_S)  # it would wait for nobody
        workers = self.store.live_workers()
        admitted = 0 if self._stop.is_set() else self.store.admit(job_id, request, workers + self.max_queue,
                                                                  self.max_per_client)
        if admitted != 1:
            retry_after = max(1, math.ceil(self.store.estimate_s() * (self.queue.count + 1) / workers))
            raise ClientBusy(self.max_per_client, retry_after) if admitted == -1 else QueueFull(retry_after)
        self.queue.enqueue(TURN_FUNCTION, job_id, request.to_json(), job_id=job_id, job_timeout=-1, result_ttl=0,
                           failure_ttl=EVENTS_KEPT_S)
        publish_positions(self.store, self.queue, self.relay)
        return job_id

    def read_events(self, job_id: str, after: int, timeout_s: float) -> list[JobEvent]:
        """The job's events after id `after`; UnknownJob when Redis keeps no such job."""
        if not self.store.exists(job_id):
            raise UnknownJob(job_id)
        return self.store.read(job_id, after, timeout_s)

    def request_of(self, job_id: str) -> JobRequest:
        """The job's request; UnknownJob when Redis keeps no such job."""
        job = self.store.job(job_id)
        if not job:
            raise UnknownJob(job_id)
        return JobRequest.from_json(json.loads(job["request"]))

    def mark_resumed(self, job_id: str) -> None:
        """Note, for every web process, that a client follows the job again."""
        self.store.redis.set(self.store.key("resumed", job_id), 1, ex=int(EVENTS_KEPT_S))

    def resumed(self, job_id: str) -> bool:
        """Whether a client followed the job again (through any web process)."""
        return bool(self.store.redis.exists(self.store.key("resumed", job_id)))

    def cancel_job(self, job_id: str, owners: Collection[str] | None = None) -> bool:
        """Flag the job (its worker stops within one poll; with `owners`: only their job); a job still in line leaves
        it at once."""
        if self.store.redis.zscore(self.store.key("active"), job_id) is None:
            return False
        if owners is not None and self.store.job(job_id).get("owner") not in owners:
            return False
        self.store.request_cancel(job_id)
        if self.queue.remove(job_id):  # nobody took it yet: this process ends it
            self.store.publish(job_id, Cancelled(), self.relay)
            publish_positions(self.store, self.queue, self.relay)
        return True

    def cancel_sid(self, sid: str, owners: Collection[str] | None = None) -> int:
        """Cancel every unfinished job of a Socket.IO sid (with `owners`: only theirs), on any worker; how many."""
        return sum(self.cancel_job(job_id, owners) for job_id in self.store.sid_jobs(sid))

    def snapshot(self) -> dict[str, Any]:
        """The seed's /api/queue_status body from the shared queue (entries with their `owner`); `max_concurrent` =
        live workers."""
        waiting = self.queue.get_job_ids()
        jobs = {job_id: self.store.job(job_id) for job_id in self.store.active_ids()}
        running = [(job_id, job) for job_id, job in jobs.items() if job.get("state") == "running"]
        workers = self.store.live_workers()
        per_job = self.store.estimate_s() / max(1, workers)
        return {
            "queue_length": len(waiting),
            "processing_count": len(running),
            "max_concurrent": workers,
            "max_queue": self.max_queue,
            "preparing_count": max(0, len(jobs) - len(running) - len(waiting)),
            "processing": [{"request_id": job_id, "sid": job.get("sid") or None, "owner": job.get("owner") or None,
                            "worker": job.get("worker"),
                            "started_at": float(job["started_at"]) if "started_at" in job else None}
                           for job_id, job in running],
            "queue": [{"request_id": job_id, "sid": jobs.get(job_id, {}).get("sid") or None,
                       "owner": jobs.get(job_id, {}).get("owner") or None, "position": i,
                       "estimated_wait": round(i * per_job, 1)} for i, job_id in enumerate(waiting, start=1)],
        }

    def active_count(self) -> int:
        """Jobs admitted and not finished, in every process."""
        return int(self.store.redis.zcard(self.store.key("active")))

    def reap(self) -> int:
        """Fail jobs whose worker is gone or that RQ failed before the turn began; forget expired ones."""
        failed = 0
        waiting = set(self.queue.get_job_ids())
        for job_id in self.store.active_ids():
            job = self.store.job(job_id)
            if not job:
                self.store.redis.zrem(self.store.key("active"), job_id)
                continue
            lost = job.get("state") == "running" and not self.store.lease_alive(job_id)
            settled = float(job.get("created_at", 0)) < time.time() - LEASE_S  # past admit → enqueue → dequeue
            if lost or (job.get("state") == "queued" and settled and job_id not in waiting
                        and self._rq_gave_up(job_id)):
                log.warning("job %s lost (worker %s)", job_id, job.get("worker"))
                failed += self.store.publish(job_id, Error(message=WORKER_LOST_MESSAGE, code="worker_lost"),
                                             self.relay) is not None
        return failed

    def _rq_gave_up(self, job_id: str) -> bool:
        """True when RQ holds the job as failed or stopped (or no longer at all)."""
        try:
            state = RqJob.fetch(job_id, connection=self.store.redis, serializer=JSONSerializer).get_status()
        except NoSuchJobError:
            return True
        return state in (JobStatus.FAILED, JobStatus.STOPPED, JobStatus.CANCELED)

    def _reap_loop(self) -> None:
        while not self._stop.wait(REAP_INTERVAL_S):
            try:
                self.reap()
            except redis.RedisError:  # Redis briefly away: try again next round
                log.warning("reaper round failed", exc_info=True)

    def shutdown(self, timeout_s: float = 5.0) -> None:
        """Refuse new jobs from this process and stop the reaper."""
        if self._stop.is_set():
            return
        self._stop.set()
        self._reaper.join(timeout_s)
