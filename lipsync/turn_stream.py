"""One turn as one fragmented MP4: a single H.264 and a single AAC encoder for all of its segments.

Every segment becomes one fragment (moof + mdat) with timestamps on the turn's timeline, so a player
that appends the turn's init segment and then each fragment in order plays one continuous stream:
no AAC priming or padding at the joins (the audio is one AAC stream cut between its packets), no
gap or overlap between videos. Each segment's video starts with an IDR frame, so a segment file
(init + its fragment) also plays on its own, for clients that fetch segments one by one.

Timing: the AAC encoder's priming (1024 samples, 21.3 ms) is played once at the start of the turn;
real audio sample s plays at (PRIMING + s) / 48000 s and video frame f at (PRIMING + f * 48000 / fps)
/ 48000 s (frame 0 is stretched back to t = 0 so the picture has no hole), so sound and picture stay
aligned for the whole turn. An AAC packet goes into the fragment of the time where it starts; the
encoder holds back about one packet, which joins the next fragment (the turn's last ~21 ms of audio
come only with `close`, as a tail the turn's MP4 has anyway).
"""
from __future__ import annotations

import io
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from itertools import chain
from pathlib import Path

import av
import numpy as np

from lipsync.encode import (AAC_FRAME_SAMPLES, AUDIO_RATE, DEFAULT_SETTINGS, EncoderSettings,
                            EncodeError, Interleaver, add_audio_stream, add_video_stream, as_picture, atomic_output,
                            ffmpeg_errors, frame_size, join_video, raise_if_cancelled, segment_video_packets)

PRIMING = AAC_FRAME_SAMPLES  # samples of AAC encoder delay at the start of the turn
TIME_BASE = Fraction(1, AUDIO_RATE)  # both tracks: video frames land on whole ticks for fps dividing 48000
STREAM_MOVFLAGS = "empty_moov+default_base_moof+frag_keyframe+frag_discont"  # frag_discont: keep our timestamps
MOOF = b"moof"


@dataclass(frozen=True)
class StreamSegment:
    """A written segment: the playable file (init + fragment), and where its fragment starts in it."""

    path: Path
    first_frame: int  # on the turn's timeline
    frame_count: int
    fragment_offset: int  # bytes: the file's init segment is [0, offset), its fragment [offset, end)


class TurnStream:
    """Encodes a turn's segments in order; not thread-safe (one job thread drives it)."""

    def __init__(self, fps: int, sample_rate: int, settings: EncoderSettings = DEFAULT_SETTINGS) -> None:
        if AUDIO_RATE % fps:
            raise ValueError(f"fps {fps} does not divide {AUDIO_RATE}: frames would not land on whole ticks")
        self.fps, self.sample_rate, self.settings = fps, sample_rate, settings
        self.frames = 0  # video frames written so far
        self._holder: av.container.OutputContainer | None = None  # owns the two encoders (never written)
        self._video: av.VideoStream | None = None
        self._audio: av.AudioStream | None = None
        self._shape: tuple[int, int] | None = None
        self._resampler = av.AudioResampler(format="fltp", layout="mono", rate=AUDIO_RATE)
        self._pcm = np.zeros(0, np.float32)  # 48 kHz samples not yet given to the AAC encoder
        self._audio_fed = 0  # 48 kHz samples given to the AAC encoder
        self._pending: list[av.Packet] = []  # AAC packets not yet muxed
        self._muxed: list[av.Packet] = []  # AAC packets already in segments (the joined MP4 reuses them)
        self._audio_in = 0  # samples of PCM given, at `sample_rate`
        self.init_segment: bytes | None = None  # ftyp + moov, the same for every segment
        self._avcc: bytes | None = None  # the avcC of what this stream writes (known after its first segment)

    def encode(self, frames: Iterable[np.ndarray | av.VideoFrame], samples: np.ndarray, path: Path,
               cancel: threading.Event | None = None) -> StreamSegment:
        """Encode BGR frames (or yuv420p pictures) and their int16 PCM (at `sample_rate`) as the turn's next segment,
        written to `path`."""
        frame_iter = iter(frames)
        first = next(frame_iter, None)
        if first is None:
            raise ValueError("a segment needs at least one frame")
        video = self._encoders(self._shape or frame_size(first))
        packets: list[av.Packet] = []
        start = self.frames
        for i, frame in enumerate(chain([first], frame_iter)):
            raise_if_cancelled(cancel)
            picture = as_picture(frame, self._shape, start + i)
            if i == 0:
                picture.pict_type = av.video.frame.PictureType.I  # every segment starts with an IDR frame
            packets += video.encode(picture)
        raise_if_cancelled(cancel)
        return self._write(packets, start, len(packets), samples, path)

    def remux(self, source: Path, frame_count: int, samples: np.ndarray, path: Path) -> StreamSegment:
        """The video of an encoded segment file (a render-cache hit) as the turn's next segment, with this turn's audio."""
        with av.open(str(source)) as src:
            template = src.streams.video[0]
            self._encoders((template.height, template.width))
            if self._avcc is not None and template.codec_context.extradata != self._avcc:
                raise EncodeError(f"{Path(source).name} was encoded with other settings than this turn")
            packets = list(segment_video_packets(Path(source), Fraction(self.fps), template.codec_context.extradata))
            if len(packets) != frame_count:
                raise EncodeError(f"{Path(source).name}: {len(packets)} video frames, expected {frame_count}")
            # Demuxed packets are length-prefixed (as MP4 stores them): mux them under the source's avcC,
            # which the muxer copies as it is (our encoder's Annex B headers would make it convert them again).
            return self._write(packets, self.frames, frame_count, samples, path, template)

    def join(self, segment_paths: list[Path], out: Path) -> None:
        """The turn as one faststart MP4 (encode.join_video) with the AAC this stream already encoded for its
        segments, plus its tail; the stream takes no segment after this."""
        tail = self._flush_audio()
        for packet in self._muxed:
            packet.pts -= PRIMING  # back on the encoder's timeline: the joined MP4's edit list skips the priming
            packet.dts = packet.pts
        packets = self._muxed + tail
        assert self._audio is not None

        def reuse(dst: av.container.OutputContainer) -> list[av.Packet]:
            stream = dst.add_stream_from_template(self._audio)
            stream.time_base = TIME_BASE
            for packet in packets:
                packet.stream = stream
            return packets

        join_video(segment_paths, out, reuse)

    def close(self) -> None:
        """Release the encoders (the audio left in them belongs to no segment)."""
        if self._holder is not None:
            self._holder.close()
            self._holder = None

    def _encoders(self, shape: tuple[int, int]) -> av.VideoStream:
        """The turn's video encoder (created, with the audio one, for the first segment's frame size)."""
        if self._video is None:
            self._holder = av.open(io.BytesIO(), "w", format="mp4")
            self._video = add_video_stream(self._holder, shape, self.fps, self.settings)
            self._video.codec_context.options = {**self._video.codec_context.options, "forced-idr": "1"}
            self._audio = add_audio_stream(self._holder, self.settings)
            self._holder.start_encoding()
            self._shape = shape
        return self._video

    def _write(self, video_packets: list[av.Packet], start: int, count: int, samples: np.ndarray, path: Path,
               template: av.VideoStream | None = None) -> StreamSegment:
        """Mux a segment's video packets with the audio that starts before its end into `path`."""
        self._feed_audio(samples)
        end_tick = PRIMING + (start + count) * AUDIO_RATE // self.fps
        ready = [p for p in self._pending if p.pts + PRIMING < end_tick]
        self._pending = self._pending[len(ready):]
        assert self._video is not None and self._audio is not None
        with atomic_output(Path(path)) as tmp, ffmpeg_errors(path):
            with av.open(str(tmp), "w", format="mp4",
                         options={"movflags": STREAM_MOVFLAGS, "avoid_negative_ts": "disabled"}) as out:
                video = out.add_stream_from_template(template or self._video)
                audio = out.add_stream_from_template(self._audio)
                video.time_base = audio.time_base = TIME_BASE
                for packet in ready:
                    packet.pts += PRIMING
                    packet.dts = packet.pts
                    packet.stream = audio
                mux = Interleaver(out, ready)
                for i, packet in enumerate(video_packets):
                    frame = start + i
                    packet.pts = packet.dts = 0 if frame == 0 else PRIMING + frame * AUDIO_RATE // self.fps
                    packet.duration = (PRIMING if frame == 0 else 0) + AUDIO_RATE // self.fps
                    packet.time_base = TIME_BASE
                    packet.stream = video
                    mux.video([packet])
                mux.finish()
            self._muxed += ready
            data = tmp.read_bytes()
            offset = _fragment_offset(data)
            if data[:offset] != self.init_segment:  # the first segment, or one muxed from a cached file's stream
                with av.open(str(tmp)) as back:
                    avcc = back.streams.video[0].codec_context.extradata  # the parameter sets, as MP4 stores them
                if self._avcc is not None and avcc != self._avcc:  # a cache hit began the turn with other settings
                    raise EncodeError(f"{Path(path).name}: H.264 parameters differ from the turn's first segment")
                self._avcc = avcc
        if self.init_segment is None:
            self.init_segment = data[:offset]
        self.frames = start + count
        return StreamSegment(Path(path), start, count, offset)

    def _feed_audio(self, samples: np.ndarray) -> None:
        """Resample a segment's PCM onto the turn's 48 kHz stream and encode every whole AAC frame of it."""
        if samples.ndim != 1 or samples.dtype != np.int16:
            raise ValueError(f"audio must be int16 mono, got {samples.dtype} {samples.shape}")
        assert self._audio is not None
        frame = av.AudioFrame.from_ndarray(np.ascontiguousarray(samples)[None, :], format="s16", layout="mono")
        frame.sample_rate = self.sample_rate
        self._audio_in += len(samples)
        self._encode_pcm([piece.to_ndarray()[0] for piece in self._resampler.resample(frame)])

    def _flush_audio(self) -> list[av.Packet]:
        """Every AAC packet not yet muxed: the resampler's and the encoder's tails, the PCM cut to the exact length."""
        assert self._audio is not None
        self._encode_pcm([piece.to_ndarray()[0] for piece in self._resampler.resample(None)])
        due = max(0, round(self._audio_in * AUDIO_RATE / self.sample_rate) - self._audio_fed)  # 48 kHz samples left
        tail = np.pad(self._pcm[:due], (0, max(0, due - len(self._pcm))))
        if len(tail):
            chunk = av.AudioFrame.from_ndarray(tail[None, :], format="fltp", layout="mono")
            chunk.sample_rate, chunk.pts, chunk.time_base = AUDIO_RATE, self._audio_fed, TIME_BASE
            self._pending += self._audio.encode(chunk)
        self._pcm = np.zeros(0, np.float32)
        packets, self._pending = self._pending + self._audio.encode(None), []
        return packets

    def _encode_pcm(self, pieces: list[np.ndarray]) -> None:
        """Append 48 kHz PCM and encode every whole AAC frame of what is buffered."""
        assert self._audio is not None
        self._pcm = np.concatenate([self._pcm, *pieces]).astype(np.float32)
        whole = len(self._pcm) // AAC_FRAME_SAMPLES * AAC_FRAME_SAMPLES
        for at in range(0, whole, AAC_FRAME_SAMPLES):
            chunk = av.AudioFrame.from_ndarray(self._pcm[None, at : at + AAC_FRAME_SAMPLES], format="fltp", layout="mono")
            chunk.sample_rate = AUDIO_RATE
            chunk.pts = self._audio_fed
            chunk.time_base = TIME_BASE
            self._audio_fed += AAC_FRAME_SAMPLES
            self._pending += self._audio.encode(chunk)
        self._pcm = self._pcm[whole:]


def _fragment_offset(data: bytes) -> int:
    """Byte offset of the first top-level moof box of an MP4 (where its init segment ends)."""
    at = 0
    while at + 8 <= len(data):
        size = int.from_bytes(data[at : at + 4], "big")
        if data[at + 4 : at + 8] == MOOF:
            return at
        if size < 8:
            break
        at += size
    raise EncodeError("no fragment in the written segment")
