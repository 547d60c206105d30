"""One database per app: engine from DATABASE_URL, read and write transactions, migrations at start."""
from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

DEFAULT_SQLITE_FILE = "interviews.db"  # under DATA_DIR when DATABASE_URL is empty
SQLITE_BUSY_TIMEOUT_S = 30.0  # a writer waits this long for another writer's lock before failing
IMMEDIATE = "store_sqlite_immediate"  # execution option: open the SQLite transaction with BEGIN IMMEDIATE
MIGRATION_ATTEMPTS = 5  # SQLite start-up races (see migrate)
MIGRATION_LOCK_KEY = 7_201_452_019  # pg_advisory_xact_lock key: one process migrates at a time
ALEMBIC_DIR = Path(__file__).resolve().parent / "alembic"
UNAVAILABLE_ERRORS = (OperationalError, InterfaceError, PoolTimeout)  # the database is out of reach (down, pool full)
DATABASE_UNAVAILABLE = "the database is unavailable; try again later"  # what a client is told (never the cause)


class DatabaseError(RuntimeError):
    """The database cannot be opened or migrated; the message says which URL (without password)."""


def resolve_url(database_url: str, data_dir: Path, project_root: Path) -> URL:
    """A SQLAlchemy URL from the setting: a URL, a SQLite file path (the seed's `chatbot.db`), or empty = default file."""
    if not database_url:
        return URL.create("sqlite", database=str(data_dir / DEFAULT_SQLITE_FILE))
    if "://" not in database_url:
        path = Path(database_url)
        return URL.create("sqlite", database=str(path if path.is_absolute() else project_root / path))
    url = make_url(database_url)
    if url.drivername in ("postgres", "postgresql"):
        url = url.set(drivername="postgresql+psycopg")  # psycopg 3 is the installed driver, psycopg2 is not
    return url


class Database:
    """An engine and a session factory; SQLite gets WAL, a busy timeout and BEGIN IMMEDIATE for writers."""

    def __init__(self, url: URL | str) -> None:
        self.url = make_url(url) if isinstance(url, str) else url
        self.is_sqlite = self.url.get_backend_name() == "sqlite"
        options: dict[str, Any] = {"pool_pre_ping": True}
        if self.is_sqlite:
            if self.url.database and self.url.database != ":memory:":
                Path(self.url.database).parent.mkdir(parents=True, exist_ok=True)
            options["connect_args"] = {"timeout": SQLITE_BUSY_TIMEOUT_S, "check_same_thread": False}
        self.engine: Engine = create_engine(self.url, **options)
        if self.is_sqlite:
            _configure_sqlite(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def describe(self) -> str:
        """The URL with its password hidden (for logs and errors)."""
        return self.url.render_as_string(hide_password=True)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; rolled back at the end."""
        with self._sessions() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session whose transaction takes the write lock first (SQLite) and commits at the end."""
        with self._sessions() as session:
            if self.is_sqlite:
                # A deferred SQLite transaction that reads and then writes can fail at once with "database is
                # locked" when another writer committed meanwhile; taking the lock up front makes it wait instead.
                session.connection(execution_options={IMMEDIATE: True})
            yield session
            session.commit()

    def migrate(self) -> None:
        """Bring the schema to every Alembic head; safe when several processes start at once."""
        from alembic import command  # imported here: only start-up and tests need it
        from alembic.config import Config as AlembicConfig

        alembic_config = AlembicConfig()
        alembic_config.set_main_option("script_location", str(ALEMBIC_DIR))
        for attempt in range(MIGRATION_ATTEMPTS):
            try:
                with self.engine.connect().execution_options(**{IMMEDIATE: True}) as connection, connection.begin():
                    if self.url.get_backend_name() == "postgresql":
                        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK_KEY})")
                    alembic_config.attributes["connection"] = connection
                    command.upgrade(alembic_config, "heads")  # "heads": revisions branched in parallel need no merge
                return
            except OperationalError as e:
                # SQLite can answer "database is locked" at once (without its busy wait) when processes switch a
                # new file to WAL together; the transaction rolled back, so trying again is safe
                if "database is locked" not in str(e) or attempt == MIGRATION_ATTEMPTS - 1:
                    raise DatabaseError(f"cannot migrate the database at {self.describe()}: {e}") from e
                time.sleep(0.5 * (attempt + 1))
            except Exception as e:
                raise DatabaseError(f"cannot migrate the database at {self.describe()}: {e}") from e

    def close(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


def _configure_sqlite(engine: Engine) -> None:
    """WAL (readers never block the writer), foreign keys on, and transactions opened by us, not by pysqlite."""

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # pysqlite's own implicit BEGIN would hide ours
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")  # durable across a process crash; WAL keeps it consistent
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={int(SQLITE_BUSY_TIMEOUT_S * 1000)}")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection: Connection) -> None:
        immediate = connection.get_execution_options().get(IMMEDIATE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
