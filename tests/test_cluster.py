"""Two web processes + two RQ workers on one Redis: the shared queue, resumable streams, worker faults.

Real processes (`python app.py`, `python -m cli worker`, Debian's redis-server), plain HTTP and Socket.IO clients.
Slow by nature (four processes start); skipped only where redis-server is absent.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import matplotlib.cbook
import pytest
import requests
import socketio
from prometheus_client.parser import text_string_to_metric_families

from cli.cluster import Cluster, cluster_env

if shutil.which("redis-server") is None:
    pytest.skip("redis-server not found: apt-get install -y redis-server (.ci/run installs it)",
                allow_module_level=True)

SHORT = "네, 좋습니다."
LONG = ("안녕하세요, 면접에 오신 것을 환영합니다. 먼저 간단히 자기소개를 해주시겠어요? 천천히 말씀하셔도 됩니다. "
        "지원하신 동기와 가장 자신 있는 경험을 함께 들려주세요.")
LOW_RES = {"avatar": "talk_long", "resolution": "360p"}
TURN_TIMEOUT_S = 120.0
LOST_WORKER_LIMIT_S = 30.0  # the bound: a killed worker's job ends with `error` within this


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory, precomputed_dir: Path) -> Iterator[Cluster]:
    root = tmp_path_factory.mktemp("cluster")
    running = Cluster(cluster_env(root / "media", precomputed_dir, prefix="cluster", SSE_HEARTBEAT_S="1",
                                      RENDER_CACHE_MB="0", MAX_JOBS_PER_CLIENT="0"),
                      root)  # no cache: every turn really renders; the cookie-less clients all share one address
    try:
        running.start_redis()
        for _ in range(2):
            running.start_worker()
        for _ in range(2):
            running.start_web()
        running.wait_for_workers(2)
        yield running
    finally:
        running.stop()


def stream_turn(base: str, text: str, **body: Any) -> list[dict[str, Any]]:
    """POST a streamed turn and return all its events (heartbeats every second let the deadline be checked)."""
    deadline = time.monotonic() + TURN_TIMEOUT_S
    events = []
    with requests.post(base + "/api/v2/lipsync/stream", json={"text": text, **LOW_RES, **body}, stream=True,
                       timeout=TURN_TIMEOUT_S) as response:
        assert response.status_code == 200, response.text
        for line in response.iter_lines():
            assert time.monotonic() < deadline, f"turn not finished after {[e['type'] for e in events]}"
            if line.startswith(b"data: "):
                events.append(json.loads(line[6:]))
    return events


def read_sse(response: requests.Response, stop_after: str | None = None) -> list[tuple[int, dict[str, Any]]]:
    """(id, data) of each event of an open SSE response, up to its end or the first `stop_after` event."""
    events, fields = [], {}
    deadline = time.monotonic() + TURN_TIMEOUT_S
    for line in response.iter_lines(decode_unicode=True):
        assert time.monotonic() < deadline, "stream not finished"
        if line:
            if not line.startswith(":"):
                key, value = line.split(": ", 1)
                fields[key] = value
            continue
        if "data" in fields:
            events.append((int(fields["id"]), json.loads(fields["data"])))
            if stop_after is not None and events[-1][1]["type"] == stop_after:
                break
        fields = {}
    return events


def in_threads(*calls) -> list[Any]:  # noqa: ANN002 - zero-argument callables
    """Run the calls at once; their results in order."""
    results: list[Any] = [None] * len(calls)
    threads = [threading.Thread(target=lambda i=i, c=c: results.__setitem__(i, c())) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TURN_TIMEOUT_S * 3 + 10)
        assert not thread.is_alive(), "a client did not finish"
    return results


def status(base: str) -> dict[str, Any]:
    return requests.get(base + "/api/queue_status", timeout=5).json()


def wait_for(predicate, timeout: float, what: str) -> None:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, f"{what} not reached within {timeout} s"
        time.sleep(0.1)


def test_twelve_turns_from_four_clients_on_both_web_processes(cluster: Cluster):
    bases = [base for _, base in cluster.web]
    rendering: list[int] = []
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            rendering.extend(status(base)["processing_count"] for base in bases)
            time.sleep(0.05)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        clients = [lambda c=c: [stream_turn(bases[(c + n) % 2], f"{SHORT} {c}-{n}.") for n in range(3)]
                   for c in range(4)]
        turns = [turn for client in in_threads(*clients) for turn in client]
    finally:
        done.set()
        watcher.join(10)
    assert len(turns) == 12 and len({t[-1]["request_id"] for t in turns}) == 12
    for events in turns:
        assert [e["type"] for e in events].count("done") == 1 and events[-1]["type"] == "done", events
        positions = [e["position"] for e in events if e["type"] == "queue_position"]
        assert positions == sorted(positions, reverse=True)  # a job's place only goes down
    assert max(rendering) <= 2 and status(bases[0])["processing_count"] == 0


def scrape(url: str) -> dict[str, float]:
    """Every sample of a Prometheus text page as {"name{labels}": value}."""
    samples = {}
    for family in text_string_to_metric_families(requests.get(url, timeout=5).text):
        for sample in family.samples:
            labels = ",".join(f"{k}={v}" for k, v in sorted(sample.labels.items()))
            samples[f"{sample.name}{{{labels}}}" if labels else sample.name] = sample.value
    return samples


def test_the_workers_serve_the_turn_histograms_they_render(cluster: Cluster):
    def ttff_counts() -> list[float]:
        return [scrape(url)["avatar_ttff_seconds_count"] for url in cluster.worker_metrics]

    before = ttff_counts()
    assert stream_turn(cluster.web[0][1], f"{SHORT} metrics.")[-1]["type"] == "done"
    after = ttff_counts()
    assert sum(after) - sum(before) == 1  # one worker rendered it and observed its TTFF
    for url in cluster.worker_metrics:
        page = scrape(url)
        assert page["process_resident_memory_bytes"] > 0 and "avatar_turns_total{outcome=done}" in page
    web = scrape(cluster.web[0][1] + "/metrics")
    assert web["avatar_http_requests_total{method=POST,route=/api/v2/lipsync/stream,status=200}"] >= 1


def test_a_dropped_stream_resumes_through_the_other_web_process(cluster: Cluster):
    (_, first), (_, second) = cluster.web
    client = socketio.Client()
    completed: list[dict] = []
    client.on("generation_complete", completed.append)
    client.connect(first, transports=["polling"], wait_timeout=10)
    try:
        ack = client.call("generate", {"text": LONG, **LOW_RES}, timeout=10)
        request_id = ack["request_id"]
        with requests.get(f"{first}/api/jobs/{request_id}/events", stream=True, timeout=TURN_TIMEOUT_S) as response:
            before = read_sse(response, stop_after="segment")  # then the connection drops
        last_id = before[-1][0]
        with requests.get(f"{second}/api/jobs/{request_id}/events", headers={"Last-Event-ID": str(last_id)},
                          stream=True, timeout=TURN_TIMEOUT_S) as response:
            after = read_sse(response)
        with requests.get(f"{second}/api/jobs/{request_id}/events", stream=True, timeout=TURN_TIMEOUT_S) as response:
            everything = read_sse(response)
        assert before + after == everything and after[-1][1]["type"] == "done"  # nothing lost, nothing repeated
        assert all(data["request_id"] == request_id for _, data in everything)
        wait_for(lambda: completed, 30, "generation_complete over Socket.IO (emitted by a worker)")
        assert completed[0]["request_id"] == request_id
    finally:
        client.disconnect()


def test_an_avatar_uploaded_to_one_web_process_is_made_by_a_worker_and_seen_by_the_other(cluster: Cluster):
    (_, first), (_, second) = cluster.web
    photo = Path(matplotlib.cbook.get_sample_data("grace_hopper.jpg", asfileobj=False)).read_bytes()
    with requests.Session() as candidate:  # one identity (cookie) on both web processes
        response = candidate.post(f"{first}/api/avatars", files={"file": ("me.jpg", photo)},
                                  data={"name": "Cluster Grace", "options": json.dumps({"idle_seconds": 0.4})}, timeout=30)
        assert response.status_code == 202, response.text
        job = response.json()["data"]
        try:
            wait_for(lambda: candidate.get(second + job["status_url"], timeout=5).json()["data"]["status"]
                     in ("completed", "failed"), TURN_TIMEOUT_S, "the avatar job's end, read on the other process")
            done = candidate.get(second + job["status_url"], timeout=5).json()["data"]
            assert done["status"] == "completed", done
            listed = {a["id"] for a in requests.get(f"{second}/api/avatars", timeout=5).json()["avatars"]}
            assert f"{job['avatar']}_360p" in listed
        finally:
            assert candidate.delete(f"{first}/api/avatars/{job['avatar']}", timeout=10).status_code in (200, 404)


def test_sigterm_finishes_the_current_turn_and_leaves_queued_ones_queued(cluster: Cluster):
    base = cluster.web[0][1]
    results: list[Any] = []
    threads = [threading.Thread(target=lambda i=i: results.append(stream_turn(base, f"{LONG} {i}."))) for i in range(3)]
    for thread in threads:
        thread.start()
        time.sleep(0.2)
    wait_for(lambda: status(base)["processing_count"] == 2 and status(base)["queue_length"] == 1, 60,
             "two turns rendering and one waiting")
    stopping = cluster.workers[0]
    stopping.send_signal(signal.SIGTERM)
    stopping.wait(TURN_TIMEOUT_S)  # after its current turn
    assert stopping.returncode == 0
    for thread in threads:
        thread.join(TURN_TIMEOUT_S * 2)
    assert [events[-1]["type"] for events in results] == ["done"] * 3  # the queued turn ran on the other worker
    cluster.workers.remove(stopping)
    cluster.start_worker()
    cluster.wait_for_workers(2)


def test_a_worker_killed_mid_turn_fails_its_job_within_30_s_and_the_others_finish(cluster: Cluster):
    base = cluster.web[1][1]
    results: dict[int, tuple[list, float]] = {}  # events, when the stream ended
    threads = [threading.Thread(target=lambda i=i: results.__setitem__(
        i, (stream_turn(base, f"{LONG} k{i}."), time.monotonic()))) for i in range(2)]
    for thread in threads:
        thread.start()
    wait_for(lambda: status(base)["processing_count"] == 2, 60, "two turns rendering")
    victim = cluster.workers[0]
    victim_job = next(p["request_id"] for p in status(base)["processing"] if p["worker"].endswith(f"-{victim.pid}"))
    killed_at = time.monotonic()
    os.kill(victim.pid, signal.SIGKILL)
    for thread in threads:
        thread.join(TURN_TIMEOUT_S)
    ends = {events[-1]["request_id"]: (events[-1], ended) for events, ended in results.values()}
    error, ended = ends[victim_job]
    assert error["type"] == "error" and "worker" in error["message"] and ended - killed_at < LOST_WORKER_LIMIT_S
    assert [e["type"] for rid, (e, _) in ends.items() if rid != victim_job] == ["done"]
    victim.wait(10)
    cluster.workers.remove(victim)
    assert stream_turn(base, SHORT)[-1]["type"] == "done"  # the next job runs on the surviving worker


def test_a_web_process_stopped_mid_stream_says_so_and_the_turn_resumes_elsewhere(cluster: Cluster):
    leaving = cluster.start_web()
    process = next(p for p, base in cluster.web if base == leaving)
    events: list[dict[str, Any]] = []
    with requests.post(leaving + "/api/v2/lipsync/stream", json={"text": LONG, **LOW_RES}, stream=True,
                       timeout=TURN_TIMEOUT_S) as response:
        for line in response.iter_lines():
            if line.startswith(b"data: "):
                events.append(json.loads(line[6:]))
                if events[-1]["type"] == "status" and len(events) == 1:
                    process.send_signal(signal.SIGTERM)  # a deploy replaces this web process mid-turn
    last = events[-1]
    assert last["type"] == "error" and last["code"] == "shutting_down", [e["type"] for e in events]
    process.wait(30)
    cluster.web.remove((process, leaving))
    with requests.get(cluster.web[0][1] + last["resume_url"], stream=True, timeout=TURN_TIMEOUT_S) as response:
        rest = read_sse(response)
    assert rest[-1][1]["type"] == "done" and rest[-1][1]["request_id"] == last["request_id"]


def test_a_chat_turn_is_kept_by_the_worker_that_ran_it_though_its_stream_dropped(cluster: Cluster):
    (_, first), (_, second) = cluster.web
    web = requests.Session()  # one identity (its cookie) for the session, the turn and the reading
    session_id = web.post(f"{first}/api/sessions", json={}, timeout=10).json()["session_id"]
    with web.post(f"{first}/api/v2/chat_and_lipsync/stream", stream=True, timeout=TURN_TIMEOUT_S,
                  json={"session_id": session_id, "message": SHORT, **LOW_RES}) as response:
        line = next(line for line in response.iter_lines() if line.startswith(b"data: "))
    request_id = json.loads(line[6:])["request_id"]  # the client left after the first event
    with web.get(f"{second}/api/jobs/{request_id}/events", stream=True, timeout=TURN_TIMEOUT_S) as response:
        assert read_sse(response)[-1][1]["type"] == "done"  # followed to its end elsewhere: nobody stores it there

    def kept() -> list[dict[str, Any]]:
        return web.get(f"{second}/api/sessions/{session_id}/messages", timeout=10).json()["messages"]

    wait_for(lambda: len(kept()) == 2, 10, "the turn kept in its session")
    assert [(m["role"], m["content"]) for m in kept()][0] == ("user", SHORT)
    assert kept()[1]["role"] == "assistant" and kept()[1]["video_url"]
