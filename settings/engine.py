"""The base of an engine's own settings, and of its registry line: each engine module declares its keys, what it
needs set to be available, and its entry; the server's Config (runtime/config.py) collects the keys from the
registries and fills in an empty LLM_ENGINE / TTS_ENGINE / LIPSYNC_ENGINE from what the entries need.

A section is a small pydantic model of flat upper-case keys (the names `.env` uses); its docstring titles the
section in `.env.example` and the settings docs, each key's attribute docstring is its description.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from pydantic import BaseModel, ConfigDict

Engine = TypeVar("Engine", covariant=True)
log = logging.getLogger(__name__)


class EngineSettings(BaseModel):
    """Settings one engine reads (subclass it in the engine's module and name it on the engine's registry line)."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)


@dataclass(frozen=True)
class EngineEntry(Generic[Engine]):
    """One registry line: how an engine is built from the server's Config, its own settings, and what it needs."""

    build: Callable[[Any], Engine]
    settings: type[EngineSettings] | None = None  # collected into the server's Config
    # The settings it needs set (a remote server's URL, a model folder): with them all given and the kind's
    # *_ENGINE empty, the operator configured it, so it runs by default (`default_engine`).
    needs: tuple[str, ...] = ()
    # The settings it cannot run without once chosen (checked at start, the error names the key): a model name.
    requires: tuple[str, ...] = ()


class Declares(Protocol):
    """A registry entry, of whichever engine kind: it may name a settings section and the settings it needs."""

    @property
    def settings(self) -> type[EngineSettings] | None: ...

    @property
    def needs(self) -> tuple[str, ...]: ...


def sections_of(entries: Iterable[Declares], shared: Iterable[type[EngineSettings]] = ()) -> list[type[EngineSettings]]:
    """The `shared` sections, then each entry's own, each once, in order (engines may share one or have none)."""
    seen: list[type[EngineSettings]] = []
    for section in [*shared, *(entry.settings for entry in entries)]:
        if section is not None and section not in seen:
            seen.append(section)
    return seen


def is_given(value: Any) -> bool:
    """A setting that holds something: not absent, not blank."""
    return value is not None and str(value).strip() != ""


def configured_by(entry: Declares, values: Mapping[str, Any]) -> bool:
    """Whether the raw settings `values` give every setting `entry` needs (never, for an engine that needs none)."""
    return bool(entry.needs) and all(is_given(values.get(key)) for key in entry.needs)


def missing_for(key: str, name: str, entry: EngineEntry[Any], values: Mapping[str, Any]) -> str | None:
    """The error for the first setting the chosen engine `name` requires or needs that `values` leave empty."""
    for setting in (*entry.requires, *entry.needs):
        if not is_given(values.get(setting)):
            return f"{setting} is required with {key}={name}"
    return None


def default_engine(key: str, entries: Mapping[str, Declares], values: Mapping[str, Any]) -> str:
    """The engine an empty `key` (LLM_ENGINE, TTS_ENGINE, …) means for the raw settings `values`: the first entry
    whose needed settings are all given (logged with why), else the first that needs none (the embedded one)."""
    for name, entry in entries.items():
        if configured_by(entry, values):
            log.info("%s=%s chosen: %s %s set", key, name, ", ".join(entry.needs),
                     "is" if len(entry.needs) == 1 else "are")
            return name
    return next(name for name, entry in entries.items() if not entry.needs)


def choices(entries: Mapping[str, Declares], *, chosen_when_empty: bool) -> str:
    """The registered names as a setting's description says them (`a, b or c`), and, when an empty value is chosen
    (`default_engine`), which settings choose which engine."""
    names = list(entries)
    text = ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else names[0]
    if not chosen_when_empty:
        return text
    rules = [f"{name} when {' and '.join(entry.needs)} {'is' if len(entry.needs) == 1 else 'are'} set"
             for name, entry in entries.items() if entry.needs]
    fallback = next(name for name, entry in entries.items() if not entry.needs)
    return f"{text}; empty = " + ", ".join([*rules, f"else {fallback}"] if rules else [fallback])


def key_family(keys: Iterable[str]) -> str | None:
    """The name prefix (whole words, ending in `_`) shared by the most of `keys`, the longest of those, when two or
    more share one; else None (a one-key section claims no namespace: OLLAMA_BASE_URL leaves Ollama's own
    OLLAMA_HOST alone)."""
    names = list(keys)
    shared: dict[str, int] = {}
    for name in names:
        words = name.split("_")
        for size in range(1, len(words)):
            prefix = "_".join(words[:size]) + "_"
            shared[prefix] = shared.get(prefix, 0) + 1
    best = max(shared.items(), key=lambda item: (item[1], len(item[0])), default=None)
    return best[0] if best is not None and best[1] >= 2 else None
