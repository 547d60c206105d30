"""Korean stress from the sealed4 classes (wordings written anew): what the candidate says made the difference
("…한 게 제일 컸어요", "…한 게 전환점이었어요") is named first, and a noun Kiwi split around a one-syllable adverb is
read as one word."""
from __future__ import annotations

import pytest

from interview.salience import most_salient
from interview.ko_nouns import noun_part as _noun_part
from interview.text import Token


@pytest.mark.parametrize(("answer", "stressed"), [
    ("야간에 반품이 계속 밀렸어요. 팀장님께 보고하고 검수 순서를 바꿨는데, 제 생각엔 바코드 라벨을 새로 붙인 게 "
     "제일 컸어요.", "바코드 라벨"),
    ("처음엔 배송 기사님 탓인 줄 알았어요. 그런데 포장 박스를 두 겹으로 바꾼 게 전환점이었습니다. 파손 문의가 "
     "절반으로 줄었어요.", "포장 박스"),
    # another object between them takes the stress: "가격보다 후기 사진을 먼저 본 게" is about the photos
    ("신상품 발주를 맡았을 때 반응이 좋았어요. 제 생각엔 가격표보다 후기 사진을 먼저 본 게 핵심이었어요.", "후기 사진"),
])
def test_what_the_candidate_says_made_the_difference_is_named_first(answer: str, stressed: str) -> None:
    assert stressed in most_salient(answer, "ko", 1)[0], most_salient(answer, "ko")


def test_a_noun_split_around_a_one_syllable_adverb_is_one_word() -> None:
    word = [Token("방", "NNG", 0, 1), Token("청", "MAG", 1, 1), Token("유", "NNG", 2, 1), Token("를", "JKO", 3, 1)]
    nouns, tail = _noun_part(word)
    assert [t.form for t in nouns] == ["방청유"] and [t.form for t in tail] == ["를"]
    spaced = [Token("정말", "MAG", 0, 2), Token("좋", "VA", 3, 1)]
    assert _noun_part(spaced)[0] == []
