"""Which detail a Korean follow-up names (interview/salience*.py), second round: a new label for the candidate's
own act that points back, a verbless closing line naming what they meant, the coda of their own practice, an act
harder than another, a proposal made a modifier, and the side left out against "X만". Every wording here is new
(in no situations file)."""
from __future__ import annotations

import pytest

from interview.salience import most_salient


@pytest.mark.parametrize(("answer", "named", "places"), [
    # "그 X 찾은 게 제일 컸어요", X said here first: the label points at the last clause before it
    ("물류 창고에서 출고 지연이 잦았어요. 제가 작업 로그를 두 주치 훑어봤더니, 음… 희한하게 점심 교대 직전에만 "
     "지연이 몰리더라고요. 그 흐름 잡아낸 게 제일 컸어요.", "점심 교대 직전", 2),
    # the coda of the candidate's own practice, told in the present with no subject of its own
    ("납품 전날 도면 치수가 하나 틀린 걸 늦게 발견했어요. 밤새 다시 그려서 겨우 맞췄습니다. "
     "그 뒤로는 항상 치수표 먼저 봅니다.", "치수표", 2),
    # a verbless closing line that only names what the candidate meant ("그 X이요.")
    ("현장에서 비계 발판이 하나 헐거운 걸 봤어요. 그래서 제가 그날 작업을 멈추자고 팀장님께 말씀드렸습니다. "
     "좀 눈치는 보였어요. 그 발판 교체 요청이요.", "발판 교체 요청", 1),
    # the coda again, its verb a noun with 하다 ("먼저 확인합니다"), named before the story's problem
    ("배송 주소가 잘못 들어가서 고객 항의를 크게 받았어요. 제가 직접 사과 전화를 드렸고요. 그 뒤로는 무조건 주문서 "
     "원본 먼저 확인합니다.", "주문서 원본", 1),
    # an act the candidate found harder than another ("X보다 Y … 게 훨씬 어려웠어요"): Y, never X
    ("응급실로 고양이가 들어왔는데 탈수가 심했어요. 수액 잡는 것도 힘들었지만 솔직히 고양이보다 주인분 설득하는 게 "
     "훨씬 어려웠어요. 입원을 계속 거부하셨거든요.", "주인분", 1),
    # a proposal made a modifier ("X로 돌리자는 판단"): what the candidate switched to is the fix
    ("라디오 생방송 중에 메인 송출기가 갑자기 멈췄어요. 그때 예비 송출기로 돌리자는 판단을 제가 했습니다. "
     "선배는 외근 중이었어요. 나중에 보니 전원부 과열이었어요.", "예비 송출기", 1),
    # a person whose refusal the story turns on ("…님이 … 못 오신다고") is named, not only who was there
    ("행사 준비할 때였는데, 계약했던 사진작가님이 전날 밤에 갑자기 못 오신다고 하셨어요. 그래서 제가 동아리 선배한테 "
     "카메라를 빌려서 직접 찍었어요. 결과물은 괜찮았습니다.", "계약했던 사진작가님", 1),
    # what the candidate saw others do, a noun with 하다 told with -더- after "보니까", is the finding itself
    ("동아리에서 일정 관리 앱을 만들었어요. 제가 기획을 맡았는데 베타 테스트를 돌려 보니까 회원가입 화면에서 다들 "
     "포기하더라고요. 그래서 가입 절차를 한 단계로 줄였어요.", "포기", 1),
    # the side left out against "X만" is the mistake ("X만 …고 Y은 … 안 했어요")
    ("동아리에서 중고 교재 장터를 열었는데, 판매 가격만 정하고 보관 장소는 확인을 안 했어요. 행사 당일 책이 비에 "
     "다 젖었습니다.", "보관 장소", 1),
])
def test_the_stressed_detail_is_named(answer: str, named: str, places: int) -> None:
    """`named` is among the first `places` things named (two when another stressed thing ties or outranks it)."""
    assert named in most_salient(answer, "ko", 2)[:places]


@pytest.mark.parametrize("answer", [
    # an outcome after "그 뒤로" with its own subject is no practice of the candidate's
    "고객 문의 답변 템플릿을 제가 새로 만들었어요. 그 뒤로 재문의가 절반으로 줄었어요.",
    # a copula after "지금도" says what it still is, an outcome
    "제가 만든 메뉴가 흑당 스콘이었어요. 재료 배합을 한 달 동안 맞췄어요. 지금도 그 가게 대표 메뉴예요.",
])
def test_a_coda_that_reports_an_outcome_is_not_stressed(answer: str) -> None:
    assert "대표 메뉴" not in most_salient(answer, "ko")[:1] and "재문의" not in most_salient(answer, "ko")[:1]


def test_what_it_was_harder_than_is_not_named() -> None:
    answer = ("소아과 주사실에서 아이가 심하게 울었어요. 사실 아이보다 아버님 설득하는 게 훨씬 어려웠어요. "
              "주사를 다음에 맞히겠다고 계속 하셨거든요.")
    named = most_salient(answer, "ko", 2)
    assert named[0] == "아버님" and "아이" not in named


@pytest.mark.parametrize(("answer", "first"), [
    # an item added by "plus" / "as well as" shares the first one's role and is the news
    ("Our packaging supplier offered the usual net-30 terms, and I asked for a longer payment window plus a volume "
     "discount because our orders were steady all year.", "volume discount"),
    ("The landlord wanted a two-year lease, and I got him to agree to one year as well as a free parking space since "
     "we were moving in early.", "free parking space"),
])
def test_the_added_item_is_named_first(answer: str, first: str) -> None:
    assert most_salient(answer, "en")[0] == first
