"""An RQ worker for turn jobs (started by `interview-avatar worker`, config from `.env` / the environment).

The engines, avatars and caches are built once per worker from its own config; every turn runs in the worker's
process without a fork (RQ's SimpleWorker), so loaded models stay loaded. Render concurrency = the number of
workers. While a turn runs, a watcher thread renews the job's lease and polls its cancel flag (a cancel from any
web process stops the turn within one poll). SIGTERM: the current turn finishes, queued ones stay queued
(RQ's warm shutdown); SIGKILL: the lease expires and a web process's reaper fails the job. Redis lost: the worker
waits for it with a growing backoff and serves again (it exits only on a real error).
"""
from __future__ import annotations

import contextlib
import logging
import os
import secrets
import socket
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import redis
from rq import SimpleWorker
from rq.serializers import JSONSerializer
from rq.timeouts import TimerDeathPenalty

from pipeline.context import DescribeError, JobContext, run_to_end
from pipeline.events import Cancelled
from pipeline.turn_pipeline import TurnPipeline
from jobs.redis_backend import publish_positions, turn_queue
from jobs.redis_store import UNREACHABLE, Relay, RedisJobStore
from jobs.rq_entry import bind
from pipeline.spec import JobRequest
from telemetry.context import job_scope

if TYPE_CHECKING:
    from jobs.redis_avatar_jobs import AvatarRuntime

log = logging.getLogger(__name__)

CANCEL_POLL_S = 0.1  # s between looks at a running job's cancel flag
HEARTBEAT_S = 1.0  # s between lease renewals and worker heartbeats (well under LEASE_S)
DEQUEUE_TTL_S = 16  # RQ worker_ttl: its dequeue blocks for worker_ttl - 15 s at a time
IDLE_CHECK_S = 1  # s: a thread worker looks at its stop flag this often while idle
RECONNECT_FIRST_S = 0.5  # s before the first look for Redis after the worker's loop quit
RECONNECT_MAX_S = 30.0  # s: the longest wait between two looks
STEADY_S = 60.0  # s a loop must run to count as working (its quit then starts the backoff afresh)
MAX_QUICK_RESTARTS = 10  # quick quits in a row with Redis answering: a real error, the worker exits


@dataclass
class TurnRuntime:
    """What a worker needs to run turns: its pipeline, the shared store and where socket events go."""

    pipeline: TurnPipeline
    store: RedisJobStore
    relay: Relay | None
    timeout_s: float
    describe_error: DescribeError
    name: str
    avatars: "AvatarRuntime | None" = None  # set: this worker also makes avatars (after its turns)

    def run(self, job_id: str, request: JobRequest) -> str:
        """One turn, start to terminal event; returns the terminal type (every log line names the job)."""
        with job_scope(job_id, request.http_request_id):
            return self._run(job_id, request)

    def _run(self, job_id: str, request: JobRequest) -> str:
        store, queue = self.store, turn_queue(self.store)
        job = store.job(job_id)
        ctx = JobContext(job_id, lambda event: store.publish(job_id, event, self.relay),
                         created_at=float(job.get("created_at", time.time())), timeout_s=self.timeout_s)
        if not job or store.cancel_requested(job_id):  # cancelled between the web's check and this dequeue
            ctx.publish(Cancelled())
            return Cancelled.kind
        store.mark_running(job_id, self.name)
        publish_positions(store, queue, self.relay)  # everyone behind moved up one place
        stop = threading.Event()
        watcher = threading.Thread(target=self._watch, args=(ctx, stop), name=f"job-{job_id}-watch", daemon=True)
        watcher.start()
        started = time.time()
        try:
            return run_to_end(ctx, lambda: self.pipeline.run(ctx, request.spec), self.describe_error,
                              lambda: store.record_duration(time.time() - started))
        finally:
            stop.set()
            watcher.join()
            store.redis.delete(store.key("lease", job_id))

    def _watch(self, ctx: JobContext, stop: threading.Event) -> None:
        """Renew the lease every HEARTBEAT_S; turn a cancel flag into the job's cancel token."""
        renewed = time.monotonic()
        while not stop.wait(CANCEL_POLL_S):
            if not ctx.cancel_requested and self.store.cancel_requested(ctx.job_id):
                ctx.request_cancel()
            if time.monotonic() - renewed >= HEARTBEAT_S:
                self.store.renew_lease(ctx.job_id)
                renewed = time.monotonic()


class TurnWorker(SimpleWorker):
    """RQ's no-fork worker, with the turn runtime bound to its thread and a heartbeat for live-worker counts; with
    `runtime.avatars` it also serves the avatar queue (after the turn queue: turns go first)."""

    death_penalty_class = TimerDeathPenalty  # no SIGALRM: job deadlines are the JobContext's

    def __init__(self, runtime: TurnRuntime, **kwargs: Any) -> None:
        queues = [turn_queue(runtime.store)] + ([runtime.avatars.queue] if runtime.avatars is not None else [])
        super().__init__(queues, connection=runtime.store.redis, serializer=JSONSerializer, name=runtime.name,
                         worker_ttl=DEQUEUE_TTL_S, **kwargs)
        self.runtime = runtime
        self._alive = threading.Event()

    def work(self, *args: Any, **kwargs: Any) -> bool:
        """Serve turns until stopped, announcing this worker as alive meanwhile."""
        bind(self.runtime)
        self._alive.set()
        beat = threading.Thread(target=self._beat, name=f"worker-{self.runtime.name}-beat", daemon=True)
        beat.start()
        try:
            return self._work_through_outages(*args, **kwargs)
        finally:
            self._alive.clear()
            beat.join(HEARTBEAT_S * 2)
            with contextlib.suppress(*UNREACHABLE):  # Redis gone: its heartbeat entry expires on its own
                self.runtime.store.worker_gone(self.runtime.name)

    def _work_through_outages(self, *args: Any, **kwargs: Any) -> bool:
        """RQ's loop, entered again when it quits without being asked to (RQ quits on a Redis error outside its
        dequeue): once Redis answers, after a backoff that grows while restarts keep failing fast. Only
        MAX_QUICK_RESTARTS quick quits in a row with Redis answering (a real error, not Redis) end the worker."""
        backoff, quick = RECONNECT_FIRST_S, 0
        while True:
            started = time.monotonic()
            try:
                worked = super().work(*args, **kwargs)
            except UNREACHABLE:  # RQ's teardown could not reach Redis either
                worked = False
            if self._stop_requested:
                return worked
            quick = quick + 1 if time.monotonic() - started < STEADY_S else 0
            if quick >= MAX_QUICK_RESTARTS and self._redis_answers():
                log.error("worker %s: its loop quit %d times in a row with Redis up; giving up", self.name, quick)
                return worked
            backoff = RECONNECT_FIRST_S if not quick else min(backoff * 2, RECONNECT_MAX_S)
            log.warning("worker %s: lost its loop (Redis away?); serving again once Redis answers", self.name)
            while not self._stop_requested and not self._redis_answers():
                time.sleep(backoff)
                backoff = min(backoff * 2, RECONNECT_MAX_S)
            with contextlib.suppress(redis.RedisError):
                self.connection.delete(self.key)  # an entry left by a teardown that could not reach Redis

    def _redis_answers(self) -> bool:
        try:
            return bool(self.connection.ping())
        except redis.RedisError:
            return False

    def _beat(self) -> None:
        while self._alive.is_set():
            try:
                self.runtime.store.worker_heartbeat(self.runtime.name)
            except redis.RedisError:
                log.warning("worker heartbeat failed", exc_info=True)
            time.sleep(HEARTBEAT_S)


class ThreadWorker(TurnWorker):
    """A TurnWorker on a thread of a web process (REDIS_LOCAL_WORKERS, tests): no signal handlers; `stop()` ends it."""

    def _install_signal_handlers(self) -> None:
        """Signals belong to the process's main thread (the web server)."""

    def start(self) -> threading.Thread:
        """Serve turns on a named daemon thread (counted as a live worker from now on)."""
        self.runtime.store.worker_heartbeat(self.runtime.name)
        thread = threading.Thread(target=self.work, kwargs={"logging_level": "WARNING"}, name=f"rq-{self.name}",
                                  daemon=True)
        thread.start()
        return thread

    def stop(self) -> None:
        """Finish the current turn, then leave the loop (within IDLE_CHECK_S)."""
        self._stop_requested = True

    def dequeue_job_and_maintain_ttl(self, timeout: int | None, max_idle_time: int | None = None) -> Any:
        """RQ's dequeue, in rounds of IDLE_CHECK_S so that `stop()` is noticed without a signal; None once stopped."""
        while not self._stop_requested:
            result = super().dequeue_job_and_maintain_ttl(timeout, max_idle_time=IDLE_CHECK_S)
            if result is not None:
                return result
        return None


def worker_name(index: int | None = None) -> str:
    """A name unique on the cluster: host and pid (a process), plus an index and a random tag (a thread)."""
    suffix = "" if index is None else f"-t{index}-{secrets.token_hex(3)}"
    return f"{socket.gethostname()}-{os.getpid()}{suffix}"
