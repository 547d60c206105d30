"""What a figure measured: "보안검색 대기줄이 40분까지 늘어났어요" → 보안검색 대기줄, "p95 latency went from 1.8 s to
about 300 ms" → p95 latency. The measurement follow-up names a figure with what it measured ("대기줄 관련해서 말씀하신
40분 수치는 …"), never with whatever else the answer stressed."""
from __future__ import annotations

import re

from interview.cues import OWN_FAMILY
from interview.salience_en import en_phrases
from interview.text import tokens

_EN_CLAUSE = re.compile(r"[,;…]|\.\.\.|\b(and|but|so|which)\b")
_KO_SUBJECT = frozenset({"JKS", "JX"})  # "대기줄이 40분까지", "오차는 5cm로"
_KO_NOUNS = frozenset({"NNG", "NNP", "SL", "SH", "XSN"})  # XSN: "손님" as 손/NNG 님/XSN
DURATION = re.compile(r"(일|주|개월|달|년|해|시간|days?|weeks?|months?|years?|hours?)$")  # a figure that is a span of time
_OCCURRENCES = re.compile(r"(회|번|times|once|twice)$", re.IGNORECASE)  # a count of occasions, not an amount
# What a count is per: "(three times) a week", "(주) 3회", "(일주일에) 세 번".
_EN_PER = re.compile(r"\s*(a|an|per|each|every)\s+(day|week|month|year|shift|night|morning|evening|session|visit)\b",
                     re.IGNORECASE)
_KO_PER = re.compile(r"(하루|일주일|주|한\s?달|매일|매주|매달|월|연|년|일)\s?(에|마다)?\s?$")
MAX_WORDS = 2  # the head of the compound and the word before it ("직업 승률", "보안검색 대기줄")
_KO_SPANS = frozenset({"동안", "사이", "만에", "내내"})  # "석 달 동안 전환율이": the span is no part of what changed


def measured_thing(sentences: tuple[str, ...], number: str, language: str) -> str:
    """The subject of the clause that states `number`, or "" when the clause names none or only the candidate's
    family."""
    for sentence in sentences:
        at = sentence.find(number) if number else -1
        if at < 0:
            continue
        if language == "ko":
            subject = clause = _ko_subject(sentence, at)
        else:
            start = max((m.end() for m in _EN_CLAUSE.finditer(sentence[:at])), default=0)
            subject, clause = _en_subject(sentence, start, at), sentence[start:at]
        return "" if OWN_FAMILY.get(language, OWN_FAMILY["en"]).search(clause) else subject  # never "집사람 관련해서"
    return ""


def how_often(sentences: tuple[str, ...], number: str, language: str) -> bool:
    """The figure says how often something was done ("three times a week", "주 3회", "하루 두 번"): a routine, not an
    outcome whose measurement a follow-up could ask about."""
    if not _OCCURRENCES.search(number):
        return False  # "연 18%", "하루 150건": an amount per period is an outcome
    for sentence in sentences:
        at = sentence.find(number)
        if at >= 0:
            if language == "ko":
                return bool(_KO_PER.search(sentence[max(0, at - 8):at]))
            return bool(_EN_PER.match(sentence[at + len(number):]))
    return False


def _ko_subject(sentence: str, at: int) -> str:
    """The nouns right before the last subject or topic particle ahead of the figure in its clause (which starts
    after the last connective ending or comma: "…쪼갰고요, 그렇게 하니까 대기 시간이 평균 2시간에서 40분"), named
    as written from the start of their 어절 ("재/XPN 구매율이", "오/NR 배송이" name 재구매율, 오배송)."""
    toks = [t for t in tokens(sentence, "ko") if t.start < at]
    since = max((k + 1 for k, t in enumerate(toks) if t.tag == "EC" or t.tag in ("SP", "SE") or t.form in ",;…"),
                default=0)
    toks = toks[since:]
    for k in range(len(toks) - 1, 0, -1):
        if toks[k].tag in _KO_SUBJECT and toks[k - 1].tag in _KO_NOUNS:
            first = k - 1
            while first > 0 and toks[first - 1].tag in _KO_NOUNS and toks[first - 1].form not in _KO_SPANS:
                first -= 1
            begin = sentence.rfind(" ", 0, toks[first].start) + 1  # the 어절 as written
            words = sentence[begin:toks[k - 1].start + toks[k - 1].length].split()
            return " ".join(words[-MAX_WORDS:])
    return ""


def _en_subject(sentence: str, start: int, at: int) -> str:
    """The last noun phrase of the clause before the figure ("p95 latency went from … to 300 ms")."""
    clause = sentence[start:at]
    phrases = [p.text for p in en_phrases(clause, 1) if not p.text[:1].isdigit()]
    return phrases[-1] if phrases else ""
