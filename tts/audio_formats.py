"""Speech in the sibling seed's `media_type`s: WAV as is, Ogg (Opus) and AAC (ADTS) encoded in-process by PyAV."""
from __future__ import annotations

import io
from pathlib import Path

import av
import numpy as np

from tts.base import AudioClip
from tts.cache import atomic_write
from tts.wav import wav_bytes, write_wav

MEDIA_TYPES: dict[str, str] = {"wav": "audio/wav", "ogg": "audio/ogg", "aac": "audio/aac"}  # media_type -> MIME
# (container, codec, sample rate it wants, bit rate): Opus only takes 48 kHz; 64 kb/s is ample for speech
_ENCODERS = {"ogg": ("ogg", "libopus", 48000, 64_000), "aac": ("adts", "aac", 0, 96_000)}


def encode(clip: AudioClip, media_type: str) -> bytes:
    """The clip as a whole file of `media_type` (one of MEDIA_TYPES); ValueError for another type."""
    if media_type == "wav":
        return wav_bytes(clip)
    if media_type not in _ENCODERS:
        raise ValueError(f"media_type must be one of {', '.join(MEDIA_TYPES)}; got {media_type!r}")
    container_format, codec, wanted_rate, bit_rate = _ENCODERS[media_type]
    rate = wanted_rate or clip.sample_rate
    out = io.BytesIO()
    with av.open(out, "w", format=container_format) as container:
        stream = container.add_stream(codec, rate=rate, layout="mono")
        stream.bit_rate = bit_rate
        resampler = av.AudioResampler(format=stream.codec_context.format.name, layout="mono", rate=rate)
        frame = av.AudioFrame.from_ndarray(np.asarray(clip.samples, np.int16).reshape(1, -1), format="s16", layout="mono")
        frame.sample_rate = clip.sample_rate
        for resampled in [*resampler.resample(frame), *resampler.resample(None)]:
            container.mux(stream.encode(resampled))
        container.mux(stream.encode(None))
    return out.getvalue()


def write_audio(path: Path, clip: AudioClip, media_type: str) -> None:
    """Write the clip as `media_type` via a temp file and a rename, so readers never see half a file."""
    if media_type == "wav":
        write_wav(path, clip)
        return
    atomic_write(path, encode(clip, media_type))
