"""Intelligibility of Korean espeak-ng speech: character error rate of the project's own STT (faster-whisper base).

    python -m bench.korean_cer [--part heldout|tuning|both] [--voices ko,ko-female]

Speaks each sentence of bench/data/korean_interviewer.json twice: as the engine spoke before
(`EspeakEngine` defaults with the plain espeak voice, no prosody text shaping) and as the catalogue
voice speaks now (its pitch, rate, pitch range and clause pauses), transcribes both with the
whisper engine in Korean and prints the CER (Levenshtein distance over Hangul and digits, spaces
and punctuation ignored) per part and setting. The held-out part was written before tuning.
"""
from __future__ import annotations

import argparse
import json
import logging
import re
from pathlib import Path

import numpy as np
from scipy.signal import resample_poly

from bench.stt import edit_distance
from stt.base import SAMPLE_RATE
from stt.whisper import WhisperEngine
from tts.espeak import DEFAULT_PITCH, DEFAULT_RATE_WPM, EspeakEngine
from tts.espeak_lib import get_library
from tts.text import normalize_for_speech

SENTENCES = Path(__file__).with_name("data") / "korean_interviewer.json"
BEFORE = {"ko": "ko", "ko-female": "ko+f3", "ko-male-senior": "ko", "ko-female-young": "ko+f3"}  # the old specs
_KEEP = re.compile(r"[\uac00-\ud7a30-9]")


def letters(text: str) -> str:
    """The Hangul syllables and digits of `text` (what the CER counts)."""
    return "".join(_KEEP.findall(text))


def to_16k(samples: np.ndarray, rate: int) -> np.ndarray:
    """int16 PCM at `rate` -> float32 at the STT's rate."""
    audio = samples.astype(np.float32) / 32768.0
    return resample_poly(audio, SAMPLE_RATE, rate).astype(np.float32) if rate != SAMPLE_RATE else audio


def cer(engine: EspeakEngine, stt: WhisperEngine, sentences: list[str], voice: str, shaped: bool) -> tuple[float, list[str]]:
    """(CER over all sentences, transcripts) for one voice setting."""
    errors = total = 0
    heard = []
    for text in sentences:
        if shaped:
            clip = engine.synthesize(text, voice)
            samples, rate = clip.samples, clip.sample_rate
        else:  # the engine before this change: espeak's own rate and pitch, no pauses added
            raw = get_library().synth(normalize_for_speech(text, "ko"), BEFORE[voice], DEFAULT_RATE_WPM, DEFAULT_PITCH)
            samples, rate = raw.samples, raw.sample_rate
        said = stt.transcribe(to_16k(samples, rate), "ko", words=False).text
        heard.append(said)
        errors += edit_distance(letters(text), letters(said))
        total += len(letters(text))
    return errors / max(total, 1), heard


def main(argv: list[str] | None = None) -> int:
    """CLI: print the CER table."""
    parser = argparse.ArgumentParser(prog="python -m bench.korean_cer", description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=["heldout", "tuning", "both"], default="both")
    parser.add_argument("--voices", default="ko,ko-female,ko-male-senior")
    parser.add_argument("--show", action="store_true", help="print what the STT heard")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    data = json.loads(SENTENCES.read_text(encoding="utf-8"))
    parts = ["tuning", "heldout"] if args.part == "both" else [args.part]
    engine, stt = EspeakEngine(), WhisperEngine()
    stt.load()
    print("part     voice            before   after")
    for part in parts:
        for voice in args.voices.split(","):
            before, heard_before = cer(engine, stt, data[part], voice, shaped=False)
            after, heard_after = cer(engine, stt, data[part], voice, shaped=True)
            print(f"{part:8} {voice:16} {before:7.3f} {after:7.3f}")
            if args.show:
                for text, b, a in zip(data[part], heard_before, heard_after):
                    print(f"   {text}\n     before: {b}\n     after:  {a}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
