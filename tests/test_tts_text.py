"""Sentence splitting, streaming sentence cutting and speech normalisation (Korean + English)."""
from __future__ import annotations

import re

import pytest

from tts.korean_numbers import native_korean, sino_korean
from tts.text import SentenceStream, WholeSentences, normalize_for_speech, split_sentences


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("안녕하세요. 저는 면접관입니다! 준비되셨나요?", ["안녕하세요.", "저는 면접관입니다!", "준비되셨나요?"]),
        ("Hello there. How are you? I am fine!", ["Hello there.", "How are you?", "I am fine!"]),
        ("좋습니다. Let's start with your résumé. 자기소개 부탁드립니다.",
         ["좋습니다.", "Let's start with your résumé.", "자기소개 부탁드립니다."]),
        ("줄바꿈으로 끝나는 문장\n다음 줄입니다", ["줄바꿈으로 끝나는 문장", "다음 줄입니다"]),
        ("구두점이 전혀 없는 긴 문장입니다 그래도 하나로 나옵니다", ["구두점이 전혀 없는 긴 문장입니다 그래도 하나로 나옵니다"]),
        ("전각 문장입니다。다음 문장입니다！", ["전각 문장입니다。", "다음 문장입니다！"]),
        ("잠시만요…생각해 볼게요.", ["잠시만요…", "생각해 볼게요."]),
        ("\"정말 그렇습니까?\" 그가 물었다. 네 그렇습니다.", ["\"정말 그렇습니까?\"", "그가 물었다.", "네 그렇습니다."]),
    ],
)
def test_splits_sentences(text, expected):
    assert split_sentences(text) == expected


def test_short_fragments_join_a_neighbour():
    assert split_sentences("네. 자기소개를 부탁드립니다.") == ["네. 자기소개를 부탁드립니다."]
    assert split_sentences("자기소개를 부탁드립니다. 네.") == ["자기소개를 부탁드립니다. 네."]
    assert split_sentences("Yes. That sounds great.") == ["Yes. That sounds great."]
    assert split_sentences("Yes. OK. That sounds great.") == ["Yes. OK.", "That sounds great."]  # 5 chars together
    assert split_sentences("1. 첫 번째 질문입니다. 2. 두 번째 질문입니다.") == ["1. 첫 번째 질문입니다.", "2. 두 번째 질문입니다."]
    assert split_sentences("네.") == ["네."]
    assert split_sentences("네. 네.", min_chars=1) == ["네.", "네."]


def test_no_split_inside_numbers_and_abbreviations():
    assert split_sentences("경력은 3.5년입니다. Mr. Kim met Dr. Lee at 3.30 today.") == [
        "경력은 3.5년입니다.", "Mr. Kim met Dr. Lee at 3.30 today."]
    assert split_sentences("J. K. Rowling wrote it. Really?") == ["J. K. Rowling wrote it.", "Really?"]


@pytest.mark.parametrize(
    "text",
    ["", "   \n ", "가", "... !!! ???", "네. 네. 네. 네.", "A.B.C. 안녕하세요?!  Hello...  World\n\n끝",
     "첫 문장입니다.\n\n  둘째 문장입니다!   셋째?", "숫자 3.14와 1,000,000원. 끝."],
)
def test_never_loses_or_reorders_characters(text):
    parts = split_sentences(text)
    assert _squash("".join(parts)) == _squash(text)
    assert all(p == p.strip() and p for p in parts)


def test_sentence_stream_emits_when_next_sentence_starts():
    stream = SentenceStream()
    tokens = ["안녕", "하세요", ". 저는", " 면접관", "입니다", ". 경력은 3", ".5년", "입니다", "."]
    out = []
    for token in tokens:
        out.extend(stream.feed(token))
    assert out == ["안녕하세요.", "저는 면접관입니다."]
    out.extend(stream.flush())
    assert out == ["안녕하세요.", "저는 면접관입니다.", "경력은 3.5년입니다."]
    assert stream.flush() == []


def test_sentence_stream_holds_short_fragment_until_merged():
    stream = SentenceStream()
    assert stream.feed("좋은 답변입니다. 네. ") == []
    assert stream.feed("다음 질문으로 넘어가겠습니다. 그") == ["좋은 답변입니다."]  # "그" may still grow
    assert stream.feed("럼 시작") == ["네. 다음 질문으로 넘어가겠습니다."]
    assert stream.flush() == ["그럼 시작"]


def test_sentence_stream_verbatim_keeps_the_spacing_so_the_pieces_join_back():
    stream = SentenceStream()
    tokens = [" 안녕하세요.", "  저는 면접관", "입니다.\n경력은", " 3.5년입니다."]
    out = [piece for token in tokens for piece in stream.feed_verbatim(token)] + stream.flush_verbatim()
    assert out == [" 안녕하세요.  ", "저는 면접관입니다.\n", "경력은 3.5년입니다."]


def test_an_eager_stream_releases_a_sentence_whose_end_cannot_move():
    stream = SentenceStream(eager=True)
    assert stream.feed("경력은 3.") == []  # a decimal point may follow a digit
    assert stream.feed("5년입니다.") == ["경력은 3.5년입니다."]  # a full stop after a syllable ends it
    assert stream.feed("네.") == []  # too short to stand alone: waits to join the next
    assert stream.feed(" 역할은요?") == ["네. 역할은요?"]
    assert stream.feed("Thanks, Dr.") == [] and stream.flush() == ["Thanks, Dr."]


def test_whole_sentences_are_released_without_waiting_for_the_next():
    stream = SentenceStream()
    assert stream.feed("좋은 답변입니다") == []
    assert stream.feed(WholeSentences(". 본인의 역할은 무엇이었나요? ")) == ["좋은 답변입니다.", "본인의 역할은 무엇이었나요?"]
    assert stream.flush() == []


@pytest.mark.parametrize(
    ("n", "words"),
    [(0, "영"), (1, "일"), (10, "십"), (11, "십일"), (101, "백일"), (1000, "천"), (2025, "이천이십오"),
     (10000, "만"), (15000, "만오천"), (100000000, "일억"), (123456789, "일억이천삼백사십오만육천칠백팔십구")],
)
def test_sino_korean(n, words):
    assert sino_korean(n) == words


def test_native_korean():
    assert [native_korean(n) for n in (1, 2, 3, 4, 10, 20, 21, 99)] == [
        "한", "두", "세", "네", "열", "스무", "스물한", "아흔아홉"]
    with pytest.raises(ValueError):
        native_korean(100)


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("2025년에 입사했습니다.", "이천이십오년에 입사했습니다."),
        ("프로젝트를 3개 했고 팀원은 5명이었습니다.", "프로젝트를 세 개 했고 팀원은 다섯 명이었습니다."),
        ("3개월 동안 2시간씩", "삼개월 동안 두 시간씩"),
        ("1번째 질문, 12시 30분", "첫 번째 질문, 열두 시 삼십분"),
        ("연봉 5,000만원, 성장률 12.5%", "연봉 오천만원, 성장률 십이점오퍼센트"),
        ("3~5년 경력", "삼에서 오년 경력"),
        ("연락처는 010-1234-5678입니다", "연락처는 공일공 일이삼사 오육칠팔입니다"),
        ("AI와 HR, QA 그리고 IT 직무 SK LG", "에이아이와 에이치알, 큐에이 그리고 아이티 직무 에스케이 엘지"),
        ("**강조**된 `코드`와 _기울임_ 😀👍🏻 → 끝", "강조된 코드와 _기울임_ 끝"),
        ("# 제목\n- 항목 하나\n- 항목 둘\n> 인용", "제목 항목 하나 항목 둘 인용"),
        ("[링크](https://example.com) 참고: https://example.com/a?b=c", "링크 참고:"),
        ("  여러   칸\n\n공백  ", "여러 칸 공백"),
    ],
)
def test_normalize_korean(text, spoken):
    assert normalize_for_speech(text, "ko") == spoken


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("Our QA and HR teams use AI.", "Our Q A and H R teams use A I."),
        ("**Great** answer! 😀", "Great answer!"),
        ("It took 3~5 years.", "It took 3 to 5 years."),
        ("NASA and OK stay as they are.", "NASA and OK stay as they are."),
        ("and/or ★ bullet", "and or bullet"),
    ],
)
def test_normalize_english(text, spoken):
    assert normalize_for_speech(text, "en") == spoken
