"""The rules a chat turn is opened with, below the web edge: the one history cut and the one casting decision."""
from __future__ import annotations

import pytest

from characters.model import Character
from interview.casting import Casting, CastingAsk, NotOnPanel, decide, persona
from interview.exchange import Conversation, HistoryCut, in_request, replies_in
from llm.base import Message

HR = Character(id="hr_park", name="박지은", remit="hr")
LEAD = Character(id="lead_kang", name="강민수", remit="job")
PANEL = (HR, LEAD)


def turns(n: int) -> list[Message]:
    return [Message(role, f"{role} {i}") for i in range(n) for role in ("user", "assistant")]


def test_the_cut_keeps_the_newest_turns_and_reads_as_many_stored_messages():
    cut = HistoryCut(max_turns=2)
    assert cut(turns(5)) == tuple(turns(5)[-4:])
    assert cut(turns(1)) == tuple(turns(1))
    assert cut.stored_limit == 4
    assert HistoryCut(max_turns=2, max_stored_messages=10).stored_limit == 10


def test_the_panel_decides_once_by_remit_else_in_turn():
    def find(name: str) -> Character:
        raise AssertionError(f"{name} was looked up; the panel holds it")

    ask = CastingAsk(PANEL)
    assert decide(ask, find, "네, 말씀드리겠습니다.", 0, "ko") == Casting(HR, PANEL)
    assert decide(ask, find, "네, 말씀드리겠습니다.", 1, "ko") == Casting(LEAD, PANEL)
    assert decide(ask, find, "연봉은 어떻게 되나요?", 1, "ko").speaker == HR
    assert decide(CastingAsk(PANEL, current_speaker="강민수"), find, "", 0, "ko").speaker == LEAD
    with pytest.raises(NotOnPanel, match="hr_park, lead_kang"):
        decide(CastingAsk(PANEL, current_speaker="nobody"), find, "", 0, "ko")


def test_a_single_character_is_looked_up_and_nobody_named_is_the_house_interviewer():
    assert decide(CastingAsk(character_id="lead_kang"), {"lead_kang": LEAD}.__getitem__, "", 3, "ko").speaker == LEAD
    assert decide(CastingAsk(), {}.__getitem__, "", 0, "ko") == Casting(None)
    assert replies_in(turns(3)) == 3


def test_the_persona_names_the_other_members_and_carries_the_cues():
    spoken = persona(Casting(LEAD, PANEL), director_note='"짧게"')
    assert spoken is not None and spoken.panel == ("박지은",) and spoken.director_note == '"짧게"'
    assert persona(Casting(None)) is None


def test_a_request_s_own_history_is_cut_but_its_replies_all_count_and_it_is_kept_nowhere():
    earlier = in_request(turns(5), HistoryCut(max_turns=2))
    assert earlier.past == tuple(turns(5)[-4:])
    assert earlier.replies == 5
    assert earlier.keep == Conversation()
