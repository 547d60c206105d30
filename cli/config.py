"""`interview-avatar config check | example [--markdown | --write]`: the effective settings (secrets masked),
`.env.example`, and the engines' settings tables of docs/engines.md."""
from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

import click

from cli.context import settings_of
from runtime.config import Config
from settings import PROJECT_ROOT
from settings.example import ENGINE_DOCS, engine_settings_markdown, env_example, env_value, with_docs_block

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
@click.option("--markdown", is_flag=True, help="the engines' settings as the Markdown tables of docs/engines.md")
@click.option("--write", is_flag=True, help="rewrite .env.example and the tables in docs/engines.md")
def example(markdown: bool, write: bool) -> None:
    """Print `.env.example` (every key, its description and default), or the engines' settings tables."""
    if write:
        (PROJECT_ROOT / ".env.example").write_text(env_example(Config))
        ENGINE_DOCS.write_text(with_docs_block(ENGINE_DOCS.read_text(), engine_settings_markdown(Config)))
        click.echo(f"wrote .env.example and {ENGINE_DOCS.relative_to(PROJECT_ROOT)}")
        return
    click.echo(engine_settings_markdown(Config) if markdown else env_example(Config), nl=False)
