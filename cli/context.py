"""What every command shares: the settings, read once when a command runs (never for `--help`)."""
from __future__ import annotations

import click

from settings import ConfigError
from runtime.config import Config
from telemetry.logs import configure


def settings_of(ctx: click.Context, **overrides: object) -> Config:
    """The settings handed in by a caller (tests: `obj=config`), else `.env` + the environment; a mistake ends the
    command with the message naming the key (exit status 2), never a traceback."""
    given = ctx.find_object(Config)
    try:
        if given is not None:
            return given.replace(**overrides) if overrides else given
        return Config.load(overrides)
    except ConfigError as e:
        raise click.UsageError(f"settings: {e}", ctx) from None


def log_to_stderr(config: Config) -> None:
    """Logs on stderr at LOG_LEVEL in LOG_FORMAT (text or JSON lines), credentials redacted."""
    configure(config.LOG_LEVEL, config.LOG_FORMAT)
