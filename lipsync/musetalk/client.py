"""The web process's handle on the GPU worker: spawn it, send requests, route its answers to each job.

A named dispatcher thread reads the worker's answers and puts each on its job's own queue; if the worker
process dies, every waiting job gets a failure and `ready` turns false (what /api/v2/status reports).
"""
from __future__ import annotations

import itertools
import logging
import multiprocessing
import queue
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from lipsync.base import LipsyncError
from lipsync.musetalk.lifetime import die_with_parent
from lipsync.musetalk.protocol import (Cancel, Faces, JobEnded, LoadFailed, Ready, RenderRequest, Stop,
                                       WorkerSettings)

log = logging.getLogger(__name__)

START_TIMEOUT_S = 600.0  # loading full-size weights from a cold disk and warming up can take minutes
POLL_S = 0.2  # how often waits wake up to look at cancel flags and the worker's health
STOP_TIMEOUT_S = 10.0  # grace for the worker to exit before it is terminated


@dataclass(frozen=True)
class FaceJob:
    """What to generate: faces for `frames` of a clip (features over the whole clip) from latent `rows`."""

    clip_key: str
    audio: np.ndarray  # float32 [L] at 16 kHz, the whole clip
    clip_frames: int
    avatar_dir: str
    unique_frames: int
    frames: np.ndarray  # int [n] ascending
    rows: np.ndarray  # int [n]


def _worker_main(settings: WorkerSettings, requests: Any, results: Any) -> None:
    """The child's entry: only the worker process imports the torch side; it dies with its parent."""
    die_with_parent(multiprocessing.parent_process().pid)  # type: ignore[union-attr]
    try:
        from lipsync.musetalk.worker import main
    except ImportError as e:
        results.put(LoadFailed(f"{e}: pip install -r requirements-gpu.txt"))
        return
    main(settings, requests, results)


class JobHandle:
    """Faces of one request in order, as the worker sends them."""

    def __init__(self, req_id: int, total: int) -> None:
        self.req_id = req_id
        self.total = total
        self.inbox: queue.Queue = queue.Queue()
        self.received = 0  # faces handed out so far
        self.ended: JobEnded | None = None

    def faces(self, cancel: threading.Event, stall_timeout_s: float) -> Iterator[np.ndarray]:
        """Yield faces [256, 256, 3] in order; stop quietly on cancel; LipsyncError if the job fails or stalls."""
        waited = 0.0
        while self.received < self.total:
            if cancel.is_set():
                return
            try:
                message = self.inbox.get(timeout=POLL_S)
            except queue.Empty:
                waited += POLL_S
                if waited >= stall_timeout_s:
                    raise LipsyncError(f"MuseTalk worker sent nothing for {stall_timeout_s:.0f} s")
                continue
            waited = 0.0
            if isinstance(message, Faces):
                self.received += len(message.faces)
                yield from message.faces
            elif isinstance(message, JobEnded):
                self.ended = message
                if message.reason != "done" or self.received < self.total:
                    raise LipsyncError(f"MuseTalk render {message.reason}: {message.message or 'no frames'}")

    def wait_end(self, timeout_s: float) -> JobEnded | None:
        """Block until the worker reports this request over (drops faces still queued); None on timeout."""
        deadline = timeout_s
        while self.ended is None and deadline > 0:
            try:
                message = self.inbox.get(timeout=POLL_S)
            except queue.Empty:
                deadline -= POLL_S
                continue
            if isinstance(message, JobEnded):
                self.ended = message
        return self.ended


class WorkerClient:
    """Starts one worker process (spawn) and multiplexes job requests over its two queues."""

    def __init__(self, settings: WorkerSettings) -> None:
        self.settings = settings
        self.info: Ready | None = None
        self._ctx = multiprocessing.get_context("spawn")
        self._requests = self._ctx.Queue()
        self._results = self._ctx.Queue()
        self._process = None
        self._handles: dict[int, JobHandle] = {}
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._stop = threading.Event()
        self._dispatcher: threading.Thread | None = None

    @property
    def ready(self) -> bool:
        """True while the worker is up with its models loaded."""
        return self.info is not None and self._process is not None and self._process.is_alive()

    def start(self, timeout_s: float = START_TIMEOUT_S) -> Ready:
        """Spawn the worker and wait until its models are loaded and warm; LipsyncError if that fails."""
        self._process = self._ctx.Process(target=_worker_main, args=(self.settings, self._requests, self._results),
                                          name="musetalk-worker", daemon=True)
        self._process.start()
        waited = 0.0
        while True:
            try:
                message = self._results.get(timeout=POLL_S)
                break
            except queue.Empty:
                waited += POLL_S
                if not self._process.is_alive() or waited >= timeout_s:
                    self.close()
                    raise LipsyncError("MuseTalk worker exited or timed out while loading the models") from None
        if isinstance(message, LoadFailed):
            self.close()
            raise LipsyncError(f"MuseTalk worker could not load the models: {message.message}")
        self.info = message
        self._dispatcher = threading.Thread(target=self._dispatch, name="musetalk-dispatch", daemon=True)
        self._dispatcher.start()
        return message

    def submit(self, job: FaceJob) -> JobHandle:
        """Queue a request; its faces arrive on the returned handle."""
        if not self.ready:
            raise LipsyncError("the MuseTalk worker is not running")
        with self._lock:
            handle = JobHandle(next(self._ids), len(job.frames))
            self._handles[handle.req_id] = handle
        self._requests.put(RenderRequest(handle.req_id, job.clip_key, job.audio, job.clip_frames, job.avatar_dir,
                                         job.unique_frames, job.frames, job.rows))
        return handle

    def cancel(self, handle: JobHandle) -> None:
        """Ask the worker to drop the request at its next batch boundary."""
        if handle.ended is None and handle.received < handle.total and self.ready:
            self._requests.put(Cancel(handle.req_id))

    def release(self, handle: JobHandle) -> None:
        """Forget a handle once its job is over or abandoned (later answers for it are dropped)."""
        with self._lock:
            self._handles.pop(handle.req_id, None)

    def close(self) -> None:
        """Stop the worker and the dispatcher."""
        self._stop.set()
        process, self._process = self._process, None
        if process is not None and process.is_alive():
            self._requests.put(Stop())
            process.join(STOP_TIMEOUT_S)
            if process.is_alive():
                process.terminate()
                process.join(STOP_TIMEOUT_S)
        if self._dispatcher is not None:
            self._dispatcher.join(STOP_TIMEOUT_S)
        self._requests.cancel_join_thread()  # never hang the web process on a queue the worker no longer reads
        self.info = None

    def _dispatch(self) -> None:
        """Route the worker's answers to job handles until closed or the worker dies."""
        while not self._stop.is_set():
            try:
                message = self._results.get(timeout=POLL_S)
            except queue.Empty:
                if not self.ready:
                    break
                continue
            except (EOFError, OSError):
                break
            with self._lock:
                handle = self._handles.get(message.req_id)
                if isinstance(message, JobEnded):
                    self._handles.pop(message.req_id, None)
            if handle is not None:
                handle.inbox.put(message)
        if not self._stop.is_set():
            log.error("MuseTalk worker process died; jobs in flight fail")
            self.info = None
        with self._lock:
            orphans, self._handles = list(self._handles.values()), {}
        for handle in orphans:
            handle.inbox.put(JobEnded(handle.req_id, "failed", 0, "the MuseTalk worker stopped"))
