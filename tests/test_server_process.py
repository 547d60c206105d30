"""The real server process: `python app.py` streams SSE over HTTP to a plain `requests` client."""
from __future__ import annotations

import json
import time
from pathlib import Path

import requests

from tests.server_process import running_server


def test_app_py_serves_the_seed_sse_stream(tmp_path: Path, precomputed_dir: Path):
    env = {"PRECOMPUTED_DIR": str(precomputed_dir), "MEDIA_DIR": str(tmp_path / "media"),
           "DATA_DIR": str(tmp_path / "data")}
    with running_server(env) as base:
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
