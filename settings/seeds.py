"""The seeds' configuration, unchanged: their setting names as aliases, and engines chosen by the keys present.

A `.env` holding only the realtime seed's keys (LLM_API_URL, LLM_MODEL, OPENAI_API_KEY, ELEVENLABS_API_KEY,
MUSETALK_PATH) runs those engines; an explicit LLM_ENGINE / TTS_ENGINE / LIPSYNC_ENGINE always wins (empty = choose).
The TTS engine is not chosen here: each TTS engine declares the settings it needs, and the server's Config picks
the one they configure (runtime/config.py, tts/registry.py).
"""
from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlparse

log = logging.getLogger(__name__)

# The chatbot seed's names → ours; when both are set, ours win.
ALIASES = {"LLM_SERVER_URL": "LLM_API_URL", "DEFAULT_MAX_TOKENS": "LLM_MAX_TOKENS",
           "DEFAULT_TEMPERATURE": "LLM_TEMPERATURE"}
SEED_FALLBACK_URL = "https://api.openai.com/v1"  # the realtime seed's fallback: OpenAI (gpt-4o-mini)
OPENAI_HOST = "api.openai.com"


def _given(raw: Mapping[str, Any], key: str) -> bool:
    value = raw.get(key)
    return value is not None and str(value).strip() != ""


def with_aliases(raw: Mapping[str, Any]) -> dict[str, Any]:
    """`raw` with each seed alias copied to our name (unless ours is set) and the alias itself dropped."""
    values = {k: v for k, v in raw.items() if k not in ALIASES}
    for alias, name in ALIASES.items():
        if _given(raw, alias) and not _given(values, name):
            values[name] = raw[alias]
    return values


def choose_engines(raw: Mapping[str, Any]) -> dict[str, Any]:
    """Fill in the engines that are not set explicitly from the keys that are (logged, so the choice is visible)."""
    values = dict(raw)
    chosen: list[str] = []
    if not _given(values, "LLM_ENGINE"):
        values["LLM_ENGINE"] = "openai" if _given(values, "LLM_API_URL") else "scripted"
        if values["LLM_ENGINE"] == "openai":
            chosen.append("LLM_ENGINE=openai (LLM_API_URL is set)")
            chosen += _seed_fallback(values)
    if not _given(values, "LIPSYNC_ENGINE"):
        values["LIPSYNC_ENGINE"] = "musetalk" if _given(values, "MUSETALK_PATH") else "cpu"
        if values["LIPSYNC_ENGINE"] == "musetalk":
            chosen.append("LIPSYNC_ENGINE=musetalk (MUSETALK_PATH is set)")
    if chosen:
        log.info("engines chosen from the keys present: %s", "; ".join(chosen))
    return values


def _seed_fallback(values: dict[str, Any]) -> list[str]:
    """The seed's OPENAI_API_KEY is its fallback's key: OpenAI answers when LLM_API_URL fails, and that key is
    sent to api.openai.com only (never to the LLM_API_URL server)."""
    primary_host = urlparse(str(values.get("LLM_API_URL", ""))).hostname
    if not _given(values, "OPENAI_API_KEY") or _given(values, "LLM_FALLBACK_API_URL") or primary_host == OPENAI_HOST:
        return []
    values["LLM_FALLBACK_API_URL"] = SEED_FALLBACK_URL
    if not _given(values, "LLM_FALLBACK_API_KEY"):
        values["LLM_FALLBACK_API_KEY"] = values["OPENAI_API_KEY"]
    values["OPENAI_API_KEY"] = ""
    return [f"LLM fallback {SEED_FALLBACK_URL} with OPENAI_API_KEY (as the seed uses it)"]
