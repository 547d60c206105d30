"""What an MP4 tells players about timing, read from its boxes: each track's edit list, timescale and handler.

An edit list (moov/trak/edts/elst) maps a track's media time onto the presentation: FFmpeg's AAC
encoder primes 1024 samples, and the joined MP4 carries `media_time = 1024` on the sound track so
that players skip them. FFmpeg (and so PyAV) applies edit lists when demuxing, as browsers do;
reading the boxes directly shows what the file itself says, independent of any demuxer.
"""
from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

CONTAINER_BOXES = {b"moov", b"trak", b"edts", b"mdia"}
MAX_MOOV_BYTES = 64 * 2**20  # a moov larger than this is refused rather than read into memory


@dataclass(frozen=True)
class Edit:
    """One edit list entry."""

    segment_duration: int  # in the movie timescale
    media_time: int  # in the track's timescale; -1 = an empty edit (a gap)
    rate: float


@dataclass(frozen=True)
class TrackTiming:
    """A track's handler ("vide", "soun"), timescale (units per second) and edit list (empty if none)."""

    handler: str
    timescale: int
    edits: tuple[Edit, ...]

    @property
    def skipped_s(self) -> float:
        """Seconds of media the first edit skips at the start (e.g. AAC priming)."""
        first = next((e for e in self.edits if e.media_time >= 0), None)
        return first.media_time / self.timescale if first and self.timescale else 0.0


def track_timings(path: Path) -> list[TrackTiming]:
    """Handler, timescale and edit list of every track in the MP4 at `path`."""
    moov = _top_level_box(Path(path), b"moov")
    tracks = []
    for kind, start, end in _children(moov, 0, len(moov)):
        if kind == b"trak":
            tracks.append(_track(moov, start, end))
    return tracks


def _top_level_box(path: Path, wanted: bytes) -> bytes:
    """The payload of the first top-level box of type `wanted`."""
    with path.open("rb") as f:
        while header := f.read(8):
            if len(header) < 8:
                break
            size, kind = struct.unpack(">I4s", header)
            header_len = 8
            if size == 1:
                size, header_len = struct.unpack(">Q", f.read(8))[0], 16
            elif size == 0:
                size = path.stat().st_size - f.tell() + 8
            if size < header_len:
                raise ValueError(f"{path.name}: corrupt box header")
            if kind == wanted:
                if size > MAX_MOOV_BYTES:
                    raise ValueError(f"{path.name}: {wanted.decode()} box of {size} bytes is too large")
                return f.read(size - header_len)
            f.seek(size - header_len, 1)
    raise ValueError(f"{path.name}: no {wanted.decode()} box")


def _children(data: bytes, start: int, end: int) -> Iterator[tuple[bytes, int, int]]:
    """(type, payload start, payload end) of the boxes in data[start:end]."""
    pos = start
    while pos + 8 <= end:
        size, kind = struct.unpack_from(">I4s", data, pos)
        header_len = 8
        if size == 1:
            size, header_len = struct.unpack_from(">Q", data, pos + 8)[0], 16
        elif size == 0:
            size = end - pos
        if size < header_len or pos + size > end:
            raise ValueError("corrupt MP4 box inside moov")
        yield kind, pos + header_len, pos + size
        pos += size


def _track(data: bytes, start: int, end: int) -> TrackTiming:
    handler, timescale, edits = "", 0, ()
    stack = [(start, end)]
    while stack:
        s, e = stack.pop()
        for kind, a, b in _children(data, s, e):
            if kind in CONTAINER_BOXES:
                stack.append((a, b))
            elif kind == b"hdlr":
                handler = data[a + 8 : a + 12].decode("ascii", "replace")
            elif kind == b"mdhd":
                version = data[a]
                timescale = struct.unpack_from(">I", data, a + (20 if version == 1 else 12))[0]
            elif kind == b"elst":
                edits = _edit_list(data, a)
    return TrackTiming(handler, timescale, edits)


def _edit_list(data: bytes, a: int) -> tuple[Edit, ...]:
    version = data[a]
    (count,) = struct.unpack_from(">I", data, a + 4)
    layout, step = (">QqhH", 20) if version == 1 else (">IihH", 12)
    entries = []
    for i in range(count):
        duration, media_time, rate_int, rate_frac = struct.unpack_from(layout, data, a + 8 + i * step)
        entries.append(Edit(duration, media_time, rate_int + rate_frac / 65536))
    return tuple(entries)
