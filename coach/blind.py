"""Blind hiring (블라인드 채용): sentences that name a parent's job, the hometown or the school get a warning.

Korean public institutions must hire blind (공공기관 블라인드 채용 가이드라인), and some companies choose to; the
candidate should not disclose family background, place of origin or school. A warning is feedback, not a score:
the answer's score is unchanged.
"""
from __future__ import annotations

import re

BLIND_ORG_TYPES = frozenset({"공공기관", "공기업", "public", "public_institution"})
_PARENT_KO = r"(아버지|어머니|아버님|어머님|부모님|아빠|엄마|부친|모친|할아버지|삼촌)"
_PARENT_EN = r"\b(my (father|mother|dad|mom|mum|parents?|uncle))\b"
PATTERNS: dict[str, dict[str, re.Pattern[str]]] = {
    "ko": {
        "blind_parent": re.compile(_PARENT_KO + r"[^.!?]{0,30}(께서|가|는|이)?[^.!?]{0,30}"
                                   r"(교수|의사|변호사|판사|검사|공무원|사장|대표|임원|사업|군인|경찰|선생|교사|일하|근무|운영|직업)"),
        "blind_hometown": re.compile(r"고향|(에서|서)\s*(태어나|태어났|자랐|나고\s*자)|"
                                     r"(서울|부산|대구|인천|광주|대전|울산|제주|강원|경기|충청|전라|경상)[가-힣]{0,3}\s*출신"),
        "blind_school": re.compile(r"[가-힣A-Za-z]{1,12}(대학교|대학|고등학교|과학고|외고|여고)\s*(를|을|에서|출신|졸업|재학|다니)|"
                                   r"(서울대|연세대|고려대|카이스트|KAIST|포스텍|성균관대|한양대)"),
    },
    "en": {
        "blind_parent": re.compile(_PARENT_EN + r"[^.!?]{0,40}\b(is|was|works|worked|runs|ran)\b[^.!?]{0,30}"
                                   r"\b(professor|doctor|lawyer|judge|officer|ceo|director|executive|business|"
                                   r"engineer|teacher|official|at)\b", re.I),
        "blind_hometown": re.compile(r"\b(i('m| am) from|grew up in|born in|my hometown)\b", re.I),
        "blind_school": re.compile(r"\b(graduated from|studied at|went to|attended)\s+[A-Z][\w.&-]*"
                                   r"(\s+[A-Z][\w.&-]*)*\s*(University|College|School|Institute)?|"
                                   r"\b[A-Z][\w.&-]+\s+(University|College|High School)\b"),
    },
}


def applies(org_type: str | None, requested: bool | None) -> bool:
    """Whether blind hiring applies: asked for explicitly, else by the organisation type."""
    if requested is not None:
        return requested
    return (org_type or "").strip().lower() in BLIND_ORG_TYPES or (org_type or "").strip() in BLIND_ORG_TYPES


def blind_findings(sentences: tuple[str, ...], language: str) -> list[tuple[str, str]]:
    """(warning key, the sentence) for each sentence that discloses what blind hiring leaves out."""
    found: list[tuple[str, str]] = []
    for sentence in sentences:
        for key, pattern in PATTERNS[language].items():
            if pattern.search(sentence):
                found.append((key, sentence))
                break
    return found
