"""The pending question put more simply, about the same thing it asked (never another question's easier form)."""
from __future__ import annotations

import re

from interview import structure
from interview.lines import Lines
from interview.phrases import key_phrases, topic_of
from interview.question_tense import asks_what_you_would, condition_of
from interview.reading import intent_of
from interview.text import split_sentences

# Intents whose simpler wording is already the same question made easier (no topic of their own to name).
_OWN_SIMPLER = frozenset({"self_introduction", "motivation", "strength", "weakness", "future"})
_SAID_BACK = 2  # this many of the wording's words in the answer say a phrase of it back ("comes to mind"), not one word
# "How do you keep your work on track when several deadlines land at once?": the ask, then the circumstance.
_EN_ASK_WHEN = re.compile(r"^(?P<ask>(how|what) (do|would|did) you\b.*?)\s*,?\s+\b(when|if|while|whenever)\b\s+"
                          r"(?P<scene>[^?]+)\?$", re.IGNORECASE)


def simpler(pending: str, lines: Lines, language: str, denied: bool = False, answer: str = "") -> str:
    """The pending question asked more simply: the intent's own easier wording where the question has no topic of
    its own (motivation, strength …); an English "how do you X when Y?" as its ask alone (or, where the ask is
    only "what do you do", its circumstance); a "what would you do" answered with a "no" (`denied`) as that again,
    with no example asked for; else its own topic with an easier way in, unless that way in says a phrase of the
    candidate's `answer` back ("Nothing comes to mind." → "what comes to mind first about …", heard as a follow-up
    on their words): then the intent's own easier wording."""
    intent = intent_of(pending, language).intent
    topic = topic_of(pending, language)
    if intent in _OWN_SIMPLER:
        return lines.simpler[intent]
    if denied and asks_what_you_would(pending, language):
        scene = condition_of(pending, language)  # said again, so that a repeat still holds the scene
        # never "an example you know of": nothing has to have happened yet
        return lines.simpler_would["scene"].replace("{scene}", scene) if scene else lines.simpler_would["plain"]
    if not topic:
        return lines.simpler.get(intent, lines.simpler["general"])
    parts = _EN_ASK_WHEN.match(_last_statement_on(pending)) if lines.simpler_parts else None
    if parts is not None:
        ask, scene = parts.group("ask"), parts.group("scene").strip()
        if key_phrases(ask, language):
            return lines.simpler_parts["ask"].replace("{ask}", ask[0].lower() + ask[1:])
        return lines.simpler_parts["scene"].replace("{scene}", scene)
    said_back = _words_of(lines.simpler_about.replace("{topic}", ""), language) & _words_of(answer, language)
    if len(said_back) >= _SAID_BACK:
        return lines.simpler.get(intent, lines.simpler["general"])
    return lines.simpler_about.replace("{topic}", topic)


def _words_of(text: str, language: str) -> set[str]:
    """The words that carry meaning: Kiwi's noun and verb stems (ko), the words that are no function word (en)."""
    if language == "ko":
        return {t.form for t in structure.tokens(text, "ko") if t.tag in ("NNG", "VV", "VA") and len(t.form) >= 2}
    return {w for w in re.findall(r"[a-z']+", text.lower()) if len(w) > 2 and w not in structure.EN_FUNCTION_WORDS}


def _last_statement_on(pending: str) -> str:
    """The pending line from its last sentence that does not follow a question ("How do you …? And when …?")."""
    parts = split_sentences(pending)
    start = len(parts) - 1
    while start > 0 and parts[start - 1].endswith("?"):
        start -= 1
    return " ".join(parts[start:])
