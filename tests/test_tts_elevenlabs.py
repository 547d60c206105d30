"""ElevenLabsEngine (the real SDK) against a local server speaking ElevenLabs' wire protocol."""
from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import numpy as np
import pytest

from tests.fakes.elevenlabs_server import Fault, FakeElevenLabs
from tests.fakes.speech import char_samples, speech_like
from tts.base import AudioClip, TTSError
from tts.elevenlabs import ElevenLabsEngine
from tts.remote import TTSCancelled

KEY = "xi-SENTINEL-TTS"
VOICE_ID = "21m00Tcm4TlvDq8ikWAM"
TEXT = "Tell me about a project you are proud of."
KO_TEXT = "지원 동기를 말씀해 주세요."
TIMEOUT_S = 2.0  # s, engine timeout in failure tests
SLACK_S = 1.5  # s allowed beyond a timeout for thread scheduling on a busy machine


@pytest.fixture
def fake() -> Iterator[FakeElevenLabs]:
    with FakeElevenLabs(api_key=KEY, voices={VOICE_ID, "domi-id"}) as server:
        yield server


def engine_for(fake: FakeElevenLabs, **kwargs: object) -> ElevenLabsEngine:
    args: dict[str, object] = {"base_url": fake.base_url, "voices": {"Rachel": VOICE_ID, "Domi": "domi-id"},
                               "default_voice": "Rachel", "timeout_s": TIMEOUT_S}
    return ElevenLabsEngine(KEY, **{**args, **kwargs})


def assert_timings_sane(clip: AudioClip) -> None:
    for timings in (clip.phonemes, clip.words):
        starts = [t.start for t in timings]
        assert starts == sorted(starts)
        assert all(0.0 <= t.start <= t.end <= clip.duration for t in timings)


def test_request_matches_the_wire_contract(fake: FakeElevenLabs) -> None:
    engine_for(fake, voice_models={"Domi": "eleven_flash_v2_5"}).synthesize(TEXT, "Domi")
    request = fake.requests[-1]
    url = urlsplit(request.path)
    assert (request.method, url.path) == ("POST", "/v1/text-to-speech/domi-id/stream/with-timestamps")
    assert parse_qs(url.query) == {"output_format": ["pcm_16000"]}
    assert request.headers["xi-api-key"] == KEY
    assert request.json == {"text": TEXT, "model_id": "eleven_flash_v2_5"}


@pytest.mark.parametrize(("output_format", "rate"), [("pcm_16000", 16000), ("pcm_22050", 22050)])
def test_audio_and_duration_are_exact(fake: FakeElevenLabs, output_format: str, rate: int) -> None:
    clip = engine_for(fake, output_format=output_format).synthesize(TEXT)
    assert clip.sample_rate == rate
    np.testing.assert_array_equal(clip.samples, speech_like(TEXT, rate, fake.char_s))
    assert clip.duration == len(TEXT) * char_samples(rate, fake.char_s) / rate


@pytest.mark.parametrize("relative_times", [False, True])
@pytest.mark.parametrize("text", [TEXT, KO_TEXT])
def test_character_and_word_timings(fake: FakeElevenLabs, relative_times: bool, text: str) -> None:
    fake.relative_times = relative_times
    clip = engine_for(fake).synthesize(text)
    assert_timings_sane(clip)
    assert "".join(t.symbol for t in clip.phonemes) == "".join(text.split())
    assert [w.symbol for w in clip.words] == text.split()
    step = fake.char_s
    index = text.index(text.split()[-1])  # the last word starts here on the utterance's timeline
    assert clip.words[-1].start == pytest.approx(index * step, abs=1e-4)
    assert clip.phonemes[-1].end == pytest.approx(clip.duration, abs=1e-4)


def test_chunks_without_alignment_keep_timings_sane(fake: FakeElevenLabs) -> None:
    fake.null_alignment_every = 2
    fake.relative_times = True
    clip = engine_for(fake).synthesize(TEXT)
    assert_timings_sane(clip)
    assert 0 < len(clip.phonemes) < len("".join(TEXT.split()))
    assert len(clip.samples) == len(TEXT) * char_samples(16000, fake.char_s)  # audio of every chunk kept


@pytest.mark.parametrize(
    ("fault", "message"),
    [
        (Fault.NO_AUDIO, "no audio"),
        (Fault.SSE, "no audio"),  # the SDK drops lines it cannot parse without a word
        (Fault.ODD_BYTES, "odd audio byte count"),
        (Fault.TRUNCATE, "request failed"),
        (Fault.HTTP_500, "HTTP 500: internal_error"),
    ],
)
def test_bad_answers_are_errors(fake: FakeElevenLabs, fault: Fault, message: str) -> None:
    fake.fault = fault
    start = time.monotonic()
    with pytest.raises(TTSError, match=message):
        engine_for(fake).synthesize(TEXT)
    assert time.monotonic() - start < TIMEOUT_S + SLACK_S


def test_wrong_key_is_a_typed_error_without_the_key(fake: FakeElevenLabs) -> None:
    with pytest.raises(TTSError, match="HTTP 401: invalid_api_key Invalid API key") as info:
        ElevenLabsEngine("xi-wrong", base_url=fake.base_url, voices={"Rachel": VOICE_ID},
                         default_voice="Rachel").synthesize(TEXT)
    assert "xi-wrong" not in str(info.value) and KEY not in str(info.value)


def test_unknown_voice_id_on_the_server(fake: FakeElevenLabs) -> None:
    with pytest.raises(TTSError, match="HTTP 404: voice_not_found"):
        engine_for(fake, voices={"Ghost": "nope"}, default_voice="Ghost").synthesize(TEXT)


def test_hanging_server_times_out(fake: FakeElevenLabs) -> None:
    fake.fault = Fault.HANG
    start = time.monotonic()
    with pytest.raises(TTSError, match="timed out"):
        engine_for(fake, timeout_s=1.0).synthesize(TEXT)
    assert time.monotonic() - start < 1.0 + SLACK_S


def test_cancel_closes_the_stream(fake: FakeElevenLabs) -> None:
    fake.chars_per_chunk = 2
    fake.chunk_delay_s = 0.05
    cancel = threading.Event()
    threading.Timer(0.15, cancel.set).start()
    with pytest.raises(TTSCancelled):
        engine_for(fake, timeout_s=30.0).synthesize(TEXT, cancel=cancel)
    assert fake.disconnected.wait(2.0)


def test_local_checks_fail_before_any_http(fake: FakeElevenLabs) -> None:
    engine = engine_for(fake)
    with pytest.raises(TTSError, match="unknown voice 'Bella'"):
        engine.synthesize(TEXT, "Bella")
    with pytest.raises(TTSError, match="empty"):
        engine.synthesize("  ")
    assert fake.requests == []
    with pytest.raises(TTSError, match="output_format"):
        engine_for(fake, output_format="mp3_44100_128")
    with pytest.raises(TTSError, match="default voice"):
        engine_for(fake, default_voice="Custom")
    assert engine.voices() == ["Rachel", "Domi"]


def test_latency_figures_are_reported(fake: FakeElevenLabs) -> None:
    fake.chunk_delay_s = 0.02
    result = engine_for(fake).synthesize_timed(TEXT)
    assert 0 < result.first_byte_s < result.total_s
