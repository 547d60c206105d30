"""Read back encoded MP4s: stream facts, decoded audio and frames, the MSE codecs string."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import av
import numpy as np


@dataclass(frozen=True)
class MediaInfo:
    """What a player sees in an MP4 with one video and one audio stream."""

    video_streams: int
    audio_streams: int
    frame_count: int  # video packets (one frame each)
    fps: float
    width: int
    height: int
    video_duration_s: float  # end of the last frame minus start of the first
    audio_rate: int  # Hz
    audio_duration_s: float  # decoded samples / rate (after edit lists are applied)
    codecs: str  # for MediaSource.isTypeSupported / addSourceBuffer


@dataclass(frozen=True)
class DecodedAudio:
    """Mono float PCM as a player would output it, with its start on the file's timeline."""

    samples: np.ndarray  # float32 [n]
    sample_rate: int  # Hz
    start_s: float  # presentation time of samples[0]


def probe(path: Path) -> MediaInfo:
    """Stream facts of `path` (decodes the audio, counts the video packets)."""
    with av.open(str(path)) as container:
        video = container.streams.video[0]
        packets = [p for p in container.demux(video) if p.size]
        starts = [p.pts * p.time_base for p in packets]
        end = max(p.pts + p.duration for p in packets) * video.time_base
        info = dict(
            video_streams=len(container.streams.video),
            audio_streams=len(container.streams.audio),
            frame_count=len(packets),
            fps=float(video.guessed_rate),
            width=video.codec_context.width,
            height=video.codec_context.height,
            video_duration_s=float(end - min(starts)),
            codecs=mse_codecs(path),
        )
    audio = decode_audio(path)
    return MediaInfo(
        audio_rate=audio.sample_rate,
        audio_duration_s=len(audio.samples) / audio.sample_rate,
        **info,
    )


def decode_audio(path: Path) -> DecodedAudio:
    """The first audio stream decoded to mono float32."""
    with av.open(str(path)) as container:
        frames = list(container.decode(container.streams.audio[0]))
    samples = np.concatenate([f.to_ndarray().mean(axis=0, dtype=np.float32) for f in frames])
    return DecodedAudio(samples, frames[0].sample_rate, float(frames[0].time))


def decode_video(path: Path) -> Iterator[tuple[float, np.ndarray]]:
    """(presentation time in seconds, BGR frame) for each frame of the first video stream."""
    with av.open(str(path)) as container:
        for frame in container.decode(container.streams.video[0]):
            yield float(frame.time), frame.to_ndarray(format="bgr24")


def video_packet_sizes(path: Path) -> list[int]:
    """Sizes in bytes of the video packets, in decode order."""
    with av.open(str(path)) as container:
        return [p.size for p in container.demux(container.streams.video[0]) if p.size]


def mse_codecs(path: Path) -> str:
    """The RFC 6381 codecs of an H.264 + AAC-LC file, e.g. 'avc1.42c01f,mp4a.40.2'."""
    with av.open(str(path)) as container:
        avcc = container.streams.video[0].codec_context.extradata
    if not avcc or avcc[0] != 1:
        raise ValueError(f"{Path(path).name}: no avcC record in the video stream")
    return f"avc1.{avcc[1]:02x}{avcc[2]:02x}{avcc[3]:02x},mp4a.40.2"
