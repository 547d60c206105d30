"""The set-up screen: an uploaded photo becomes the chosen interviewer (progress shown); the automatic voice fits the avatar."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import cv2
import matplotlib.cbook
import numpy as np
import pytest
from flask import Flask

from tests.page_screenshots import CHROMIUM

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} not found: apt-get install -y chromium", allow_module_level=True)
pytest.importorskip("playwright.sync_api", reason="playwright not installed: .venv/bin/pip install playwright")
from tests.test_page_face import page  # noqa: E402,F401 - the Korean-locale page fixture that records script errors

UPLOAD_TIMEOUT_MS = 120_000  # the photo's avatar is built at every resolution on 2 shared cores


def test_uploaded_photo_becomes_the_chosen_interviewer(page: Any, served: tuple[Flask, str], tmp_path: Path) -> None:
    _, base_url = served
    page.set_default_timeout(UPLOAD_TIMEOUT_MS)
    page.goto(base_url)
    page.wait_for_selector("#start:not([disabled])")
    before = page.eval_on_selector_all("#avatar option", "options => options.map(o => o.value)")
    page.evaluate("""() => { window.progressLog = [];
        new MutationObserver(() => window.progressLog.push(Number(document.querySelector('#avatar-upload-progress').value)))
          .observe(document.querySelector('#avatar-upload-status'), {childList: true, characterData: true, subtree: true}); }""")
    photo = Path(matplotlib.cbook.get_sample_data("grace_hopper.jpg", asfileobj=False))
    page.set_input_files("#avatar-file", str(photo))
    page.wait_for_selector("#avatar-upload-status:has-text('준비')")
    chosen = page.eval_on_selector("#avatar", "s => s.value")
    assert chosen.startswith("grace_hopper_") and chosen not in before
    assert page.eval_on_selector_all("#resolution option", "options => options.map(o => o.value)")  # its resolutions
    assert any(0 < p < 100 for p in page.evaluate("() => window.progressLog"))  # the job's progress was shown on the way
    assert page.script_errors == []


def test_a_file_without_a_face_is_refused_with_the_servers_message(page: Any, served: tuple[Flask, str], tmp_path: Path) -> None:
    _, base_url = served
    page.goto(base_url)
    page.wait_for_selector("#start:not([disabled])")
    blank = tmp_path / "blank.png"
    cv2.imwrite(str(blank), np.full((300, 300, 3), 200, np.uint8))
    page.set_input_files("#avatar-file", str(blank))
    page.wait_for_selector("#avatar-upload-status:has-text('만들지 못했습니다')")
    assert "face" in page.text_content("#avatar-upload-status")


def test_the_automatic_voice_fits_the_chosen_interviewer(page: Any, served: tuple[Flask, str]) -> None:
    _, base_url = served
    page.goto(base_url)
    page.wait_for_selector("#start:not([disabled])")
    page.select_option("#engine", "espeak")
    page.select_option("#avatar", "talk_long")  # Ms. Seo: the presets seat a woman on this avatar
    assert page.eval_on_selector("#voice", "s => s.value") == "ko-female"
    page.select_option("#avatar", "talk_short")
    assert page.eval_on_selector("#voice", "s => s.value") == "ko"
    page.select_option("#voice", "en-us")  # the user's own choice is kept
    page.select_option("#avatar", "talk_long")
    assert page.eval_on_selector("#voice", "s => s.value") == "en-us"
    assert page.script_errors == []
