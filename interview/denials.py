"""Whether a reply denies having done what the question asks about, beyond the reading's no-experience cues: a
plain "I haven't done that", or a "no" to "have you ever …?" with nothing done or counted after it."""
from __future__ import annotations

import re

from interview.cues import CUES, has
from interview.reading import AnswerReading

DENIAL_RATIO = 0.5  # a denial this short (share of a full answer) is the whole reply
_DENIAL = {
    "ko": re.compile(r"[가-힣]{1,4}\s?본\s?(적|일)[이은]?\s?(아직\s?)?없|"  # "써 본 적이 없고"
                     r"(안|못)\s?([가-힣]{1,3}\s?)?(봤|봐서|본\s?적)|"  # "실습을 못 돌아 봤습니다", "한 번도 안 해 봐서요"
                     r"[가-힣]+만\s?(했|해\s?봤)"),  # "병동 실습만 했어요": only something else
    "en": re.compile(r"\b(i|we)('ve| have)? (haven't|have not|hasn't|never|not)\b"
                     r"(\s+(actually|really|yet|ever|personally|had the chance to))*\s+\w+\b|"
                     r"^(no,?\s+)?(not really|not exactly|not as such)\b|\b(i've|i have) only\b|"
                     # "I don't think I have", "I don't really have one"
                     r"\bi don't (really )?(think i('ve| have)|have (one|any|an example|that))\b",
                     re.IGNORECASE),
}
# A reply that opens with a yes (Korean "네" also only acknowledges the question: "네, 그런 경험은 없습니다").
YES = {"ko": re.compile(r"(네|예|넵|그럼요|물론)(?![가-힣])"),
       "en": re.compile(r"(yes|yeah|yep|sure|definitely|absolutely|of course|certainly)\b", re.IGNORECASE)}
# A question whether the candidate has ever done something, and a first sentence that says no.
_HAVE_YOU = {"ko": re.compile(r"(본\s?적|보신\s?적|던\s?적|해\s?보셨|해\s?보신|경험)[^?]{0,12}(있|있으|있나|있어)"),
             "en": re.compile(r"\b(have you (ever )?\w+|did you ever|any experience)\b", re.IGNORECASE)}
_FIRST_NO = {"ko": re.compile(r"(^(아니요|아뇨|아니에요)|(없어요|없습니다|없네요|없었어요|없었습니다))[.!…]*$"),
             "en": re.compile(r"^(honestly,?\s+|to be honest,?\s+)?(no|nope|i haven't|i have not)\b[^.!?]{0,20}[.!…]*$",
                              re.IGNORECASE)}
# A sentence giving the reason for what came before ("… 열 명 정도라서요", "Because ours only had ten users.").
REASON = {"ko": re.compile(r"(서요|라서|어서|니까요?|거든요)[.!…]*$"), "en": re.compile(r"^(because|since)\b", re.IGNORECASE)}
# The most the candidate has done, said as a limit ("the biggest … was eight", "많아야 / 기껏해야 / 최대 열 명", "…본
# 게 다예요", "that's all").
_AT_MOST = {"ko": re.compile(r"많아야|기껏해야|최대|가장\s?(많|큰)|제일\s?(많|큰)|(게|것이|건)\s?(다|전부)(예요|에요|였|입니다)|뿐"),
            "en": re.compile(r"\b(biggest|largest|most|at most|only|no more than|up to|that's all|that was it)\b",
                             re.IGNORECASE)}
# A sentence that denies or imagines what it tells: no outcome of anything done.
_UNREAL = {"ko": re.compile(r"없었|없어서|못\s?했|안\s?했|않았|것\s?같|거\s?같|겠"),
           "en": re.compile(r"\b(didn't|did not|never|wasn't|weren't|haven't|hasn't|hadn't|would|wouldn't|could)\b",
                            re.IGNORECASE)}


def denies_having_done(reading: AnswerReading, message: str, language: str) -> bool:
    """A plain "I haven't done that" with nothing done in it, worded beyond the reading's no-experience cues."""
    # a count inside the limit of what was done ("한 달에 한 번 따라가 본 게 다예요") counts nothing done
    limits = [s for s in reading.sentences if _AT_MOST[language].search(s)]
    concrete = bool(reading.star.result or [n for n in counts(reading, message) if not any(n in s for s in limits)])
    opening = " ".join(reading.sentences[:2]) or message  # "아…" may be a sentence of its own
    short = reading.length_ratio < DENIAL_RATIO  # a long story that mentions one thing not done is an answer
    # "… 맡은 적이 없어서요. 솔직히 그런 경험은 없습니다.": a short reply that ends on the denial denies it too
    denied = _DENIAL[language].search(opening) or has(message, CUES[language].no_experience, language)
    # "Yes. I moved them … I haven't had one since.": an English yes first tells what was done
    said_yes = language == "en" and bool(reading.sentences) and YES["en"].match(reading.sentences[0].strip())
    return not concrete and short and bool(denied) and not said_yes


def counts(reading: AnswerReading, message: str) -> tuple[str, ...]:
    """The reading's numbers that count something: not the digit of a name ("EC2", "S3", "H100", "K8s")."""
    return tuple(n for n in reading.claims.numbers if re.search(rf"(?<![A-Za-z]){re.escape(n)}", message))


def asks_if_ever(pending: str, language: str) -> bool:
    """The question asks whether the candidate has ever done something ("… 해 보신 적이 있나요?", "Have you ever …?"):
    its "yes" promises a story still to tell."""
    return _HAVE_YOU[language].search(pending) is not None


def no_to_have_you(reading: AnswerReading, pending: str, language: str) -> bool:
    """"Have you ever …?" answered "no" first ("솔직히 말씀드리면 없어요. 책으로만 공부했습니다."), with nothing done
    or counted after it: no such experience, whatever the candidate studied instead."""
    # the first sentence with a word in it ("음…" before "없어요." is a pause, not the answer)
    first = next((s for s in reading.sentences if re.search(r"[가-힣A-Za-z]{2,}", s)), "")
    # a count in the reason for the "no" ("… 많아야 열 명 정도라서요") is no count of anything done
    # nor is the size of the nearest thing done ("The biggest team I've led was eight people"): a limit, not a yes
    # nor a count in the sentence that denies it ("병동에서만 2년 일해서 … 조사해 본 적은 없습니다")
    counted = [n for n in counts(reading, " ".join(reading.sentences)) if any(
        n in s and not REASON[language].search(s.strip()) and not _AT_MOST[language].search(s)
        and not _DENIAL[language].search(s) for s in reading.sentences)]
    if not asks_if_ever(pending, language) or _real_result(reading) or counted:
        return False
    return reading.length_ratio < DENIAL_RATIO and _FIRST_NO[language].search(first.strip()) is not None


def _real_result(reading: AnswerReading) -> bool:
    """An outcome that happened: not one denied or only imagined ("we didn't have one, so that would be new")."""
    result = reading.star.result
    return bool(result) and _UNREAL.get(reading.language, _UNREAL["en"]).search(result) is None
