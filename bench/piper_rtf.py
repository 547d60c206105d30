"""Real-time factor of the offline neural English voice (piper, en_US-joe-medium) against espeak-ng.

    python -m bench.piper_rtf [--repeats 3]

Loads the voice once (load time printed apart), then speaks interviewer sentences and prints
synthesis seconds / audio seconds per engine (best of `--repeats`). On a shared machine, read it
as an upper bound.
"""
from __future__ import annotations

import argparse
import time

from tts.espeak import EspeakEngine
from tts.piper_engine import PiperEngine

SENTENCES = (
    "Thank you for coming in today. Let's start with a short introduction.",
    "Tell me about a problem you solved at your last job, and what you would do differently now.",
    "How do you decide what to work on first when everything seems urgent?",
)


def rtf(engine, voice: str | None, repeats: int) -> tuple[float, float]:
    """(best RTF, audio seconds) over the sentences."""
    best, audio = float("inf"), 0.0
    for _ in range(repeats):
        started, audio = time.perf_counter(), 0.0
        for text in SENTENCES:
            audio += engine.synthesize(text, voice).duration
        best = min(best, (time.perf_counter() - started) / audio)
    return best, audio


def main(argv: list[str] | None = None) -> int:
    """CLI: print load time and RTFs."""
    parser = argparse.ArgumentParser(prog="python -m bench.piper_rtf", description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    piper = PiperEngine()
    started = time.perf_counter()
    piper.synthesize("Hello.")
    print(f"piper load + first word: {time.perf_counter() - started:.2f} s")
    for name, engine, voice in (("piper en-us-joe", piper, "en-us-joe"), ("espeak en-us", EspeakEngine(), "en-us")):
        value, audio = rtf(engine, voice, args.repeats)
        print(f"{name:16} RTF {value:.3f} ({audio:.1f} s of speech)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
