"""The candidate's role in the story a reply tells: the one who serves (staff with a guest, a patient, an owner's
dog, a supervisor to report to) or the one served (a visitor, a buyer, an owner, a fan enjoying the day). A slope,
a festival gate or a dog is the work in a ski patrol's, a steward's or a vet nurse's story and a day off in a
guest's; what tells them apart is the grammar of who gives to whom, not which place or animal is named."""
from __future__ import annotations

import re

from interview import structure
from interview.answer_deferred import puts_it_off
from interview.reading import AnswerReading, intent_of
from interview.text import Token
from interview.work_report import reports_work

# Going somewhere to enjoy it: "보러 가", "놀러 가", "구경하러 가", "먹으러 가" (a purpose ending before a motion verb).
_KO_MOTION = frozenset({"가", "오", "다니", "다녀오", "놀러가"})
# The acts of someone served or at leisure: eating, drinking, buying, playing, keeping a pet of one's own.
_KO_LEISURE_VERBS = frozenset({"먹", "마시", "사", "놀", "키우", "즐기", "구경하"})
# How the day felt to the one who enjoyed it: tasty, pretty, cute, fun, cool.
_KO_ENJOYED = frozenset({"맛있", "예쁘", "귀엽", "재밌", "재미있", "멋있", "신나", "맛없"})
# Honoured receivers the candidate gives to in private life, not at work ("할머니께 드렸어요").
_KO_KIN = ("할머니", "할아버지", "엄마", "아빠", "어머니", "아버지", "부모", "삼촌", "이모", "고모", "가족")
# "솔직히 말씀드리면", "말씀드렸듯이": the humble verb said to the interviewer, a way of speaking, not a service.
_KO_TO_THE_INTERVIEWER = frozenset({"면", "으면", "자면", "듯이"})
# A story offered to the interviewer now ("군대 있을 때 얘기를 해 드릴게요"): a telling promised, not a service.
_KO_TELLING = frozenset({"얘기", "이야기"})
# First-person owners of a noun ("저희 아빠", "우리 집 강아지"): with kin or the home, the household of one's own.
_KO_OWNERS = frozenset({"저희", "우리", "제"})
GUEST_MIN = 2  # this many signs of being served or at leisure, none of serving, make the story a day of one's own

_ABOUT_ONESELF = frozenset({"self_introduction", "strength", "weakness", "future", "motivation"})
# A question about the candidate's life outside work: leisure, health, rest and stress are its answer.
_PERSONAL_QUESTION = {"ko": re.compile(r"취미|여가|주말|쉬는\s?날|휴일|스트레스|건강|체력|운동|관심사|좋아하는"),
                      "en": re.compile(r"\b(hobb|free time|spare time|weekend|unwind|relax|stress|health|fit|outside "
                                       r"(of )?work|for fun|interests)", re.IGNORECASE)}
_EN_SERVED = re.compile(
    r"\b(went to|visited|we stayed|i stayed|stayed at|trip|holiday|vacation|with my (friends?|mates?|family|sisters?|"
    r"brothers?|cousins?|parents|partner|girlfriend|boyfriend|kids)|my (uncle|aunt|sisters?|brothers?|cousins?|"
    r"neighbou?rs?|landlord|roommate|grandma|grandpa|mum|mom|dad|kids|children|son|daughter|husband|wife)|"
    r"had an? (great|brilliant|amazing|lovely|fun) time|(great|amazing|lovely|fun|best) (trip|day|night|time)|"
    r"cutest|delicious|so much fun|adopted|bought|ate|got back from|(came|flew) back from|jet-?lagged|"
    r"my (cat|dog|puppy|kitten|pet|rabbit|hamster))\b", re.IGNORECASE)
# (not "at the vet": a place the candidate is brought to, as the one served)
_EN_SERVING = re.compile(
    r"\b(i|we)\b[^.!?]*(?<!\bat )\b(the|a|an|our|their|his|her)\s+(guests?|customers?|clients?|patients?|owners?|"
    r"visitors?|passengers?|riders?|skiers?|snowboarders?|residents?|members?|attendees?|fans?|callers?|supervisor|manager|"
    r"vet|team lead|shift lead)\b|\bmy (shift|lane|post|station|supervisor|manager|team)\b", re.IGNORECASE)


def serves_others(message: str, language: str) -> int:
    """How many signs the candidate serves someone: a Korean humble giving ("안내해 드리고", "말씀드리고",
    "연락드렸어요") to someone not of their family, or a stranger honoured ("보더 한 분이", "보호자분"); in English the
    candidate acting beside a guest, a patient, an owner or a supervisor ("I kept the owner talking")."""
    if language != "ko":
        return len(_EN_SERVING.findall(message))
    toks = structure.tokens(message, "ko")
    signs = 0
    for i, tok in enumerate(toks):
        if tok.tag in ("VV", "VX") and tok.form.endswith("드리") and not _to_kin(toks[max(0, i - 6):i]) and not (
                i + 1 < len(toks) and toks[i + 1].form in _KO_TO_THE_INTERVIEWER) and not _tells_the_listener(toks, i):
            signs += 1
        elif tok.tag == "NNB" and tok.form == "분" and i > 0 and (toks[i - 1].tag == "MM" or toks[i - 1].tag.startswith(
                "NN") and not _to_kin(toks[i - 1:i])):
            signs += 1  # "보더 한 분이", "보호자분 진정시키는 게": someone honoured as a stranger is looked after
    return signs


def served_or_at_leisure(message: str, language: str) -> int:
    """How many signs the candidate is the guest of the story: gone somewhere to enjoy it ("보러 갔는데요", "went
    to Glastonbury with my mates", "캠핑을 다니는데요"), eating, drinking, buying, playing or keeping a pet,
    saying how it tasted or looked, one's own household ("저희 아빠가", "저희 집 강아지", "my cat"), a relative's or a
    neighbour's doings ("my uncle farms corn"), a trip just back from, or the question put off before the story
    ("그거 말하기 전에요", "before that, …"). A weekend is no sign: a leisure place's staff work on it."""
    deferred = int(puts_it_off(message, language))
    if language != "ko":
        return len(_EN_SERVED.findall(message)) + deferred
    toks = structure.tokens(message, "ko")
    signs = deferred
    for i, tok in enumerate(toks):
        going = i + 1 < len(toks) and toks[i + 1].tag == "VV" and toks[i + 1].form in _KO_MOTION
        if going and (tok.tag == "EC" and tok.form in ("러", "으러") or tok.tag == "JKO" and i > 0 and toks[
                i - 1].tag.startswith("NN") or tok.tag == "NNP" or tok.form == "에" and toks[i - 1].tag == "NNP"):
            signs += 1  # "보러 갔는데요", "콘서트를 갔는데요", "홍천에 갔다 왔거든요": an outing, not a place of work
        elif tok.tag == "NP" and tok.form in _KO_OWNERS and i + 1 < len(toks) and toks[i + 1].tag == "NNG" and (
                toks[i + 1].form == "집" or _to_kin(toks[i + 1:i + 2])):
            signs += 1  # "저희 아빠가 …", "저희 집 강아지가": the household of one's own, as "my uncle" in English
        elif tok.tag == "NNG" and tok.form == "여행":
            signs += 1  # a trip is the traveller's
        elif tok.tag.startswith("VV") and tok.form in _KO_LEISURE_VERBS:
            signs += 1
        elif tok.tag.startswith("VA") and tok.form in _KO_ENJOYED:
            signs += 1
    return signs


def guest_story(message: str, language: str) -> bool:
    """The reply tells a day the candidate was served or at leisure, with nothing of serving anyone in it."""
    return served_or_at_leisure(message, language) >= GUEST_MIN and not serves_others(message, language)


def staff_story(message: str, language: str) -> bool:
    """The reply has the candidate serving others, with no sign of a day of their own at leisure."""
    return bool(serves_others(message, language)) and not served_or_at_leisure(message, language)


def about_their_own_life(pending: str, language: str) -> bool:
    """The question asks about the candidate themself or their life outside work: a day of their own answers it."""
    return bool(_PERSONAL_QUESTION[language].search(pending)) or intent_of(pending, language).intent in _ABOUT_ONESELF


def day_of_their_own(reading: AnswerReading, message: str, pending: str, language: str) -> bool:
    """A reply telling a day the candidate was a guest or at leisure, serving no one and doing nothing to the work's
    things or the question's, to a question that is not about their own life."""
    if not guest_story(message, language) or about_their_own_life(pending, language):
        return False
    # the question's word may come up ("고기", "lift"): eaten or ridden by the guest, it is still no report of work
    return not reports_work(reading, pending, language)


def _tells_the_listener(toks: list[Token], i: int) -> bool:
    """The giving verb at i promises a story to the one listening ("얘기를 해 드릴게요"), with no one else to receive it."""
    promised = i + 1 < len(toks) and "게" in toks[i + 1].form
    told = any(t.form in _KO_TELLING for t in toks[max(0, i - 4):i])
    return promised and told and not any(t.form in ("께", "에게", "한테") for t in toks[max(0, i - 7):i])


def _to_kin(before: list[Token]) -> bool:
    """The receiver just before a giving verb is the candidate's family ("할머니께 …")."""
    return any(t.form.startswith(_KO_KIN) for t in before if t.tag.startswith("NN"))
