"""GptSovitsEngine against a local server speaking api_v2's wire protocol."""
from __future__ import annotations

import http.client
import json
import threading
import time
from collections.abc import Iterator

import numpy as np
import pytest

from tests.fakes.gpt_sovits_server import FakeGptSovits, Fault
from tts.base import TTSError
from tts.gpt_sovits import GptSovitsEngine
from tts.remote import TTSCancelled
from tts.voices import Voice

REF = "ref/interviewer.wav"
TEXT = "안녕하세요, 자기소개 부탁드립니다."
TIMEOUT_S = 2.0  # s, engine timeout in failure tests
SLACK_S = 1.5  # s allowed beyond a timeout for thread scheduling on a busy machine


@pytest.fixture
def fake() -> Iterator[FakeGptSovits]:
    with FakeGptSovits(ref_audio_paths={REF, "ref/english.wav"}) as server:
        yield server


def engine_for(fake: FakeGptSovits, **kwargs: object) -> GptSovitsEngine:
    args: dict[str, object] = {"ref_audio": REF, "prompt_text": "반갑습니다", "prompt_lang": "ko",
                               "timeout_s": TIMEOUT_S}
    return GptSovitsEngine(fake.base_url, **{**args, **kwargs})


def test_request_body_is_exactly_the_contract(fake: FakeGptSovits) -> None:
    engine_for(fake).synthesize(TEXT)
    request = fake.requests_to("/tts")[-1]
    assert request.method == "POST"
    assert request.headers["content-type"] == "application/json"
    assert request.json == {
        "text": TEXT, "text_lang": "ko", "ref_audio_path": REF, "prompt_text": "반갑습니다", "prompt_lang": "ko",
        "media_type": "raw", "streaming_mode": 2, "text_split_method": "cut5", "batch_size": 1,
    }


def test_language_codes_are_sent_lower_case(fake: FakeGptSovits) -> None:
    engine = engine_for(fake, prompt_lang="KO", text_lang="EN")
    engine.synthesize("Tell me about yourself.")
    engine.synthesize(TEXT, text_lang="KO", streaming_mode=0)
    first, second = fake.tts_bodies
    assert (first["text_lang"], first["prompt_lang"]) == ("en", "ko")
    assert (second["text_lang"], second["streaming_mode"]) == ("ko", 0)


@pytest.mark.parametrize("media_type", ["raw", "wav"])
@pytest.mark.parametrize("mode", [0, 1, 2, 3])
def test_audio_is_exact_in_every_mode(fake: FakeGptSovits, mode: int, media_type: str) -> None:
    clip = engine_for(fake, streaming_mode=mode, media_type=media_type).synthesize(TEXT)
    expected = fake.audio_for(TEXT)
    assert clip.sample_rate == 32000
    np.testing.assert_array_equal(clip.samples, expected)
    assert clip.duration == len(expected) / 32000
    assert clip.phonemes == () and clip.words == ()  # api_v2 gives no timings


def test_configured_sample_rate_is_used_for_raw_and_checked_for_wav() -> None:
    with FakeGptSovits(sample_rate=24000) as v3:
        clip = GptSovitsEngine(v3.base_url, ref_audio=REF, sample_rate=24000).synthesize(TEXT)
        assert clip.sample_rate == 24000 and len(clip.samples) == len(v3.audio_for(TEXT))
        with pytest.raises(TTSError, match="24000 Hz, configured 32000"):
            GptSovitsEngine(v3.base_url, ref_audio=REF, media_type="wav").synthesize(TEXT)


def test_catalogue_voice_supplies_reference_and_languages(fake: FakeGptSovits) -> None:
    voice = Voice("sovits_en", "gpt_sovits", "English", "en", ref_audio="ref/english.wav",
                  prompt_text="Nice to meet you.", prompt_lang="en")
    engine = engine_for(fake, voices=[voice])
    assert engine.voices() == ["sovits_en", "sovits_default"]
    engine.synthesize("Hello.", "sovits_en")
    body = fake.tts_bodies[-1]
    assert (body["ref_audio_path"], body["prompt_text"], body["prompt_lang"], body["text_lang"]) == (
        "ref/english.wav", "Nice to meet you.", "en", "en")


@pytest.mark.parametrize(
    ("fault", "mode", "media_type", "message"),
    [
        (Fault.SILENT_200, 0, "wav", "16000 Hz.*failed inference"),
        (Fault.SILENT_200, 0, "raw", "pure silence"),
        (Fault.SILENT_200, 2, "wav", "cut"),
        (Fault.SILENT_200, 2, "raw", "cut"),
        (Fault.TRUNCATE, 0, "raw", "cut short"),
        (Fault.TRUNCATE, 3, "raw", "cut"),
        (Fault.TRUNCATE, 1, "wav", "cut"),
        (Fault.ODD_BYTES, 0, "raw", "odd audio byte count"),
        (Fault.ODD_BYTES, 2, "raw", "odd audio byte count"),
        (Fault.ODD_BYTES, 2, "wav", "odd audio byte count"),
        (Fault.HEADER_ONLY, 2, "wav", "no audio"),
        (Fault.HEADER_ONLY, 0, "raw", "no audio"),
        (Fault.HTTP_500, 0, "raw", "HTTP 500: Internal Server Error"),
        (Fault.WAV_FOR_RAW, 0, "raw", "RIFF header"),
        (Fault.WAV_FOR_RAW, 2, "raw", "RIFF header"),
    ],
)
def test_failures_that_look_like_success_are_errors(
    fake: FakeGptSovits, fault: Fault, mode: int, media_type: str, message: str
) -> None:
    fake.fault = fault
    engine = engine_for(fake, streaming_mode=mode, media_type=media_type)
    start = time.monotonic()
    with pytest.raises(TTSError, match=message):
        engine.synthesize(TEXT)
    assert time.monotonic() - start < TIMEOUT_S + SLACK_S


def test_400_json_errors_carry_the_server_message(fake: FakeGptSovits) -> None:
    missing = engine_for(fake, ref_audio="ref/missing.wav", streaming_mode=0)
    with pytest.raises(TTSError, match=r"HTTP 400: tts failed: ref/missing.wav not exists"):
        missing.synthesize(TEXT)
    with pytest.raises(TTSError, match="cut"):  # the same failure after 200 in a streaming mode
        engine_for(fake, ref_audio="ref/missing.wav", streaming_mode=2).synthesize(TEXT)


def test_422_type_errors_are_reported(fake: FakeGptSovits) -> None:
    with pytest.raises(TTSError, match="HTTP 422.*top_k"):
        engine_for(fake, extra={"top_k": "many"}).synthesize(TEXT)


def test_hanging_server_times_out_and_the_connection_is_dropped(fake: FakeGptSovits) -> None:
    fake.fault = Fault.HANG
    start = time.monotonic()
    with pytest.raises(TTSError, match="within 0.5 s"):
        engine_for(fake, timeout_s=0.5).synthesize(TEXT)
    assert time.monotonic() - start < 0.5 + SLACK_S
    assert fake.disconnected.wait(2.0)


def test_cancel_aborts_the_http_request(fake: FakeGptSovits) -> None:
    fake.fault = Fault.HANG
    cancel = threading.Event()
    threading.Timer(0.2, cancel.set).start()
    with pytest.raises(TTSCancelled):
        engine_for(fake, timeout_s=30.0).synthesize(TEXT, cancel=cancel)
    assert fake.disconnected.wait(2.0)


def test_unreachable_server_is_an_error() -> None:
    with FakeGptSovits() as gone:
        url = gone.base_url
    with pytest.raises(TTSError, match="cannot connect"):
        GptSovitsEngine(url, ref_audio=REF, timeout_s=1.0).synthesize(TEXT)


def _post_directly(url: str) -> None:
    host, port = url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=5)
    body = {"text": "hi", "text_lang": "en", "ref_audio_path": REF, "prompt_lang": "en", "media_type": "raw"}
    conn.request("POST", "/tts", body=json.dumps(body), headers={"Content-Type": "application/json"})
    conn.getresponse().read()
    conn.close()


def test_one_request_in_flight_per_server(fake: FakeGptSovits) -> None:
    fake.synth_delay_s = 0.15
    # the fake does see overlap when clients do not serialise
    threads = [threading.Thread(target=_post_directly, args=(fake.base_url,)) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert fake.max_in_flight == 2
    # two engine objects on the same server share its lock
    fake.max_in_flight = 0
    engines = [engine_for(fake), engine_for(fake, streaming_mode=0)]
    errors: list[BaseException] = []

    def speak(engine: GptSovitsEngine) -> None:
        try:
            engine.synthesize(TEXT)
        except TTSError as e:
            errors.append(e)

    threads = [threading.Thread(target=speak, args=(e,)) for e in engines * 2]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(fake.tts_bodies) == 2 + 4
    assert fake.max_in_flight == 1


@pytest.mark.parametrize("kwargs", [{"streaming_mode": 5}, {"streaming_mode": True}, {"media_type": "ogg"},
                                    {"text_split_method": "cut9"}, {"ref_audio": None}])
def test_bad_configuration_fails_at_construction(fake: FakeGptSovits, kwargs: dict[str, object]) -> None:
    with pytest.raises(TTSError):
        engine_for(fake, **kwargs)


def test_bad_requests_fail_before_any_http(fake: FakeGptSovits) -> None:
    engine = engine_for(fake)
    for call in (lambda: engine.synthesize("   "), lambda: engine.synthesize(TEXT, "nobody"),
                 lambda: engine.synthesize(TEXT, text_lang="klingon"),
                 lambda: engine.synthesize(TEXT, streaming_mode=7)):
        with pytest.raises(TTSError):
            call()
    assert fake.requests == []


def test_latency_figures_are_reported(fake: FakeGptSovits) -> None:
    fake.chunk_delay_s = 0.02
    result = engine_for(fake, streaming_mode=3).synthesize_timed(TEXT)
    assert 0 < result.first_byte_s < result.total_s
