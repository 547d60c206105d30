"""What a listener hears as stressed, on wordings of no situations file: the phrase just before the verb of the
candidate's own cleft, the subject of a superlative verdict, a thing said again at the close, a thing pointed back
at by 그 as what did it, what a story came down to (결국 … 이었습니다), the road not taken (… 대신에), a place before
an object, and a unit or a roman numeral, never named."""
from __future__ import annotations

from interview.phrases import part_of_a_figure
from interview.salience import most_salient, salient_phrases


def _texts(answer: str, language: str = "ko") -> list[str]:
    return [p.text for p in salient_phrases(answer, language)]


def _first(answer: str, language: str = "ko") -> str:
    return most_salient(answer, language, count=1)[0]


def test_the_phrase_before_the_verb_of_an_own_cleft_is_the_focus() -> None:
    answer = ("손님이 주문이 늦다고 계속 항의하셨어요. 제가 한 건 주방 앞에서 남은 조리 시간을 타이머로 보여 드린 거예요. "
              "그 뒤로는 조용히 기다리셨어요.")
    assert "타이머" in most_salient(answer, "ko")


def test_the_subject_of_a_superlative_verdict_is_stressed() -> None:
    answer = ("배포 파이프라인이 자꾸 멈춰서 캐시 설정을 고쳤어요. 빌드 시간이 절반으로 줄었고요. "
              "솔직히 인증서 갱신이 제일 까다로웠어요.")
    assert _first(answer) == "인증서 갱신"


def test_a_thing_said_again_at_the_close_is_stressed() -> None:
    answer = ("학생 상담 일정이 매번 꼬였습니다. 그래서 상담 신청을 구글 폼으로 바꾸고 요일별로 나눴어요. "
              "상담 일정은 제가 끝까지 관리했습니다.")
    assert _first(answer).endswith("상담 일정")  # "학생 상담 일정", not "상담 신청"


def test_an_english_thing_said_again_at_the_close_stands_out_alone() -> None:
    answer = ("A tenant kept missing rent, so the owner wanted her out. I pulled her bank statements and proposed two "
              "smaller instalments a month instead. The bank statements did the convincing, really.")
    assert most_salient(answer, "en", count=1) == ["bank statements"]


def test_a_thing_pointed_back_at_as_what_did_it_is_named() -> None:
    answer = ("고객분이 환불해 달라고 하셨어요. 저는 위약금을 면제하는 대신 다음 달 요금을 한 번 할인해 드렸어요. "
              "그 할인 혜택으로 해지를 막았습니다.")
    assert _first(answer) == "할인 혜택"


def test_what_a_story_came_down_to_is_named() -> None:
    answer = ("야간에 냉동고 온도가 자꾸 올라갔어요. 다들 컴프레서 고장이라고 했는데, 저는 문 센서를 의심했거든요. "
              "결국 배수구가 얼어서 생긴 역류였습니다.")
    assert _first(answer) == "역류"


def test_the_road_not_taken_is_not_named() -> None:
    texts = _texts("그래서 단어 시험 대신에 매일 짧은 일기를 쓰게 했어요.")
    assert not any("대신" in t for t in texts)
    assert not any("대신" in t for t in _texts("저는 할인 쿠폰 대신 무료 설치를 약속했어요."))


def test_a_place_before_an_object_is_the_scene() -> None:
    texts = _texts("제가 한 건 매장 입구에서 고장 부위를 직접 보여 드린 거예요.")
    assert "매장 입구" not in most_salient("제가 한 건 매장 입구에서 고장 부위를 직접 보여 드린 거예요.", "ko")
    assert "고장 부위" in texts


def test_a_unit_or_a_roman_numeral_is_no_thing() -> None:
    assert part_of_a_figure("MHz", "클럭을 16MHz에서 48MHz로 올렸어요.")
    assert part_of_a_figure("mg", "a 20 mg dose")
    assert part_of_a_figure("IV", "I finished my Diploma IV last year")
    assert not part_of_a_figure("IV", "I put in an IV line")
    assert not part_of_a_figure("SPI", "SPI로 바꿨어요")


def test_an_ing_word_before_a_describing_word_is_a_verb_not_part_of_the_name() -> None:
    texts = _texts("We had a forklift standing idle for a week, so I moved it to the back dock.", "en")
    assert "forklift" in texts
    assert not any("standing" in t for t in texts)
    assert "training manual for new pickers" in _texts("I rewrote the training manual for new pickers.", "en")
