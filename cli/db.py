"""`interview-avatar db upgrade`: migrate the database to the newest schema (once per cluster, before its web
processes start; the embedded SQLite also migrates itself at start, see MIGRATE_ON_START)."""
from __future__ import annotations

import click

from cli.context import log_to_stderr, settings_of
from settings import PROJECT_ROOT
from store.database import Database, resolve_url


@click.group()
def db() -> None:
    """The database's schema."""


@db.command()
@click.pass_context
def upgrade(ctx: click.Context) -> None:
    """Apply every pending migration to DATABASE_URL."""
    config = settings_of(ctx)
    log_to_stderr()
    database = Database(resolve_url(config.DATABASE_URL, config.DATA_DIR, PROJECT_ROOT))
    try:
        database.migrate()
        click.echo(f"{database.describe()}: schema up to date")
    finally:
        database.close()
