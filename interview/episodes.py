"""An episode of the candidate's own time told in place of an answer: yesterday's flat tyre, the jam on the way
here, school or army days, a relative's pet. To a question about how the candidate does or would do the work (not
one asking for a story from their life, nor about their life itself), such a story answers nothing unless it
reports the work or serves someone in it, however many things it names or hours it counts."""
from __future__ import annotations

import re

from interview import structure
from interview.associations import without_echo
from interview.reading import AnswerReading, intent_of
from interview.stints import tells_a_stint
from interview.story_role import about_their_own_life, serves_others
from interview.text import Token, sentences
from interview.work_report import asked_part, candidate_acts, names_the_work, speaks_as_self

# Questions that ask for a story from the candidate's past: a life episode may be the answer to these.
_STORY_ASKED = frozenset({"experience", "conflict", "failure"})
# A phrase of place or extent: a word closed by 에서, 까지 or 부터.
_KO_SETTING = re.compile(r"[^\s,.!?]+(에서|까지|부터)(?=[\s,.!?]|$)")
WAY_GAP = 3  # "오늘 면접 오는데": coming is at most this many tokens after "오늘", nouns of where between
FULL_RATIO = 0.5  # a reply this long is read as an answer in its own right, whatever time it is set in
# English time told from the day of the interview: "this morning", "last night", "on my way here".
_EN_TODAY = re.compile(r"\b((this|yesterday) (morning|afternoon|evening)|last night|earlier today)\b", re.IGNORECASE)
# The trip to the interview itself: "on my way here", "on the drive up", "getting here".
_EN_WAY_HERE = re.compile(r"\b(on (the|my) (way|drive|trip|ride|walk|flight|train) (here|in|over|up|down)|getting here|"
                          r"driving (up|in|over|down) here)\b", re.IGNORECASE)
_KO_COMING = frozenset({"오", "올라오", "내려오", "들어오"})  # coming (up, down, in) to where the interview is
_KO_TRIP_DAYS = frozenset({"오늘", "어제", "아침"})  # the days of a trip to the interview
# The world of study as the time of a story: "대학 때", "학교 다닐 때", "대학교 시절에", "back in college".
_STUDY = {"ko": ("학교", "대학", "학부", "학창", "동아리", "수업", "과제", "학과", "전공"),
          "en": ("school", "college", "universit", "campus", "class", "club", "course", "student")}
_KO_PERIOD = frozenset({"때", "시절"})
_EN_SCHOOL_DAYS = re.compile(r"\b((back )?(in|at|during) (high school|school|college|university|uni)|as a student|"
                             r"my (school|college|university|student) (days|years))\b", re.IGNORECASE)
# A question set at work: its scene is a place or process of the job ("수납 과정에서", "at your last job").
_EN_AT_WORK = re.compile(r"\b(at work|on the job|on (a|the|your) shift|(at|in) your (last|current|previous|old) "
                         r"(job|role|position|workplace))\b", re.IGNORECASE)


def told_instead(reading: AnswerReading, message: str, pending: str, language: str, private: tuple[str, ...]) -> bool:
    """The reply tells an episode of the candidate's own time (a private-life word as its time or company, the way
    here, a period of life "군대 있을 때"), names nothing of the work (but in the scene it is set in), serves no one
    and tells no stint of work, to a question that asks how the work is done."""
    if about_their_own_life(pending, language):
        return False
    trip = _way_here(message, language)  # the trip to the interview is never the work, however long the tale
    if reading.length_ratio >= FULL_RATIO and not trip:
        return False
    # school days are the candidate's own time too where the question is set at work ("수납 과정에서 실수를 …")
    school = _school_days(message, language) and _set_at_work(pending, language)
    if intent_of(pending, language).intent in _STORY_ASKED and not school:
        return False
    if not school and not _own_time(message, language, private):
        return False
    # "고등학교 때 …", "오늘 오는데 …", "어릴 때 …": the candidate's, the subject unsaid
    own = school or trip or _childhood(message, language)
    if not own and not any(speaks_as_self(s, language) or _bare_self(s, language) for s in reading.sentences):
        return False  # "요즘은 트렌드가 중요하니까요": these days in general, no episode of the candidate's
    if serves_others(message, language) and not trip or tells_a_stint(message, language):
        return False  # someone served (not a traveller's kindness), or a stint of work told ("I did six months …")
    told = [_without_word_back(s, pending, language)
            for s in sentences(without_echo(message, language, pending), language)]
    return not any(names_the_work(_without_settings(s, language, school), pending, language)
                   and not _scene(s, language, private) for s in told)


def _bare_self(sentence: str, language: str) -> bool:
    """Spoken Korean drops the particle of "저" ("저 어제 SRT 타고 …", "저 요즘 주말농장을 …"), and Kiwi then reads it as
    the hesitation "저…": a bare "저" right before a word of time or a thing is the candidate, not a pause."""
    if language != "ko":
        return False
    toks = structure.tokens(sentence, "ko")
    return any(a.form == "저" and a.tag == "IC" and b.tag in ("MAG", "NNG", "NNP")
               for a, b in zip(toks, toks[1:]))


def _scene(sentence: str, language: str, private: tuple[str, ...]) -> bool:
    """The sentence sets the episode in the candidate's own time and tells what something else did or was ("the
    Northern line this morning was a nightmare"): what it names is the scene, not the work."""
    return _own_time(sentence, language, private) and not candidate_acts(sentence, language)


def _without_settings(sentence: str, language: str, school: bool = False) -> str:
    """The sentence without where and until when its episode happens (ko: "서비스센터에서", "새벽까지"): the
    places and hours the candidate waited or stayed in are its setting, not what it tells of; in a story of school
    days (`school`, either language), its school, classes and clubs are the setting too."""
    if school:
        sentence = " ".join(w for w in sentence.split() if not _of_study(w, language))
    return _KO_SETTING.sub(" ", sentence) if language == "ko" else sentence


def _of_study(word: str, language: str) -> bool:
    """A word of study: one holding a Korean study noun ("고등학교"), an English word starting with one ("classes")."""
    if language == "ko":
        return any(study in word for study in _STUDY["ko"])
    return word.lower().strip("\"'(),.!?").startswith(_STUDY["en"])


def _school_days(message: str, language: str) -> bool:
    """The story is set in the candidate's school days: a word of study before "때" or "시절" ("대학 때")."""
    if language != "ko":
        return _EN_SCHOOL_DAYS.search(message) is not None
    toks = structure.tokens(message, "ko")
    return any(a.tag.startswith("NN") and _of_study(a.form, "ko") and b.form in _KO_PERIOD
               for a, b in zip(toks, toks[1:]))


def _set_at_work(pending: str, language: str) -> bool:
    """The question sets its scene at work: a place or process of the job before 에서 ("수납 과정에서"), not one of
    study, or an English "at work", "on a shift", "in your last job"."""
    asked = asked_part(pending, language)
    if language != "ko":
        return _EN_AT_WORK.search(asked) is not None
    toks = structure.tokens(asked, "ko")
    return any(a.tag.startswith("NN") and b.form == "에서" and b.tag == "JKB" and not _of_study(a.form, "ko")
               and len(a.form) > 1 for a, b in zip(toks, toks[1:]))


def _own_time(message: str, language: str, private: tuple[str, ...]) -> bool:
    """The story is set in the candidate's own time: a private-life word (en: "last weekend", "my sister"); ko: one
    as a time adverb ("어제", "요즘") or with a particle ("주말마다", "지난주엔"), the way here ("오늘 오는데"), or a
    period of life as the time of the story ("고등학교 다닐 때", "군대 있을 때")."""
    if language != "ko":
        private_word = re.search(r"\b(" + "|".join(re.escape(p) for p in private) + r")", message, re.IGNORECASE)
        return bool(private_word or _EN_TODAY.search(message) or _EN_WAY_HERE.search(message))
    toks = structure.tokens(message, "ko")
    return _way_here(message, language) or any(_time_of_their_own(toks, i, private) for i in range(len(toks)))


def _way_here(message: str, language: str) -> bool:
    """The candidate's own trip to the interview: "on the drive up", "오늘 면접 오는데", "어제 대구에서 올라올 때" (a day
    of the trip, then coming, only nouns of where and their particles between), the subject left unsaid."""
    if language != "ko":
        return _EN_WAY_HERE.search(message) is not None
    toks = structure.tokens(message, "ko")
    return any(a.form in _KO_TRIP_DAYS and _comes(toks[i + 1:i + 1 + 2 * WAY_GAP]) for i, a in enumerate(toks))


def _comes(after: list[Token]) -> bool:
    """The tokens start with coming ("오", "올라오"), with only nouns of where (and 에서, 로, "여기") before it."""
    for tok in after:
        if tok.form in _KO_COMING and tok.tag == "VV":
            return True
        if not (tok.tag.startswith("NN") or tok.tag == "JKB" or tok.tag == "NP" and tok.form in ("여기", "이곳")):
            return False
    return False


def _time_of_their_own(toks: list[Token], i: int, private: tuple[str, ...]) -> bool:
    """Token i starts a time of the candidate's own: a private word as an adverb or before a particle, or a clause
    of being or going somewhere closed by "때" ("군대 있을 때")."""
    tok, nxt = toks[i], toks[i + 1] if i + 1 < len(toks) else None
    if tok.form.startswith(private) and (tok.tag == "MAG" or nxt is not None and nxt.tag in ("JKB", "JX")):
        return True
    if _is_childhood(toks, i):
        return True  # "어릴 때", "어렸을 때": childhood, a period of the candidate's own life
    return tok.tag.startswith("NN") and i + 3 < len(toks) and toks[i + 1].tag == "VV" and toks[i + 1].form in (
        "있", "다니", "살") and toks[i + 2].tag == "ETM" and toks[i + 3].form == "때"


def _childhood(message: str, language: str) -> bool:
    """"어릴 때", "어렸을 때": the candidate's own childhood, the subject unsaid (English says "I")."""
    toks = structure.tokens(message, "ko") if language == "ko" else []
    return any(_is_childhood(toks, i) for i in range(len(toks)))


def _is_childhood(toks: list[Token], i: int) -> bool:
    """Token i starts "어리 + ETM + 때"."""
    return toks[i].tag == "VA" and toks[i].form == "어리" and i + 2 < len(toks) and toks[i + 1].tag == "ETM" and toks[
        i + 2].form == "때"


def _without_word_back(sentence: str, pending: str, language: str) -> str:
    """The sentence without an opening piece that only says the question's word back before trailing off ("아
    이직률… 저 사실 …"): an echo, not the work taken up."""
    head, mark, rest = sentence.partition("…")
    if language != "ko" or not mark:
        return sentence
    toks = structure.tokens(head, "ko")
    asked = asked_part(pending, language)
    nouns = [t.form for t in toks if t.tag.startswith("NN")]
    verbless = not any(t.tag.startswith(("VV", "VA", "EF")) for t in toks)
    return rest if nouns and verbless and all(n in asked for n in nouns) else sentence
