"""Korean names as the candidate wrote them: a prefix the analyser splits off stays with its noun, a figure's
measured thing is read within its own clause, and weight words ("정말 컸어요") stress their subject."""
from __future__ import annotations

import pytest

from interview.measured import how_often, measured_thing
from interview.salience import most_salient


@pytest.mark.parametrize(("answer", "name"), [
    ("매장 정리를 바꾸고 나서 재입고율이 눈에 띄게 내려갔어요.", "재입고율"),  # 재/XPN 입고율
    ("신입 때 비정규직 근로계약서를 제가 전부 다시 검토했어요.", "비정규직 근로계약서"),
])
def test_a_prefix_split_off_by_the_analyser_stays_with_its_noun(answer: str, name: str) -> None:
    assert any(name in phrase for phrase in most_salient(answer, "ko", count=3))


@pytest.mark.parametrize(("sentence", "number", "thing"), [
    ("그렇게 바꾸고 나서 반품률이 한 달에 12%에서 4%로 줄었어요.", "4%", "반품률"),  # 에서 is no clause break
    ("현장 점검을 나가 보니 재작업률이 7%까지 올라가 있더라고요.", "7%", "재작업률"),
    ("창고를 옮기고, 출고 시간이 3시간에서 50분으로 줄었습니다.", "50분", "출고 시간"),
])
def test_a_figure_is_named_with_what_it_measured_within_its_clause(sentence: str, number: str, thing: str) -> None:
    assert measured_thing((sentence,), number, "ko") == thing


def test_what_weighed_heavily_is_stressed_and_relief_names_nothing() -> None:
    answer = ("지점 두 곳을 합치는 일이었어요. 일정은 넉넉했는데 고객 이탈 우려가 정말 컸어요. 그래서 제가 단골 명단을 "
              "먼저 정리했고, 결국 큰 이탈 없이 끝난 게 다행이었어요.")
    named = most_salient(answer, "ko", count=2)
    assert any("이탈 우려" in phrase for phrase in named)
    assert not any("다행" in phrase for phrase in most_salient(answer, "ko", count=5))


@pytest.mark.parametrize(("sentence", "number", "language", "often"), [
    ("We ran drills twice, then four times a week before the audit.", "four times", "en", True),
    ("Complaints fell by three times after the change.", "three times", "en", False),
    ("야간에는 주 4회 순찰을 돌았습니다.", "4회", "ko", True),
    ("재발이 두 달 만에 2회로 줄었어요.", "2회", "ko", False),
])
def test_a_count_per_week_is_a_routine_not_an_outcome(sentence: str, number: str, language: str, often: bool) -> None:
    assert how_often((sentence,), number, language) is often


def test_an_amount_per_period_stays_an_outcome() -> None:
    assert not how_often(("불량이 월 0.8% 정도 나왔어요.",), "0.8%", "ko")
    assert not how_often(("We cut it to 150 tickets a day.",), "150 tickets", "en")
