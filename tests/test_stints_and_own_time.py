"""A story of the work against a day of the candidate's own: a stint of work told casually ("편의점 야간을 일 년
했어요. 주말에는 …") is an answer, while the way here with a noun between ("오늘 면접 오다가"), a childhood memory and a
story after the question's word said back ("이탈률… 저 오늘 오는데 …") are redirected; a cue is never read across
punctuation ("어… 제가" holds no "어제"). The wordings are this file's own and in no situations file (interview/stints.py,
interview/episodes.py, interview/cues.py)."""
from __future__ import annotations

import pytest

from interview.cues import has
from interview.episodes import told_instead
from interview.policy import Move, decide
from interview.reading import intent_of, read_answer
from interview.second_look import PRIVATE_LIFE
from interview.stints import tells_a_stint
from llm.base import InterviewContext
from tests.test_offtopic_domain import _turn
from tests.test_stories_told_aside import _ctx

# (the way here with a noun between is the candidate's own time; a stint of work told casually is an answer)
STORIES = [
    (_ctx("이마트", "재고관리"), "재고 차이가 생기면 어떻게 확인하시겠어요?",
     "아 근데 오늘 면접 오다가 교통카드를 잃어버려서 한참 찾았어요. 결국 역에서 현금으로 표를 샀어요.", Move.REDIRECT),
    (_ctx("한국전력", "송배전"), "정전 신고가 몰리면 무엇부터 하시겠어요?",
     "아 근데 저 오늘 본사 오는데 버스를 반대로 타서 종점까지 갔다 왔어요. 진짜 식은땀 났어요.", Move.REDIRECT),
    (_ctx("CJ대한통운", "물류센터 사원"), "전에 했던 일 중에 체력이 필요했던 일 얘기 좀 해 주세요.",
     "편의점 야간을 일 년 했어요. 주말에는 친구들이랑 풋살도 하는데, 그래서 밤새는 건 자신 있습니다.", Move.FOLLOW_UP),
    (_ctx("Amazon", "Warehouse Associate", "en"), "Tell me about a physically demanding job you've done.",
     "I did six months on the night shift at a bakery. My weekends were for sleeping, honestly, my mum thought I'd "
     "moved out.", Move.FOLLOW_UP),
]


@pytest.mark.parametrize("context,question,answer,move", STORIES)
def test_a_day_of_their_own_is_redirected_and_a_stint_of_work_followed_up(
        context: InterviewContext, question: str, answer: str, move: Move) -> None:
    assert decide(_turn(question, answer, context)).move is move


def test_a_cue_is_never_read_across_a_pause_or_a_sentence_break() -> None:
    assert has("어… 제가 먼저 도착했어요.", ("어제",), "ko") == []
    assert has("근무지가 이천인가요, 청주인가요?", ("요청",), "ko") == []
    assert has("어제 제가 먼저 도착했어요.", ("어제",), "ko") == ["어제"]
    assert has("그건 그렇고 면접관님", ("그건그렇고",), "ko") == ["그건그렇고"]  # spaces still ignored


@pytest.mark.parametrize("answer,language", [
    ("마트 시식 코너를 석 달 했습니다.", "ko"),
    ("물류센터를 3개월 다녔어요.", "ko"),
    ("편의점에서 2년 일했습니다.", "ko"),
    ("I worked at a garden centre for two summers.", "en"),
])
def test_a_stint_is_a_stretch_of_time_spent_doing_a_job(answer: str, language: str) -> None:
    assert tells_a_stint(answer, language)


@pytest.mark.parametrize("answer,language", [
    ("친구가 학원을 2년 다녔어요.", "ko"),  # someone else's stint
    ("요즘 2년째 하고 있어요.", "ko"),  # no stretch closed in the past
    ("We spent two weeks in Spain.", "en"),  # a holiday
    ("My sister worked there for two years.", "en"),
])
def test_someone_elses_stint_or_a_holiday_is_none(answer: str, language: str) -> None:
    assert not tells_a_stint(answer, language)


def test_a_childhood_memory_and_a_word_said_back_are_the_candidates_own_time() -> None:
    how = "라인 불량률을 낮추려면 어떻게 하시겠어요?"
    childhood = "음, 어릴 때 아버지랑 바다낚시를 자주 다녔거든요. 배 위에서 라면 끓여 먹던 게 아직도 기억나요."
    reading = read_answer(childhood, intent_of(how, "ko"), "ko")
    assert told_instead(reading, childhood, how, "ko", PRIVATE_LIFE["ko"])
    churn = "고객 이탈률을 줄이려면 어떻게 하시겠어요?"
    said_back = "이탈률… 저 사실 오늘 면접 오는데 지갑을 놓고 내려서 역무실에 다녀왔어요. 다행히 찾았어요."
    reading = read_answer(said_back, intent_of(churn, "ko"), "ko")
    assert told_instead(reading, said_back, churn, "ko", PRIVATE_LIFE["ko"])
