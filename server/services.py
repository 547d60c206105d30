"""Everything a request needs, built once per app from the config (the factory's only state)."""
from __future__ import annotations

import logging
from dataclasses import dataclass

from flask import current_app

from avatars.store import AvatarNotFound, AvatarStore
from jobs.media import MediaJanitor, MediaStore
from jobs.media_links import MediaLinks
from jobs.metrics import PipelineMetrics
from jobs.pipeline import PipelineParts, RenderOptions, TurnPipeline, TurnSpec
from jobs.queue import JobQueue
from jobs.render_cache import RenderCache
from lipsync import registry as lipsync_registry
from lipsync.base import LipsyncEngine, LipsyncError
from llm import registry as llm_registry
from llm.base import ChatEngine, ChatTurn
from server.config import PROJECT_ROOT, Config, ConfigError
from server.engine_errors import public_message
from server.errors import ApiError
from server.history import HistoryStore
from tts import registry as tts_registry
from tts.base import TTSError
from tts.cache import TTSCache
from tts.speaker import Speaker

log = logging.getLogger(__name__)
EXTENSION_KEY = "interview_avatar"
OPENING_MESSAGE = "안녕하세요, 면접 보러 왔습니다."  # the candidate's first words when the openings are pre-rendered


@dataclass
class Services:
    """The app's engines, stores and queue."""

    config: Config
    llm: ChatEngine
    tts: Speaker
    lipsync: LipsyncEngine
    avatars: AvatarStore
    media: MediaStore
    queue: JobQueue
    pipeline: TurnPipeline
    histories: HistoryStore
    janitor: MediaJanitor
    metrics: PipelineMetrics

    @classmethod
    def build(cls, config: Config) -> "Services":
        """Create engines (unknown names fail here, listing valid ones), stores, queue; warm what is cheap."""
        try:
            llm = llm_registry.create(config.LLM_ENGINE, config)
            catalogue = tts_registry.catalogue_for(config)
            cache = TTSCache(config.MEDIA_DIR / "tts_cache", config.TTS_CACHE_MAX_BYTES) if config.TTS_CACHE_MAX_BYTES else None
            tts = Speaker(tts_registry.create_all(config, catalogue), config.TTS_ENGINE, catalogue, cache,
                          config.TTS_FALLBACK or None)
            lipsync = lipsync_registry.create(config.LIPSYNC_ENGINE, config)
        except ValueError as e:
            raise ConfigError(str(e)) from e
        avatars = AvatarStore(config.PRECOMPUTED_DIR)
        avatars.ensure_defaults()
        lipsync.load()
        media = MediaStore(config.MEDIA_DIR, PROJECT_ROOT, MediaLinks(config.SECRET_KEY, config.MEDIA_URL_TTL_S))
        metrics = PipelineMetrics()
        render_cache = RenderCache(config.MEDIA_DIR / "render_cache", config.RENDER_CACHE_MB << 20) \
            if config.RENDER_CACHE_MB else None
        parts = PipelineParts(llm, tts, lipsync, avatars, media, config.ENCODER_THREADS, render_cache, metrics)
        pipeline = TurnPipeline(parts, config.PIPELINE_MODE)
        if config.WARM_UP:
            _warm_up(pipeline, avatars, config)
        queue = JobQueue(config.MAX_CONCURRENT, config.MAX_QUEUE, config.JOB_TIMEOUT_S, describe_error)
        metrics.watch_queue(queue.snapshot)
        if config.PRERENDER_OPENINGS and render_cache is not None:
            _prerender_openings(pipeline, queue, llm, avatars, config)
        janitor = MediaJanitor(media, config.MEDIA_RETENTION_S)
        janitor.start()
        histories = HistoryStore(config.LEGACY_SESSIONS, 2 * config.MAX_HISTORY_TURNS)
        return cls(config, llm, tts, lipsync, avatars, media, queue, pipeline, histories, janitor, metrics)

    def close(self) -> None:
        """Stop background threads, cancel running jobs, stop engine worker processes."""
        self.queue.shutdown()
        self.janitor.stop()
        close_engine = getattr(self.lipsync, "close", None)
        if close_engine is not None:
            close_engine()


def _warm_up(pipeline: TurnPipeline, avatars: AvatarStore, config: Config) -> None:
    """Load the default avatar and run each engine once so the first request does not pay for it."""
    try:
        pipeline.warm_up(avatars.resolve(config.DEFAULT_AVATAR, config.DEFAULT_RESOLUTION), config.TTS_ENGINE)
    except (AvatarNotFound, TTSError, LipsyncError) as e:
        log.warning("warm-up skipped: %s", e)


def _prerender_openings(pipeline: TurnPipeline, queue: JobQueue, llm: ChatEngine, avatars: AvatarStore,
                        config: Config) -> None:
    """Render the scripted interviewer's first reply once per avatar, so a new interview starts from the cache."""
    if llm.name != "scripted":
        log.info("PRERENDER_OPENINGS skipped: LLM_ENGINE=%s does not answer the same way twice", llm.name)
        return
    turn = ChatTurn(OPENING_MESSAGE, max_tokens=config.LLM_MAX_TOKENS, temperature=config.LLM_TEMPERATURE)
    ids = [a.id for a in avatars.list() if a.resolution == config.DEFAULT_RESOLUTION]
    specs = [TurnSpec(RenderOptions(avatar_id, tts_engine=config.TTS_ENGINE), chat=turn) for avatar_id in ids]
    log.info("pre-rendered the opening for %d of %d avatars", pipeline.prerender(queue, specs), len(specs))


def describe_error(error: Exception) -> str:
    """The message a client sees for a failed job; unexpected errors are logged, not shown."""
    engine_message = public_message(error)
    if engine_message is not None:
        return engine_message
    if isinstance(error, AvatarNotFound):
        return f"avatar not found: {error}"
    if isinstance(error, ApiError):
        return error.message
    log.error("job failed", exc_info=error)
    return "internal error while generating"


def services() -> Services:
    """The current app's services."""
    return current_app.extensions[EXTENSION_KEY]
