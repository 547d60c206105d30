"""The scene a question stands on: "Imagine a guest's booking has vanished. What do you do first?" asks nothing
without its first sentence, so a question put again (after an interruption, a repeat request, an aside) carries
the one sentence that sets its scene, when there is one right before it."""
from __future__ import annotations

import re

from interview.text import sentences

MAX_SCENE_CHARS = 220  # one short sentence: a longer setup is a briefing, and the question stands alone again
_SCENE = {
    "en": re.compile(r"^(imagine|suppose|say|let's say|picture|consider|here's a scenario|you're|you are|you've|"
                     r"you have|you get|you find|you notice|your|it's|it is|during|halfway|on (a|your)|"
                     r"one of (your|the|our)|someone|"
                     r"an? (\w+ ){0,2}(customer|patient|client|guest|colleague|user|player|parent|student|passenger|"
                     r"caller|visitor|resident|buyer|supplier|manager|teammate|member))\b", re.IGNORECASE),
    # "…라고 해 봅시다", "…상황입니다", "…가정해 보겠습니다", "예를 들어 …"
    "ko": re.compile(r"^(예를\s?들어|만약|가령|어떤\s)|(상황|가정|경우)(입니다|이에요|예요|이라고|라고)|"
                     r"(라고|다고|이라고)\s?(해\s?봅시다|해\s?보죠|해\s?볼게요|칩시다|합시다|가정|생각해\s?보)|가정해\s?(보|봅)"),
}
# An acknowledgement or a transition is never a scene ("Thanks, that's clear.", "네, 잘 들었습니다.").
_NOT_SCENE = re.compile(r"thank|appreciate|great|understood|noted|next question|감사|잘\s?들었|알겠습니다|다음\s?질문|"
                        r"좋습니다|그렇군요", re.IGNORECASE)


def with_scene(line: str, question: str, language: str) -> str:
    """`question` with the one sentence before it in `line` when that sentence sets its scene."""
    at = line.rfind(question)
    if not question or at <= 0:
        return question
    before = sentences(line[:at], language)
    scene = before[-1] if before else ""
    sets_scene = _SCENE.get(language, _SCENE["en"]).search(scene) and not _NOT_SCENE.search(scene)
    if not sets_scene or len(scene) > MAX_SCENE_CHARS or "?" in scene:
        return question
    return f"{scene} {question}"
