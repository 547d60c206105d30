"""A stint of work told: the candidate did a job or a piece of work over a stretch of time ("택배 상하차를 육 개월
했습니다", "편의점에서 2년 일했습니다", "I worked nights at a warehouse for two years"). Such a story is the candidate's own
role towards a goal a job shares, however casually it goes on (a sore back, a weekend helping at home)."""
from __future__ import annotations

import re

from interview import structure
from interview.text import Token

# A stretch of time: a number (digits, a Sino-Korean numeral or a determiner such as "한") and a unit.
_KO_UNITS = frozenset({"개월", "년", "달", "주", "시즌", "학기"})
_KO_NUMBER_TAGS = frozenset({"SN", "NR", "MM"})
# Doing, working or going to a place regularly: the verbs a stint is told with.
_KO_STINT_VERBS = frozenset({"하", "일하", "근무하", "다니"})
_EN_NUMBER = r"(a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+|a few|several|a couple of)"
_EN_UNIT = r"(weeks?|months?|years?|seasons?|summers?|winters?|semesters?)"
# (not "we spent two weeks in Spain": a stretch of time spent is a holiday as often as a job)
_EN_STINT = re.compile(rf"\b(i|we)\b[^.!?]{{0,40}}\b((worked|volunteered|interned|temped)\b[^.!?]{{0,60}}\bfor "
                       rf"(about |almost |over |nearly )?{_EN_NUMBER} {_EN_UNIT}|did {_EN_NUMBER} {_EN_UNIT} "
                       rf"(as|at|on|in)\b)", re.IGNORECASE)


def tells_a_stint(message: str, language: str) -> bool:
    """Some clause has the candidate doing something for a stretch of time, in the past, with no other subject."""
    if language != "ko":
        return _EN_STINT.search(message) is not None
    clause: list[Token] = []
    for tok in structure.tokens(message, "ko"):
        clause.append(tok)
        if tok.tag in ("EC", "EF"):
            if _stint(clause):
                return True
            clause = []
    return _stint(clause)


def _stint(clause: list[Token]) -> bool:
    """A Korean clause with a stretch of time, then a verb of doing or working in the past, and no other subject
    ("상하차를 육 개월 했습니다"; not "친구가 2년 다녔어요")."""
    spans = [i for i, (a, b) in enumerate(zip(clause, clause[1:]))
             if a.tag in _KO_NUMBER_TAGS and b.form in _KO_UNITS]
    if not spans:
        return False
    after = clause[spans[0] + 2:]
    verb = next((j for j, t in enumerate(after) if t.tag in ("VV", "XSV") and t.form in _KO_STINT_VERBS), None)
    past = verb is not None and any(t.tag == "EP" for t in after[verb + 1:verb + 3])
    other = any(t.tag == "JKS" and i > 0 and clause[i - 1].tag.startswith("NN") for i, t in enumerate(clause))
    return past and not other
