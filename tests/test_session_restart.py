"""An interview survives a restart of the real server process: same DATABASE_URL, same generated SECRET_KEY."""
from __future__ import annotations

import stat
from pathlib import Path

import pytest
import requests

from settings import ConfigError
from server.secret_key import SECRET_KEY_FILE, persistent_secret_key
from tests.server_process import running_server

ANSWERS = ["면접을 시작합니다.", "저는 백엔드 개발자입니다.", "성능 개선 경험이 있습니다."]


def test_an_interview_continues_after_the_server_restarts(tmp_path: Path, precomputed_dir: Path):
    env = {"PRECOMPUTED_DIR": str(precomputed_dir), "MEDIA_DIR": str(tmp_path / "media"),
           "DATA_DIR": str(tmp_path / "data"), "DATABASE_URL": f"sqlite:///{tmp_path / 'interviews.db'}",
           "SECRET_KEY": "", "WARM_UP": "false"}
    browser = requests.Session()  # keeps the signed cookie, like the demo page
    with running_server(env) as base:
        assert browser.get(f"{base}/", timeout=10).ok  # the page hands the browser its identity cookie
        created = browser.post(f"{base}/api/sessions", timeout=10,
                               json={"org_type": "일반기업", "company_name": "삼성전자", "job_name": "개발엔지니어링"})
        session_id = created.json()["session_id"]
        before = []
        for answer in ANSWERS[:2]:
            reply = browser.post(f"{base}/api/chat", json={"session_id": session_id, "message": answer}, timeout=30)
            assert reply.status_code == 200, reply.text
            before += [("user", answer), ("assistant", reply.json()["content"])]
    with running_server(env) as base:  # a new process on the same database and data folder
        messages = browser.get(f"{base}/api/sessions/{session_id}/messages", timeout=10).json()["messages"]
        assert [(m["role"], m["content"]) for m in messages] == before
        owned = browser.get(f"{base}/api/sessions", timeout=10).json()["sessions"]
        assert [s["session_id"] for s in owned] == [session_id]  # the cookie from before the restart still signs
        reply = browser.post(f"{base}/api/chat", json={"session_id": session_id, "message": ANSWERS[2]}, timeout=30)
        assert reply.status_code == 200, reply.text
        assert reply.json()["llm_params"]["history_count"] == 4 and reply.json()["session_id"] == session_id
        assert reply.json()["llm_params"]["company_name"] == "삼성전자"
        assert browser.get(f"{base}/api/sessions/{session_id}", timeout=10).json()["message_count"] == 6


def test_the_generated_key_is_private_and_reused(tmp_path: Path):
    data_dir = tmp_path / "data"
    key = persistent_secret_key(data_dir)
    path = data_dir / SECRET_KEY_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and len(key) == 64
    assert persistent_secret_key(data_dir) == key and [p.name for p in data_dir.iterdir()] == [SECRET_KEY_FILE]
    assert persistent_secret_key(tmp_path / "other") != key


def test_a_broken_key_file_stops_the_start_naming_it(tmp_path: Path):
    (tmp_path / SECRET_KEY_FILE).write_text("\n")
    with pytest.raises(ConfigError, match=SECRET_KEY_FILE):
        persistent_secret_key(tmp_path)


def test_an_app_without_secret_key_uses_the_stored_one_and_a_configured_key_wins(make_app, tmp_path: Path):
    stored = make_app().config["SECRET_KEY"]
    assert stored == (tmp_path / "data" / SECRET_KEY_FILE).read_text().strip()
    assert make_app().config["SECRET_KEY"] == stored
    assert make_app(SECRET_KEY="configured-key").config["SECRET_KEY"] == "configured-key"
