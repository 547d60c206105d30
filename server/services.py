"""Everything a request needs, built once per app from the config (the factory's only state)."""
from __future__ import annotations

import logging
from dataclasses import dataclass

from flask import current_app

from avatars.store import AvatarNotFound, AvatarStore
from jobs.media import MediaJanitor, MediaStore
from jobs.pipeline import PipelineParts, TurnPipeline
from jobs.queue import JobQueue
from lipsync import registry as lipsync_registry
from lipsync.base import LipsyncEngine, LipsyncError
from llm import registry as llm_registry
from llm.base import ChatEngine, LLMError
from server.config import PROJECT_ROOT, Config, ConfigError
from server.errors import ApiError
from server.history import HistoryStore
from tts import registry as tts_registry
from tts.base import TTSError
from tts.cache import TTSCache
from tts.speaker import Speaker

log = logging.getLogger(__name__)
EXTENSION_KEY = "interview_avatar"


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
        media = MediaStore(config.MEDIA_DIR, PROJECT_ROOT)
        pipeline = TurnPipeline(PipelineParts(llm, tts.engines, lipsync, avatars, media, config.ENCODER_THREADS))
        if config.WARM_UP:
            _warm_up(pipeline, avatars, config)
        queue = JobQueue(config.MAX_CONCURRENT, config.MAX_QUEUE, config.JOB_TIMEOUT_S, describe_error)
        janitor = MediaJanitor(media, config.MEDIA_RETENTION_S)
        janitor.start()
        histories = HistoryStore(config.LEGACY_SESSIONS, 2 * config.MAX_HISTORY_TURNS)
        return cls(config, llm, tts, lipsync, avatars, media, queue, pipeline, histories, janitor)

    def close(self) -> None:
        """Stop background threads and cancel running jobs."""
        self.queue.shutdown()
        self.janitor.stop()


def _warm_up(pipeline: TurnPipeline, avatars: AvatarStore, config: Config) -> None:
    """Load the default avatar and run each engine once so the first request does not pay for it."""
    try:
        pipeline.warm_up(avatars.resolve(config.DEFAULT_AVATAR, config.DEFAULT_RESOLUTION), config.TTS_ENGINE)
    except (AvatarNotFound, TTSError, LipsyncError) as e:
        log.warning("warm-up skipped: %s", e)


def describe_error(error: Exception) -> str:
    """The message a client sees for a failed job; unexpected errors are logged, not shown."""
    if isinstance(error, LLMError):
        return f"LLM error: {error}"
    if isinstance(error, TTSError):
        return f"TTS error: {error}"
    if isinstance(error, LipsyncError):
        return f"lipsync error: {error}"
    if isinstance(error, AvatarNotFound):
        return f"avatar not found: {error}"
    if isinstance(error, ApiError):
        return error.message
    log.error("job failed", exc_info=error)
    return "internal error while generating"


def services() -> Services:
    """The current app's services."""
    return current_app.extensions[EXTENSION_KEY]
