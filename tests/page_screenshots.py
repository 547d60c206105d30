"""Screenshots of the interview demo page in Debian's Chromium, and the helpers its e2e test shares.

Run: `.venv/bin/python -m tests.page_screenshots` → test-artifacts/page-*.png (desktop Korean, 360px phone English).
Needs `apt-get install chromium` and `pip install playwright` (never `playwright install`: it downloads browsers).
"""
from __future__ import annotations

import argparse
import json
import logging
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.serving import make_server

from interview.lines import LINES
from settings import PROJECT_ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic"]
ARTIFACTS = PROJECT_ROOT / "test-artifacts"
TEST_RESOLUTION = "360p"  # smallest video: fastest to render on the CI's two cores
DESKTOP = {"width": 1280, "height": 860}  # CSS px
PHONE = {"width": 360, "height": 780}
TURN_TIMEOUT_MS = 30_000  # one interviewer turn, LLM to playing video
ANSWERS = ("저는 백엔드 개발자로 3년 동안 결제 시스템을 만들었습니다. "
           "장애를 줄이는 일에 보람을 느꼈습니다.",
           "팀에서 의견이 다를 때는 데이터를 먼저 모으고, 작은 실험으로 결정했습니다.")

log = logging.getLogger(__name__)


@contextmanager
def serve(app: Flask) -> Iterator[str]:
    """Serve `app` on a free local port in a thread (threaded, so SSE streams run side by side); yields its URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="page-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(5)


def launch_chromium(playwright: Any) -> Any:
    """Debian's Chromium through playwright, with the flags DESIGN.md §3 lists."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def start_interview(page: Any, base_url: str, questions: int | None = None, path: str = "/",
                    ready: str | None = None) -> None:
    """Open the page (at `path`), pick the test resolution (and the number of questions), wait for the `ready`
    predicate when given, and press Start."""
    page.goto(base_url + path)
    page.wait_for_function("() => document.querySelector('#start') && !document.querySelector('#start').disabled")
    page.select_option("#resolution", TEST_RESOLUTION)
    if questions is not None:
        page.fill("#questions", str(questions))
    if ready is not None:
        page.wait_for_function(ready)
    page.click("#start")


def wait_for_reply(page: Any, replies: int) -> None:
    """Wait until the transcript holds `replies` interviewer entries and the video is playing."""
    page.wait_for_function(f"() => document.querySelectorAll('#transcript .entry.interviewer').length >= {replies}",
                           timeout=TURN_TIMEOUT_MS)
    wait_for_video(page)


def wait_for_video(page: Any, past_s: float = 0.3) -> None:
    """Wait until the avatar video is visible, decodable (readyState ≥ 2) and `past_s` into playback."""
    page.wait_for_function(
        f"""() => {{ const v = document.querySelector('#avatar-video');
             return document.querySelector('#screen').dataset.mode === 'video' && v.readyState >= 2
                    && v.currentTime > {past_s}; }}""",
        timeout=TURN_TIMEOUT_MS)


def answer(page: Any, text: str) -> None:
    """Type an answer and send it with Enter, as a keyboard user would."""
    page.fill("#answer", text)
    page.press("#answer", "Enter")


def answer_until_finished(page: Any, answers: Sequence[str], closing_answer: str, replies: int,
                          max_turns: int = 12) -> list[str]:
    """Answer each interviewer reply until the interview ends (the follow-up policy decides how many replies a
    question takes): `answers` in turn, `closing_answer` to the closing "any questions for us?"; `replies` is the
    number of interviewer entries so far. Returns the answers sent."""
    closing_questions = tuple(lines.reverse_question for lines in LINES.values())
    sent: list[str] = []
    for _ in range(max_turns):
        if page.is_visible("#finished"):
            return sent
        last = page.inner_text("#transcript .entry.interviewer >> nth=-1")
        text = closing_answer if any(q in last for q in closing_questions) else answers[len(sent) % len(answers)]
        answer(page, text)
        sent.append(text)
        replies += 1
        wait_for_reply(page, replies)
    raise AssertionError(f"the interview did not end within {max_turns} answers: {sent}")


def stream_events(response: Any) -> list[dict[str, Any]]:
    """The events of a finished SSE response the page received (a playwright Response)."""
    return [json.loads(line[len("data: "):]) for line in response.text().splitlines() if line.startswith("data: ")]


def take(page: Any, name: str) -> Path:
    """Save a screenshot under test-artifacts/ and return its path."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"page-{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def capture(app: Flask) -> list[Path]:
    """Desktop in Korean (set-up, greeting, a reply with captions), phone width in English (set-up, greeting)."""
    from playwright.sync_api import sync_playwright

    shots = []
    with serve(app) as base_url, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            desktop = browser.new_page(viewport=DESKTOP, locale="ko-KR")
            desktop.goto(base_url + "/")
            desktop.wait_for_function("() => !document.querySelector('#start').disabled")
            shots.append(take(desktop, "setup-desktop-ko"))
            start_interview(desktop, base_url)
            wait_for_reply(desktop, 1)
            shots.append(take(desktop, "greeting-desktop-ko"))
            answer(desktop, ANSWERS[0])
            wait_for_reply(desktop, 2)
            desktop.wait_for_selector("#captions.visible", timeout=TURN_TIMEOUT_MS)
            shots.append(take(desktop, "interview-desktop-ko"))
            phone = browser.new_page(viewport=PHONE, locale="en-US", is_mobile=True, has_touch=True)
            phone.goto(base_url + "/")
            phone.click("[data-lang=en]")
            phone.wait_for_function("() => !document.querySelector('#start').disabled")
            shots.append(take(phone, "setup-phone-en"))
            start_interview(phone, base_url)
            wait_for_reply(phone, 1)
            shots.append(take(phone, "interview-phone-en"))
        finally:
            browser.close()
    return shots


def write_screenshots(capture_on: Callable[[Flask], list[Path]]) -> None:
    """Build an app on the embedded engines (temporary media folder), run `capture_on` and print the files."""
    from server import create_app
    from runtime.config import Config
    from server.services import EXTENSION_KEY

    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory() as media:
        app = create_app(Config.load({"MEDIA_DIR": Path(media)}, env_file=Path("/nonexistent/.env")))
        logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per request otherwise
        try:
            for path in capture_on(app):
                print(path.relative_to(PROJECT_ROOT))
        finally:
            app.extensions[EXTENSION_KEY].close()


def main() -> None:
    """Write the demo page's screenshots."""
    argparse.ArgumentParser(description=__doc__).parse_args()
    write_screenshots(capture)


if __name__ == "__main__":
    main()
