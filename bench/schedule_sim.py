"""The render pool's scheduling, simulated: stall-free streams per policy, free of the machine's load.

    .venv/bin/python -m bench.schedule_sim [--cost 0.063] [--processes 2] [--streams 8,12,16,20,24,28,32]

bench.capacity's turns (its texts, spoken by espeak, cut by the render stage's segment policy) are rendered by
`--processes` simulated render processes, one frame at a time at `--cost` CPU s per s of speech (bench.capacity
--cost measures it; every frame costs the same), plus PER_SEGMENT_S per segment. As in the server, a turn asks for
its next segment when the previous one is published, its first segment is due at once and segment k at first
segment + its start; a stall is a segment later than that + bench.capacity's SLACK_S. Policies:
`pinned` (a turn bound to one process, the fewest turns, ties to the least recently picked: RenderPool.open) or
`shared` (any process takes any request), each earliest-due-first without preemption or with it for urgent requests
(due within URGENT_S) over one far ahead (lipsync.render_process). Streams start at once or evenly over --stagger.
What the model leaves out (cache and memory contention between processes, the web process's own work) is what
separates its N from bench.capacity's on an idle machine.
"""
from __future__ import annotations

import argparse
import heapq
import re
from dataclasses import dataclass, field

import numpy as np

from bench.capacity import SLACK_S, stream_text
from lipsync.segments import plan_sentence
from tts.espeak import EspeakEngine

PER_SEGMENT_S = 0.004  # s of CPU per segment besides its frames (muxing, the pipe, the job thread)
URGENT_S = 1.0  # as lipsync.render_process
PAUSE_S = 0.3  # as pipeline.speech_stage.SENTENCE_PAUSE_S


@dataclass
class Turn:
    """One stream: its segments (frames, start frame), its arrival, what was published when."""

    frames: list[int]
    starts: list[int]
    arrival: float
    process: int = 0
    published: list[float] = field(default_factory=list)


def turn_plans(texts: list[str], fps: int) -> list[tuple[list[int], list[int]]]:
    """Each text's segments as (frame counts, start frames), cut as the render stage cuts them."""
    engine, plans = EspeakEngine(), []
    for text in texts:
        frames, starts, at = [], [], 0
        for i, sentence in enumerate(s for s in re.split(r"(?<=[.?!])\s+", text) if s):
            clip = engine.synthesize(sentence, "ko")
            samples = clip.samples
            if i:  # the pause before a later sentence, as the speech stage lays it
                samples = np.concatenate([np.zeros(round(PAUSE_S * clip.sample_rate), samples.dtype), samples])
            for plan in plan_sentence(samples, clip.sample_rate, fps, opening=i == 0):
                frames.append(plan.frame_count)
                starts.append(at)
                at += plan.frame_count
        plans.append((frames, starts))
    return plans


def simulate(plans: list[tuple[list[int], list[int]]], fps: int, cost: float, processes: int, stagger: float,
             pinned: bool, preempt: bool) -> float:
    """The worst lateness (s) of any segment past its playback time."""
    frame_s = cost / fps
    turns = [Turn(f, s, n * stagger / len(plans)) for n, (f, s) in enumerate(plans)]
    open_turns, picked = [0] * processes, [0] * processes
    ready: list[list[tuple[float, int, int]]] = [[] for _ in range(processes)]  # per queue: (due, turn, frames left)
    arrivals = sorted((t.arrival, i) for i, t in enumerate(turns))
    running: list[tuple[float, int, int] | None] = [None] * processes
    clock, step, late = 0.0, 0, 0.0

    def due(t: Turn) -> float:
        k = len(t.published)
        return t.arrival if k == 0 else t.published[0] + t.starts[k] / fps

    def queue_of(i: int) -> int:
        return turns[i].process if pinned else 0

    while arrivals or any(running) or any(ready):
        while arrivals and arrivals[0][0] <= clock:
            _, i = arrivals.pop(0)
            p = min(range(processes), key=lambda q: (open_turns[q], picked[q]))
            step += 1
            turns[i].process, picked[p] = p, step
            open_turns[p] += 1
            heapq.heappush(ready[queue_of(i)], (due(turns[i]), i, turns[i].frames[0]))
        for p in range(processes):
            queue = ready[p if pinned else 0]
            current = running[p]
            urgent = clock + URGENT_S
            if current is not None and preempt and current[0] > urgent and queue and queue[0][0] <= urgent:
                heapq.heappush(queue, current)
                current = None
            if current is None and queue:
                current = heapq.heappop(queue)
                current = (current[0], current[1], current[2])
            if current is None:
                running[p] = None
                continue
            d, i, left = current
            left -= 1
            if left > 0:
                running[p] = (d, i, left)
                continue
            running[p] = None
            t = turns[i]
            finished = clock + frame_s + PER_SEGMENT_S
            k = len(t.published)
            play = finished if k == 0 else t.published[0] + t.starts[k] / fps
            late = max(late, finished - play)
            t.published.append(finished)
            if len(t.published) < len(t.frames):
                heapq.heappush(ready[queue_of(i)], (due(t), i, t.frames[len(t.published)]))
            else:
                open_turns[t.process] -= 1
        clock += frame_s
    return late


def main() -> int:
    """Largest stall-free N per policy, streams at once and staggered."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cost", type=float, default=0.063, help="CPU s per s of speech (bench.capacity --cost)")
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--fps", type=int, default=25)
    ap.add_argument("--streams", default="8,12,16,20,24,28,32,40")
    ap.add_argument("--stagger", type=float, default=17.0, help="s over which staggered streams start (a turn)")
    args = ap.parse_args()
    counts = [int(v) for v in args.streams.split(",")]
    plans = turn_plans([stream_text(n) for n in range(max(counts))], args.fps)
    print(f"cost {args.cost} CPU s per s of speech, {args.processes} processes; worst lateness s per N "
          f"(stall-free: <= {SLACK_S})")
    print(f"{'start':>9} {'policy':>22} " + " ".join(f"{n:>6}" for n in counts) + "  stall-free N")
    for stagger in (0.0, args.stagger):
        for pinned in (True, False):
            for preempt in (False, True):
                lates = [simulate(plans[:n], args.fps, args.cost, args.processes, stagger, pinned, preempt)
                         for n in counts]
                best = max((n for n, late in zip(counts, lates) if late <= SLACK_S), default=0)
                policy = f"{'pinned' if pinned else 'shared'} EDF{' + preempt' if preempt else ''}"
                start = "at once" if stagger == 0 else f"over {stagger:g} s"
                print(f"{start:>9} {policy:>22} " + " ".join(f"{late:6.2f}" for late in lates) + f"  {best}",
                      flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
