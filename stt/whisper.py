"""The embedded STT engine: faster-whisper (CTranslate2, int8 on CPU) on the packaged Whisper-base model.

The model loads once (first call or `load()`), behind a lock that also serialises transcriptions: on a
small CPU two at once only slow each other down. A transcription whose client leaves stops before the next
30-s window (faster-whisper decodes window by window while its segments are read). Nothing is downloaded:
the model folder is the packaged one joined locally (stt/packaged_model.py) or STT_MODEL_DIR, and
huggingface_hub is kept offline.
"""
from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Iterator
from importlib.util import find_spec
from pathlib import Path
from typing import Annotated, Any

import numpy as np

from pydantic import Field

from settings.engine import EngineSettings
from stt.base import SAMPLE_RATE, Cancelled, STTCancelled, STTEntry, STTError, Transcript, Word, check_cancelled
from stt.packaged_model import DEFAULT_CACHE, INSTALL_HINT, ModelMissing, assemble

log = logging.getLogger(__name__)

COMPUTE_TYPE = "int8"  # CTranslate2 quantisation on CPU: ~2x faster than float32, same words here
DEFAULT_WAIT_S = 60.0  # s, longest wait for another transcription to finish
# One loaded model per (folder, threads) for the whole process: several apps (tests, workers) share it
# instead of each holding ~450 MB. Filled once under the lock, never changed after.
_MODELS: dict[tuple[str, int], Any] = {}
_MODELS_LOCK = threading.Lock()


def missing_extras() -> list[str]:
    """The modules this engine needs that are not installed (found without importing them)."""
    return [name for name in ("faster_whisper",) if find_spec(name) is None]


class WhisperEngine:
    """Transcribes 16 kHz mono audio with word timings; one transcription at a time."""

    name = "whisper"
    languages = None  # any Whisper knows; detected when not given

    def __init__(self, model_dir: str | Path | None = None, cache_dir: Path = DEFAULT_CACHE, threads: int = 1,
                 beam_size: int = 1, wait_s: float = DEFAULT_WAIT_S) -> None:
        if threads < 1 or beam_size < 1 or wait_s <= 0:
            raise ValueError("threads and beam_size must be >= 1 and wait_s > 0")
        self._model_dir = Path(model_dir).expanduser() if model_dir else None
        self._cache_dir = cache_dir
        self.threads = threads
        self.beam_size = beam_size
        self.wait_s = wait_s
        self._model: Any = None  # faster_whisper.WhisperModel once loaded
        self._lock = threading.Lock()

    def load(self) -> None:
        """Load the model now; STTError (with the install command) when it cannot."""
        with self._lock:
            self._loaded()

    def transcribe(self, samples: np.ndarray, language: str | None = None, *, words: bool = True,
                   cancelled: Cancelled | None = None) -> Transcript:
        """Text, language and (unless `words` is False, as for partials) word timings of `samples`; given up between
        windows once `cancelled()`."""
        check_cancelled(cancelled)
        if not self._lock.acquire(timeout=self.wait_s):
            raise STTError(f"speech recognition stayed busy for {self.wait_s:g} s")
        try:
            model = self._loaded()
            try:
                segments, info = model.transcribe(
                    np.ascontiguousarray(samples, dtype=np.float32), language=language, beam_size=self.beam_size,
                    word_timestamps=words, condition_on_previous_text=False, vad_filter=False)
                segments = list(_until_cancelled(segments, cancelled))  # decoding happens while iterating
            except STTCancelled:
                raise
            except (RuntimeError, ValueError) as e:
                raise STTError(f"whisper failed: {e}") from e
        finally:
            self._lock.release()
        found = tuple(Word(w.word.strip(), float(w.start), float(w.end), float(w.probability))
                      for s in segments for w in (s.words or ()) if w.word.strip())
        text = " ".join(s.text.strip() for s in segments if s.text.strip())
        return Transcript(text, info.language, len(samples) / SAMPLE_RATE, found)

    def _loaded(self) -> Any:
        """The WhisperModel, loaded on first use (call with the lock held)."""
        if self._model is not None:
            return self._model
        missing = missing_extras()
        if missing:
            raise STTError(f"STT_ENGINE=whisper needs {', '.join(missing)}: {INSTALL_HINT}")
        try:
            folder = self._model_dir or assemble(self._cache_dir)
        except ModelMissing as e:
            raise STTError(str(e)) from e
        self._model = _shared_model(Path(folder), self.threads)
        return self._model


def _until_cancelled(segments: Iterator[Any], cancelled: Cancelled | None) -> Iterator[Any]:
    """The segments as they are decoded, stopping (STTCancelled) before the next window once the client left."""
    for segment in segments:
        yield segment
        check_cancelled(cancelled)


def _shared_model(folder: Path, threads: int) -> Any:
    """The process's WhisperModel for `folder`, loaded on first use."""
    key = (str(folder.resolve()), threads)
    with _MODELS_LOCK:
        if key not in _MODELS:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")  # a local folder needs no hub; never reach for one
            started = time.monotonic()
            try:
                from faster_whisper import WhisperModel

                _MODELS[key] = WhisperModel(str(folder), device="cpu", compute_type=COMPUTE_TYPE, cpu_threads=threads)
            except (RuntimeError, ValueError, OSError) as e:
                raise STTError(f"could not load the Whisper model from {folder}: {e}") from e
            log.info("whisper model %s loaded in %.2f s", folder, time.monotonic() - started)
        return _MODELS[key]


class WhisperSettings(EngineSettings):
    """Whisper, the embedded speech to text (STT_ENGINE=whisper)"""

    STT_CACHE_DIR: str = "~/.cache/interview-avatar/stt"
    """where the packaged model's two parts are joined"""
    STT_THREADS: Annotated[int, Field(ge=1)] = 1
    """CPU threads of the embedded engine"""
    STT_BEAM_SIZE: Annotated[int, Field(ge=1)] = 1
    """beam width (1 = greedy, about 2x faster)"""


def build(config: Any) -> WhisperEngine:
    """The engine from its settings (STT_MODEL_DIR: the embedded engines' shared key)."""
    return WhisperEngine(config.STT_MODEL_DIR or None, Path(config.STT_CACHE_DIR).expanduser(), config.STT_THREADS,
                         config.STT_BEAM_SIZE)


ENTRY = STTEntry(build, WhisperSettings)
