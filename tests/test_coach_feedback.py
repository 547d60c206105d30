"""The report tells the truth (issue 23): non-answers are never praised, keyword lists score below real answers,
counts are true, particles fit, one language per report, and a remote LLM that contradicts the reading is overruled."""
from __future__ import annotations

import json
import re

import pytest

from coach.llm_judge import OpenAIJudge
from coach.metrics import AnswerInput, TimedWord, answer_metrics
from coach.particles import josa
from coach.report import build_report
from llm.base import InterviewContext, Message
from tests.fakes.coach_servers import FakeStructuredChatServer

KO = InterviewContext(org_type="일반기업", company_name="삼성전자", job_name="백엔드 개발자", total_questions=8)
EN = InterviewContext(org_type="일반기업", company_name="Acme", job_name="Backend Engineer", total_questions=4)
FOOTBALL = "그것보다 어제 토트넘 경기 보셨나요?"
SALAD = "테스트 코드 원칙 리팩토링 성능 최적화 30% 향상 제가 주도 역할 배운 점. " * 2
EVASIVE = "음... 잘 모르겠습니다."
GOOD_NO_NUMBERS = ("졸업 프로젝트에서 한 팀원이 마감 직전까지 맡은 기능을 올리지 않아 갈등이 있었습니다. 제가 따로 만나 "
                   "이야기를 들어 보니 구현 방법을 몰라 혼자 고민하고 있었습니다. 그래서 그 기능을 둘로 나눠 제가 어려운 "
                   "부분을 같이 짰고, 무사히 발표를 마쳤습니다.")
CONFLICT_Q = "팀원과 갈등이 있었던 경험과 어떻게 해결했는지 말씀해 주세요."


def history(pairs: list[tuple[str, str | None]], opening: str = "안녕하세요.") -> list[Message]:
    """An interview of (question, answer) pairs; None leaves the question unanswered (asked again or the end)."""
    messages = [Message("user", opening)]
    for question, answer in pairs:
        messages.append(Message("assistant", question))
        if answer is not None:
            messages.append(Message("user", answer))
    return messages


def texts(report) -> list[str]:
    """Every sentence the report writes itself (not the candidate's quotes)."""
    found = [report.summary, report.rubric_explained, report.judged_by, *(r.description for r in report.rubric)]
    for q in report.questions:
        found += [f.point for f in (*q.strengths, *q.improvements, *q.warnings)] + q.outline
    return found


def test_the_issue_examples_football_salad_and_evasive_score_below_a_good_answer_and_get_no_praise():
    report = build_report(history([("간단하게 자기소개 부탁드립니다.", FOOTBALL), (CONFLICT_Q, SALAD),
                                   ("지원 동기는 무엇인가요?", EVASIVE), (CONFLICT_Q, GOOD_NO_NUMBERS)]), KO)
    football, salad, evasive, good = report.questions
    assert football.kind == "off_topic" and football.score <= 10 and not football.strengths
    assert not any("숫자" in f.point for f in football.improvements)  # no advice to add numbers to small talk
    assert salad.score <= 15 < good.score and not salad.strengths
    assert evasive.score <= 10 and not evasive.strengths and evasive.kind == "evasive"
    assert good.score >= 70 and good.strengths and all(f.quote in good.answer for f in good.strengths)
    assert not any(f.quote.startswith("음") for q in report.questions for f in q.strengths)


def test_counts_are_true_when_questions_go_unanswered_or_are_dodged():
    pairs = [("간단하게 자기소개 부탁드립니다.", GOOD_NO_NUMBERS), ("지원 동기는 무엇인가요?", EVASIVE),
             (CONFLICT_Q, None), ("실패했던 경험을 말씀해 주세요.", None)]
    report = build_report(history(pairs), KO)
    assert (report.asked, report.answered) == (4, 1)
    assert report.summary.startswith("4개 질문 중 1개에 답했고")
    assert [q.kind for q in report.questions[2:]] == ["unanswered", "unanswered"]


def test_korean_particles_follow_the_syllable_and_no_template_leaks():
    assert [josa("결과", "이/가"), josa("행동", "이/가"), josa("서울", "으로/로"), josa("집", "으로/로")] == \
        ["결과가", "행동이", "서울로", "집으로"]
    report = build_report(history([(CONFLICT_Q, "팀원과 의견이 달랐습니다. 대화를 했습니다."),
                                   ("간단하게 자기소개 부탁드립니다.", GOOD_NO_NUMBERS)]), KO)
    assert not any(re.search(r"\((이|가|을|를|은|는|으로|로)\)", t) for t in texts(report))
    assert report.questions[0].outline and "백엔드 개발자로서" in " ".join(report.questions[1].outline)


def test_an_english_interview_gets_an_english_report_throughout():
    pairs = [("Could you briefly introduce yourself?", "I'm a backend engineer. I built the payment API at my "
              "company and cut its latency by half."), ("Why do you want to work here?", "I don't know.")]
    report = build_report(history(pairs, opening="Hello."), EN)
    assert report.language == "en" and report.grade_label
    assert not any(re.search("[\uac00-\ud7a3]", t) for t in texts(report)), texts(report)


def test_blind_hiring_warns_about_family_hometown_and_school_without_changing_the_score():
    answer = ("저희 아버지께서 공무원으로 일하셔서 공공기관에 관심이 생겼습니다. 저는 민원 처리 시스템을 개선하는 "
              "프로젝트에서 제가 직접 조회 속도를 두 배로 높였습니다.")
    pairs = [("우리 기관에 지원하신 동기는 무엇인가요?", answer)]
    public = build_report(history(pairs), InterviewContext(org_type="공공기관", job_name="전산직"))
    private = build_report(history(pairs), InterviewContext(org_type="일반기업", job_name="전산직"))
    warning = public.questions[0].warnings
    assert warning and "블라인드" in warning[0].point and warning[0].quote.startswith("저희 아버지")
    assert not private.questions[0].warnings and public.questions[0].score == private.questions[0].score


def test_korean_delivery_counts_fillers_per_minute_pace_and_the_pause_before_answering():
    text = "음 저는 이제 약간, 그 그 결제 시스템을 만들었습니다"
    words = [TimedWord(word=w, start=i * 0.6, end=i * 0.6 + 0.4) for i, w in enumerate(text.split())]
    metrics = answer_metrics(text, AnswerInput(mode="voice", words=words, time_to_answer_s=7.5, time_limit_s=60,
                                               answer_time_s=61, timed_out=True))
    assert metrics.fillers == {"음": 1, "약간": 1, "그": 2}  # "이제" runs on without a pause: a word here
    assert metrics.pace_unit == "syllables_per_s" and metrics.pace_value == round(metrics.syllables / 5.2, 2)
    assert metrics.fillers_per_min == round(4 / 5.2 * 60, 1) and metrics.timed_out


def llm_praising(report, score: int) -> str:
    """An LLM answer that praises and scores every question alike."""
    questions = [{"index": q.index, "answered": True, "score": score,
                  "scores": {"content": score, "structure": score, "specificity": score},
                  "star": {"situation": True, "task": True, "action": True, "result": True},
                  "strengths": [{"point": "훌륭합니다.", "quote": q.answer[:8]}], "improvements": []}
                 for q in report.questions]
    return json.dumps({"summary": "모두 훌륭합니다.", "questions": questions}, ensure_ascii=False)


def test_an_llm_that_praises_an_evasive_answer_or_ranks_a_salad_above_a_good_answer_is_overruled():
    messages = history([(CONFLICT_Q, GOOD_NO_NUMBERS), ("지원 동기는 무엇인가요?", EVASIVE), (CONFLICT_Q, SALAD)])
    embedded = build_report(messages, KO)
    with FakeStructuredChatServer(llm_praising(embedded, 80)) as fake:
        report = build_report(messages, KO, writer=OpenAIJudge(fake.url + "/v1", "fake-model", None, 5))
    good, evasive, salad = report.questions
    assert (good.judged_by, good.score, good.overruled) == ("llm", 80, None)
    assert evasive.judged_by == "embedded" and evasive.overruled and evasive.score == embedded.questions[1].score
    assert salad.judged_by == "embedded" and "낱말 나열" in salad.overruled and salad.score < good.score
    assert report.source == "llm" and "2, 3" in report.judged_by and "모두 훌륭합니다" not in report.summary
