"""A real PostgreSQL server for the tests: initdb + pg_ctl on a free port in a temp dir (skipped when not installed).

`database_url` runs a test once on SQLite and once on PostgreSQL, each time on a fresh, empty database.
"""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

PG_START_TIMEOUT_S = 60
PG_SUPERUSER = "tests"


@dataclass(frozen=True)
class PostgresServer:
    """A running throw-away server reachable over TCP on 127.0.0.1 without a password."""

    port: int

    def url(self, database: str) -> str:
        return f"postgresql://{PG_SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def create_database(self) -> str:
        """A new empty database; its URL."""
        import psycopg

        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user={PG_SUPERUSER} dbname=postgres",
                             autocommit=True, connect_timeout=10) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


def postgres_bin_dir() -> Path | None:
    """Where initdb and pg_ctl are (PATH, else Debian's /usr/lib/postgresql/N/bin), or None."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).resolve().parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    return Path(candidates[0]).parent if candidates else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _server_user() -> str | None:
    """PostgreSQL refuses to run as root: a non-root account to run it as (None when we are not root)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    pytest.skip("running as root and no 'postgres' or 'nobody' account to run PostgreSQL as")


@contextmanager
def running_postgres() -> Iterator[PostgresServer]:
    """A PostgreSQL server of its own on a free port; stopped (and its folder removed) on leaving."""
    bin_dir = postgres_bin_dir()
    if bin_dir is None:
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql): PostgreSQL tests skipped")
    user = _server_user()
    root = Path(tempfile.mkdtemp(prefix="pgtest-"))
    data, sockets = root / "data", root / "sock"
    sockets.mkdir()
    if user is not None:
        entry = pwd.getpwnam(user)
        for path in (root, sockets):
            os.chown(path, entry.pw_uid, entry.pw_gid)
    port = _free_port()
    run = {"user": user, "check": True, "timeout": PG_START_TIMEOUT_S, "capture_output": True}
    try:
        subprocess.run([str(bin_dir / "initdb"), "-D", str(data), "-U", PG_SUPERUSER, "--auth=trust",
                        "-E", "UTF8", "--locale=C"], **run)
        options = f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -F -c max_connections=100"
        subprocess.run([str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(root / "server.log"),
                        "-w", "-t", str(PG_START_TIMEOUT_S), "start"], **run)
    except subprocess.CalledProcessError as e:
        shutil.rmtree(root, ignore_errors=True)
        raise RuntimeError(f"PostgreSQL did not start: {e.stderr.decode(errors='replace')}") from e
    try:
        yield PostgresServer(port)
    finally:
        subprocess.run([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
                       user=user, timeout=PG_START_TIMEOUT_S, capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """One PostgreSQL server for the whole test run."""
    with running_postgres() as server:
        yield server


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh empty database: a SQLite file in the test's temp dir, then a new database on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    return request.getfixturevalue("postgres_server").create_database()
