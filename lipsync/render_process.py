"""One render process of the pool (lipsync.render_pool): the CPU engine and its turns' encoders, one thread.

It serves requests from its pipe, the most urgent first (earliest `due`: a turn's opening segment before a later
segment of a turn that is well ahead), so a new turn's first frame does not wait behind a long segment of another.
Each turn has a cancel flag in shared memory that the engine and the encoder look at every frame. Replies carry
the result or the exception (a lipsync or encode error, or a cancel) back to the job's thread, with when the request
arrived, started and finished here (time.monotonic), for the segment timelines of lipsync.render_pool.
"""
from __future__ import annotations

import heapq
import itertools
import pickle
import sys
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from audio.clip import AudioClip
from lipsync.base import LipsyncError, RenderSpec
from lipsync.encode import EncodeCancelled
from lipsync.region import Region
from lipsync.turn_render import LocalTurnRender
from lipsync.turn_stream import TurnStream

if TYPE_CHECKING:
    from avatars.store import AvatarStore

SLOTS = 4096  # turns a process can hold at once (cancel bytes in its shared memory)
CLIPS_KEPT = 2  # clips a turn keeps here: the sentence being rendered, and the next one already sent


@dataclass(frozen=True)
class Recipe:
    """How a render process builds what it needs (its own engine and avatar store)."""

    head_motion: bool


@dataclass(frozen=True)
class SegmentOrder:
    """A segment to render, as plain data: the avatar by id, the clip by key (sent once per sentence)."""

    avatar_id: str
    clip_key: int
    clip: AudioClip | None  # set the first time the key is used
    first_frame: int
    frame_count: int
    loop_offset: int
    frame_skip: int
    region: Region | None
    samples: np.ndarray
    path: Path


class SharedFlag:
    """The cancel token of a turn in a render process: one byte of shared memory the web process sets."""

    def __init__(self, flags: Any, slot: int) -> None:
        self._flags, self._slot = flags, slot

    def is_set(self) -> bool:
        """True once the turn was cancelled."""
        return bool(self._flags[self._slot])


@dataclass
class _Turn:
    render: LocalTurnRender
    cancel: SharedFlag
    avatars: "AvatarStore"
    clips: dict[int, AudioClip] = field(default_factory=dict)


def serve(conn: Connection, flags: Any, recipe: Recipe) -> None:
    """The process's loop: read requests, run the most urgent one, reply; return when the pipe closes."""
    import cv2

    from avatars.store import AvatarStore
    from lipsync.cpu import CpuLipsyncEngine

    cv2.setNumThreads(1)  # one core per process: parallelism comes from the processes, not from threads in them
    engine = CpuLipsyncEngine(head_motion=recipe.head_motion)
    engine.load()
    stores: dict[Path, AvatarStore] = {}  # avatar stores by root (the web process's PRECOMPUTED_DIR)
    turns: dict[int, _Turn] = {}
    waiting: list[tuple[float, int, float, tuple[Any, ...]]] = []  # (due, arrival order, received at, request)
    order = itertools.count()
    while True:
        try:
            while not waiting or conn.poll():
                message = conn.recv()
                if message[0] == "open":
                    _, turn_id, slot, root, fps, sample_rate, settings = message
                    avatars = stores.setdefault(root, AvatarStore(root))
                    turns[turn_id] = _Turn(LocalTurnRender(engine, TurnStream(fps, sample_rate, settings)),
                                           SharedFlag(flags, slot), avatars)
                elif message[0] == "close":
                    turn = turns.pop(message[1], None)
                    if turn is not None:
                        turn.render.close()
                else:
                    heapq.heappush(waiting, (message[3], next(order), time.monotonic(), message))
        except (EOFError, OSError):  # the web process closed the pipe or is gone
            return
        _, _, received, message = heapq.heappop(waiting)
        kind, turn_id, request_id = message[:3]
        started = time.monotonic()
        try:
            result: Any = _run(kind, turns.get(turn_id), message[4:])
            reply: tuple[Any, ...] = (request_id, result, None)
        except Exception as e:  # noqa: BLE001 - every failure goes back to the job that asked
            reply = (request_id, None, e if _picklable(e) else LipsyncError(f"{type(e).__name__}: {e}"))
        # CLOCK_MONOTONIC is one clock for every process of the machine: the web process lays these on its timeline
        reply += ((received, started, time.monotonic()),)
        try:
            conn.send(reply)
        except OSError:  # the web process is gone
            return


def _run(kind: str, turn: _Turn | None, args: tuple[Any, ...]) -> Any:
    """One render or remux request of `turn`."""
    if turn is None:
        raise LipsyncError("the render process holds no such turn")
    if turn.cancel.is_set():  # cancelled while the request waited in line
        raise EncodeCancelled("cancelled before rendering")
    if kind == "remux":
        return turn.render.remux(*args)
    if kind == "join":
        return turn.render.join(*args)
    order: SegmentOrder = args[0]
    if order.clip is not None:
        turn.clips[order.clip_key] = order.clip
        while len(turn.clips) > CLIPS_KEPT:
            turn.clips.pop(next(iter(turn.clips)))
    spec = RenderSpec(turn.avatars.get(order.avatar_id), turn.clips[order.clip_key], order.first_frame, order.frame_count,
                      order.loop_offset, order.frame_skip, order.region)
    return turn.render.render(spec, order.samples, order.path, turn.cancel)  # type: ignore[arg-type]


def _picklable(error: Exception) -> bool:
    """Whether `error` survives the trip back (an exception whose constructor needs other arguments may not)."""
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:  # noqa: BLE001 - any failure to round-trip means: send a plain LipsyncError instead
        return False
    return True


def main(argv: list[str]) -> None:
    """`python -m lipsync.render_process SOCKET_FD FLAGS_FD HEAD_MOTION`, as RenderProcess starts it."""
    import mmap

    conn = Connection(int(argv[0]))
    flags = mmap.mmap(int(argv[1]), SLOTS)
    serve(conn, flags, Recipe(head_motion=argv[2] == "1"))


if __name__ == "__main__":
    main(sys.argv[1:])
