"""Alembic environment: the app passes its open connection; the `alembic` CLI connects from DATABASE_URL."""
from __future__ import annotations

from alembic import context

import store.models  # noqa: F401 -- registers every table on Base.metadata (for autogenerate)
from store.base import Base


def run(connection) -> None:
    """Run the pending migrations on `connection` (SQLite in batch mode, so ALTER works there too)."""
    context.configure(connection=connection, target_metadata=Base.metadata,
                      render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


shared = context.config.attributes.get("connection")
if shared is not None:
    run(shared)
else:
    from settings import PROJECT_ROOT, CoreSettings
    from store.database import Database, resolve_url

    config = CoreSettings.load(only_known=True)  # the database keys are core; the engines' keys are not read here
    database = Database(resolve_url(config.DATABASE_URL, config.DATA_DIR, PROJECT_ROOT))
    try:
        with database.engine.connect() as connection:
            run(connection)
            connection.commit()
    finally:
        database.close()
