"""The base of an engine's own settings: each engine module declares its keys, and the server's Config collects them.

A section is a small pydantic model of flat upper-case keys (the names `.env` uses); its docstring titles the
section in `.env.example` and the settings docs, each key's attribute docstring is its description.
"""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class EngineSettings(BaseModel):
    """Settings one engine reads (subclass it in the engine's module and name it on the engine's registry line)."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)


def unique_sections(sections: list[type[EngineSettings] | None]) -> list[type[EngineSettings]]:
    """The sections in order, each once (engines may share one), without the engines that have none."""
    seen: list[type[EngineSettings]] = []
    for section in sections:
        if section is not None and section not in seen:
            seen.append(section)
    return seen
