"""Who is interviewing: the character's traits and style, and the director's cues for this turn."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

InterviewStyle = Literal["friendly", "structured", "technical", "pressure"]
INTERVIEW_STYLES: tuple[str, ...] = ("friendly", "structured", "technical", "pressure")
LANGUAGES: tuple[str, ...] = ("ko", "en")


@dataclass(frozen=True)
class Scenario:
    """The avatar-forge seed's scenario: who the candidate is, the situation, the background."""

    opponent: str = ""
    situation: str = ""
    background: str = ""


@dataclass(frozen=True)
class Persona:
    """An interviewer character as the prompt needs it (plain text only; never instructions from the candidate)."""

    name: str = ""
    description: str = ""
    job: str = ""
    personality: str = ""
    speech_style: str = ""
    habits: str = ""
    guidelines: str = ""
    style: InterviewStyle = "structured"
    remit: str = ""  # on a panel: "hr", "job" or "executive" ("" = any question)
    language: str = "ko"
    free_text: str = ""  # the seed's `persona` string, used as given by the client
    scenario: Scenario | None = None
    director_note: str = ""  # director mode: a cue for this one reply
    panel: tuple[str, ...] = ()  # the other interviewers of a panel interview (names)

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> "Persona | None":
        """Rebuild a persona written by dataclasses.asdict (a job crossing a process boundary)."""
        if data is None:
            return None
        scenario = data.get("scenario")
        return cls(**{**data, "scenario": None if scenario is None else Scenario(**scenario),
                      "panel": tuple(data.get("panel", ()))})
