"""An engine worker process never outlives the process that started it (SIGTERM, SIGKILL or a crash of the parent).

Linux: PR_SET_PDEATHSIG (through ctypes) makes the kernel SIGKILL the child when its parent dies. The signal
follows the parent *thread* that spawned the child, and other systems lack it, so a watch thread also exits the
child as soon as it is re-parented (its parent pid changes).
"""
from __future__ import annotations

import ctypes
import logging
import os
import signal
import sys
import threading

log = logging.getLogger(__name__)

PR_SET_PDEATHSIG = 1  # linux/prctl.h
WATCH_S = 1.0  # s between looks at the parent pid


def die_with_parent(parent_pid: int) -> None:
    """Arm the parent-death signal and the watch thread; exit now if the parent is already gone."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            log.warning("prctl(PR_SET_PDEATHSIG) failed: errno %d", ctypes.get_errno())
    if os.getppid() != parent_pid:  # the parent died before the signal was armed
        os._exit(1)
    threading.Thread(target=_watch, args=(parent_pid,), name="parent-watch", daemon=True).start()


def _watch(parent_pid: int) -> None:
    stop = threading.Event()
    while not stop.wait(WATCH_S):
        if os.getppid() != parent_pid:
            os._exit(1)  # orphaned: nobody reads our results any more
