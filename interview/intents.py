"""What an interview question asks for: its intent, the aspects a full answer covers, and a full answer's length."""
from __future__ import annotations

import re

from interview.cues import has

# A question about what the candidate would do: its answer is a plan, however short.
HYPOTHETICAL = {"ko": re.compile(r"(하|되|드리|보|가|쓰|대하|대처하|접근하)시겠|한다면|라면\s"),
                 "en": re.compile(r"\b(would you|how would|what would|imagine|suppose)\b", re.IGNORECASE)}
# intent: (Korean cues, English cues) – first match wins, so the narrow intents come first.
_INTENT_CUES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("reverse", ("궁금한점", "궁금하신점", "질문있으", "질문이있으", "하고싶은말", "마지막으로하실", "물어보실", "물어보고싶",
                 "묻고싶", "궁금한거", "궁금한것", "궁금하신거", "질문하실"),
     ("any questions", "questions for us", "questions for me", "like to ask", "anything you want to ask", "ask me", "ask us",
      "anything else you", "anything else you'd", "anything else we should")),
    ("self_introduction", ("자기소개", "소개해", "소개부탁", "본인을소개"),
     ("introduce yourself", "introducing yourself", "about yourself", "short introduction", "quick introduction",
      "brief introduction", "walk me through your", "about your background")),
    ("motivation", ("지원동기", "지원하신동기", "동기는", "동기가", "지원한이유", "지원하신이유", "지원하게된", "왜지원", "지원하셨", "왜저희", "왜우리",
                    "선택한이유", "선택하신이유", "입사하고싶", "관심을갖게"),
     ("why do you want", "why are you interested", "why did you apply", "made you apply", "apply to",
      "applying to", "why our", "why this",
      "why us", "what draws you", "what attracted you", "why here")),
    ("conflict", ("갈등", "의견충돌", "의견이다른", "의견이맞지", "마찰", "불화", "대립", "설득"),
     ("conflict", "disagree", "disagreed", "disagreement", "difficult colleague", "difficult coworker", "push back",
      "persuade", "convince")),
    ("failure", ("실패", "실수", "좌절", "잘못된", "어려움을겪", "힘들었던"),
     ("fail", "failure", "failed", "mistake", "went wrong", "setback", "hardest")),
    ("weakness", ("약점", "단점", "보완할점", "부족한점", "개선할점"),
     ("weakness", "weaknesses", "area for improvement", "improve on", "to work on", "working on")),
    ("strength", ("강점", "장점", "잘하는", "경쟁력", "차별점", "뽑아야"),
     ("strength", "strengths", "good at", "what makes you", "why should we hire", "stand out")),
    ("future", ("앞으로", "5년후", "10년후", "입사후", "포부", "커리어", "장기적", "목표가"),
     ("where do you see", "five years", "5 years", "career goals", "long term", "long-term", "your goals",
      "plans for")),
    ("experience", ("경험", "사례", "해본", "했던", "있으신가요", "있나요", "때를"),
     ("tell me about a time", "describe a time", "experience", "example of", "have you ever", "a time when",
      "a situation")),
    ("technical", ("설명해", "차이", "구현", "설계", "아키텍처", "알고리즘", "원리", "어떻게처리", "어떻게대응",
                   "방법", "어떻게측정", "최적화", "디버깅", "테스트"),
     ("explain", "difference between", "design", "architecture", "algorithm", "how would you", "how do you",
      "approach", "debug", "optimi", "measure", "test")),
)

_ASKS_FOR: dict[str, tuple[str, ...]] = {
    "self_introduction": ("action",),
    "motivation": ("reason", "example", "plan"),
    "experience": ("situation", "own_role", "action", "result"),
    "conflict": ("situation", "own_role", "action", "result"),
    "failure": ("situation", "action", "result", "lesson"),
    "strength": ("example", "result"),
    "weakness": ("example", "action"),
    "future": ("plan", "reason"),
    "technical": ("action", "reason", "example"),
    "reverse": (),
    "general": ("reason", "example"),
}
# A full spoken answer: about 40–60 s, i.e. ~250 Korean syllables or ~110 English words at a calm pace.
_EXPECTED_KO = {"self_introduction": 250, "motivation": 200, "experience": 280, "conflict": 280,
                "failure": 280, "strength": 200, "weakness": 200, "future": 180, "technical": 220,
                "reverse": 40, "general": 180}
EN_WORDS_PER_KO_SYLLABLE = 0.45


# "프로젝트 하나를 골라 소개해 주세요": what is introduced is a piece of work, not the candidate.
_INTRODUCES_A_THING = ("프로젝트", "사례", "제품", "경험", "브랜드", "서비스", "작업", "성과", "업무")
# "대표적인 걸 하나 소개해 주시겠어요?": an object other than the candidate ("본인을 소개") put before "소개"
# or a thing supposed to exist ("직접 기획한 콘텐츠 있으면 하나 소개해 주세요"): the candidate is never "if there is one"
_OBJECT_INTRODUCED = re.compile(r"(?<!본인)(?<!자신)(?<!자기)((을|를|걸)|[가-힣]\s*(이|가)?\s*있(으면|다면|었으면|었다면))\s*"
                                r"([가-힣]+\s+){0,2}소개")


# The last word offered ("끝으로 한마디 해 주세요", "anything you'd like to add?"), not "한마디로 표현하면": the last
# call, unless it is about the story just told ("이 얘기에 덧붙이실…", "…to add about that?"), a follow-up.
_OFFERS_TO_ADD = {"ko": ("한마디해", "한마디부탁", "한마디하", "덧붙이", "더하고싶", "추가로하실", "추가하실"),
                  "en": ("like to add", "anything to add", "add anything", "final words", "last words")}
_ABOUT_THAT = {"ko": ("이얘기", "그얘기", "이이야기", "그이야기", "이부분", "그부분", "거기에", "방금"),
               "en": ("about that", "about this", "to that", "on that", "about it")}


# a third party the question's asking is addressed to ("고객에게", "the customer"), not the interviewer
_TO_SOMEONE_ELSE = {"ko": re.compile(r"(?<!저)(?<!저희)(?<!면접관)(?<!면접관님)(에게|한테|께)\s"),
                    "en": re.compile(r"\bask (the|a|your|their|them|him|her)\b", re.IGNORECASE)}


def offers_to_add(question_text: str, language: str) -> bool:
    """The question offers the candidate the word to add something (on the story, or as the last word)."""
    return bool(has(question_text, _OFFERS_TO_ADD.get(language, _OFFERS_TO_ADD["en"]), language))


def classify(question_text: str, language: str) -> str:
    """The question's intent name ("general" when no cue matches)."""
    # "고객에게 제안한다면 무엇을 먼저 물어보실지": what the candidate would ask someone else, never the call for the
    # candidate's own questions
    asks_elsewhere = _TO_SOMEONE_ELSE.get(language, _TO_SOMEONE_ELSE["en"]).search(question_text) is not None
    if offers_to_add(question_text, language) and not has(question_text, _ABOUT_THAT.get(language, ()), language):
        return "reverse"
    for intent, ko, en in _INTENT_CUES:
        if intent == "reverse" and asks_elsewhere:
            continue
        if intent == "self_introduction" and language == "ko" and (
                has(question_text, _INTRODUCES_A_THING, "ko") or _OBJECT_INTRODUCED.search(question_text)):
            continue
        if has(question_text, ko if language == "ko" else en, language):
            return intent
    # a Korean interview may carry an English question and the other way round
    for intent, ko, en in _INTENT_CUES:
        if has(question_text, en if language == "ko" else ko, "en" if language == "ko" else "ko"):
            return intent
    return "general"


def asks_for(intent: str) -> tuple[str, ...]:
    """The aspects a full answer to a question of this intent covers."""
    return _ASKS_FOR.get(intent, _ASKS_FOR["general"])


def expected_units(intent: str, language: str) -> int:
    """A full answer's length in syllables (ko) or words (en)."""
    syllables = _EXPECTED_KO.get(intent, _EXPECTED_KO["general"])
    return syllables if language == "ko" else max(1, round(syllables * EN_WORDS_PER_KO_SYLLABLE))
