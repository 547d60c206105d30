"""`python app.py` as a real server process on a free port, for tests that talk to it over HTTP."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import requests

from cli.cluster import free_port
from settings import PROJECT_ROOT

START_TIMEOUT_S = 60
STOP_TIMEOUT_S = 30  # a loaded machine's graceful stop (open keep-alive and socket threads) can take ~10 s


@contextmanager
def running_server(env: dict[str, str]) -> Iterator[str]:
    """Start `python app.py` with `env` on top of this environment; its base URL once it answers; stopped after."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "app.py"], cwd=PROJECT_ROOT,
                              env={**os.environ, **env, "PORT": str(port), "HOST": "127.0.0.1"},
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            try:
                if requests.get(f"{base}/api/v2/status", timeout=1).ok:
                    break
            except (requests.ConnectionError, requests.Timeout):  # gunicorn listens before its worker is ready
                assert time.monotonic() < deadline and server.poll() is None, server.stderr.read().decode()
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
