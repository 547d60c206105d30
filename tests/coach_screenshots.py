"""The coach's practice flows in Debian's Chromium, and their screenshots: progress across stored interviews,
"다시 답하기" in the report, and the report in Korean and in English.

Run: `.venv/bin/python -m tests.coach_screenshots` → test-artifacts/page-coach-{progress-ko,retry-ko,report-ko,
report-en}.png. The interviews are stored through the API in the browser's own context (its cookie owns them), so
no avatar video is rendered; tests/test_coach_practice_page.py drives the same flows and asserts on them.
"""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from flask import Flask

from tests.page_screenshots import DESKTOP, TURN_TIMEOUT_MS, launch_chromium, serve, take, write_screenshots

KO_SETTINGS = {"org_type": "일반기업", "company_name": "삼성전자", "job_name": "개발엔지니어링", "language": "ko"}
EN_SETTINGS = {"org_type": "일반기업", "company_name": "Acme", "job_name": "Backend Engineer", "language": "en"}
KO_WEAK = ("안녕하세요. 면접 보러 왔습니다.", "음... 잘 모르겠습니다.", "그것보다 어제 토트넘 경기 보셨나요?")
KO_GOOD = ("안녕하세요. 면접 보러 왔습니다.",
           "저는 3년 차 백엔드 개발자입니다. 결제 API 팀에서 정산 배치를 맡았고, 제가 직접 배치를 다시 설계해서 처리 "
           "시간을 4시간에서 40분으로 줄였습니다.",
           "결제 플랫폼을 통합하는 이 회사의 프로젝트에 제 정산 경험이 바로 쓰일 수 있다고 생각해 지원했습니다. 입사 후 "
           "1년 안에 정산 오류를 없애는 것이 목표입니다.")
EN_ANSWERS = ("Hello, I'm here for the interview.",
              "I'm a backend engineer with three years at a payments startup. I own the settlement service, and I "
              "rewrote its nightly batch so it finishes in forty minutes instead of four hours.",
              "I don't know.")
RETRY_ANSWER = ("작년 신규 정산 시스템을 만들 때 제가 배포 과정을 맡았습니다. 배포 실패가 잦아 원인을 분석하고 자동화 "
                "스크립트를 도입했고, 그 결과 한 달 배포 실패가 10건에서 1건으로 줄었습니다.")


def stored_interview(page: Any, base_url: str, settings: dict[str, str], answers: tuple[str, ...]) -> str:
    """An interview stored through the API in the page's browser context (so its cookie owns it)."""
    page.request.get(f"{base_url}/api/sessions")  # a browser's first request hands it its cookie, as the page does
    session_id = page.request.post(f"{base_url}/api/sessions", data=settings).json()["session_id"]
    for message in answers:
        response = page.request.post(f"{base_url}/api/chat", data={"session_id": session_id, "message": message})
        assert response.ok, response.text()
    return session_id


def open_page(page: Any, base_url: str, language: str = "ko") -> None:
    """Open the page in `language` and wait until "My interviews" has listed the stored ones."""
    page.goto(base_url + "/")
    page.click(f"[data-lang={language}]")
    page.wait_for_function("() => document.querySelector('#interview-list').children.length > 0")


def open_progress(page: Any, base_url: str) -> list[int]:
    """Open the page, show "My progress" and return the listed overall scores, oldest first."""
    open_page(page, base_url)
    page.click("#progress-open")
    page.wait_for_selector("#progress-list .progress-row")
    scores = page.eval_on_selector_all("#progress-list .progress-row", "rows => rows.map(r => r.dataset.score)")
    return [int(s) for s in scores]


def open_report(page: Any, session_id: str) -> None:
    """Resume the stored interview from "My interviews" and open its feedback."""
    page.click(f"#interview-list .saved-interview[data-session-id='{session_id}'] .open")
    page.wait_for_selector("#interview:not([hidden])")
    page.click("#report-now")
    page.wait_for_selector("#report:not([hidden]) #report-body .q", timeout=TURN_TIMEOUT_MS)


def retry_first_question(page: Any, answer: str) -> str:
    """"다시 답하기" on the report's first question; the text of the result shown beside the old score."""
    first = page.locator("#report-body .q").first
    first.locator(".retry-open").click()
    first.locator(".retry-form textarea").fill(answer)
    first.locator(".retry-form button[type=submit]").click()
    first.locator(".retry-result").wait_for()
    return first.locator(".retry-result").inner_text()


def capture(app: Flask) -> list[Path]:
    """The progress view, a retry and the Korean report (desktop, Korean); the English report (desktop, English)."""
    from playwright.sync_api import sync_playwright

    shots = []
    with serve(app) as base_url, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            page = browser.new_context(viewport=DESKTOP, locale="ko-KR").new_page()
            stored_interview(page, base_url, KO_SETTINGS, KO_WEAK)
            good = stored_interview(page, base_url, KO_SETTINGS, KO_GOOD)
            open_progress(page, base_url)
            shots.append(take(page, "coach-progress-ko"))
            open_report(page, good)
            shots.append(take(page, "coach-report-ko"))
            retry_first_question(page, RETRY_ANSWER)
            shots.append(take(page, "coach-retry-ko"))
            english = browser.new_context(viewport=DESKTOP, locale="en-US").new_page()
            session = stored_interview(english, base_url, EN_SETTINGS, EN_ANSWERS)
            open_page(english, base_url, "en")
            open_report(english, session)
            shots.append(take(english, "coach-report-en"))
        finally:
            browser.close()
    return shots


def main() -> None:
    """Write the coach's screenshots."""
    argparse.ArgumentParser(description=__doc__).parse_args()
    write_screenshots(capture)


if __name__ == "__main__":
    main()
