"""Checks across settings: ranges, limits parsed at start, and the keys one setting requires of another."""
from __future__ import annotations

import ipaddress
from typing import Any

from limits import parse_many

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class ConfigError(ValueError):
    """A configuration value is missing or invalid; the message names the key."""


def proxy_networks(text: str) -> tuple[Network, ...]:
    """TRUSTED_PROXIES ("10.0.0.1, 172.16.0.0/12") as networks; ValueError names a bad entry."""
    return tuple(ipaddress.ip_network(part.strip(), strict=False) for part in text.split(",") if part.strip())


def check(config: Any) -> None:
    """Raise ConfigError naming the first core key whose value is out of range (an engine's own keys carry their
    ranges on their section's fields)."""
    positive = ("PORT", "LLM_MAX_TOKENS", "MAX_CONCURRENT", "MAX_TEXT_CHARS", "MAX_HISTORY_TURNS",
                "MAX_REQUEST_BYTES", "INTERVIEW_QUESTIONS", "ENCODER_THREADS", "LEGACY_SESSIONS",
                "LLM_CONTEXT_BUDGET_TOKENS",
                "SERVER_THREADS", "MAX_REMOTE_LLM_CALLS", "LLM_MAX_TOKENS_LIMIT", "AVATAR_UPLOAD_MAX_BYTES",
                "AVATAR_UPLOAD_MAX_PIXELS", "AVATAR_JOBS_MAX_PENDING")
    for name in positive:
        if getattr(config, name) < 1:
            raise ConfigError(f"{name} must be at least 1, got {getattr(config, name)}")
    if config.LLM_MAX_TOKENS > config.LLM_MAX_TOKENS_LIMIT:
        raise ConfigError(f"LLM_MAX_TOKENS ({config.LLM_MAX_TOKENS}) must not exceed LLM_MAX_TOKENS_LIMIT")
    for name in ("AVATAR_UPLOAD_MAX_SECONDS", "AVATAR_JOB_TIMEOUT_S"):
        if getattr(config, name) <= 0:
            raise ConfigError(f"{name} must be positive")
    for name in ("MAX_QUEUE", "RENDER_CACHE_MB", "MEDIA_MAX_BYTES", "LLM_COOLDOWN_S",
                 "MAX_CONTEXT_MESSAGES", "MAX_JOBS_PER_CLIENT"):
        if getattr(config, name) < 0:
            raise ConfigError(f"{name} must not be negative")
    if config.RENDER_PROCESSES < -1:
        raise ConfigError(f"RENDER_PROCESSES must be -1 (one per core), 0 (off) or a count, got {config.RENDER_PROCESSES}")
    if config.STREAM_RESUME_GRACE_S < 0:
        raise ConfigError("STREAM_RESUME_GRACE_S must not be negative")
    if not 0.0 <= config.LLM_TEMPERATURE_LIMIT <= 2.0:
        raise ConfigError(f"LLM_TEMPERATURE_LIMIT must be within 0..2, got {config.LLM_TEMPERATURE_LIMIT}")
    for name in ("SESSION_TIMEOUT_HOURS", "JOB_TIMEOUT_S", "MEDIA_RETENTION_S", "SSE_HEARTBEAT_S", "LLM_TIMEOUT_S",
                 "MEDIA_URL_TTL_S", "LLM_STALL_S", "HEALTH_CACHE_S"):
        if getattr(config, name) <= 0:
            raise ConfigError(f"{name} must be positive")
    if config.MEDIA_RETENTION_S < config.JOB_TIMEOUT_S:
        raise ConfigError(f"MEDIA_RETENTION_S ({config.MEDIA_RETENTION_S:g}) must be at least JOB_TIMEOUT_S "
                          f"({config.JOB_TIMEOUT_S:g}): a running job's files must not expire")
    if config.JOB_BACKEND == "redis" and not config.REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
        raise ConfigError(f"REDIS_URL must be a redis://, rediss:// or unix:// URL, got {config.REDIS_URL!r}")
    if config.REDIS_LOCAL_WORKERS < 0 or not config.REDIS_PREFIX.replace("_", "").replace("-", "").isalnum():
        raise ConfigError("REDIS_LOCAL_WORKERS must not be negative and REDIS_PREFIX must be letters, digits, - or _")
    _check_coach(config)
    _check_rate_limits(config)
    _check_edge(config)
    _check_operations(config)
    if not 0.0 <= config.LLM_TEMPERATURE <= 2.0:
        raise ConfigError(f"LLM_TEMPERATURE must be within 0..2, got {config.LLM_TEMPERATURE}")

def _check_coach(config: Any) -> None:
    """The STT_* and REPORT_* keys."""
    for name in ("STT_MAX_BYTES", "STT_MAX_PER_CLIENT", "STT_MAX_STREAMS"):
        if getattr(config, name) < 1:
            raise ConfigError(f"{name} must be at least 1, got {getattr(config, name)}")
    for name in ("STT_MAX_SECONDS", "STT_PARTIAL_INTERVAL_S", "REPORT_TIMEOUT_S"):
        if getattr(config, name) <= 0:
            raise ConfigError(f"{name} must be positive")
    if config.REPORT_ENGINE != "embedded" and not config.LLM_MODEL:
        raise ConfigError(f"LLM_MODEL is required with REPORT_ENGINE={config.REPORT_ENGINE}")
    if config.REPORT_ENGINE == "openai" and not config.LLM_API_URL:
        raise ConfigError("LLM_API_URL is required with REPORT_ENGINE=openai")


def _check_edge(config: Any) -> None:
    """TRUSTED_PROXIES, the edge's timeouts and limit, and the uploads' cap and expiry."""
    try:
        proxy_networks(config.TRUSTED_PROXIES)
    except ValueError as e:
        raise ConfigError(f"TRUSTED_PROXIES must be comma-separated addresses or networks: {e}") from e
    if min(config.EDGE_HEADER_TIMEOUT_S, config.EDGE_IO_TIMEOUT_S) <= 0 or config.EDGE_MAX_CONNECTIONS_PER_ADDRESS < 1:
        raise ConfigError("EDGE_HEADER_TIMEOUT_S and EDGE_IO_TIMEOUT_S must be positive, "
                          "EDGE_MAX_CONNECTIONS_PER_ADDRESS at least 1")
    if config.AVATAR_UPLOAD_OWNER_MAX_BYTES < config.AVATAR_UPLOAD_MAX_BYTES or config.AVATAR_UPLOAD_IDLE_DAYS <= 0:
        raise ConfigError("AVATAR_UPLOAD_OWNER_MAX_BYTES must be at least AVATAR_UPLOAD_MAX_BYTES and "
                          "AVATAR_UPLOAD_IDLE_DAYS positive")


def _check_rate_limits(config: Any) -> None:
    """RATE_LIMIT and RATE_LIMIT_GENERATE parse now, so a typo stops the start instead of failing every request."""
    for name in ("RATE_LIMIT", "RATE_LIMIT_GENERATE"):
        value = getattr(config, name)
        try:
            if value:
                parse_many(value)
        except ValueError as e:
            raise ConfigError(f"{name} must be Flask-Limiter syntax such as 300/minute or 10/second;300/minute, "
                              f"got {value!r}") from e


def _check_operations(config: Any) -> None:
    """The workers' metrics port."""
    if not 0 <= config.WORKER_METRICS_PORT <= 65535:
        raise ConfigError(f"WORKER_METRICS_PORT must be a port (0 = off), got {config.WORKER_METRICS_PORT}")
