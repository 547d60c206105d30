"""The shared answer reading (interview/reading.py): kinds, claims, STAR, missing aspects and the scores."""
from __future__ import annotations

import pytest

from interview.reading import AnswerKind, intent_of, read_answer

CONFLICT_KO = "협업 중 의견 충돌을 해결한 경험을 말씀해 주세요."
CONFLICT_EN = "Tell me about a time you disagreed with a teammate."
GOOD_KO = ("졸업 프로젝트에서 팀원과 기능 범위를 두고 의견이 달랐습니다. 저는 두 사람의 안을 표로 정리해 교수님께 조언을 "
           "구했고, 일정에 맞는 안으로 합의했습니다. 덕분에 기한 안에 발표를 마쳤고 서로 신뢰가 생겼습니다.")
GOOD_EN = ("At my last internship I disagreed with our lead about caching. I built a small benchmark, showed it "
           "reduced latency by 40%, and we shipped it two weeks later.")
SALAD_KO = "테스트 코드 원칙 품질 협업 소통 30% 향상 제가 주도 역할 배운 점. " * 2


def kind(answer: str, question: str = CONFLICT_KO, language: str = "ko") -> AnswerKind:
    return read_answer(answer, intent_of(question, language), language).kind


@pytest.mark.parametrize(("answer", "question", "language", "expected"), [
    (GOOD_KO, CONFLICT_KO, "ko", AnswerKind.ANSWER),
    ("연봉은 어떻게 되나요?", "자기소개 부탁드립니다.", "ko", AnswerKind.QUESTION),
    ("아니요, 없습니다.", "성능을 최적화해 본 경험이 있으신가요?", "ko", AnswerKind.NO_EXPERIENCE),
    ("그런 일을 해 본 적이 없습니다.", CONFLICT_KO, "ko", AnswerKind.NO_EXPERIENCE),
    ("음 잘 모르겠습니다. 그냥 열심히 하겠습니다.", CONFLICT_KO, "ko", AnswerKind.EVASIVE),
    ("그것보다 어제 토트넘 경기 보셨나요?", CONFLICT_KO, "ko", AnswerKind.OFF_TOPIC),
    ("어제 토트넘 경기가 정말 재밌었어요. 손흥민이 골을 넣었거든요.", CONFLICT_KO, "ko", AnswerKind.OFF_TOPIC),
    ("죄송한데 다시 한 번 말씀해 주시겠어요?", CONFLICT_KO, "ko", AnswerKind.REPEAT_REQUEST),
    ("네", CONFLICT_KO, "ko", AnswerKind.TOO_SHORT),
    ("I once had a conflict with a colleague about the release date.", CONFLICT_KO, "ko",
     AnswerKind.OTHER_LANGUAGE),
    (GOOD_EN, CONFLICT_EN, "en", AnswerKind.ANSWER),
    ("Sorry, could you repeat the question?", CONFLICT_EN, "en", AnswerKind.REPEAT_REQUEST),
    ("What is the salary for this role?", CONFLICT_EN, "en", AnswerKind.QUESTION),
    ("I don't know, pass.", CONFLICT_EN, "en", AnswerKind.EVASIVE),
    ("Honestly I have never had a conflict with anyone.", CONFLICT_EN, "en", AnswerKind.NO_EXPERIENCE),
    ("Did you watch the football match last night? Tottenham won.", CONFLICT_EN, "en", AnswerKind.OFF_TOPIC),
    ("저는 팀원과 갈등이 있었을 때 대화로 풀었습니다.", CONFLICT_EN, "en", AnswerKind.OTHER_LANGUAGE),
    ("Yes.", CONFLICT_EN, "en", AnswerKind.TOO_SHORT),
    ("Honestly I'd rather skip this one, I'll pass.", CONFLICT_EN, "en", AnswerKind.EVASIVE),
    # a pass or a skip that is a thing of the story, someone's state told in it: no dodge (stop 29)
    ("My teammate and I disagreed about the launch, so I gave the support team a free trial pass to test both "
     "versions and we picked the one they finished faster.", CONFLICT_EN, "en", AnswerKind.ANSWER),
    ("My manager had no idea the release clashed with the audit, so I moved our deploy to Friday and told the "
     "auditors myself. He thanked me afterwards.", CONFLICT_EN, "en", AnswerKind.ANSWER),
])
def test_kind(answer: str, question: str, language: str, expected: AnswerKind) -> None:
    assert kind(answer, question, language) is expected


def test_claims_and_star_come_from_the_sentences() -> None:
    answer = ("전 직장에서 제가 BLE 센서 펌웨어 프로젝트를 맡아 Redis 캐시를 도입했습니다. 그 결과 응답 시간을 30% 줄였고 "
              "팀장님께 인정받았습니다.")
    reading = read_answer(answer, intent_of("가장 성과가 컸던 경험을 말씀해 주세요.", "ko"), "ko")
    assert reading.kind is AnswerKind.ANSWER
    assert "30%" in reading.claims.numbers
    assert "Redis" in reading.claims.technologies and "BLE" in reading.claims.technologies
    assert any("펌웨어 프로젝트" in p for p in reading.claims.projects)
    assert reading.claims.own_role and reading.claims.own_role[0].startswith("전 직장에서 제가")
    assert reading.star.result is not None and "30%" in reading.star.result
    assert reading.star.action is not None
    assert "팀장" in reading.claims.people
    assert all(s in answer for s in reading.sentences)


def test_missing_names_what_the_answer_leaves_open() -> None:
    question = intent_of(CONFLICT_KO, "ko")
    assert question.intent == "conflict"
    assert question.asks_for == ("situation", "own_role", "action", "result")
    vague = read_answer("팀원과 의견이 달랐던 적이 있었는데 대화로 잘 풀었습니다.", question, "ko")
    assert "result" in vague.missing
    assert read_answer(GOOD_KO, question, "ko").missing == ()


@pytest.mark.parametrize(("question", "language", "intent"), [
    ("자기소개 부탁드립니다.", "ko", "self_introduction"),
    ("삼성전자에 지원하신 이유는 무엇인가요?", "ko", "motivation"),
    ("가장 크게 실패했던 경험은 무엇인가요?", "ko", "failure"),
    ("본인의 약점은 무엇이라고 생각하시나요?", "ko", "weakness"),
    ("마지막으로 궁금한 점 있으신가요?", "ko", "reverse"),
    ("Why do you want to work here?", "en", "motivation"),
    ("Where do you see yourself in five years?", "en", "future"),
    ("Walk me through your background.", "en", "self_introduction"),
])
def test_intent(question: str, language: str, intent: str) -> None:
    assert intent_of(question, language).intent == intent


def test_keyword_salad_is_flagged_and_scores_below_a_real_answer() -> None:
    question = intent_of(CONFLICT_KO, "ko")
    salad, good = read_answer(SALAD_KO, question, "ko"), read_answer(GOOD_KO, question, "ko")
    assert salad.keyword_stuffing and not good.keyword_stuffing
    assert salad.coherence < good.coherence


def test_relevance_follows_the_question_intent_not_its_words() -> None:
    question = intent_of("저희 회사에 지원하신 이유는 무엇인가요?", "ko")
    on_intent = read_answer("반도체 공정에 관심이 많아 지원했고, 입사 후에는 수율 개선에 기여하고 싶습니다.", question, "ko")
    football = read_answer("어제 축구 경기 결과가 너무 아쉬웠습니다.", question, "ko")
    assert on_intent.relevance > 0.6 > football.relevance


def test_specificity_and_length() -> None:
    question = intent_of(CONFLICT_EN, "en")
    vague = read_answer("I talked with them and we worked it out in the end, it was fine.", question, "en")
    concrete = read_answer(GOOD_EN, question, "en")
    assert concrete.specificity > vague.specificity
    assert concrete.units == len(GOOD_EN.split())
    assert 0 < vague.length_ratio < concrete.length_ratio < 1


@pytest.mark.parametrize("answer", ["", "   ", "🙂" * 50, "가" * 100_000, "\x00\x01\u202e", "a" * 5000,
                                    "저는 Python으로 ❤️ 만들었습니다?!?!", "?" * 300, "1234567890 " * 500])
def test_never_raises(answer: str) -> None:
    for language in ("ko", "en", "xx"):
        reading = read_answer(answer, intent_of("자기소개 부탁드립니다.", language), language)
        assert reading.kind in AnswerKind
        assert 0.0 <= reading.relevance <= 1.0 and 0.0 <= reading.coherence <= 1.0
        assert 0.0 <= reading.specificity <= 1.0


@pytest.mark.parametrize(("answer", "question", "expected"), [
    ("저는 백엔드 개발자로 결제 시스템을", "자기소개 부탁드립니다.", AnswerKind.TOO_SHORT),  # cut off mid-sentence
    ("음... 그런 적이 있었던 것 같긴 한데 잘 기억이 안 납니다.", "마감 압박 속에서 일을 끝낸 경험이 있으신가요?",
     AnswerKind.EVASIVE),
    ("5년 뒤는 너무 먼 얘기라 생각해 본 적이 없습니다.", "입사 후 5년 뒤 어떤 모습이 되고 싶으신가요?",
     AnswerKind.EVASIVE),  # the question's own "5년" is no concrete claim
    ("저는 사실 프론트엔드를 더 좋아해서요, 리액트 요즘 정말 재미있더라고요.",
     "운영 중인 서비스의 응답이 갑자기 느려지면 어떻게 원인을 찾으시겠어요?", AnswerKind.OFF_TOPIC),
    ("조장을 한 번 해 봤습니다.", "리더십을 발휘했던 경험을 말씀해 주세요.", AnswerKind.ANSWER),
])
def test_korean_kinds_the_coach_asked_for(answer: str, question: str, expected: AnswerKind) -> None:
    assert kind(answer, question) is expected


def test_a_cut_off_sentence_is_not_a_keyword_list() -> None:
    reading = read_answer("저는 백엔드 개발자로 결제 시스템을", intent_of("자기소개 부탁드립니다.", "ko"), "ko")
    assert not reading.keyword_stuffing


@pytest.mark.parametrize(("answer", "stuffing"), [
    ("Failure lessons learned growth resilience challenge grit outcome improvement failure lessons learned.", True),
    ("Leadership communication collaboration ownership teamwork motivation results goals achieved.", True),
    ("I'm Dana, a backend engineer with three years at a payments startup. I own the settlement service there, "
     "and last year I rewrote its nightly batch so it finishes in forty minutes instead of four hours.", False),
])
def test_english_keyword_lists_by_their_function_words(answer: str, stuffing: bool) -> None:
    reading = read_answer(answer, intent_of("Could you briefly introduce yourself?", "en"), "en")
    assert reading.keyword_stuffing is stuffing
    assert reading.raw_coherence >= reading.coherence
    assert (reading.coherence < reading.raw_coherence) is stuffing  # only a list's coherence is scaled down


@pytest.mark.parametrize(("answer", "question", "language"), [
    ("운전면허 1종 보통이랑 지게차 기능사 있습니다.", "가지고 계신 자격증을 말씀해 주세요.", "ko"),
    ("전날 밤에 배차표를 엑셀로 다시 짜서 기사님들께 돌렸어요.", "그때 따로 챙기신 게 있었나요?", "ko"),
    ("Mostly Python, and a bit of Go for the command-line tools.", "Which languages do you reach for?", "en"),
])
def test_a_plain_answer_without_listed_work_words_is_not_off_topic(answer: str, question: str,
                                                                    language: str) -> None:
    assert read_answer(answer, intent_of(question, language), language).kind is not AnswerKind.OFF_TOPIC
