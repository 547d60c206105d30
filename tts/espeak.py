"""The embedded TTS engine: eSpeak NG (Korean + English) from the espeakng-loader wheel, with timings."""
from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass
from typing import Any

from tts.base import AudioClip, NothingToSpeak, TTSEngine, TTSEntry, TTSError
from tts.espeak_lib import DEFAULT_RANGE, SynthesisCancelled, get_library
from tts.korean_prosody import clause_pauses
from tts.espeak_timing import phoneme_timings, word_timings
from tts.text import normalize_for_speech

log = logging.getLogger(__name__)

DEFAULT_VOICE = "Custom"  # the seed's default voice name: Korean for Hangul text, else English
DEFAULT_RATE_WPM = 175  # words per minute (espeak's own default)
DEFAULT_PITCH = 50  # espeak pitch, 0..100
RATE_RANGE_WPM = (80, 450)
PITCH_RANGE = (0, 100)


@dataclass(frozen=True)
class EspeakVoice:
    """An espeak voice spec with the character's pitch and pace, relative to the engine's settings."""

    spec: str  # espeak name + variant ("+f3" is a variant shipped in the wheel's data)
    pitch_shift: int = 0  # added to the engine's pitch (0..100 scale)
    rate_scale: float = 1.0  # multiplies the engine's words per minute
    pitch_range: int = DEFAULT_RANGE  # 0 monotone .. 100 lively intonation


# Our voice names. Korean voices speak ~25 % slower than espeak's default (tuned on the tuning part of
# bench/data/korean_interviewer.json: 0.88 -> 0.82 CER, 0.75 -> 0.71, 0.65 -> 0.81), with clause pauses; the
# held-out part did not confirm the gain (README, Voices), so the pace is a listening choice, not a measured one.
VOICES: dict[str, EspeakVoice] = {
    "ko": EspeakVoice("ko", pitch_shift=6, rate_scale=0.75, pitch_range=60),
    "ko-female": EspeakVoice("ko+f3", pitch_shift=4, rate_scale=0.75, pitch_range=65),
    "en-us": EspeakVoice("en-us", pitch_shift=-6),
    "en-us-female": EspeakVoice("en-us+f3", pitch_shift=4),
    "ko-male-senior": EspeakVoice("ko+m3", pitch_shift=-22, rate_scale=0.72, pitch_range=50),
    "ko-female-young": EspeakVoice("ko+f4", pitch_shift=10, rate_scale=0.8, pitch_range=70),
    "en-us-male-senior": EspeakVoice("en-us+m3", pitch_shift=-14, rate_scale=0.92),
}
_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")

__all__ = ["EspeakEngine", "EspeakVoice", "SynthesisCancelled", "VOICES", "DEFAULT_VOICE"]


def _check_range(name: str, value: int, bounds: tuple[int, int]) -> int:
    lo, hi = bounds
    if not lo <= value <= hi:
        raise ValueError(f"{name} must be in {lo}..{hi}, got {value}")
    return value


class EspeakEngine(TTSEngine):
    """eSpeak NG through ctypes: int16 mono clips at 22050 Hz with IPA phoneme and word timings.

    One process-wide lock serialises espeak (it is not thread-safe); synthesis runs far faster
    than realtime, so callers wait little. Text is normalised for speech first (no markdown or
    emoji; Korean digits and acronyms in Hangul), and word timings name the normalised words.
    Silence is kept as espeak makes it: about 0-50 ms before the first phoneme and a few ms
    after the last (no espeakENDPAUSE), so sentence clips can be joined without long gaps.
    Cancel is checked every 100 ms of generated audio and raises SynthesisCancelled (a TTSError).
    """

    name = "espeak"
    display_name = "eSpeak NG"

    def __init__(
        self, rate_wpm: int = DEFAULT_RATE_WPM, pitch: int = DEFAULT_PITCH, normalize: bool = True
    ) -> None:
        self.rate_wpm = _check_range("rate_wpm", rate_wpm, RATE_RANGE_WPM)
        self.pitch = _check_range("pitch", pitch, PITCH_RANGE)
        self.normalize = normalize

    def voices(self) -> list[str]:
        """Voice names this engine accepts: "Custom" (auto by script) and the named voices."""
        return [DEFAULT_VOICE, *VOICES]

    def resolve_voice(self, text: str, voice: str | None) -> str:
        """Our voice name for `voice` ("Custom"/None → "ko" for Hangul text, else "en-us")."""
        if voice is None or voice == DEFAULT_VOICE:
            return "ko" if _HANGUL.search(text) else "en-us"
        if voice not in VOICES:
            raise TTSError(f"unknown espeak voice {voice!r}; valid voices: {', '.join(self.voices())}")
        return voice

    def synthesize(
        self, text: str, voice: str | None = None, *, cancel: threading.Event | None = None
    ) -> AudioClip:
        """Speak `text`; raise TTSError when it is empty/unspeakable, SynthesisCancelled on cancel."""
        if not text or not text.strip():
            raise NothingToSpeak("text is empty")
        name = self.resolve_voice(text, voice)
        if self.normalize:
            text = normalize_for_speech(text, "ko" if name.startswith("ko") else "en")
            if not re.search(r"\w", text):
                raise NothingToSpeak("text has nothing to speak after removing symbols")
        if cancel is not None and cancel.is_set():
            raise SynthesisCancelled("speech synthesis cancelled")
        v = VOICES[name]
        if name.startswith("ko"):
            text = clause_pauses(text)
        pitch = min(max(self.pitch + v.pitch_shift, PITCH_RANGE[0]), PITCH_RANGE[1])
        rate = min(max(round(self.rate_wpm * v.rate_scale), RATE_RANGE_WPM[0]), RATE_RANGE_WPM[1])
        raw = get_library().synth(text, v.spec, rate, pitch, cancel, pitch_range=v.pitch_range)
        if raw.samples.size == 0:
            raise TTSError(f"espeak produced no audio for {text[:40]!r}")
        duration = raw.samples.size / raw.sample_rate
        return AudioClip(
            samples=raw.samples,
            sample_rate=raw.sample_rate,
            phonemes=phoneme_timings(raw.events, duration),
            words=word_timings(text, raw.events, duration),
        )


def build(config: Any, catalogue: Any) -> EspeakEngine:
    """The embedded engine needs no settings."""
    return EspeakEngine()


ENTRY = TTSEntry(build)
