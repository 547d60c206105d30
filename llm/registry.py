"""Chat engines by name; `LLM_ENGINE` picks one. A new engine is one module and one line here."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from llm.base import ChatEngine


def _scripted(config: Any) -> ChatEngine:
    from llm.scripted import ScriptedInterviewer

    return ScriptedInterviewer(total_questions=config.INTERVIEW_QUESTIONS)


ENGINES: dict[str, Callable[[Any], ChatEngine]] = {
    "scripted": _scripted,
}


def create(name: str, config: Any) -> ChatEngine:
    """Build engine `name` from the server config; ValueError lists the valid names."""
    if name not in ENGINES:
        raise ValueError(f"unknown LLM engine {name!r}; valid: {', '.join(sorted(ENGINES))}")
    return ENGINES[name](config)
