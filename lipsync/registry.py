"""Lipsync engines by name; `LIPSYNC_ENGINE` picks one. A new engine is one module and one line here.

With LIPSYNC_ENGINE empty, the first engine whose needed settings are all given renders (the realtime seed's
MUSETALK_PATH runs MuseTalk), else the first that needs none (cpu): settings/engine.py decides.
"""
from __future__ import annotations

from typing import Any

from lipsync.base import LipsyncEngine, LipsyncEntry, LipsyncError
from lipsync.musetalk import MuseTalkSettings
from settings.engine import EngineSettings


class CpuLipsyncSettings(EngineSettings):
    """the embedded cpu lipsync engine"""

    HEAD_MOTION: bool = True
    """the cpu engine nods and sways the head while speaking; false keeps the face-region box mouth-sized (cheaper)"""


def _cpu(config: Any) -> LipsyncEngine:
    from lipsync.cpu import CpuLipsyncEngine

    return CpuLipsyncEngine(head_motion=config.HEAD_MOTION)


def _musetalk(config: Any) -> LipsyncEngine:
    try:
        from lipsync.musetalk.engine import MuseTalkEngine
    except ImportError as e:  # the optional extras are not installed
        raise LipsyncError(f"LIPSYNC_ENGINE=musetalk needs: pip install -r requirements-gpu.txt ({e})") from e
    return MuseTalkEngine.from_config(config)


ENGINES: dict[str, LipsyncEntry] = {
    "cpu": LipsyncEntry(_cpu, CpuLipsyncSettings),
    "musetalk": LipsyncEntry(_musetalk, MuseTalkSettings, needs=("MUSETALK_PATH",)),
}


def create(name: str, config: Any) -> LipsyncEngine:
    """Build engine `name` from the server config; ValueError lists the valid names."""
    if name not in ENGINES:
        raise ValueError(f"unknown lipsync engine {name!r}; valid: {', '.join(sorted(ENGINES))}")
    return ENGINES[name].build(config)
