"""The interviewer prompt built from a character: traits, style, language, panel and director cues."""
from __future__ import annotations

import json

from characters.presets import load_presets
from pipeline.spec import RenderOptions, TurnSpec
from llm.base import ChatTurn
from llm.persona import Persona, Scenario
from llm.prompts import build_prompt

PRESETS = {p.id: p for p in load_presets()}


def _system(persona: Persona | None) -> str:
    return build_prompt(ChatTurn("안녕하세요", persona=persona)).system_prompt


def test_each_style_changes_the_prompt_and_no_persona_keeps_the_house_prompt():
    house = _system(None)
    assert "[면접관 캐릭터]" not in house and "한국어 존댓말을 씁니다." in house
    styles = {p.interview_style: _system(p.persona()) for p in PRESETS.values()}
    assert "격려" in styles["friendly"] and "상황, 행동, 결과" in styles["structured"] and "압박 면접" in styles["pressure"]
    assert "서지민" in _system(PRESETS["hr_seo"].persona())
    text = styles["pressure"]
    assert text.index("[면접관 캐릭터]") < text.index("[규칙]")  # the house rules come last and still hold


def test_an_english_interviewer_speaks_english():
    text = _system(Persona(name="Ms. Grace", language="en"))
    assert "영어(English)" in text and "한국어 존댓말을 씁니다." not in text


def test_panel_scenario_and_director_note():
    persona = Persona(name="강도윤", panel=("서지민",), director_note="짧게 말하라",
                      scenario=Scenario(opponent="경력 지원자", situation="2차 면접"))
    text = _system(persona)
    assert "[패널 면접]" in text and "서지민" in text and "강도윤의 차례" in text
    assert "짧게 말하라" in text and "경력 지원자" in text and "2차 면접" in text


def test_a_turn_with_its_persona_crosses_a_process_boundary_as_json():
    persona = Persona(name="강도윤", style="pressure", panel=("서지민",), scenario=Scenario(situation="2차 면접"))
    spec = TurnSpec(RenderOptions("talk_short_360p"), chat=ChatTurn("안녕하세요", persona=persona, model="qwen3"))
    again = TurnSpec.from_json(json.loads(json.dumps(spec.to_json())))
    assert again == spec and _system(again.chat.persona) == _system(persona)
