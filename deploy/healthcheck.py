"""Container health check: the web process answers /api/health with 200 (a worker checks its Redis heartbeat).

`python deploy/healthcheck.py` for the web tier; `python deploy/healthcheck.py worker` for a worker container,
which serves no HTTP: there the check is that Redis lists the live RQ worker that deploy/worker.sh named.
"""
from __future__ import annotations

import os
import sys
import urllib.request
from pathlib import Path

TIMEOUT_S = 4.0  # s: below the HEALTHCHECK --timeout
WORKER_NAME_FILE = Path("/tmp/worker-name")  # written by deploy/worker.sh


def web_ok() -> bool:
    """True when GET /api/health on this container's PORT answers 200."""
    url = f"http://127.0.0.1:{os.environ.get('PORT', '5000')}/api/health"
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT_S) as response:
            return response.status == 200
    except OSError:
        return False


def worker_ok() -> bool:
    """True when Redis lists this container's RQ worker (registered, heartbeat not expired)."""
    from redis import Redis
    from redis.exceptions import RedisError
    from rq import Worker

    try:
        name = WORKER_NAME_FILE.read_text(encoding="utf-8").strip()
        connection = Redis.from_url(os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"), socket_timeout=TIMEOUT_S)
        return any(worker.name == name for worker in Worker.all(connection=connection))
    except (OSError, RedisError):
        return False


if __name__ == "__main__":
    sys.exit(0 if (worker_ok() if sys.argv[1:] == ["worker"] else web_ok()) else 1)
