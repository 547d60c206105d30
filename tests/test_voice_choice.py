"""The one voice → engine decision (Speaker.choose) that every route and the session settings call."""
from __future__ import annotations

import pytest

from tests.fakes.hooked import HookedEspeak
from tts.speaker import Speaker, VoiceChoiceError
from tts.voices import load_catalogue


@pytest.fixture(scope="module")
def speaker() -> Speaker:
    return Speaker({"espeak": HookedEspeak()}, "espeak", load_catalogue())


def test_the_named_engine_or_the_voices_engine_or_the_default_speaks(speaker: Speaker) -> None:
    assert speaker.choose("espeak", "ko-female").engine == "espeak"
    assert (speaker.choose(None, "en-us").engine, speaker.choose(None, "en-us").voice) == ("espeak", "en-us")
    default = speaker.choose(None, None)
    assert (default.engine, default.voice, default.reason) == ("espeak", None, None)


def test_a_seed_engine_this_server_lacks_is_served_by_the_default_and_says_so(speaker: Speaker) -> None:
    choice = speaker.choose("elevenlabs", "Custom")
    assert (choice.engine, choice.voice) == ("espeak", "Custom")  # espeak's name for its default voice
    assert choice.reason == "'elevenlabs' is not configured on this server; 'espeak' speaks instead"


@pytest.mark.parametrize(("engine", "voice", "field", "problem"), [
    ("sapi", None, "engine", "must be one of espeak; got 'sapi'"),
    (None, "Rachel", "voice", "names voice 'Rachel' of engine 'elevenlabs', which is not configured here"),
    ("espeak", "Rachel", "voice", "must be one of"),
    (None, "nobody", "voice", "must be one of"),
])
def test_what_no_engine_here_serves_is_refused_naming_the_field(speaker: Speaker, engine: str | None,
                                                                voice: str | None, field: str, problem: str) -> None:
    with pytest.raises(VoiceChoiceError) as refused:
        speaker.choose(engine, voice)
    assert refused.value.field == field and refused.value.problem.startswith(problem)
