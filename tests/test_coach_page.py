"""The coach on the demo page in Chromium with a fake microphone (a WAV spoken by espeak-ng):
speak → live transcript → fix → send → … → feedback report, printable and downloadable; hands-free stops by itself."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from stt.base import SAMPLE_RATE
from stt.synthetic import spoken
from tests.page_screenshots import (CHROMIUM, CHROMIUM_ARGS, DESKTOP, TURN_TIMEOUT_MS, serve,
                                    start_interview, take, wait_for_reply)
from tts.base import AudioClip
from tts.wav import write_wav

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} not found: apt-get install -y chromium", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright not installed")
pytest.importorskip("faster_whisper", reason="faster-whisper not installed: .venv/bin/pip install -r requirements.txt")

SPOKEN_ANSWER = "I led a team of five engineers and we reduced the build time by half."
TRAILING_SILENCE_S = 3.0  # longer than the page's hands-free timeout (2 s)
STT_TIMEOUT_MS = 120_000  # a transcription on two busy shared cores can take a while
LISTENING_LOG = """() => { window.listeningLog = []; const screen = document.querySelector('#screen');
  new MutationObserver(() => window.listeningLog.push(screen.dataset.listening))
    .observe(screen, {attributes: true, attributeFilter: ['data-listening']}); }"""


@pytest.fixture(scope="module")
def microphone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fake microphone's audio: the spoken answer, then silence (Chromium loops the file)."""
    samples = np.concatenate([spoken(SPOKEN_ANSWER), np.zeros(int(TRAILING_SILENCE_S * SAMPLE_RATE), np.float32)])
    path = tmp_path_factory.mktemp("mic") / "answer.wav"
    write_wav(path, AudioClip((samples * 32767).astype(np.int16), SAMPLE_RATE))
    return path


@pytest.fixture(scope="module")
def browser(microphone: Path) -> Iterator[Any]:
    fake_mic = ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                f"--use-file-for-fake-audio-capture={microphone}"]
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=[*CHROMIUM_ARGS, *fake_mic])
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any, make_app) -> Iterator[tuple[Any, str]]:
    app = make_app(DEFAULT_RESOLUTION="360p", STT_PARTIAL_INTERVAL_S=0.75)
    context = browser.new_context(viewport=DESKTOP, locale="ko-KR", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(TURN_TIMEOUT_MS)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    with serve(app) as base_url:
        yield page, base_url
    context.close()
    assert not errors


def test_spoken_answers_push_to_talk_and_hands_free_are_transcribed_live_fixed_sent_and_reported(page):
    page, base_url = page
    page.goto(base_url + "/")
    page.click("[data-lang=en]")  # English answers: an English interview (the page's language is the interview's)
    page.wait_for_function("() => !document.querySelector('#start').disabled")
    page.select_option("#engine", "espeak")
    page.select_option("#voice", "en-us")
    start_interview(page, base_url, questions=1)
    wait_for_reply(page, 1)
    page.evaluate(LISTENING_LOG)
    page.click("#mic")
    page.wait_for_function("() => document.querySelector('#mic').getAttribute('aria-pressed') === 'true'")
    page.wait_for_function("() => document.querySelector('#answer').value.trim().length > 0",
                           timeout=STT_TIMEOUT_MS)
    assert page.get_attribute("#mic", "aria-pressed") == "true"  # the transcript appeared while recording
    page.wait_for_timeout(2500)
    # the interviewer listened while the mic was live, and nodded once the live transcript paused
    page.wait_for_function("() => window.listeningLog.includes('nod')", timeout=STT_TIMEOUT_MS)
    assert page.evaluate("() => window.listeningLog.slice(0, 2)") == ["on", "nod"]
    page.click("#mic")
    page.wait_for_function("() => document.querySelector('#answer').readOnly === false", timeout=STT_TIMEOUT_MS)
    text = page.input_value("#answer")
    assert "engineers" in text.lower() and len(text.split()) >= 6  # espeak through the fake mic: most words survive
    take(page, "coach-transcript")
    page.fill("#answer", text + " Thank you.")  # the candidate fixes the transcript before sending
    page.press("#answer", "Enter")
    wait_for_reply(page, 2)
    page.check("#hands-free")  # the second answer (to the closing invitation) hands-free: it stops by itself
    page.click("#mic")
    page.wait_for_function("() => document.querySelector('#mic').getAttribute('aria-pressed') === 'true'")
    page.wait_for_function("() => document.querySelector('#mic').getAttribute('aria-pressed') === 'false' "
                           "&& "
                           "!document.querySelector('#answer').readOnly", timeout=STT_TIMEOUT_MS)
    assert "engineers" in page.input_value("#answer").lower()
    page.press("#answer", "Enter")
    wait_for_reply(page, 3)
    take(page, "coach-finished")
    page.wait_for_selector("#report:not([hidden]) #report-body .q", timeout=TURN_TIMEOUT_MS)
    first = page.locator("#report-body .q").first
    assert "Thank you." in first.inner_text() and first.locator(".metrics").count() == 1
    assert 0 <= int(page.inner_text("#report-body .overall .score")) <= 100
    take(page, "coach-report")
    with page.expect_download() as download:
        page.click("#report-json")
    report = json.loads(Path(download.value.path()).read_text())
    assert report["questions"][0]["metrics"]["mode"] == "voice"
    assert report["questions"][0]["metrics"]["speaking_time_s"] > 1
    with page.expect_download() as download:
        page.click("#report-html")
    html = Path(download.value.path()).read_text()
    assert html.startswith("<!doctype html>") and "Thank you." in html
    page.evaluate("document.body.classList.add('print-report')")
    page.emulate_media(media="print")
    assert page.is_visible("#report") and not page.is_visible("#interview")
