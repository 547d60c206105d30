"""The shared vocabulary of salience (interview/salience.py): a phrase as found, where it stands in its sentence,
and what each role and circumstance weighs."""
from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from interview.text import Token

# Role weights: an object of what the candidate did and a finding ("알고 보니 …였다") are what stories turn on.
OBJECT, COMPLEMENT, SUBJECT, COMITATIVE, TOPIC, INSTRUMENT, OTHER = 3.0, 3.0, 2.0, 1.0, 1.0, 0.5, 0.5
FINDING_BONUS = 2.5     # the phrase is what a cause or discovery turned out to be
PROBLEM_BONUS = 2.0     # the thing that went wrong (the subject of "고장 난", the object of "didn't include")
STRESS_BONUS = 5.0      # the candidate's own verdict: "X was the scary part", "what worried me was X", "그게 제일 …"
OWN_ACTION_BONUS = 1.0  # an object in a sentence where the candidate is the one acting
NAMED_BONUS = 1.0       # a proper noun, a Latin-script term or an acronym
REPEATED_BONUS = 1.5    # a content word the candidate came back to
OPENING_BONUS = 2.5     # a verbless first sentence is the direct answer ("전기차 충전 인프라요.")
SETTING_PENALTY = 3.0   # where or when it happened ("신규 때", "at my last job"): the scene, not the story
PERSON_PENALTY = 2.0    # people ("선임 선생님", "the resident") are who, rarely what was stressed
NEAR_TIE = 0.5          # scores this close are stressed alike
MAX_WORDS = 4           # a phrase is named by its last few words at most


class Salient(NamedTuple):
    """A noun phrase of the answer as written, with how much the candidate stressed it."""

    text: str
    score: float
    sentence: int


@dataclass(frozen=True)
class Context:
    """Where a phrase stands in its sentence."""

    own: bool            # the candidate is named as acting before it ("제가 … 대조표를 만들어")
    after_finding: bool  # it comes after "알고 보니", "보니까", "원인은" …: what it turned out to be
    problem: bool        # the sentence says something went wrong (고장, 누락, 미뤄진 …)
    opening: bool        # the first sentence, without a predicate: the direct answer
    following: tuple[Token, ...]  # the next two 어절
    next_text: str = ""  # the sentence's next few words as written
    subject_next: bool = False  # another subject comes before the next predicate ("라인에서 버(burr) 불량이 나왔")
    predicate: str = ""  # the first verb after it in its sentence ("완충재를 계란판 모양으로 바꾸고" → 바꾸)
    introduced: bool = False  # that verb brings something in ("만들었어요", "도입했어요")
    proposed: bool = False  # that verb is what the candidate proposed ("쓰자고", "바꾸자고")
    object_before: bool = False  # an object comes before it in its clause ("그래프를 종이로")
    only_before: bool = False  # "X만" came before it in its sentence ("수요만 생각하고 반납률은 …"): a contrast
    refused: bool = False  # its clause's verb is negated ("이장님이 촬영 전날 갑자기 못 하겠다고")
