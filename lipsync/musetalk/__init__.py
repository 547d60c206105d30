"""MuseTalk v1.5 lipsync: a GPU worker process owns the models; the web process only plans, sends and pastes.

torch is imported only by `models`, `features`, `infer`, `face_parsing`, `worker` (inside the worker process)
and by the avatar tools (`prep`, `import_legacy`); `engine`, `client`, `plan`, `blend`, `scheduler`,
`protocol`, `layout` and `avatar_data` stay free of it, so the web process never loads torch. Random-weight
models for the benchmark and tests are written by tests/tools/musetalk_models.py.
"""
from typing import Annotated

from pydantic import Field

from settings.engine import EngineSettings


class MuseTalkSettings(EngineSettings):
    """MuseTalk on a GPU (LIPSYNC_ENGINE=musetalk; install requirements-gpu.txt)"""

    MUSETALK_PATH: str = ""
    """folder holding MuseTalk's models/ (musetalkV15/, sd-vae/, whisper/)"""
    MUSETALK_DEVICE: str = "auto"
    """auto (cuda when available), cuda, cuda:N or cpu"""
    MUSETALK_BATCH_SIZE: Annotated[int, Field(ge=1)] = 16
    """frames per UNet/VAE batch"""
