"""What a figure measured: "보안검색 대기줄이 40분까지 늘어났어요" → 보안검색 대기줄, "p95 latency went from 1.8 s to
about 300 ms" → p95 latency. The measurement follow-up names a figure with what it measured ("대기줄 관련해서 말씀하신
40분 수치는 …"), never with whatever else the answer stressed."""
from __future__ import annotations

import re

from interview.salience_en import en_phrases
from interview.text import tokens

_CLAUSE = re.compile(r"[,;…]|\.\.\.|(는데요?|지만|는데도|고|서)\s|\b(and|but|so|which)\b")
_KO_SUBJECT = frozenset({"JKS", "JX"})  # "대기줄이 40분까지", "오차는 5cm로"
_KO_NOUNS = frozenset({"NNG", "NNP", "SL", "SH", "XSN"})  # XSN: "손님" as 손/NNG 님/XSN
MAX_WORDS = 2  # the head of the compound and the word before it ("직업 승률", "보안검색 대기줄")


def measured_thing(sentences: tuple[str, ...], number: str, language: str) -> str:
    """The subject of the clause that states `number`, or "" when the clause names none."""
    for sentence in sentences:
        at = sentence.find(number) if number else -1
        if at < 0:
            continue
        start = max((m.end() for m in _CLAUSE.finditer(sentence[:at])), default=0)
        return _ko_subject(sentence, start, at) if language == "ko" else _en_subject(sentence, start, at)
    return ""


def _ko_subject(sentence: str, start: int, at: int) -> str:
    """The nouns right before the clause's last subject or topic particle ahead of the figure."""
    toks = [t for t in tokens(sentence, "ko") if start <= t.start < at]
    for k in range(len(toks) - 1, 0, -1):
        if toks[k].tag in _KO_SUBJECT and toks[k - 1].tag in _KO_NOUNS:
            first = k - 1
            while first > 0 and toks[first - 1].tag in _KO_NOUNS:
                first -= 1
            words = sentence[toks[first].start:toks[k - 1].start + toks[k - 1].length].split()
            return " ".join(words[-MAX_WORDS:])
    return ""


def _en_subject(sentence: str, start: int, at: int) -> str:
    """The last noun phrase of the clause before the figure ("p95 latency went from … to 300 ms")."""
    clause = sentence[start:at]
    phrases = [p.text for p in en_phrases(clause, 1) if not p.text[:1].isdigit()]
    return phrases[-1] if phrases else ""
