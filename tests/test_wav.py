"""WAV writing/reading of AudioClips: exact round trip, atomic replace, format checks."""
from __future__ import annotations

import wave

import numpy as np
import pytest

from tts.base import AudioClip
from tts.wav import read_wav, wav_bytes, write_wav


def _clip(n: int = 22050, rate: int = 22050) -> AudioClip:
    rng = np.random.default_rng(7)
    samples = rng.integers(-32768, 32767, size=n, endpoint=True, dtype=np.int16)
    samples[:2] = (-32768, 32767)  # the extremes survive too
    return AudioClip(samples=samples, sample_rate=rate)


def test_round_trip_is_exact(tmp_path):
    clip = _clip(rate=16000)
    path = tmp_path / "a.wav"
    write_wav(path, clip)
    back = read_wav(path)
    assert back.sample_rate == 16000
    assert back.samples.dtype == np.int16
    np.testing.assert_array_equal(back.samples, clip.samples)
    assert back.duration == pytest.approx(clip.duration)


def test_file_is_standard_wav_and_matches_wav_bytes(tmp_path):
    clip = _clip(n=1000)
    path = tmp_path / "b.wav"
    write_wav(path, clip)
    with wave.open(str(path), "rb") as w:
        assert (w.getnchannels(), w.getsampwidth(), w.getframerate(), w.getnframes()) == (1, 2, 22050, 1000)
    assert path.read_bytes() == wav_bytes(clip)
    assert wav_bytes(clip)[:4] == b"RIFF"


def test_write_replaces_existing_file_and_leaves_no_temp(tmp_path):
    path = tmp_path / "c.wav"
    write_wav(path, _clip(n=500))
    write_wav(path, _clip(n=100))
    assert read_wav(path).samples.size == 100
    assert [p.name for p in tmp_path.iterdir()] == ["c.wav"]


def test_failed_write_keeps_old_file_and_cleans_up(tmp_path):
    path = tmp_path / "d.wav"
    write_wav(path, _clip(n=300))
    bad = AudioClip(samples=np.zeros((10, 2), dtype=np.int16), sample_rate=22050)
    with pytest.raises(ValueError, match="1-D int16"):
        write_wav(path, bad)
    assert read_wav(path).samples.size == 300
    assert [p.name for p in tmp_path.iterdir()] == ["d.wav"]


def test_empty_clip_round_trips(tmp_path):
    path = tmp_path / "e.wav"
    write_wav(path, AudioClip(samples=np.zeros(0, dtype=np.int16), sample_rate=22050))
    assert read_wav(path).samples.size == 0


def test_read_rejects_stereo_and_non_wav(tmp_path):
    stereo = tmp_path / "s.wav"
    with wave.open(str(stereo), "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(b"\0" * 40)
    with pytest.raises(ValueError, match="16-bit mono"):
        read_wav(stereo)
    junk = tmp_path / "j.wav"
    junk.write_bytes(b"not a wav file at all")
    with pytest.raises(ValueError, match="not a PCM WAV"):
        read_wav(junk)
