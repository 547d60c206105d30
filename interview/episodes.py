"""An episode of the candidate's own time told in place of an answer: yesterday's flat tyre, the jam on the way
here, school or army days, a relative's pet. To a question about how the candidate does or would do the work (not
one asking for a story from their life, nor about their life itself), such a story answers nothing unless it
reports the work or serves someone in it, however many things it names or hours it counts."""
from __future__ import annotations

import re

from interview import structure
from interview.associations import without_echo
from interview.reading import AnswerReading, intent_of
from interview.story_role import about_their_own_life, serves_others
from interview.text import Token, sentences
from interview.work_report import names_the_work, speaks_as_self

# Questions that ask for a story from the candidate's past: a life episode may be the answer to these.
_STORY_ASKED = frozenset({"experience", "conflict", "failure"})
# A phrase of place or extent: a word closed by 에서, 까지 or 부터.
_KO_SETTING = re.compile(r"[^\s,.!?]+(에서|까지|부터)(?=[\s,.!?]|$)")
FULL_RATIO = 0.5  # a reply this long is read as an answer in its own right, whatever time it is set in


def told_instead(reading: AnswerReading, message: str, pending: str, language: str, private: tuple[str, ...]) -> bool:
    """The reply tells an episode of the candidate's own time (a private-life word as its time or company, the way
    here, a period of life "군대 있을 때"), names nothing of the work and serves no one, to a question that asks how
    the work is done."""
    if reading.length_ratio >= FULL_RATIO or about_their_own_life(pending, language):
        return False
    if intent_of(pending, language).intent in _STORY_ASKED or not _own_time(message, language, private):
        return False
    if not _way_here(message, language) and not any(speaks_as_self(s, language) for s in reading.sentences):
        return False  # "요즘은 트렌드가 중요하니까요": these days in general, no episode of the candidate's
    if serves_others(message, language):
        return False
    told = sentences(without_echo(message, language, pending), language)
    return not any(names_the_work(_without_settings(s, language), pending, language) for s in told)


def _without_settings(sentence: str, language: str) -> str:
    """A Korean sentence without where and until when its episode happens ("서비스센터에서", "새벽까지"): the
    places and hours the candidate waited or stayed in are its setting, not what it tells of."""
    return _KO_SETTING.sub(" ", sentence) if language == "ko" else sentence


def _own_time(message: str, language: str, private: tuple[str, ...]) -> bool:
    """The story is set in the candidate's own time: a private-life word (en: "last weekend", "my sister"); ko: one
    as a time adverb ("어제", "요즘") or with a particle ("주말마다", "지난주엔"), the way here ("오늘 오는데"), or a
    period of life as the time of the story ("고등학교 다닐 때", "군대 있을 때")."""
    if language != "ko":
        return bool(re.search(r"\b(" + "|".join(re.escape(p) for p in private) + r")", message, re.IGNORECASE))
    toks = structure.tokens(message, "ko")
    return _way_here(message, language) or any(_time_of_their_own(toks, i, private) for i in range(len(toks)))


def _way_here(message: str, language: str) -> bool:
    """"오늘 오는데", "오늘 오다가": the candidate's own way to the interview, the subject left unsaid."""
    toks = structure.tokens(message, "ko") if language == "ko" else []
    return any(a.form == "오늘" and b.form == "오" and b.tag == "VV" for a, b in zip(toks, toks[1:]))


def _time_of_their_own(toks: list[Token], i: int, private: tuple[str, ...]) -> bool:
    """Token i starts a time of the candidate's own: a private word as an adverb or before a particle, or a clause
    of being or going somewhere closed by "때" ("군대 있을 때")."""
    tok, nxt = toks[i], toks[i + 1] if i + 1 < len(toks) else None
    if tok.form.startswith(private) and (tok.tag == "MAG" or nxt is not None and nxt.tag in ("JKB", "JX")):
        return True
    return tok.tag.startswith("NN") and i + 3 < len(toks) and toks[i + 1].tag == "VV" and toks[i + 1].form in (
        "있", "다니", "살") and toks[i + 2].tag == "ETM" and toks[i + 3].form == "때"
