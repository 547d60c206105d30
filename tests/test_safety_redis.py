"""Redis outages survived: a turn in flight ends its stream with an `error` event, status and new turns answer 503 +
Retry-After (never 500), the worker reconnects when Redis is back, and no turn is admitted while no worker lives."""
from __future__ import annotations

import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import redis

from runtime.services import Engines
from tests.conftest import services_of, sse_events, wait_until
from tests.fakes.hooked import HookedLipsync, hold_until
from tests.redis_server import free_port

TURN = {"text": "안녕하세요. 반갑습니다.", "resolution": "360p"}


class RedisProcess:
    """A redis-server this test may stop and start again on the same port."""

    def __init__(self) -> None:
        self.binary = shutil.which("redis-server")
        if self.binary is None:
            pytest.skip("redis-server not found")
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.workdir = tempfile.mkdtemp()
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen([self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                                         "--appendonly", "no", "--dir", self.workdir], stdout=subprocess.DEVNULL)
        wait_until(self._answers, what="redis-server answering")

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait(10)

    def _answers(self) -> bool:
        try:
            return bool(redis.Redis.from_url(self.url, socket_timeout=1).ping())
        except redis.RedisError:
            return False


@pytest.fixture
def outage() -> Iterator[RedisProcess]:
    server = RedisProcess()
    server.start()
    yield server
    server.stop()
    shutil.rmtree(server.workdir, ignore_errors=True)


@contextmanager
def held(make_app, url: str, workers: int) -> Iterator[tuple]:
    gate = threading.Event()
    app = make_app(engines=Engines(lipsync=HookedLipsync(hold_until(gate, limit_s=30))), JOB_BACKEND="redis",
                   REDIS_URL=url, REDIS_PREFIX=f"t{secrets.token_hex(6)}", REDIS_LOCAL_WORKERS=workers,
                   SOCKETIO_QUEUE=False, RATE_LIMIT="")
    try:
        yield app, gate
    finally:
        gate.set()


def test_redis_lost_mid_turn_ends_the_stream_with_an_error_and_the_worker_comes_back(make_app, outage):
    with held(make_app, outage.url, workers=1) as (app, gate):
        client = app.test_client()
        result: dict = {}
        reader = threading.Thread(target=lambda: result.update(events=sse_events(
            client.post("/api/v2/lipsync/stream", json=TURN))))
        reader.start()
        wait_until(lambda: services_of(app).queue.snapshot()["processing_count"] == 1, what="the turn rendering")
        outage.stop()
        gate.set()
        reader.join(60)
        assert not reader.is_alive()
        assert result["events"][-1]["type"] == "error" and "unavailable" in result["events"][-1]["message"]
        for answer in (client.get("/api/v2/status"), client.get("/api/queue_status"),
                       client.post("/api/v2/lipsync/stream", json=TURN)):
            assert answer.status_code == 503 and int(answer.headers["Retry-After"]) >= 1, answer.get_data(as_text=True)
            assert "unavailable" in answer.get_json()["error"]
        health = client.get("/api/health")
        assert health.status_code == 503 and health.get_json()["data"]["redis"] == "unhealthy"  # that component down
        outage.start()
        wait_until(lambda: client.get("/api/v2/status").status_code == 200, timeout=60, what="status again")
        wait_until(lambda: client.get("/api/queue_status").get_json()["max_concurrent"] == 1, timeout=60,
                   what="the worker back")
        events = sse_events(client.post("/api/v2/lipsync/stream", json=TURN))
        assert events[-1]["type"] == "done"


def test_no_turn_is_admitted_while_no_worker_is_alive(make_app, outage):
    with held(make_app, outage.url, workers=0) as (app, _):
        refused = app.test_client().post("/api/v2/lipsync/stream", json=TURN)
        assert refused.status_code == 503 and int(refused.headers["Retry-After"]) >= 1
        assert "worker" in refused.get_json()["error"]
        assert services_of(app).queue.active_count() == 0


def test_the_cluster_command_restarts_a_worker_that_exited(tmp_path):
    from cli.cluster import Cluster

    processes = Cluster({}, tmp_path)
    processes._spawn = lambda argv, name, **extra: subprocess.Popen([sys.executable, "-c", "pass"])  # type: ignore
    processes.workers = [subprocess.Popen([sys.executable, "-c", "raise SystemExit(3)"])]
    processes.workers[0].wait(10)
    assert processes.restart_exited_workers() == 1 and processes.workers[0].returncode is None
    processes.workers[0].wait(10)
