"""The API documentation pages in Debian's Chromium, offline, and the helpers their e2e test shares.

Run: `.venv/bin/python -m tests.docs_screenshots` → test-artifacts/docs-swagger.png and docs-redoc.png.
Every request that would leave the server is aborted and reported (nothing may load from the internet).
"""
from __future__ import annotations

import argparse
import logging
import tempfile
from pathlib import Path
from typing import Any

from flask import Flask

from settings import PROJECT_ROOT
from tests.page_screenshots import ARTIFACTS, DESKTOP, launch_chromium, serve

RENDER_TIMEOUT_MS = 30_000
# What shows that a page rendered the document, and how many of them at least: Swagger UI's operation blocks,
# ReDoc's menu entries (one per tag). Locators, because the pages' CSP forbids the eval'd predicates.
RENDERED = {"/docs": (".opblock", 20), "/redoc": ("[data-component-name='Menu/MenuItem']", 7)}


def open_offline(browser: Any, base_url: str, path: str) -> tuple[Any, list[str]]:
    """A page at `path` whose requests to anything but `base_url` are aborted and listed."""
    page = browser.new_page(viewport=DESKTOP)
    outside: list[str] = []

    def guard(route: Any) -> None:
        if route.request.url.startswith(base_url + "/") or route.request.url.startswith("data:"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    page.goto(base_url + path)
    selector, count = RENDERED[path]
    page.locator(selector).nth(count - 1).wait_for(timeout=RENDER_TIMEOUT_MS)
    return page, outside


def capture(app: Flask) -> list[Path]:
    """Swagger UI and ReDoc, full page; raises when either page reached outside the server."""
    from playwright.sync_api import sync_playwright

    shots = []
    ARTIFACTS.mkdir(exist_ok=True)
    with serve(app) as base_url, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            for path, name in (("/docs", "swagger"), ("/redoc", "redoc")):
                page, outside = open_offline(browser, base_url, path)
                if outside:
                    raise RuntimeError(f"{path} requested {outside}")
                shot = ARTIFACTS / f"docs-{name}.png"
                page.screenshot(path=str(shot), full_page=False)
                shots.append(shot)
        finally:
            browser.close()
    return shots


def main() -> None:
    """Build an app on the embedded engines (temporary media folder) and write the screenshots."""
    from server import create_app
    from runtime.config import Config
    from server.services import EXTENSION_KEY

    argparse.ArgumentParser(description=__doc__).parse_args()
    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory() as media:
        app = create_app(Config.load({"MEDIA_DIR": Path(media), "WARM_UP": False}, env_file=Path("/nonexistent/.env")))
        logging.getLogger("werkzeug").setLevel(logging.WARNING)
        try:
            for path in capture(app):
                print(path.relative_to(PROJECT_ROOT))
        finally:
            app.extensions[EXTENSION_KEY].close()


if __name__ == "__main__":
    main()
