"""A tale of the trip to the interview is redirected however long it runs and whoever was kind on it; a reply that
has none of what was asked, or a view with no one in it, is put again more simply, never in the reply's own words;
the work the candidate wishes for in the introduction answers why they applied. The wordings are this file's own
and in no situations file (interview/episodes.py, generic_dodge.py, second_look.py, rewording.py,
answer_holds.gives_reason_for_applying)."""
from __future__ import annotations

import pytest

from interview.answer_holds import gives_reason_for_applying
from interview.policy import Move, decide
from llm.base import ChatTurn, InterviewContext, Message
from tests.test_offtopic_domain import _turn
from tests.test_stories_told_aside import _ctx

TRIPS = [
    (_ctx("코레일", "역무원"), "열차가 지연되면 승객들께 어떻게 안내하시겠어요?",
     "아 맞다, 어제 광주에서 올라올 때 버스 기사님이 휴게소마다 안내 방송을 재밌게 해 주셔서 다들 웃었어요. 그게 계속 "
     "생각나더라고요."),
    (_ctx("Siemens", "Field Service Engineer", "en"), "How do you plan a day with three site visits?",
     "Oh, before I forget, on the drive in this morning the satnav sent me through a farm and I ended up stuck "
     "behind a tractor for twenty minutes. A lady walking her dog kindly pointed me back to the main road, and I "
     "still got here early, which honestly surprised me. The car park is lovely by the way."),
]


@pytest.mark.parametrize("context,question,answer", TRIPS)
def test_a_tale_of_the_trip_here_is_redirected(context: InterviewContext, question: str, answer: str) -> None:
    assert decide(_turn(question, answer, context)).move is Move.REDIRECT


def test_having_none_of_what_was_asked_is_put_again_more_simply() -> None:
    turn = _turn("What would you say is your main weakness?",
                 "To be fair, I don't have any. I tend to just crack on.", _ctx("Tesco", "Shift Leader", "en"))
    assert decide(turn).move is Move.REASK_SIMPLER


def test_a_view_with_no_one_in_it_is_put_again_not_redirected() -> None:
    turn = _turn("우리 매장이 새로 잡아야 할 손님은 누구라고 보세요?",
                 "요즘 소비 흐름이 워낙 빨리 바뀌니까 그런 흐름을 잘 따라가는 게 제일 중요하죠. 뭐 여러 가지로 해 봐야 할 것 "
                 "같아요.", _ctx("올리브영", "매장 기획"))
    assert decide(turn).move is Move.REASK_SIMPLER


def test_a_reask_never_says_the_candidates_phrase_back() -> None:
    turn = _turn("Tell me about a time you had to deliver bad news to a customer.",
                 "Sorry, nothing really comes to mind.", _ctx("Accenture", "Consultant", "en"))
    decision = decide(turn)
    assert decision.move is Move.REASK_SIMPLER
    assert "comes to mind" not in decision.text


def test_the_work_wished_for_in_the_introduction_answers_why_they_applied() -> None:
    assert gives_reason_for_applying(["I'd love to work with young offenders, it's why I retrained."], "en")
    assert not gives_reason_for_applying(["I'd love to be sure it works first."], "en")
    context = InterviewContext(company_name="Leeds City Council", job_name="Youth Worker", total_questions=5,
                               language="en")
    history = (Message("user", "Hi."), Message("assistant", "Welcome. Tell me about yourself."),
               Message("user", "I ran a youth club on my estate for two years. I'd like to work with teenagers who "
                               "have dropped out of school."),
               Message("assistant", "How would you get a quiet teenager to join in a group session?"))
    answer = ("I'd start one to one, find out what they're into, and give them a job in the session, like running "
              "the music, so they're part of it without having to speak up first.")
    decision = decide(ChatTurn(answer, history, context))
    assert decision.move is Move.NEXT_QUESTION
    assert "apply" not in decision.text.lower() and "지원" not in decision.text
