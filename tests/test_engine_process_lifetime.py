"""No engine worker process outlives its server: `kill -TERM` and `kill -9` of `python app.py` with MuseTalk."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from cli.cluster import free_port
from settings import PROJECT_ROOT
from tests.musetalk_fixtures import require_torch, tiny_models_once

require_torch()

START_TIMEOUT_S = 120.0
GONE_TIMEOUT_S = 15.0  # the parent-watch thread looks every second; the kernel's signal is immediate


def descendants(pid: int) -> set[int]:
    """Every process below `pid`, from `ps`."""
    table = subprocess.run(["ps", "-e", "-o", "pid=,ppid="], capture_output=True, text=True, check=True,
                           timeout=10).stdout.split()
    children: dict[int, list[int]] = {}
    for child, parent in zip(map(int, table[::2]), map(int, table[1::2])):
        children.setdefault(parent, []).append(child)
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def alive(pids: set[int]) -> set[int]:
    """Those of `pids` that `ps` still lists."""
    listed = subprocess.run(["ps", "-e", "-o", "pid="], capture_output=True, text=True, check=True,
                            timeout=10).stdout.split()
    return pids & set(map(int, listed))


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["term", "kill"])
def test_the_musetalk_worker_dies_with_its_server(sig: signal.Signals, tmp_path: Path, precomputed_dir: Path,
                                                   tmp_path_factory: pytest.TempPathFactory) -> None:
    models = tiny_models_once(tmp_path_factory.getbasetemp())
    port = free_port()
    env = {**os.environ, "PORT": str(port), "HOST": "127.0.0.1", "PRECOMPUTED_DIR": str(precomputed_dir),
           "MEDIA_DIR": str(tmp_path / "media"), "LIPSYNC_ENGINE": "musetalk", "MUSETALK_PATH": str(models),
           "MUSETALK_DEVICE": "cpu", "WARM_UP": "false"}
    server = subprocess.Popen([sys.executable, "app.py"], cwd=PROJECT_ROOT, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    spawned: set[int] = set()
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            assert server.poll() is None and time.monotonic() < deadline, "server did not start"
            try:
                if requests.get(f"http://127.0.0.1:{port}/api/v2/status", timeout=2).json()["models_loaded"]:
                    break
            except requests.RequestException:
                pass
            time.sleep(0.3)
        spawned = descendants(server.pid)
        assert spawned, "the MuseTalk engine runs no worker process"
        server.send_signal(sig)
        server.wait(30)
        deadline = time.monotonic() + GONE_TIMEOUT_S
        while alive(spawned) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not alive(spawned), f"left behind: {sorted(alive(spawned))}"
    finally:
        if server.poll() is None:
            server.kill()
            server.wait(10)
        for pid in alive(spawned):  # a failed check must not leave a 600 MB process behind
            os.kill(pid, signal.SIGKILL)
