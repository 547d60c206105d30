"""`interview-avatar worker`: builds the engines from the settings and serves turns (and avatar jobs, after the
turns) from the Redis queues (JOB_BACKEND=redis) until SIGTERM."""
from __future__ import annotations

import logging

import click

from cli.context import log_to_stderr, settings_of
from telemetry.metrics import serve_on_port
from telemetry.redact import redact

log = logging.getLogger(__name__)


@click.command()
@click.option("--name", help="worker name (default: host-pid)")
@click.option("--lipsync-engine", help="override LIPSYNC_ENGINE for this worker (e.g. musetalk)")
@click.option("--device", help="override MUSETALK_DEVICE for this worker (e.g. cuda:1)")
@click.pass_context
def worker(ctx: click.Context, name: str | None, lipsync_engine: str | None, device: str | None) -> None:
    """Serve turns from the Redis queue (engines and avatars loaded once)."""
    overrides = {k: v for k, v in (("LIPSYNC_ENGINE", lipsync_engine), ("MUSETALK_DEVICE", device)) if v}
    config = settings_of(ctx, **overrides)
    log_to_stderr(config)
    from jobs.relay import socket_relay  # noqa: PLC0415 - engines load only when the command runs
    from jobs.worker import TurnRuntime, TurnWorker, worker_name  # noqa: PLC0415
    from runtime.avatar_jobs import avatar_runtime, progress_notifier  # noqa: PLC0415
    from server.schemas.events import socket_event  # noqa: PLC0415
    from runtime.services import build_pipeline, describe_error, redis_emit, redis_store, session_store  # noqa: PLC0415
    from settings import PROJECT_ROOT  # noqa: PLC0415
    from store.database import Database, resolve_url  # noqa: PLC0415

    database = Database(resolve_url(config.DATABASE_URL, config.DATA_DIR, PROJECT_ROOT))  # the turns it runs are kept
    pipeline = build_pipeline(config, sessions=session_store(config, database))
    store, emit = redis_store(config), redis_emit(config)
    runtime = TurnRuntime(pipeline, store, socket_relay(emit, socket_event), config.JOB_TIMEOUT_S, describe_error,
                          name or worker_name(),
                          avatar_runtime(config, store, pipeline.parts.avatars.root, progress_notifier(emit)))
    if config.WORKER_METRICS_PORT:  # the turns render here, so their histograms are scraped here (docs/deploy.md)
        serve_on_port(pipeline.parts.metrics.registry, config.WORKER_METRICS_PORT, config.WORKER_METRICS_HOST)
        log.info("metrics on http://%s:%d/metrics", config.WORKER_METRICS_HOST, config.WORKER_METRICS_PORT)
    log.info("worker %s serving %s (lipsync %s)", runtime.name, redact(config.REDIS_URL), pipeline.parts.lipsync.name)
    try:
        # RQ names every job with its arguments (the candidate's words) at INFO: only with LOG_LEVEL=DEBUG
        TurnWorker(runtime).work(logging_level="DEBUG" if config.LOG_LEVEL == "DEBUG" else "WARNING")
    finally:
        pipeline.parts.lipsync.close()
        database.close()
