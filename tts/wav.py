"""16-bit mono WAV files for AudioClips (stdlib `wave`), written atomically."""
from __future__ import annotations

import io
import os
import tempfile
import wave
from pathlib import Path
from typing import BinaryIO

import numpy as np

from tts.base import AudioClip

SAMPLE_WIDTH = 2  # bytes per sample (int16)
CHANNELS = 1


def _write(target: BinaryIO, clip: AudioClip) -> None:
    samples = np.asarray(clip.samples)
    if samples.ndim != 1 or samples.dtype != np.int16:
        raise ValueError(f"clip samples must be 1-D int16, got {samples.dtype} {samples.shape}")
    with wave.open(target, "wb") as w:
        w.setnchannels(CHANNELS)
        w.setsampwidth(SAMPLE_WIDTH)
        w.setframerate(clip.sample_rate)
        w.writeframes(samples.astype("<i2", copy=False).tobytes())


def wav_bytes(clip: AudioClip) -> bytes:
    """The clip as a complete WAV file in memory."""
    buffer = io.BytesIO()
    _write(buffer, clip)
    return buffer.getvalue()


def write_wav(path: Path, clip: AudioClip) -> None:
    """Write `clip` to `path` via a temp file in the same folder and a rename, so readers never see half a file."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            _write(f, clip)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_wav(path: Path) -> AudioClip:
    """Read a 16-bit mono WAV file (no timings); ValueError for other formats."""
    try:
        with wave.open(str(path), "rb") as w:
            if w.getnchannels() != CHANNELS or w.getsampwidth() != SAMPLE_WIDTH:
                raise ValueError(
                    f"{path}: need 16-bit mono, got {w.getnchannels()} channel(s) of {8 * w.getsampwidth()} bit"
                )
            rate = w.getframerate()
            data = w.readframes(w.getnframes())
    except wave.Error as e:
        raise ValueError(f"{path}: not a PCM WAV file: {e}") from e
    return AudioClip(samples=np.frombuffer(data, dtype="<i2").astype(np.int16), sample_rate=rate)
