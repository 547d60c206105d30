"""How fast a turn's start must render: the opening sentence's segments and the speed they demand.

    .venv/bin/python -m bench.segment_burst [--streams 12]

A viewer plays from the first segment, so segment k (starting at start_k s, ending at end_k s) is due when playback
reaches it: first-segment time + start_k + SLACK_S. A turn that renders at R times real time from its start has
the first segment after len_1 / R and segment k after end_k / R, so it needs R >= (end_k - len_1) / (start_k +
SLACK_S) for every k: the speed the start of a turn demands while every other new turn demands the same. Printed
for the opening sentence of bench.capacity's texts (espeak) under SEGMENT_POLICY, and for the same sentence without
its commas (no pause to cut at: the longest second segment the policy allows). Stall-free N on C cores is then at
most about C / (that speed x CPU seconds per second of speech).
"""
from __future__ import annotations

import argparse

from bench.capacity import SLACK_S, stream_text
from lipsync.segments import SegmentPlan, plan_sentence
from tts.espeak import EspeakEngine
from tts.text import split_sentences

FPS = 25  # the bundled avatars' frame rate


def needed_speed(plans: list[SegmentPlan], fps: int) -> float:
    """Times real time a turn must render at so that no segment of `plans` is late (see the module docstring)."""
    first = plans[0].frame_count / fps
    return max((p.end_frame / fps - first) / (p.first_frame / fps + SLACK_S) for p in plans[1:]) if len(plans) > 1 \
        else 0.0


def main() -> int:
    """One row per text and variant: the segment lengths and the speed needed."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--streams", type=int, default=12)
    args = ap.parse_args()
    tts = EspeakEngine()
    worst = {"as written": 0.0, "no commas": 0.0}
    print(f"{'text':>4} {'sentence':>10} {'x real time':>11}  segments (s)")
    for n in range(args.streams):
        opening = split_sentences(stream_text(n))[0]
        for name, text in zip(worst, (opening, opening.replace(",", ""))):
            clip = tts.synthesize(text, "ko")
            plans = plan_sentence(clip.samples, clip.sample_rate, FPS, opening=True)
            speed = needed_speed(plans, FPS)
            worst[name] = max(worst[name], speed)
            print(f"{n:4d} {name:>10} {speed:11.2f}  {' '.join(f'{p.frame_count / FPS:.2f}' for p in plans)}")
    print("worst: " + ", ".join(f"{name} {speed:.2f}x" for name, speed in worst.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
