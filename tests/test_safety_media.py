"""Disk: MEDIA_MAX_BYTES evicts the oldest media first and never a running job's files; retention ≥ job timeout."""
from __future__ import annotations

import os
import shutil
import threading
import time

import pytest

from settings import ConfigError
from runtime.services import Engines
from tests.conftest import services_of, sse_events
from tests.fakes.hooked import HookedLipsync

OLD_S = 3600.0  # s: how old the earlier turns' files are made
TEXT = "안녕하세요, 면접에 오신 것을 환영합니다. 오늘은 세 가지 질문을 드리겠습니다. 편하게 답해 주세요."


def test_the_byte_cap_evicts_old_media_but_never_a_running_jobs_files(make_app):
    reached, release = threading.Event(), threading.Event()

    def hold_second_render(call: int, frame: int, cancel: threading.Event) -> None:
        if call == 2 and frame == 0:  # the first segment and the turn's WAV are on disk by now
            reached.set()
            release.wait(20)

    app = make_app(engines=Engines(lipsync=HookedLipsync(hold_second_render)), RENDER_CACHE_MB=0, MEDIA_MAX_BYTES=1)
    media = services_of(app).media
    old = [media.video_dir / f"turn_old{i}.mp4" for i in range(3)] + [media.audio_dir / "turn_old.wav"]
    for path in old:
        path.write_bytes(b"\0" * 1000)
        os.utime(path, (time.time() - OLD_S, time.time() - OLD_S))
    result: list = []
    stream = threading.Thread(target=lambda: result.append(sse_events(app.test_client().post(
        "/api/v2/lipsync/stream", json={"text": TEXT, "resolution": "360p"}))))
    stream.start()
    assert reached.wait(30), "the job never reached its second render"
    running = sorted(p.name for p in (*media.video_dir.iterdir(), *media.audio_dir.iterdir()) if p.name.startswith("turn_")
                     and "old" not in p.name)
    assert running, "the running job has files on disk"
    evicted = media.evict(max_bytes=1, min_age_s=services_of(app).config.JOB_TIMEOUT_S)  # the janitor's round
    assert evicted <= len(old) and not any(p.exists() for p in old)  # (the janitor thread may have run first)
    assert all((media.video_dir / n).exists() or (media.audio_dir / n).exists() for n in running)
    release.set()
    stream.join(30)
    done = result[0][-1]
    assert done["type"] == "done", done
    client = app.test_client()
    assert client.get(done["video_url"]).status_code == 200 and client.get(done["audio_url"]).status_code == 200


def test_retention_shorter_than_the_job_timeout_refuses_to_start(make_app):
    with pytest.raises(ConfigError, match="MEDIA_RETENTION_S .* must be at least JOB_TIMEOUT_S"):
        make_app(MEDIA_RETENTION_S=60, JOB_TIMEOUT_S=300)


def test_the_janitor_survives_its_media_folders_being_deleted(tmp_path):
    from pipeline.media import MediaJanitor, MediaStore  # noqa: PLC0415 - only this test builds them by hand

    store = MediaStore(tmp_path / "media", tmp_path)
    janitor = MediaJanitor(store, retention_s=0.0, interval_s=0.05, max_bytes=1)
    janitor.start()
    try:
        for _ in range(3):
            shutil.rmtree(tmp_path / "media", ignore_errors=True)  # an operator (or a test) removes results/
            time.sleep(0.2)
        assert janitor.running  # the failure mode was a thread dead of FileNotFoundError
        wait_for_folder = time.monotonic() + 5
        while not store.video_dir.is_dir() and time.monotonic() < wait_for_folder:
            time.sleep(0.05)
        assert store.video_dir.is_dir() and store.audio_dir.is_dir()  # made again for the next turn's files
    finally:
        janitor.stop()
