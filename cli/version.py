"""The project's version: the installed distribution's, else the checkout's fallback."""
from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

DISTRIBUTION = "interview-avatar"
CHECKOUT_VERSION = "0.0.0+checkout"  # a bare checkout that was never `pip install`ed


def project_version() -> str:
    """`interview-avatar --version` prints this."""
    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:
        return CHECKOUT_VERSION
