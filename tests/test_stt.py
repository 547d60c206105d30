"""Speech to text: /api/stt on the embedded faster-whisper engine (browser formats, limits, hostile input),
live transcription over Socket.IO, the remote OpenAI-compatible engine against a local wire server."""
from __future__ import annotations

import io
import time
from pathlib import Path

import numpy as np
import pytest

from stt.base import SAMPLE_RATE
from stt.openai_stt import OpenAISTTEngine
from stt.packaged_model import assemble
from stt.synthetic import encoded, pcm16, spoken
from tests.fakes.base import refused_url
from tests.fakes.chat import Mode
from tests.fakes.coach_servers import FakeTranscriptionServer

pytest.importorskip("faster_whisper", reason="faster-whisper not installed: .venv/bin/pip install -r requirements.txt")

ENGLISH = "I led a team of five engineers and we reduced the build time."
CHUNK_S = 0.25  # s of audio per streamed chunk, as the page sends them


@pytest.fixture(scope="module")
def english() -> np.ndarray:
    return spoken(ENGLISH)


def upload(client, data: bytes, name: str = "answer.webm", **form: str):
    return client.post("/api/stt", data={"file": (io.BytesIO(data), name), **form}, content_type="multipart/form-data")


# Whisper writes a small number either way, "five" or "5", and which differs between machines with the same pinned
# packages (stop 29's machine wrote "5" where earlier ones wrote "five"): both are right.
_DIGITS = {"1": "one", "2": "two", "3": "three", "4": "four", "5": "five", "6": "six", "7": "seven", "8": "eight",
           "9": "nine"}


def words_of(text: str) -> set[str]:
    words = (w.strip(".,!?").lower() for w in text.split())
    return {_DIGITS.get(w, w) for w in words}


@pytest.mark.parametrize("fmt", ["webm", "wav", "mp3"])
def test_upload_in_browser_formats_is_transcribed_with_word_timings(client, english, fmt):
    response = upload(client, encoded(english, fmt), f"answer.{fmt}", language="en")
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert {"team", "five", "engineers"} <= words_of(body["text"])
    assert body["language"] == "en" and body["engine"] == "whisper"
    assert body["duration"] == pytest.approx(len(english) / SAMPLE_RATE, abs=0.1)
    starts = [w["start"] for w in body["words"]]
    assert starts == sorted(starts) and all(w["end"] >= w["start"] for w in body["words"])
    assert body["words"][-1]["end"] <= body["duration"] + 0.1


def test_language_is_detected_when_not_given(client, english):
    assert upload(client, encoded(english, "wav"), "a.wav").get_json()["language"] == "en"


@pytest.mark.parametrize(("data", "message"), [
    (encoded(np.zeros(2 * SAMPLE_RATE, np.float32), "wav"), "silent"),
    (encoded(np.zeros(SAMPLE_RATE // 20, np.float32), "wav"), "shorter"),
    (b"\x1aE\xdf\xa3 this is not really a webm file" * 50, "not a readable audio file"),
    (b"", "empty"),
])
def test_silent_short_or_garbage_audio_is_a_400_naming_the_file(client, data, message):
    response = upload(client, data)
    assert response.status_code == 400
    assert response.get_json()["success"] is False
    assert "'file'" in response.get_json()["error"] and message in response.get_json()["error"]


def test_missing_file_and_bad_language_are_400(client, english):
    assert "'file' is required" in client.post("/api/stt", data={}).get_json()["error"]
    response = upload(client, encoded(english, "wav"), language="fr")
    assert response.status_code == 400 and "'language'" in response.get_json()["error"]


def test_length_and_size_limits_are_413(make_app, english):
    client = make_app(STT_MAX_SECONDS=1.0, STT_MAX_BYTES=60_000).test_client()
    long = upload(client, encoded(english[: 3 * SAMPLE_RATE // 2], "webm"))
    assert long.status_code == 413 and "1 s limit" in long.get_json()["error"]
    big = upload(client, encoded(english, "wav"), "a.wav")
    assert big.status_code == 413 and "byte limit" in big.get_json()["error"]


def socket_client(app):
    return app.extensions["socketio"].test_client(app, flask_test_client=app.test_client())


def wait_for(sock, name: str, received: list[dict], timeout: float = 60.0) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        received += sock.get_received()
        found = [e for e in received if e["name"] == name]
        if found:
            return found[0]["args"][0]
        time.sleep(0.02)
    raise AssertionError(f"no {name}; got {[e['name'] for e in received]}")


def test_live_transcription_sends_partials_while_speaking_then_the_final_text(make_app, english):
    app = make_app(STT_PARTIAL_INTERVAL_S=0.5)
    sock = socket_client(app)
    assert sock.emit("stt_start", {"language": "en"}, callback=True)["accepted"] is True
    received: list[dict] = []
    step = int(CHUNK_S * SAMPLE_RATE)
    for i in range(0, len(english), step):
        sock.emit("stt_chunk", pcm16(english[i:i + step]))
        time.sleep(0.01)
    partial = wait_for(sock, "stt_partial", received)  # arrives before stt_stop was sent
    assert partial["seconds"] > 0 and isinstance(partial["text"], str)
    assert sock.emit("stt_stop", callback=True)["accepted"] is True
    final = wait_for(sock, "stt_final", received)
    assert {"team", "five", "engineers"} <= words_of(final["text"])
    assert final["words"] and final["language"] == "en"


def test_live_transcription_refuses_bad_input_with_error_events(make_app):
    sock = socket_client(make_app())
    received: list[dict] = []
    sock.emit("stt_chunk", b"\x00\x00")
    assert "stt_start" in wait_for(sock, "error", received)["error"]
    assert sock.emit("stt_start", {"sample_rate": 44100}, callback=True)["accepted"] is False
    sock.emit("stt_start", {})
    sock.emit("stt_chunk", {"not": "binary"})
    sock.emit("stt_stop")
    received.clear()
    errors = []
    deadline = time.monotonic() + 30
    while len(errors) < 2 and time.monotonic() < deadline:
        errors += [e["args"][0]["error"] for e in sock.get_received() if e["name"] == "error"]
        time.sleep(0.02)
    assert any("binary PCM" in e for e in errors) and any("shorter" in e or "silent" in e for e in errors)


def test_remote_engine_speaks_the_openai_transcriptions_protocol(english):
    words = [{"word": "I", "start": 0.3, "end": 0.4}, {"word": "led", "start": 0.4, "end": 0.7}]
    with FakeTranscriptionServer(text=" I led. ", words=words, language="english") as fake:
        transcript = OpenAISTTEngine(fake.url + "/v1", "whisper-1", "key", 5).transcribe(english, "en")
        sent = fake.requests_to("/v1/audio/transcriptions")[-1]
        assert fake.form_field("model") == b"whisper-1" and fake.form_field("language") == b"en"
        assert fake.form_field("response_format") == b"verbose_json"
        assert fake.form_field("file")[:4] == b"RIFF"
    assert sent.headers["authorization"] == "Bearer key"
    assert (transcript.text, transcript.language, transcript.duration) == ("I led.", "en", 2.5)
    assert [w.word for w in transcript.words] == ["I", "led"]


@pytest.mark.parametrize("mode", [Mode.HTTP_500, Mode.HTML])
def test_remote_engine_failures_are_a_503_from_the_route(make_app, english, mode):
    with FakeTranscriptionServer(mode=mode) as fake:
        client = make_app(STT_ENGINE="openai", STT_API_URL=fake.url + "/v1").test_client()
        response = upload(client, encoded(english, "wav"), "a.wav")
    assert response.status_code == 503 and response.get_json()["error"].startswith("STT error")


def test_remote_engine_that_is_down_is_a_503(make_app, english):
    client = make_app(STT_ENGINE="openai", STT_API_URL=refused_url(), STT_TIMEOUT_S=2).test_client()
    assert upload(client, encoded(english, "wav"), "a.wav").status_code == 503


def test_unknown_engine_fails_at_start(make_app):
    from settings import ConfigError

    with pytest.raises(ConfigError, match="valid: openai, vosk, whisper"):
        make_app(STT_ENGINE="nope")


def test_packaged_model_is_joined_once(tmp_path: Path):
    folder = assemble(tmp_path)
    model = folder / "model.bin"
    stamp = model.stat().st_mtime_ns
    assert (folder / "tokenizer.json").is_file() and model.stat().st_size > 100_000_000
    assert assemble(tmp_path) == folder and model.stat().st_mtime_ns == stamp


def test_whisper_stops_at_the_next_window_once_its_client_has_left(english):
    from stt.base import STTCancelled
    from stt.whisper import WhisperEngine

    asked: list[int] = []

    def left_after_the_first_window() -> bool:
        asked.append(1)
        return len(asked) > 1  # still there when it starts, gone once a window is decoded

    long_answer = np.concatenate([english] * 12)  # about 50 s: two 30-s windows
    with pytest.raises(STTCancelled):
        WhisperEngine().transcribe(long_answer, "en", cancelled=left_after_the_first_window)
