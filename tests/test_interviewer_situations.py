"""The embedded interviewer on the interview-situations set (bench/interviewer.py), tuned part only: the
held-out part is scored by the bench and reported, never asserted here (it is not tuned on)."""
from __future__ import annotations

import json

import pytest

from bench.interviewer import HELD_OUT, TUNED, embedded, judge, score, summary

TUNED_THRESHOLD = 0.9  # share of situations passed; the bench reports per kind and language


def test_the_set_is_large_enough_and_split() -> None:
    tuned, held = (json.loads(p.read_text(encoding="utf-8")) for p in (TUNED, HELD_OUT))
    both = tuned + held
    assert sum(s["language"] == "ko" for s in both) >= 80 and sum(s["language"] == "en" for s in both) >= 40
    assert held and not {s["id"] for s in tuned} & {s["id"] for s in held}
    assert {s["expect"]["move"] for s in held} - {s["expect"]["move"] for s in tuned} == set()


@pytest.mark.parametrize("language", ["ko", "en"])
def test_embedded_interviewer_passes_the_tuned_situations(language: str) -> None:
    verdicts = [v for v in score(embedded(), TUNED) if v.language == language]
    passed = sum(v.passed for v in verdicts) / len(verdicts)
    failures = [f"{v.id} {v.move}: {v.problems}" for v in verdicts if not v.passed]
    assert passed >= TUNED_THRESHOLD, (summary(verdicts), failures)


def test_the_judge_fails_bad_replies() -> None:
    situation = next(s for s in json.loads(TUNED.read_text(encoding="utf-8"))
                     if s["expect"]["move"] == "answer_question" and s["language"] == "ko")
    assert not judge(situation, "연봉은 5천만 원입니다. 다음 질문입니다. 취미가 무엇인가요?").passed
    assert not judge(situation, "좋은 질문입니다. 감사합니다.").passed
    follow = next(s for s in json.loads(TUNED.read_text(encoding="utf-8")) if s["expect"]["move"] == "follow_up")
    assert not judge(follow, "네, 잘 들었습니다. 다음 질문 드리겠습니다. 취미가 무엇인가요?").passed
    assert not judge(follow, "Thank you. What was your role?").passed, "wrong language"


def test_a_re_ask_is_found_in_any_case_and_is_not_a_new_main_question() -> None:
    pending = "Picture a client who turns your design down twice. How did you handle it?"
    situation = {"id": "judge-en-1", "language": "en", "answer": "Sorry, could you say that again?", "flags": {},
                 "context": {"company_name": "ACME", "job_name": "Software engineer"},
                 "history": [["assistant", pending]],
                 "expect": {"move": "repeat", "must_mention": [], "must_not": ["new_main_question"]}}
    assert judge(situation, f"Of course. {pending}").passed
    assert judge(situation, f"Sure, back to my question: {pending[0].lower()}{pending[1:]}").passed, "case ignored"
    moved_on = judge(situation, f"Of course. {pending} Tell me about a time you took the lead without being asked.")
    assert "new_main_question" in moved_on.problems


def test_a_request_after_a_short_lead_in_asks_and_does_not_close() -> None:
    situation = {"id": "judge-en-2", "language": "en", "answer": "No, I think that covers it. Thanks!", "flags": {},
                 "context": {"company_name": "ACME", "job_name": "Software engineer"},
                 "history": [["assistant", "Before we wrap up, do you have any questions for us?"]],
                 "expect": {"move": "close", "must_mention": [], "must_not": []}}
    assert judge(situation, "Thank you for your time today. We will be in touch within a week.").passed
    keeps_asking = judge(situation, "Thank you. Next, tell me about a project you are proud of.")
    assert "does not close" in keeps_asking.problems


def _situation(move: str, answer: str, pending: str, language: str = "ko") -> dict:
    return {"id": f"judge-{language}-{move}", "language": language, "answer": answer, "flags": {},
            "context": {"company_name": "한빛전자" if language == "ko" else "ACME", "job_name": "품질관리"},
            "history": [["user", "시작할게요."], ["assistant", pending]],
            "expect": {"move": move, "must_mention": [], "must_not": []}}


def test_moving_on_is_not_a_follow_up_on_the_answer() -> None:
    done = _situation("next_question", "제가 라인 끝에 비전 카메라를 달아서 불량 유출을 한 달 만에 절반으로 줄였습니다.",
                      "품질 문제를 직접 해결해 본 사례를 말씀해 주세요.")
    digs = judge(done, "네, 알겠습니다. 비전 카메라 관련해서 가장 어려웠던 점은 무엇이었나요?")
    assert "follows up instead of moving on" in digs.problems
    assert judge(done, "네, 잘 들었습니다. 다음 질문 드리겠습니다. 동료와 의견이 갈렸던 경험이 있으신가요?").passed
    cut = {**_situation("timed_out", "Well, the plant in Busan kept shipping late, so I", "Tell me about a supplier you turned around.", "en"),
           "flags": {"answer_timed_out": True}}
    assert not judge(cut, "We're out of time. Going back to the plant in Busan, what did you do first?").passed


def test_saying_the_answer_back_and_asking_on_is_no_moving_on() -> None:
    done = _situation("next_question", "I rebuilt the night audit checklist and cut the missing invoices to almost none.",
                      "Tell me about a process you improved.", "en")
    assert "follows up instead of moving on" in judge(
        done, "Understood. You mentioned the checklist. What was the hardest part of it?").problems
    assert "follows up instead of moving on" in judge(
        {**done, "language": "ko", "answer": "제가 야간 정산 점검표를 새로 만들어서 누락 송장을 거의 없앴습니다."},
        "네, 점검표를 새로 만드셨다고 하셨는데, 가장 어려웠던 점은 무엇이었나요?").problems
    assert judge(done, "Thank you, I've noted what you said about the checklist. Next question: what made you apply "
                       "to ACME?").passed


def test_a_simpler_re_ask_puts_the_question_again_not_a_follow_up_on_a_dodge() -> None:
    dodge = _situation("reask_simpler", "음… 상황 봐서 하는 거죠. 케바케라서요.",
                       "협력사 납기가 계속 밀릴 때 어떻게 관리하시겠어요?")
    assert not judge(dodge, "네, 알겠습니다. 그렇게 판단하신 이유는 무엇이었나요?").passed, "no question put again"
    assert not judge(dodge, "네, 케바케 관련해서 그 뒤 결과는 어떻게 되었나요?").passed, "digs into the dodge"
    assert judge(dodge, "질문을 바꿔 보겠습니다. 납기가 한 번 밀렸다고 하면, 가장 먼저 무엇을 하시겠어요?").passed
    assert judge(dodge, "쉽게 여쭤볼게요. 협력사 납기를 챙기는 본인만의 방법 한 가지만 말씀해 주세요.").passed


def test_a_thank_you_that_announces_the_next_question_is_no_closing() -> None:
    last = _situation("close", "네, 궁금한 점은 없습니다.", "마지막으로 궁금하신 점 있으신가요?")
    assert "does not close" in judge(last, "감사합니다. 다음 질문 드리겠습니다.").problems
    assert judge(last, "오늘 면접은 여기까지입니다. 수고 많으셨습니다.").passed


def test_a_korean_line_that_says_what_it_wants_to_hear_asks() -> None:
    done = _situation("next_question", "네, 그렇게 마무리했습니다.", "그 일은 어떻게 마무리됐나요?")
    assert judge(done, "네, 잘 들었습니다. 다음으로, 동료와 의견이 갈렸을 때 어떻게 푸셨는지 궁금합니다.").passed
    assert judge(done, "알겠습니다. 이번에는 지원하신 이유를 듣고 싶어요.").passed
    assert "asks nothing" in judge(done, "네, 잘 들었습니다.").problems
    for request in ("다음으로, 동료와 갈등을 푼 예를 하나 들어 주세요.", "다음으로, 제일 힘들었던 날 얘기해 줘요.",
                    "다음으로, 지원하신 이유를 말씀해 주이소."):
        assert judge(done, request).passed, request


def test_asking_for_an_example_again_is_no_follow_up_on_the_words_of_a_dodge() -> None:
    dodge = _situation("reask_simpler", "Hmm, nothing comes to mind, I don't have a good example of that.",
                       "Tell me about a time you changed a process at work.", "en")
    assert judge(dodge, "Let me put that another way. What is one small example of a process you changed at work, "
                        "even a tiny one?").passed


def test_a_stock_question_is_no_simpler_re_ask_and_a_polite_request_is_no_what_would_you_do() -> None:
    # the blind writers' finds (sealed25, sealed27): words of asking ("what", "your", "말씀") are no shared topic,
    # "주시겠어요?" and "what would you say" ask nothing hypothetical
    dodge = _situation("reask_simpler", "Honestly, it depends on the day.", "How do you decide what to water first?", "en")
    assert not judge(dodge, "Thanks. Next question: what are your strengths?").passed
    assert not judge(dodge, "Thank you. What would you say are your greatest strengths?").passed
    assert judge(dodge, "Let me put that another way. On a hot morning, which plants would you water first?").passed
    vague = _situation("reask_simpler", "음… 그냥 조심해서 하죠.", "까다로운 소재는 어떻게 작업하시는지 말씀해 주세요.")
    assert not judge(vague, "네, 감사합니다. 다음 질문입니다. 본인의 장점을 말씀해 주세요.").passed
    # (sealed37's find) a next question that happens to share a word with the pending one is no re-ask
    stock = _situation("reask_simpler", "음… 그때그때 다르죠.", "재고가 모자랄 때 어떻게 관리하시는지 말씀해 주세요.")
    assert "announces the next question" in judge(stock, "감사합니다. 다음 질문입니다. 스트레스는 어떻게 관리하시나요?").problems
    no = _situation("pivot", "아니요, 해 본 적은 없습니다.", "외부 감사에 대응해 본 경험이 있으신가요?")
    assert not judge(no, "네. 그 점이 실제로 드러났던 경험을 하나 예로 들어 주시겠어요?").passed
    assert judge(no, "괜찮습니다. 감사가 잡혔다고 생각하시고 가장 먼저 무엇을 하실지 말씀해 주시겠어요?").passed


def test_an_answer_to_the_candidates_question_is_more_than_the_last_line_again() -> None:
    asked = _situation("answer_question", "혹시 야간 근무도 있나요?", "")
    asked["history"][-1] = ["assistant", "좋아요. 우리 일은 야간이나 주말에 영업이 끝난 매장에 들어가는 경우가 많거든요. "
                                        "그런 일정은 어떻게 맞추실 수 있겠어요?"]
    assert not judge(asked, asked["history"][-1][1]).passed  # the lead-in said again is no answer
    assert judge(asked, "네, 현장에 따라 야간 작업이 주 두세 번 있고, 교대로 돌아갑니다. 그럼 다시 여쭤볼게요. "
                        "그런 일정은 어떻게 맞추실 수 있겠어요?").passed


def test_the_sealed29_and_sealed30_writers_holes_are_closed() -> None:
    # stop 29: "where" shared with the pending question is no simpler re-ask; "the other side" in the answer is no
    # detail asked after; a bare request for an example is no move on; a Korean "고마워요" closes
    dodge = _situation("reask_simpler", "Hard to say, it varies.",
                       "Walk me through a claim where the figures looked wrong.", "en")
    assert not judge(dodge, "Thanks. Next question: where do you see yourself in ten years?").passed
    done = _situation("next_question", "I rang the other side's broker and we agreed the figure that afternoon.",
                      "How did you settle the disputed invoice?", "en")
    assert judge(done, "Thanks. Next question: how do you and your colleagues cover for each other?").passed
    assert "follows up instead of moving on" in judge(done, "Could you give me an example?").problems
    assert "follows up instead of moving on" in judge(
        _situation("next_question", "네, 그렇게 마무리했습니다.", "그 일은 어떻게 마무리됐나요?"), "예를 들어 말씀해 주세요.").problems
    last = _situation("close", "아니요, 없어요. 오늘 감사했습니다.", "마지막으로 하고 싶은 말 있어요?")
    assert judge(last, "네, 오늘 와 줘서 고마워요. 결과는 다음 주에 연락드릴게요.").passed


def test_the_sealed31_and_sealed32_writers_holes_are_closed() -> None:
    # "본인" is a word of asking, no shared topic; a "what would you do" about something else is no pivot nor re-ask;
    # a request after a colon asks; "…하실 것 같아요?" asks what the candidate would do
    dodge = _situation("reask_simpler", "음… 그냥 열심히 하면 되죠.", "본인이 생각하는 친절한 운행은 어떤 건가요?")
    assert not judge(dodge, "감사합니다. 다음 질문입니다. 본인의 단점은 무엇이라고 생각하시나요?").passed
    no = _situation("pivot", "No, never, I'm afraid.", "Have you ever groomed a cat that was matted?", "en")
    assert not judge(no, "Thanks. Next question: how would you handle a conflict with a coworker?").passed
    assert judge(no, "That's fine. Say a long-haired cat comes in matted and hissing. How would you start?").passed
    assert judge(no, "That's fine if you haven't. If you were given that task, how would you approach it?").passed
    done = _situation("next_question", "I checked every pallet against the manifest and flagged two.",
                      "How did you handle the short delivery?", "en")
    assert judge(done, "Thanks. Next question: tell me about a time you trained a new starter.").passed
    ko_no = _situation("pivot", "아니요, 그런 적은 없어요.", "학부모 민원을 직접 응대해 본 적 있어요?")
    assert judge(ko_no, "괜찮아요. 학부모가 민원을 넣으면 어떻게 하실 것 같아요?").passed


def test_the_sealed33_and_sealed34_writers_hole_is_closed() -> None:
    # a stock "what would you do" opened as a scenario ("만약 …라면", "Say …") names no scene of its own: no pivot
    # nor re-ask; a scenario with a scene of its own still is one
    ko_no = _situation("pivot", "아니요, 그런 적은 없어요.", "학부모 민원을 직접 응대해 본 적 있어요?")
    assert not judge(ko_no, "만약 동료와 갈등이 생긴다면 어떻게 하시겠어요?").passed
    assert judge(ko_no, "괜찮아요. 만약에 하원 때 어머님이 아이 팔에 긁힌 자국이 있다고 화를 내신다면, 어떻게 하시겠어요?").passed
    no = _situation("pivot", "No, never, I'm afraid.", "Have you ever groomed a cat that was matted?", "en")
    assert not judge(no, "Say you had a conflict with a coworker. How would you handle it?").passed
    dodge = _situation("reask_simpler", "음… 그냥 열심히 하면 되죠.", "본인이 생각하는 친절한 운행은 어떤 건가요?")
    assert not judge(dodge, "만약 동료와 갈등이 생긴다면 어떻게 하시겠어요?").passed
    # (sealed35's writer: an opening "Okay." is no word of a scene)
    assert not judge(no, "Okay. Say you had a disagreement with a colleague. What would you do?").passed


def test_the_sealed36_writers_closings_close() -> None:
    # "고맙습니다" holds 고맙, not 고마; "Cheers for coming in" is a British closing
    last = _situation("close", "아니요, 없습니다.", "마지막으로 하고 싶은 말씀 있으세요?")
    assert judge(last, "네, 오늘 와 주셔서 고맙습니다. 결과는 다음 주에 연락드릴게요.").passed
    assert judge({**last, "language": "en"}, "Right, cheers for coming in. We'll be in touch next week.").passed


def test_a_figure_from_the_jobs_own_name_is_not_invented() -> None:
    # (sealed38's item: the reply named the job, "9급 신규", and the judge counted an invented number)
    asks = {**_situation("answer_question", "그 전에 발령지는 어떻게 정해지나요?", "공직자에게 가장 중요한 덕목은 무엇입니까?"),
            "context": {"company_name": "서울지방국세청", "job_name": "세무직 9급"}}
    asks["expect"]["must_not"] = ["invent_number"]
    named = "세무직 9급 기준으로 말씀드리면, 발령지는 합격 후 배치 안내 때 정해집니다. 그럼 다시 질문으로 돌아가겠습니다. " \
            "공직자에게 가장 중요한 덕목은 무엇입니까?"
    assert "invent_number" not in judge(asks, named).problems
    salary = "초봉은 3200만 원입니다. 그럼 다시 질문으로 돌아가겠습니다. 공직자에게 가장 중요한 덕목은 무엇입니까?"
    assert "invent_number" in judge(asks, salary).problems
