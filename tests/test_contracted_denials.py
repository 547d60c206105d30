"""A denial with the contracted auxiliary ("I've never …") to a have-you question pivots to how the candidate would
approach it, whatever else they did instead (interview/denials.py); so does a Korean denial after the question's word
trailing off ("협상 경험은… 솔직히 없습니다")."""
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


def test_an_auxiliary_with_its_verb_left_out_is_a_denial() -> None:
    assert _decide("Have you run a book club for adults before?",
                   "No, I haven't, sorry. My reading sessions have all been for toddlers on Saturday mornings.") \
        is Move.PIVOT
    assert _decide("Tell me about a time you handled a complaint about a lost item.",
                   "Honestly, I haven't. The closest was a mix-up over a library card once.") is Move.PIVOT


def test_a_korean_denial_of_the_thing_asked_in_its_own_sentence_pivots() -> None:
    ko = InterviewContext(company_name="한화큐셀", job_name="B2B 영업", total_questions=5, language="ko")
    turn = ChatTurn("음... 수주까지는 없어요. 전에는 자동차 딜러로 일했거든요. 태양광은 처음입니다.",
                    (Message("user", "안녕하세요"),
                     Message("assistant", "공장 지붕 태양광을 제안해서 수주까지 이어 간 적이 있나요?")), ko)
    decision = decide(turn)
    assert decision.move is Move.PIVOT and "하셨나요" not in decision.text


def test_a_story_with_no_problem_in_it_is_no_denial() -> None:
    assert _decide("Have you dealt with a double-booked meeting room?",
                   "Yes. I moved the second group to the reading room, and there was no complaint after that. "
                   "I haven't had one since.") is not Move.PIVOT


def test_it_never_happened_and_not_on_my_own_are_denials() -> None:
    assert _decide("Tell me about a time a patron was taken ill in the library.",
                   "Honestly, that's never happened to me. Our branch is pretty quiet, thankfully.") is Move.PIVOT
    assert _decide("Have you ever planned a holiday reading programme from start to finish?",
                   "Not on my own, no. At the branch I just helped with the craft table, the manager did the "
                   "planning.") is Move.PIVOT


def test_a_korean_denial_first_with_only_training_after_it_pivots() -> None:
    ko = InterviewContext(company_name="한국수력원자력", job_name="안전관리", total_questions=5, language="ko")
    turn = ChatTurn("아뇨, 다행히 화재가 난 적은 없어요. 소방 교육만 받았고… 실제로 겪은 건 없습니다.",
                    (Message("user", "안녕하세요"), Message("assistant", "현장에서 화재가 났을 때 직접 대처해 본 적이 있어요?")),
                    ko)
    assert decide(turn).move is Move.PIVOT


def test_a_korean_denial_after_the_questions_word_trailing_off_pivots() -> None:
    # "협상 경험은…" opens as its own fragment; the denial comes in the next sentence, with what was done instead
    ko = InterviewContext(company_name="동원F&B", job_name="영업관리", total_questions=5, language="ko")
    turn = ChatTurn("거래처 관리 경험은… 사실 없습니다. 아르바이트 때는 매장 진열하는 일만 했어요.",
                    (Message("user", "시작하겠습니다."), Message("assistant", "거래처를 직접 관리해 본 경험이 있나요?")), ko)
    assert decide(turn).move is Move.PIVOT


def test_a_denial_in_other_words_pivots() -> None:
    """"I don't think I have", "I don't really have one", "I've not …", "No, not really" (sealed41-44, after the run;
    wordings written for this test)."""
    story = "Tell me about a time you had to calm down an upset visitor."
    assert _decide(story, "Hmm, I don't think I have, to be honest. I've mostly done returns and shelving.") \
        is Move.PIVOT
    assert _decide(story, "I don't really have one, sorry. My shifts were the quiet Sunday ones.") is Move.PIVOT
    assert _decide(story, "Not that I remember. I've not really worked on the front desk, it was mostly "
                          "cataloguing.") is Move.PIVOT
    assert _decide(story, "No, not really. At the archive it was mostly scanning, and visitors booked ahead.") \
        is Move.PIVOT
    assert _decide(story, "Hmm, nothing I would call upset, to be fair. People were mostly lovely at the branch.") \
        is Move.PIVOT


def test_a_korean_denial_worded_as_never_tried_or_nothing_worth_the_name_pivots() -> None:
    ko = InterviewContext(company_name="우리부동산", job_name="중개보조원", total_questions=5, language="ko")

    def move(question: str, answer: str) -> Move:
        return decide(ChatTurn(answer, (Message("user", "안녕하세요"), Message("assistant", question)), ko)).move

    assert move("임대인과 임차인 사이에서 조건을 조율했던 적이 있어요?",
                "아뇨, 아직 계약 실무는 한 번도 안 해 봐서요. 전에는 카페에서 일했어요.") is Move.PIVOT
    assert move("고객을 설득해서 계약을 이끌어 낸 경험을 말씀해 주세요.",
                "음… 저는 주로 매물 사진 찍는 일을 해서요. 그냥 시키는 대로 했던 것 같아요. 경험이라고 할 만한 건 없네요.") \
        is Move.PIVOT
