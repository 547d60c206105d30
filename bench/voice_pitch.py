"""Median pitch (F0) of each character preset's voice, before and after casting by gender and age.

    python -m bench.voice_pitch

Speaks each preset's sample dialogue with its catalogue voice through the espeak engine and estimates
F0 per 40 ms frame by autocorrelation (60-400 Hz, voiced frames only); prints the median in Hz. "before"
is the voice id the preset had before voices were cast (`ko` for both men, `ko-female` for 서지민) at
espeak's own pitch and pace.
"""
from __future__ import annotations

import numpy as np

from characters.presets import load_presets
from tts.espeak import DEFAULT_PITCH, DEFAULT_RATE_WPM, EspeakEngine
from tts.espeak_lib import get_library
from tts.voices import load_catalogue

FRAME_S = 0.04
F0_RANGE = (60.0, 400.0)  # Hz
VOICED = 0.5  # normalised autocorrelation peak a voiced frame reaches
BEFORE = {"exec_yoon": "ko", "lead_kang": "ko", "hr_seo": "ko+f3"}  # espeak specs the presets spoke with before


def median_f0(samples: np.ndarray, rate: int) -> float:
    """Median F0 (Hz) over the voiced frames of int16 PCM."""
    x = samples.astype(np.float64) / 32768.0
    n = int(FRAME_S * rate)
    lo, hi = int(rate / F0_RANGE[1]), int(rate / F0_RANGE[0])
    f0 = []
    for start in range(0, len(x) - n, n // 2):
        frame = x[start : start + n] - x[start : start + n].mean()
        energy = float(frame @ frame)
        if energy < 1e-4:
            continue
        ac = np.correlate(frame, frame, "full")[n - 1 :] / energy
        lag = lo + int(np.argmax(ac[lo:hi]))
        if ac[lag] > VOICED:
            f0.append(rate / lag)
    return float(np.median(f0)) if f0 else float("nan")


def main() -> int:
    """CLI: print one line per preset."""
    catalogue, engine = load_catalogue(), EspeakEngine()
    print("preset      gender  age       voice now         median F0 before -> now")
    for preset in load_presets():
        voice = catalogue.get(preset.voice_id)
        clip = engine.synthesize(preset.sample_dialogue, voice.engine_voice)
        raw = get_library().synth(preset.sample_dialogue, BEFORE.get(preset.id, "ko"), DEFAULT_RATE_WPM, DEFAULT_PITCH)
        before, now = median_f0(raw.samples, raw.sample_rate), median_f0(clip.samples, clip.sample_rate)
        print(f"{preset.id:11} {preset.gender:6} {preset.age:9} {voice.voice_id:17} {before:6.0f} Hz -> {now:4.0f} Hz "
              f"({voice.gender}, {voice.age_band})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
