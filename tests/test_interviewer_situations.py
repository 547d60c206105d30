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
