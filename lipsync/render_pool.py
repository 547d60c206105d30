"""RENDER_PROCESSES: the CPU engine's render + encode in a few processes, off the web process's GIL.

Each turn is bound to one render process (the least busy when it starts) that holds its TurnStream, so a turn's
segments stay one stream; the job's thread sends each segment as plain data (avatar id, the sentence's clip once,
frame range, PCM, output path) and waits for the written segment, so events, cache and files stay where they were.
Frames never cross a process boundary: the render process writes the segment file in the media folder itself.
Cancel sets the turn's byte in shared memory, which the process checks every frame; a process that dies fails
the turns it held with a LipsyncError (their `error` event) and is replaced for the next turns.
With this module's logger at DEBUG, every rendered segment logs its `SegmentTimeline` (record attribute `timeline`):
where its time went between the job's thread and the render process (bench.capacity reads them).
"""
from __future__ import annotations

import atexit
import contextlib
import itertools
import logging
import mmap
import os
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from multiprocessing.connection import Connection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from lipsync.base import LipsyncError, RenderSpec
from lipsync.encode import EncodeCancelled, EncoderSettings
from lipsync.render_process import SLOTS, Recipe, SegmentOrder
from lipsync.turn_stream import StreamSegment

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent  # the project: `lipsync.render_process` is importable from here
WAIT_STEP_S = 0.05  # s between looks at the job's cancel token while its segment renders
CANCEL_GRACE_S = 5.0  # s a cancelled segment gets to stop (one frame, normally) before the turn gives up on it
STOP_TIMEOUT_S = 2.0  # s a process gets to exit after its pipe closed


class RenderProcessDied(LipsyncError):
    """The render process holding a turn exited (crashed or killed) before answering."""


@dataclass(frozen=True)
class SegmentTimeline:
    """One rendered segment's path through the pool (time.monotonic, one clock for all the machine's processes)."""

    file: str  # the segment file's name
    process: str  # the render process that made it
    due: float  # when the viewer needs it (time.time(), as the render stage computed it)
    sent: float  # the job's thread sent the order
    received: float  # the render process read it (then it waited behind more urgent requests)
    started: float  # the render process began it
    finished: float  # ... and wrote the segment
    read: float  # the web process's reader thread had the reply
    resumed: float  # the job's thread had it back (after the reader's hand-off: thread wake-up and the GIL)


class _Reply(Future):  # type: ignore[type-arg]
    """A request's future, with when its render process received, started and finished it, and when it came back."""

    stamps: tuple[float, float, float] = (0.0, 0.0, 0.0)
    read_at = 0.0


class RenderProcess:
    """One render process and the web process's side of its pipe: requests out, replies matched by id."""

    def __init__(self, recipe: Recipe, index: int) -> None:
        # A fresh interpreter (`python -m lipsync.render_process`), not multiprocessing's fork or spawn: forking a
        # threaded web process may copy a held lock, and spawn/forkserver re-import the parent's __main__ (a script
        # that builds the app at import would then run again in every render process).
        ours, theirs = socket.socketpair()
        flags_fd = os.memfd_create(f"render-{index}-cancel")
        os.ftruncate(flags_fd, SLOTS)
        self.flags = mmap.mmap(flags_fd, SLOTS)  # one cancel byte per turn slot, shared with the process
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH"))))}
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "lipsync.render_process", str(theirs.fileno()), str(flags_fd),
                 "1" if recipe.head_motion else "0"], pass_fds=(theirs.fileno(), flags_fd), env=env)
        finally:
            theirs.close()
            os.close(flags_fd)
        self.name = f"render-{index}"
        self._socket = ours  # kept to shut down: that wakes this side's reader and ends the process's loop
        self._conn = Connection(os.dup(ours.fileno()))
        self._lock = threading.Lock()  # guards the maps and counts below
        self._sending = threading.Lock()  # one message on the pipe at a time (a send may wait for the process to read)
        self._pending: dict[int, Future[Any]] = {}
        self._free = list(range(SLOTS - 1, -1, -1))
        self._ids = itertools.count(1)
        self.turns = 0  # turns bound to it now
        self.picked = 0  # when the pool last bound a turn to it (the pool's count)
        self.alive = True
        threading.Thread(target=self._read, name=f"{self.name}-replies", daemon=True).start()

    def open(self, message: tuple[Any, ...]) -> tuple[int, int]:
        """Bind a new turn (`message` = open's fields after the turn id and slot); (turn id, cancel slot)."""
        with self._lock:
            if not self.alive or not self._free:
                raise RenderProcessDied("no render process can take the turn")
            slot, turn_id = self._free.pop(), next(self._ids)
            self.flags[slot] = 0
            self.turns += 1
        self._send(("open", turn_id, slot, *message))
        return turn_id, slot

    def request(self, kind: str, turn_id: int, due: float, *args: Any) -> _Reply:
        """Send a render or remux request; its future gets the reply."""
        future = _Reply()
        with self._lock:
            if not self.alive:
                raise RenderProcessDied("the render process holding this turn stopped")
            request_id = next(self._ids)
            self._pending[request_id] = future
        self._send((kind, turn_id, request_id, due, *args))
        return future

    def close_turn(self, turn_id: int, slot: int) -> None:
        """Release the turn's encoders there and its cancel slot here."""
        with self._lock:
            self.turns -= 1
            self._free.append(slot)
            alive = self.alive
        if alive:
            with contextlib.suppress(RenderProcessDied):  # it died meanwhile: nothing of the turn is left to release
                self._send(("close", turn_id))

    def stop(self) -> None:
        """Close the pipe (the process's loop ends) and wait for it; kill it if it does not exit."""
        with self._lock:
            self.alive = False
            with contextlib.suppress(OSError):
                self._socket.shutdown(socket.SHUT_RDWR)  # a blocked read returns; a send under way fails
            self._socket.close()
            self._conn.close()
        try:
            self.process.wait(STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(STOP_TIMEOUT_S)

    def _send(self, message: tuple[Any, ...]) -> None:
        try:
            with self._sending:
                self._conn.send(message)
        except (OSError, ValueError) as e:  # the process is gone: its reader fails the turns
            raise RenderProcessDied(f"the render process stopped: {e}") from e

    def _read(self) -> None:
        """Hand each reply to its future; when the pipe breaks, fail every request still waiting."""
        try:
            while True:
                request_id, result, error, stamps = self._conn.recv()
                with self._lock:
                    future = self._pending.pop(request_id, None)
                if future is None:
                    continue
                future.stamps, future.read_at = stamps, time.monotonic()
                if error is not None:
                    future.set_exception(error)
                else:
                    future.set_result(result)
        except (EOFError, OSError, ValueError):
            pass
        with self._lock:
            self.alive = False
            pending, self._pending = list(self._pending.values()), {}
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(STOP_TIMEOUT_S)
        if pending:
            log.error("render process %s exited (code %s) with %d segments in flight", self.name,
                      self.process.returncode, len(pending))
        for future in pending:
            future.set_exception(RenderProcessDied(f"the render process exited (code {self.process.returncode})"))


class RenderPool:
    """`size` render processes serving every turn of this process (created once, replaced when one dies)."""

    def __init__(self, size: int, recipe: Recipe) -> None:
        if size < 1:
            raise ValueError(f"a render pool needs at least one process, got {size}")
        self.recipe = recipe
        self._lock = threading.Lock()
        self._processes = [RenderProcess(recipe, i) for i in range(size)]
        self._picks = itertools.count(1)

    @property
    def size(self) -> int:
        """How many render processes serve turns."""
        return len(self._processes)

    def open(self, avatars_root: Path, fps: int, sample_rate: int, settings: EncoderSettings) -> "PooledTurnRender":
        """A turn on the live process with the fewest turns (a dead one is replaced first)."""
        with self._lock:
            for i, process in enumerate(self._processes):
                if not process.alive:
                    process.stop()
                    self._processes[i] = RenderProcess(self.recipe, i)
            # ties go to the process picked least recently: with few turns open at a time (a turn renders much
            # faster than it plays), "fewest turns" alone would send every turn that finds all idle to the first
            process = min(self._processes, key=lambda p: (p.turns, p.picked))
            process.picked = next(self._picks)
        turn_id, slot = process.open((Path(avatars_root), fps, sample_rate, settings))
        return PooledTurnRender(process, turn_id, slot)

    def processes(self) -> list[RenderProcess]:
        """The processes now serving (tests kill one to check that its turns fail cleanly)."""
        with self._lock:
            return list(self._processes)

    def close(self) -> None:
        """Stop every render process."""
        with self._lock:
            processes, self._processes = self._processes, []
        for process in processes:
            process.stop()


class PooledTurnRender:
    """A turn bound to one render process: the TurnRender the render stage drives, run over there."""

    def __init__(self, process: RenderProcess, turn_id: int, slot: int) -> None:
        self._process, self._turn_id, self._slot = process, turn_id, slot
        self._clips: dict[int, int] = {}  # id(clip) here → its key there
        self._closed = False

    def render(self, spec: RenderSpec, samples: np.ndarray, path: Path, cancel: threading.Event,
               due: float) -> tuple[StreamSegment, float]:
        """Render and encode `spec` over there; (segment, render seconds)."""
        key = self._clips.get(id(spec.clip))
        first_use = key is None
        if key is None:
            key = self._clips[id(spec.clip)] = len(self._clips)
        order = SegmentOrder(spec.avatar.id, key, spec.clip if first_use else None, spec.first_frame,
                             spec.frame_count, spec.loop_offset, spec.frame_skip, spec.region, samples, Path(path))
        sent = time.monotonic()
        reply = self._process.request("render", self._turn_id, due, order)
        result = self._wait(reply, cancel)
        if log.isEnabledFor(logging.DEBUG):
            timeline = SegmentTimeline(Path(path).name, self._process.name, due, sent, *reply.stamps, reply.read_at,
                                       time.monotonic())
            log.debug("segment %s on %s: waited %.3f s there, rendered in %.3f s", timeline.file, timeline.process,
                      timeline.started - timeline.received, timeline.finished - timeline.started,
                      extra={"timeline": timeline})
        return result

    def remux(self, source: Path, frame_count: int, samples: np.ndarray, path: Path, due: float) -> StreamSegment:
        """A cached segment's video with this turn's audio, over there."""
        return self._wait(self._process.request("remux", self._turn_id, due, Path(source), frame_count, samples,
                                                Path(path)), None)

    def join(self, segment_paths: list[Path], out: Path) -> None:
        """The turn as one MP4, written over there (where its audio packets are)."""
        self._wait(self._process.request("join", self._turn_id, 0.0, [Path(p) for p in segment_paths], Path(out)), None)

    def close(self) -> None:
        """Release the turn there."""
        if not self._closed:
            self._closed = True
            self._process.close_turn(self._turn_id, self._slot)

    def _wait(self, future: Future[Any], cancel: threading.Event | None) -> Any:
        """The reply; on cancel the process is told at once and its (prompt) answer awaited, within a grace."""
        while cancel is not None and not cancel.is_set():
            try:
                return future.result(WAIT_STEP_S)
            except FutureTimeout:
                continue
        if cancel is not None:
            self._process.flags[self._slot] = 1
        try:
            return future.result(CANCEL_GRACE_S if cancel is not None else None)
        except FutureTimeout:
            raise EncodeCancelled("the render process did not stop in time") from None


_shared: dict[tuple[int, Recipe], RenderPool] = {}
_shared_lock = threading.Lock()


def shared_pool(size: int, recipe: Recipe) -> RenderPool:
    """One pool per size and recipe in this process (apps and workers built in one process share it)."""
    with _shared_lock:
        pool = _shared.get((size, recipe))
        if pool is None:
            pool = _shared[(size, recipe)] = RenderPool(size, recipe)
        return pool


def supported() -> bool:
    """Whether render processes can run here (their cancel bytes are a Linux memfd; elsewhere turns render in-process)."""
    return hasattr(os, "memfd_create")


def pool_size(setting: int) -> int:
    """RENDER_PROCESSES as a count: -1 = one per core this process may use."""
    return len(os.sched_getaffinity(0)) if setting < 0 else setting


@atexit.register
def _stop_shared() -> None:
    with _shared_lock:
        pools = list(_shared.values())
        _shared.clear()
    for pool in pools:
        pool.close()
