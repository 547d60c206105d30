"""Which detail a follow-up names when the candidate's own decisive act carries the story (interview/salience*.py):
the first object after "그래서 제가…" / "그걸 근거로" (unless the candidate says themselves what mattered), the thing
after a sentence-opening "So I …" (not the "So we had …" that starts an answer), a bare verb after "let him", and the
first thing after a superlative cleft with 게 ("제일 까다로웠던 게 …"), not a manner said on the way ("지역별로").
Every wording here is new (in no situations file)."""
from __future__ import annotations

import pytest

from interview.salience import most_salient


@pytest.mark.parametrize(("answer", "language", "named"), [
    # the candidate's answer to a disagreement, after "그래서 제가…" with an ellipsis
    ("매장 쪽은 포스터를 크게 붙이자고 했고 저희는 진열대를 바꾸자고 했어요. 그래서 제가… 고객 인터뷰를 서른 명 해서 "
     "진열대 쪽 반응이 더 좋다는 걸 보여 드렸고, 결국 진열대를 바꿨습니다.", "ko", "고객 인터뷰"),
    # the same response trailing off in three dots, which ends a sentence of its own
    ("팀장님은 기존 거래처를 늘리자고 했고 저는 신규 업종을 뚫자고 했어요. 그래서 저는... 업종별 문의 기록을 석 달 치 "
     "뽑아서 보여 드렸고, 결국 둘 다 하기로 했어요.", "ko", "업종별 문의 기록"),
    # acting on what was found: "그걸 근거로 X를 제안했고"
    ("창고 직원분들이 주말 근무에 불만이 많았어요. 제가 출근 기록을 받아서 비교해 보니까 신입한테만 주말이 몰려 있더라고요. "
     "그걸 근거로 격주 당번표를 제안했고, 두 달 뒤에 퇴사자가 줄었습니다.", "ko", "격주 당번표"),
    # "So I" opening a later sentence, with a filler, and a bare verb after "let her"
    ("The toddler refused the nebuliser and his dad was getting upset. So I, um, let her hold the stopwatch and "
     "time her own breathing while the nurse waited. It worked.", "en", "stopwatch"),
    # a superlative cleft with 게, written with a space
    ("주택 현장이었는데요, 누수 민원이 서른 건 넘게 들어왔어요. 그중에 제일 까다로웠던 게 지하 주차장 배수였는데, 거긴 "
     "바닥을 못 뜯으니까 관리소랑 매주 점검 일정을 잡아서 배수 펌프를 다 교체했습니다.", "ko", "지하 주차장 배수"),
    # the first thing after a superlative cleft is what was done, not the manner before it
    ("메일을 500곳에 보냈는데 답장은 30곳 정도였어요. 제일 반응 좋았던 건 지역별로 날씨 데이터를 붙여서 보낸 거였어요.",
     "ko", "날씨 데이터"),
])
def test_the_decisive_detail_is_named_first(answer: str, language: str, named: str) -> None:
    assert most_salient(answer, language)[0] == named


def test_a_verdict_of_the_candidate_outranks_the_inferred_decisive_act() -> None:
    # "…이 결정적이었어요" names what mattered: the object after "그래서 제가" gains nothing over it
    answer = ("인턴 때 포장 라인에서 박스 터짐이 자꾸 났어요. 그래서 제가 불량 기록을 정리해서 테이프 규격을 봤더니 "
              "한 업체 것만 얇더라고요. 그 테이프 규격을 찾아낸 게 결정적이었어요.")
    assert most_salient(answer, "ko")[0] != "불량 기록"


def test_so_opening_an_answer_is_no_turn() -> None:
    # "So we had …" starts the telling; the later move is what the story turns on
    answer = ("So we had a bride whose flowers were left at the wrong venue. I couldn't get them back in time, but I "
              "bought a dozen peonies from the market stall next door and rebuilt the bouquet myself.")
    assert "bride" not in most_salient(answer, "en")[0]


@pytest.mark.parametrize("answer", ["So I let him hold the torch while I checked the fuse box.",
                                    "So I had them sign the form before we left."])
def test_a_bare_verb_after_a_causative_and_a_person_is_no_thing(answer: str) -> None:
    named = most_salient(answer, "en", count=3)
    assert "hold" not in named and "sign" not in named
