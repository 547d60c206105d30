"""The listening loop on the demo page, in Debian's Chromium: typing switches to it, a pause brings a nod, and it returns.

After the greeting has played, the candidate types: the screen shows the listening loop (static/js/listening.js) over the
idle loop, nods once the typing pauses, goes back to the listening loop after the nod and to the idle loop once
nothing has happened for a while, or at once when the answer is sent. (The microphone's part: tests/test_coach_page.py.)
"""
from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from tests.page_screenshots import CHROMIUM, TURN_TIMEOUT_MS, start_interview, wait_for_reply

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} not found: install Debian's chromium to run the page tests", allow_module_level=True)
pytest.importorskip("playwright.sync_api", reason="playwright not installed: .venv/bin/pip install playwright")
from tests.test_page_face import page  # noqa: E402,F401 - the Korean-locale page fixture that records script errors

QUIET_TIMEOUT_MS = 15_000  # listening.js goes back to the idle loop 6 s after the last keystroke
SENT_TIMEOUT_MS = 3000  # sending the answer goes back at once; without it, 6 s would pass first
# Each change of the screen's data-listening, with the listening loop's and the idle loop's opacity at that moment.
RECORD = """() => { window.listeningLog = [];
  const screen = document.querySelector('#screen');
  new MutationObserver(() => window.listeningLog.push(screen.dataset.listening))
    .observe(screen, {attributes: true, attributeFilter: ['data-listening']}); }"""
SHOWN = """(selector) => getComputedStyle(document.querySelector(selector)).opacity"""


def test_typing_switches_to_the_listening_loop_nods_at_a_pause_and_returns(page: Any, served: tuple[Flask, str]) -> None:
    _, base_url = served
    start_interview(page, base_url, questions=1)
    wait_for_reply(page, 1)
    page.wait_for_function("() => document.querySelector('#screen').dataset.mode === 'idle'", timeout=TURN_TIMEOUT_MS)
    assert page.evaluate("() => document.querySelector('#screen').dataset.listening") == "off"
    page.evaluate(RECORD)

    page.type("#answer", "저는 백엔드 개발자입니다", delay=60)
    page.wait_for_function("() => document.querySelector('video.listening-loop').currentTime > 0.2")
    loop = page.evaluate("""() => { const v = document.querySelector('video.listening-loop');
        return {src: v.getAttribute('src'), width: v.videoWidth, paused: v.paused}; }""")
    assert loop["src"].startswith("/listening/talk_long_360p") and loop["width"] == 640 and not loop["paused"]
    page.wait_for_function(f"() => ({SHOWN})('video.listening-loop') === '1'")  # faded in over the idle loop

    page.wait_for_function("() => document.querySelector('#screen').dataset.listening === 'nod'")  # the pause: a nod
    assert page.evaluate(f"() => ({SHOWN})('video.listening-nod')") == "1"
    page.wait_for_function("() => document.querySelector('video.listening-nod').currentTime > 0.3")  # it plays
    page.wait_for_function("() => document.querySelector('#screen').dataset.listening === 'on'")  # the nod ended
    page.wait_for_function("() => document.querySelector('#screen').dataset.listening === 'off'", timeout=QUIET_TIMEOUT_MS)
    page.wait_for_function(f"() => ({SHOWN})('video.listening-loop') === '0'")
    assert page.evaluate(f"() => ({SHOWN})('#idle-video')") == "1"
    assert page.evaluate("() => window.listeningLog") == ["on", "nod", "on", "off"]

    page.type("#answer", "네", delay=60)  # typing again, then sending: back to the idle loop at once
    page.wait_for_function("() => document.querySelector('#screen').dataset.listening === 'on'")
    page.press("#answer", "Enter")
    page.wait_for_function("() => document.querySelector('#screen').dataset.listening === 'off'", timeout=SENT_TIMEOUT_MS)
    assert page.evaluate("() => window.listeningLog.slice(4)")[-1] == "off"
    assert page.script_errors == []
