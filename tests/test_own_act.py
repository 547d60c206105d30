"""The candidate's own act said back (interview/own_act.py) and the follow-up built around it. The wordings here are
written for these tests (no situations file holds them)."""
from __future__ import annotations

import pytest

from interview.own_act import said_back
from interview.text import sentences
from llm.base import ChatTurn, InterviewContext, Message
from interview.scripted import ScriptedInterviewer


def _said(answer: str, language: str) -> str | None:
    return said_back(sentences(answer, language), language)


@pytest.mark.parametrize(("answer", "act"), [
    # the last act before the outcome, the opening "그래서", the filler and "제가" left out, the verb made honorific
    ("음, 재고가 자꾸 비었어요. 그래서 제가 배송 요일을 화요일로 옮겼고, 그 뒤로는 결품이 줄었어요.",
     "배송 요일을 화요일로 옮기셨다고"),
    # an act chained by -고 goes with the act it leads to
    ("그래서 반품 사유 데이터를 보고 포장 규격을 다시 정했어요.", "반품 사유 데이터를 보고 포장 규격을 다시 정하셨다고"),
    # the act the candidate stressed, not the last one
    ("제가 당직 약사한테 먼저 전화했어요, 그게 제일 중요하다고 봤거든요. 그리고 보호자분께 상황을 설명했어요.",
     "당직 약사한테 먼저 전화하셨다고"),
    # a causative inside the act ("-게 바꿨고") stays one act
    ("제가 온도를 교대마다 적게 바꿨고 불량이 반으로 줄었습니다.", "온도를 교대마다 적게 바꾸셨다고"),
    # an act told as a cleft ("제가 한 건 … 드린 거예요"), and one that trails off into the next sentence
    ("손님이 많이 화나셨어요. 제가 한 건 영수증을 하나씩 같이 맞춰 드린 거예요.", "영수증을 하나씩 같이 맞춰 드리셨다고"),
    ("재고 위치를 바꿔서… 음, 출고가 빨라졌어요.", "재고 위치를 바꾸셨다고"),
    # the change that stayed is said back in the present
    ("한 번 수량을 잘못 적었어요. 그 뒤로는 입고 수량을 꼭 두 번 셉니다.", "그 뒤로는 입고 수량을 꼭 두 번 세신다고"),
    # a particle left by the clause before ("확정되고 나서+는") is no word of the act
    ("일정이 확정되고 나서는 참석자 명단을 한 번 더 보냈어요.", "참석자 명단을 한 번 더 보내셨다고"),
    # the act set against its foil ("…하는 대신에", "…하지 않고") is the one stressed, said back without the foil
    ("제가 주문서를 다시 정리했어요. 그리고 그냥 재고를 더 쌓는 대신에 납품 주기를 이틀로 줄였어요. 다들 좋아했어요.",
     "납품 주기를 이틀로 줄이셨다고"),
    # what did not happen is no act: the act is the one done
    ("그래서 샘플을 두 통에 나눠서 보관했고요, 덕분에 실험을 멈추지 않고 끝냈어요.", "샘플을 두 통에 나누셨다고"),
    # the act the candidate did with their own hands ("직접") rather than the last one told
    ("제가 협력사에 메일을 보냈어요. 퇴근 전에 재고 기록을 직접 다시 맞췄어요. 그리고 팀장님께 보고서를 올렸습니다.",
     "퇴근 전에 재고 기록을 직접 다시 맞추셨다고"),
    # a search that led to the finding is an act ("돌려 보니까 …"); a plain look ("장부를 보니까") is none
    ("제가 주문 로그를 시간대별로 다시 돌려 보니까 새벽에만 중복 결제가 몰려 있었어요.", "주문 로그를 시간대별로 다시 돌려 보셨다고"),
    ("제가 장부를 보니까 금액이 달랐어요. 그래서 담당자께 차이를 알려 드렸어요.", "담당자께 차이를 알려 드리셨다고"),
    # the means chained by -어서 goes with the act it led to: the handing over alone says nothing of what was done
    ("그래서 제가 교대 인수인계 양식을 한 장으로 만들어서 조장님께 드렸어요.", "교대 인수인계 양식을 한 장으로 만들어서 조장님께 드리셨다고"),
    # a reason told with -어서 is no act, so nothing goes with the act
    ("시간이 없어서 제가 견적서를 먼저 보냈어요.", "견적서를 먼저 보내셨다고"),
    # the act set against its foil with "-기보다는" is the one stressed, and goes with the act it led to
    ("처음엔 다들 환불하자고 했어요. 저는 바로 환불하기보다는, 영수증을 같이 맞춰 봐서 빠진 품목을 찾아 드렸어요. "
     "그리고 점장님께 보고했어요.", "영수증을 같이 맞춰 봐서 빠진 품목을 찾아 드리셨다고"),
    # a stress remark that prefaces the act ("…핵심이었는데, …") stresses the act it leads to, not the one before
    ("그래서 제가 먼저 재고표를 다시 정리했어요. 결국 동선이 핵심이었는데, 계산대를 입구 쪽으로 옮겼어요.",
     "계산대를 입구 쪽으로 옮기셨다고"),
    # a try told with the retrospective "-더라고요" is an act of the story, not a routine in the present
    ("그래서 제가 배터리 전압을 찍어 보니까 계속 떨어지고 있더라고요.", "배터리 전압을 찍어 보셨다고"),
    # telling an office ("상황실에 알리고") is an act like telling a person, and goes with the act it is chained to
    ("들어가지 않고 무전으로 관제실에 먼저 알리고 출입문 영상을 확인해 달라고 했어요.",
     "무전으로 관제실에 먼저 알리고 출입문 영상을 확인해 달라고 하셨다고"),
    # by default the last act done, not a report of it that came after ("…말씀드렸고요")
    ("제가 바로 차를 세우고 냉장고 전원을 다시 켰어요. 그리고 거래처에 먼저 전화해서 상황 말씀드렸고요.",
     "차를 세우고 냉장고 전원을 다시 켜셨다고"),
    # a change kept since may begin inside the sentence, and is said back as it stayed
    ("제가 바로 창고 위치를 옮겼고, 그 뒤로는 납품 전에 온도를 적는 표를 따로 만들어서 씁니다.",
     "그 뒤로는 납품 전에 온도를 적는 표를 따로 만드신다고"),
])
def test_a_korean_act_is_said_back_in_the_interviewers_words(answer: str, act: str) -> None:
    assert _said(answer, "ko") == act


@pytest.mark.parametrize("answer", [
    "고객이 환불을 요구했어요. 결국 팀장님이 처리하셨어요.",  # an honoured other acts
    "바이어는 단가를 낮췄어요.",  # a topic beside an object: the buyer acted
    "그날 와이프한테 많이 혼났어요.",  # done to the candidate, not by them
    "그걸 바꿨어요.",  # a pronoun names nothing to say back
    "그 일을 하고 싶었어요.",  # a wish is no act
    "처음엔 잘 몰랐어요. 시간이 많이 걸렸어요.",
    "저는 출근하면 냉장 온도를 꼭 봅니다.",  # a routine in the present, not an act of the story
    "그날 와이프가 아파서 제가 죽을 끓였어요.",  # private life beside the work
])
def test_no_korean_act_when_the_candidate_did_nothing_to_anything(answer: str) -> None:
    assert _said(answer, "ko") is None


@pytest.mark.parametrize(("answer", "act"), [
    # the last act, with the act told in the clause right before it when both fit in one saying
    ("The vendor changed the format halfway. I rewrote the parser, and, um, I made the team log every rejected row.",
     "you rewrote the parser and made the team log every rejected row"),
    ("So I held the lift for the porter and walked the family to the ward.",
     "you held the lift for the porter and walked the family to the ward"),
    # …but alone when the two together are too long to say back, or the act before came in another sentence
    ("I phoned every single supplier on the approved list that we had used over the last two years, and I "
     "booked a van.", "you booked a van"),
    ("I rewrote the parser. Then I made the team log every rejected row.", "you made the team log every rejected row"),
    # the candidate starting again ("I, um, I …") gathers themselves for the act that matters, said back with the
    # act told in the same breath after it
    ("The gate kept jamming. So I, um, I rebuilt the latch and oiled the hinges, and then I emailed the council "
     "about it.", "you rebuilt the latch and oiled the hinges"),
    ("So I, uh, I cut a spare key. Then I called the owner and wrote up the incident.", "you cut a spare key"),
    # a cleft told without its "was" ("So what I did, I …") stresses the act after it
    ("So what I did, I rang the supplier's night line. Then I moved the order to Friday and emailed the client.",
     "you rang the supplier's night line"),
    # a hedge before the verb ("kind of") is no part of the act
    ("Two of us were off sick, so I kind of shared out the rounds myself and then I told the ward manager.",
     "you shared out the rounds yourself"),
    # a verb whose past reads as its base ("split", "shut") is an act in a story
    ("The queue was out the door, so I split the night shift into two teams.", "you split the night shift into two teams"),
    # a second verb of the same request goes with it ("asked him to be my helper and turn the pages")
    ("So I asked the new lad to hold the ladder and pass me the tape, and the sign went up in ten minutes.",
     "you asked the new lad to hold the ladder and pass you the tape"),
    # an Irish "em" is a hesitation like "um", not a word of the act
    ("What I did was, I, em, held the ushers at their doors. Everyone was out in six minutes.",
     "you held the ushers at their doors"),
    # a series that "I" began; the remark "the trick I always use" stresses the act after it
    ("I walked over, had a quick chat and, the trick I always use, offered them the quiet room. Done in a minute.",
     "you offered them the quiet room"),
    # the act is cut before what it was for; our → your
    ("I also moved our stand-up to nine so the night shift could join.", "you moved your stand-up to nine"),
    # after "but", and "got" with what it acts on
    ("Everyone blamed the valve, but I pulled the pump logs and it was the seal.", "you pulled the pump logs"),
    ("I got the night crew to re-stack the cold room.", "you got the night crew to re-stack the cold room"),
    # "showed him that …": the shown clause is cut, leaving a person only, so the act before it is said back
    ("I pulled the sales history, showed him that the bigger pack sold better, and he agreed.",
     "you pulled the sales history"),
    # an act on "it" goes on from the act before it and is said with it; a colon ends the act
    ("I made a checklist by shift and taped it above the sink.",
     "you made a checklist by shift and taped it above the sink"),
    ("There was a spill by the till. I put a sign out and mopped it up myself before we opened.",
     "you put a sign out and mopped it up yourself"),
    # "used" with an object is an act ("used to" is a habit); a cleft announces the act that mattered
    ("I used to do the till on Saturdays. One day the scanner died, so I used the spare one to clear the queue.",
     "you used the spare one to clear the queue"),
    ("I asked the driver to wait. What actually worked was I let the kid press the bell himself. He stopped crying.",
     "you let the kid press the bell himself"),
    ("Honestly, what I did was get the landlord on the phone with the plumber, and I kept notes.",
     "you got the landlord on the phone with the plumber"),
    ("I turned Monday into a 'no-meeting morning': nobody books anything.", "you turned Monday into a 'no-meeting morning'"),
    # the candidate starting again ("I, uh, I …")
    ("The old rota was a mess. I, uh, I mapped every shift on one sheet with the manager first.",
     "you mapped every shift on one sheet with the manager first"),
    # the act the candidate set against the default ("I didn't just …, I …")
    ("The printer jammed an hour before the launch. I didn't just call support, I drove the files to a copy shop "
     "across town. We opened on time.", "you drove the files to a copy shop across town"),
    # the act done with the candidate's own hands ("myself"), not the last one told
    ("I emailed the supplier, I checked the delivery notes myself, and I sent the manager a summary.",
     "you checked the delivery notes yourself"),
    # a clause of circumstance after an infinitive is no second verb of it
    ("The driver kept waving me on, so I refused to lift the box, even though he was shouting at me.",
     "you refused to lift the box"),
    # "did" with what was done ("did the stock count", "did a walk of every aisle") is an act
    ("The till was out by forty pounds, so I stayed late and did the stock count myself with the shift lead.",
     "you did the stock count yourself with the shift lead"),
])
def test_an_english_act_is_said_back_in_the_second_person(answer: str, act: str) -> None:
    assert _said(answer, "en") == act


@pytest.mark.parametrize("answer", [
    "The client was angry. He asked for a refund.",  # someone else acts
    "I felt the schedule slipping and I thought about it for a week.",  # a feeling and a thought
    "I dug in.",  # nothing acted on
    "I changed it.",  # a pronoun only
    "I started to panic and I got really worried.",  # "started" leading to a verb, "got" to a state
    "I did not panic and I did what I could.",  # "did" as a negation, or with nothing named
    "The guest was furious, so I did my best to calm him down.",  # "did" with no deed named
    "It was my son's game, so I watched it from the car park.",  # private life beside the work
])
def test_no_english_act_when_the_candidate_did_nothing_to_anything(answer: str) -> None:
    assert _said(answer, "en") is None


def _follow_up(question: str, answer: str, language: str) -> str:
    context = InterviewContext(company_name="한빛물류" if language == "ko" else "Northway Freight",
                               job_name="운영 관리" if language == "ko" else "Operations Lead", language=language)
    start = "면접 시작하겠습니다." if language == "ko" else "Let's begin."
    history = (Message("user", start), Message("assistant", question))
    return ScriptedInterviewer().reply(ChatTurn(answer, history, context))


def test_the_follow_up_says_back_what_the_candidate_did_and_asks_about_it() -> None:
    reply = _follow_up("현장에서 문제가 생겼을 때 해결했던 경험을 말씀해 주세요.",
                       "작년 겨울에 지게차 배터리가 자주 방전됐어요. 그래서 제가 충전 순번표를 만들어서 교대마다 돌렸고, 그 뒤로는 "
                       "방전이 거의 없었어요.", "ko")
    assert "충전 순번표를 만드셨다고 하셨는데," in reply  # "만들어서 … 돌렸고": the act with its object
    assert reply.endswith("?") and reply.count("?") == 1


def test_an_english_follow_up_says_back_the_act() -> None:
    reply = _follow_up("Tell me about a time a shipment went wrong.",
                       "A pallet of vaccines sat on the dock for an hour. I moved it into the chiller myself, and then "
                       "I rewrote the dock checklist so it couldn't happen again.", "en")
    assert "You said you rewrote the dock checklist." in reply
    assert reply.endswith("?") and reply.count("?") == 1


def test_an_act_said_back_is_not_named_twice_by_the_acknowledgement() -> None:
    reply = _follow_up("협업 과정에서 문제가 생겼을 때 해결했던 경험을 말씀해 주세요.",
                       "동아리 프로젝트에서 회의록 템플릿을 도입했습니다.", "ko")
    assert "회의록 템플릿을 도입하셨다고 하셨는데," in reply
    assert reply.count("동아리 프로젝트") <= 1
