"""Decoding uploaded audio (webm/opus, ogg, wav, mp3, …) to 16 kHz mono float32 with PyAV; hostile input is refused."""
from __future__ import annotations

import io

import av
import numpy as np

from stt.base import SAMPLE_RATE

SILENCE_RMS = 0.003  # below this RMS (about -50 dBFS) over the whole clip there is nothing to transcribe
PEAK_WINDOW_S = 0.05  # s, window for the loudest-moment check
SPEECH_PEAK_RMS = 0.01  # some 50 ms window must reach this for the clip to hold speech
MIN_SECONDS = 0.2  # s, shorter clips hold no word


class AudioRejected(ValueError):
    """The upload is not usable audio; the message says why (shown to the client)."""


class AudioTooLong(AudioRejected):
    """The audio is longer than the configured limit."""


def decode(data: bytes, max_seconds: float) -> np.ndarray:
    """Any container PyAV reads → float32 mono at SAMPLE_RATE; AudioRejected for garbage, AudioTooLong past the limit."""
    if not data:
        raise AudioRejected("the file is empty")
    limit = int(max_seconds * SAMPLE_RATE)
    resampler = av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE)
    parts: list[np.ndarray] = []
    total = 0
    try:
        with av.open(io.BytesIO(data), mode="r") as container:
            if not container.streams.audio:
                raise AudioRejected("the file has no audio stream")
            for frame in container.decode(container.streams.audio[0]):
                for out in resampler.resample(frame):
                    chunk = out.to_ndarray().reshape(-1)
                    parts.append(chunk)
                    total += len(chunk)
                if total > limit:
                    raise AudioTooLong(f"the audio is longer than the {max_seconds:g} s limit")
            for out in resampler.resample(None):
                parts.append(out.to_ndarray().reshape(-1))
    except (av.error.FFmpegError, ValueError, OSError, EOFError) as e:
        if isinstance(e, AudioRejected):
            raise
        raise AudioRejected("not a readable audio file (send webm/opus, ogg, wav or mp3)") from e
    samples = np.concatenate(parts).astype(np.float32, copy=False) if parts else np.zeros(0, np.float32)
    if len(samples) > limit:
        raise AudioTooLong(f"the audio is longer than the {max_seconds:g} s limit")
    return samples


def from_pcm16(data: bytes) -> np.ndarray:
    """Little-endian int16 PCM (the page's streamed chunks, already at SAMPLE_RATE) → float32."""
    if len(data) % 2:
        raise AudioRejected("PCM chunks must hold whole 16-bit samples")
    return np.frombuffer(data, dtype="<i2").astype(np.float32) / 32768.0


def check_speech(samples: np.ndarray) -> None:
    """AudioRejected when the clip is too short or silent, so engines are never asked to hallucinate on nothing."""
    if len(samples) < MIN_SECONDS * SAMPLE_RATE:
        raise AudioRejected(f"the audio is shorter than {MIN_SECONDS:g} s")
    if not np.isfinite(samples).all():
        raise AudioRejected("the audio holds invalid samples")
    window = int(PEAK_WINDOW_S * SAMPLE_RATE)
    usable = len(samples) // window * window
    windows = samples[:usable].reshape(-1, window)
    peak_rms = float(np.sqrt((windows ** 2).mean(axis=1)).max())
    if float(np.sqrt((samples ** 2).mean())) < SILENCE_RMS or peak_rms < SPEECH_PEAK_RMS:
        raise AudioRejected("no speech found in the audio (it is silent)")
