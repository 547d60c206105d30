"""Which detail a Korean follow-up names (interview/salience*.py): the means of the candidate's own act, what they
proposed or brought in, a count left out of a compound's name, a verdict's own noun, the group they singled out,
what held what was found, the new state rather than the old, and a hedge that is someone else's. Every wording
here is new (in no situations file)."""
from __future__ import annotations

import pytest

from bench.interviewer import embedded, turn_of
from interview.salience import most_salient


@pytest.mark.parametrize(("answer", "named"), [
    # the means of the candidate's own act ("제가 … X로 넘겼어요") is how they did it
    ("밤에 서버 두 대가 동시에 죽었어요. 제가 바로 장애 공지를 올리고, 나머지 복구는 후배한테 런북으로 넘겼어요. "
     "다 살아났고요.", "런북"),
    # the means of what the candidate brought in ("X로 Y를 만들었어요")
    ("저희 가게가 원래 동네 손님 위주였는데, 제가 네이버 플레이스로 예약 페이지를 만들었어요. 사진도 올리고요. "
     "그렇게 해서 신규 손님 매출이 두 달 만에 20% 정도 늘었어요.", "네이버 플레이스"),
    # a verdict that names what it points at in other words ("A/B test … 그 실험이 제일 큰 근거였어요")
    ("결제 화면을 바꿨던 건데요, 제가 A/B test 세 번 하고 나서 버튼 위치를 옮겼어요. 그랬더니 결제 완료율이 "
     "올랐어요. 그 실험이 제일 큰 근거였어요.", "실험"),
    # what held what was found: "알고 보니 X에 Y가 섞여 있었던"
    ("냉각 라인 압력이 자꾸 떨어져서 일주일을 헤맸어요. 알고 보니 보조 탱크에 기름이 섞여 있었던 거예요. 그 뒤로 "
     "점검표를 제가 고쳤습니다.", "보조 탱크"),
])
def test_the_stressed_detail_is_among_the_two_named(answer: str, named: str) -> None:
    assert named in most_salient(answer, "ko", 2)


def test_what_the_candidate_proposed_is_named_first() -> None:
    answer = ("주말마다 반품이 쌓여서 창고 통로가 막혔어요. 그래서 센터장님께 반품 전용 선반을 두자고 해서 들여놨어요. "
              "직원들 불만도 줄었어요.")
    assert most_salient(answer, "ko")[0] == "반품 전용 선반"


def test_a_count_is_left_out_of_the_compound_it_modifies() -> None:
    answer = "처음엔 주민 반대가 심했어요. 제가 5년치 민원 통계를 표로 크게 뽑아서 설명회에 들고 갔더니 분위기가 바뀌었어요."
    assert "민원 통계" in most_salient(answer, "ko", exclude="5년치")
    assert not any("5년치" in t for t in most_salient(answer, "ko", exclude="5년치"))


def test_the_group_singled_out_is_named_once_narrowed() -> None:
    answer = ("점심때 매장에 손님이 한 200명 정도 몰렸는데, 제가 어르신 손님분들께 큰 글씨 메뉴판을 따로 가져다 "
              "드렸습니다. 그게 제일 기억에 남아요.")
    named = most_salient(answer, "ko", 3)
    assert named[0] == "어르신 손님분들"
    assert "손님" not in named  # never the pair "손님, 어르신 손님분들"


def test_the_old_state_of_a_change_gives_way_to_the_outcome() -> None:
    answer = ("신청 창구 얘기인데요, 원래는 종이 신청서 위주였던 걸 제가 QR 접수로 바꿨어요. 음, 처리 건수가 하루 80건에서 "
              "150건 넘게 올라갔습니다.")
    named = most_salient(answer, "ko", 3)
    assert "처리 건수" in named and "종이 신청서 위주" not in named


def test_someone_elses_sloppiness_is_no_admitted_weakness() -> None:
    answer = ("주말에 동생이 숙제하는 걸 봤는데 너무 대충 하길래 웃겼던 게 계기였어요. 그래서 수업 때 아이들한테 체크 "
              "스티커로 빠진 문제를 직접 표시해 줬거든요. 그 뒤로 숙제 제출률이 다시 올라갔어요.")
    assert "동생" not in most_salient(answer, "ko", 2)


def test_a_figures_follow_up_still_acknowledges_what_was_brought_in() -> None:
    situation = {
        "language": "ko", "context": {"company_name": "한빛물류", "job_name": "출고 관리자"}, "flags": {},
        "history": [["user", "시작할게요."], ["assistant", "한빛물류 출고 관리자 면접입니다. 자기소개 해 주세요."],
                    ["user", "택배 터미널에서 주간 관리자로 2년 일했습니다."],
                    ["assistant", "출고 현장에서 배송 오류를 줄였던 경험이 있으면 말씀해 주세요."]],
        "answer": "네, 포장대 옆에 무게 재검수 단계를 하나 더 만들었어요. 처음엔 출고 속도 떨어진다고 반대가 많았는데, 두 달 "
                  "해 보니 배송 오류가 하루 30건에서 4건으로 줄었고 속도도 금방 돌아왔습니다.",
    }
    reply = embedded()(turn_of(situation))
    assert "재검수" in reply and reply.endswith("?")


def test_what_the_candidate_put_in_place_of_what_was_lost_is_named() -> None:
    answer = ("행사 전날 강당 배관이 터져서 강당을 못 쓰게 됐어요. 그래서 제가 옆 건물 체육관을 빌려서, 좌석 배치를 현장에서 "
              "다시 짰어요. 참석률은 오히려 더 좋았습니다.")
    assert "옆 건물 체육관" in most_salient(answer, "ko", 2)


def test_the_state_that_singles_a_person_out_is_part_of_their_name() -> None:
    answer = ("주말 야간에 편의점에서 일할 때였는데요, 한번은 흥분하신 손님이 환불을 안 해 준다고 계속 소리를 지르셨어요. "
              "일단 자리에 앉으시라고 하고 점장님께 전화해서 같이 정리했어요.")
    named = most_salient(answer, "ko", 3)
    assert "흥분하신 손님" in named and "손님" not in named
