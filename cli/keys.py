"""`interview-avatar keys create NAME | revoke KEY_ID | list`: the server's API keys.

The clear key is printed once by `create` and never stored; the server keeps only its digest.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import click

from cli.context import settings_of
from settings import PROJECT_ROOT
from store.api_keys import DatabaseKeyRepository
from store.database import Database, resolve_url
from store.keys import issue, utc_now


@contextmanager
def key_repository(ctx: click.Context) -> Iterator[DatabaseKeyRepository]:
    """The keys in the configured database (migrated first), closed afterwards."""
    config = settings_of(ctx)
    database = Database(resolve_url(config.DATABASE_URL, config.DATA_DIR, PROJECT_ROOT))
    try:
        database.migrate()
        yield DatabaseKeyRepository(database)
    finally:
        database.close()


@click.group()
def keys() -> None:
    """Manage the server's API keys."""


@keys.command()
@click.argument("name")
@click.pass_context
def create(ctx: click.Context, name: str) -> None:
    """Create a key for NAME and print it once."""
    with key_repository(ctx) as repo:
        record, token = issue(repo, name)
    click.echo(f"key id {record.key_id} for {record.name!r}; the key (shown only now):")
    click.echo(token)


@keys.command()
@click.argument("key_id")
@click.pass_context
def revoke(ctx: click.Context, key_id: str) -> None:
    """Revoke a key by its id."""
    with key_repository(ctx) as repo:
        if not repo.revoke(key_id, utc_now()):
            raise click.ClickException(f"no active key {key_id!r}")
    click.echo(f"revoked {key_id}")


@keys.command(name="list")
@click.pass_context
def list_keys(ctx: click.Context) -> None:
    """List keys (ids and names, never the keys)."""
    with key_repository(ctx) as repo:
        for key in repo.all():
            state = f"revoked {key.revoked_at:%Y-%m-%d %H:%M}" if key.revoked_at else "active"
            click.echo(f"{key.key_id}  {key.created_at:%Y-%m-%d %H:%M}  {state:<24}  {key.name}")
