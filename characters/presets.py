"""Preset interviewers shipped as data files (characters/presets/*.json), validated like a client's body."""
from __future__ import annotations

import json
from pathlib import Path

from characters.model import Character
from characters.schema import CharacterCreate

PRESET_DIR = Path(__file__).with_name("presets")


def load_presets(folder: Path = PRESET_DIR) -> tuple[Character, ...]:
    """Every preset, sorted by file name; ValueError names the first bad file."""
    presets = []
    for path in sorted(folder.glob("*.json")):
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            fields = CharacterCreate.model_validate(raw).changes()
        except (OSError, json.JSONDecodeError, ValueError) as e:
            raise ValueError(f"preset {path.name}: {e}") from e
        if raw.get("id") != path.stem:
            raise ValueError(f"preset {path.name}: 'id' must be the file name ({path.stem!r})")
        presets.append(Character(id=path.stem, is_preset=True, **fields))
    return tuple(presets)


def check_preset_references(presets: tuple[Character, ...], avatars: set[str], voices: set[str]) -> None:
    """Fail at start when a preset names an avatar or voice this server does not have."""
    for p in presets:
        if p.avatar and p.avatar not in avatars:
            raise ValueError(f"preset {p.id}: unknown avatar {p.avatar!r}")
        if p.voice_id != "default" and p.voice_id not in voices:
            raise ValueError(f"preset {p.id}: unknown voice_id {p.voice_id!r}")
