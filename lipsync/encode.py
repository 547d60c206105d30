"""One-pass H.264 + AAC encoding with PyAV: fMP4 segments while rendering, one MP4 per turn.

A/V sync and AAC priming: FFmpeg's AAC encoder puts 1024 samples of priming (encoder delay)
before the first real sample, so its first packet has pts -1024/48000 s (21.3 ms).
- Segments are fragmented MP4 (empty moov, no edit list, which MSE players would not honour
  anyway). The muxer shifts both tracks by the priming (avoid_negative_ts): the priming plays
  from t=0, real audio sample 0 and video frame 0 start at 21.3 ms (the muxer stretches frame
  0 back to t=0 so the picture has no hole). Within a segment every player sees them aligned;
  played back to back, each segment starts with 21 ms of near-silence, placed at a pause
  because `segments.plan_segments` cuts there.
- The joined MP4 keeps the negative audio timestamp and the muxer writes an edit list
  (elst media_time = 1024) telling players (browsers, FFmpeg) to skip the priming: real audio
  sample 0 and video frame 0 both play at t=0. Audio is encoded once from the whole turn's PCM,
  so no priming or padding lands at segment joins.
`tests/test_encode.py` checks both by decoding a click that coincides with a white frame.
"""
from __future__ import annotations

import logging
import os
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from fractions import Fraction
from itertools import chain
from pathlib import Path

import av
import cv2
import numpy as np

log = logging.getLogger(__name__)

AUDIO_RATE = 48_000  # Hz: AAC output rate; browsers' native rate
AAC_FRAME_SAMPLES = 1024  # samples per AAC-LC frame
AAC_CODER = "fast"  # FFmpeg's AAC quantizer search: 4-6x faster than the default twoloop
PCM_FULL_SCALE = 32768.0  # int16 full scale
KEYFRAME_INTERVAL_S = 10  # s: longer than any segment, so a segment's only keyframe is frame 0
SEGMENT_MOVFLAGS = "frag_keyframe+empty_moov+default_base_moof"  # fMP4, MSE-appendable
JOINED_MOVFLAGS = "faststart"  # moov before mdat: playback starts before the download ends
# cv2's BGR->I420 is BT.601 limited range; tag the stream so players convert back the same way.
COLORSPACE_SMPTE170M = 6  # AVCOL_SPC_SMPTE170M (BT.601 matrix)
COLOR_RANGE_MPEG = 1  # AVCOL_RANGE_MPEG (16-235)
COLOR_BT709 = 1  # AVCOL_PRI_BT709 / AVCOL_TRC_BT709: sRGB primaries, the usual transfer tag


class EncodeCancelled(Exception):
    """The cancel event was set; the partial file was removed."""


class EncodeError(RuntimeError):
    """FFmpeg failed, or the segments cannot be joined without re-encoding."""


@dataclass(frozen=True)
class EncoderSettings:
    """x264 / AAC knobs; the defaults encode 720p at over 125 fps on one core."""

    preset: str = "ultrafast"  # x264 preset; "veryfast" is ~30 % slower and ~15 % smaller
    crf: int = 23  # x264 constant rate factor (lower = better, bigger); NVENC's constant QP
    threads: int = 1  # x264 threads; 2 is ~1.6x faster when the other core is free
    audio_bitrate: int = 96_000  # bit/s
    codec: str = "libx264"  # or "h264_nvenc" (lipsync.video_codec decides, from VIDEO_ENCODER)


@dataclass(frozen=True)
class SegmentInfo:
    """A finished segment file."""

    path: Path
    frame_count: int
    duration_s: float  # frame_count / fps


DEFAULT_SETTINGS = EncoderSettings()


def encode_segment(
    frames: Iterable[np.ndarray],
    samples: np.ndarray,
    sample_rate: int,
    fps: int,
    path: Path,
    cancel: threading.Event | None = None,
    settings: EncoderSettings = DEFAULT_SETTINGS,
) -> SegmentInfo:
    """Encode BGR frames and their int16 mono PCM into a fragmented MP4 at `path`, atomically."""
    frame_iter = iter(frames)
    first = next(frame_iter, None)
    if first is None:
        raise ValueError("a segment needs at least one frame")
    shape = check_frame(first, None)
    count = 0
    with atomic_output(Path(path)) as tmp, ffmpeg_errors(path):
        with av.open(str(tmp), "w", format="mp4", options={"movflags": SEGMENT_MOVFLAGS}) as out:
            video = add_video_stream(out, shape, fps, settings)
            audio = add_audio_stream(out, settings)
            mux = Interleaver(out, _encode_audio(audio, samples, sample_rate))
            for frame in chain([first], frame_iter):
                raise_if_cancelled(cancel)
                check_frame(frame, shape)
                mux.video(video.encode(to_picture(frame, count)))
                count += 1
            raise_if_cancelled(cancel)
            mux.video(video.encode(None))
            mux.finish()
    if abs(count * sample_rate - len(samples) * fps) >= sample_rate:
        audio_frames = len(samples) * fps / sample_rate
        log.warning("%s: %d frames but %.2f frames of audio", path, count, audio_frames)
    return SegmentInfo(Path(path), count, count / fps)


def join_segments(
    segment_paths: list[Path],
    samples: np.ndarray,
    sample_rate: int,
    out: Path,
    settings: EncoderSettings = DEFAULT_SETTINGS,
) -> None:
    """Write the turn as one faststart MP4: the segments' video remuxed, the PCM encoded once."""

    def encoded(dst: av.container.OutputContainer) -> list[av.Packet]:
        return _encode_audio(add_audio_stream(dst, settings), samples, sample_rate)

    join_video(segment_paths, out, encoded)


def join_video(segment_paths: list[Path], out: Path,
               audio: Callable[[av.container.OutputContainer], list[av.Packet]]) -> None:
    """The segments' video remuxed into one faststart MP4 at `out`, with the AAC packets `audio` adds to it (each
    already on its stream there, first pts -AAC priming: the muxer writes the edit list that skips it)."""
    if not segment_paths:
        raise ValueError("nothing to join: no segments")
    with atomic_output(Path(out)) as tmp, ffmpeg_errors(out):
        with av.open(str(tmp), "w", format="mp4", options={"movflags": JOINED_MOVFLAGS}) as dst:
            with av.open(str(segment_paths[0])) as src:
                template = src.streams.video[0]
                fps = template.guessed_rate
                extradata = template.codec_context.extradata
                video = dst.add_stream_from_template(template)
            video.time_base = Fraction(1, fps)
            mux = Interleaver(dst, audio(dst))
            frame_index = 0
            for segment in segment_paths:
                for packet in segment_video_packets(Path(segment), fps, extradata):
                    # No B-frames (tune zerolatency): decode order is display order.
                    packet.pts = packet.dts = frame_index
                    packet.duration = 1
                    packet.time_base = Fraction(1, fps)
                    packet.stream = video
                    mux.video([packet])
                    frame_index += 1
            mux.finish()
    log.info("joined %d segments, %d frames -> %s", len(segment_paths), frame_index, out)


def segment_video_packets(
    path: Path, fps: Fraction, extradata: bytes | None
) -> Iterator[av.Packet]:
    """A segment's video packets, after checking it can be appended without re-encoding."""
    with av.open(str(path)) as src:
        stream = src.streams.video[0]
        if stream.guessed_rate != fps or stream.codec_context.extradata != extradata:
            raise EncodeError(f"{path.name} was encoded with other settings than the first")
        for packet in src.demux(stream):
            if packet.size:
                if packet.pts != packet.dts:
                    raise EncodeError(f"{path.name} has reordered frames (B-frames)")
                yield packet


class Interleaver:
    """Muxes pre-encoded audio packets just ahead of the video packets of the same time."""

    def __init__(self, container: av.container.OutputContainer, audio: list[av.Packet]) -> None:
        self._container = container
        self._audio = audio
        self._next = 0

    def video(self, packets: Iterable[av.Packet]) -> None:
        """Mux video packets, each after the audio that starts before it."""
        for packet in packets:
            self._audio_until(packet.pts * packet.time_base)
            self._container.mux_one(packet)

    def finish(self) -> None:
        """Mux the audio left after the last video packet."""
        self._audio_until(None)

    def _audio_until(self, time_s: Fraction | None) -> None:
        while self._next < len(self._audio):
            packet = self._audio[self._next]
            if time_s is not None and packet.pts * packet.time_base > time_s:
                return
            self._container.mux_one(packet)
            self._next += 1


def add_video_stream(
    out: av.container.OutputContainer, shape: tuple[int, int], fps: int, settings: EncoderSettings
) -> av.VideoStream:
    """An H.264 stream: yuv420p, one keyframe at the start, tagged BT.601 limited range."""
    stream = out.add_stream(settings.codec, rate=fps, options=_codec_options(settings))
    stream.height, stream.width = shape
    stream.pix_fmt = "yuv420p"
    stream.time_base = Fraction(1, fps)
    ctx = stream.codec_context
    ctx.gop_size = KEYFRAME_INTERVAL_S * fps
    ctx.max_b_frames = 0
    ctx.thread_count = settings.threads
    ctx.colorspace = COLORSPACE_SMPTE170M
    ctx.color_range = COLOR_RANGE_MPEG
    ctx.color_primaries = COLOR_BT709
    ctx.color_trc = COLOR_BT709
    return stream


def _codec_options(settings: EncoderSettings) -> dict[str, str]:
    """Low-latency, no-reordering options of the chosen H.264 encoder."""
    if settings.codec == "h264_nvenc":  # fastest preset, ultra-low-latency tuning, frames out as they go in
        return {"preset": "p1", "tune": "ull", "rc": "constqp", "qp": str(settings.crf), "zerolatency": "1",
                "delay": "0"}
    return {"preset": settings.preset, "tune": "zerolatency", "crf": str(settings.crf)}


def add_audio_stream(
    out: av.container.OutputContainer, settings: EncoderSettings
) -> av.AudioStream:
    """A mono AAC-LC stream at AUDIO_RATE."""
    stream = out.add_stream("aac", rate=AUDIO_RATE, layout="mono", options={"aac_coder": AAC_CODER})
    stream.bit_rate = settings.audio_bitrate
    stream.time_base = Fraction(1, AUDIO_RATE)
    return stream


def _encode_audio(stream: av.AudioStream, samples: np.ndarray, sample_rate: int) -> list[av.Packet]:
    """All AAC packets of `samples`, resampled to AUDIO_RATE."""
    pcm = _resample(samples, sample_rate)  # [n] float32 at AUDIO_RATE
    packets: list[av.Packet] = []
    for start in range(0, len(pcm), AAC_FRAME_SAMPLES):
        frame = av.AudioFrame.from_ndarray(
            pcm[None, start : start + AAC_FRAME_SAMPLES], format="fltp", layout="mono"
        )
        frame.sample_rate = AUDIO_RATE
        frame.pts = start
        frame.time_base = Fraction(1, AUDIO_RATE)
        packets.extend(stream.encode(frame))
    packets.extend(stream.encode(None))
    return packets


def _resample(samples: np.ndarray, sample_rate: int) -> np.ndarray:
    """int16 mono PCM -> float32 at AUDIO_RATE, exactly round(n * AUDIO_RATE / sample_rate) long."""
    if samples.ndim != 1 or samples.dtype != np.int16 or not len(samples):
        raise ValueError(f"audio must be non-empty int16 mono, got {samples.dtype} {samples.shape}")
    if sample_rate == AUDIO_RATE:
        return samples.astype(np.float32) / PCM_FULL_SCALE
    resampler = av.AudioResampler(format="fltp", layout="mono", rate=AUDIO_RATE)
    pcm16 = np.ascontiguousarray(samples)[None, :]  # [1, n]
    frame = av.AudioFrame.from_ndarray(pcm16, format="s16", layout="mono")
    frame.sample_rate = sample_rate
    pieces = resampler.resample(frame) + resampler.resample(None)
    pcm = np.concatenate([piece.to_ndarray()[0] for piece in pieces])
    target = round(len(samples) * AUDIO_RATE / sample_rate)
    return np.pad(pcm[:target], (0, max(0, target - len(pcm))))


def to_picture(frame: np.ndarray, index: int) -> av.VideoFrame:
    """A yuv420p picture of a BGR frame (cv2's I420 conversion, wrapped without a copy where PyAV can)."""
    picture = yuv_picture(cv2.cvtColor(frame, cv2.COLOR_BGR2YUV_I420), frame.shape[1], frame.shape[0])
    picture.pts = index
    return picture


def yuv_picture(yuv: np.ndarray, width: int, height: int) -> av.VideoFrame:
    """A yuv420p picture of cv2's I420 buffer [height * 3 / 2, width] (wrapped without a copy where PyAV can)."""
    if height % 4:  # odd chroma rows: from_numpy_buffer misplaces the planes (a face box 82 px high)
        return _copied_picture(yuv, width, height)
    return av.VideoFrame.from_numpy_buffer(yuv, format="yuv420p", width=width)


def _copied_picture(yuv: np.ndarray, width: int, height: int) -> av.VideoFrame:
    """A yuv420p picture holding a copy of cv2's I420 buffer, plane by plane (a fifth of from_ndarray's time)."""
    picture = av.VideoFrame(width, height, "yuv420p")
    for plane, source in zip(picture.planes, yuv_planes(yuv, width, height)):
        rows, cols = source.shape
        np.frombuffer(plane, np.uint8).reshape(rows, plane.line_size)[:, :cols] = source
    return picture


def yuv_planes(yuv: np.ndarray, width: int, height: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Views of the Y, U and V planes of an I420 buffer (cv2's layout: the three planes one after another)."""
    flat = yuv.reshape(-1)
    luma, chroma = width * height, (width // 2) * (height // 2)
    return (flat[:luma].reshape(height, width), flat[luma : luma + chroma].reshape(height // 2, width // 2),
            flat[luma + chroma : luma + 2 * chroma].reshape(height // 2, width // 2))


def as_picture(frame: np.ndarray | av.VideoFrame, shape: tuple[int, int] | None, index: int) -> av.VideoFrame:
    """A BGR frame converted (to_picture) or a yuv420p picture as it is, checked against `shape`, with pts `index`."""
    if not isinstance(frame, av.VideoFrame):
        check_frame(frame, shape)
        return to_picture(frame, index)
    size = (frame.height, frame.width)
    if frame.format.name != "yuv420p" or (shape is not None and size != shape):
        raise ValueError(f"a {frame.format.name} picture of {size[1]}x{size[0]} where yuv420p {shape} was expected")
    frame.pts = index
    return frame


def frame_size(frame: np.ndarray | av.VideoFrame) -> tuple[int, int]:
    """(height, width) of a valid BGR frame or of a picture."""
    return (frame.height, frame.width) if isinstance(frame, av.VideoFrame) else check_frame(frame, None)


def check_frame(frame: np.ndarray, shape: tuple[int, int] | None) -> tuple[int, int]:
    """(height, width) of a valid BGR uint8 frame; it must match `shape` when given."""
    is_bgr = isinstance(frame, np.ndarray) and frame.ndim == 3 and frame.shape[2] == 3
    if not is_bgr or frame.dtype != np.uint8:
        raise ValueError("frames must be BGR uint8 arrays [H, W, 3]")
    size = (frame.shape[0], frame.shape[1])
    if size[0] % 2 or size[1] % 2:
        raise ValueError(f"yuv420p needs even frame sizes, got {size[1]}x{size[0]}")
    if shape is not None and size != shape:
        raise ValueError(f"frame size changed from {shape} to {size}")
    return size


def raise_if_cancelled(cancel: threading.Event | None) -> None:
    """Stop encoding when the job was cancelled."""
    if cancel is not None and cancel.is_set():
        raise EncodeCancelled("encoding cancelled")


@contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """A temp file beside `path`, renamed onto it on success and removed on any failure."""
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=".part")
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


@contextmanager
def ffmpeg_errors(path: Path) -> Iterator[None]:
    """Turn FFmpeg's errors into EncodeError naming the output."""
    try:
        yield
    except av.FFmpegError as e:
        raise EncodeError(f"encoding {Path(path).name} failed: {e}") from e
