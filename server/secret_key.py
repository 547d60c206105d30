"""The app's SECRET_KEY when none is configured: generated once, kept in the data folder, read back on every start.

The session cookie (anonymous ids, so a browser's sessions and legacy conversation) and signed media links then
survive a restart, and every process on the same folder signs alike. The file is mode 0600.
"""
from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path

from settings import ConfigError

SECRET_KEY_FILE = "secret_key"
KEY_BYTES = 32


def persistent_secret_key(data_dir: Path) -> str:
    """The key stored in `data_dir` (created there, mode 0600, by the first process that needs it)."""
    path = data_dir / SECRET_KEY_FILE
    try:
        return _read(path)
    except FileNotFoundError:
        pass
    data_dir.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=data_dir, prefix=".secret_key-")  # mkstemp creates it 0600
    try:
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_hex(KEY_BYTES) + "\n")
        try:
            os.link(temp, path)  # atomic and never overwrites: of processes starting together, one key wins
        except FileExistsError:
            pass
    finally:
        os.unlink(temp)
    return _read(path)


def _read(path: Path) -> str:
    """The stored key; a file that is empty or not a key is a configuration error naming the file."""
    key = path.read_text(encoding="utf-8", errors="replace").strip()
    if len(key) < KEY_BYTES:
        raise ConfigError(f"{path} does not hold a secret key: delete it to have a new one made, or set SECRET_KEY")
    return key
