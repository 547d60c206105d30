"""The embedded eSpeak NG engine: real synthesis, timings, voices, thread safety, cancel, errors."""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from tts.base import AudioClip, TTSError
from tts.espeak import EspeakEngine, SynthesisCancelled
from tts.espeak_lib import EVENT_PHONEME, EVENT_WORD, RawEvent
from tts.espeak_timing import ipa_symbol, phoneme_timings, word_timings

KO = "안녕하세요. 저는 오늘 면접을 진행할 면접관입니다."
EN = "Hello, I am your interviewer today. Please tell me about yourself."
KO_VOWELS = {"ɐ", "ʌ", "e", "o", "i", "ɯ", "ɛ", "u"}
TOLERANCE_S = 0.03  # under one 40 ms video frame (the pitch-flutter drift reached 21 ms once the suite made more calls before)
EN_VOWELS = {"ə", "oʊ", "aɪ", "ɪ", "eɪ", "ɛ", "iː", "aʊ", "uː", "ɚ", "ʌ", "æ", "ɐ"}


@pytest.fixture(scope="module")
def engine() -> EspeakEngine:
    return EspeakEngine()


def _check_timings(clip: AudioClip) -> None:
    for timings in (clip.phonemes, clip.words):
        assert timings
        starts = [t.start for t in timings]
        assert starts == sorted(starts)
        assert all(0.0 <= t.start < t.end <= clip.duration for t in timings)
    ends = [t.end for t in clip.phonemes]
    assert all(b >= a for a, b in zip(ends, ends[1:]))  # phonemes never overlap
    assert all(a.end <= b.start for a, b in zip(clip.phonemes, clip.phonemes[1:]))


def _rms(clip: AudioClip) -> float:
    return float(np.sqrt(np.mean(clip.samples.astype(np.float64) ** 2)))


def test_korean_speech(engine):
    clip = engine.synthesize(KO, "ko")
    assert clip.sample_rate == 22050
    assert clip.samples.dtype == np.int16 and clip.samples.ndim == 1
    assert 2.5 < clip.duration < 8.0  # 25 syllables at espeak's default rate
    assert _rms(clip) > 500
    _check_timings(clip)
    symbols = {p.symbol for p in clip.phonemes}
    assert len(symbols & KO_VOWELS) >= 4
    assert not any(mark in s for s in symbols for mark in "ˈˌ")
    # espeak-ko skips WORD events for some words; every word still gets a timing
    assert [w.symbol for w in clip.words] == ["안녕하세요", "저는", "오늘", "면접을", "진행할", "면접관입니다"]
    # the pause after the first sentence is a gap, not a stretched phoneme
    gaps = [b.start - a.end for a, b in zip(clip.phonemes, clip.phonemes[1:])]
    assert max(gaps) > 0.15


def test_english_speech(engine):
    clip = engine.synthesize(EN, "en-us")
    assert 3.0 < clip.duration < 8.0
    assert _rms(clip) > 500
    _check_timings(clip)
    assert len({p.symbol for p in clip.phonemes} & EN_VOWELS) >= 5
    assert [w.symbol for w in clip.words] == [w.strip(",.") for w in EN.split()]
    assert clip.words[0].start < 0.1
    assert clip.words[-1].end == pytest.approx(clip.duration, abs=0.1)


def _assert_same_speech(a: AudioClip, b: AudioClip) -> None:
    """Same utterance: espeak's pitch-flutter phase carries over between calls, so allow a little drift."""
    assert abs(a.duration - b.duration) < TOLERANCE_S
    assert [p.symbol for p in a.phonemes] == [p.symbol for p in b.phonemes]
    assert [w.symbol for w in a.words] == [w.symbol for w in b.words]
    for x, y in zip(a.phonemes + a.words, b.phonemes + b.words):
        assert abs(x.start - y.start) < TOLERANCE_S and abs(x.end - y.end) < TOLERANCE_S


def test_custom_voice_picks_language_by_script(engine):
    for text, named in ((KO, "ko"), (EN, "en-us")):
        auto = engine.synthesize(text, "Custom")
        _assert_same_speech(auto, engine.synthesize(text, named))
        _assert_same_speech(auto, engine.synthesize(text))
    assert engine.resolve_voice(KO, None) == "ko" and engine.resolve_voice(EN, "Custom") == "en-us"


def test_voices_and_variants(engine):
    voices = engine.voices()
    assert voices[0] == "Custom" and {"ko", "ko-female", "en-us", "en-us-female"} <= set(voices)
    male, female = engine.synthesize("테스트입니다.", "ko"), engine.synthesize("테스트입니다.", "ko-female")
    assert not np.array_equal(male.samples[:2000], female.samples[:2000])
    assert engine.name == "espeak" and engine.display_name == "eSpeak NG"


def test_normalised_text_is_spoken(engine):
    clip = engine.synthesize("2025년에 AI 면접을 3개 봤어요.", "ko")
    assert [w.symbol for w in clip.words] == ["이천이십오년에", "에이아이", "면접을", "세", "개", "봤어요"]
    raw = EspeakEngine(normalize=False).synthesize("**안녕**", "en-us")
    assert raw.duration > engine.synthesize("**안녕**", "en-us").duration  # "asterisk asterisk ..." spelled


def test_rate_and_pitch_options():
    slow = EspeakEngine(rate_wpm=120).synthesize(EN, "en-us")
    fast = EspeakEngine(rate_wpm=300).synthesize(EN, "en-us")
    assert fast.duration < 0.7 * slow.duration
    high = EspeakEngine(pitch=90).synthesize(EN, "en-us")
    assert not np.array_equal(high.samples[:5000], slow.samples[:5000])
    with pytest.raises(ValueError, match="rate_wpm"):
        EspeakEngine(rate_wpm=10)
    with pytest.raises(ValueError, match="pitch"):
        EspeakEngine(pitch=101)


@pytest.mark.parametrize("text", ["", "   \n", "😀👍", "***"])
def test_nothing_to_speak_raises(engine, text):
    with pytest.raises(TTSError):
        engine.synthesize(text)


def test_unknown_voice_names_valid_ones(engine):
    with pytest.raises(TTSError, match="unknown espeak voice 'Rachel'.*Custom, ko, ko-female, en-us"):
        engine.synthesize("hello", "Rachel")


def test_concurrent_calls_match_sequential(engine):
    texts = [KO, EN, "두 번째 문장입니다. 잘 부탁드립니다.", "The quick brown fox jumps over the lazy dog."] * 2
    voices = ["ko", "en-us", "ko-female", "en-us-female"] * 2
    expected = [engine.synthesize(t, v) for t, v in zip(texts, voices)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(engine.synthesize, texts, voices))
    for want, have in zip(expected, got):
        _assert_same_speech(have, want)


class _SetAfter(threading.Event):
    """A cancel event that reads as set from its n-th check on (a cancel arriving mid-synthesis)."""

    def __init__(self, n: int) -> None:
        super().__init__()
        self.n, self.checks = n, 0

    def is_set(self) -> bool:
        self.checks += 1
        return self.checks >= self.n


def test_cancel_stops_synthesis_promptly(engine):
    long_text = " ".join([EN] * 12)  # ~50 s of speech
    cancel = _SetAfter(3)
    with pytest.raises(SynthesisCancelled):
        engine.synthesize(long_text, "en-us", cancel=cancel)
    assert cancel.checks == 3  # the callback stopped at its first check after the cancel
    assert isinstance(SynthesisCancelled("x"), TTSError)
    already = threading.Event()
    already.set()
    with pytest.raises(SynthesisCancelled):
        engine.synthesize(EN, cancel=already)
    # espeak is usable afterwards and says the same as before
    _assert_same_speech(engine.synthesize(EN, "en-us", cancel=threading.Event()), engine.synthesize(EN, "en-us"))


def test_ipa_symbols_are_cleaned():
    assert [ipa_symbol(s) for s in ("ˈɐ", "ˌoʊ", "k-", "q", "ph", "tʃh", "h", "n")] == [
        "ɐ", "oʊ", "k\u031a", "ʔ", "pʰ", "tʃʰ", "h", "n"]


def _events(*items: tuple) -> tuple[RawEvent, ...]:
    return tuple(RawEvent(*item) for item in items)


def test_timings_from_events_fill_missing_words_and_clamp():
    text = "가나 다라마 바"
    events = _events(
        (EVENT_WORD, 1, 2, 0), (EVENT_PHONEME, 1, 0, 0, "k"), (EVENT_PHONEME, 1, 0, 100, "ɐ"),
        (EVENT_PHONEME, 1, 0, 200, "n"), (EVENT_PHONEME, 1, 0, 250, "ɐ"),
        # no WORD event for 다라마: its phonemes follow 가나's
        (EVENT_PHONEME, 1, 0, 300, "t"), (EVENT_PHONEME, 1, 0, 400, "ɐ"), (EVENT_PHONEME, 1, 0, 500, "m"),
        (EVENT_PHONEME, 1, 0, 550, "ɐ"), (EVENT_PHONEME, 1, 0, 650, ""),
        (EVENT_WORD, 8, 1, 640), (EVENT_PHONEME, 8, 0, 600, "p"), (EVENT_PHONEME, 8, 0, 900, "ɐ"),
    )
    phonemes = phoneme_timings(events, duration=0.95)
    assert [p.symbol for p in phonemes] == ["k", "ɐ", "n", "ɐ", "t", "ɐ", "m", "ɐ", "p", "ɐ"]
    assert phonemes[7].end == pytest.approx(0.65)  # ends at the pause (zero length: the pause is dropped)
    assert phonemes[8].start == pytest.approx(0.65)  # an early event is moved, never back in time
    assert phonemes[-1].end == pytest.approx(0.95)
    words = word_timings(text, events, duration=0.95)
    assert [w.symbol for w in words] == ["가나", "다라마", "바"]
    assert words[0].start == 0.0 and words[1].end == pytest.approx(0.65)
    assert words[0].end <= words[1].start < words[2].start
