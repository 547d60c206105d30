"""Which member of a panel speaks the next reply: the one decision every client follows (issue 27).

The member a question belongs to answers it: when the candidate asks something, the member whose remit the
question is about speaks (HR: pay, conditions, culture, the process; the team lead: the job and its technology; the
executive: results and goals); otherwise the members take turns. The main questions each member asks are kept to
their remit by `interview.topics.next_main`.
"""
from __future__ import annotations

from collections.abc import Sequence

from interview.cues import has
from interview.reading import AnswerKind, intent_of, read_answer

# What a candidate's question is about → whose remit it is (checked in this order).
REMIT_CUES: dict[str, dict[str, tuple[str, ...]]] = {
    "hr": {"ko": ("연봉", "급여", "월급", "처우", "복지", "성과급", "야근", "근무시간", "재택", "출근", "휴가", "문화",
                  "분위기", "합격", "결과발표", "다음전형", "채용절차", "온보딩", "교육"),
           "en": ("salary", "pay", "compensation", "benefits", "bonus", "remote", "hybrid", "working hours",
                  "overtime", "vacation", "culture", "next step", "next steps", "hear back", "hiring process",
                  "onboarding", "training")},
    "job": {"ko": ("기술스택", "스택", "업무", "어떤일", "프로젝트", "팀구성", "팀은", "개발환경", "코드리뷰", "배포",
                   "기술"),
            "en": ("tech stack", "stack", "day to day", "the team", "team like", "project", "projects",
                   "code review", "deploy", "technology", "tools")},
    "executive": {"ko": ("성과", "평가", "목표", "실적", "비전", "전략", "사업"),
                  "en": ("performance", "evaluated", "evaluation", "targets", "goals", "strategy", "vision",
                         "business")},
}


def remit_of_question(message: str, language: str) -> str | None:
    """The remit a candidate's question to the interviewers belongs to; None when it is no such question."""
    language = language if language in ("ko", "en") else "ko"
    reading = read_answer(message, intent_of("", language), language)
    if reading.kind is not AnswerKind.QUESTION and not message.rstrip().endswith("?"):
        return None
    return next((remit for remit, cues in REMIT_CUES.items() if has(message, cues[language], language)), None)


def panel_speaker(remits: Sequence[str], message: str, replies: int, language: str) -> int:
    """The index of the member who speaks after `replies` interviewer replies: the member whose remit the
    candidate's question is about, else the next in turn."""
    in_turn = replies % len(remits)
    if replies == 0 or not message.strip():
        return in_turn
    remit = remit_of_question(message, language)
    return next((i for i, r in enumerate(remits) if remit is not None and r == remit), in_turn)
