"""The served edge (gunicorn) against slow clients: a request head trickled byte by byte is dropped at the head
deadline, one address holds EDGE_MAX_CONNECTIONS_PER_ADDRESS connections (429 beyond), slow heads from many
addresses take no thread, and a new client is served meanwhile. bench/slow_clients.py measures how many such
connections a new client survives."""
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


def edge(tmp_path, precomputed_dir, head_timeout_s: int):
    """The served app (4 threads, 3 connections per address) with this head timeout."""
    return running_server({"PRECOMPUTED_DIR": str(precomputed_dir), "MEDIA_DIR": str(tmp_path / "media"),
                           "DATA_DIR": str(tmp_path / "data"), "WARM_UP": "false", "SERVER_THREADS": "4",
                           "EDGE_HEADER_TIMEOUT_S": str(head_timeout_s), "EDGE_MAX_CONNECTIONS_PER_ADDRESS": "3"})


def test_trickled_heads_are_dropped_and_one_address_cannot_take_every_thread(tmp_path, precomputed_dir):
    with edge(tmp_path, precomputed_dir, head_timeout_s=2) as base:
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


def kept_alive_then_slow(port: int, address: str) -> socket.socket:
    """A connection that is served one request, keeps the connection and trickles its next request's head."""
    s = slow(port, address)
    s.sendall(b"1\r\n\r\n")  # the first head is whole now
    assert s.recv(4096).startswith(b"HTTP/1.1 200")
    s.sendall(HEAD)
    return s


def pipelined(port: int) -> bytes:
    """Two requests sent at once, the first exactly as long as the parser's first read (8192 bytes), so the second
    is left in the edge's buffer; both answers."""
    head = b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: "
    first = head + b"a" * (8192 - len(head) - 4) + b"\r\n\r\n"
    second = b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(first + second)
        answers = b""
        while chunk := s.recv(65536):
            answers += chunk
    return answers


def test_slow_heads_from_many_addresses_take_no_thread_so_a_new_client_is_served(tmp_path, precomputed_dir):
    with edge(tmp_path, precomputed_dir, head_timeout_s=30) as base:
        port = int(base.rsplit(":", 1)[1])
        addresses = [f"127.0.1.{n}" for n in range(1, 21)]  # 20 addresses, each under its connection limit
        held = [slow(port, a) for a in addresses for _ in range(2)]
        held += [kept_alive_then_slow(port, a) for a in addresses[:8]]
        for s in held:
            s.sendall(b"x")  # still trickling: every head is open, far more of them than threads
        try:
            for _ in range(3):  # 48 slow heads against 4 threads: each new client is served all the same
                assert requests.get(f"{base}/api/health", timeout=10).status_code == 200
            assert pipelined(port).count(b"HTTP/1.1 200") == 2
        finally:
            for s in held:
                s.close()
