"""The one panel-speaker decision (interview/panel.py): the member a candidate's question belongs to, else in turn."""
from __future__ import annotations

import pytest

from interview.panel import panel_speaker, remit_of_question

REMITS = ("hr", "job", "executive")


@pytest.mark.parametrize(("message", "language", "remit"), [
    ("혹시 연봉은 어떻게 되나요?", "ko", "hr"),
    ("회사 분위기나 문화는 어떤가요?", "ko", "hr"),
    ("이 팀은 어떤 기술 스택을 쓰나요?", "ko", "job"),
    ("입사하면 성과는 어떻게 평가하나요?", "ko", "executive"),
    ("What is the salary range for this role?", "en", "hr"),
    ("What does the tech stack look like?", "en", "job"),
    ("How is performance evaluated here?", "en", "executive"),
    ("저는 결제 시스템의 응답 시간을 30% 줄였습니다.", "ko", None),  # an answer, not a question
    ("I led the migration to Kafka and cut the lag by half.", "en", None),
])
def test_the_remit_of_a_candidates_question(message: str, language: str, remit: str | None) -> None:
    assert remit_of_question(message, language) == remit


def test_the_member_whose_remit_it_is_speaks_else_the_next_in_turn() -> None:
    assert [panel_speaker(REMITS, "네, 말씀드리겠습니다.", n, "ko") for n in range(4)] == [0, 1, 2, 0]
    assert panel_speaker(REMITS, "연봉은 어떻게 되나요?", 4, "ko") == 0
    assert panel_speaker(REMITS, "팀은 어떤 기술 스택을 쓰나요?", 3, "ko") == 1
    assert panel_speaker(("hr", "job"), "성과는 어떻게 평가하나요?", 3, "ko") == 1  # no executive: in turn
    assert panel_speaker(REMITS, "연봉은요?", 0, "ko") == 0  # the opening is always the first member's
