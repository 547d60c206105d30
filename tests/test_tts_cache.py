"""The content-addressed TTS cache and the caching engine wrapper."""
from __future__ import annotations

import re
import threading
import wave
from pathlib import Path

import numpy as np
import pytest

from tests.fakes.elevenlabs_server import FakeElevenLabs
from tts.base import AudioClip, Timing
from tts.cache import CachedTTSEngine, TTSCache, cache_key
from tts.elevenlabs import ElevenLabsEngine

RATE = 16000  # Hz
WAV_HEADER = 44  # bytes


def clip_of(seconds: float, seed: int = 0) -> AudioClip:
    samples = np.random.default_rng(seed).integers(-3000, 3000, int(seconds * RATE), dtype=np.int16)
    return AudioClip(samples, RATE, phonemes=(Timing("a", 0.0, 0.1), Timing("n", 0.1, 0.2)),
                     words=(Timing("안녕", 0.0, 0.2),))


class CountingEngine:
    """A stand-in engine that counts its calls (the cache must not call it on a hit)."""

    name = "counting"
    display_name = "Counting"

    def __init__(self) -> None:
        self.calls: list[tuple[str, str | None]] = []
        self.settings = {"rate": 1.0}

    def voices(self) -> list[str]:
        return ["v1", "v2"]

    def synthesize(self, text: str, voice: str | None = None, *, cancel: threading.Event | None = None,
                   **options: object) -> AudioClip:
        self.calls.append((text, voice))
        return clip_of(0.05 * len(text), seed=len(self.calls))


def test_miss_then_hit_without_engine_call(tmp_path: Path) -> None:
    engine = CountingEngine()
    cached = CachedTTSEngine(engine, TTSCache(tmp_path, max_bytes=10_000_000))
    first = cached.synthesize_cached("안녕하세요", "v1")
    second = cached.synthesize_cached("안녕하세요", "v1")
    assert (first.cached, second.cached) == (False, True)
    assert engine.calls == [("안녕하세요", "v1")]
    np.testing.assert_array_equal(second.clip.samples, first.clip.samples)
    assert (second.clip.sample_rate, second.clip.phonemes, second.clip.words) == (
        first.clip.sample_rate, first.clip.phonemes, first.clip.words)
    assert second.entry == first.entry


def test_entry_has_the_sibling_seed_fields(tmp_path: Path) -> None:
    result = CachedTTSEngine(CountingEngine(), TTSCache(tmp_path, 10_000_000)).synthesize_cached("hello", "v2")
    data = result.entry.to_api(cached=result.cached)
    assert set(data) == {"file_id", "duration", "file_size", "format", "voice_id", "created_at", "cached"}
    assert re.fullmatch(r"[0-9a-f]{64}", data["file_id"])
    assert data["duration"] == pytest.approx(0.25)
    assert data["file_size"] == result.entry.path.stat().st_size == WAV_HEADER + 2 * len(result.clip.samples)
    assert (data["format"], data["voice_id"], data["cached"]) == ("wav", "v2", False)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", data["created_at"])
    with wave.open(str(result.entry.path)) as w:
        assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (1, 2, RATE)


def test_key_covers_text_voice_settings_options_and_format() -> None:
    base = cache_key("hi", "espeak", "ko", {"rate": 1})
    others = [cache_key("hi!", "espeak", "ko", {"rate": 1}), cache_key("hi", "gpt_sovits", "ko", {"rate": 1}),
              cache_key("hi", "espeak", "en-us", {"rate": 1}), cache_key("hi", "espeak", "ko", {"rate": 2}),
              cache_key("hi", "espeak", "ko", {"rate": 1}, fmt="raw")]
    assert len({base, *others}) == 6
    assert base == cache_key("hi", "espeak", "ko", {"rate": 1})


def test_engine_options_and_settings_change_the_key(tmp_path: Path) -> None:
    engine = CountingEngine()
    cached = CachedTTSEngine(engine, TTSCache(tmp_path, 10_000_000))
    cached.synthesize("hi", "v1")
    cached.synthesize("hi", "v1", text_lang="en")
    engine.settings = {"rate": 2.0}
    CachedTTSEngine(engine, cached.cache).synthesize("hi", "v1")
    assert len(engine.calls) == 3


def test_lru_eviction_by_size(tmp_path: Path) -> None:
    one = WAV_HEADER + 2 * int(0.5 * RATE) + 200  # an entry's audio + timings JSON, roughly
    cache = TTSCache(tmp_path, max_bytes=int(2.5 * one))
    keys = [cache_key(str(i), "e", "v", {}) for i in range(3)]
    cache.put(keys[0], clip_of(0.5), "v")
    cache.put(keys[1], clip_of(0.5), "v")
    assert cache.get(keys[0]) is not None  # keys[0] is now more recently used than keys[1]
    cache.put(keys[2], clip_of(0.5), "v")
    assert cache.get(keys[1]) is None
    assert cache.get(keys[0]) is not None and cache.get(keys[2]) is not None
    assert cache.total_bytes() <= cache.max_bytes
    assert not list(tmp_path.glob(f"{keys[1]}.*"))  # its files are gone too
    assert not list(tmp_path.glob(".tmp-*"))


def test_vanished_files_are_a_miss(tmp_path: Path) -> None:
    cache = TTSCache(tmp_path, 10_000_000)
    entry = cache.put("k" * 64, clip_of(0.1), "v")
    entry.path.unlink()
    assert cache.get("k" * 64) is None


def test_index_survives_a_new_instance(tmp_path: Path) -> None:
    engine = CountingEngine()
    CachedTTSEngine(engine, TTSCache(tmp_path, 10_000_000)).synthesize("again", "v1")
    assert CachedTTSEngine(engine, TTSCache(tmp_path, 10_000_000)).synthesize_cached("again", "v1").cached
    assert len(engine.calls) == 1


def test_concurrent_use_from_threads(tmp_path: Path) -> None:
    cached = CachedTTSEngine(CountingEngine(), TTSCache(tmp_path, 10_000_000))
    errors: list[BaseException] = []

    def work(i: int) -> None:
        try:
            for n in range(5):
                cached.synthesize(f"text {i % 3} {n}", "v1")
        except Exception as e:  # noqa: BLE001 - collected and asserted below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert all(cached.synthesize_cached(f"text {i} {n}", "v1").cached for i in range(3) for n in range(5))


def test_elevenlabs_hit_sends_no_request(tmp_path: Path) -> None:
    with FakeElevenLabs(api_key="k") as fake:
        engine = ElevenLabsEngine("k", base_url=fake.base_url, voices={"Rachel": "r"}, default_voice="Rachel")
        cached = CachedTTSEngine(engine, TTSCache(tmp_path, 10_000_000))
        first = cached.synthesize_cached("Why this company?")
        second = cached.synthesize_cached("Why this company?")
        assert len(fake.requests) == 1
    assert second.cached and not first.cached
    assert second.clip.phonemes == first.clip.phonemes and second.clip.words == first.clip.words
    assert second.clip.duration == first.clip.duration
