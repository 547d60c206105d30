"""When to move on: a narrow question in other words spends the one follow-up, and so does any question put right after
an answer about the work and a yes to a yes/no question that asks for no story; a follow-up about one part of a story
closes it, a question that opens a story of its own (after the opening, in whatever words) still gets its follow-up,
and a generality is no answer. A follow-up after a question about the work already dug in (only after an introduction
does it draw the first story out), a plan or a present practice told is the answer, and "the reason I ask is …" makes
a question to the interviewer."""
from __future__ import annotations

import pytest

from interview.generic_dodge import dodges_the_question
from interview.history import covered_intents
from interview.moving_on import opens_a_story
from interview.policy import Move, decide
from interview.question_tense import asks_what_you_would
from interview.reading import intent_of, read_answer
from llm.base import ChatTurn, InterviewContext, Message

KO = InterviewContext(company_name="한국가스공사", job_name="설비 운영", total_questions=6, language="ko")
EN = InterviewContext(company_name="Wessex Pipeworks", job_name="Site Supervisor", total_questions=6, language="en")


def _decide(context: InterviewContext, lines: list[tuple[str, str]], answer: str) -> Move:
    history = tuple(Message(role, text) for role, text in lines)
    return decide(ChatTurn(answer, history, context)).move


@pytest.mark.parametrize(("context", "lines", "answer"), [
    # a narrow question about what was just told ("정압기 점검표") is a follow-up in other words: answered, move on
    (KO, [("assistant", "안녕하세요. 지금까지 어떤 일을 해 오셨는지 말씀해 주세요."),
          ("user", "도시가스 협력사에서 이 년 동안 정압기 점검을 맡았고, 제가 정압기 점검표를 새로 만들었습니다."),
          ("assistant", "정압기 점검표는 무엇을 기준으로 항목을 정하셨나요?")],
     "지난 삼 년 고장 기록을 부품별로 묶어 보니 필터 막힘과 조정기 떨림이 대부분이어서, 그 두 가지를 매주 확인하는 항목으로 "
     "넣었습니다. 그 뒤로 점검에서 놓친 고장이 한 건도 없었습니다."),
    # the same in English, pointing back with "it"
    (EN, [("assistant", "Hello. Could you start with what you do now?"),
          ("user", "I supervise a crew of six replacing old lead service pipes in Coventry."),
          ("assistant", "How did you get the residents to accept the road closures for it?")],
     "I knocked on every door a week before, left a printed timetable, and we kept one lane open at school run times. "
     "We had two complaints over the whole three months, both sorted the same day."),
    # a plan asked for in other words: the plan, once told, was the answer
    (KO, [("assistant", "안녕하세요. 간단히 자기소개 부탁드립니다."), ("user", "기계공학을 전공한 박서준입니다."),
          ("assistant", "야간 근무 중에 압력 경보가 울렸는데 현장에 혼자 계신다면 어떻게 하시겠어요?")],
     "먼저 경보 위치와 압력값을 확인하고 상황실에 바로 보고하겠습니다. 현장 접근이 위험하면 혼자 들어가지 않고 2인 1조 규정에 "
     "따라 지원을 요청한 뒤, 밸브 차단 절차를 상황실 지시에 맞춰 진행하겠습니다."),
    # a part of what was told, named bare as the topic ("누수율은 …?"), after the story
    (KO, [("assistant", "안녕하세요. 최근에 맡았던 일부터 말씀해 주세요."),
          ("user", "상수도 사업소에서 노후 관로 교체 구간을 정하는 일을 했습니다. 누수 신고가 잦은 동네부터 바꿨어요."),
          ("assistant", "누수율은 어떻게 달라졌어요?")],
     "교체한 구간에서는 한 해 동안 누수 신고가 열두 건에서 두 건으로 줄었고, 사업소 전체 누수율도 조금 내려갔습니다."),
    # "did the …": the people of the story just told
    (EN, [("assistant", "Hello. Could you start with what you do now?"),
          ("user", "I run the night shift in a canning hall and last spring I moved our line checks to tablets."),
          ("assistant", "How did the operators take to the change?")],
     "Two of the older operators hated it at first, so I paired them with the apprentices for a week and kept the "
     "paper sheets as a backup. After a month nobody asked for the paper any more."),
    # a clause that recalls the story before the question proper: the story is not asked for again
    (KO, [("assistant", "안녕하세요. 자기소개 부탁드립니다."), ("user", "물류센터에서 삼 년간 출고 관리를 했습니다."),
          ("assistant", "출고 오류를 줄였던 경험을 말씀해 주셨는데, 그 오류는 주로 어디서 생겼나요?")],
     "대부분 비슷한 포장의 상품이 같은 선반에 붙어 있어서 생겼어요. 그래서 선반 배치를 바꾸고 바코드 검수를 두 번 하게 했더니 "
     "한 달 만에 오류가 눈에 띄게 줄었습니다."),
])
def test_a_narrow_question_in_other_words_spends_the_follow_up(context: InterviewContext,
                                                                lines: list[tuple[str, str]], answer: str) -> None:
    assert _decide(context, lines, answer) is Move.NEXT_QUESTION


def test_a_follow_up_about_one_part_closes_the_story() -> None:
    """The first reply was short and the follow-up asked only how it ended: with the ending told, move on."""
    lines = [("assistant", "현장에서 안전 수칙 때문에 작업을 멈춰야 했던 경험을 말씀해 주세요."),
             ("user", "배관 용접 중에 가스 검지기가 울린 적이 있습니다."),
             ("assistant", "그래서 그 작업은 결국 어떻게 마무리됐나요?")]
    answer = ("바로 작업을 멈추고 주변 밸브를 잠근 뒤 환기를 했습니다. 누설 지점을 찾아 패킹을 교체하고 농도가 기준 아래로 "
              "떨어진 걸 두 번 확인한 다음 다시 용접을 마쳤고, 그날 일정은 두 시간 늦어졌습니다.")
    assert _decide(KO, lines, answer) is Move.NEXT_QUESTION


def test_a_question_that_opens_a_story_still_gets_its_follow_up() -> None:
    """After the background, the interviewer asked for a story of its own: its first telling is dug into."""
    lines = [("assistant", "안녕하세요. 지금 하시는 일부터 말씀해 주세요."),
             ("user", "지역 공급 관리소에서 삼 년째 배관 순찰을 하고 있습니다."),
             ("assistant", "그 순찰 업무에서 직접 바꿔 본 게 있다면 하나 들려주세요.")]
    answer = ("순찰 경로가 담당자마다 달라서 빠지는 구간이 있었어요. 그래서 제가 지도에 구간 번호를 매겨 순찰 기록지를 바꾸자고 "
              "제안했고, 석 달 뒤 누락 구간이 거의 없어졌습니다.")
    assert _decide(KO, lines, answer) is Move.FOLLOW_UP


@pytest.mark.parametrize(("question", "language", "story"), [
    ("고객과 약속을 못 지킬 뻔했던 순간이 있었다면 들려주세요.", "ko", True),
    ("가장 기억에 남는 현장 하나만 골라 주세요.", "ko", True),
    ("신입 때 실수했던 일을 얘기해 주실래요?", "ko", True),
    ("점검 주기는 어떤 기준으로 정하셨어요?", "ko", False),
    ("그래서 그 뒤에 어떻게 됐어요?", "ko", False),
    ("Tell me about a shift that went wrong.", "en", True),
    ("What's the toughest decision you've had to make on site?", "en", True),
    ("How did your manager take it?", "en", False),
    ("Which supplier did you pick in the end?", "en", False),
])
def test_a_story_of_its_own_is_told_apart_from_one_part(question: str, language: str, story: bool) -> None:
    assert opens_a_story(question, language) is story


@pytest.mark.parametrize(("question", "answer", "language", "dodge"), [
    ("신규 직원 교육은 어떻게 진행하시겠어요?", "직원마다 성향이 다르니까요. 그때그때 맞춰서 잘 하면 될 것 같아요.", "ko", True),
    ("How would you handle a contractor who ignores the permit rules?",
     "It depends on the person, really. I'd just keep things professional.", "en", True),
    ("신규 직원 교육은 어떻게 진행하시겠어요?", "전 직장에서 체크리스트로 첫 주 교육을 했더니 실수가 절반으로 줄었습니다.", "ko", False),
    ("주말 근무도 괜찮으신가요?", "네, 괜찮습니다.", "ko", False),  # a yes/no question asks for no more than that
])
def test_a_generality_to_a_how_question_dodges_it(question: str, answer: str, language: str, dodge: bool) -> None:
    reading = read_answer(answer, intent_of(question, language), language)
    assert dodges_the_question(reading, answer, question) is dodge


@pytest.mark.parametrize(("context", "lines", "answer"), [
    # a story asked for as an instance of the view just given: the story told in full, move on
    (KO, [("assistant", "안녕하세요. 정수장 설비를 점검할 때 제일 먼저 보시는 게 뭔가요?"),
          ("user", "펌프 진동이요. 진동이 달라지면 대부분 다른 고장이 뒤따라옵니다."),
          ("assistant", "그렇게 해서 실제로 큰 고장을 막은 적이 있나요?")],
     "네, 작년 여름에 2번 송수 펌프 진동값이 평소보다 두 배쯤 올라가 있었어요. 제가 바로 예비 펌프로 돌리고 베어링을 열어 "
     "보니 마모가 심해서 교체했고, 덕분에 급수 중단 없이 넘어갔습니다."),
    # a question about how it went, with no word of the answer before it and nothing pointing back
    (KO, [("assistant", "안녕하세요. 민원 응대하면서 가장 까다로웠던 분 얘기를 해 주세요."),
          ("user", "단수 예고를 못 받았다고 사무실까지 찾아오신 어르신이 계셨어요."),
          ("assistant", "마지막에는 어떻게 마무리하셨어요?")],
     "댁 주변 게시판 사진을 보여 드리고, 그래도 못 보셨을 수 있으니 다음부터는 문자로도 알려 드리겠다고 약속드렸어요. 연락처를 "
     "받아 등록해 드렸고, 그 뒤로는 찾아오시는 일이 없었습니다."),
    # English: a question of how it went on, with nothing pointing back, after a story told short
    (EN, [("assistant", "Hello. What's the worst fault you've had to plan around?"),
          ("user", "A cracked axle box on a unit due out at five in the morning."),
          ("assistant", "Who made the decision about the early service?")],
     "I did, in the end. I rang the control office, we agreed to run the spare unit instead, and I got the fitters on "
     "the axle box overnight. Nothing was cancelled and the cracked unit was back in service two days later."),
])
def test_a_question_right_after_an_answer_spends_the_follow_up(context: InterviewContext,
                                                               lines: list[tuple[str, str]], answer: str) -> None:
    assert _decide(context, lines, answer) is Move.NEXT_QUESTION


@pytest.mark.parametrize(("context", "lines", "answer"), [
    (KO, [("assistant", "안녕하세요. 자기소개 짧게 부탁드립니다."),
          ("user", "환경공학을 전공하고 하수처리장에서 이 년 일했습니다."),
          ("assistant", "비상 대기 근무도 가능하신가요?")],
     "네, 가능합니다. 지금 직장에서도 한 달에 두 번 대기 근무를 하고 있습니다."),
    (EN, [("assistant", "Hello. Are you happy to be based at the Gloucester yard?")],
     "Yes, that's fine. I live about twenty minutes from it."),
])
def test_a_yes_to_a_question_that_asks_no_story_moves_on(context: InterviewContext, lines: list[tuple[str, str]],
                                                         answer: str) -> None:
    assert _decide(context, lines, answer) is Move.NEXT_QUESTION


@pytest.mark.parametrize(("context", "lines", "answer"), [
    # the self-introduction asked in words the intent cues miss: the story question after it opens the work
    (KO, [("assistant", "반갑습니다. 먼저 어떤 분이신지 소개 좀 해 주실래요?"),
          ("user", "배수지 관리 업체에서 삼 년 동안 현장 기사로 일했습니다."),
          ("assistant", "그 일을 하면서 수질 문제를 해결해 본 경험이 있으면 하나 들려주세요.")],
     "염소 농도가 한 배수지에서만 계속 낮게 나왔는데, 제가 주입 펌프 기록을 보니 야간에만 떨어지더라고요. 타이머 설정이 "
     "잘못돼 있어서 바로잡았습니다."),
    (EN, [("assistant", "Hi, thanks for coming in. Quick intro to start?"),
          ("user", "I've planned overnight maintenance for a train operator for four years."),
          ("assistant", "Tell me about a time a possession overran.")],
     "A track renewal near Bristol overran by two hours because the tamper broke down. I had the next morning's "
     "diagrams changed and buses booked before the first service."),
    (EN, [("assistant", "Morning, I'm Dev, I run the depot. Let's start with a bit about you."),
          ("user", "I've driven vans for a parcel firm in Leeds for two years."),
          ("assistant", "Tell me about a time a delivery went wrong and how you sorted it.")],
     "A parcel for a care home went to the wrong street. So I drove back after my last drop and took it round "
     "myself. The manager rang the depot to say thanks."),
    # a yes to "have you ever …" is the start of a story, not the whole answer
    (KO, [("assistant", "안녕하세요. 점검 일정이 꼬여서 곤란했던 적이 있나요?")],
     "네, 있습니다. 장마 때 점검 날짜가 세 번 밀려서 제가 협력업체 일정을 다시 짰습니다."),
])
def test_after_the_opening_a_story_still_gets_its_follow_up(context: InterviewContext,
                                                            lines: list[tuple[str, str]], answer: str) -> None:
    assert _decide(context, lines, answer) is Move.FOLLOW_UP


@pytest.mark.parametrize(("context", "lines", "answer"), [
    # a story question got a short story, the follow-up asked what was hardest: the story is now told, move on
    (KO, [("assistant", "안녕하세요. 간단히 자기소개 부탁드립니다."), ("user", "기계공학을 전공했고 발전소 협력사에서 일했습니다."),
          ("assistant", "정비하면서 설비 고장을 직접 해결했던 경험을 말씀해 주세요."),
          ("user", "보일러 급수 펌프 진동이 커져서 제가 베어링을 교체했습니다."),
          ("assistant", "그 교체 작업에서 가장 힘들었던 점은 뭐였어요?")],
     "정지 시간이 여섯 시간밖에 없어서 부품이 제때 오지 않으면 안 됐어요. 그래서 제가 전날 밤에 예비 베어링 치수를 미리 재서 "
     "맞춰 두었고, 다섯 시간 만에 교체를 끝내서 발전 정지를 늘리지 않았습니다."),
    # the same in English: a story question, a reply that gave only how long it ran over, and the follow-up's answer
    (EN, [("assistant", "Hello. Tell me about a delivery plan that ran late."),
          ("user", "A rollout of new depot routes ran three weeks late because the client kept changing the stops."),
          ("assistant", "What did you change after that project?")],
     "I now agree the list of stops in writing before any route is drawn, and changes after that go into the next "
     "monthly revision. Since then none of my route plans has run more than a couple of days late."),
])
def test_a_follow_up_after_a_question_about_the_work_already_dug_in(context: InterviewContext,
                                                                   lines: list[tuple[str, str]], answer: str) -> None:
    assert _decide(context, lines, answer) is Move.NEXT_QUESTION


def test_after_an_introduction_the_first_story_is_still_dug_into() -> None:
    lines = [("assistant", "안녕하세요. 간단히 자기소개 부탁드립니다."),
             ("user", "발전소 협력사에서 삼 년 동안 펌프 정비를 했습니다."),
             ("assistant", "그 일을 하면서 직접 바꿔 본 게 있다면 소개해 주세요.")]
    answer = ("펌프 정비 기록이 종이로만 남아서 같은 고장이 반복돼도 잘 몰랐어요. 그래서 제가 설비별 고장 이력을 엑셀로 정리해서 "
              "팀에 공유했고, 같은 부품이 세 번 넘게 나가면 교체 주기를 앞당기자고 제안했습니다.")
    assert _decide(KO, lines, answer) is Move.FOLLOW_UP


@pytest.mark.parametrize(("context", "question", "answer"), [
    # a plan under a "when" clause: no time is recalled, the plan told was the answer
    (KO, "정비 일정이 밀렸는데 운전팀이 설비를 빨리 돌려 달라고 할 때 어떻게 하시겠어요?",
     "먼저 밀린 작업 중에 안전과 직결된 항목이 뭔지 운전팀과 같이 확인하겠습니다. 안전 항목은 끝까지 마치고, 미뤄도 되는 항목은 "
     "다음 정지 때로 옮기자고 제안하겠습니다. 그리고 그 결정을 작업 일지에 남겨서 나중에 누가 봐도 알 수 있게 하겠습니다."),
    # a practice asked for in the present, told as a practice: the answer
    (KO, "교대 근무 때 인수인계는 평소에 어떻게 하세요?",
     "저는 설비별로 이상 징후와 진행 중인 작업을 나눠서 적고요, 다음 근무자랑 현장에서 같이 한 바퀴 돌면서 확인해요. 특히 "
     "경보가 한 번이라도 울린 설비는 따로 표시해서 먼저 봅니다."),
    # what the candidate looks at, and what they think, told in the present
    (KO, "정비 계획을 세울 때 가장 먼저 보는 자료가 뭔가요?",
     "저는 설비별 고장 이력부터 봅니다. 같은 부품이 자주 나가는 설비가 있으면 그 설비를 계획 맨 앞에 두고, 그다음에 제조사 권장 "
     "교체 주기를 맞춰 봅니다."),
    (KO, "신입 정비원에게 가장 필요한 자질은 무엇이라고 보시나요?",
     "음… 저는 모르는 걸 바로 묻는 태도라고 생각합니다. 설비는 한 번 잘못 만지면 크게 멈추니까, 혼자 판단하지 않고 선배에게 "
     "확인받는 습관이 기술보다 먼저라고 봅니다."),
    (EN, "How do you plan the week's collections when one of the drivers is off sick?",
     "I keep a short list of agency drivers who know our routes, and I ring them first thing. Then I move the "
     "collections with the tightest windows to the most experienced drivers and push the flexible ones to Friday."),
])
def test_a_plan_or_a_practice_told_is_the_answer(context: InterviewContext, question: str, answer: str) -> None:
    opening = "안녕하세요. 바로 질문 드리겠습니다." if context.language == "ko" else "Hello, let's begin."
    assert _decide(context, [("assistant", f"{opening} {question}")], answer) is Move.NEXT_QUESTION


def test_a_practice_question_answered_with_a_past_story_is_dug_into() -> None:
    answer = ("Last winter two drivers went down with flu on the same Monday. I split their runs between the "
              "others and took one van out myself, so we only missed one collection.")
    question = "How do you plan the week's collections when one of the drivers is off sick?"
    lines = [("assistant", f"Hello, let's begin. {question}")]
    assert _decide(EN, lines, answer) is Move.FOLLOW_UP


def test_if_there_was_one_is_no_hypothetical() -> None:
    assert not asks_what_you_would("정비하면서 판단이 엇갈렸던 적이 있었다면 들려주세요.", "ko")
    assert not asks_what_you_would("설비 사고를 직접 겪어 보셨다면 그 얘기를 해 주세요.", "ko")
    assert asks_what_you_would("본인이 팀장이라면 어떻게 하시겠어요?", "ko")


def test_a_question_with_the_reason_it_is_asked_is_answered() -> None:
    lines = [("assistant", "Hello. Tell me about a project you planned from start to finish.")]
    answer = ("Do you use subcontracted hauliers much here? The reason I ask is that I have only planned our own "
              "fleet.")
    assert _decide(EN, lines, answer) is Move.ANSWER_QUESTION


def test_a_motivation_covered_last_time_is_not_asked_again() -> None:
    line = "Right, we went over your CV and why Harbour Freight last time. How do you plan a week of deliveries?"
    assert "motivation" in covered_intents(line, "en")


@pytest.mark.parametrize(("context", "lines", "answer"), [
    # a check on the call answered ("are you still there?" → "Yes, still here") is no answer the next question carries
    # on from: the story question after it keeps its follow-up (stop 29)
    (EN, [("assistant", "Welcome. Tell me a little about yourself."),
          ("user", "I've supervised pipe-laying crews for four years."),
          ("assistant", "Sorry, the video froze on my side. Can you hear me now?"),
          ("user", "Yes, I can hear you fine."),
          ("assistant", "Good. Tell me about a time you stopped a job because something was unsafe.")],
     "On a trench job last spring I saw the shoring was missing on one side, so I pulled the crew out and called the "
     "engineer. We lost half a day, but the wall slumped that night."),
    # an introduction asked as "본인 얘기 좀 해 봐요": the first story question after it is no carrying on
    (KO, [("assistant", "어서 오세요. 격식 차릴 것 없고, 본인 얘기 좀 해 봐요."),
          ("user", "가스 배관 설비를 삼 년 점검했습니다."),
          ("assistant", "네, 그럼 설비 이상을 미리 발견했던 경험을 말씀해 주세요.")],
     "작년 겨울에 정압기 점검을 하다가 압력 기록이 조금씩 흔들리는 걸 봤어요. 그래서 필터를 열어 보니 이물질이 "
     "쌓여 있어서 바로 교체했고, 그 뒤로는 점검표에 필터 차압 항목을 넣었습니다."),
    (KO, [("assistant", "안녕하세요. 간단하게 자기소개 부탁드립니다."),
          ("user", "가스 배관 설비를 삼 년 점검했습니다."),
          ("assistant", "잠깐만요, 제 쪽 연결이 끊겼었는데 제 목소리 잘 들리세요?"),
          ("user", "네, 잘 들립니다."),
          ("assistant", "네, 그럼 설비 이상을 미리 발견했던 경험을 말씀해 주세요.")],
     "작년 겨울에 정압기 점검을 하다가 압력 기록이 조금씩 흔들리는 걸 봤어요. 그래서 필터를 열어 보니 이물질이 "
     "쌓여 있어서 바로 교체했고, 그 뒤로는 점검표에 필터 차압 항목을 넣었습니다."),
])
def test_a_check_on_the_call_is_no_answer_the_next_question_carries_on_from(
        context: InterviewContext, lines: list[tuple[str, str]], answer: str) -> None:
    assert _decide(context, lines, answer) is Move.FOLLOW_UP


_STORY_KO = [("assistant", "안녕하세요. 자기소개 부탁드립니다."), ("user", "배관 설비 회사에서 오 년 동안 현장 관리를 했습니다."),
             ("assistant", "현장에서 안전 문제를 직접 해결해 본 경험을 말씀해 주세요.")]
_WHOLE_KO = ("작년 여름 지하 기계실 배관 교체 공사 때 용접 작업과 도장 작업이 같은 날 겹치게 잡혀 있었습니다. 환기가 약한 "
             "곳이라 유증기에 불티가 닿으면 큰일이 날 수 있어서, 제가 공정표를 다시 짜서 도장을 이틀 뒤로 미루고 용접하는 날에는 "
             "감시자를 한 명 따로 세웠습니다. 협력사 반장님들이 일정이 밀린다고 불만이 많으셨는데, 하루치 인건비를 우리 쪽에서 "
             "맞춰 드리는 걸로 조율했습니다. 결국 공사는 예정보다 하루 늦게 끝났지만 사고는 한 건도 없었습니다.")
_STORY_EN = [("assistant", "Hello. Could you start with what you do now?"),
             ("user", "I coordinate deliveries for a builders' merchant in Leeds."),
             ("assistant", "Tell me about a time you had to sort out a delivery that went wrong.")]
_WHOLE_EN = ("Last March a lorry turned up at a school site with the wrong grade of steel mesh, and the concrete pour was "
             "booked for seven the next morning. I rang our Bradford branch, found they had the right mesh, and asked their "
             "driver to do a late run on his way home while I paid his overtime out of our own budget. I then phoned the "
             "site manager to tell him exactly when it would land and sent him photos of the labels so his foreman could "
             "check it before unloading. The mesh arrived just before midnight, the foreman checked it at six, and the "
             "pour went ahead on time.")


@pytest.mark.parametrize(("context", "lines", "answer"), [(KO, _STORY_KO, _WHOLE_KO), (EN, _STORY_EN, _WHOLE_EN)])
def test_a_long_story_told_without_searching_for_words_is_moved_on_from(
        context: InterviewContext, lines: list[tuple[str, str]], answer: str) -> None:
    assert _decide(context, lines, answer) is Move.NEXT_QUESTION


@pytest.mark.parametrize(("context", "lines", "answer"), [
    # the same length, told while finding the words: there is more to draw out
    (KO, _STORY_KO, "음… " + _WHOLE_KO.replace("협력사 반장님들이", "그… 협력사 반장님들이")),
    (KO, _STORY_KO, "네… " + _WHOLE_KO),  # a trailing "네…" or "뭐…" searches for words as well
    (KO, _STORY_KO, _WHOLE_KO + " 뭐… 그게 다예요."),
    (EN, _STORY_EN, "Um, so " + _WHOLE_EN.replace("I then phoned", "Uh, I then phoned")),
    # a fluent story told short: it is dug into
    (KO, _STORY_KO, "지하 기계실 공사 때 용접과 도장이 같은 날 겹쳐서, 제가 공정표를 다시 짜서 도장을 이틀 뒤로 미뤘습니다."),
    (EN, _STORY_EN, "A lorry brought the wrong steel mesh to a school site, so I got our Bradford branch to send the "
                    "right one that evening."),
])
def test_a_story_told_short_or_while_finding_the_words_is_dug_into(
        context: InterviewContext, lines: list[tuple[str, str]], answer: str) -> None:
    assert _decide(context, lines, answer) is Move.FOLLOW_UP


@pytest.mark.parametrize(("context", "lines", "answer"), [
    (KO, [("assistant", "안녕하세요. 지금 하시는 일부터 말씀해 주세요."),
          ("user", "지역난방 열수송관 순찰을 삼 년째 하고 있고, 제가 누수 의심 구간 지도를 새로 만들었습니다."),
          ("assistant", "지도는 누구랑 같이 만드셨어요?")],
     "음… 그… 제가 혼자 만들고 반장님께 한 번 봐 달라고 했어요."),
    (EN, [("assistant", "Hello. Could you start with what you do now?"),
          ("user", "I look after the pumps at a sewage works near Swindon, and I set up our vibration checks."),
          ("assistant", "How did you decide which pumps to check first?")],
     "Um, mostly the ones that had, uh, failed before, and the two that run at night when nobody is around."),
])
def test_a_narrow_question_answered_while_finding_the_words_keeps_its_follow_up(
        context: InterviewContext, lines: list[tuple[str, str]], answer: str) -> None:
    assert _decide(context, lines, answer) is Move.FOLLOW_UP
    fluent = answer.replace("음… ", "").replace("그… ", "").replace("Um, ", "").replace("uh, ", "")
    assert _decide(context, lines, fluent) is Move.NEXT_QUESTION
