"""Segment encoding and joining, checked by decoding the files with PyAV."""
from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from lipsync.encode import (
    EncodeCancelled,
    EncodeError,
    EncoderSettings,
    encode_segment,
    join_segments,
)
from tests.tools.probe import decode_audio, decode_video, probe, video_packet_sizes

FPS = 25
RATE = 22_050  # Hz, like espeak-ng
W, H = 160, 96
COLOURS = [(0, 0, 255), (0, 200, 0), (255, 0, 0), (128, 128, 128)]  # BGR
FRAME_S = 1 / FPS


def solid(n: int, colours: list[tuple[int, int, int]] = COLOURS) -> Iterator[np.ndarray]:
    """n frames cycling through solid colours, one colour per 5 frames."""
    for i in range(n):
        yield np.full((H, W, 3), colours[(i // 5) % len(colours)], np.uint8)


def flashes(n: int, white: set[int]) -> Iterator[np.ndarray]:
    """Black frames, white at the given indices."""
    for i in range(n):
        yield np.full((H, W, 3), 255 if i in white else 0, np.uint8)


def beeps(frames: int, at_frames: list[int], rate: int = RATE) -> np.ndarray:
    """Silence with a 20 ms, 1 kHz beep starting exactly at each given frame's first sample."""
    pcm = np.zeros(frames * rate // FPS, np.int16)
    tone = (np.sin(np.arange(rate // 50) * 2 * np.pi * 1000 / rate) * 20000).astype(np.int16)
    for f in at_frames:
        start = f * rate // FPS
        pcm[start : start + len(tone)] = tone[: len(pcm) - start]
    return pcm


def onsets(path: Path, threshold: float = 0.25) -> list[float]:
    """Times in seconds where decoded audio rises above `threshold` after >= 0.1 s below it."""
    audio = decode_audio(path)
    loud = np.flatnonzero(np.abs(audio.samples) > threshold)
    gap = int(0.1 * audio.sample_rate)
    starts = [i for k, i in enumerate(loud) if k == 0 or i - loud[k - 1] > gap]
    return [audio.start_s + i / audio.sample_rate for i in starts]


def white_times(path: Path) -> list[float]:
    """Presentation times of the white frames."""
    return [t for t, frame in decode_video(path) if frame.mean() > 128]


def test_segment_streams_frames_duration_and_pixels(tmp_path: Path) -> None:
    path = tmp_path / "seg.mp4"
    info = encode_segment(solid(20), beeps(20, []), RATE, FPS, path)
    assert (info.path, info.frame_count, info.duration_s) == (path, 20, 0.8)
    media = probe(path)
    assert (media.video_streams, media.audio_streams) == (1, 1)
    assert (media.frame_count, media.width, media.height, media.fps) == (20, W, H, FPS)
    assert abs(media.video_duration_s - 0.8) < FRAME_S
    assert re.fullmatch(r"avc1\.[0-9a-f]{6},mp4a\.40\.2", media.codecs)
    decoded = [frame for _, frame in decode_video(path)]
    assert len(decoded) == 20
    for i, frame in enumerate(decoded):
        expected = np.array(COLOURS[(i // 5) % len(COLOURS)], float)
        assert np.abs(frame.reshape(-1, 3).mean(axis=0) - expected).max() < 10, f"frame {i}"


@pytest.mark.parametrize("height", [82, 84])  # 82: 41 chroma rows (a face box), which PyAV's buffer wrap misplaced
def test_frames_of_any_even_height_keep_their_pixels(tmp_path: Path, height: int) -> None:
    frame = np.zeros((height, 122, 3), np.uint8)
    frame[:, :61] = (0, 0, 255)
    frame[height // 2 :, 61:] = (0, 200, 0)
    path = tmp_path / "box.mp4"
    encode_segment([frame] * 3, beeps(3, []), RATE, FPS, path)
    decoded = [f for _, f in decode_video(path)]
    assert decoded[0].shape == frame.shape
    assert np.abs(decoded[0].astype(int) - frame).mean() < 4


def test_segment_is_fragmented(tmp_path: Path) -> None:
    path = tmp_path / "seg.mp4"
    encode_segment(solid(10), beeps(10, []), RATE, FPS, path)
    data = path.read_bytes()
    assert b"mvex" in data and b"moof" in data
    assert data.index(b"moov") < data.index(b"moof") < data.index(b"mdat")


@pytest.mark.parametrize("rate", [16_000, 22_050, 48_000])
def test_segment_audio_lasts_as_long_as_the_frames(tmp_path: Path, rate: int) -> None:
    path = tmp_path / "seg.mp4"
    encode_segment(solid(30), beeps(30, [], rate), rate, FPS, path)
    media = probe(path)
    assert media.audio_rate == 48_000
    # a fragment keeps AAC's 1024-sample priming (no edit list) and pads the last packet
    assert 1.2 <= media.audio_duration_s < 1.2 + FRAME_S + 2048 / 48_000


def test_cancel_removes_the_partial_file(tmp_path: Path) -> None:
    cancel = threading.Event()

    def frames() -> Iterator[np.ndarray]:
        for i, frame in enumerate(solid(50)):
            if i == 12:
                cancel.set()
            yield frame

    path = tmp_path / "seg.mp4"
    with pytest.raises(EncodeCancelled):
        encode_segment(frames(), beeps(50, []), RATE, FPS, path, cancel=cancel)
    assert list(tmp_path.iterdir()) == []


def test_failure_keeps_the_previous_file_and_leaves_no_temp(tmp_path: Path) -> None:
    path = tmp_path / "seg.mp4"
    path.write_bytes(b"old")

    def frames() -> Iterator[np.ndarray]:
        yield from solid(3)
        yield np.zeros((H + 2, W, 3), np.uint8)  # size change mid-segment

    with pytest.raises(ValueError, match="frame size changed"):
        encode_segment(frames(), beeps(4, []), RATE, FPS, path)
    assert list(tmp_path.iterdir()) == [path]
    assert path.read_bytes() == b"old"


def test_odd_frame_size_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="even"):
        odd = np.zeros((95, 160, 3), np.uint8)
        encode_segment([odd], beeps(1, []), RATE, FPS, tmp_path / "x.mp4")
    assert list(tmp_path.iterdir()) == []


def test_ffmpeg_failure_is_an_encode_error(tmp_path: Path) -> None:
    with pytest.raises(EncodeError, match="seg.mp4"):
        settings = EncoderSettings(preset="no-such-preset")
        encode_segment(solid(3), beeps(3, []), RATE, FPS, tmp_path / "seg.mp4", settings=settings)
    assert list(tmp_path.iterdir()) == []


def test_join_refuses_segments_it_cannot_remux(tmp_path: Path) -> None:
    small = [np.zeros((H, W, 3), np.uint8)] * 5
    large = [np.zeros((H * 2, W * 2, 3), np.uint8)] * 5
    encode_segment(small, beeps(5, []), RATE, FPS, tmp_path / "a.mp4")
    encode_segment(large, beeps(5, []), RATE, FPS, tmp_path / "b.mp4")
    with pytest.raises(EncodeError, match="b.mp4"):
        join_segments([tmp_path / f for f in ("a.mp4", "b.mp4")], beeps(10, []), RATE, tmp_path / "t.mp4")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.mp4", "b.mp4"]


def encode_three(tmp_path: Path, counts: list[int], white: set[int], pcm: np.ndarray) -> list[Path]:
    """Encode consecutive segments of one utterance; `white` holds utterance frame indices."""
    paths, first = [], 0
    for k, n in enumerate(counts):
        seg_white = {i - first for i in white if first <= i < first + n}
        audio = pcm[first * RATE // FPS : (first + n) * RATE // FPS]
        path = tmp_path / f"seg{k}.mp4"
        encode_segment(flashes(n, seg_white), audio, RATE, FPS, path)
        paths.append(path)
        first += n
    return paths


def test_join_remuxes_video_and_encodes_audio_once(tmp_path: Path) -> None:
    counts = [20, 30, 25]
    pcm = beeps(sum(counts), [])
    pcm[:] = (np.sin(np.arange(len(pcm)) * 2 * np.pi * 300 / RATE) * 8000).astype(np.int16)
    paths = encode_three(tmp_path, counts, set(), pcm)
    out = tmp_path / "turn.mp4"
    join_segments(paths, pcm, RATE, out)

    media = probe(out)
    assert (media.video_streams, media.audio_streams) == (1, 1)
    assert media.frame_count == sum(counts)
    assert abs(media.video_duration_s - 3.0) < 1e-6
    assert abs(media.audio_duration_s - len(pcm) / RATE) < FRAME_S
    sizes = [s for p in paths for s in video_packet_sizes(p)]
    assert video_packet_sizes(out) == sizes
    data = out.read_bytes()
    assert data.index(b"moov") < data.index(b"mdat"), "moov must come first (faststart)"
    assert b"moof" not in data
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["seg0.mp4", "seg1.mp4", "seg2.mp4", "turn.mp4"]
    # the joined audio is continuous: no priming silence at the segment joins (0.8 s and 2.0 s)
    audio = decode_audio(out)
    for join_s in (0.8, 2.0):
        i = round(join_s * audio.sample_rate)
        window = audio.samples[i - 480 : i + 480]
        assert np.sqrt(np.mean(window**2)) > 0.15, f"gap at {join_s} s"


def test_segment_audio_and_video_line_up(tmp_path: Path) -> None:
    # frame 0 and frame 13 are white; beeps start at exactly their first samples
    path = tmp_path / "seg.mp4"
    encode_segment(flashes(25, {0, 13}), beeps(25, [0, 13]), RATE, FPS, path)
    whites, clicks = white_times(path), onsets(path)
    assert len(whites) == 2 and len(clicks) == 2
    # frame 0 shows from t=0 while the AAC priming plays; real audio starts < 1 frame later
    assert 0 <= clicks[0] - whites[0] < FRAME_S
    assert abs(clicks[1] - whites[1]) < 0.25 * FRAME_S
    assert abs(clicks[1] - clicks[0] - 13 * FRAME_S) < 0.002


def test_joined_audio_and_video_line_up(tmp_path: Path) -> None:
    white = [0, 10, 33, 61]  # one in each segment, at segment starts and inside them
    pcm = beeps(75, white)
    out = tmp_path / "turn.mp4"
    join_segments(encode_three(tmp_path, [20, 30, 25], set(white), pcm), pcm, RATE, out)
    whites, clicks = white_times(out), onsets(out)
    assert whites == pytest.approx([f * FRAME_S for f in white], abs=1e-6)
    assert len(clicks) == len(white)
    # the edit list skips AAC priming: audio sample 0 plays with frame 0, every beep on its frame
    assert decode_audio(out).start_s == 0
    assert np.abs(np.array(clicks) - np.array(whites)).max() < 0.25 * FRAME_S
