"""The interview coach's service: its engines (STT, report judge) and live transcription sessions, built from the
settings (the web edge attaches it to the app: server/services.py)."""
from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field

from coach.llm_judge import create_judge
from coach.report import AssessmentWriter
from settings import ConfigError
from runtime.config import Config
from stt import registry as stt_registry
from stt.base import STTEngine, STTError
from stt.streaming import StreamSession

log = logging.getLogger(__name__)
MAX_STREAMS = 200  # live transcriptions kept at once (oldest dropped)
STREAM_IDLE_S = 120.0  # s, a live transcription with no new audio for this long is dropped


@dataclass
class StreamStore:
    """Live transcription sessions by Socket.IO sid, bounded in number and idle time."""

    _sessions: OrderedDict[str, StreamSession] = field(default_factory=OrderedDict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def open(self, sid: str, session: StreamSession) -> None:
        """Start (or restart) the sid's session, dropping idle and excess ones."""
        with self._lock:
            self._drop_idle()
            self._sessions.pop(sid, None)
            self._sessions[sid] = session
            while len(self._sessions) > MAX_STREAMS:
                self._sessions.popitem(last=False)

    def get(self, sid: str) -> StreamSession | None:
        """The sid's open session."""
        with self._lock:
            return self._sessions.get(sid)

    def count(self) -> int:
        """Sessions open now (idle ones dropped first)."""
        with self._lock:
            self._drop_idle()
            return len(self._sessions)

    def _drop_idle(self) -> None:
        """Forget sessions without new audio for STREAM_IDLE_S (call with the lock held)."""
        now = time.monotonic()
        for key in [k for k, s in self._sessions.items() if now - s.touched > STREAM_IDLE_S]:
            del self._sessions[key]

    def close(self, sid: str) -> StreamSession | None:
        """Remove and return the sid's session."""
        with self._lock:
            return self._sessions.pop(sid, None)


@dataclass
class CoachServices:
    """What the coach's routes and socket handlers use."""

    config: Config
    stt: STTEngine
    judge: AssessmentWriter | None
    streams: StreamStore


def build_coach(config: Config) -> CoachServices:
    """Build the coach's engines (unknown names fail here); with WARM_UP the STT model loads in the background."""
    try:
        engine = stt_registry.create(config.STT_ENGINE, config)
    except ValueError as e:
        raise ConfigError(str(e)) from e
    if config.WARM_UP:  # the first spoken answer then gets its partials without waiting for the model
        threading.Thread(target=_warm_up, args=(engine,), name="stt-warm-up", daemon=True).start()
    return CoachServices(config, engine, create_judge(config), StreamStore())


def _warm_up(engine: STTEngine) -> None:
    """Load the STT model in the background; a failure only means the first request loads it (or says why)."""
    try:
        engine.load()
    except STTError as e:
        log.warning("STT warm-up skipped: %s", e)
