"""A cluster through a dropped stream and a Redis outage: `python -m bench.outage_resume [--turns 12]`.

Starts redis-server, two web processes and one worker (cli.cluster). Resume: each turn is a
`POST /api/v2/lipsync/stream` to web 0 dropped after two `segment` events and resumed through web 1 with
`Last-Event-ID`; it counts the turns that reach `done` with no event lost or repeated. Outage: Redis is killed
while a turn streams from web 0, then started again on the same port; it prints what the streaming client,
a status client on web 1 and a new turn saw. Bounded: every read has a timeout; everything is stopped at the end.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import requests

from cli.cluster import Cluster, cluster_env
from settings import PROJECT_ROOT

TURN = {"text": "안녕하세요. 오늘 면접을 맡은 면접관입니다. 편하게 말씀해 주세요.", "resolution": "360p"}
READ_TIMEOUT_S = 120


def events(response: requests.Response) -> Iterator[dict]:
    """The `data:` events of an SSE response as they arrive."""
    for line in response.iter_lines():
        if line.startswith(b"data: "):
            yield json.loads(line[6:])


def resumed_turn(web0: str, web1: str) -> tuple[bool, int]:
    """One turn dropped after two segments on web 0 and resumed on web 1: (reached done intact, events seen)."""
    seen: list[dict] = []
    with requests.post(f"{web0}/api/v2/lipsync/stream", json=TURN, stream=True, timeout=READ_TIMEOUT_S) as first:
        for event in events(first):
            seen.append(event)
            if sum(e["type"] == "segment" for e in seen) == 2 or event["type"] in ("done", "error"):
                break
    job, last = seen[-1]["request_id"], seen[-1]["event_id"]
    with requests.get(f"{web1}/api/jobs/{job}/events", headers={"Last-Event-ID": str(last)}, stream=True,
                      timeout=READ_TIMEOUT_S) as again:
        seen += list(events(again)) if seen[-1]["type"] not in ("done", "error") else []
    ids = [e["event_id"] for e in seen]  # only the SSE event types are sent, so ids may skip; never repeat
    return seen[-1]["type"] == "done" and all(a < b for a, b in zip(ids, ids[1:])), len(seen)


def outage(processes: Cluster, web0: str, web1: str) -> None:
    """Kill Redis during a turn, start it again, and print what each client saw."""
    url = processes.env["REDIS_URL"]
    port = url.rsplit(":", 1)[1].split("/")[0]
    streamed: list[str] = []
    with requests.post(f"{web0}/api/v2/lipsync/stream", json=TURN, stream=True, timeout=READ_TIMEOUT_S) as turn:
        for event in events(turn):
            streamed.append(event["type"] + (f" ({event['message']})" if event["type"] == "error" else ""))
            if event["type"] == "segment" and processes.redis_process is not None:
                processes.redis_process.kill()
                processes.redis_process.wait(10)
                processes.redis_process = None
    print("streaming client (web 0):", " → ".join(dict.fromkeys(streamed)))
    status = requests.get(f"{web1}/api/v2/status", timeout=10)
    new = requests.post(f"{web1}/api/v2/lipsync/stream", json=TURN, timeout=30)
    print(f"status client (web 1): {status.status_code} {status.json().get('error', 'ok')}, Retry-After "
          f"{status.headers.get('Retry-After')}; new turn: {new.status_code} {new.json().get('error', '')}")
    started = time.monotonic()
    processes.redis_process = subprocess.Popen(
        [shutil.which("redis-server") or "redis-server", "--port", port, "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--dir", str(processes.log_dir)], stdout=subprocess.DEVNULL)
    while requests.get(f"{web1}/api/v2/status", timeout=10).status_code != 200 or \
            requests.get(f"{web1}/api/queue_status", timeout=10).json()["max_concurrent"] < 1:
        if time.monotonic() - started > READ_TIMEOUT_S:
            print("the worker did not come back")
            return
        time.sleep(0.5)
    back = time.monotonic() - started
    done = [e["type"] for e in events(requests.post(f"{web1}/api/v2/lipsync/stream", json=TURN, stream=True,
                                                    timeout=READ_TIMEOUT_S))]
    alive = [p.poll() is None for p in processes.workers]
    print(f"Redis back: status 200 and a live worker after {back:.1f} s (worker processes alive: {alive}); "
          f"a new turn ended with {done[-1]}")


def main() -> None:
    """Run the resume turns, then the outage."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=12)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = cluster_env(Path(tmp) / "media", PROJECT_ROOT / "precomputed", STREAM_RESUME_GRACE_S="20",
                          RATE_LIMIT="", RATE_LIMIT_GENERATE="", MAX_JOBS_PER_CLIENT="0", WARM_UP="false")
        processes = Cluster(env, Path(tmp))
        try:
            processes.start_redis()
            processes.start_worker()
            web0, web1 = processes.start_web(), processes.start_web()
            processes.wait_for_workers(1)
            results = [resumed_turn(web0, web1) for _ in range(args.turns)]
            print(f"resume: {sum(ok for ok, _ in results)} of {args.turns} turns dropped after two segments on "
                  f"web 0 reached done through web 1 with no event repeated "
                  f"({sum(n for _, n in results)} events in all)")
            outage(processes, web0, web1)
        finally:
            processes.stop()


if __name__ == "__main__":
    main()
