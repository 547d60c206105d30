"""A denial with the contracted auxiliary ("I've never …") to a have-you question pivots to how the candidate would
approach it, whatever else they did instead (interview/denials.py)."""
from __future__ import annotations

from interview.policy import Move, decide
from llm.base import ChatTurn, InterviewContext, Message

EN = InterviewContext(company_name="Riverside Library", job_name="Branch Assistant", total_questions=5, language="en")


def _decide(question: str, answer: str) -> Move:
    return decide(ChatTurn(answer, (Message("user", "Hi"), Message("assistant", question)), EN)).move


def test_ive_never_pivots() -> None:
    assert _decide("Have you organised reading events for teenagers?",
                   "No, I've never organised a teen event myself. I've mostly shelved books and run the front "
                   "desk at a university library.") is Move.PIVOT


def test_an_account_of_what_was_done_is_not_a_denial() -> None:
    assert _decide("Have you organised reading events for teenagers?",
                   "Yes, I ran a monthly manga club for teenagers and grew it from six to twenty regulars in a "
                   "year by letting them pick the titles.") is not Move.PIVOT
