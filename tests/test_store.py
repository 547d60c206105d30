"""The database foundation: URLs, migrations from an empty database, SQLite WAL, on SQLite and PostgreSQL."""
from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from runtime.config import Config
from store.database import Database, DatabaseError, resolve_url
from tests.conftest import NO_ENV_FILE, services_of


def head_revisions() -> set[str]:
    from alembic.config import Config as AlembicConfig
    from alembic.script import ScriptDirectory

    from store.database import ALEMBIC_DIR

    config = AlembicConfig()
    config.set_main_option("script_location", str(ALEMBIC_DIR))
    return set(ScriptDirectory.from_config(config).get_heads())


def stored_revisions(database: Database) -> set[str]:
    with database.read() as session:
        return {row[0] for row in session.execute(text("SELECT version_num FROM alembic_version"))}


def test_resolve_url_accepts_urls_seed_file_names_and_empty(tmp_path: Path):
    assert resolve_url("", tmp_path / "data", tmp_path).database == str(tmp_path / "data" / "interviews.db")
    assert resolve_url("chatbot.db", tmp_path / "data", tmp_path).database == str(tmp_path / "chatbot.db")
    assert resolve_url("/srv/x.db", tmp_path, tmp_path).database == "/srv/x.db"
    url = resolve_url("postgresql://u:secret@db:5432/app", tmp_path, tmp_path)
    assert url.drivername == "postgresql+psycopg" and url.host == "db" and url.database == "app"
    assert resolve_url("postgres://u@db/app", tmp_path, tmp_path).drivername == "postgresql+psycopg"


def test_migrate_brings_an_empty_database_to_every_head(database_url: str):
    database = Database(database_url)
    try:
        database.migrate()
        assert stored_revisions(database) == head_revisions()
        database.migrate()  # a second start changes nothing
        assert stored_revisions(database) == head_revisions()
    finally:
        database.close()


def test_processes_starting_together_migrate_once(database_url: str):
    databases = [Database(database_url) for _ in range(4)]
    errors: list[Exception] = []

    def start(database: Database) -> None:
        try:
            database.migrate()
        except Exception as e:  # noqa: BLE001 -- collected and asserted below
            errors.append(e)

    threads = [threading.Thread(target=start, args=(d,)) for d in databases]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    try:
        assert errors == []
        assert stored_revisions(databases[0]) == head_revisions()
    finally:
        for database in databases:
            database.close()


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path: Path):
    database = Database(f"sqlite:///{tmp_path / 'nested' / 'x.db'}")
    try:
        with database.read() as session:
            assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert (tmp_path / "nested" / "x.db").is_file()
    finally:
        database.close()


def test_write_commits_and_rolls_back_on_error(database_url: str):
    database = Database(database_url)
    try:
        with database.write() as session:
            session.execute(text("CREATE TABLE t (v INTEGER)"))
        with database.write() as session:
            session.execute(text("INSERT INTO t VALUES (1)"))
        with pytest.raises(ZeroDivisionError), database.write() as session:
            session.execute(text("INSERT INTO t VALUES (2)"))
            _ = 1 / 0
        with database.read() as session:
            assert session.execute(text("SELECT v FROM t")).scalars().all() == [1]
    finally:
        database.close()


def test_unreachable_database_fails_at_start_naming_it_without_password():
    database = Database("postgresql://user:hunter2@127.0.0.1:1/none")
    try:
        with pytest.raises(DatabaseError) as failure:
            database.migrate()
        assert "127.0.0.1:1/none" in str(failure.value) and "hunter2" not in str(failure.value)
    finally:
        database.close()


def test_the_app_creates_and_migrates_its_default_database_on_first_start(make_app, tmp_path: Path):
    app = make_app()
    database = services_of(app).database
    assert Path(database.url.database) == tmp_path / "data" / "interviews.db"
    assert "alembic_version" in inspect(database.engine).get_table_names()
    assert stored_revisions(database) == head_revisions()
    assert Config.load({}, env_file=NO_ENV_FILE).DATABASE_URL == ""
