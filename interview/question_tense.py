"""Whether a question asks about something the candidate did or went through: only then is a "no" a missing
experience. A question about what they would do, want or think now asks for no experience at all."""
from __future__ import annotations

import re

from interview.english_lexicon import past_verb
from interview.intents import HYPOTHETICAL
from interview.text import tokens

# The experience named outright: "경험이 있다면", "해 본 적", "have you ever", "a time when".
_EXPERIENCE = {"ko": re.compile(r"경험|사례|\s적(이|은|도)?\s|본\s?적|신\s?적|한\s?적"),
               "en": re.compile(r"\b(experience|have you|has there|ever|a time|an occasion|example of when)\b",
                                re.IGNORECASE)}
# "입사하신다면 …": a condition, whatever its verb's tense; "…이 있다면 말씀해 주세요" only means "if there is one"
_KO_CONDITIONAL = re.compile(r"[가-힣](?<![있없었았였셨])(다면|라면)\s")
# The condition a question sets up, as said: "라인에서 같은 불량이 … 반복된다면", "if a supplier missed a delivery …"
_CONDITION = {"ko": re.compile(r"(?:^|[.!?,]\s*)([^.!?,]*?[가-힣](?:다면|라면))\s"),
              "en": re.compile(r"\b((?:if|suppose|imagine)\b[^?,;:]+)", re.IGNORECASE)}
_KO_PAST = frozenset({"었", "았", "였", "ㅆ"})
_EN_WORD = re.compile(r"[A-Za-z']+")
_EN_PAST_AUX = frozenset({"did", "was", "were", "had", "didn't", "wasn't", "weren't"})


def asks_about_experience(question: str, language: str) -> bool:
    """The question names an experience, or (unless it sets up what the candidate would do) asks in the past."""
    if _EXPERIENCE[language].search(f" {question} "):
        return True
    if asks_what_you_would(question, language):
        return False  # "what would you do if a supplier missed …": nothing has happened yet
    return said_in_the_past(question, language)


def said_in_the_past(text: str, language: str) -> bool:
    """The text speaks of the past: a past ending in Korean ("…했어요"), a past verb or auxiliary in English."""
    if language == "ko":
        return any(t.tag == "EP" and t.form in _KO_PAST for t in tokens(text, "ko"))
    return any(w.lower() in _EN_PAST_AUX or past_verb(w) for w in _EN_WORD.findall(text))


def asks_what_you_would(question: str, language: str) -> bool:
    """The question sets up what the candidate would do ("…라면 어떻게 하시겠어요?", "입사하신다면 …?", "what would
    you do if …?")."""
    return bool(HYPOTHETICAL[language].search(question) or language == "ko" and _KO_CONDITIONAL.search(question))


def condition_of(question: str, language: str) -> str:
    """The condition a "what would you do" question sets up, in its own words (English from a lower-case "if"), or
    "" where it sets none."""
    found = _CONDITION[language].search(question)
    if found is None:
        return ""
    condition = found.group(1).strip()
    return condition if language == "ko" else condition[:1].lower() + condition[1:]
