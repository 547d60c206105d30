"""Stall-free concurrent turns through the server's own pipeline: job queue → speech → render → encode → events.

    .venv/bin/python -m bench.capacity [--streams 8,10,12,16] [--delivery face,full] [--head-motion on,off]
                                       [--render-processes -1] [--resolution 720p]
    .venv/bin/python -m bench.capacity --cost 5 [--delivery face,full] [--head-motion on]   # per-turn CPU only

Unlike bench/concurrency.py (the engine and encoder alone), every turn here is a real job of the local backend the
embedded server runs (runtime.services.build_pipeline + build_backend): its TTS (espeak), its render stage, its
events. Each stream speaks its own text (no TTS or render cache hit). Events are stamped as they are published
(the Socket.IO relay hook). A viewer plays from its first segment: segment k is due at first + start_k; the stream
stalls when one arrives later than that + SLACK_S. Printed per run: stall-free or not, the worst lateness, TTFF
p50/max (submit → first segment), the machine's CPU utilisation and context switches per second (/proc/stat over
the run), and CPU seconds of this process and its children per second of speech — a cost that does not depend on
what else runs on the machine (the absolute N does: the load average is printed first).
`--cost K` runs no sweep: per mode one warm-up turn, then K turns one at a time, and prints the CPU seconds per
second of speech of each (median and spread): the per-turn work, comparable across commits on a busy machine.
Every run first loads what the server loads at its start in the background (the Korean analyser of the scripted
interviewer, ~2.5 s of CPU), so that one-off cost does not land inside the first measured run.
Profile a run: `py-spy record -f raw -o prof.txt -- .venv/bin/python -m bench.capacity ...`, then
`.venv/bin/python -m bench.profile_top prof.txt`.
"""
from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from bench.capacity_trace import CpuSampler, TimelineLog, print_cpu, print_stall
from jobs.events import JobEvent
from jobs.queue import JobQueue
from pipeline.spec import JobRequest, RenderOptions, TurnSpec
from runtime.services import build_backend, build_pipeline
from runtime.config import Config

SLACK_S = 0.1  # a segment may be this late before the viewer sees a stall
TURN_TIMEOUT_S = 600.0
NAMES = ("김민준", "이서연", "박지호", "최수아", "정우진", "강하은", "조현우", "윤지아", "장도윤", "임서윤", "한시우", "오예린")
ROLES = ("백엔드 개발", "데이터 분석", "프로덕트 디자인", "품질 관리", "인프라 운영", "모바일 개발", "보안 점검", "영업 기획")


def stream_text(n: int) -> str:
    """A two-sentence interviewer line unique to stream `n` (different words, so no cache serves it)."""
    name, role = NAMES[n % len(NAMES)], ROLES[(n // len(NAMES)) % len(ROLES)]
    return (f"안녕하세요, 오늘 {role} 면접을 맡은 {name}입니다. 먼저 간단하게 자기소개를 부탁드리고, "
            f"지난 {n + 2}년 동안 맡았던 업무와 가장 기억에 남는 성과를 말씀해 주세요.")


@dataclass
class Stream:
    """One turn's segment arrivals (monotonic s) and their places on the turn's timeline."""

    submitted: float
    arrivals: list[float] = field(default_factory=list)
    starts: list[float] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # the segments' file names
    speech_s: float = 0.0
    outcome: str = ""
    finished: threading.Event = field(default_factory=threading.Event)
    then: Callable[[float], None] | None = None  # called at its end with when its playback ends (the next turn)

    def lateness(self) -> float:
        """The worst delay of a segment past its playback time (0 when on time; inf without segments)."""
        if not self.arrivals:
            return float("inf")
        return max(0.0, *(t - (self.arrivals[0] + s) for t, s in zip(self.arrivals, self.starts)))


@dataclass(frozen=True)
class MachineSample:
    """/proc/stat's CPU jiffies (busy, total) and context switches, and this process tree's CPU seconds."""

    busy: int
    total: int
    ctxt: int
    tree_cpu_s: float
    at: float

    @classmethod
    def now(cls) -> "MachineSample":
        """Read the counters."""
        busy = total = ctxt = 0
        for line in Path("/proc/stat").read_text().splitlines():
            if line.startswith("cpu "):
                ticks = [int(v) for v in line.split()[1:]]
                total = sum(ticks[:8])  # guest time is already inside user
                busy = total - ticks[3] - ticks[4]  # minus idle and iowait
            elif line.startswith("ctxt "):
                ctxt = int(line.split()[1])
        return cls(busy, total, ctxt, tree_cpu_seconds(), time.monotonic())


def tree_cpu_seconds() -> float:
    """CPU seconds of this process, its live descendants (render processes) and its reaped children."""
    tick = os.sysconf("SC_CLK_TCK")
    seen, todo, total = set(), [os.getpid()], 0.0
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
            for task in Path(f"/proc/{pid}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue  # it ended meanwhile
    times = os.times()
    return total + times.children_user + times.children_system


def config_for(media: Path, streams: int, head_motion: bool, render_processes: int) -> Config:
    """The embedded server's config, with caches off (every turn renders) and room for every stream at once."""
    values = {"MEDIA_DIR": media, "DATA_DIR": media, "TTS_ENGINE": "espeak", "LIPSYNC_ENGINE": "cpu",
              "LLM_ENGINE": "scripted", "HEAD_MOTION": head_motion, "TTS_CACHE_MAX_BYTES": 0, "RENDER_CACHE_MB": 0,
              "MAX_CONCURRENT": streams, "MAX_QUEUE": streams}
    if "RENDER_PROCESSES" in Config.model_fields:
        values["RENDER_PROCESSES"] = render_processes
    return Config.load(values, env_file=Path("/nonexistent/.env"))


def run(queue: JobQueue, streams: dict[str, Stream], avatar_id: str, delivery: str, count: int,
        stagger_s: float = 0.0, rounds: int = 1) -> None:
    """Submit `count` turns, evenly spread over `stagger_s` (0: all at once); with `rounds` > 1 each stream's next
    turn starts when its previous one has played (back to back); wait for every terminal event (recorded by the relay
    into `streams`)."""
    lock = threading.Lock()

    def submit(n: int, turn: int) -> None:
        sid = f"bench-{n}" if rounds == 1 else f"bench-{n}-{turn}"
        stream = Stream(time.monotonic())
        if turn + 1 < rounds:
            stream.then = lambda ends: threading.Timer(max(0.0, ends - time.monotonic()), submit, (n, turn + 1)).start()
        with lock:
            streams[sid] = stream
        spec = TurnSpec(RenderOptions(avatar_id, delivery=delivery), text=stream_text(n + turn * count))
        queue.submit(JobRequest(spec, sid=sid, notify_socket=True))

    began = time.monotonic()
    for n in range(count):
        time.sleep(max(0.0, began + n * stagger_s / count - time.monotonic()))
        submit(n, 0)
    waited = 0
    while waited < count * rounds:
        with lock:
            pending = [s for s in streams.values() if not s.finished.is_set()]
            waited = len(streams) - len(pending)
        if pending:
            pending[0].finished.wait(TURN_TIMEOUT_S)
        elif waited < count * rounds:
            time.sleep(0.05)  # a next turn's timer has not fired yet


def recorder(streams: dict[str, Stream], spent: list[float]):  # noqa: ANN201 - a Relay
    """The backend's relay: stamps each segment as it is published, notes the outcome; adds its CPU s to `spent`."""

    def relay(sid: str, event: JobEvent) -> None:
        began = time.thread_time()
        stream = streams[sid]
        if event.type == "segment":
            stream.arrivals.append(time.monotonic())
            stream.starts.append(event.event.start)
            stream.files.append(event.event.url.rsplit("/", 1)[-1])
        elif event.terminal:
            stream.outcome = event.type
            stream.speech_s = event.event.result.audio_duration if event.type == "done" else 0.0
            if stream.then is not None and stream.arrivals and event.type == "done":
                stream.then(stream.arrivals[0] + stream.speech_s)
            stream.finished.set()
        spent[0] += time.thread_time() - began

    return relay


def measure(args: argparse.Namespace, delivery: str, head_motion: bool, count: int) -> dict[str, float | str]:
    """One run of `count` streams on a fresh backend: the figures of a table row."""
    streams: dict[str, Stream] = {}
    relay_cpu = [0.0]
    with tempfile.TemporaryDirectory() as tmp, TimelineLog() as timelines, ExitStack() as tracing:
        config = config_for(Path(tmp), count, head_motion, args.render_processes)
        pipeline = build_pipeline(config)  # warmed up, like the server
        avatars = pipeline.parts.avatars
        queue = build_backend(config, pipeline, recorder(streams, relay_cpu), None)
        try:
            sampler = tracing.enter_context(CpuSampler()) if args.trace else None
            before = MachineSample.now()
            run(queue, streams, avatars.resolve(args.avatar, args.resolution), delivery, count, args.stagger,
                args.rounds)
            after = MachineSample.now()
            tracing.close()
        finally:
            queue.shutdown()
            close = getattr(pipeline.parts.lipsync, "close", None)
            if close is not None:
                close()
    ttff = [s.arrivals[0] - s.submitted for s in streams.values() if s.arrivals]
    wall = after.at - before.at
    speech = sum(s.speech_s for s in streams.values())
    failed = sum(s.outcome != "done" for s in streams.values())
    late = max(s.lateness() for s in streams.values())
    if sampler is not None:
        print_cpu(sampler, wall, relay_cpu[0])
        print_stall(streams, timelines, SLACK_S)
    return {"late": late, "ok": "yes" if late <= SLACK_S and not failed else "no", "failed": failed,
            "ttff_p50": statistics.median(ttff) if ttff else float("nan"), "ttff_max": max(ttff, default=float("nan")),
            "cpu_pct": 100 * (after.busy - before.busy) / max(1, after.total - before.total),
            "ctxt_s": (after.ctxt - before.ctxt) / wall, "cpu_per_speech": (after.tree_cpu_s - before.tree_cpu_s) / speech,
            "wall": wall}


def warm_up_server() -> None:
    """What the server's start loads in the background (the scripted interviewer's Korean analyser), loaded now."""
    try:
        from interview.text import warm_up
    except ImportError:  # a commit from before the analyser
        return
    warm_up()


def cost(args: argparse.Namespace) -> None:
    """Per mode: CPU s per s of speech of `args.cost` single turns, one at a time, after one warm-up turn."""
    print(f"{'delivery':>8} {'head':>4} {'turns':>5} {'CPU s/speech s median':>21} {'min':>6} {'max':>6}")
    for delivery in args.delivery.split(","):
        for head in args.head_motion.split(","):
            measure(args, delivery, head == "on", 1)  # render processes load the avatar, caches fill
            runs = sorted(float(measure(args, delivery, head == "on", 1)["cpu_per_speech"]) for _ in range(args.cost))
            print(f"{delivery:>8} {head:>4} {len(runs):5d} {statistics.median(runs):21.4f} {runs[0]:6.4f} "
                  f"{runs[-1]:6.4f}", flush=True)


def main() -> int:
    """Print one row per run and the largest stall-free N per mode (or, with --cost, the per-turn CPU)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--avatar", default="talk_long")
    ap.add_argument("--resolution", default="720p")
    ap.add_argument("--streams", default="8,10,12,16")
    ap.add_argument("--delivery", default="face,full")
    ap.add_argument("--head-motion", default="on,off")
    ap.add_argument("--render-processes", type=int, default=-1,
                    help="RENDER_PROCESSES: -1 one per core (the default), 0 on the job threads (ignored before it existed)")
    ap.add_argument("--all", action="store_true", help="run every N, not only up to the first stall")
    ap.add_argument("--cost", type=int, default=0, help="K > 0: only the per-turn CPU of K single turns per mode")
    ap.add_argument("--stagger", type=float, default=0.0,
                    help="S > 0: start the N streams evenly over S seconds (a turn here: ~17 s of speech)")
    ap.add_argument("--rounds", type=int, default=1,
                    help="K > 1: each stream speaks K turns back to back (the next when the previous has played)")
    ap.add_argument("--trace", action="store_true",
                    help="after each run: CPU per process/thread and the first stalled segment's timeline")
    args = ap.parse_args()
    cores = len(os.sched_getaffinity(0))
    where = (f"RENDER_PROCESSES={args.render_processes}" if "RENDER_PROCESSES" in Config.model_fields
             else "render on the job threads")
    print(f"load average {os.getloadavg()[0]:.1f} on {cores} cores; {args.resolution}; {where}; "
          f"stall = a segment later than its playback time + {SLACK_S} s; streams start "
          f"{f'evenly over {args.stagger:g} s' if args.stagger > 0 else 'at once'}, {args.rounds} turn(s) each")
    warm_up_server()
    if args.cost > 0:
        cost(args)
        return 0
    print(f"{'delivery':>8} {'head':>4} {'N':>3} {'stall-free':>10} {'worst late s':>12} {'TTFF p50':>8} "
          f"{'TTFF max':>8} {'CPU %':>5} {'ctxt/s':>7} {'CPU s/speech s':>14} {'failed':>6}")
    for delivery in args.delivery.split(","):
        for head in args.head_motion.split(","):
            best = 0
            for n in (int(v) for v in args.streams.split(",")):
                row = measure(args, delivery, head == "on", n)
                best = n if row["ok"] == "yes" and n > best else best
                print(f"{delivery:>8} {head:>4} {n:3d} {row['ok']:>10} {row['late']:12.2f} {row['ttff_p50']:8.2f} "
                      f"{row['ttff_max']:8.2f} {row['cpu_pct']:5.0f} {row['ctxt_s']:7.0f} {row['cpu_per_speech']:14.3f} "
                      f"{row['failed']:6d}", flush=True)
                if row["ok"] != "yes" and not args.all:
                    break
            print(f"{delivery:>8} {head:>4}: largest stall-free N {best or 'none'}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
