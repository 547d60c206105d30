"""The demo page's "My interviews" in Debian's Chromium over a real `python app.py` process: an interview held on
the page is listed after a reload, resumed after the server process restarts (same session, full history),
replayed with its videos once finished, and deleted. Screenshots: test-artifacts/page-interviews-*.png.
"""
from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from tests.page_screenshots import (ANSWERS, CHROMIUM, DESKTOP, TURN_TIMEOUT_MS, answer, answer_until_finished,
                                    launch_chromium, start_interview, take, wait_for_reply, wait_for_video)
from tests.server_process import running_server

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium) to run the page tests",
                allow_module_level=True)
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright not installed: .venv/bin/pip install playwright")

LATER_ANSWERS = ("새로운 기술을 배울 때는 작은 프로젝트를 직접 만들어 보고, 그 결과를 팀에 공유했습니다.",
                 "제가 맡은 부분은 결제 API였고, 응답 시간을 30% 줄였습니다.")
NO_QUESTIONS = "없습니다. 감사합니다."
SAVED = "#interview-list .saved-interview"


def listed(page: Any) -> list[dict[str, str]]:
    """The listed interviews: their session id and text, once the list has loaded."""
    page.wait_for_function("() => document.querySelector('#interview-list').children.length > 0")
    return page.eval_on_selector_all(SAVED, "items => items.map(i => ({id: i.dataset.sessionId, text: i.innerText}))")


def entries(page: Any) -> list[str]:
    """The roles of the transcript's entries, in order."""
    return page.eval_on_selector_all("#transcript .entry", "items => items.map(i => i.classList[1])")


def test_my_interviews_lists_resumes_after_a_restart_replays_and_deletes(tmp_path: Path, precomputed_dir: Path):
    env = {"PRECOMPUTED_DIR": str(precomputed_dir), "MEDIA_DIR": str(tmp_path / "media"),
           "DATA_DIR": str(tmp_path / "data"), "DATABASE_URL": f"sqlite:///{tmp_path / 'interviews.db'}",
           "SECRET_KEY": "", "WARM_UP": "false", "DEFAULT_RESOLUTION": "360p"}
    bodies: list[dict[str, Any]] = []
    errors: list[str] = []
    with sync_api.sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            page = browser.new_context(viewport=DESKTOP, locale="ko-KR").new_page()
            page.set_default_timeout(TURN_TIMEOUT_MS)
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.on("request", lambda r: "chat_and_lipsync" in r.url and bodies.append(json.loads(r.post_data)))
            with running_server(env) as base:
                start_interview(page, base, questions=3)
                company, job = page.input_value("#company"), page.input_value("#job")
                wait_for_reply(page, 1)
                for replies, text in enumerate(ANSWERS, start=2):
                    answer(page, text)
                    wait_for_reply(page, replies)
                page.reload()
                [saved] = listed(page)
                take(page, "interviews-list-desktop-ko")
                before = page.request.get(f"{base}/api/sessions/{saved['id']}").json()
            session_id = saved["id"]
            # the list shows the stored progress: main questions answered and asked (a follow-up is not a question)
            assert 1 <= before["questions_answered"] <= 2 and before["question_index"] <= 3
            assert f"답변 {before['questions_answered']}개" in saved["text"]
            assert f"질문 {before['question_index']}/3" in saved["text"]
            assert company in saved["text"] and job in saved["text"]
            assert str(datetime.now(UTC).year) in saved["text"] and "진행 중" in saved["text"]
            assert {b["session_id"] for b in bodies} == {session_id} and not any("history" in b for b in bodies)

            with running_server(env) as base:  # a new server process on the same database and data folder
                page.goto(base + "/")
                assert [s["id"] for s in listed(page)] == [session_id]  # the cookie from before still owns it
                page.click(f"{SAVED} .open")
                page.wait_for_function("() => document.querySelectorAll('#transcript .entry').length === 5")
                assert entries(page) == ["interviewer", "candidate", "interviewer", "candidate", "interviewer"]
                assert page.inner_text("#interview-heading") == f"{company} · {job}"
                # answers (and follow-ups) until the third question, then "any questions for us?": the interviewer
                # closed, so the history it was given was the whole interview's
                later = answer_until_finished(page, LATER_ANSWERS, NO_QUESTIONS, replies=3)
                page.wait_for_selector("#finished:not([hidden])")
                assert bodies[-1]["session_id"] == session_id and bodies[-1]["message"] == NO_QUESTIONS
                info = page.request.get(f"{base}/api/sessions/{session_id}").json()
                sent = [*ANSWERS, *later]
                assert info["message_count"] == 2 * (len(sent) + 1)  # the opening turn, then one per answer
                assert info["finished"] is True and info["questions_answered"] == info["total_questions"] == 3
                messages = page.request.get(f"{base}/api/sessions/{session_id}/messages").json()["messages"]
                assert [m["content"] for m in messages if m["role"] == "user"][1:] == sent

                page.reload()  # replay: the finished interview with its videos
                assert "완료" in listed(page)[0]["text"]
                page.click(f"{SAVED} .open")
                page.wait_for_function(f"() => document.querySelectorAll('#transcript .play-turn').length === {len(sent) + 1}")
                assert page.is_hidden("#answer-form") and page.is_visible("#finished")
                page.click("#transcript .entry.interviewer >> nth=1 >> .play-turn")
                wait_for_video(page)
                take(page, "interviews-replay-desktop-ko")
                page.wait_for_function("() => document.querySelector('#screen').dataset.mode === 'idle'")
                assert page.is_hidden("#report")  # a replay's end does not open the feedback again
                src = page.eval_on_selector("#avatar-video", "v => v.currentSrc")
                assert src.split("?")[0].endswith(messages[3]["video_url"].split("?")[0])
                video = page.request.get(src)
                assert video.status == 200 and video.headers["content-type"] == "video/mp4" and len(video.body()) > 1000

                page.click("#new-interview")  # back to the set-up panel and its list
                listed(page)
                page.once("dialog", lambda dialog: dialog.accept())
                page.click(f"{SAVED} .delete")
                page.wait_for_function("() => !document.querySelector('#interview-list .saved-interview')")
                assert page.request.get(f"{base}/api/sessions/{session_id}").status == 404
                assert page.request.get(f"{base}/api/sessions").json()["count"] == 0
        finally:
            browser.close()
    assert errors == []
