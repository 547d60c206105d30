"""The scripted interviewer: opening, exact question budget, no repeats, re-asks, closing, streaming, cancel
(the dialogue rules themselves are tested in test_interview_policy.py)."""
from __future__ import annotations

import itertools
import threading

import pytest

from llm.base import ChatEngine, ChatTurn, InterviewContext, Message
from llm.prompts import build_prompt
from interview.lines import LINES
from llm.question_bank import common_set, question_set
from interview.scripted import ScriptedInterviewer, split_pieces

SAMSUNG_DEV = InterviewContext(org_type="일반기업", company_name="삼성전자", job_name="개발엔지니어링")
ANSWERS = [
    "면접을 시작합니다.",
    "안녕하세요. 컴퓨터공학을 전공하고 백엔드 개발을 삼 년 해 온 김민수입니다.",
    "반도체와 소프트웨어를 함께 다루는 환경에서 일하고 싶어서 지원했습니다.",
    "서비스가 느려졌을 때 데이터베이스 쿼리를 분석해서 인덱스를 추가하고 성능을 두 배로 올렸습니다.",
    "네.",
    "팀 프로젝트에서 디자이너와 의견이 달랐는데 사용자 데이터를 보여 주며 조율했습니다.",
    "장애가 났을 때 로그를 보고 바로 롤백한 경험이 있습니다. 이후 모니터링을 강화했습니다.",
    "없습니다.",
    "입사하면 어떤 교육을 받게 되나요?",
    "감사합니다.",
]


def run_interview(engine: ScriptedInterviewer, context: InterviewContext, answers: list[str]) -> list[str]:
    history: list[Message] = []
    replies = []
    for answer in answers:
        reply = engine.reply(ChatTurn(answer, history=tuple(history), context=context))
        replies.append(reply)
        history += [Message("user", answer), Message("assistant", reply)]
    return replies


def run_history(context: InterviewContext, answers: list[str]) -> tuple[Message, ...]:
    replies = run_interview(ScriptedInterviewer(), context, answers)
    return tuple(m for a, r in zip(answers, replies) for m in (Message("user", a), Message("assistant", r)))


def known_questions(context: InterviewContext) -> dict[str, str]:
    common = common_set(context)
    qset = question_set(context)
    pool = (common.self_introduction, common.motivation, *common.questions, *(qset.questions if qset else ()))
    return {q.id: q.text for q in pool}


def asked_in(reply: str, known: dict[str, str]) -> list[str]:
    return [qid for qid, text in known.items() if text in reply]


def test_engine_identity() -> None:
    engine: ChatEngine = ScriptedInterviewer()
    assert engine.name == "scripted" and engine.model == "scripted-interviewer"
    assert engine.source == "Scripted interviewer (scripted-interviewer)"
    assert engine.status() == "online"


def test_opening_greets_with_company_and_job() -> None:
    reply = ScriptedInterviewer().reply(ChatTurn("면접을 시작합니다.", context=SAMSUNG_DEV))
    assert reply.startswith("안녕하세요. 삼성전자 개발엔지니어링 직무 면접에 오신 것을 환영합니다.")
    assert reply.endswith(common_set(SAMSUNG_DEV).self_introduction.text)


@pytest.mark.parametrize("context", [
    SAMSUNG_DEV,
    InterviewContext(org_type="병원", company_name="서울아산병원", job_name="간호사"),
    InterviewContext(org_type="병원", job_name="국제의료관광코디네이터"),
    InterviewContext(company_name="네이버", job_name="재무회계"),
    InterviewContext(),
])
def test_interview_asks_exactly_total_main_questions_then_reverse_and_closing(context: InterviewContext) -> None:
    total = 5
    answers = [*ANSWERS[:8], *ANSWERS[3:8], *ANSWERS[3:8], "없습니다.", "감사합니다.", "네."]
    replies = run_interview(ScriptedInterviewer(total_questions=total), context, answers)
    known = known_questions(context)
    asked = [qid for reply in replies for qid in asked_in(reply, known)]
    assert len(asked) == len(set(asked)), f"repeated question in {replies}"
    assert len(asked) == total
    reverse_turn = next(i for i, r in enumerate(replies) if LINES["ko"].reverse_question in r)
    assert not asked_in(" ".join(replies[reverse_turn + 1:]), known), "no new question once closing starts"
    assert LINES["ko"].closing in replies[reverse_turn + 1]
    assert all(r == LINES["ko"].after_closing for r in replies[reverse_turn + 2:])
    for reply in replies:
        assert "{" not in reply and "*" not in reply and "\n" not in reply


def test_a_tag_the_candidate_said_links_the_next_question_truthfully() -> None:
    history = run_history(SAMSUNG_DEV, ANSWERS[:3])
    reply = ScriptedInterviewer().reply(ChatTurn(
        "반도체 장비 펌웨어를 개발하면서 제가 메모리 사용량을 40% 줄였고, 그 결과 장비가 멈추는 문제가 사라졌습니다.",
        history=history, context=SAMSUNG_DEV))
    linked = LINES["ko"].linked_lead.split("{tag}")
    if linked[0] in reply:
        tag = reply.split(linked[0])[1].split(linked[1])[0]
        assert tag.replace(" ", "") in "반도체장비펌웨어를개발하면서제가메모리사용량을40%줄였고"


def test_very_short_answer_gets_one_simpler_reask_then_moves_on() -> None:
    history = run_history(SAMSUNG_DEV, ANSWERS[:3])
    first = ScriptedInterviewer().reply(ChatTurn("네.", history=history, context=SAMSUNG_DEV))
    assert first.startswith(LINES["ko"].reask_lead)
    history += (Message("user", "네."), Message("assistant", first))
    second = ScriptedInterviewer().reply(ChatTurn("네.", history=history, context=SAMSUNG_DEV))
    assert second.startswith(LINES["ko"].move_on)
    assert asked_in(second, known_questions(SAMSUNG_DEV)), "a new main question after the re-ask"


def test_reverse_question_answer_depends_on_whether_the_candidate_asked() -> None:
    engine = ScriptedInterviewer(total_questions=1)
    base = run_interview(engine, SAMSUNG_DEV, ANSWERS[:2])
    assert LINES["ko"].reverse_question in base[-1]
    history = (Message("user", ANSWERS[0]), Message("assistant", base[0]),
               Message("user", ANSWERS[1]), Message("assistant", base[1]))
    asked = engine.reply(ChatTurn("연봉은 언제 알 수 있나요?", history=history, context=SAMSUNG_DEV))
    none = engine.reply(ChatTurn("없습니다.", history=history, context=SAMSUNG_DEV))
    assert asked.startswith(LINES["ko"].answers["salary"][:10]) and none.startswith(LINES["ko"].no_question)
    assert not any(ch.isdigit() for ch in asked), "no invented figure"
    assert asked.endswith(LINES["ko"].closing) and none.endswith(LINES["ko"].closing)


def test_seed_style_history_continues_without_repeating_self_introduction() -> None:
    history = (
        Message("user", "면접을 시작합니다."),
        Message("assistant", "안녕하세요. 삼성전자 개발엔지니어링 직무 면접에 오신 것을 환영합니다."),
        Message("user", "안녕하세요, 반갑습니다."),
        Message("assistant", "네, 반갑습니다. 먼저 간단히 자기소개를 해주시겠어요?"),
    )
    reply = ScriptedInterviewer().reply(ChatTurn("저는 백엔드 개발자 김민수입니다. 삼 년 동안 서버를 개발했습니다.",
                                                 history=history, context=SAMSUNG_DEV))
    assert common_set(SAMSUNG_DEV).motivation.text in reply and "자기소개" not in reply


def test_reply_is_deterministic_and_stateless() -> None:
    engine = ScriptedInterviewer()
    turn = ChatTurn(ANSWERS[3], history=(Message("user", "시작"), Message("assistant", "자기소개를 부탁드립니다.")),
                    context=SAMSUNG_DEV)
    assert engine.reply(turn) == engine.reply(turn) == ScriptedInterviewer().reply(turn)


def test_stream_joins_to_the_reply_in_small_pieces() -> None:
    engine = ScriptedInterviewer()
    turn = ChatTurn("면접을 시작합니다.", context=SAMSUNG_DEV)
    pieces = list(engine.stream(turn, build_prompt(turn), threading.Event()))
    assert "".join(pieces) == engine.reply(turn)
    assert len(pieces) > 20 and all(p and len(p.strip()) <= 2 for p in pieces)


@pytest.mark.parametrize("text", ["", "  앞 공백", "안녕하세요.  두 칸\n줄바꿈 끝 ", "SK하이닉스 AI!"])
def test_split_pieces_preserves_text(text: str) -> None:
    assert "".join(split_pieces(text)) == text


def test_cancel_stops_the_stream() -> None:
    engine = ScriptedInterviewer(token_delay_s=30.0)  # a pause that only cancel can cut short
    turn = ChatTurn("면접을 시작합니다.", context=SAMSUNG_DEV)
    cancel = threading.Event()
    stream = engine.stream(turn, build_prompt(turn), cancel)
    first = next(stream)
    cancel.set()
    assert first and list(stream) == []
    already = threading.Event()
    already.set()
    assert list(ScriptedInterviewer().stream(turn, build_prompt(turn), already)) == []


def test_invalid_settings_are_rejected() -> None:
    with pytest.raises(ValueError):
        ScriptedInterviewer(total_questions=0)
    with pytest.raises(ValueError):
        ScriptedInterviewer(token_delay_s=-1)
