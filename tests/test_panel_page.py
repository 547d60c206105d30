"""A panel interview on the demo page in Debian's Chromium: two interviewers take turns, each on its own avatar, and the
member a candidate's question belongs to answers it (the server decides; the page follows `done.speaker`).

Skipped where /usr/bin/chromium or playwright is missing (see tests/test_page_e2e.py). The 6-turn run with
screenshots is `python -m tests.panel_screenshots`.
"""
from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from flask import Flask

from tests.page_screenshots import ANSWERS, CHROMIUM, DESKTOP, TURN_TIMEOUT_MS, answer, launch_chromium, serve
from tests.panel_screenshots import run_panel, speakers, wait_for_replies

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium) to run the page tests",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright not installed: .venv/bin/pip install playwright")

TURNS = 3
TEAM_QUESTION = "혹시 이 팀은 어떤 기술 스택을 쓰나요?"


def test_two_interviewers_take_turns_with_their_own_avatar_and_voice(make_app: Callable[..., Flask]):
    app = make_app(DEFAULT_RESOLUTION="360p")
    bodies = []
    with serve(app) as base_url, sync_api.sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            page = browser.new_page(viewport=DESKTOP, locale="ko-KR")
            page.set_default_timeout(TURN_TIMEOUT_MS)
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.on("request", lambda r: "chat_and_lipsync" in r.url and bodies.append(json.loads(r.post_data)))
            seen = run_panel(page, base_url, TURNS)
            page.reload()  # resumed from "My interviews": the same panel, the next interviewer in turn
            page.click("#interview-list .saved-interview .open")
            page.wait_for_function(f"() => document.querySelectorAll('#transcript .entry').length === {2 * TURNS - 1}")
            resumed = speakers(page)
            answer(page, ANSWERS[0])
            wait_for_replies(page, TURNS + 1)
            after = (speakers(page)[-1], page.get_attribute("#idle-video", "src") or "")
            # in turn the HR interviewer would speak now; a question about the team's work is the team lead's
            answer(page, TEAM_QUESTION)
            wait_for_replies(page, TURNS + 2)
            asked = (speakers(page)[-1], page.get_attribute("#idle-video", "src") or "")
        finally:
            browser.close()
    assert errors == []
    assert [speaker for speaker, _ in seen] == ["서지민 (인사팀 면접관)", "강도윤 (팀장 면접관)", "서지민 (인사팀 면접관)"]
    assert [idle.rsplit("/", 1)[-1] for _, idle in seen] == ["talk_long_360p.mp4", "talk_short_360p.mp4",
                                                            "talk_long_360p.mp4"]
    assert not any("current_speaker" in b for b in bodies)  # the server decides who speaks; the page follows
    assert all(b["panel"] == ["hr_seo", "lead_kang"] and "avatar" not in b and "tts_voice" not in b for b in bodies)
    assert resumed == [speaker for speaker, _ in seen] and len({b["session_id"] for b in bodies}) == 1
    assert after[0] == "강도윤 (팀장 면접관)" and after[1].rsplit("/", 1)[-1] == "talk_short_360p.mp4"
    assert asked[0] == "강도윤 (팀장 면접관)" and asked[1].rsplit("/", 1)[-1] == "talk_short_360p.mp4"
