"""The API document's view of a dataclass (a turn event, its nested parts): a response model built from its fields.

The dataclass is the one definition (names, types, order, the `doc` of each field); the model only describes it
in OpenAPI. A field is required when the first class that has it gives no default and every class has it.
"""
from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping
from typing import Any, Literal, Union

from pydantic import Field, create_model

from server.schemas.common import ResponseModel

Definition = tuple[Any, Any]  # (annotation, default or FieldInfo), as pydantic.create_model takes them


def event_model(name: str, sources: tuple[type, ...], keys: tuple[str, ...], doc: str, *,
                edge: Mapping[str, Definition] | None = None, nested: Mapping[type, type] | None = None,
                base: type[ResponseModel] = ResponseModel) -> type[ResponseModel]:
    """A model `name` with `keys` in order: each from `edge` (what the web edge adds), `type` (the first source's
    Literal wire type) or the first of `sources` with such a field; `nested` swaps dataclass types for models."""
    edge, nested = edge or {}, nested or {}
    definitions: dict[str, Any] = {}
    for key in keys:
        if key in edge:
            definitions[key] = edge[key]
        elif key == "type":
            wire_type = typing.cast(Any, sources[0]).type
            definitions[key] = (Literal[wire_type], wire_type)
        else:
            definitions[key] = _definition(key, sources, nested)
    return create_model(name, __base__=base, __doc__=doc, **definitions)


def _definition(key: str, sources: tuple[type, ...], nested: Mapping[type, type]) -> Definition:
    having = [cls for cls in sources if key in {f.name for f in dataclasses.fields(cls)}]
    if not having:
        raise KeyError(f"no field {key!r} in {[cls.__name__ for cls in sources]}")
    source = having[0]
    spec = next(f for f in dataclasses.fields(source) if f.name == key)
    annotation = _swapped(typing.get_type_hints(source)[key], nested)
    schema = {k: v for k, v in spec.metadata.items() if k != "doc"}
    info: dict[str, Any] = {"description": spec.metadata["doc"]} if "doc" in spec.metadata else {}
    required = spec.default is dataclasses.MISSING and len(having) == len(sources)
    if required:
        return annotation, Field(**info, **schema) if info or schema else ...
    default = None if spec.default is dataclasses.MISSING or len(having) < len(sources) else spec.default
    if default is None:
        annotation = annotation | None if type(None) not in typing.get_args(annotation) else annotation
    return annotation, Field(default, **info, **schema)


def _swapped(annotation: Any, nested: Mapping[type, type]) -> Any:
    """`annotation` with each dataclass named in `nested` replaced by its model (also inside `X | None`)."""
    if annotation in nested:
        return nested[annotation]
    if typing.get_origin(annotation) in (Union, types.UnionType):
        return Union[tuple(_swapped(arg, nested) for arg in typing.get_args(annotation))]
    return annotation
