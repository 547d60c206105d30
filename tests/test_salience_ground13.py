"""What a listener hears as stressed, on wordings of no situations file: a clock time is no part of the name after it,
a verb made a noun by -기 stays inside its compound, the source of a happening, a yardstick passed, an announced
problem, an improvement claimed, a compound's head said again, straight quotes, and an English list."""
from __future__ import annotations

from interview.salience import most_salient, salient_phrases


def _texts(answer: str, language: str = "ko") -> list[str]:
    return [p.text for p in salient_phrases(answer, language)]


def test_a_clock_time_is_no_part_of_the_name_after_it() -> None:
    for answer in ("오후 두 시쯤 ERP에 접속이 끊겨서 전산팀에 바로 연락했어요.", "오후 2시쯤 ERP에 접속이 끊겼어요."):
        texts = _texts(answer)
        assert "ERP" in texts
        assert not any("시쯤" in t for t in texts)


def test_a_verb_made_a_noun_stays_inside_its_compound() -> None:
    assert "어린이 책 읽기 모임" in _texts("구립 도서관에서 어린이 책 읽기 모임을 맡았어요.")


def test_where_a_happening_started_is_the_source_not_the_scene() -> None:
    answer = "새벽에 창고 쪽에서 타는 냄새가 나서 소화기를 들고 갔어요. 다행히 전기 난로에서 난 거라서 금방 껐습니다."
    assert most_salient(answer, "ko", count=1)[0] == "전기 난로"


def test_a_compound_said_again_by_its_head_is_named_in_full() -> None:
    answer = "첫 배포 때 결제 모듈에서 자꾸 이중결제가 났어요. 하루에 열 건씩 결제가 두 번 되더라고요. 로그를 다 뒤져 봤어요."
    assert most_salient(answer, "ko", count=1) == ["이중결제"]
    assert "결제" not in _texts(answer)


def test_what_went_over_a_yardstick_outranks_the_yardstick() -> None:
    texts = _texts("제가 있던 공장이 작년에 폐수 농도가 배출 기준을 넘어서 과태료를 냈어요.")
    assert texts.index("폐수 농도") < texts.index("배출 기준")


def test_the_problem_announced_with_munjeneun_is_the_news() -> None:
    answer = ("주문이 갑자기 두 배로 늘었어요. 그래서 제가 다른 제품 일정을 밀고 포장 라인을 2교대로 돌렸습니다. "
              "문제는 야간 포장 인력 구하는 거였는데, 그게 제일 힘들었어요.")
    assert most_salient(answer, "ko", count=1) == ["야간 포장 인력"]


def test_an_improvement_is_named_and_an_act_that_failed_is_not() -> None:
    answer = "한 반에 서른 명이 넘으면 실습이 안 되더라고요. 그래서 반을 나눴고, 그다음부터 출석률이 확 올랐어요."
    assert most_salient(answer, "ko", count=1) == ["출석률"]


def test_straight_quotes_name_a_phrase_and_a_person_word_inside_it_is_no_person() -> None:
    answer = "동아리에서 '부모님 초청 음악회'를 기획했어요. 관객이 두 배로 왔어요."
    assert most_salient(answer, "ko", count=1) == ["부모님 초청 음악회"]


def test_a_word_that_starts_a_longer_word_does_not_hide_it() -> None:
    texts = _texts("예전 양식 신청서로 신청을 받은 학생이 세 명 있었어요.")
    assert any("신청서" in t for t in texts)


def test_an_english_list_names_each_of_its_things() -> None:
    texts = _texts("So, Texas, I-10, August. The heat was brutal and the reefer quit on me.", "en")
    assert not any("," in t for t in texts)
    assert "Texas" in texts
