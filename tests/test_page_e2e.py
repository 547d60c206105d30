"""The interview demo page end to end: the real server and engines, driven in Debian's Chromium by playwright.

Skipped where /usr/bin/chromium or the playwright package is missing (`apt-get install chromium`,
`pip install playwright`; never `playwright install`). Screenshots land in test-artifacts/ (git-ignored).
"""
from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask

from pipeline.spec import JobRequest, RenderOptions, TurnSpec
from runtime.services import Engines
from tests.conftest import TEST_JOB_BACKEND, services_of, wait_until
from tests.fakes.hooked import HookedEspeak, HookedLipsync
from tests.page_screenshots import (ANSWERS, CHROMIUM, DESKTOP, PHONE, TURN_TIMEOUT_MS, answer, serve, start_interview,
                                    stream_events, take, wait_for_reply)
from tts.base import TTSError

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium) to run the page tests",
                allow_module_level=True)
pytest.importorskip(
    "playwright.sync_api", reason="playwright not installed: .venv/bin/pip install playwright")

STREAM_GLOB = "**/api/v2/chat_and_lipsync/stream"
HOLD_SLOT_LIMIT_S = 30.0  # the job holding the only render slot gives it up after this even if nobody cancels
BROWSER_HTTP_ERROR = "Failed to load resource"  # Chromium logs every 4xx/5xx; the page shows its own message
QUEUE_FULL_BODY = '{"success": false, "error": "the generation queue is full, try again later"}'
FPS = 25  # frames per second of every avatar
CAPTION_EARLY_S = 0.01  # a caption never shows before its sentence's start on the video's clock (rounding) ...
CAPTION_LATE_S = 0.25  # ... and shows within this after it
HANGUL = re.compile(r"[가-힣]")
IDLE_RESUME_SLACK_S = 0.1  # the idle loop is put within this of the loop position where the reply ended
REPLY_MATCH_S = 0.25  # a reply video's duration is its audio's within a few frames
# Every change of the caption text, with the avatar video's time when it happened (installed before the page loads).
CAPTION_LOG = """window.captionLog = [];
document.addEventListener('DOMContentLoaded', () => {
  const captions = document.querySelector('#captions'), video = document.querySelector('#avatar-video');
  new MutationObserver(() => window.captionLog.push({text: captions.textContent, time: video.currentTime}))
    .observe(captions, {childList: true, characterData: true, subtree: true});
});"""
# Every seek of the idle loop, with the duration of the reply video on screen then (installed before the page loads):
# where the loop was put when a reply ended, however late the test looks.
IDLE_SEEK_LOG = """window.idleSeeks = [];
document.addEventListener('DOMContentLoaded', () => {
  const idle = document.querySelector('#idle-video'), video = document.querySelector('#avatar-video');
  idle.addEventListener('seeked', () => window.idleSeeks.push({time: idle.currentTime, reply: video.duration}));
});"""


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
    page.add_init_script(CAPTION_LOG)
    page.add_init_script(IDLE_SEEK_LOG)
    yield page
    context.close()


def video_state(page: Any) -> dict[str, Any]:
    return page.evaluate("""() => { const v = document.querySelector('#avatar-video');
        return {time: v.currentTime, ready: v.readyState, src: v.currentSrc, paused: v.paused}; }""")


def assert_idle_loop_plays(page: Any) -> float:
    """The idle loop is on screen and advancing; returns its time when first seen."""
    page.wait_for_selector("#screen[data-mode=idle][data-idle=ready]")
    seen = page.evaluate("document.querySelector('#idle-video').currentTime")
    page.wait_for_function(f"() => Math.abs(document.querySelector('#idle-video').currentTime - {seen}) > 0.3")
    idle = page.evaluate("""() => {
        const v = document.querySelector('#idle-video'), c = document.createElement('canvas');
        c.width = v.videoWidth; c.height = v.videoHeight;
        c.getContext('2d').drawImage(v, 0, 0);
        return {width: v.videoWidth, height: v.videoHeight, ready: v.readyState, muted: v.muted, loop: v.loop,
                opacity: getComputedStyle(v).opacity,
                pixel: Array.from(c.getContext('2d').getImageData(c.width / 2, c.height / 3, 1, 1).data)}; }""")
    assert (idle["width"], idle["height"]) == (640, 360) and idle["ready"] >= 2, idle
    assert idle["muted"] and idle["loop"] and idle["opacity"] == "1", idle
    assert idle["pixel"][3] == 255 and sum(idle["pixel"][:3]) > 60, idle  # an opaque, non-black frame
    return seen


def assert_captions_follow_the_video(page: Any, events: list[dict[str, Any]]) -> None:
    """Each sentence's caption appears when the video reaches the sentence's start (the server's timing)."""
    captions = [e["caption"] for e in events if e["type"] == "segment" and "caption" in e]
    assert len(captions) >= 2, captions
    page.wait_for_function("() => new Set(window.captionLog.map(e => e.text).filter(Boolean)).size >= 2")
    shown = [entry for entry in page.evaluate("window.captionLog") if entry["text"]]
    indices = []
    for entry in shown:
        caption = next(c for c in captions if entry["text"] in c["text"])
        indices.append(caption["index"])
        if entry["text"] == caption["text"]:
            assert -CAPTION_EARLY_S <= entry["time"] - caption["start"] <= CAPTION_LATE_S, (entry, caption)
        else:  # a part of a long sentence
            assert caption["start"] <= entry["time"] <= caption["start"] + caption["duration"], (entry, caption)
    assert indices == sorted(indices) and len(set(indices)) >= 2, shown


def assert_idle_loop_resumes_after_the_reply(page: Any, reply_s: float, loop_frames: int) -> None:
    """The segments tile without gaps, and once the reply ends the idle loop goes on from where the reply stopped."""
    page.wait_for_function("() => isFinite(document.querySelector('#avatar-video').duration)")  # MediaSource ended
    buffered = page.evaluate("""() => { const v = document.querySelector('#avatar-video');
        return Array.from({length: v.buffered.length}, (_, i) => [v.buffered.start(i), v.buffered.end(i)]); }""")
    assert len(buffered) == 1 and buffered[0][0] < 0.1, buffered
    page.evaluate("() => { const v = document.querySelector('#avatar-video'); v.currentTime = v.duration - 0.3; }")
    assert_idle_loop_plays(page)
    # where the idle loop was put when this reply ended, read from its seeks (not from when the test first sees it
    # play: on a loaded machine that is seconds later, and the reply may have ended before the jump above)
    expected = (round(reply_s * FPS) % loop_frames + 0.5) / FPS
    loop_s = loop_frames / FPS
    seeks = [s["time"] for s in page.evaluate("window.idleSeeks") if abs(s["reply"] - reply_s) < REPLY_MATCH_S]
    offs = [abs(s - expected) % loop_s for s in seeks]
    assert any(min(off, loop_s - off) <= IDLE_RESUME_SLACK_S for off in offs), (seeks, expected)
    page.wait_for_function("() => getComputedStyle(document.querySelector('#avatar-video')).opacity === '0'")
    assert page.is_visible("#stages [data-stage=play].done")


def test_interview_plays_streams_captions_and_keeps_a_transcript(page: Any, served: tuple[Flask, str]):
    app, base_url = served
    with page.expect_response(STREAM_GLOB) as opening:
        start_interview(page, base_url, questions=1)  # greeting + 1 question, "any questions?", then the closing
    wait_for_reply(page, 1)

    state = video_state(page)
    assert state["ready"] >= 2 and not state["paused"]
    assert state["src"].startswith("blob:"), "segments should play progressively through MediaSource"
    page.wait_for_function(f"() => document.querySelector('#avatar-video').currentTime > {state['time'] + 0.3}")
    page.wait_for_selector("#captions.visible")
    assert page.text_content("#captions").strip()
    assert_captions_follow_the_video(page, stream_events(opening.value))
    greeting = page.text_content("#transcript .entry.interviewer p.text")
    assert greeting.strip() and page.text_content("#interviewer-words").strip() == greeting.strip()
    assert page.text_content("#progress") == "질문 1/1" and page.is_hidden("#finished")

    for count, text in enumerate(ANSWERS, start=2):
        with page.expect_response(STREAM_GLOB) as reply:
            answer(page, text)
        wait_for_reply(page, count)
    replies = page.locator("#transcript .entry.interviewer p.text").all_text_contents()
    assert len(replies) == 3 and len(set(replies)) == 3, replies
    assert page.locator("#transcript .entry.candidate p.text").all_text_contents() == list(ANSWERS)
    timings = page.locator("#transcript .entry.interviewer .timing").all_text_contents()
    assert len(timings) == 3 and all("첫 영상" in line and "–" not in line for line in timings), timings
    closing = stream_events(reply.value)[-1]
    assert closing["type"] == "done" and closing["finished"] is True and closing["question_index"] == 1
    assert page.text_content("#progress") == "면접 종료" and page.is_visible("#finished")
    assert page.is_hidden("#answer-form")
    page.wait_for_selector("#stages [data-stage=play].active, #stages [data-stage=play].done")
    take(page, "e2e-interview-desktop-ko")
    loop_frames = services_of(app).avatars.get("talk_long_360p").loop_length
    assert_idle_loop_resumes_after_the_reply(page, closing["audio_duration"], loop_frames)

    with page.expect_download() as download:
        page.click("#finished-download")
    saved = download.value.path().read_text(encoding="utf-8")
    assert all(text in saved for text in ANSWERS) and replies[-1] in saved

    page.click("[data-lang=en]")
    assert page.text_content("#send") == "Send" and page.get_attribute("html", "lang") == "en"
    assert page.text_content("#progress") == "Interview over"
    assert not HANGUL.search(page.text_content("#interview-heading")), "company and job named in English"
    page.click("#finished-new")  # the interview is over: no "end this interview?" question
    assert page.is_visible("#setup") and page.is_hidden("#interview")
    for field in ("#org-type", "#company", "#job"):  # shown in English, sent as the catalogue's Korean names
        value, label = page.eval_on_selector(field, "s => [s.value, s.selectedOptions[0].text]")
        assert HANGUL.search(value) and not HANGUL.search(label), (field, value, label)
    assert page.locator("#transcript .entry").count() == 0
    assert page.script_errors == []


def test_queue_position_shows_and_cancel_stops_the_waiting_job(page: Any, make_app: Callable[..., Flask]):
    def hold_slot(call: int, frame: int, cancel: threading.Event) -> None:
        if call == 1 and frame == 0:  # the blocker's first frame: it holds the only render slot until cancelled
            cancel.wait(HOLD_SLOT_LIMIT_S)

    app = make_app(engines=Engines(lipsync=HookedLipsync(hold_slot)), DEFAULT_RESOLUTION="360p", MAX_CONCURRENT=1)
    queue = services_of(app).queue
    blocker = queue.submit(JobRequest(TurnSpec(RenderOptions("talk_long_360p"), text="잠시만요."), sid="blocker"))
    wait_until(lambda: queue.snapshot()["processing_count"] == 1, what="the blocker holding the slot")
    with serve(app) as base_url:
        start_interview(page, base_url)
        page.wait_for_selector("#queue-badge:has-text('대기열 1번째')")
        if TEST_JOB_BACKEND == "local":  # local: text stages run at once; redis: a worker runs the whole turn
            page.wait_for_selector("#stages [data-stage=lipsync].active")  # the place may come before TTS ends
        assert page.is_disabled("#send")
        assert_idle_loop_plays(page)  # before the first reply, while the turn waits for a render slot
        assert queue.snapshot()["queue_length"] == 1
        page.keyboard.press("Escape")  # the keyboard shortcut of the Cancel button
        page.wait_for_function("() => document.querySelector('#status-line').textContent.includes('취소했습니다')")
        assert page.is_hidden("#cancel") and page.is_enabled("#send") and page.is_hidden("#queue-badge")
        assert queue.snapshot()["queue_length"] == 0 and queue.active_count() == 1  # only the blocker is left
        assert page.locator("#transcript .entry").count() == 0
    queue.cancel_job(blocker)
    assert page.script_errors == []


def test_full_queue_and_engine_failure_show_messages_and_the_mp4_fallback_plays(
        page: Any, make_app: Callable[..., Flask]):
    engine_down = threading.Event()
    engine_down.set()

    def down(text: str, cancel: threading.Event | None) -> None:
        if engine_down.is_set():
            raise TTSError("engine unreachable at http://127.0.0.1:9880 (connection refused)")

    app = make_app(engines=Engines(tts={"espeak": HookedEspeak(down)}), DEFAULT_RESOLUTION="360p")
    with serve(app) as base_url:
        refused = []

        def queue_full_once(route: Any) -> None:
            if refused:
                route.continue_()
                return
            refused.append(route.request.url)
            route.fulfill(status=503, headers={"Retry-After": "1"}, content_type="application/json",
                          body=QUEUE_FULL_BODY)

        page.route(STREAM_GLOB, queue_full_once)
        page.add_init_script("delete window.MediaSource;")  # a browser without MSE: the fallback path
        start_interview(page, base_url)
        page.wait_for_selector("#alert:has-text('대기열이 가득')")
        page.wait_for_selector("#alert:has-text('TTS error: the speech engine could not speak this text')")  # the automatic retry reached it
        assert len(refused) == 1 and page.is_visible("#alert-retry") and page.is_enabled("#send")

        engine_down.clear()  # the engine is back
        page.click("#alert-retry")
        wait_for_reply(page, 1)
        assert page.is_hidden("#alert")
        assert video_state(page)["src"].partition("?")[0].endswith(".mp4"), "without MediaSource the turn's whole MP4 plays"
        assert page.script_errors == []


def test_english_set_up_on_a_phone_fits_the_screen_and_offers_what_it_will_use(browser: Any,
                                                                               served: tuple[Flask, str]) -> None:
    _, base_url = served
    context = browser.new_context(viewport=PHONE, locale="en-US", is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(base_url + "/")
        page.click("[data-lang=en]")
        page.wait_for_function("() => !document.querySelector('#start').disabled")
        assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"], "no sideways scroll"
        assert page.eval_on_selector("#voice", "s => s.value").startswith("en"), "the voice an English interview uses"
        setup_text = page.inner_text("#setup")
        assert not re.search(r"\(in Korean\)", setup_text)
        assert [line for line in setup_text.splitlines() if HANGUL.search(line) and "면접관)" not in line] == [], \
            "only the characters' own names stay in Korean"
    finally:
        context.close()
