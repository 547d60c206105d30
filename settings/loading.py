"""Where settings come from: `.env`, then the process environment, then a mapping (tests, command options).

Any key in `.env` or in a mapping must be known; in the environment, keys with one of the project's prefixes must
be (other programs' variables pass by): the prefixes follow from the settings' keys (`project_prefixes`). An
unknown key stops the start with the closest known key named.
"""
from __future__ import annotations

import difflib
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from dotenv import dotenv_values
from pydantic import BaseModel

from settings.engine import EngineSettings, key_family
from settings.rules import ConfigError
from settings.seeds import ALIASES

NOT_SETTINGS = frozenset({"MUSETALK_TEST_DEVICE"})  # read by the opt-in GPU tests, not by the server


def project_prefixes(model: type[BaseModel], declared: Iterable[str]) -> tuple[str, ...]:
    """The name prefixes of this project's variables in the environment: the `declared` ones of the core, each
    engine kind's (`LLM_` of LLM_ENGINE, …) and each engine section's family of keys (`MUSETALK_`, …)."""
    kinds = [name.removesuffix("ENGINE") for name in model.model_fields if name.endswith("_ENGINE")]
    families = [key_family(base.model_fields) for base in model.__mro__
                if issubclass(base, EngineSettings) and base is not EngineSettings]
    return tuple(dict.fromkeys([*declared, *kinds, *(family for family in families if family)]))


def gather(overrides: Mapping[str, Any], env_file: Path, fields: Iterable[str], prefixes: tuple[str, ...],
           only_known: bool = False) -> dict[str, Any]:
    """The raw values from the three sources, later ones winning; a key that is neither one of `fields` nor a seed
    alias raises ConfigError (`only_known`: is left out instead). In the environment only keys with one of the
    project's `prefixes` are checked (other programs' variables pass by): a misspelt one is refused, never ignored."""
    known = frozenset(fields) | frozenset(ALIASES)
    from_file = {k: v for k, v in dotenv_values(env_file).items() if v is not None} if env_file.is_file() else {}
    if only_known:
        return {k: v for k, v in {**from_file, **os.environ, **overrides}.items() if k in known}
    _refuse_unknown(from_file, known, f"in {env_file}")
    from_env = {k: v for k, v in os.environ.items() if k in known}
    _refuse_unknown({k: v for k, v in os.environ.items() if k.startswith(prefixes) and k not in NOT_SETTINGS},
                    known, "in the environment")
    _refuse_unknown(overrides, known, "given")
    return {**from_file, **from_env, **overrides}


def _refuse_unknown(values: Mapping[str, Any], known: frozenset[str], where: str) -> None:
    """Raise ConfigError for keys that are not settings, naming the closest known key of each."""
    unknown = sorted(set(values) - known)
    if unknown:
        raise ConfigError(f"unknown config keys {where}: " + ", ".join(_with_hint(key, known) for key in unknown))


def _with_hint(key: str, known: frozenset[str]) -> str:
    """`KEY (did you mean CLOSEST?)`, or just KEY when nothing is close."""
    close = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.6)
    return f"{key} (did you mean {close[0]}?)" if close else key
