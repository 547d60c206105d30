"""Tiny random-weight MuseTalk models in the exact MUSETALK_PATH layout, the drawn test avatar, test speech.

The generators live in tests.tools.musetalk_models (the benchmark uses them too); this adds the per-session
model folder and the skip for machines without the optional dependencies.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.tools.musetalk_models import draw_face, face_box, speech_clip, write_avatar, write_random_musetalk

__all__ = ["FACE_BOX", "draw_face", "require_torch", "speech_clip", "tiny_models_once", "write_avatar"]

FACE_BOX = face_box("360p")  # (250, 150, 390, 290): the drawn face's crop at 360p


def tiny_models_once(base: Path) -> Path:
    """The tiny models under `base/musetalk` (written on first use; later calls reuse them)."""
    root = base / "musetalk"
    done = root / "written.ok"
    if not done.is_file():
        write_random_musetalk(root)
        done.write_text("ok")
    return root


def require_torch() -> None:
    """Skip the calling test module unless the optional MuseTalk dependencies are installed."""
    for module in ("torch", "diffusers", "transformers", "safetensors"):
        pytest.importorskip(module, reason=f"{module} is not installed: pip install -r requirements-gpu.txt")
