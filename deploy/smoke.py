"""Compose smoke test: bring the cluster up with podman-compose, play one turn through a web container rendered by a
worker container, tear it all down (volumes included), and print the timings.

    python3 deploy/smoke.py [--build]      (needs podman, podman-compose, and the images; --build makes them)

Images: APP_IMAGE (default localhost/interview-avatar:cpu), REDIS_IMAGE and POSTGRES_IMAGE (default: the Debian-built
ones of deploy/local-images, for hosts without an image registry). Uses deploy/compose.hostnet.yaml (host network).
"""
from __future__ import annotations

import argparse
import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT = "ia-smoke"
READY_TIMEOUT_S = 240.0
TURN_TIMEOUT_S = 180.0
IMAGES = {
    "BASE_IMAGE": "localhost/debian-python:bookworm",
    "APP_IMAGE": "localhost/interview-avatar:cpu",
    "REDIS_IMAGE": "localhost/interview-avatar-redis:local",
    "POSTGRES_IMAGE": "localhost/interview-avatar-postgres:local",
}


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def sh(*argv: str, env: dict[str, str] | None = None, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run a command from the repository root, output captured."""
    result = subprocess.run(argv, cwd=ROOT, env=env, text=True, capture_output=True)
    if check and result.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({result.returncode}):\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    return result


def image_size(image: str) -> str:
    """The image's size in MB."""
    size = int(sh("podman", "image", "inspect", "--format", "{{.Size}}", image).stdout.strip())
    return f"{size / 1e6:.0f} MB"


def build(env: dict[str, str]) -> dict[str, float]:
    """Build the offline base (if missing), the app image and the Redis/PostgreSQL images; seconds each."""
    took = {}
    if sh("podman", "image", "exists", env["BASE_IMAGE"], check=False).returncode != 0:
        start = time.monotonic()
        # The host's CA bundle goes into the base: pip inside the build then trusts what the host trusts (a TLS proxy).
        host_ca = Path("/etc/ssl/certs/ca-certificates.crt")
        sh("deploy/offline-base.sh", env["BASE_IMAGE"],
           env={"CA_BUNDLE": str(host_ca) if host_ca.is_file() else "", **env})
        took["base"] = round(time.monotonic() - start, 1)
    for key, file in (("APP_IMAGE", "Dockerfile"), ("REDIS_IMAGE", "deploy/local-images/redis.Containerfile"),
                      ("POSTGRES_IMAGE", "deploy/local-images/postgres.Containerfile")):
        start = time.monotonic()
        context = "." if key == "APP_IMAGE" else "deploy/local-images"
        sh("podman", "build", "--network", "host", "--build-arg", f"BASE_IMAGE={env['BASE_IMAGE']}",
           "-t", env[key], "-f", file, context)
        took[key] = round(time.monotonic() - start, 1)
    return took


def worker_log(container: str) -> str:
    """A container's log, both streams (the turn's summary line: "turn done in … s")."""
    logs = sh("podman", "logs", container, check=False)
    return logs.stdout + logs.stderr


def wait_healthy(container: str, deadline: float) -> None:
    """Run the container's own health check until it passes (podman runs none by itself without systemd)."""
    while sh("podman", "healthcheck", "run", container, check=False).returncode != 0:
        state = sh("podman", "inspect", "--format", "{{.State.Status}}", container, check=False).stdout.strip()
        if state not in ("running", "created") or time.monotonic() > deadline:
            logs = sh("podman", "logs", "--tail", "40", container, check=False)
            raise SystemExit(f"{container} not healthy ({state}):\n{logs.stdout}{logs.stderr}")
        time.sleep(1)


def create_key(compose: list[str], env: dict[str, str]) -> str:
    """An API key made with the operator's command in a one-off container (web refuses anonymous callers off loopback)."""
    out = sh(*compose, "run", "--rm", "--no-deps", "migrate", "python", "-m", "cli", "keys", "create", "smoke",
             env=env).stdout.splitlines()
    return out[out.index(next(line for line in out if "shown only now" in line)) + 1].strip()


def play_turn(base: str, key: str) -> dict:
    """POST one chat-and-lipsync turn, read its SSE events, fetch the video; what happened and how long it took."""
    body = json.dumps({"message": "자기소개를 해주세요", "avatar": "talk_long", "resolution": "360p"}).encode()
    request = urllib.request.Request(base + "/api/v2/chat_and_lipsync/stream", data=body,
                                     headers={"Content-Type": "application/json", "Authorization": f"Bearer {key}"})
    start = time.monotonic()
    events = []
    with urllib.request.urlopen(request, timeout=TURN_TIMEOUT_S) as response:
        for raw in response:
            line = raw.decode("utf-8").strip()
            if line.startswith("data: "):
                events.append(json.loads(line[6:]))
                if events[-1]["type"] in ("done", "error"):
                    break
    took = time.monotonic() - start
    last = events[-1] if events else {}
    if last.get("type") != "done":
        raise SystemExit(f"turn ended without done: {events[-3:]}")
    video_request = urllib.request.Request(base + last["video_url"], headers={"Authorization": f"Bearer {key}"})
    with urllib.request.urlopen(video_request, timeout=30) as response:
        video = response.read()
    if video[4:8] != b"ftyp":
        raise SystemExit(f"{last['video_url']} is not an MP4")
    counts = {kind: [e["type"] for e in events].count(kind) for kind in dict.fromkeys(e["type"] for e in events)}
    return {"turn_s": round(took, 2), "events": counts, "video_bytes": len(video),
            "reply": next((e.get("response", "") for e in events if e["type"] == "llm_done"), "")[:80]}


def main() -> int:
    """Up, one turn, down; print a JSON summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", action="store_true", help="build the images first")
    args = parser.parse_args()
    env = {**os.environ, **{k: os.environ.get(k, v) for k, v in IMAGES.items()}}
    web_port = free_port()
    env.update(SECRET_KEY=secrets.token_hex(32), POSTGRES_PASSWORD=secrets.token_hex(16),
               REDIS_HOST="127.0.0.1", REDIS_PORT=str(free_port()), POSTGRES_HOST="127.0.0.1",
               POSTGRES_PORT=str(free_port()), WEB_INNER_PORT=str(web_port), WEB_PORTS=str(web_port), WEB_REPLICAS="1",
               WORKER_REPLICAS=os.environ.get("WORKER_REPLICAS", "2"))
    summary: dict = {"build_s": build(env) if args.build else {}}
    compose = [os.environ.get("PODMAN_COMPOSE", "podman-compose"), "-p", PROJECT,
               "-f", "compose.yaml", "-f", "deploy/compose.hostnet.yaml"]
    started = time.monotonic()
    try:
        deadline = started + READY_TIMEOUT_S
        sh(*compose, "up", "-d", "--no-build", "--no-deps", "redis", "postgres", env=env)
        wait_healthy(f"{PROJECT}_redis_1", deadline)
        wait_healthy(f"{PROJECT}_postgres_1", deadline)
        # The one-shot migration runs to its end before any web or worker process starts.
        sh(*compose, "up", "-d", "--no-build", "--no-deps", "migrate", env=env)
        code = sh("podman", "wait", f"{PROJECT}_migrate_1").stdout.strip()
        if code != "0":
            raise SystemExit(f"migrate exited {code}: {sh('podman', 'logs', f'{PROJECT}_migrate_1').stderr[-2000:]}")
        summary["migrated_s"] = round(time.monotonic() - started, 1)
        key = create_key(compose, env)
        sh(*compose, "up", "-d", "--no-build", "--no-deps", "web", "worker", env=env)
        workers = [f"{PROJECT}_worker_{i}" for i in range(1, int(env["WORKER_REPLICAS"]) + 1)]
        for container in (f"{PROJECT}_web_1", *workers):
            wait_healthy(container, deadline)
        summary["ready_s"] = round(time.monotonic() - started, 1)
        summary["turn"] = play_turn(f"http://127.0.0.1:{web_port}", key)
        rendered = [w for w in workers if "turn done in" in worker_log(w)]
        if not rendered:
            raise SystemExit("no worker container logged the finished job")
        summary["rendered_by"] = rendered
        summary["schema"] = sh("podman", "exec", f"{PROJECT}_postgres_1", "psql", "-h", "/var/run/postgresql", "-p", env["POSTGRES_PORT"], "-U",
                               "avatar", "-d", "avatar", "-tAc", "select version_num from alembic_version").stdout.strip()
    finally:
        down = time.monotonic()
        sh(*compose, "down", "-v", env=env, check=False)
        summary["down_s"] = round(time.monotonic() - down, 1)
    summary["images"] = {k: image_size(env[k]) for k in ("APP_IMAGE", "REDIS_IMAGE", "POSTGRES_IMAGE")}
    print(json.dumps(summary, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
