"""A turn worker process: `.venv/bin/python -m server.worker` builds the engines from `.env` / the environment and
serves turns (and avatar jobs, after the turns) from the Redis queues (JOB_BACKEND=redis) until SIGTERM."""
from __future__ import annotations

import argparse
import logging

from jobs.relay import socket_relay
from jobs.worker import TurnRuntime, TurnWorker, worker_name
from server.avatar_jobs import avatar_runtime, progress_notifier
from settings import Config
from server.schemas.events import socket_event
from server.services import build_pipeline, describe_error, redis_emit, redis_store

log = logging.getLogger(__name__)


def main(argv: list[str] | None = None) -> None:
    """Build the engines from the config once, then serve turns from the Redis queue until SIGTERM."""
    parser = argparse.ArgumentParser(description="Serve turns from the Redis queue.")
    parser.add_argument("--name", help="worker name (default: host-pid)")
    parser.add_argument("--lipsync-engine", help="override LIPSYNC_ENGINE for this worker (e.g. musetalk)")
    parser.add_argument("--device", help="override MUSETALK_DEVICE for this worker (e.g. cuda:1)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    overrides = {k: v for k, v in (("LIPSYNC_ENGINE", args.lipsync_engine), ("MUSETALK_DEVICE", args.device)) if v}
    config = Config.load(overrides)
    pipeline = build_pipeline(config)
    store, emit = redis_store(config), redis_emit(config)
    runtime = TurnRuntime(pipeline, store, socket_relay(emit, socket_event), config.JOB_TIMEOUT_S, describe_error,
                          args.name or worker_name(),
                          avatar_runtime(config, store, pipeline.parts.avatars.root, progress_notifier(emit)))
    log.info("worker %s serving %s (lipsync %s)", runtime.name, config.REDIS_URL, pipeline.parts.lipsync.name)
    try:
        TurnWorker(runtime).work(logging_level="INFO")
    finally:
        close_engine = getattr(pipeline.parts.lipsync, "close", None)
        if close_engine is not None:
            close_engine()


if __name__ == "__main__":
    main()
