"""One client floods, another is still served: the other's TTFF alone vs while a socket floods `generate`.

    python -m bench.flood [--turns 5] [--resolution 360p]

Starts `python app.py` (defaults: MAX_CONCURRENT=3, MAX_QUEUE=10, MAX_JOBS_PER_CLIENT=2). The flooder is one
Socket.IO client that emits `generate` every 50 ms for the whole run and counts accepted vs refused acks. The
other client (its own cookie identity) streams `--turns` sequential `/api/v2/lipsync/stream` turns first on an
idle server, then during the flood. RATE_LIMIT_GENERATE is off: on one machine every client shares the address
that rate limits count by, so this measures the per-client job limit alone.
"""
from __future__ import annotations

import argparse
import os
import threading
import time

import numpy as np
import requests
import socketio

from bench.realtime import TEXT, Server, stream_turn

FLOOD_INTERVAL_S = 0.05


def flood(url: str, stop: threading.Event, counts: dict[str, int]) -> None:
    """Emit `generate` until `stop`, counting acks."""
    client = socketio.Client()
    client.connect(url, transports=["polling"], wait_timeout=10)
    try:
        while not stop.is_set():
            ack = client.call("generate", {"text": TEXT * 2, "resolution": "360p"}, timeout=10)
            counts["accepted" if ack.get("accepted") else "refused"] += 1
            time.sleep(FLOOD_INTERVAL_S)
    finally:
        client.disconnect()


def other_client_ttffs(url: str, turns: int, resolution: str) -> list[float]:
    """TTFF of `turns` sequential turns of a client with its own cookie identity."""
    http = requests.Session()
    http.get(url + "/api/queue_status", timeout=5).raise_for_status()  # the identity cookie, as a page load gives
    body = {"text": TEXT, "resolution": resolution}
    return [stream_turn(url, "/api/v2/lipsync/stream", body, http=http).ttff for _ in range(turns)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=5)
    parser.add_argument("--resolution", default="360p")
    args = parser.parse_args()
    os.environ["RATE_LIMIT_GENERATE"] = ""
    server = Server("pipelined", args.resolution, None)
    try:
        server.wait_ready()
        other_client_ttffs(server.url, 1, args.resolution)  # first turn not counted
        alone = other_client_ttffs(server.url, args.turns, args.resolution)
        stop, counts = threading.Event(), {"accepted": 0, "refused": 0}
        flooder = threading.Thread(target=flood, args=(server.url, stop, counts), daemon=True)
        flooder.start()
        time.sleep(1.0)
        flooded = other_client_ttffs(server.url, args.turns, args.resolution)
        stop.set()
        flooder.join(30)
    finally:
        server.stop()
    p50_alone, p50_flooded = float(np.median(alone)), float(np.median(flooded))
    print(f"flooder: {counts['accepted']} generate accepted, {counts['refused']} refused (429 at its job limit)")
    print(f"other client: {args.turns}/{args.turns} turns admitted during the flood")
    print(f"other client TTFF p50 alone {p50_alone * 1000:.0f} ms, during the flood {p50_flooded * 1000:.0f} ms "
          f"(x{p50_flooded / p50_alone:.2f}); load {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
