"""Where a concurrent run of bench.capacity spent its time (`--trace`): segment timelines and CPU per process/thread.

The render pool logs each segment's `SegmentTimeline` and the render stage when each sentence was ready (both at
DEBUG, lipsync.render_pool and pipeline.render_stage); `TimelineLog` collects them. `CpuSampler` reads /proc every
SAMPLE_S for the CPU seconds of each thread of this (the web) process, grouped by role, and of each render process.
A commit from before the timelines yields no segment lines; the CPU table works anywhere.
"""
from __future__ import annotations

import logging
import os
import re
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SAMPLE_S = 0.2  # s between /proc reads (threads that end between two reads lose at most this much CPU)
LOGGERS = ("lipsync.render_pool", "pipeline.render_stage")
_TICK = os.sysconf("SC_CLK_TCK")
_JOB_ID = re.compile(r"[0-9a-f]{16}")


class TimelineLog(logging.Handler):
    """Collects segment timelines (by file name) and sentence readiness (by turn stem and sentence index)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.segments: dict[str, Any] = {}
        self.sentences: dict[tuple[str, int], tuple[float, float]] = {}
        self._levels: list[int] = []

    def emit(self, record: logging.LogRecord) -> None:
        """Keep the record's timeline or sentence stamp."""
        if (timeline := getattr(record, "timeline", None)) is not None:
            self.segments[timeline.file] = timeline
        elif (ready := getattr(record, "sentence_ready", None)) is not None:
            stem, index, asked, at = ready
            self.sentences[(stem, index)] = (asked, at)

    def __enter__(self) -> "TimelineLog":
        for name in LOGGERS:
            logger = logging.getLogger(name)
            self._levels.append(logger.level)
            logger.setLevel(logging.DEBUG)
            logger.addHandler(self)
        return self

    def __exit__(self, *exc: object) -> None:
        for name, level in zip(LOGGERS, self._levels):
            logging.getLogger(name).removeHandler(self)
            logging.getLogger(name).setLevel(level)


def _cpu_s(stat_path: Path) -> float:
    """utime + stime of a /proc stat file, in s."""
    fields = stat_path.read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _TICK


def render_pids() -> dict[int, str]:
    """This process's render processes: pid → a name (`render` + its pid)."""
    found = {}
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        for pid in (task / "children").read_text().split():
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            if b"lipsync.render_process" in cmdline:
                found[int(pid)] = f"render process {pid}"
    return found


@dataclass
class CpuSampler:
    """CPU seconds of this process's threads (by role) and of its render processes over a run."""

    seen: dict[str, float] = field(default_factory=dict)  # key → CPU s at the last read
    first: dict[str, float] = field(default_factory=dict)  # key → CPU s at the first read
    roles: dict[str, str] = field(default_factory=dict)  # key → role
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def __enter__(self) -> "CpuSampler":
        self._read()
        self._thread = threading.Thread(target=self._loop, name="bench-cpu-sampler", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        assert self._thread is not None
        self._thread.join()
        self._read()

    def by_role(self) -> dict[str, float]:
        """CPU s per role over the run (threads or processes that started during it count from 0)."""
        total: dict[str, float] = defaultdict(float)
        for key, now in self.seen.items():
            total[self.roles[key]] += now - self.first.get(key, 0.0)
        return dict(sorted(total.items(), key=lambda kv: -kv[1]))

    def _loop(self) -> None:
        while not self._stop.wait(SAMPLE_S):
            self._read()

    def _read(self) -> None:
        names = {t.native_id: t.name for t in threading.enumerate()}
        readings: dict[str, tuple[str, float]] = {}
        for task in Path(f"/proc/{os.getpid()}/task").iterdir():
            tid = int(task.name)
            role = "web: " + _JOB_ID.sub("*", names.get(tid, "native (no Python thread)"))
            try:
                readings[f"t{tid}"] = (role, _cpu_s(task / "stat"))
            except (FileNotFoundError, ProcessLookupError):
                continue
        readings["web"] = ("(web process in all, ended threads included)", _cpu_s(Path(f"/proc/{os.getpid()}/stat")))
        try:
            pids = render_pids()
        except (FileNotFoundError, ProcessLookupError):
            pids = {}
        for pid, name in pids.items():
            try:
                readings[f"p{pid}"] = (name, _cpu_s(Path(f"/proc/{pid}/stat")))
            except (FileNotFoundError, ProcessLookupError):
                continue
        initial = not self.seen
        for key, (role, cpu) in readings.items():
            self.roles[key] = role
            self.first.setdefault(key, cpu if initial else 0.0)
            self.seen[key] = cpu


def print_cpu(sampler: CpuSampler, wall: float, relay_cpu_s: float) -> None:
    """Per role: CPU s over the run and as a share of one core."""
    print(f"   CPU by process/thread over {wall:.1f} s (bench relay inside the job threads: {relay_cpu_s:.2f} s)")
    for role, cpu in sampler.by_role().items():
        if cpu >= 0.01:
            print(f"     {cpu:7.2f} s {100 * cpu / wall:5.0f} % of a core  {role}")


def print_stall(streams: dict[str, Any], log: TimelineLog, slack: float) -> None:
    """The first segment (by arrival) later than its playback time + `slack`, and where its time went."""
    late = [(stream.arrivals[k], sid, k) for sid, stream in streams.items() for k in range(len(stream.arrivals))
            if stream.arrivals[k] - (stream.arrivals[0] + stream.starts[k]) > slack]
    if not late:
        print("   no stalled segment")
        return
    arrived, sid, k = min(late)
    stream = streams[sid]
    t0, play = stream.submitted, stream.arrivals[0] + stream.starts[k]
    file = stream.files[k]
    print(f"   first stall: {sid} segment {k} ({file}), due {play - t0:.2f} s after submit, "
          f"arrived {arrived - t0:.2f} s (late {arrived - play:.2f} s); {len(late)} late segments in all")
    stem, sentence = file.rsplit("_s", 1)[0], int(file.rsplit("_s", 1)[1][:2])
    if (ready := log.sentences.get((stem, sentence))) is not None:
        print(f"     its sentence {sentence}: asked {ready[0] - t0:.2f} s, spoken (TTS) {ready[1] - t0:.2f} s")
    timeline = log.segments.get(file)
    if timeline is None:
        print("     no timeline (render on the job threads, or a commit without them)")
        return
    previous = stream.arrivals[k - 1] - t0 if k else None
    steps = [("previous segment published", previous), ("order sent", timeline.sent - t0),
             (f"received by {timeline.process}", timeline.received - t0), ("started", timeline.started - t0),
             ("finished", timeline.finished - t0), ("reply read (web reader thread)", timeline.read - t0),
             ("job thread resumed", timeline.resumed - t0), ("published (bench relay)", arrived - t0)]
    for name, at in steps:
        if at is not None:
            print(f"     {at:7.2f} s  {name}")
    meanwhile = [t for t in log.segments.values() if t.process == timeline.process and t.file != file
                 and timeline.received <= t.started < timeline.started]
    urgent = sum(t.due <= timeline.due for t in meanwhile)
    print(f"     while it waited there: {len(meanwhile)} other segments ({urgent} due no later), "
          f"{sum(t.finished - t.started for t in meanwhile):.2f} s of rendering")
    print_processes(log)


def print_processes(log: TimelineLog) -> None:
    """Per render process: segments, busy seconds and the worst queue wait (is one loaded while another idles?)."""
    by_process: dict[str, list[Any]] = defaultdict(list)
    for timeline in log.segments.values():
        by_process[timeline.process].append(timeline)
    for process, items in sorted(by_process.items()):
        busy = sum(t.finished - t.started for t in items)
        waits = sorted(t.started - t.sent for t in items)  # in the pipe (the process busy) and in its queue
        handoff = sorted(t.resumed - t.finished for t in items)
        print(f"     {process}: {len(items)} segments, busy {busy:.2f} s, sent → started p50 "
              f"{waits[len(waits) // 2]:.3f} max {waits[-1]:.3f} s; finished → job thread p50 "
              f"{handoff[len(handoff) // 2]:.3f} max {handoff[-1]:.3f} s")
