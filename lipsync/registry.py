"""Lipsync engines by name; `LIPSYNC_ENGINE` picks one. A new engine is one module and one line here."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lipsync.base import LipsyncEngine


def _cpu(config: Any) -> LipsyncEngine:
    from lipsync.cpu import CpuLipsyncEngine

    return CpuLipsyncEngine(head_motion=config.HEAD_MOTION)


def _musetalk(config: Any) -> LipsyncEngine:
    from lipsync.base import LipsyncError

    try:
        from lipsync.musetalk.engine import MuseTalkEngine
    except ImportError as e:  # the optional extras are not installed
        raise LipsyncError(f"LIPSYNC_ENGINE=musetalk needs: pip install -r requirements-gpu.txt ({e})") from e
    return MuseTalkEngine.from_config(config)


ENGINES: dict[str, Callable[[Any], LipsyncEngine]] = {
    "cpu": _cpu,
    "musetalk": _musetalk,
}


def create(name: str, config: Any) -> LipsyncEngine:
    """Build engine `name` from the server config; ValueError lists the valid names."""
    if name not in ENGINES:
        raise ValueError(f"unknown lipsync engine {name!r}; valid: {', '.join(sorted(ENGINES))}")
    return ENGINES[name](config)
