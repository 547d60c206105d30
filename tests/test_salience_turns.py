"""Where a story turns for a listener (the sealed12 failure classes, written anew, not the set's items): what the
candidate found (-더-, "…라는 얘기를 듣고", "X was off"), the object of their own act or change, what was left undone
("덜 된"); a count with 씩, a goal's label ("…이 되는 게 목표"), a frame ("the chance to …"), a pseudo-cleft's label and
an aside ("while walking the dog") are never what is named."""
from __future__ import annotations

import pytest

from interview.salience import most_salient, salient_phrases


@pytest.mark.parametrize(("answer", "language", "first"), [
    # a finding told with the retrospective -더-, before the story goes on to the fix
    ("전 직장이 제과 공장이었는데 반죽 불량이 자주 났어요. 반죽 온도를 작업자마다 다르게 맞추고 있더라고요. 그래서 "
     "온도계를 달았더니 불량이 줄었습니다.", "ko", "반죽 온도"),
    # what the candidate heard ("…라는 얘기를 듣고") is what they built the plan on
    ("어르신이 재활을 자꾸 거부하셨어요. 그래서 따님 졸업식이 두 달 뒤라는 얘기를 듣고, 그날 혼자 걸어서 가는 걸 "
     "목표로 잡았어요. 매일 계단 수를 공책에 적어 드렸고요.", "ko", "따님 졸업식"),
    # the object of a change verb two words on ("상자를 … 칸막이로 바꾸고") is the fix
    ("첫 달에는 배송 파손 때문에 환불이 많았는데, 배송 상자를 벌집 모양 칸막이로 바꾸고 나서 평점이 올랐어요.", "ko",
     "배송 상자"),
    # "덜 된": what was left undone is the problem
    ("창고에서 야간 근무를 했는데요, 마감 직전에 포장 테이핑이 덜 된 상자가 있었어요. 반장님은 그냥 보내자고 했는데 "
     "저는 다시 감았어요.", "ko", "포장 테이핑"),
    # "점검표 만드는 걸": a verb Kiwi tags VX at the head of an 어절 still takes the dropped object
    ("세척 후에 배관에 물기가 남아 있었어요. 저는 그 뒤에 점검표 만드는 걸 맡았습니다.", "ko", "점검표"),
    # the copula's complement after a clause with its own argument labels that clause
    ("저는 나중에 물류센터 센터장이 되는 게 목표입니다.", "ko", "물류센터 센터장"),
    # a pseudo-cleft whose relative clause runs past four words
    ("We migrated payroll in March. The part that kept me awake most nights was the payroll cutover, we had one "
     "weekend.", "en", "payroll cutover"),
])
def test_the_turn_of_the_story_is_named_first(answer: str, language: str, first: str) -> None:
    assert most_salient(answer, language)[0] == first


def test_an_adverb_reading_of_a_noun_keeps_its_compound() -> None:
    # Kiwi reads 대체 as an adverb here; before a noun it is the first word of the phrase
    answer = "손님이 화를 내셨는데 저는 일단 사과드리고 대체 객실 목록을 뽑아서 하나씩 전화 돌렸어요."
    named = most_salient(answer, "ko")
    assert "대체 객실 목록" in named
    assert not any("하나씩" in n for n in named)


@pytest.mark.parametrize(("answer", "language", "never"), [
    ("매일 세 시간씩 연습했습니다.", "ko", "시간씩"),
    ("저는 나중에 물류센터 센터장이 되는 게 목표입니다.", "ko", "목표"),
    ("Mostly it's the team and the chance to work on supply planning.", "en", "chance"),
    ("I fixed the rota in the end. The idea came to me while walking the dog.", "en", "dog"),
    ("We migrated payroll in March. The part that kept me awake most nights was the payroll cutover.", "en", "part"),
])
def test_counts_labels_frames_and_asides_are_not_named(answer: str, language: str, never: str) -> None:
    assert never not in most_salient(answer, language, count=3)


def test_a_thing_said_to_be_off_is_what_went_wrong() -> None:
    answer = ("The weights were wrong for a week. Turns out the printers were all on one network, and its timer was "
              "off by an hour.")
    named = most_salient(answer, "en")
    assert "timer" in named
    assert "network" not in named  # "were all on one network" is a place, not a phrasal verb's object


def test_an_honoured_persons_reaction_is_no_finding() -> None:
    # "…기다리시더라고요": how the client took it, an outcome, weighs as it would told plainly ("…기다리셨어요"); the
    # same -더- with no honoured actor ("…쓰고 있더라고요") is a finding (a guard on the exception, not on main)
    story = "실습 때 어르신 한 분이 전화를 자꾸 안 받으셨어요. 그래서 매일 같은 시간에 안부 전화를 드리기로 약속을 정했어요. "
    told = {p.text: p.score for p in salient_phrases(story + "나중엔 어르신이 먼저 전화를 기다리시더라고요.", "ko")}
    plain = {p.text: p.score for p in salient_phrases(story + "나중엔 어르신이 먼저 전화를 기다리셨어요.", "ko")}
    assert told == plain
    found = {p.text: p.score for p in salient_phrases(story + "나중엔 동료들이 먼저 일지를 쓰고 있더라고요.", "ko")}
    done = {p.text: p.score for p in salient_phrases(story + "나중엔 동료들이 먼저 일지를 쓰고 있었어요.", "ko")}
    assert found["일지"] > done["일지"]


def test_the_candidates_move_where_the_story_turns_is_named_first() -> None:
    # "…, so I went straight to X": the unit the candidate took it to, after the blocked first try; "straight" after
    # "went" describes the going and names nothing
    answer = ("On a late shift a lady's blood pressure dropped fast. I paged the registrar, he was in theatre, so I "
              "went straight to the sepsis team.")
    named = most_salient(answer, "en")
    assert named[0] == "sepsis team"
    assert "straight" not in named


@pytest.mark.parametrize("answer", [
    "여름이라 반죽이 자꾸 퍼졌어요. 결국 작업장 습도를 맞추는 게 관건이었어요.",
    "여름이라 반죽이 자꾸 퍼졌어요. 그래서 제가 작업장 습도를 매일 기록했어요. 그게 관건이었어요.",
])
def test_what_the_candidate_calls_the_crux_is_named_and_the_word_crux_is_not(answer: str) -> None:
    named = most_salient(answer, "ko", count=3)
    assert named[0] == "작업장 습도"
    assert "관건" not in named


@pytest.mark.parametrize(("answer", "first"), [
    ("The night team kept missing handovers because the old pager had died. I added a five-minute huddle before each "
     "shift change. That was the thing.", "five-minute huddle"),
    ("Our invoices were late every month. I built a shared tracker with the sales team. That was the hard part, "
     "honestly.", "shared tracker with the sales team"),
])
def test_an_english_sentence_that_points_back_stresses_what_it_points_at(answer: str, first: str) -> None:
    named = most_salient(answer, "en", count=3)
    assert named[0] == first
    assert "part" not in named
