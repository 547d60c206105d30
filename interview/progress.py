"""How many main questions an interview has asked: follow-ups, re-asks and repeats of the policy don't count,
so `total_questions` means main questions for every engine (a remote LLM's own questions count as main)."""
from __future__ import annotations

import re
from collections.abc import Sequence

from interview.lines import LINES, Lines
from interview.policy import _mains_in
from interview.topics import candidate_pool
from llm.base import InterviewContext
from llm.prompts import is_question

_SLOT = re.compile(r"\{[a-z_]+\}")


def asked_main_questions(lines: Sequence[str], context: InterviewContext) -> int:
    """Main questions among the interviewer's `lines`, each counted once."""
    language = context.language if context.language in LINES else "ko"
    pool, said = candidate_pool(context), LINES[language]
    seen: set[str] = set()
    count = 0
    for text in lines:
        mains = [q for q in _mains_in(text, pool, language) if q.id not in seen]
        if mains:
            seen.update(q.id for q in mains)
            count += 1
        elif is_question(text) and not _policy_follow_up(text, said) and not _mains_in(text, pool, language):
            count += 1  # a question of another engine's own wording
    return count


def _policy_follow_up(text: str, lines: Lines) -> bool:
    """The line is one of the policy's follow-ups, re-asks, pivots or repeats (its fixed words are all there)."""
    return any(all(part.strip() in text for part in _SLOT.split(template) if part.strip())
               for template in _templates(lines))


def _templates(lines: Lines) -> tuple[str, ...]:
    fixed = (lines.reask_lead, lines.pivot, lines.repeat_lead, lines.interrupted_lead, lines.other_language,
             lines.redirect, lines.back_to_question, lines.reverse_question)
    return (*lines.follow_ups.values(), *lines.simpler.values(), *fixed)
