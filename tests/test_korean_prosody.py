"""Korean clause pauses for espeak: a comma after a long clause ending in a connective, nowhere else."""
from __future__ import annotations

import pytest

import tts.espeak
from tts.espeak import EspeakEngine
from tts.korean_prosody import clause_pauses


def test_long_clauses_get_a_comma_and_particles_or_short_clauses_do_not() -> None:
    assert clause_pauses("프로젝트를 진행하면서 가장 어려웠던 점을 이야기해 주시고 그 결과를 숫자로 말씀해 주세요.") == (
        "프로젝트를 진행하면서, 가장 어려웠던 점을 이야기해 주시고, 그 결과를 숫자로 말씀해 주세요.")
    unchanged = ["실패했던 경험과 그 경험에서 배운 점을 들려주세요.",  # 에서 is a particle
                 "팀에서 갈등이 생겼을 때 어떻게 해결하셨나요?",  # 어떻게 is an adverb
                 "보고 말하세요.",  # too short to pause
                 "Tell me and then go on."]
    assert [clause_pauses(t) for t in unchanged] == unchanged


def test_the_engine_shapes_korean_voices_only(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    monkeypatch.setattr(tts.espeak, "clause_pauses", lambda text: seen.append(text) or text)
    engine = EspeakEngine()
    engine.synthesize("안녕하세요, 반갑습니다.", "ko-female")
    engine.synthesize("Hello there.", "en-us")
    assert seen == ["안녕하세요, 반갑습니다."]
