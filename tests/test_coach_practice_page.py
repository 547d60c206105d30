"""The coach's practice flows in Chromium: progress across stored interviews and "다시 답하기" from the report
(the new score beside the old one, stored with the interview), and the English report in English."""
from __future__ import annotations

import re

import pytest

from tests.coach_screenshots import (EN_ANSWERS, EN_SETTINGS, KO_GOOD, KO_SETTINGS, KO_WEAK, RETRY_ANSWER,
                                     open_page, open_progress, open_report, retry_first_question, stored_interview)
from tests.page_screenshots import CHROMIUM, DESKTOP, TEST_RESOLUTION, TURN_TIMEOUT_MS, take, wait_for_reply

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} not found: apt-get install -y chromium", allow_module_level=True)
pytest.importorskip("playwright.sync_api", reason="playwright not installed")


@pytest.fixture
def page(browser, served):
    _, base_url = served
    context = browser.new_context(viewport=DESKTOP, locale="ko-KR")
    page = context.new_page()
    page.set_default_timeout(TURN_TIMEOUT_MS)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page, base_url
    context.close()
    assert not errors


def test_progress_shows_the_stored_interviews_and_a_retry_scores_beside_the_old_answer(page):
    page, base_url = page
    stored_interview(page, base_url, KO_SETTINGS, KO_WEAK)
    good = stored_interview(page, base_url, KO_SETTINGS, KO_GOOD)
    scores = open_progress(page, base_url)
    assert len(scores) == 2 and scores[0] < scores[1]
    assert "내용" in page.inner_text("#progress-list")
    take(page, "coach-progress-ko")
    open_report(page, good)
    first = page.locator("#report-body .q").first
    old = int(first.get_attribute("data-score"))
    assert first.locator(".outline li").count() >= 2 and first.locator(".categories").inner_text()
    result = retry_first_question(page, RETRY_ANSWER)
    before, after = (int(n) for n in re.findall(r"(\d+)점", result)[:2])
    assert before == old and "다시 답하기" in result
    take(page, "coach-retry-ko")
    stored = page.request.post(f"{base_url}/api/interview/report", data={"session_id": good}).json()["report"]
    assert [r["score"] for r in stored["questions"][0]["retries"]] == [after]


def test_an_english_interview_is_reported_in_english_on_the_page(page):
    page, base_url = page
    session = stored_interview(page, base_url, EN_SETTINGS, EN_ANSWERS)
    open_page(page, base_url, "en")
    open_report(page, session)
    text = page.inner_text("#report-body")
    assert "Overall score" in text and not re.search("[\uac00-\ud7a3]", text), text[:400]
    take(page, "coach-report-en")


def test_real_mode_counts_down_and_the_time_limit_sends_the_answer_and_moves_the_interview_on(page):
    page, base_url = page
    bodies: list[dict] = []
    page.on("request", lambda r: "chat_and_lipsync" in r.url and bodies.append(r.post_data_json))
    page.goto(base_url + "/")
    page.wait_for_function("() => !document.querySelector('#start').disabled")
    page.select_option("#resolution", TEST_RESOLUTION)
    page.fill("#questions", "3")
    page.select_option("#mode", "real")
    page.fill("#prepare-seconds", "1")
    page.fill("#answer-seconds", "5")  # the form's minimum
    page.click("#start")
    wait_for_reply(page, 1)
    page.wait_for_selector("#countdown:not([hidden])")
    page.wait_for_function("() => document.querySelector('#countdown').dataset.phase === 'answer'")
    assert page.inner_text("#hint") == ""  # hints are for study mode
    page.fill("#answer", "저는 백엔드 개발자로 결제 시스템을")  # cut off mid-sentence by the limit
    take(page, "coach-real-mode-countdown-ko")
    wait_for_reply(page, 2)
    timed_out = bodies[-1]
    assert timed_out["answer_timed_out"] is True and timed_out["message"] == "저는 백엔드 개발자로 결제 시스템을"
    assert timed_out["interview_mode"] == "real"
    moved_on = page.locator("#transcript .entry.interviewer").nth(1).inner_text()
    page.click("#report-now")
    page.wait_for_selector("#report:not([hidden]) #report-body .q .timed-out")
    take(page, "coach-real-mode-report-ko")
    assert moved_on
