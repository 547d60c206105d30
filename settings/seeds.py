"""The seeds' configuration, unchanged: their setting names as aliases, and the realtime seed's OpenAI fallback.

A `.env` holding only the realtime seed's keys (LLM_API_URL, LLM_MODEL, OPENAI_API_KEY, ELEVENLABS_API_KEY,
MUSETALK_PATH) runs those engines; an explicit LLM_ENGINE / TTS_ENGINE / LIPSYNC_ENGINE always wins (empty = choose).
The engines are not chosen here: each engine declares the settings it needs on its registry line, and the server's
Config picks the one they configure (runtime/config.py, settings/engine.py: default_engine).
"""
from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlparse

from settings.engine import is_given

log = logging.getLogger(__name__)

# The chatbot seed's names → ours; when both are set, ours win.
ALIASES = {"LLM_SERVER_URL": "LLM_API_URL", "DEFAULT_MAX_TOKENS": "LLM_MAX_TOKENS",
           "DEFAULT_TEMPERATURE": "LLM_TEMPERATURE"}
SEED_FALLBACK_URL = "https://api.openai.com/v1"  # the realtime seed's fallback: OpenAI (gpt-4o-mini)
OPENAI_HOST = "api.openai.com"


def with_aliases(raw: Mapping[str, Any]) -> dict[str, Any]:
    """`raw` with each seed alias copied to our name (unless ours is set) and the alias itself dropped."""
    values = {k: v for k, v in raw.items() if k not in ALIASES}
    for alias, name in ALIASES.items():
        if is_given(raw.get(alias)) and not is_given(values.get(name)):
            values[name] = raw[alias]
    return values


def with_seed_fallback(values: Mapping[str, Any]) -> dict[str, Any]:
    """`values` (whose LLM_ENGINE=openai was chosen from LLM_API_URL) with the seed's fallback: its OPENAI_API_KEY
    is the fallback's key, so OpenAI answers when LLM_API_URL fails, and that key is sent to api.openai.com only
    (never to the LLM_API_URL server)."""
    primary_host = urlparse(str(values.get("LLM_API_URL", ""))).hostname
    if not is_given(values.get("OPENAI_API_KEY")) or is_given(values.get("LLM_FALLBACK_API_URL")) \
            or primary_host == OPENAI_HOST:
        return dict(values)
    log.info("LLM fallback %s with OPENAI_API_KEY (as the seed uses it)", SEED_FALLBACK_URL)
    fallback_key = values.get("LLM_FALLBACK_API_KEY") if is_given(values.get("LLM_FALLBACK_API_KEY")) \
        else values["OPENAI_API_KEY"]
    return {**values, "LLM_FALLBACK_API_URL": SEED_FALLBACK_URL, "LLM_FALLBACK_API_KEY": fallback_key,
            "OPENAI_API_KEY": ""}
