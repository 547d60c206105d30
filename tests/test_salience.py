"""What an answer stresses (interview/salience.py) and the follow-up that names it."""
from __future__ import annotations

import pytest

from interview.policy import Move, decide
from interview.salience import most_salient, salient_phrases
from llm.base import ChatTurn, InterviewContext, Message

KO = InterviewContext(company_name="삼성전자", job_name="개발엔지니어링", total_questions=5, language="ko")
EN = InterviewContext(company_name="NAVER", job_name="개발엔지니어링", total_questions=5, language="en")


@pytest.mark.parametrize(("answer", "language", "stressed", "not_first"), [
    # the finding a story turns on, not the tool used to find it
    ("로그를 하나씩 비교해 보니까 캐시 만료 시간 설정 문제였습니다.", "ko", "캐시 만료 시간", "로그"),
    # the object of the candidate's own action, not the scene ("물류 창고 아르바이트 때")
    ("물류 창고 아르바이트 때 제가 재고 위치 지도를 새로 그려서 붙였습니다.", "ko", "재고 위치 지도", "물류 창고"),
    # a word split wrongly by the analyser (인터럽/NNG + 트/VV) is still one noun
    ("알고 보니 인터럽트 처리 순서가 꼬여 있었습니다.", "ko", "인터럽트", "알고"),
    # the direct answer to "which issue?" given as a fragment, and its term repeated later
    ("반도체 수출 규제요. 규제 때문에 장비 반입이 늦어진 사례를 정리했습니다.", "ko", "반도체 수출 규제", "장비"),
    ("The belt kept stopping, and it turned out to be a loose ground wire.", "en", "loose ground wire", "belt"),
    ("At my last job I rewrote the invoice matching script in a weekend.", "en", "invoice matching script", "job"),
    # what the candidate worked through, not the person they worked with
    ("I spent a week with the supplier's quality lead going through the audit findings.", "en", "audit findings",
     "lead"),
])
def test_the_most_stressed_phrase_comes_first(answer: str, language: str, stressed: str, not_first: str) -> None:
    first = most_salient(answer, language, 1)
    assert first and stressed in first[0], salient_phrases(answer, language)
    assert not_first not in first[0]


def test_people_and_settings_rank_below_what_was_done() -> None:
    ranked = [p.text for p in salient_phrases("신규 때 선임 선생님께 욕창 예방 체크리스트를 만들자고 제안했습니다.", "ko")]
    assert ranked[0] == "욕창 예방 체크리스트"
    assert "선임 선생님" not in ranked[:1] and not any(p.startswith("때") for p in ranked)


def test_the_candidates_own_family_is_no_detail_to_name() -> None:
    answer = "조카 돌잔치 다녀온 다음 날이었는데, 손님 주문서 색상이 틀려서 제가 주문서를 다시 확인했어요. 와이프도 놀랐어요."
    ranked = [p.text for p in salient_phrases(answer, "ko")]
    assert "주문서" in ranked and not any(p.startswith(("조카", "와이프")) for p in ranked)


def test_a_follow_up_names_the_stressed_detail_in_a_grammatical_sentence() -> None:
    history = (Message("user", "시작"), Message("assistant", "업무 중에 문제의 원인을 직접 찾아낸 경험을 말씀해 주세요."))
    answer = "생산 라인에서 불량이 갑자기 늘었는데, 설비 데이터를 뒤져 보니 금형 온도 센서 고장이었습니다."
    decision = decide(ChatTurn(answer, history, KO))
    assert decision.move is Move.FOLLOW_UP and "금형 온도 센서" in decision.text
    assert "금형 온도 센서 고장 관련해서" in decision.text or "금형 온도 센서 관련해서" in decision.text


def test_an_english_follow_up_gives_the_phrase_its_article_and_a_stated_figure_is_asked_about() -> None:
    history = (Message("user", "Hi"), Message("assistant", "Tell me about a piece of work you're proud of."))
    answer = "I moved our nightly reports onto a streaming job, and the report delay fell by 80 percent."
    decision = decide(ChatTurn(answer, history, EN))
    assert decision.move is Move.FOLLOW_UP and "80 percent" in decision.text
    assert "the streaming job" in decision.text or "the report delay" in decision.text or \
        "the nightly reports" in decision.text


def test_motivation_said_to_be_covered_by_the_interviewer_is_not_asked_again() -> None:
    history = (Message("user", "지난번에 이어서 할게요."),
               Message("assistant", "네, 지난번에 자기소개와 지원 동기는 충분히 들었습니다. 이어서 진행하겠습니다."),
               Message("user", "네."), Message("assistant", "팀에서 의견이 갈렸던 경험을 말씀해 주세요."),
               Message("user", "일정 문제로 갈렸습니다."), Message("assistant", "그때 본인이 맡은 역할은 무엇이었나요?"))
    reply = decide(ChatTurn("제가 일정표를 다시 짜서 모두 동의했고, 기한 안에 마쳤습니다.", history, KO)).text
    assert "지원" not in reply and "자기소개" not in reply and "?" in reply


@pytest.mark.parametrize("answer", [
    "서버가 밤새 멈춰 있어서 아침 주문이 전부 밀렸습니다.",
    "그날 창고 재고가 맞지 않아서 제가 다시 셌습니다.",
    "당시에는 검수 기준이 없어서 제가 체크리스트를 만들었습니다.",
])
def test_a_span_or_point_of_time_is_never_named(answer: str) -> None:
    named = most_salient(answer, "ko", count=3)
    assert named and not any(p.split()[0] in ("밤새", "그날", "당시") for p in named), named
