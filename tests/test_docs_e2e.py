"""/docs (Swagger UI) and /redoc render the document in Debian's Chromium with nothing loaded from outside the
server (skipped where /usr/bin/chromium or playwright is missing, like the page test)."""
from __future__ import annotations

import pytest

from tests.docs_screenshots import open_offline
from tests.page_screenshots import CHROMIUM, serve

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium) to run the docs tests",
                allow_module_level=True)
pytest.importorskip(
    "playwright.sync_api", reason="playwright not installed: .venv/bin/pip install playwright")


@pytest.mark.parametrize("path,needle", [("/docs", "/api/v2/chat_and_lipsync/stream"),
                                         ("/redoc", "Realtime Interview Avatar API")])
def test_docs_render_offline(make_app, browser, path, needle):
    errors: list[str] = []
    with serve(make_app()) as base_url:
        page, outside = open_offline(browser, base_url, path)
        page.on("pageerror", lambda error: errors.append(str(error)))
        text = page.inner_text("body")
        page.close()
    assert outside == [], f"{path} tried to load from outside the server: {outside}"
    assert needle in text and errors == []
