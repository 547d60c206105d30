"""The Redis reaper against a worker at each step of taking a job: it fails the jobs of dead workers only.

A real redis-server and RQ's own work loop. The worker's Redis client makes a full reaper pass (as another web
process's reaper may, at any moment) after each of its commands, so every gap between two of its writes is seen.
"""
from __future__ import annotations

import secrets
import time
from collections.abc import Iterator
from typing import Any

import pytest
import redis
from rq import SimpleWorker

from jobs.redis_avatar_jobs import AvatarRuntime, avatar_queue, avatar_store
from jobs.redis_backend import WORKER_LOST_MESSAGE, RedisBackend
from jobs.redis_store import LEASE_S, RedisJobStore
from jobs.rq_entry import bind
from jobs.worker import TurnRuntime, TurnWorker
from pipeline.context import TurnContext
from pipeline.events import Status, TurnResult
from pipeline.spec import JobRequest, RenderOptions, TurnSpec

JOB_TTL_S = 60.0
WORKER = "worker-under-test"


class ReapingRedis(redis.Redis):
    """A worker's Redis client after each of whose commands a web process's reaper makes a full pass."""

    reaper: RedisBackend | None = None
    passes = 0

    def execute_command(self, *args: Any, **options: Any) -> Any:
        """Run the command, then the reaper's pass."""
        result = super().execute_command(*args, **options)
        if self.reaper is not None:
            self.reaper.reap()
            self.passes += 1
        return result


class StartAndFinish:
    """A pipeline that starts the turn (`status`) and finishes it: the race under test comes before the turn."""

    def run(self, ctx: TurnContext, spec: TurnSpec) -> TurnResult:
        """Publish the turn's first event and return its result."""
        ctx.publish(Status(stage="tts"))
        return TurnResult(video_url="/results/turn.mp4", video_path="turn.mp4", audio_url="/results/turn.wav",
                          audio_duration=1.0, segments=1, cache_hits=0, elapsed={"total": 0.1}, text=spec.text)


class ForegroundWorker(TurnWorker):
    """A TurnWorker run on the test's thread, leaving pytest's signal handlers alone and taking no RQ commands."""

    def _install_signal_handlers(self) -> None:
        """Signals stay pytest's."""

    def subscribe(self) -> None:
        """No pubsub thread: closing it at the end of a burst can wait out its 60 s poll."""


@pytest.fixture
def web_and_worker(redis_url: str) -> Iterator[tuple[RedisBackend, RedisJobStore]]:
    """A web process's backend (its own reaper thread stopped once a job is in: the test reaps) and a worker's store
    on a ReapingRedis client, both on fresh keys."""
    prefix = f"reap{secrets.token_hex(4)}"
    web = RedisBackend(RedisJobStore(redis.Redis.from_url(redis_url), prefix, JOB_TTL_S), max_queue=4)
    worker_store = RedisJobStore(ReapingRedis.from_url(redis_url), prefix, JOB_TTL_S)
    worker_store.worker_heartbeat(WORKER)
    try:
        yield web, worker_store
    finally:
        web.shutdown()


def submitted(web: RedisBackend) -> str:
    """A queued turn's id; the web process's own reaper thread is stopped, so only the test's passes reap."""
    job_id = web.submit(JobRequest(TurnSpec(RenderOptions("talk_long_360p"), text="네, 좋습니다.")))
    web.shutdown()
    return job_id


def event_types(web: RedisBackend, job_id: str) -> list[str]:
    """The job's events so far, by type."""
    return [event.event.type for event in web.store.read(job_id, 0, 0)]


def no_avatars(*_: Any) -> None:
    """The avatar work of a worker that is given no avatar job."""
    raise AssertionError("no avatar job was submitted")


@pytest.mark.parametrize("makes_avatars", [False, True], ids=["turn-queue", "turn-and-avatar-queues"])
def test_no_reaper_pass_fails_a_job_that_waited_past_the_lease_while_a_worker_takes_it(web_and_worker,
                                                                                       makes_avatars: bool):
    web, worker_store = web_and_worker
    job_id = submitted(web)
    # it waited in line longer than LEASE_S (the twelve-turn cluster test's later turns do)
    web.store.redis.hset(web.store.key("job", job_id), "created_at", time.time() - LEASE_S - 1)
    # RQ takes a job off one queue with LMOVE, off two (a cluster worker's turns and avatars) with LPOP
    avatars = AvatarRuntime(no_avatars, JOB_TTL_S, avatar_store(worker_store, JOB_TTL_S),
                            avatar_queue(worker_store)) if makes_avatars else None
    runtime = TurnRuntime(StartAndFinish(), worker_store, None, JOB_TTL_S, lambda e: (str(e), "internal"), WORKER,
                          avatars)
    worker = ForegroundWorker(runtime)
    bind(runtime)
    worker_store.redis.reaper = web
    SimpleWorker.work(worker, burst=True)  # RQ's loop itself: dequeue, start, run the turn, finish
    worker_store.redis.reaper = None
    assert worker_store.redis.passes > 10  # a pass after each of the worker's commands (RQ's and ours)
    assert event_types(web, job_id) == ["status", "done"]
    assert web.active_count() == 0


def test_a_worker_that_took_a_job_and_died_has_it_failed_once_its_lease_lapses(web_and_worker):
    web, worker_store = web_and_worker
    job_id = submitted(web)
    worker_store.mark_running(job_id, WORKER)  # took the job, then was killed: nobody renews its lease
    assert web.reap() == 0 and event_types(web, job_id) == []  # within its lease it is not lost
    worker_store.redis.delete(worker_store.key("lease", job_id))  # LEASE_S later: the lease lapsed
    assert web.reap() == 1
    last = web.store.read(job_id, 0, 0)[-1].event
    assert (last.type, last.code, last.message) == ("error", "worker_lost", WORKER_LOST_MESSAGE)
    assert web.active_count() == 0
