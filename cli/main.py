"""`interview-avatar`: the project's one console command (a click group); each sub-command lives in its own module.

Every `--help` only prints: settings, engines and databases are touched when a command runs.
"""
from __future__ import annotations

import click

from cli.avatar import avatar
from cli.cluster import cluster
from cli.config import config
from cli.db import db
from cli.keys import keys
from cli.serve import serve
from cli.version import project_version
from cli.worker import worker


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(project_version(), prog_name="interview-avatar")
def main() -> None:
    """Realtime interview avatar server: serve it, run workers, manage keys, avatars and the database."""


for command in (serve, worker, cluster, keys, avatar, db, config):
    main.add_command(command)


if __name__ == "__main__":
    main()
