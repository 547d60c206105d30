"""The failure classes the ninth and tenth sealed sets showed, on new wordings: an afterthought sent over the next
question puts that question again, a story the question only reminded the candidate of is redirected, a follow-up
names what the candidate stressed (a pseudo-cleft, "it was a …", a Korean noun the analyser split, not the scene of
a "…였는데" clause), and a question the candidate announces or a choice between two readings is answered."""
from __future__ import annotations

from interview.ko_nouns import noun_part
from interview.policy import Move, decide
from interview.salience import most_salient
from interview.text import Token
from llm.base import ChatTurn, InterviewContext, Message

KO = InterviewContext(company_name="CJ대한통운", job_name="물류 운영", total_questions=5)
EN = InterviewContext(company_name="Acme", job_name="Operations", total_questions=3, language="en")
KO_QUESTION = "야간 재고 조사에서 수량이 계속 안 맞으면 어떻게 하시겠어요?"
EN_QUESTION = "How would you calm an angry parent at school pickup?"


def _turn(question: str, answer: str, context: InterviewContext, interrupted: bool = False) -> ChatTurn:
    history = (Message("assistant", "자기소개 부탁드립니다." if context is KO else "Please introduce yourself."),
               Message("user", "물류센터에서 2년 일했습니다." if context is KO else "I ran an after-school club."),
               Message("assistant", question))
    return ChatTurn(answer, history, context, interrupted=interrupted)


def test_an_afterthought_sent_over_the_question_puts_it_again() -> None:
    for answer, question, context in (
            ("아 그리고 참고로 저는 지게차 자격증도 있습니다.", KO_QUESTION, KO),
            ("Oh, and I forgot to mention I also tutor maths on weekends.", EN_QUESTION, EN)):
        decision = decide(_turn(question, answer, context, interrupted=True))
        assert decision.move is Move.REASK_INTERRUPTED, (answer, decision)
        assert question in decision.text
        # not sent over the question: the candidate heard it, and the reply is read as any other
        assert decide(_turn(question, answer, context)).move is not Move.REASK_INTERRUPTED


def test_an_interrupted_reply_that_takes_up_the_question_is_an_answer() -> None:
    answer = "And I'd calm the parent first by listening, then I'd walk them to the office to sort it out."
    assert decide(_turn(EN_QUESTION, answer, EN, interrupted=True)).move is not Move.REASK_INTERRUPTED


def test_a_day_of_their_own_the_question_reminded_them_of_is_redirected() -> None:
    ko = ("아 재고 하니까 생각나는데요, 제가 지난주에 사촌 결혼식에 갔거든요. 뷔페가 정말 맛있었어요. 사람도 엄청 많았고요. "
          "진짜 재밌었어요.")
    assert decide(_turn(KO_QUESTION, ko, KO)).move is Move.REDIRECT
    en = ("Ha, parents, well, my grandpa used to cycle me to the river on his old bicycle and he always brought "
          "a thermos of cocoa. We laughed about it for years. Anyway, yeah, parents.")
    decision = decide(_turn(EN_QUESTION, en, EN))
    assert decision.move is Move.REDIRECT and EN_QUESTION in decision.text


def test_an_answer_that_opens_by_echoing_the_question_is_still_an_answer() -> None:
    en = ("Angry parents, right. At my club a dad shouted at me over a missed pickup, so I listened, showed him the "
          "sign-out sheet and we agreed a text alert for late pickups.")
    assert decide(_turn(EN_QUESTION, en, EN)).move is not Move.REDIRECT


def test_a_pseudo_cleft_or_it_was_a_names_what_the_candidate_stressed() -> None:
    named = most_salient("We lost orders every night. The part I worried about most was the handover sheet, so I "
                         "rewrote it with the leads.", "en")
    assert "handover sheet" in named[0], named
    named = most_salient("A customer rang about a refund link. It was a phishing email, a very convincing one. I "
                         "checked the sender with the team and warned her.", "en")
    assert "phishing email" in named[0], named


def test_the_scene_of_a_past_copula_clause_is_not_what_the_answer_turns_on() -> None:
    named = most_salient("전 직장이 물류센터였는데 피킹 오류가 유독 많았어요. 그래서 제가 바코드 재검수를 넣자고 했습니다.", "ko")
    assert named and "물류센터" not in named[0], named


def test_a_korean_noun_split_around_an_ending_ends_at_its_copula() -> None:
    sentence = "검사타점이었어요"  # as the analyser may split an unknown compound: 검사/NNG 하/XSV 다/EC 점/NNG …
    word = [Token("검사", "NNG", 0, 2), Token("하", "XSV", 2, 1), Token("다", "EC", 2, 1), Token("점", "NNG", 3, 1),
            Token("이", "VCP", 4, 1), Token("었", "EP", 4, 1), Token("어요", "EF", 5, 2)]
    nouns, tail = noun_part(word, sentence)
    assert [n.form for n in nouns] == ["검사타점"] and tail[0].tag == "VCP"


def test_a_verb_made_a_noun_by_m_is_named() -> None:
    named = most_salient("입주 한 달 만에 벽지 갈라짐이 생겼어요. 그 갈라짐은 제가 다 뜯고 다시 시공했습니다.", "ko", count=3)
    assert any("갈라짐" in p for p in named), named


def test_an_announced_question_and_a_choice_of_readings_are_answered() -> None:
    announced = "Quick question before I answer, is the night shift fixed or rotating? It affects my childcare."
    decision = decide(_turn(EN_QUESTION, announced, EN))
    assert decision.move is Move.ANSWER_QUESTION and EN_QUESTION in decision.text
    question = "How would you improve the training for our warehouse staff?"
    choice = "Just so I'm clear, do you mean the training for new hires or for the staff who are already here?"
    decision = decide(_turn(question, choice, EN))
    assert decision.move is Move.ANSWER_QUESTION and question in decision.text


def test_a_phrase_never_ends_on_a_participle_that_describes() -> None:
    named = most_salient("Now I put each quiet trainee with a seasoned one on the forklift so nobody learns alone.", "en")
    assert named and not any(p.endswith("seasoned") for p in named), named


def test_a_question_about_the_organisations_people_is_answered_not_redirected() -> None:
    question = "How do you keep your work on track when several deadlines land at once?"
    asked = "Do pharmacists here rotate between wards or stay on one unit?"
    decision = decide(_turn(question, asked, EN))
    assert decision.move is Move.ANSWER_QUESTION and question in decision.text
    small_talk = "Do you get many foxes in the car park here?"
    assert decide(_turn(question, small_talk, EN)).move is Move.REDIRECT


def test_the_link_to_the_next_question_never_names_a_verb() -> None:
    answer = ("I'm Sora. I spent two years at a relocation firm helping families settle, and I want to apply what I "
              "learned to students arriving here.")
    history = (Message("assistant", "Could you introduce yourself?"),)
    decision = decide(ChatTurn(answer, history, EN))
    assert "mentioned apply" not in decision.text and "mentioned improve" not in decision.text


def test_a_no_after_a_pause_with_the_years_of_something_else_pivots() -> None:
    question = "수출 통관 서류를 직접 작성해 본 적이 있나요?"
    answer = "음… 없습니다. 저는 물류센터에서만 3년 일해서 통관 서류는 옆에서 본 정도고 직접 써 본 적은 없습니다."
    assert decide(_turn(question, answer, KO)).move is Move.PIVOT


def test_an_interrupted_plan_with_a_pronoun_too_is_an_answer() -> None:
    answer = "저도 그럴 땐 먼저 팀장님께 보고하고 CCTV부터 확인하겠습니다."
    assert decide(_turn(KO_QUESTION, answer, KO, interrupted=True)).move is not Move.REASK_INTERRUPTED
