"""Operator command for API keys: `python -m server.keys create NAME | revoke KEY_ID | list`.

The clear key is printed once by `create` and never stored; the server keeps only its digest.
"""
from __future__ import annotations

import argparse
import sys

from server.api_keys import issue, utc_now
from settings import PROJECT_ROOT, Config
from store.api_keys import DatabaseKeyRepository
from store.database import Database, resolve_url

def main(argv: list[str] | None = None, config: Config | None = None) -> int:
    """Run one key command; returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m server.keys", description="Manage the server's API keys.")
    commands = parser.add_subparsers(dest="command", required=True)
    create = commands.add_parser("create", help="create a key and print it once")
    create.add_argument("name", help="who the key is for (shown by list)")
    revoke = commands.add_parser("revoke", help="revoke a key by its id")
    revoke.add_argument("key_id")
    commands.add_parser("list", help="list keys (ids and names, never the keys)")
    args = parser.parse_args(argv)
    config = config or Config.load()
    database = Database(resolve_url(config.DATABASE_URL, config.DATA_DIR, PROJECT_ROOT))
    try:
        database.migrate()
        return _run(args, DatabaseKeyRepository(database))
    finally:
        database.close()


def _run(args: argparse.Namespace, repo: DatabaseKeyRepository) -> int:
    if args.command == "create":
        record, token = issue(repo, args.name)
        print(f"key id {record.key_id} for {record.name!r}; the key (shown only now):")
        print(token)
        return 0
    if args.command == "revoke":
        if not repo.revoke(args.key_id, utc_now()):
            print(f"no active key {args.key_id!r}", file=sys.stderr)
            return 1
        print(f"revoked {args.key_id}")
        return 0
    for key in repo.all():
        state = f"revoked {key.revoked_at:%Y-%m-%d %H:%M}" if key.revoked_at else "active"
        print(f"{key.key_id}  {key.created_at:%Y-%m-%d %H:%M}  {state:<24}  {key.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
