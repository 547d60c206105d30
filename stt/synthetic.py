"""Synthetic speech for tests and the bench: espeak-ng speech as 16 kHz samples, and uploads in browser formats."""
from __future__ import annotations

import io

import av
import numpy as np

from stt.audio import decode
from stt.base import SAMPLE_RATE
from tts.espeak import EspeakEngine
from tts.wav import wav_bytes

# container, codec and its sample rate for each upload format a browser or a phone sends
FORMATS = {"wav": ("wav", "pcm_s16le", SAMPLE_RATE), "webm": ("webm", "libopus", 48000),
           "mp3": ("mp3", "libmp3lame", 44100), "ogg": ("ogg", "libopus", 48000)}
DECODE_LIMIT_S = 600.0  # s, synthetic clips are far shorter


def spoken(text: str, voice: str | None = None, rate_wpm: int = 150, lead_s: float = 0.3) -> np.ndarray:
    """`text` spoken by espeak-ng (voice by script unless given) at SAMPLE_RATE, after `lead_s` of silence."""
    clip = EspeakEngine(rate_wpm=rate_wpm).synthesize(text, voice)
    samples = decode(wav_bytes(clip), DECODE_LIMIT_S)
    return np.concatenate([np.zeros(int(lead_s * SAMPLE_RATE), np.float32), samples])


def encoded(samples: np.ndarray, fmt: str) -> bytes:
    """Float samples at SAMPLE_RATE as a file of `fmt` (wav, webm/opus, mp3, ogg/opus)."""
    container_format, codec, rate = FORMATS[fmt]
    buffer = io.BytesIO()
    pcm = (np.clip(samples, -1, 1) * 32767).astype(np.int16).reshape(1, -1)
    with av.open(buffer, mode="w", format=container_format) as container:
        stream = container.add_stream(codec, rate=rate, layout="mono")
        frame = av.AudioFrame.from_ndarray(pcm, format="s16", layout="mono")
        frame.sample_rate = SAMPLE_RATE
        resampler = av.AudioResampler(format=stream.codec_context.format.name, layout="mono", rate=rate)
        for out in [*resampler.resample(frame), *resampler.resample(None)]:
            for packet in stream.encode(out):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return buffer.getvalue()


def pcm16(samples: np.ndarray) -> bytes:
    """Float samples as the little-endian 16-bit PCM the page streams."""
    return (np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes()
