"""`interview-avatar config check | example`: the effective settings (secrets masked), and `.env.example`."""
from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

import click

from cli.context import settings_of
from settings.example import env_example, env_value

SECRET_WORDS = ("KEY", "SECRET", "PASSWORD", "TOKEN")
MASK = "****"


def masked(name: str, value: str) -> str:
    """The value with secrets hidden: whole values of secret keys, the password inside a URL."""
    if not value:
        return value
    if any(word in name for word in SECRET_WORDS):
        return MASK
    if "://" in value:
        parts = urlsplit(value)
        if parts.password:
            netloc = parts.netloc.replace(f":{parts.password}@", f":{MASK}@", 1)
            return urlunsplit(parts._replace(netloc=netloc))
    return value


@click.group()
def config() -> None:
    """The settings (`.env`, the environment)."""


@config.command()
@click.pass_context
def check(ctx: click.Context) -> None:
    """Validate the settings and print the effective values, secrets masked."""
    settings = settings_of(ctx)
    for name in type(settings).model_fields:
        click.echo(f"{name}={masked(name, env_value(getattr(settings, name)))}")


@config.command()
def example() -> None:
    """Print `.env.example` (every key, its description and default)."""
    click.echo(env_example(), nl=False)
