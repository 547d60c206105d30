"""A two-interviewer panel interview of 6 turns through the demo page in Debian's Chromium, with screenshots.

Run: `.venv/bin/python -m tests.panel_screenshots` → test-artifacts/page-panel-*.png and the speakers per turn.
The e2e test (tests/test_panel_page.py) runs the same steps for fewer turns.
"""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from flask import Flask

from tests.page_screenshots import (DESKTOP, TEST_RESOLUTION, TURN_TIMEOUT_MS, answer, launch_chromium, serve, take,
                                    write_screenshots)

PANEL = ("hr_seo", "lead_kang")
TURNS = 6  # interviewer replies: the greeting and five answers
ANSWERS = (
    "저는 백엔드 개발자로 3년 동안 결제 시스템을 만들었습니다.",
    "장애가 났을 때 원인을 로그로 좁히고, 재발 방지 테스트를 추가했습니다.",
    "의견이 다르면 데이터를 먼저 모으고 작은 실험으로 결정했습니다.",
    "가장 어려웠던 일은 오래된 코드를 멈추지 않고 옮긴 일이었습니다.",
    "입사하면 결제 안정성을 더 높이는 일을 하고 싶습니다.",
)


def seat_panel(page: Any, ids: tuple[str, ...] = PANEL) -> None:
    """Tick the panel's interviewers in the set-up form."""
    page.wait_for_selector("#panel:not([hidden])")
    for character_id in ids:
        page.check(f"#panel-members input[value='{character_id}']")


def speakers(page: Any) -> list[str]:
    """The names on the interviewer entries of the transcript, in order."""
    return page.eval_on_selector_all("#transcript .entry.interviewer strong", "els => els.map(e => e.textContent)")


def wait_for_replies(page: Any, count: int) -> None:
    """Wait until `count` interviewer replies are in the transcript and nothing is being generated."""
    page.wait_for_function(
        f"() => document.querySelectorAll('#transcript .entry.interviewer').length >= {count}"
        " && document.querySelector('#cancel').hidden", timeout=TURN_TIMEOUT_MS)


def run_panel(page: Any, base_url: str, turns: int, shots: list[Path] | None = None) -> list[tuple[str, str]]:
    """Start a panel interview and answer until `turns` replies came; (speaker, idle clip) per reply."""
    page.goto(base_url + "/")
    page.wait_for_function("() => !document.querySelector('#start').disabled")
    page.select_option("#resolution", TEST_RESOLUTION)
    page.fill("#questions", str(turns))
    seat_panel(page)
    if shots is not None:
        shots.append(take(page, "panel-setup"))
    page.click("#start")
    seen = []
    for reply in range(1, turns + 1):
        wait_for_replies(page, reply)
        seen.append((speakers(page)[-1], page.get_attribute("#idle-video", "src") or ""))
        if shots is not None and reply in (1, 2, turns):
            shots.append(take(page, f"panel-turn{reply}"))
        if reply < turns:
            answer(page, ANSWERS[(reply - 1) % len(ANSWERS)])
    return seen


def capture(app: Flask) -> list[Path]:
    """The set-up with the panel ticked, the first two replies and the last one."""
    from playwright.sync_api import sync_playwright

    shots: list[Path] = []
    with serve(app) as base_url, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            page = browser.new_page(viewport=DESKTOP, locale="ko-KR")
            for i, (speaker, idle) in enumerate(run_panel(page, base_url, TURNS, shots), 1):
                print(f"turn {i}: {speaker}  idle {idle}")
        finally:
            browser.close()
    return shots


def main() -> None:
    """Write the panel interview's screenshots."""
    argparse.ArgumentParser(description=__doc__).parse_args()
    write_screenshots(capture)


if __name__ == "__main__":
    main()
