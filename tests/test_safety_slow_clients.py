"""The served edge (gunicorn) against slow clients: a request head trickled byte by byte is dropped at the head
deadline, one address holds EDGE_MAX_CONNECTIONS_PER_ADDRESS connections (429 beyond), a new client is served
meanwhile. bench/slow_clients.py measures how many such connections a new client survives."""
from __future__ import annotations

import socket
import time

import requests

from tests.server_process import running_server

HEAD = b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "


def slow(port: int, address: str) -> socket.socket:
    s = socket.socket()
    s.settimeout(5)
    s.bind((address, 0))
    s.connect(("127.0.0.1", port))
    s.sendall(HEAD)
    return s


def test_trickled_heads_are_dropped_and_one_address_cannot_take_every_thread(tmp_path, precomputed_dir):
    env = {"PRECOMPUTED_DIR": str(precomputed_dir), "MEDIA_DIR": str(tmp_path / "media"),
           "DATA_DIR": str(tmp_path / "data"), "WARM_UP": "false", "SERVER_THREADS": "4",
           "EDGE_HEADER_TIMEOUT_S": "2", "EDGE_MAX_CONNECTIONS_PER_ADDRESS": "3"}
    with running_server(env) as base:
        port = int(base.rsplit(":", 1)[1])
        held = [slow(port, "127.0.0.9") for _ in range(3)]
        refused = slow(port, "127.0.0.9")
        assert refused.recv(200).startswith(b"HTTP/1.1 429")
        started = time.monotonic()
        assert requests.get(f"{base}/api/health", timeout=2).status_code == 200  # 3 of 4 threads held, not all
        assert time.monotonic() - started < 2
        closed_at = []
        for s in held:
            while True:
                try:
                    s.sendall(b"x")
                    if s.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b"":
                        break
                except BlockingIOError:
                    pass
                except OSError:
                    break
                time.sleep(0.2)
                assert time.monotonic() - started < 15, "a trickled head was never dropped"
            closed_at.append(time.monotonic() - started)
        assert max(closed_at) < 6  # the head deadline (2 s), not the trickle, decides
