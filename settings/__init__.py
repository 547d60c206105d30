"""The typed settings every layer reads (pydantic-settings); nothing here imports another project package.

The server's whole `Config` (these core keys plus each registered engine's section) is `runtime.config.Config`.
"""
from settings.engine import EngineSettings
from settings.model import PROJECT_ROOT, CoreSettings
from settings.rules import ConfigError

__all__ = ["PROJECT_ROOT", "ConfigError", "CoreSettings", "EngineSettings"]
