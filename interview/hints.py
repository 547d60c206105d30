"""Study mode's hint line: what a full answer to the pending question covers, said only when the candidate asks
for a hint or has just dodged the question; real mode gives none (issue 23, deliver 5)."""
from __future__ import annotations

from interview.cues import has
from interview.intents import asks_for
from interview.lines import Lines
from interview.reading import intent_of

STUDY, REAL = "study", "real"


def asks_for_hint(message: str, lines: Lines, language: str) -> bool:
    """The candidate asks for a hint ("힌트 좀 주실 수 있나요?", "Could I get a hint?")."""
    return bool(has(message, lines.hint_cues, language))


def hint_line(pending: str, lines: Lines, language: str) -> str:
    """The hint for the pending question: the aspects a full answer to its intent covers, in order."""
    aspects = asks_for(intent_of(pending, language).intent) or ("example",)
    names = [lines.aspect_names[a] for a in aspects if a in lines.aspect_names]
    joined = ", ".join(names) if language == "ko" else ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") \
        + names[-1]
    return lines.hint.replace("{aspects}", joined)
