"""The real server process: `python app.py` streams SSE over HTTP to a plain `requests` client."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

from server.config import PROJECT_ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_app_py_serves_the_seed_sse_stream(tmp_path: Path, precomputed_dir: Path):
    port = free_port()
    env = {**os.environ, "PORT": str(port), "HOST": "127.0.0.1", "PRECOMPUTED_DIR": str(precomputed_dir),
           "MEDIA_DIR": str(tmp_path / "media"), "DATA_DIR": str(tmp_path / "data")}
    server = subprocess.Popen([sys.executable, "app.py"], cwd=PROJECT_ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(f"{base}/api/v2/status", timeout=1).ok:
                    break
            except (requests.ConnectionError, requests.Timeout):  # gunicorn listens before its worker is ready
                assert time.monotonic() < deadline and server.poll() is None, server.stderr.read().decode()
                time.sleep(0.2)
        started = time.monotonic()
        response = requests.post(f"{base}/api/v2/lipsync/stream", stream=True, timeout=60,
                                 json={"text": "안녕하세요, 면접에 오신 것을 환영합니다. 잘 부탁드립니다.",
                                       "avatar": "talk_long", "resolution": "720p"})
        events, first_segment_s = [], None
        for line in response.iter_lines():
            if line.startswith(b"data: "):
                events.append(json.loads(line[6:]))
                if events[-1]["type"] == "segment" and first_segment_s is None:
                    first_segment_s = time.monotonic() - started
        assert events[-1]["type"] == "done", events[-1]
        assert first_segment_s is not None
        print(f"first segment after {first_segment_s:.3f} s")  # figure for the closing note (-s shows it)
        video = requests.get(base + events[-1]["video_url"], headers={"Range": "bytes=0-99"}, timeout=10)
        assert video.status_code == 206 and len(video.content) == 100
    finally:
        server.terminate()
        server.wait(10)
