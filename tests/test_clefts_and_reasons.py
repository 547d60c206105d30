"""What the candidate stresses with a cleft (a Korean superlative "제가 제일 먼저 한 건 …", an English pseudo-cleft after
a discourse lead-in, "the root cause was X"), and a spoken reason ending ("…있으니까요") that asks nothing
(interview/salience_frames.py, interview/salience_en.py, interview/structure.py)."""
from __future__ import annotations

import pytest

from interview import structure
from interview.salience import most_salient, salient_phrases


@pytest.mark.parametrize(("answer", "language", "stressed", "not_first"), [
    ("창고 바닥에 기름이 새서 지게차가 미끄러졌어요. 제가 제일 먼저 한 건 흡착포로 구역을 막은 거예요.", "ko",
     "흡착포", "지게차"),
    ("신규 매장 오픈 때 재고가 모자랐어요. 근데 제일 힘들었던 건 알바생들 교육이었어요.", "ko", "교육", "재고"),
    ("We moved the payroll batch to nightly runs. But honestly the part I'm proudest of is the audit trail.", "en",
     "audit trail", "payroll batch"),
    # a regret said in the present points back at what it regrets ("그게 아쉬워요")
    ("제가 이탈 분석을 맡았는데 재구매 고객이 줄고 있었어요. 근데 솔직히 설문 응답이 너무 적어서 해석이 애매했어요. "
     "그게 아쉬워요.", "ko", "설문 응답", "이탈 분석"),
    ("The oven kept tripping, and it turned out the root cause was a cracked thermostat.", "en",
     "cracked thermostat", "root cause"),
])
def test_a_cleft_stresses_what_it_puts_after_it(answer: str, language: str, stressed: str, not_first: str) -> None:
    first = most_salient(answer, language, 1)
    assert first and stressed in first[0], salient_phrases(answer, language)
    assert not_first not in first[0]


def test_a_spoken_reason_ending_asks_nothing_but_a_real_question_does() -> None:
    assert not structure.shape("다들 오래 쓰던 양식이 있으니까요.", "ko").question
    assert not structure.shape("그게 제일 급하니까요.", "ko").question
    assert structure.shape("야간 근무도 있습니까?", "ko").question
    assert structure.shape("교육은 언제 시작할까요", "ko").question
