"""The base of an engine's own settings, and of its registry line: each engine module declares its keys and its
entry, and the server's Config (runtime/config.py) collects the keys from the registries.

A section is a small pydantic model of flat upper-case keys (the names `.env` uses); its docstring titles the
section in `.env.example` and the settings docs, each key's attribute docstring is its description.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from pydantic import BaseModel, ConfigDict

Engine = TypeVar("Engine", covariant=True)


class EngineSettings(BaseModel):
    """Settings one engine reads (subclass it in the engine's module and name it on the engine's registry line)."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)


@dataclass(frozen=True)
class EngineEntry(Generic[Engine]):
    """One registry line: how an engine is built from the server's Config, and its own settings."""

    build: Callable[[Any], Engine]
    settings: type[EngineSettings] | None = None  # collected into the server's Config


class Declares(Protocol):
    """A registry entry, of whichever engine kind: it may name a settings section."""

    settings: type[EngineSettings] | None


def sections_of(entries: Iterable[Declares], shared: Iterable[type[EngineSettings]] = ()) -> list[type[EngineSettings]]:
    """The `shared` sections, then each entry's own, each once, in order (engines may share one or have none)."""
    seen: list[type[EngineSettings]] = []
    for section in [*shared, *(entry.settings for entry in entries)]:
        if section is not None and section not in seen:
            seen.append(section)
    return seen
