"""Interviews for the coach's tests: the scripted interviewer asks, fixed answers reply (good or evasive)."""
from __future__ import annotations

from collections.abc import Callable

from llm.base import ChatTurn, InterviewContext, Message
from interview.scripted import ScriptedInterviewer

CONTEXT = InterviewContext(org_type="일반기업", company_name="삼성전자", job_name="개발엔지니어링", total_questions=5)
OPENING = "안녕하세요, 면접 보러 왔습니다."
# A prepared candidate answers what is asked: (words in the question, answer); the last one fits any question.
GOOD_ANSWERS = (
    ("자기소개", "저는 3년 경력의 백엔드 개발자입니다. 컴퓨터공학을 전공했고, 결제 서비스 회사에서 API 설계와 데이터베이스 "
                "튜닝을 담당했습니다. 제가 직접 쿼리를 개선해서 응답 시간을 40% 줄인 경험이 있습니다."),
    ("한 단어", "저를 한 단어로 표현하면 끈기입니다. 당시 장애 원인을 찾지 못한 문제를 제가 맡아 2주 동안 로그를 분석했고, "
               "결국 원인을 찾아 재발을 막았습니다. 그 결과 팀에서 장애 건수가 절반으로 줄었습니다."),
    ("동기", "삼성전자의 비전인 초연결 서비스에 기여하고 싶어 지원했습니다. 제가 결제 서비스에서 대용량 트래픽을 처리한 경험을 "
            "살려, 입사 후 1년 안에 주요 API의 지연 시간을 20% 줄이는 것이 목표입니다."),
    ("기술 스택", "최근 프로젝트에서 저는 주문 API의 백엔드를 맡았고, 언어는 Python과 Go, 프레임워크는 FastAPI를 사용했습니다. "
                 "제가 직접 데이터베이스 스키마를 설계하고 캐시를 도입해서 처리량을 세 배로 늘렸습니다."),
    ("선택한 이유", "그 기술을 선택한 이유는 팀의 목표가 응답 시간 단축이었기 때문입니다. 제가 두 프레임워크를 직접 벤치마크해서 "
                  "비교했고, 그 결과 FastAPI가 30% 빨라 팀을 설득했습니다."),
    ("성능", "서비스가 느려졌을 때 저는 먼저 슬로우 쿼리 로그로 병목을 찾았습니다. 인덱스가 없는 SQL 쿼리가 원인이었고, "
            "제가 직접 인덱스를 추가하고 쿼리를 튜닝해서 응답 시간을 800밀리초에서 200밀리초로 줄였습니다."),
    ("확장", "트래픽이 열 배로 늘면 저는 먼저 서버를 수평 확장하고 캐시와 메시지 큐로 부하를 분산하겠습니다. 지난 프로젝트에서 "
            "제가 이 구조로 설계를 바꿔 대용량 이벤트 트래픽을 장애 없이 처리한 결과가 있습니다."),
    ("코드 리뷰", "코드 리뷰에서 저는 가독성과 테스트를 가장 중요하게 봅니다. 당시 팀에서 리뷰 컨벤션을 제가 직접 정리해서 "
                 "공유했고, 그 결과 6개월 동안 코드 품질 지적 건수가 절반으로 줄었습니다."),
    ("", "인턴 시절 프로젝트에서 팀의 배포가 자주 실패하는 문제가 있었습니다. 제 역할은 원인을 찾는 것이었고, 제가 직접 배포 "
         "과정을 분석해서 자동화 스크립트를 도입했습니다. 그 결과 배포 실패가 한 달에 10건에서 1건으로 줄었고, 팀원과 "
         "근거로 대화하는 법을 배웠습니다."),
)
EVASIVE_ANSWER = "잘 모르겠습니다."


def good_answer(question: str) -> str:
    """The prepared answer to `question`."""
    return next(answer for words, answer in GOOD_ANSWERS if words in question)


def interview(answer: Callable[[str], str], questions: int = 5, context: InterviewContext = CONTEXT) -> list[Message]:
    """The history of an interview of `questions` answers, `answer(question)` giving each (the scripted interviewer asks)."""
    engine = ScriptedInterviewer(total_questions=context.total_questions or 5)
    history: list[Message] = []
    message = OPENING
    for _ in range(questions + 1):
        reply = engine.reply(ChatTurn(message=message, history=tuple(history), context=context))
        history += [Message("user", message), Message("assistant", reply)]
        message = answer(reply)
    return history
