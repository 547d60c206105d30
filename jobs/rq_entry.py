"""The functions RQ workers call by name (arguments as JSON, never pickled callables), and the runtime they run on.

A TurnWorker binds its runtime to its thread before it serves (`bind`); the functions read it from there.
"""
from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from pipeline.spec import JobRequest

if TYPE_CHECKING:
    from jobs.worker import TurnRuntime

TURN_FUNCTION = "jobs.rq_entry.run_turn"
AVATAR_FUNCTION = "jobs.rq_entry.run_avatar_job"
_current = threading.local()  # the runtime of the worker whose thread runs the job (SimpleWorker: same thread)


def bind(runtime: "TurnRuntime") -> None:
    """Make `runtime` the one this thread's RQ jobs run on."""
    _current.runtime = runtime


def current_runtime() -> "TurnRuntime":
    """The runtime of the TurnWorker whose thread runs the calling RQ job."""
    runtime = getattr(_current, "runtime", None)
    if runtime is None:
        raise RuntimeError("RQ job functions of this project run only inside a TurnWorker")
    return runtime


def run_turn(job_id: str, request: dict[str, Any]) -> None:
    """Run the turn on this worker's runtime."""
    current_runtime().run(job_id, JobRequest.from_json(request))


def run_avatar_job(job_id: str) -> None:
    """Make the avatar on this worker's runtime."""
    runtime = current_runtime()
    if runtime.avatars is None:
        raise RuntimeError("this worker makes no avatars")
    runtime.avatars.run(job_id, runtime.name)
