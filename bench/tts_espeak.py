"""Print eSpeak NG synthesis speed (x realtime) for a two-sentence Korean and English text.

Run: .venv/bin/python -m bench.tts_espeak [--repeat 20]
"""
from __future__ import annotations

import argparse
import statistics
import time

from tts.espeak import EspeakEngine

TEXTS = {
    "ko": "안녕하세요, 오늘 면접을 진행할 면접관입니다. 먼저 간단하게 자기소개를 부탁드립니다.",
    "en-us": "Hello, I will be your interviewer today. Could you briefly introduce yourself first?",
}


def main() -> None:
    """Time the first call (includes loading espeak) and the median of repeated calls."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20, help="timed calls per language")
    args = parser.parse_args()
    engine = EspeakEngine()
    start = time.perf_counter()
    engine.synthesize("준비", "ko")
    print(f"first call (loads espeak-ng): {1000 * (time.perf_counter() - start):.1f} ms")
    for voice, text in TEXTS.items():
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            clip = engine.synthesize(text, voice)
            times.append(time.perf_counter() - start)
        median = statistics.median(times)
        print(
            f"{voice:6s} audio {clip.duration:.2f} s  synth {1000 * median:.1f} ms (median of {args.repeat})"
            f"  {clip.duration / median:.0f}x realtime  phonemes {len(clip.phonemes)}  words {len(clip.words)}"
        )


if __name__ == "__main__":
    main()
