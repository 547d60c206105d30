"""Everything a request needs, built once per app from the config (the factory's only state)."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from avatars.store import AvatarNotFound, AvatarStore
from jobs.avatar_jobs import AvatarJobQueue, Notify
from jobs.backend import JobBackend
from jobs.events import follow
from pipeline.media import MediaJanitor, MediaStore
from pipeline.media_links import MediaLinks
from pipeline.metrics import PipelineMetrics
from pipeline.turn_pipeline import PipelineParts, RenderOptions, TurnPipeline, TurnSpec
from jobs.queue import JobQueue, Relay
from jobs.relay import Emit
from pipeline.render_cache import RenderCache
from pipeline.spec import JobRequest
from lipsync import registry as lipsync_registry
from lipsync.base import LipsyncEngine, LipsyncError
from lipsync.video_codec import video_codec
from interview import engines as llm_registry
from llm.base import ChatEngine, ChatTurn
from llm.fallback import FallbackChatEngine
from runtime.avatar_jobs import avatar_runtime, build_avatar_jobs, sweep_uploads
from settings import PROJECT_ROOT, ConfigError
from runtime.config import Config
from runtime.engine_errors import public_message
from runtime.errors import ApiError
from runtime.session_media import media_in_use
from store.database import Database, resolve_url
from store.sessions import SessionStore
from tts import registry as tts_registry
from tts.base import NothingToSpeak, TTSEngine, TTSError
from tts.cache import TTSCache
from tts.speaker import Speaker

if TYPE_CHECKING:
    from jobs.local_workers import LocalWorkers
    from jobs.redis_store import RedisJobStore
    from lipsync.render_pool import RenderPool

log = logging.getLogger(__name__)
OPENING_MESSAGE = "안녕하세요, 면접 보러 왔습니다."  # the candidate's first words when the openings are pre-rendered
PRERENDER_POLL_S = 1.0  # s between checks while a pre-render job runs


@dataclass(frozen=True)
class Engines:
    """Engines to use instead of the configured ones (tests and embedders inject them through the constructor)."""

    llm: ChatEngine | None = None
    tts: dict[str, TTSEngine] | None = None  # by registry name; replaces the configured set
    lipsync: LipsyncEngine | None = None


def renders_here(config: Config) -> bool:
    """True when turns render in this process: the local backend, or Redis worker threads inside it. A web process of
    a cluster (JOB_BACKEND=redis, no REDIS_LOCAL_WORKERS) leaves its lipsync engine unloaded: the workers render."""
    return config.JOB_BACKEND == "local" or config.REDIS_LOCAL_WORKERS > 0


def build_parts(config: Config, engines: Engines | None = None, load_lipsync: bool = True,
                sessions: SessionStore | None = None) -> PipelineParts:
    """The pipeline's engines and stores from the config (unknown names fail here, listing valid ones); finished chat
    turns are kept in `sessions`."""
    engines = engines or Engines()
    try:
        llm = engines.llm or llm_registry.create(config.LLM_ENGINE, config)
        catalogue = tts_registry.catalogue_for(config)
        cache = TTSCache(config.MEDIA_DIR / "tts_cache", config.TTS_CACHE_MAX_BYTES) if config.TTS_CACHE_MAX_BYTES else None
        tts = Speaker(engines.tts or tts_registry.create_all(config, catalogue), config.TTS_ENGINE, catalogue, cache,
                      config.TTS_FALLBACK or None)
        lipsync = engines.lipsync or lipsync_registry.create(config.LIPSYNC_ENGINE, config)
    except ValueError as e:
        raise ConfigError(str(e)) from e
    avatars = AvatarStore(config.PRECOMPUTED_DIR)
    avatars.ensure_defaults()
    if load_lipsync:
        lipsync.load()
    # signed, expiring media links; a scaled worker needs the web process's SECRET_KEY for its links to open
    links = MediaLinks(config.SECRET_KEY, config.MEDIA_URL_TTL_S) if config.SECRET_KEY else None
    media = MediaStore(config.MEDIA_DIR, PROJECT_ROOT, links)
    render_cache = RenderCache(config.MEDIA_DIR / "render_cache", config.RENDER_CACHE_MB << 20) \
        if config.RENDER_CACHE_MB else None
    try:
        codec = video_codec(config.VIDEO_ENCODER)
    except ValueError as e:
        raise ConfigError(str(e)) from e
    return PipelineParts(llm, tts, lipsync, avatars, media, config.ENCODER_THREADS, codec, render_cache,
                         PipelineMetrics(), sessions=sessions,
                         render_pool=render_pool(config) if load_lipsync and engines.lipsync is None else None)


def render_pool(config: Config) -> "RenderPool | None":
    """The render processes of RENDER_PROCESSES for the configured cpu engine (an injected engine renders in-process)."""
    if config.LIPSYNC_ENGINE != "cpu" or config.RENDER_PROCESSES == 0:
        return None
    from lipsync.render_pool import Recipe, pool_size, shared_pool, supported

    if not supported():
        log.info("RENDER_PROCESSES ignored on this system (no memfd): turns render on their job threads")
        return None

    return shared_pool(pool_size(config.RENDER_PROCESSES), Recipe(head_motion=config.HEAD_MOTION))


def session_store(config: Config, database: Database) -> SessionStore:
    """The interview sessions in `database` (web processes and workers alike: a worker keeps the turns it ran)."""
    return SessionStore(database, timedelta(hours=config.SESSION_TIMEOUT_HOURS), config.LEGACY_SESSIONS)


def build_pipeline(config: Config, engines: Engines | None = None, load_lipsync: bool = True,
                   sessions: SessionStore | None = None) -> TurnPipeline:
    """The turn pipeline with its parts, warmed up when WARM_UP is set and it renders (web process and worker)."""
    pipeline = TurnPipeline(build_parts(config, engines, load_lipsync, sessions), config.PIPELINE_MODE)
    if config.WARM_UP and load_lipsync:
        _warm_up(pipeline, config)
    return pipeline


@dataclass
class Services:
    """The app's engines, stores and job backend."""

    config: Config
    llm: ChatEngine
    llm_chain: FallbackChatEngine  # the engines `llm` tries, in order (its primary, fallback, call gate, cooldowns)
    tts: Speaker
    lipsync: LipsyncEngine
    avatars: AvatarStore
    media: MediaStore
    queue: JobBackend
    pipeline: TurnPipeline
    sessions: SessionStore
    janitor: MediaJanitor
    metrics: PipelineMetrics
    database: Database
    avatar_jobs: AvatarJobQueue
    local_workers: "LocalWorkers | None" = None  # REDIS_LOCAL_WORKERS threads

    @classmethod
    def build(cls, config: Config, engines: Engines | None = None, relay: Relay | None = None,
              notify: Notify | None = None) -> "Services":
        """Create engines, stores and the job backends; `relay` sends job events to Socket.IO rooms, `notify` avatar
        jobs' progress."""
        database = Database(resolve_url(config.DATABASE_URL, config.DATA_DIR, PROJECT_ROOT))
        if migrates_on_start(config, database):
            database.migrate()
        sessions = session_store(config, database)
        pipeline = build_pipeline(config, engines, load_lipsync=renders_here(config), sessions=sessions)
        parts = pipeline.parts
        turns = redis_store(config) if config.JOB_BACKEND == "redis" else None  # the shared state, one client
        queue = build_backend(config, pipeline, relay, turns)
        local_workers = start_local_workers(config, pipeline, relay, notify, turns)
        parts.metrics.watch_queue(queue.snapshot)
        if config.PRERENDER_OPENINGS and parts.cache is not None:
            _prerender_openings(queue, parts.llm, parts.avatars, config)
        janitor = MediaJanitor(parts.media, config.MEDIA_RETENTION_S, in_use=lambda: media_in_use(parts.media, sessions),
                               max_bytes=config.MEDIA_MAX_BYTES, protect_s=config.JOB_TIMEOUT_S,
                               also=lambda: sweep_uploads(parts.avatars, config))
        janitor.start()
        avatar_jobs = build_avatar_jobs(config, parts.avatars.root, notify, turns)
        return cls(config, parts.llm, as_chain(parts.llm), parts.tts, parts.lipsync, parts.avatars, parts.media, queue,
                   pipeline,
                   sessions, janitor, parts.metrics, database, avatar_jobs, local_workers)

    def models_loaded(self) -> bool:
        """Whether turns can render: this process's lipsync engine is loaded, or (a cluster's web process) at least
        one worker is alive."""
        if renders_here(self.config):
            return self.lipsync.loaded
        return self.queue.snapshot()["max_concurrent"] > 0

    def close(self) -> None:
        """Stop background threads, cancel running jobs, stop engine worker processes."""
        self.queue.shutdown()
        if self.local_workers is not None:
            self.local_workers.stop(self.queue.cancel_job)
        self.avatar_jobs.shutdown()
        self.janitor.stop()
        self.lipsync.close()
        self.database.close()


def as_chain(llm: ChatEngine) -> FallbackChatEngine:
    """The interviewer as a chain: the configured chain itself, or a chain of one (the embedded or an injected
    engine), so the web layer reads primary, fallback, gate and cooldowns the same way for every engine."""
    return llm if isinstance(llm, FallbackChatEngine) else FallbackChatEngine([llm])


def build_backend(config: Config, pipeline: TurnPipeline, relay: Relay | None,
                  store: "RedisJobStore | None") -> JobBackend:
    """Without `store`: threads of this process; with it (JOB_BACKEND=redis): the shared RQ queue."""
    if store is None:
        return JobQueue(lambda ctx, request: pipeline.run(ctx, request.spec), config.MAX_CONCURRENT,
                        config.MAX_QUEUE, config.JOB_TIMEOUT_S, describe_error, relay, config.MAX_JOBS_PER_CLIENT)
    from jobs.redis_backend import RedisBackend  # rq and redis are needed only here

    return RedisBackend(store, config.MAX_QUEUE, relay, config.MAX_JOBS_PER_CLIENT)


def start_local_workers(config: Config, pipeline: TurnPipeline, relay: Relay | None, notify: Notify | None,
                        store: "RedisJobStore | None") -> "LocalWorkers | None":
    """REDIS_LOCAL_WORKERS worker threads in this process (they make avatars too, telling `notify` their progress)."""
    if store is None or config.REDIS_LOCAL_WORKERS == 0:
        return None
    from jobs.local_workers import LocalWorkers  # rq and redis are needed only here
    from jobs.worker import ThreadWorker, TurnRuntime, worker_name

    avatars = avatar_runtime(config, store, pipeline.parts.avatars.root, notify)
    return LocalWorkers([ThreadWorker(TurnRuntime(pipeline, store, relay, config.JOB_TIMEOUT_S, describe_error,
                                                  worker_name(i), avatars))
                         for i in range(config.REDIS_LOCAL_WORKERS)])


def redis_store(config: Config) -> "RedisJobStore":
    """The deployment's shared job state on REDIS_URL."""
    import redis

    from jobs.local_workers import LocalWorkers
    from jobs.redis_store import RedisJobStore

    return RedisJobStore(redis.Redis.from_url(config.REDIS_URL), config.REDIS_PREFIX, config.JOB_TIMEOUT_S)


def socketio_channel(config: Config) -> str:
    """The Socket.IO message-queue channel of this deployment (web processes and workers share it)."""
    return f"{config.REDIS_PREFIX}-socketio"


def socketio_queue(config: Config) -> dict[str, str]:
    """Flask-SocketIO options: with JOB_BACKEND=redis, emits from any process reach every web process's clients."""
    if config.JOB_BACKEND != "redis" or not config.SOCKETIO_QUEUE:
        return {}
    return {"message_queue": config.REDIS_URL, "channel": socketio_channel(config)}


def redis_emit(config: Config) -> Emit:
    """SocketIO.emit for processes without a web app (workers): through the Socket.IO message queue."""
    from flask_socketio import SocketIO

    return SocketIO(message_queue=config.REDIS_URL, channel=socketio_channel(config)).emit


def _warm_up(pipeline: TurnPipeline, config: Config) -> None:
    """Load the default avatar and run each engine once so the first request does not pay for it."""
    try:
        avatar_id = pipeline.parts.avatars.resolve(config.DEFAULT_AVATAR, config.DEFAULT_RESOLUTION)
        pipeline.warm_up(avatar_id, config.TTS_ENGINE)
    except (AvatarNotFound, TTSError, LipsyncError) as e:
        log.warning("warm-up skipped: %s", e)


def _prerender_openings(queue: JobBackend, llm: ChatEngine, avatars: AvatarStore, config: Config) -> None:
    """Render the scripted interviewer's first reply once per avatar, so a new interview starts from the cache."""
    if llm.name != "scripted":
        log.info("PRERENDER_OPENINGS skipped: LLM_ENGINE=%s does not answer the same way twice", llm.name)
        return
    turn = ChatTurn(OPENING_MESSAGE, max_tokens=config.LLM_MAX_TOKENS, temperature=config.LLM_TEMPERATURE)
    ids = [a.id for a in avatars.list() if a.resolution == config.DEFAULT_RESOLUTION]
    finished = 0
    for avatar_id in ids:  # one at a time: they share the render slots with nobody yet
        spec = TurnSpec(RenderOptions(avatar_id, tts_engine=config.TTS_ENGINE), chat=turn)
        job_id = queue.submit(JobRequest(spec, kind="prerender"))
        events = follow(lambda after, timeout, job_id=job_id: queue.read_events(job_id, after, timeout), 0,
                        PRERENDER_POLL_S)
        last = next(e for e in events if e is not None and e.terminal)
        finished += last.type == "done"
    log.info("pre-rendered the opening for %d of %d avatars", finished, len(ids))


def describe_error(error: Exception) -> tuple[str, str]:
    """The message and code a client sees for a failed job; unexpected errors are logged, not shown."""
    engine_message = public_message(error)
    if engine_message is not None:
        return engine_message, "bad_request" if isinstance(error, NothingToSpeak) else "engine_unavailable"
    if isinstance(error, AvatarNotFound):
        return f"avatar not found: {error}", "not_found"
    if isinstance(error, ApiError):
        return error.message, error.code
    log.error("job failed", exc_info=error)
    return "internal error while generating", "internal_error"


def migrates_on_start(config: Config, database: Database) -> bool:
    """MIGRATE_ON_START, or when unset: the embedded SQLite migrates itself; a shared server is migrated once by
    `interview-avatar db upgrade` before its web processes start."""
    return config.MIGRATE_ON_START if config.MIGRATE_ON_START is not None else database.is_sqlite
