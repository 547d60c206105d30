"""The interview demo page end to end: the real server and engines, driven in Debian's Chromium by playwright.

Skipped where /usr/bin/chromium or the playwright package is missing (`apt-get install chromium`,
`pip install playwright`; never `playwright install`). Screenshots land in test-artifacts/ (git-ignored).
"""
from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask

from jobs.queue import Job
from tests.conftest import services_of
from tests.page_screenshots import (ANSWERS, CHROMIUM, DESKTOP, TURN_TIMEOUT_MS, answer, launch_chromium, serve,
                                    start_interview, take, wait_for_reply)
from tts.base import TTSError

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium) to run the page tests",
                allow_module_level=True)
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright not installed: .venv/bin/pip install playwright")

STREAM_GLOB = "**/api/v2/chat_and_lipsync/stream"
HOLD_SLOT_LIMIT_S = 30.0  # the job holding the only render slot gives it up after this even if nobody cancels
BROWSER_HTTP_ERROR = "Failed to load resource"  # Chromium logs every 4xx/5xx; the page shows its own message
QUEUE_FULL_BODY = '{"success": false, "error": "the generation queue is full, try again later"}'


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture
def served(make_app: Callable[..., Flask]) -> Iterator[tuple[Flask, str]]:
    """A fresh app on the embedded engines, served over HTTP on a free port."""
    app = make_app(DEFAULT_RESOLUTION="360p")
    with serve(app) as base_url:
        yield app, base_url


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A Korean-locale page that records script errors and console errors other than HTTP failures."""
    context = browser.new_context(viewport=DESKTOP, locale="ko-KR")
    page = context.new_page()
    page.set_default_timeout(TURN_TIMEOUT_MS)
    page.script_errors = []
    page.on("pageerror", lambda error: page.script_errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and not message.text.startswith(BROWSER_HTTP_ERROR)
            and page.script_errors.append(message.text))
    yield page
    context.close()


def video_state(page: Any) -> dict[str, Any]:
    return page.evaluate("""() => { const v = document.querySelector('#avatar-video');
        return {time: v.currentTime, ready: v.readyState, src: v.currentSrc, paused: v.paused}; }""")


def assert_face_stays_after_playback(page: Any) -> None:
    """The segments tile without gaps, and once the reply ends its last frame stays on screen."""
    page.wait_for_function("isFinite(document.querySelector('#avatar-video').duration)")  # MediaSource ended
    buffered = page.evaluate("""() => { const v = document.querySelector('#avatar-video');
        return Array.from({length: v.buffered.length}, (_, i) => [v.buffered.start(i), v.buffered.end(i)]); }""")
    assert len(buffered) == 1 and buffered[0][0] < 0.1, buffered
    page.evaluate("() => { const v = document.querySelector('#avatar-video'); v.currentTime = v.duration - 0.3; }")
    page.wait_for_selector("#screen[data-mode=idle]")
    still = page.evaluate("""() => { const c = document.querySelector('#still');
        const px = c.getContext('2d').getImageData(c.width / 2, c.height / 3, 1, 1).data;
        return {width: c.width, height: c.height, pixel: Array.from(px),
                visible: getComputedStyle(c).visibility === 'visible'
                         && !document.querySelector('#placeholder').checkVisibility()}; }""")
    assert (still["width"], still["height"]) == (640, 360) and still["visible"], still
    assert still["pixel"][3] == 255 and sum(still["pixel"][:3]) > 60, still  # an opaque, non-black frame
    assert page.is_visible("#stages [data-stage=play].done")


def test_interview_plays_streams_captions_and_keeps_a_transcript(page: Any, served: tuple[Flask, str]):
    _, base_url = served
    start_interview(page, base_url)
    wait_for_reply(page, 1)

    state = video_state(page)
    assert state["ready"] >= 2 and not state["paused"]
    assert state["src"].startswith("blob:"), "segments should play progressively through MediaSource"
    page.wait_for_function(f"document.querySelector('#avatar-video').currentTime > {state['time'] + 0.3}")
    page.wait_for_selector("#captions.visible")
    assert page.text_content("#captions").strip()
    greeting = page.text_content("#transcript .entry.interviewer p.text")
    assert greeting.strip() and page.text_content("#interviewer-words").strip() == greeting.strip()

    for count, text in enumerate(ANSWERS, start=2):
        answer(page, text)
        wait_for_reply(page, count)
    replies = page.locator("#transcript .entry.interviewer p.text").all_text_contents()
    assert len(replies) == 3 and len(set(replies)) == 3, replies
    assert page.locator("#transcript .entry.candidate p.text").all_text_contents() == list(ANSWERS)
    timings = page.locator("#transcript .entry.interviewer .timing").all_text_contents()
    assert len(timings) == 3 and all("첫 영상" in line and "–" not in line for line in timings), timings
    page.wait_for_selector("#stages [data-stage=play].active, #stages [data-stage=play].done")
    take(page, "e2e-interview-desktop-ko")
    assert_face_stays_after_playback(page)

    with page.expect_download() as download:
        page.click("#download")
    saved = download.value.path().read_text(encoding="utf-8")
    assert all(text in saved for text in ANSWERS) and replies[-1] in saved

    page.click("[data-lang=en]")
    assert page.text_content("#send") == "Send" and page.get_attribute("html", "lang") == "en"
    page.once("dialog", lambda dialog: dialog.accept())  # "end this interview?"
    page.click("#new-interview")
    assert page.is_visible("#setup") and page.is_hidden("#interview")
    assert page.locator("#transcript .entry").count() == 0
    assert page.script_errors == []


def test_queue_position_shows_and_cancel_stops_the_waiting_job(page: Any, make_app: Callable[..., Flask]):
    app = make_app(DEFAULT_RESOLUTION="360p", MAX_CONCURRENT=1)
    queue = services_of(app).queue

    def hold_slot(job: Job) -> dict[str, Any]:
        job.acquire_slot()
        job.cancel_event.wait(HOLD_SLOT_LIMIT_S)
        job.check()
        return {}

    blocker = queue.submit(Job(work=hold_slot, sid="blocker"))
    page.add_init_script("delete window.SpeechRecognition; delete window.webkitSpeechRecognition;")
    with serve(app) as base_url:
        start_interview(page, base_url)
        assert page.is_disabled("#mic")
        assert "음성 입력을 지원하지 않습니다" in page.text_content("#speech-note")
        page.wait_for_selector("#queue-badge:has-text('대기열 1번째')")
        assert page.is_visible("#stages [data-stage=lipsync].active") and page.is_disabled("#send")
        assert queue.snapshot()["queue_length"] == 1
        page.keyboard.press("Escape")  # the keyboard shortcut of the Cancel button
        page.wait_for_function("document.querySelector('#status-line').textContent.includes('취소했습니다')")
        assert page.is_hidden("#cancel") and page.is_enabled("#send") and page.is_hidden("#queue-badge")
        assert queue.snapshot()["queue_length"] == 0 and queue.active_count() == 1  # only the blocker is left
        assert page.locator("#transcript .entry").count() == 0
    queue.cancel_job(blocker.id)
    assert page.script_errors == []


def test_full_queue_and_engine_failure_show_messages_and_the_mp4_fallback_plays(
        page: Any, served: tuple[Flask, str], monkeypatch: pytest.MonkeyPatch):
    app, base_url = served
    engine = services_of(app).tts.engines["espeak"]

    def down(text: str, voice: str | None = None, *, cancel: threading.Event | None = None):
        raise TTSError("engine unreachable at http://127.0.0.1:9880 (connection refused)")

    monkeypatch.setattr(engine, "synthesize", down)
    refused = []

    def queue_full_once(route: Any) -> None:
        if refused:
            route.continue_()
            return
        refused.append(route.request.url)
        route.fulfill(status=503, headers={"Retry-After": "1"}, content_type="application/json", body=QUEUE_FULL_BODY)

    page.route(STREAM_GLOB, queue_full_once)
    page.add_init_script("delete window.MediaSource;")  # a browser without MSE: the fallback path
    start_interview(page, base_url)
    page.wait_for_selector("#alert:has-text('대기열이 가득')")
    page.wait_for_selector("#alert:has-text('TTS error: engine unreachable')")  # the automatic retry reached the engine
    assert len(refused) == 1 and page.is_visible("#alert-retry") and page.is_enabled("#send")

    monkeypatch.undo()  # the engine is back
    page.click("#alert-retry")
    wait_for_reply(page, 1)
    assert page.is_hidden("#alert")
    assert video_state(page)["src"].endswith(".mp4"), "without MediaSource the turn's whole MP4 plays"
    assert page.script_errors == []
