"""An abandoned synchronous `POST /api/v2/lipsync` (the client hangs up) is cancelled; it does not hold its slot."""
from __future__ import annotations

import json
import socket
import time
from urllib.parse import urlsplit

import requests

from tests.conftest import wait_until
from tests.server_process import running_server

SENTENCES = ("오늘 면접에 와 주셔서 감사합니다. ", "지난 프로젝트에서 맡으신 역할을 자세히 말씀해 주세요. ",
             "어려웠던 점과 해결한 방법도 궁금합니다. ")
LONG_TEXT = "".join(SENTENCES * 20)  # minutes of speech: its 720p render takes far longer than the test waits


def send_and_hang_up(base: str, path: str, body: dict, after_s: float) -> None:
    """Send a JSON POST on a raw connection and close it after `after_s`, before any answer."""
    url = urlsplit(base)
    payload = json.dumps(body).encode()
    with socket.create_connection((url.hostname, url.port)) as conn:
        conn.sendall(f"POST {path} HTTP/1.1\r\nHost: {url.netloc}\r\nContent-Type: application/json\r\n"
                     f"Content-Length: {len(payload)}\r\n\r\n".encode() + payload)
        time.sleep(after_s)


def busy(base: str) -> bool:
    response = requests.get(f"{base}/api/queue_status", timeout=5)
    status = response.json()
    assert "processing_count" in status, (response.status_code, status)
    return status["processing_count"] + status["queue_length"] + status["preparing_count"] > 0


def test_a_synchronous_request_whose_client_left_is_cancelled(tmp_path):
    media = tmp_path / "media"
    with running_server({"MEDIA_DIR": str(media), "DATA_DIR": str(tmp_path / "data"), "WARM_UP": "false",
                         "RENDER_CACHE_MB": "0", "RATE_LIMIT": ""}) as base:  # the test polls often
        send_and_hang_up(base, "/api/v2/lipsync", {"text": LONG_TEXT, "resolution": "720p"}, after_s=1.0)
        wait_until(lambda: busy(base), timeout=10, what="the abandoned job admitted")
        wait_until(lambda: not busy(base), timeout=30, what="the abandoned job cancelled")
        assert not list((media / "video").glob("*.mp4"))  # no turn video: it stopped, it did not finish


def test_a_synchronous_request_whose_client_stays_is_answered(tmp_path):
    """The hang-up check never mistakes a waiting client for a gone one (a socket timeout once read as a leave)."""
    with running_server({"MEDIA_DIR": str(tmp_path / "media"), "DATA_DIR": str(tmp_path / "data"),
                         "WARM_UP": "false", "RATE_LIMIT": ""}) as base:
        response = requests.post(f"{base}/api/v2/lipsync", json={"text": "안녕하세요.", "resolution": "360p"},
                                 timeout=40)  # a hang guard: the bug answered 409 only after EDGE_IO_TIMEOUT_S
        assert response.status_code == 200, response.text
