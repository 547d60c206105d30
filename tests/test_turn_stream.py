"""One fragmented MP4 per turn: segments from one H.264 and one AAC encoder chain without a gap or an overlap."""
from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest

from lipsync.encode import AUDIO_RATE, EncodeCancelled, join_segments
from lipsync.turn_stream import PRIMING, TurnStream
from tests.tools.probe import decode_audio, decode_video

FPS = 25
RATE = 22_050  # Hz, like espeak-ng
W, H = 160, 96
SIZES = [8, 30, 17]  # frames per segment (joins fall mid-AAC-frame)
TONE_HZ = 330.0


def level(index: int) -> int:
    """The grey level of frame `index` of the turn (tells frames apart after decoding)."""
    return (index * 4) % 250


def tone(first_sample: int, count: int) -> np.ndarray:
    """A steady tone on the turn's timeline: any gap or overlap at a join breaks its phase or level."""
    t = np.arange(first_sample, first_sample + count) / RATE
    return (12000 * np.sin(2 * np.pi * TONE_HZ * t)).astype(np.int16)


def write_turn(folder: Path, sizes: list[int] = SIZES, close: bool = True) -> tuple[TurnStream, list]:
    stream = TurnStream(FPS, RATE)
    segments, frame, sample = [], 0, 0
    for k, n in enumerate(sizes):
        frames = [np.full((H, W, 3), level(frame + i), np.uint8) for i in range(n)]
        samples = (frame + n) * RATE // FPS - sample
        segments.append(stream.encode(frames, tone(sample, samples), folder / f"seg{k}.mp4"))
        frame, sample = frame + n, sample + samples
    if close:
        stream.close()
    return stream, segments


def joined(stream: TurnStream, segments: list) -> bytes:
    """What a MediaSource player appends: the init segment once, then every fragment in order."""
    assert stream.init_segment is not None
    return stream.init_segment + b"".join(s.path.read_bytes()[s.fragment_offset :] for s in segments)


def test_the_fragments_play_as_one_continuous_stream(tmp_path: Path) -> None:
    stream, segments = write_turn(tmp_path)
    (tmp_path / "turn.mp4").write_bytes(joined(stream, segments))
    video = list(decode_video(tmp_path / "turn.mp4"))
    times = np.array([t for t, _ in video])
    assert len(video) == sum(SIZES)  # no frame dropped or repeated at the joins ...
    assert [round(float(f.mean())) for _, f in video] == pytest.approx([level(i) for i in range(sum(SIZES))], abs=2)
    assert np.allclose(np.diff(times[1:]), 1 / FPS, atol=1e-6)  # ... and every frame lasts exactly 1/fps
    assert times[1] == pytest.approx((PRIMING + AUDIO_RATE // FPS) / AUDIO_RATE)
    audio = decode_audio(tmp_path / "turn.mp4")
    assert audio.start_s == 0.0
    real = audio.samples[PRIMING:]  # the priming plays once, at the start of the turn
    expected = np.sin(2 * np.pi * TONE_HZ * np.arange(len(real)) / AUDIO_RATE) * 12000 / 32768
    window = AUDIO_RATE // 1000  # 1 ms
    n = len(real) // window * window
    rms = np.sqrt(np.mean(real[:n].reshape(-1, window) ** 2, axis=1))
    assert rms[2:].min() > 0.5 * 12000 / 32768 / np.sqrt(2)  # no silent millisecond anywhere (a gap)
    err = np.abs(real[window:] - expected[window : len(real)])
    assert np.percentile(err, 99) < 0.05  # in phase all along: an overlap or a gap would shift it
    assert len(real) >= sum(SIZES) * AUDIO_RATE // FPS - 3 * 1024  # all but the encoder's last packets


def test_each_segment_file_plays_on_its_own_at_its_turn_time(tmp_path: Path) -> None:
    stream, segments = write_turn(tmp_path)
    assert [s.first_frame for s in segments] == [0, 8, 38] and [s.frame_count for s in segments] == SIZES
    video = list(decode_video(segments[1].path))
    assert len(video) == SIZES[1]
    assert round(float(video[0][1].mean())) == pytest.approx(level(8), abs=2)  # starts with its own IDR frame
    assert video[0][0] == pytest.approx((PRIMING + 8 * AUDIO_RATE // FPS) / AUDIO_RATE)
    assert decode_audio(segments[1].path).samples.size > 0
    assert segments[1].path.read_bytes()[: segments[1].fragment_offset] == stream.init_segment


def test_a_cached_segment_is_remuxed_onto_the_new_turns_timeline(tmp_path: Path) -> None:
    (tmp_path / "old").mkdir()
    _, old = write_turn(tmp_path / "old")
    stream = TurnStream(FPS, RATE)
    first = stream.encode([np.full((H, W, 3), 7, np.uint8)] * 5, tone(0, 5 * RATE // FPS), tmp_path / "a.mp4")
    again = stream.remux(old[1].path, SIZES[1], tone(5 * RATE // FPS, SIZES[1] * RATE // FPS), tmp_path / "b.mp4")
    stream.close()
    assert (again.first_frame, again.frame_count) == (5, SIZES[1])
    (tmp_path / "turn.mp4").write_bytes(joined(stream, [first, again]))
    video = list(decode_video(tmp_path / "turn.mp4"))
    assert len(video) == 5 + SIZES[1]
    assert round(float(video[5][1].mean())) == pytest.approx(level(8), abs=2)
    assert video[5][0] == pytest.approx((PRIMING + 5 * AUDIO_RATE // FPS) / AUDIO_RATE)


def test_cancel_leaves_no_file(tmp_path: Path) -> None:
    stream = TurnStream(FPS, RATE)
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(EncodeCancelled):
        stream.encode([np.zeros((H, W, 3), np.uint8)] * 3, tone(0, 3 * RATE // FPS), tmp_path / "x.mp4", cancel)
    stream.close()
    assert list(tmp_path.iterdir()) == []


def test_the_turns_mp4_reuses_the_segments_audio_and_matches_one_encoded_from_the_whole_pcm(tmp_path: Path) -> None:
    stream, segments = write_turn(tmp_path, close=False)
    stream.join([s.path for s in segments], tmp_path / "reused.mp4")
    stream.close()
    pcm = tone(0, sum(SIZES) * RATE // FPS)
    join_segments([s.path for s in segments], pcm, RATE, tmp_path / "encoded.mp4")
    video = list(decode_video(tmp_path / "reused.mp4"))
    assert [t for t, _ in video] == [t for t, _ in decode_video(tmp_path / "encoded.mp4")]
    assert [round(float(f.mean())) for _, f in video] == pytest.approx([level(i) for i in range(sum(SIZES))], abs=2)
    reused, encoded = decode_audio(tmp_path / "reused.mp4"), decode_audio(tmp_path / "encoded.mp4")
    assert reused.start_s == encoded.start_s and len(reused.samples) == len(encoded.samples)
    assert np.percentile(np.abs(reused.samples - encoded.samples), 99) < 0.02  # same sound at the same time
