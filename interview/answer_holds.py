"""What an answer already holds, read from its grammar: a reason it gives, a goal it states, an act of the
candidate's own; a follow-up asks only for what is missing and in words that fit what was said."""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from interview.english_lexicon import past_verb
from interview.text import Token, tokens

if TYPE_CHECKING:
    from interview.reading import AnswerReading

# Connective endings that give a reason or a purpose whatever the verb ("…니까", "…므로", "…느라", "…려고").
_KO_REASON_ENDINGS = frozenset({"니까", "으니까", "므로", "으므로", "느라", "느라고", "길래", "려고", "으려고"})
# "-아서/-어서" gives a reason after a state ("많아서", "볼 수 있어서", "병원이라서"); after an act it is the means
# or the next step ("바꿔서 낮췄습니다"), which is no reason.
_KO_SO_ENDINGS = frozenset({"어서", "아서", "여서", "라서", "라", "이라서"})
_KO_STATE_TAGS = ("VA", "VX", "VCP", "VCN", "XSA")
_KO_STATE_VERBS = frozenset({"있", "없", "싶"})
_EN_REASON = re.compile(r"\b(because|cause|so that|that's why|that is why|the reason|due to|thanks to|"
                        r"since(?!\s+(\d|last|then|january|february|march|april|may|june|july|august|september|"
                        r"october|november|december|i was|school|university|college)))\b", re.IGNORECASE)
_EN_WORD = re.compile(r"[A-Za-z]+")
_EN_NOT_ACTS = frozenset({"be", "have", "do", "think", "feel", "seem", "say", "know", "want", "like", "get"})
_EN_APPLYING = re.compile(r"\bI(?:'m| am| have|'ve)?\s+(?:\w+\s+)?(?:apply|applied|applying|joining|"
                          r"want to join|would like to join|'d like to join)\b", re.IGNORECASE)
_KO_APPLYING = frozenset({"지원", "입사"})
# A goal stated as the candidate's own: "…가 목표입니다", "…이 꿈이에요", "…가 되고 싶습니다" (not "매출 목표를 달성").
_KO_GOAL_NOUNS = frozenset({"목표", "꿈", "포부", "바람"})
_EN_GOAL = re.compile(r"\b(my (long[- ]term |main |career |big )?(goal|aim|ambition|dream|plan) is|i('d| would) "
                      r"(like|love) to (become|be|move|grow|work|lead|specialise|specialize)|i want to (become|be|"
                      r"move|grow|lead|specialise|specialize|end up)|i hope to|i'm aiming|i am aiming|i aim to|"
                      r"i plan to|i'm hoping to|eventually i)\b", re.IGNORECASE)


# Questions whose answer is a view or a wish, not a story of something done: its reason is why it matters.
_VIEW_INTENTS = frozenset({"motivation", "future", "strength", "weakness", "self_introduction"})


def wording(aspect: str, reading: "AnswerReading", intent: str) -> str:
    """The follow-up line (a key of Lines.follow_ups) that asks for `aspect` without presupposing what the answer
    never said: "why did you handle it that way" only after something done, "what are you doing towards that
    goal" only after a goal."""
    if aspect == "reason" and (intent in _VIEW_INTENTS or not did_something(reading)):
        return "reason_view"
    if aspect == "plan" and not states_goal(reading.sentences, reading.language):
        return "plan_open"
    return aspect


def did_something(reading: "AnswerReading") -> bool:
    """The answer tells of something the candidate did: in Korean a sentence of action; in English one with a verb
    in the past that is no state or thought ("I moved us to scanners", not "I think that's everything")."""
    if reading.language == "ko":
        return reading.star.action is not None
    return any(past_verb(w) not in ("", *_EN_NOT_ACTS) for s in reading.claims.actions for w in _EN_WORD.findall(s))


def states_reason(sentences: Sequence[str], language: str) -> bool:
    """The answer gives its reason or purpose ("…볼 수 있어서 지원했습니다", "…이니까", "…때문에", "…위해",
    "because …", "so that …")."""
    if language != "ko":
        return any(_EN_REASON.search(s) for s in sentences)
    return any(_ko_reason(tokens(s, "ko")) for s in sentences)


def _ko_reason(toks: Sequence[Token]) -> bool:
    for i, tok in enumerate(toks):
        if tok.form == "때문" and tok.tag == "NNB" or tok.form == "위하" and tok.tag == "VV":
            return True
        if tok.tag != "EC" or i == 0 or i == len(toks) - 1:
            continue  # a sentence that ends on its connective has no clause for the reason to explain
        before = toks[i - 1]
        state = before.tag.startswith(_KO_STATE_TAGS) or before.form in _KO_STATE_VERBS
        if tok.form in _KO_REASON_ENDINGS or tok.form in _KO_SO_ENDINGS and state:
            return True
    return False


def states_goal(sentences: Sequence[str], language: str) -> str:
    """The sentence in which the candidate states a goal of their own ("…가 되는 게 목표입니다", "…가 되고
    싶습니다", "my goal is …", "I want to become …"), else ""."""
    if language != "ko":
        return next((s for s in sentences if _EN_GOAL.search(s)), "")
    return next((s for s in sentences if _ko_goal(tokens(s, "ko"))), "")


def _ko_goal(toks: Sequence[Token]) -> bool:
    for i, tok in enumerate(toks[:-1]):
        after = toks[i + 1]
        if tok.form in _KO_GOAL_NOUNS and tok.tag == "NNG" and after.tag == "VCP":
            return True  # the goal is what the sentence says it is: "…가 목표입니다"
        if tok.form == "되" and tok.tag == "VV" and after.form == "고" and i + 2 < len(toks) \
                and toks[i + 2].form == "싶":
            return True  # "…가 되고 싶습니다"
    return False


# The work the candidate wants named as their wish ("I want to work in the community here", "I'd love to work on
# brands with real heritage"): what draws them to the job, told without a "because".
_EN_WISH_TO_WORK = re.compile(r"\bI(?:'d| would)?\s+(?:really\s+)?(?:want|like|love|hope)\s+to\s+work\s+"
                              r"(?:on|in|at|for|with)\b", re.IGNORECASE)


def gives_reason_for_applying(sentences: Sequence[str], language: str) -> bool:
    """A sentence in which the candidate applies (or wants to join) and says why ("I applied here because …",
    "…볼 수 있어서 지원했습니다"), or names the work they wish for: the motivation is answered, whatever words carry
    it."""
    if language != "ko":
        return any(_EN_APPLYING.search(s) and _EN_REASON.search(s) or _EN_WISH_TO_WORK.search(s) for s in sentences)
    return any(_ko_applying(toks) and _ko_reason(toks) for toks in (tokens(s, "ko") for s in sentences))


def _ko_applying(toks: Sequence[Token]) -> bool:
    return any(t.form in _KO_APPLYING and t.tag == "NNG" and i + 1 < len(toks) and toks[i + 1].tag == "XSV"
               for i, t in enumerate(toks))


def named_with_goal(sentences: Sequence[str], names: Sequence[str], language: str) -> bool:
    """A sentence stating the candidate's goal names one of `names` ("중환자실 … 되는 게 목표입니다" for a question
    about the ward they want)."""
    goal = states_goal(sentences, language)
    flat = goal.replace(" ", "").lower()
    return bool(goal) and any(n.replace(" ", "").lower() in flat for n in names if n)
