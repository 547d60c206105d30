"""REDIS_LOCAL_WORKERS: RQ worker threads inside a web process (single box, tests), started and stopped beside the
Redis backend rather than by it (the backend only submits, streams, cancels and reaps)."""
from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from jobs.redis_store import UNREACHABLE
from jobs.worker import ThreadWorker

log = logging.getLogger(__name__)

STOP_TIMEOUT_S = 5.0  # s each thread gets to finish after its turn was cancelled


class LocalWorkers:
    """Worker threads of this process: each serves the shared queue like a worker process."""

    def __init__(self, workers: Sequence[ThreadWorker]) -> None:
        self._workers = list(workers)
        self._threads = [worker.start() for worker in self._workers]

    def stop(self, cancel: Callable[[str], object], timeout_s: float = STOP_TIMEOUT_S) -> None:
        """Stop taking jobs, cancel the turns they run (through `cancel`), and wait for the threads."""
        for worker in self._workers:
            worker.stop()
            try:
                job_id = worker.get_current_job_id()
                if job_id is not None:
                    cancel(job_id)
            except UNREACHABLE:  # Redis is gone: its turn cannot be flagged, and ends when its worker stops
                log.warning("could not cancel worker %s's turn: Redis is unreachable", worker.name)
        for thread in self._threads:
            thread.join(timeout_s)
