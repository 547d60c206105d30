"""Who interviews a turn: the character a request names, or the member of a panel whose turn it is, and what the
speaker brings to the turn (its persona with the request's cues, its avatar and voice where the request names none).

The rules only: `runtime/turn_requests.py` reads the request's fields and looks the characters up (the catalogue the
web edge passes in).
Which panel member speaks is decided by `interview.panel.panel_speaker`, once per request (`decide`); the reply's
`done` event and its stored message name who spoke (`speaker`), and the page follows that.

Client-written cues bound for the system prompt (director_note, scenario, a forge persona) are made data first
(`as_data`): one line, JSON-quoted, so a newline or a `[규칙]`-style header inside one can never open a section of
rules of its own; the prompt's labels say what the quoted value is.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, replace

from characters.model import Character
from interview.panel import panel_speaker
from llm.persona import Persona, Scenario
from tts.voice_match import speaker_voice
from tts.voices import Catalogue

FindCharacter = Callable[[str], Character]  # a character by id or name (raises the catalogue's not-found error)


class NotOnPanel(ValueError):
    """A request names a current speaker its panel does not hold (the edge answers 400)."""


@dataclass(frozen=True)
class Casting:
    """The interviewer who speaks now and the others on the panel."""

    speaker: Character | None
    panel: tuple[Character, ...] = ()


@dataclass(frozen=True)
class CastingAsk:
    """What a request says about who interviews: a panel, a current speaker, a single character (all optional)."""

    panel: tuple[Character, ...] = ()
    current_speaker: str | None = None
    character_id: str | None = None


def decide(ask: CastingAsk, find: FindCharacter, message: str, replies_so_far: int, language: str) -> Casting:
    """The speaker: `current_speaker` (within the panel when there is one), else `character_id`, else the panel's
    member whose remit the message is, else the next in turn after `replies_so_far` interviewer replies."""
    if ask.current_speaker is not None:
        match = next((c for c in ask.panel if ask.current_speaker in (c.id, c.name)), None)
        if match is None and ask.panel:
            raise NotOnPanel(f"'current_speaker' must be one of the panel: {', '.join(c.id for c in ask.panel)}")
        return Casting(match or find(ask.current_speaker), ask.panel)
    if ask.character_id is not None:
        return Casting(find(ask.character_id), ask.panel)
    if not ask.panel:
        return Casting(None)
    remits = tuple(c.remit for c in ask.panel)
    return Casting(ask.panel[panel_speaker(remits, message, replies_so_far, language)], ask.panel)


def as_data(text: str) -> str:
    """`text` on one line (every whitespace run one space) in double quotes; empty stays empty."""
    one_line = " ".join(text.split())
    return json.dumps(one_line, ensure_ascii=False) if one_line else ""


def persona(casting: Casting, director_note: str = "", scenario: Scenario | None = None,
            free_text: str = "") -> Persona | None:
    """The speaker's persona with the request's cues (already made prompt data); None when nothing is asked for."""
    if casting.speaker is None and not (director_note or scenario or free_text):
        return None
    base = casting.speaker.persona() if casting.speaker is not None else Persona()
    others = tuple(c.name for c in casting.panel if casting.speaker is None or c.id != casting.speaker.id)
    return replace(base, free_text=free_text, scenario=scenario, director_note=director_note, panel=others)


def character_defaults(casting: Casting, names_avatar: bool, names_voice: bool,
                       voices: Catalogue) -> dict[str, str]:
    """The speaker's avatar and voice for a request that names none (panel members are made to sound apart)."""
    speaker = casting.speaker
    filled: dict[str, str] = {}
    if speaker is None:
        return filled
    if speaker.avatar and not names_avatar:
        filled["avatar"] = speaker.avatar
    if speaker.voice_id != "default" and not names_voice:
        filled["tts_voice"] = speaker_voice(voices, speaker, casting.panel)
    return filled
