"""Fair speech to text: turns at the recogniser round robin across clients with a per-client bound, a wait that ends
when its client leaves, /api/stt and stt_start in the generate limit, live state freed on disconnect and capped."""
from __future__ import annotations

import io
import threading
import time

import pytest
import requests
import socketio

from stt.base import SAMPLE_RATE, STTCancelled, Transcript, check_cancelled
from stt.fair_queue import FairQueue, STTBusy
from stt.synthetic import encoded, pcm16, spoken
from tests.conftest import wait_until
from tests.fakes.coach_servers import FakeTranscriptionServer
from tests.test_safety_owners import browser

ANSWER = "I led a team of five engineers and we reduced the build time."


class HeldTranscriptions(FakeTranscriptionServer):
    """A transcription server whose answers wait for `release`."""

    def __init__(self) -> None:
        super().__init__(text=" I led a team. ", language="english")
        self.release = threading.Event()

    def handle(self, exchange) -> None:
        exchange.hold(self.release)
        super().handle(exchange)


@pytest.fixture(scope="module")
def wav() -> bytes:
    return encoded(spoken(ANSWER), "wav")


def upload(client, data: bytes):
    return client.post("/api/stt", data={"file": (io.BytesIO(data), "a.wav")}, content_type="multipart/form-data")


def test_turns_go_round_robin_across_clients_and_one_client_cannot_queue_many():
    queue, order, gate = FairQueue(per_client=2, wait_s=10), [], threading.Event()

    def transcribe(client: str, hold: bool = False) -> None:
        with queue.turn(client):
            order.append(client)
            if hold:
                gate.wait(10)

    first = threading.Thread(target=transcribe, args=("a", True))
    first.start()
    wait_until(lambda: order == ["a"], what="a's first turn")
    waiting = [threading.Thread(target=transcribe, args=(c,)) for c in ("a", "b")]
    for t in waiting:
        t.start()
        time.sleep(0.05)
    wait_until(lambda: queue.pending("a") == 2 and queue.pending("b") == 1, what="both waiting")
    with pytest.raises(STTBusy):
        with queue.turn("a"):
            pass
    gate.set()
    for t in [first, *waiting]:
        t.join(10)
    assert order == ["a", "b", "a"]  # b, served least recently, before a's second


def test_a_wait_ends_when_its_client_leaves():
    queue, left, result = FairQueue(per_client=1, wait_s=10), threading.Event(), {}

    def waiter() -> None:
        try:
            with queue.turn("b", left.is_set):
                result["ran"] = True
        except STTCancelled as e:
            result["cancelled"] = str(e)

    with queue.turn("a"):
        thread = threading.Thread(target=waiter)
        thread.start()
        wait_until(lambda: queue.pending("b") == 1, what="b waiting")
        left.set()
        thread.join(5)
    assert "ran" not in result and "left" in result["cancelled"] and queue.pending("b") == 0


def test_an_uploader_waits_its_turn_and_cannot_queue_a_second_upload(make_app, wav):
    with HeldTranscriptions() as fake:
        app = make_app(STT_ENGINE="openai", STT_API_URL=fake.url + "/v1")
        alice, bob = browser(app), browser(app, address="10.0.0.2")
        results: dict = {}
        threads = [threading.Thread(target=lambda: results.update(alice=upload(alice, wav))),
                   threading.Thread(target=lambda: results.update(bob=upload(bob, wav)))]
        threads[0].start()
        wait_until(lambda: len(fake.requests) == 1, what="alice's transcription upstream")
        threads[1].start()
        time.sleep(0.3)
        again = upload(alice, wav)
        fake.release.set()
        for t in threads:
            t.join(30)
    assert again.status_code == 429 and int(again.headers["Retry-After"]) >= 1
    assert results["alice"].status_code == results["bob"].status_code == 200
    assert len(fake.requests) == 2


def test_uploads_count_in_the_generate_limit(make_app, wav):
    with FakeTranscriptionServer(text=" I led. ", language="english") as fake:
        app = make_app(STT_ENGINE="openai", STT_API_URL=fake.url + "/v1", RATE_LIMIT_GENERATE="1/minute")
        client = browser(app)
        assert upload(client, wav).status_code == 200
        assert upload(client, wav).status_code == 429
        assert client.post("/api/chat", json={"message": "안녕하세요", "history": []}).status_code == 429


def test_live_transcription_state_is_freed_on_disconnect_and_capped(make_app):
    from server.services import coach_services

    app = make_app(STT_MAX_STREAMS=1)
    streams = coach_services(app).streams
    socketio = app.extensions["socketio"]
    first = socketio.test_client(app, flask_test_client=browser(app))
    assert first.emit("stt_start", {"language": "en"}, callback=True)["accepted"] is True
    first.emit("stt_chunk", pcm16(spoken(ANSWER)[: SAMPLE_RATE // 2]))
    second = socketio.test_client(app, flask_test_client=browser(app, address="10.0.0.5"))
    refused = second.emit("stt_start", {"language": "en"}, callback=True)
    assert refused["accepted"] is False and "live transcriptions" in refused["error"]
    first.disconnect()
    assert streams.count() == 0  # its audio is gone with it
    assert second.emit("stt_start", {"language": "en"}, callback=True)["accepted"] is True
    second.disconnect()


class UntilCancelled:
    """An engine whose first transcription runs until its client leaves; the later ones answer at once."""

    name, languages = "until-cancelled", None

    def __init__(self) -> None:
        self.started, self.stopped = threading.Event(), threading.Event()

    def load(self) -> None:
        """Nothing to load."""

    def transcribe(self, samples, language=None, *, words=True, cancelled=None) -> Transcript:
        if not self.started.is_set():
            self.started.set()
            deadline = time.monotonic() + 90  # generous: only a cancel ends it before
            while time.monotonic() < deadline:
                try:
                    check_cancelled(cancelled)
                except STTCancelled:
                    self.stopped.set()
                    raise
                time.sleep(0.05)
            raise AssertionError("the first transcription was never cancelled")
        return Transcript("I led a team.", "en", len(samples) / SAMPLE_RATE)


def live_client(base_url: str) -> socketio.Client:
    """A real Socket.IO client with a browser's identity cookie of its own."""
    session = requests.Session()
    assert session.get(f"{base_url}/api/queue_status", timeout=10).ok
    client = socketio.Client(http_session=session)
    client.connect(base_url, transports=["polling"], wait_timeout=10)
    return client


def speak_answer(client: socketio.Client, samples) -> None:
    """stt_start, the answer's audio, stt_stop: the final transcription starts on the server."""
    assert client.call("stt_start", {"language": "en"}, timeout=10)["accepted"] is True
    client.call("stt_chunk", pcm16(samples), timeout=10)  # acked: the server handles events on threads of their own
    assert client.call("stt_stop", {}, timeout=10)["accepted"] is True


def test_a_running_transcription_stops_when_its_socket_leaves_and_frees_the_turn(make_app):
    from server.services import coach_services
    from tests.page_screenshots import serve

    app = make_app(STT_PARTIAL_INTERVAL_S=1000.0)  # no partials: the final is the only transcription
    engine = coach_services(app).stt = UntilCancelled()
    answer = spoken(ANSWER)
    with serve(app) as base_url:
        leaving, staying = live_client(base_url), live_client(base_url)
        finals: list[dict] = []
        staying.on("stt_final", finals.append)
        try:
            speak_answer(leaving, answer)
            assert engine.started.wait(10), "the first transcription never started"
            leaving.disconnect()  # mid-transcription
            speak_answer(staying, answer)
            # the leave is seen at once when the close packet gets through, else at the Engine.IO ping timeout
            # (25 + 20 s): either way before the first transcription's own 90 s end (CI once took > 20 s)
            wait_until(lambda: finals, timeout=70, what="the other client's final (it waits while the first runs)")
        finally:
            staying.disconnect()
            leaving.disconnect()
    assert engine.stopped.is_set() and finals[0]["text"] == "I led a team."
