"""Transcripts of the embedded interviewer for the closing note (a CLI; prints what the page would show).

    python -m bench.interview_transcripts
"""
from __future__ import annotations

import time
from dataclasses import dataclass

from llm.base import ChatTurn, InterviewContext, Message
from llm.persona import Persona
from interview.scripted import ScriptedInterviewer


@dataclass(frozen=True)
class Step:
    """One candidate message and how it was sent."""

    text: str
    interrupted: bool = False
    timed_out: bool = False


KO = [Step("면접을 시작합니다."),
      Step("안녕하세요. 임베디드 펌웨어 개발자로 3년간 일했습니다. 전 직장에서 제가 BLE 센서 펌웨어 프로젝트를 맡아 "
           "전력 소모를 30% 줄였습니다. 반도체 기술에 관심이 많아 삼성전자에 지원하게 되었습니다."),
      Step("네 그게", interrupted=True),
      Step("네, 센서 보드에서 메모리가 부족해서 제가 버퍼 구조를 바꿔 사용량을 40% 줄였습니다."),
      Step("연봉은 어떻게 되나요?"),
      Step("음 잘 모르겠습니다."),
      Step("작년에 결제 API 장애가 났을 때 제가 로그를 보고 롤백했고, 이십 분 만에 복구했습니다."),
      Step("아니요, 없습니다."),
      Step("그것보다 어제 토트넘 경기 보셨나요?"),
      Step("먼저 로그와 모니터링 대시보드로 영향 범위를 보고, 최근 배포를 롤백한 뒤 원인을 찾겠습니다.")]
EN = [Step("Let's start."),
      Step("Hi, I'm Jamie. I spent three years as a backend engineer at a payments startup, where I led the "
           "migration of our billing service to Kafka and cut failed payments by 15%."),
      Step("What's the salary for this role?"),
      Step("I applied because I want to work on memory-constrained systems at Samsung's scale."),
      Step("No, I haven't done that."),
      Step("Did you watch the football last night?")]
RESUME = ("김하늘 | 백엔드 개발자\n2021-2024 ㈜페이랩: 정산 자동화 시스템 개발 (Kotlin, Spring, PostgreSQL), 정산 오류 40% 감소\n"
          "2020 교내 해커톤 대상: 중고거래 챗봇 서비스")
POSTING = "삼성전자 개발엔지니어링 채용: Kubernetes 운영 경험, Python, 대용량 데이터 처리"


def run(steps: list[Step], context: InterviewContext, persona: Persona | None = None,
        engine: ScriptedInterviewer | None = None) -> list[tuple[str, str, float]]:
    """(candidate, interviewer, ms) per turn, as the page shows them."""
    engine = engine or ScriptedInterviewer(total_questions=context.total_questions or 5)
    history: list[Message] = []
    out = []
    for step in steps:
        turn = ChatTurn(step.text, tuple(history), context, persona=persona, interrupted=step.interrupted,
                        answer_timed_out=step.timed_out)
        started = time.perf_counter()
        reply = engine.reply(turn)
        out.append((step.text, reply, (time.perf_counter() - started) * 1000))
        history += [Message("user", step.text), Message("assistant", reply)]
    return out


def show(title: str, rows: list[tuple[str, str, float]], candidate: str = "지원자", interviewer: str = "면접관") -> None:
    """Print a transcript."""
    print(f"\n=== {title}")
    for i, (said, reply, _) in enumerate(rows, 1):
        print(f"[{i}] {candidate}: {said}\n    {interviewer}: {reply}")


def first_token_ms(rounds: int = 5) -> list[float]:
    """Time from a turn's arrival to its first streamed piece (prompt built, policy decided), each embedded reply
    of the Korean and English transcripts, `rounds` times each with the per-turn decision cache emptied."""
    import threading

    from interview.policy import decide
    from llm.prompts import build_prompt

    engine, times = ScriptedInterviewer(), []
    for steps, context in ((KO, InterviewContext(company_name="삼성전자", job_name="개발엔지니어링")),
                           (EN, InterviewContext(company_name="Samsung", job_name="개발엔지니어링", language="en"))):
        history: list[Message] = []
        for step in steps:
            turn = ChatTurn(step.text, tuple(history), context, interrupted=step.interrupted)
            for _ in range(rounds):
                decide.cache_clear()  # a new turn: nothing decided yet
                started = time.perf_counter()
                next(iter(engine.stream(turn, build_prompt(turn), threading.Event())))
                times.append((time.perf_counter() - started) * 1000)
            history += [Message("user", step.text), Message("assistant", engine.reply(turn))]
    return times


def main() -> None:
    """Print the four transcripts of the closing note and the first-token time."""
    ko = InterviewContext(company_name="삼성전자", job_name="개발엔지니어링", total_questions=6)
    en = InterviewContext(company_name="Samsung Electronics", job_name="개발엔지니어링", total_questions=4,
                          language="en")
    show("Korean, 10 turns (interrupted at turn 3)", run(KO, ko))
    show("English, 6 turns", run(EN, en), "Candidate", "Interviewer")
    pressure = Persona(name="윤상철 (임원 압박 면접관)", style="pressure",
                       habits="'그래서 결과가 뭡니까?', '그건 누구나 하는 말 아닌가요?'라고 되물음")
    friendly = Persona(name="서지민 (인사팀 면접관)", style="friendly",
                       habits="'그러셨군요', '조금 더 들려주시겠어요?' 같은 표현을 자주 씀")
    steps = KO[:2] + [Step("팀 프로젝트에서 일정 관리 툴을 도입했습니다.")]
    for persona in (pressure, friendly):
        show(f"{persona.style} persona, first three turns", run(steps, ko, persona))
    tailored = InterviewContext(company_name="삼성전자", job_name="개발엔지니어링", total_questions=5,
                                resume_text=RESUME, job_posting_text=POSTING)
    show("Tailored from a pasted résumé and posting", run(KO[:2] + [
        Step("정산 자동화 시스템에서 제가 배치 설계를 맡았고, 오류를 40% 줄였습니다."),
        Step("월말 정산 배치가 밤새 끝나지 않아서, 제가 Kotlin 코루틴으로 병렬화했고 처리 시간이 절반이 되었습니다."),
        Step("Kubernetes는 개인 프로젝트로 공부하고 있고, 사내 스터디에서 클러스터를 직접 구성해 봤습니다.")], tailored))
    run(KO[:2], ko)  # warm-up: the analyser and the question data are loaded
    times = sorted(first_token_ms())
    print(f"\nfirst token of an embedded reply (build_prompt + policy), {len(times)} replies: "
          f"p50 {times[len(times) // 2]:.1f} ms, p90 {times[int(len(times) * 0.9)]:.1f} ms, max {times[-1]:.1f} ms")


if __name__ == "__main__":
    main()
