"""Frozen dataclasses as JSON and back (what a backend stores), and the field helper that documents them."""
from __future__ import annotations

import dataclasses
import typing
from collections.abc import Mapping
from typing import Any


def doc(text: str, default: Any = dataclasses.MISSING, **schema: Any) -> Any:
    """A field with its description (and JSON-schema extras such as `examples`) for the API document."""
    return dataclasses.field(default=default, metadata={"doc": text, **schema})


def plain(value: Any) -> Any:
    """A dataclass as a dict (recursively, keeping field order); anything else as it is."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    return value


def rebuilt(cls: Any, data: Mapping[str, Any]) -> Any:
    """A dataclass from its `plain` JSON, the dataclasses in its fields (also `X | None`) rebuilt too."""
    hints = typing.get_type_hints(cls)
    return cls(**{name: _value(hints[name], value) for name, value in data.items()})


def _value(hint: Any, value: Any) -> Any:
    nested = [c for c in (hint, *typing.get_args(hint)) if dataclasses.is_dataclass(c)]
    return rebuilt(nested[0], value) if nested and value is not None else value
