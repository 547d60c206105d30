"""Interview progress in `done`: the question being asked, out of how many, and whether the interview is over."""
from __future__ import annotations

from interview.progress import InterviewProgress, interview_progress
from llm.base import ChatTurn, InterviewContext, Message
from interview.scripted import ScriptedInterviewer
from tests.conftest import sse_events

CONTEXT = {"company_name": "삼성전자", "job_name": "개발엔지니어링"}
ANSWERS = ("면접을 시작합니다.",
           "저는 백엔드 개발자로 3년 동안 결제 시스템을 만들었고 장애를 줄이는 일에 보람을 느꼈습니다.",
           "결제 시스템의 안정성을 높이는 일을 이 회사에서 더 큰 규모로 해 보고 싶어 지원했습니다.",
           "딱히 궁금한 점은 없습니다.",
           "감사합니다.")


def test_the_scripted_interview_counts_its_questions_then_closes():
    interviewer, context = ScriptedInterviewer(), InterviewContext(**CONTEXT, total_questions=2)
    history: tuple[Message, ...] = ()
    seen = []
    for answer in ANSWERS:
        turn = ChatTurn(answer, history, context)
        reply = interviewer.reply(turn)
        seen.append(interview_progress(turn, reply))
        history += (Message("user", answer), Message("assistant", reply))
    # self-introduction, motivation, "any questions for us?", the closing, and a line after it
    assert seen == [InterviewProgress(1, 2, False), InterviewProgress(2, 2, False), InterviewProgress(2, 2, False),
                    InterviewProgress(2, 2, True), InterviewProgress(2, 2, True)]


def test_a_reply_that_asks_nothing_ends_only_a_closing_interview():
    asked = (Message("user", "안녕하세요"), Message("assistant", "자기소개를 부탁드립니다."))
    statement = "네, 잘 들었습니다."
    assert interview_progress(ChatTurn("저는 개발자입니다.", asked, InterviewContext(total_questions=3)),
                              statement) == InterviewProgress(1, 3, False)
    assert interview_progress(ChatTurn("저는 개발자입니다.", asked, InterviewContext(total_questions=1)),
                              statement) == InterviewProgress(1, 1, True)
    assert interview_progress(ChatTurn("시작합니다", ()), "안녕하세요. 자기소개를 해 주시겠어요?").total_questions == 5


def test_done_reports_the_question_and_the_end_of_the_interview(client):
    def done(message: str, history: list[dict[str, str]]) -> dict:
        events = sse_events(client.post("/api/v2/chat_and_lipsync/stream", json={
            "message": message, "history": history, "total_questions": 1, "avatar": "talk_long", "resolution": "360p",
            **CONTEXT}))
        assert events[-1]["type"] == "done", events[-1]
        return events[-1]

    opening = done(ANSWERS[0], [])
    assert (opening["question_index"], opening["total_questions"], opening["finished"]) == (1, 1, False)
    first = (Message("user", ANSWERS[0]), Message("assistant", opening["response"]))
    any_questions = ScriptedInterviewer().reply(ChatTurn(ANSWERS[1], first, InterviewContext(**CONTEXT,
                                                                                             total_questions=1)))
    history = [{"role": m.role, "content": m.content} for m in first]
    history += [{"role": "user", "content": ANSWERS[1]}, {"role": "assistant", "content": any_questions}]
    closing = done(ANSWERS[3], history)
    assert (closing["question_index"], closing["total_questions"], closing["finished"]) == (1, 1, True)
    assert "감사" in closing["response"]


def test_a_closing_after_an_announced_last_question_finishes_the_interview():
    history = (Message("user", "시작"), Message("assistant", "마지막 질문입니다. 입사 후 어떤 일을 먼저 해 보고 싶으세요?"))
    turn = ChatTurn("결제 장애를 줄이는 모니터링부터 다듬고 싶습니다.", history, InterviewContext(**CONTEXT, total_questions=5))
    reply = ScriptedInterviewer().reply(turn)
    assert interview_progress(turn, reply) == InterviewProgress(1, 5, True)
