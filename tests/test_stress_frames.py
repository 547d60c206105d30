"""The sealed6 failure classes (written anew, not the set's items): a follow-up names what the candidate stressed
(a verdict pointing back, "X was the scary part", a pseudo-cleft, an admitted weakness), keeps a compound whose first
noun Kiwi split off whole, never names a bare quantity or a figure without its unit; a pet or an early send is an
interruption; a question put again carries the sentence that sets its scene."""
from __future__ import annotations

import pytest

from interview.measured import measured_thing
from interview.policy import Move, decide
from interview.salience import most_salient, salient_phrases
from interview.scenes import with_scene
from interview.structure import numbers
from interview.text import sentences
from llm.base import ChatTurn, InterviewContext, Message

KO = InterviewContext(company_name="한국전력", job_name="배전 운영", total_questions=5, language="ko")
EN = InterviewContext(company_name="Ocado", job_name="Warehouse Team Leader", total_questions=5, language="en")


@pytest.mark.parametrize(("answer", "language", "first"), [
    # "그게 제일 …" points back at the previous sentence's last clause, its first thing
    ("재고 조사 때 라벨이 자꾸 틀렸어요. 그래서 제가 바코드 스캐너를 도입하자고 팀장님께 말씀드렸어요. 그랬더니 반품이 "
     "확 줄었어요. 그게 제일 보람 있었어요.", "ko", "반품"),
    ("축제 때 부스 줄이 너무 길었어요. 저는 그때 총무였는데, 영수증 정리만 맡는 사람을 따로 정하자고 했어요. 그게 "
     "핵심이었어요.", "ko", "영수증 정리"),
    # "그 X이 제일 …": X was said as a verb; what it acted on is stressed
    ("처음엔 배포 시간이 한 시간이었는데, 빌드 캐시를 직접 설계해서 십 분까지 줄였습니다. 그 설계가 제일 오래 "
     "걸렸어요.", "ko", "빌드 캐시"),
    # an admitted weakness is what a good interviewer probes
    ("동아리 축제에서 부스 매출이 두 배로 늘었어요. 제가 메뉴 가격표를 새로 짰고요. 사실 원가 계산은 좀 대충 했던 것 "
     "같기도 해요.", "ko", "원가 계산"),
    ("Our nightly report kept failing. I rewrote the export job in a week. "
     "Honestly, the data migration was the nervy bit.", "en", "data migration"),
    ("We moved the ticket queue to a new vendor. What really scared me was the rollback plan, we had one shot.",
     "en", "rollback plan"),
    ("I shipped the export feature for the sales team in a week. I wasn't really sure the retry logic was right.",
     "en", "retry logic"),
])
def test_a_follow_up_names_what_was_stressed(answer: str, language: str, first: str) -> None:
    assert most_salient(answer, language)[0] == first


def test_a_verdict_label_and_a_bare_quantity_are_never_named() -> None:
    en = [p.text for p in salient_phrases("The data migration was the nervy part, it took 40 minutes.", "en")
          if p.score > 0]
    assert "nervy part" not in en
    ko = [p.text for p in salient_phrases("제가 대기 시간을 3초 줄였어요.", "ko")]
    assert "3초" not in ko


@pytest.mark.parametrize(("answer", "phrase"), [
    ("매주 그 씰 마모 상태를 기록했어요.", "씰 마모 상태"),   # 씰 read as 씨/NNG + ᆯ/JKO
    ("그래서 제가 칼만 게인을 다시 조정했어요.", "칼만 게인"),  # 칼만 read as 칼/NNG + 만/JX
])
def test_a_compound_kiwi_split_stays_whole(answer: str, phrase: str) -> None:
    assert phrase in [p.text for p in salient_phrases(answer, "ko")]


def test_a_figure_keeps_its_unit_and_a_name_with_digits_is_no_figure() -> None:
    assert numbers("오차를 3cm까지 줄였습니다.", "ko") == ("3cm",)
    assert numbers("p99 went down to 200 ms.", "en") == ("200 ms",)


def _turn(pending: str, answer: str, context: InterviewContext, interrupted: bool = False) -> ChatTurn:
    intro = ("자기소개 부탁드립니다.", "변전소 점검 보조로 이 년 일했습니다.") if context.language == "ko" else \
        ("Please introduce yourself.", "I've supervised a picking shift for two years.")
    history = (Message("assistant", intro[0]), Message("user", intro[1]), Message("assistant", pending))
    return ChatTurn(answer, history, context, interrupted=interrupted)


@pytest.mark.parametrize(("answer", "context", "interrupted"), [
    ("Sorry, my cat just walked across the keyboard. He's a ginger tabby called Biscuit.", EN, False),
    ("죄송해요, 질문 끝나기도 전에 엔터를 먼저 눌러 버렸어요.", KO, True),
])
def test_a_pet_or_an_early_send_puts_the_question_again(answer: str, context: InterviewContext,
                                                          interrupted: bool) -> None:
    pending = "정전 복구 중에 우선순위를 정했던 경험을 말씀해 주세요." if context.language == "ko" else \
        "Tell me about a time you had to reorganise a shift at short notice."
    decision = decide(_turn(pending, answer, context, interrupted))
    assert decision.move in (Move.REASK_INTERRUPTED, Move.REDIRECT) and pending in decision.text
    assert "Biscuit" not in decision.text


@pytest.mark.parametrize(("line", "answer", "context", "scene"), [
    ("Thanks, that's clear. Imagine two pickers call in sick an hour before a peak shift. What do you do first?",
     "Sorry, could you say that again?", EN, "Imagine two pickers call in sick an hour before a peak shift."),
    ("네, 잘 들었습니다. 야간에 변전소 차단기가 갑자기 떨어진 상황이라고 해 봅시다. 가장 먼저 무엇을 하시겠어요?",
     "다시 한 번 말씀해 주시겠어요?", KO, "야간에 변전소 차단기가 갑자기 떨어진 상황이라고 해 봅시다."),
])
def test_a_question_put_again_carries_its_scene(line: str, answer: str, context: InterviewContext,
                                                scene: str) -> None:
    decision = decide(_turn(line, answer, context))
    assert decision.move is Move.REPEAT and scene in decision.text
    assert "Thanks, that's clear" not in decision.text and "잘 들었습니다. 야간" not in decision.text


def test_an_acknowledgement_is_no_scene() -> None:
    line = "Thanks, that was really helpful. What's your biggest weakness?"
    assert with_scene(line, "What's your biggest weakness?", "en") == "What's your biggest weakness?"


@pytest.mark.parametrize("answer", ["그냥 제가 판단해서 먼저 했어요. 그랬더니 잘 됐습니다.",
                                    "제가 먼저 움직였고 다들 따라왔어요. 결국 빨리 끝났습니다."])
def test_a_follow_up_with_nothing_to_name_names_nothing(answer: str) -> None:
    pending = "정전 복구 중에 우선순위를 정했던 경험을 말씀해 주세요."
    decision = decide(_turn(pending, answer, KO))
    assert decision.move is Move.FOLLOW_UP and "관련해서" not in decision.text and "말씀하신 일" not in decision.text


@pytest.mark.parametrize(("answer", "language", "first"), [
    ("I ran the onboarding for new drivers. The hard bit was the insurance paperwork, it took ages.", "en",
     "insurance paperwork"),
])
def test_the_hardest_part_named_as_such_comes_first(answer: str, language: str, first: str) -> None:
    assert most_salient(answer, language)[0] == first


@pytest.mark.parametrize(("sentences", "number", "language", "thing"), [
    (("주말 장사를 도왔는데 매장 대기 손님이 30명까지 늘었어요.",), "30명", "ko", "대기 손님"),
    (("We cut the dispatch backlog; the average dispatch delay went from 9 minutes to 4 minutes.",), "4 minutes", "en",
     "average dispatch delay"),
    (("제가 재고표를 다시 짰고 30%쯤 줄었어요.",), "30%", "ko", ""),  # the clause names no subject
])
def test_a_figure_is_named_with_what_it_measured(sentences: tuple[str, ...], number: str, language: str,
                                                 thing: str) -> None:
    assert measured_thing(sentences, number, language) == thing


def test_a_figure_said_of_the_candidates_family_names_no_thing_to_measure() -> None:
    told = sentences("비 오는 날엔 앞차와 거리를 두 배로 둡니다. 집사람이 두 배로 좋아해요.", "ko")
    assert measured_thing(told[1:], "두 배", "ko") == ""
    assert measured_thing(sentences("My wife saved 20% on the shopping.", "en"), "20%", "en") == ""
