"""`interview-avatar cluster`: redis-server + N web processes + M RQ workers on one machine.

For development, the multi-process test and the bench: every process is started with an argv list, gets the
same JOB_BACKEND=redis settings and shared MEDIA_DIR, and is stopped (SIGTERM, then SIGKILL) on exit.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import click
import redis
import requests

from settings import PROJECT_ROOT

READY_TIMEOUT_S = 90.0  # s a web process or worker may take to start (engines load, avatars generate)
STOP_TIMEOUT_S = 15.0  # s a process gets after SIGTERM before SIGKILL
SUPERVISE_S = 1.0  # s between looks for workers that exited


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Cluster:
    """Processes of one deployment; `env` is the shared configuration (strings, like the environment)."""

    env: Mapping[str, str]
    log_dir: Path
    web: list[tuple[subprocess.Popen, str]] = field(default_factory=list)  # (process, base URL)
    workers: list[subprocess.Popen] = field(default_factory=list)
    worker_metrics: list[str] = field(default_factory=list)  # each worker's scrape URL
    redis_process: subprocess.Popen | None = None

    def start_redis(self) -> str:
        """Start Debian's redis-server on a free port (no persistence); return its URL."""
        binary = shutil.which("redis-server")
        if binary is None:
            raise RuntimeError("redis-server not found: apt-get install -y redis-server")
        port = free_port()
        self.redis_process = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                               "--appendonly", "no", "--dir", str(self.log_dir)],
                                              stdout=self._log("redis"))
        url = f"redis://127.0.0.1:{port}/0"
        _wait(lambda: _pings(url), "redis-server", self.redis_process)
        self.env = {**self.env, "REDIS_URL": url}
        return url

    def start_web(self) -> str:
        """One more web process (`python app.py`) on a free port; returns its base URL once it answers."""
        port = free_port()
        process = self._spawn([sys.executable, "app.py"], f"web{len(self.web)}", PORT=str(port), HOST="127.0.0.1")
        base = f"http://127.0.0.1:{port}"
        _wait(lambda: _answers(base + "/api/v2/status"), f"web process on {base}", process)
        self.web.append((process, base))
        return base

    def start_worker(self) -> subprocess.Popen:
        """One more worker (`interview-avatar worker`, run from the checkout), with its own metrics port."""
        port = free_port()
        process = self._spawn([sys.executable, "-m", "cli", "worker"], f"worker{len(self.workers)}",
                              WORKER_METRICS_PORT=str(port), WORKER_METRICS_HOST="127.0.0.1")
        self.workers.append(process)
        self.worker_metrics.append(f"http://127.0.0.1:{port}/metrics")
        return process

    def restart_exited_workers(self) -> int:
        """The supervisor's round: a worker that exited (a real error; Redis outages it waits out) starts again."""
        restarted = 0
        for i, process in enumerate(self.workers):
            if process.poll() is not None:
                self.workers[i] = self._spawn([sys.executable, "-m", "cli", "worker"], f"worker{i}")
                restarted += 1
        return restarted

    def wait_for_workers(self, count: int) -> None:
        """Until the queue reports `count` live workers."""
        base = self.web[0][1]
        _wait(lambda: requests.get(base + "/api/queue_status", timeout=5).json()["max_concurrent"] == count,
              f"{count} live workers", None)

    def stop(self) -> None:
        """SIGTERM every process (workers, web, redis), SIGKILL what is left after STOP_TIMEOUT_S."""
        processes = [*self.workers, *(p for p, _ in self.web)] + ([self.redis_process] if self.redis_process else [])
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + STOP_TIMEOUT_S
        for process in processes:
            try:
                process.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)

    def _spawn(self, argv: list[str], name: str, **extra: str) -> subprocess.Popen:
        env = {**os.environ, **self.env, **extra}
        return subprocess.Popen(argv, cwd=PROJECT_ROOT, env=env, stdout=self._log(name), stderr=subprocess.STDOUT)

    def _log(self, name: str):  # noqa: ANN202 - an open file handed to Popen
        return open(self.log_dir / f"{name}.log", "ab")  # noqa: SIM115 - closed with the process's exit


def cluster_env(media_dir: Path, precomputed_dir: Path, prefix: str = "avatar", **extra: str) -> dict[str, str]:
    """The settings every process of a one-machine cluster shares."""
    return {"JOB_BACKEND": "redis", "REDIS_PREFIX": prefix, "MEDIA_DIR": str(media_dir),
            "PRECOMPUTED_DIR": str(precomputed_dir), "WARM_UP": "false", "SOCKETIO_QUEUE": "true", **extra}


def _pings(url: str) -> bool:
    try:
        return bool(redis.Redis.from_url(url).ping())
    except redis.ConnectionError:
        return False


def _answers(url: str) -> bool:
    try:
        return requests.get(url, timeout=2).ok
    except requests.RequestException:
        return False


def _wait(ready, what: str, process: subprocess.Popen | None) -> None:  # noqa: ANN001 - a predicate
    deadline = time.monotonic() + READY_TIMEOUT_S
    while not ready():
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode} before it was ready")
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} not ready within {READY_TIMEOUT_S:.0f} s")
        time.sleep(0.2)


@click.command()
@click.option("--web", default=2, show_default=True, help="web processes")
@click.option("--workers", default=2, show_default=True, help="RQ worker processes")
def cluster(web: int, workers: int) -> None:
    """Start redis-server, web processes and workers on this machine; Ctrl+C stops them all (development)."""
    log_dir = Path(tempfile.mkdtemp(prefix="cluster-logs-"))
    processes = Cluster(cluster_env(PROJECT_ROOT / "results", PROJECT_ROOT / "precomputed"), log_dir)
    try:
        click.echo(f"redis: {processes.start_redis()}")
        for _ in range(workers):
            processes.start_worker()
        for _ in range(web):
            click.echo(f"web: {processes.start_web()}")
        processes.wait_for_workers(workers)
        for url in processes.worker_metrics:
            click.echo(f"worker metrics: {url}")
        click.echo(f"{workers} workers ready; logs in {log_dir}; Ctrl+C stops everything")
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
        while signal.sigtimedwait({signal.SIGINT, signal.SIGTERM}, SUPERVISE_S) is None:
            if processes.restart_exited_workers():
                click.echo("restarted a worker that exited (its log says why)")
    finally:
        processes.stop()
