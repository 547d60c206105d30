"""The typed settings every layer reads (pydantic-settings); nothing here imports another project package."""
from settings.model import PROJECT_ROOT, Config
from settings.rules import ConfigError

__all__ = ["PROJECT_ROOT", "Config", "ConfigError"]
