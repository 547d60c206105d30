"""The interview's history read by meaning, whatever the interviewer's wording (a client's own `messages`, a remote
model's turns, a resumed session): which line asked a main question and of what intent, which line followed up,
whether the last call for questions came and whether the interview was closed."""
from __future__ import annotations

import re
from functools import lru_cache

from interview.cues import has
from interview.intents import classify
from interview.lines import Lines
from interview.text import split_sentences
from llm.prompts import is_question

# Intents an interview asks about once: a main question of another wording with one of these retires the
# catalogue's question of the same intent (an "experience" or "technical" question may come many times).
ONCE_INTENTS = frozenset({"self_introduction", "motivation", "strength", "weakness", "future", "failure",
                          "conflict"})
# A follow-up points back at the answer just given ("그때…", "그 프로젝트에서…", "you mentioned…").
_FOLLOW_UP = {
    "ko": re.compile(r"^(그럼\s*|그러면\s*|네[,.]?\s*)?(어떻게\s?)?(그\s|그때|그걸|그것|그게|거기|방금|아까|말씀하신|좀\s?더|"
                     r"조금\s?더|구체적으로|그래서|왜\s?그)"),
    "en": re.compile(r"^(and|then|why)\b|^so,?\s+(why|how did|what happened|what did you do)\b|"
                     r"\b(you mentioned|you said|that project|that experience|that situation|"
                     r"in that|from that|about that|tell me more|say more|more about|what was your (own )?role|"
                     r"how did you measure|what happened next|looking back|did it make|did that|was it|how did it|"
                     r"what came of it)\b", re.IGNORECASE),
}
# A question that borrows its predicate from the answer just given: a Korean clause left open with 요 ("다른 방법이
# 없는데도 계속 항의하시면요?"; not "…한 것이 있다면요?" nor "…점이 있었다면요?", which ask for a new story) or "what if …?".
_ELLIPTICAL = {"ko": re.compile(r"(?<!있)(?<!있으)(?<!있다)(?<!있었)(?<!있었다)(면|다면|라면|는데|은데|는데도|고|어서|아서|해서)"
                                r"요\s*\?$"),
               "en": re.compile(r"^(and )?what if\b|^(and )?even if\b", re.IGNORECASE)}
# An interviewer's statement that something was already covered ("지난 세션에서 지원 동기까지 들었습니다", "we covered why
# you applied last time"): the intents it names are not asked again.
_COVERED = {"ko": ("들었", "말씀해주셨", "말씀하셨", "이야기했", "얘기했", "나눴", "충분히", "생략", "건너뛰", "서류로봤",
                   "지난면접", "지난번", "하셨고", "하셨으니"),
            "en": ("covered", "went over", "heard", "talked about", "already know", "won't go over", "skip",
                   "we've had", "told us", "told me", "you shared", "discussed", "already", "last time")}
_NAMES_INTENT = {
    "ko": (("self_introduction", ("자기소개", "본인소개", "소개는")),
           ("motivation", ("지원동기", "지원하신이유", "지원한이유", "지원이유", "왜지원", "지원하셨는지", "왜저희", "동기까지",
                           "동기는", "되고싶은지", "되고싶으신지", "되고싶은이유", "되고싶으신이유"))),
    "en": (("self_introduction", ("introduction", "introductions", "your background", "about yourself",
                                  "yourself")),
           ("motivation", ("why you applied", "your motivation", "why you want", "why you're interested",
                           "why you chose", "reasons for applying", "reason for applying", "why you're applying",
                           "why you've applied", "why you have applied"))),
}
# The interviewer announces that the question it asks is the last one ("마지막 질문입니다", "끝으로 …", "Last question
# from me"): after its answer the interview closes.
_LAST_QUESTION = {"ko": ("마지막질문", "마지막으로하나", "마지막으로한가지", "마지막으로묻", "마지막으로여쭙", "마지막으로여쭤",
                         "끝으로"),
                  "en": ("last question", "final question", "one last question", "one last thing", "finally",
                         "to finish up", "to wrap up", "last one")}
# "Last one on that cell: …", "그 부분 마지막으로 …": the last question about what was just told, not the interview's
_LAST_ON_THAT = {"ko": re.compile(r"(그|이)\s?(부분|건|일|얘기|이야기|프로젝트|경험)[^.?!]{0,6}마지막"),
                 "en": re.compile(r"\b(last|final) (one|question|thing) (on|about|for) (that|this|it|those|these)\b",
                                  re.IGNORECASE)}
_CLOSING = {"ko": ("면접을마치", "면접은여기까지", "이것으로면접", "수고하셨", "수고많으셨"),
            "en": ("that concludes", "that's all from", "that wraps up", "end of the interview", "we'll be in touch")}


def asked_sentence(text: str) -> str:
    """The question sentence(s) at the end of an interviewer line (the whole line when none asks)."""
    parts = list(split_sentences(text))
    for i in range(len(parts) - 1, -1, -1):
        if is_question(parts[i]):
            return parts[i]
    return text.strip()


def intent_asked(text: str, language: str) -> str:
    """What an interviewer line asks for ("" when it asks nothing)."""
    return classify(asked_sentence(text), language) if is_question(text) else ""


def is_follow_up(text: str, language: str, lines: Lines) -> bool:
    """The line follows up on the last answer: in the policy's own templates or pointing back at the answer."""
    parts = list(split_sentences(text))
    # the first question of a line sets what it asks; a later one ("그때 어떻게 대응하셨는지 궁금합니다.") elaborates
    question, opening = next((p for p in parts if is_question(p)), asked_sentence(text)), parts[0] if parts else ""
    own = any(_fixed_part(t) and _fixed_part(t) in text
              for t in (*lines.follow_ups.values(), *lines.after_act.values(), *lines.simpler.values()))
    own = own or any(p in text for p in (lines.reask_lead, lines.pivot, lines.repeat_lead, lines.interrupted_lead,
                                         lines.other_language, lines.redirect, lines.back_to_question))
    pointing = _FOLLOW_UP.get(language, _FOLLOW_UP["en"])
    elliptical = _ELLIPTICAL.get(language, _ELLIPTICAL["en"]).search(question.strip()) is not None
    return own or elliptical or any(pointing.search(part.strip()) for part in (question, opening))


@lru_cache(maxsize=4096)  # every turn replays the same interviewer lines
def covered_intents(text: str, language: str) -> frozenset[str]:
    """Intents an interviewer line says were covered already (its statements, not its question)."""
    language = language if language in _COVERED else "en"
    statements = [p for p in split_sentences(text) if not is_question(p)]
    return frozenset().union(*(_named_intents(s, language) for s in statements
                               if has(s, _COVERED[language], language)))


# One sentence that names two things at once ("Tell me about yourself and why us", "Why Aldi, and why retail?",
# "your background and why SK hynix"): each part in its own words, and an English "why" before a short name alone
# ("Why Aldi", "why us", "Why lineworker, in a sentence or two?", "why Deloitte last time") is the motivation.
_PARTS = re.compile(r",?\s+(?:and|또|그리고)\s+|,\s+|\s*(?:와|과|하고)\s+(?=왜)")
_WHY_US = re.compile(r"^(?:and\s+)?(?i:why)\s+(?!(?i:do|did|does|is|are|was|were|would|could|should|can|not|so|that|this|it)\b)"
                     r"[\w&'-]+(?:\s+[\w&'-]+)?(?:\s+(?:last time|earlier|already|before))?\s*[?.]?$")


# A request to introduce oneself in words the intent cues miss ("소개 좀 해 주세요", "Quick intro to start?").
_INTRO_REQUEST = {"ko": re.compile(r"(본인|자기|어떤 분)\S{0,4}\s?소개|(^|간단히|짧게|먼저|우선|일단)\s?소개|"
                                  r"(하시는|해 오신|해오신|하고 계신) 일|어떤 일을 해|(본인|자기)\s?(얘기|이야기)\s?(좀|부터)?\s?해"),
                  "en": re.compile(r"\b(intro|introduction|background|who are you|your \w+ so far|what you do now|"
                                   r"what you('ve| have) been doing|(a (little )?bit|a little|something) about "
                                   r"(you|yourself))\b", re.IGNORECASE)}

@lru_cache(maxsize=4096)  # every turn replays the same interviewer lines
def asked_intents(text: str, language: str) -> frozenset[str]:
    """The once-only intents (self-introduction, motivation, …) a line's questions ask, every part of a double
    question counted."""
    language = language if language in _NAMES_INTENT else "en"
    return frozenset().union(*(_named_intents(q, language) for q in split_sentences(text) if is_question(q)))


def asks_for_introduction(text: str, language: str) -> bool:
    """The line's question asks the candidate to introduce themselves, in any words: by the intent cues, or as a
    request those cues miss ("소개 좀 해 주세요", "Quick intro to start?", "your research so far")."""
    language = language if language in _INTRO_REQUEST else "en"
    return ("self_introduction" in asked_intents(text, language)
            or _INTRO_REQUEST[language].search(asked_sentence(text)) is not None)


def _named_intents(sentence: str, language: str) -> set[str]:
    """The once-only intents a sentence names: by the cues that name them, or what each of its parts asks."""
    found = {intent for intent, cues in _NAMES_INTENT[language] if has(sentence, cues, language)}
    for part in _PARTS.split(sentence):
        found.add("motivation" if language == "en" and _WHY_US.match(part.strip()) else classify(part, language))
    return found & ONCE_INTENTS


def asks_main(text: str, language: str, lines: Lines) -> bool:
    """The line asks a main question: it asks, neither following up nor making the last call for questions (a
    line announcing the last question, "And the last one: …", asks a main one however it opens)."""
    main = announces_last(text, language) or not is_follow_up(text, language, lines)
    return is_question(text) and main and not is_last_call(text, language, lines)


def is_last_call(text: str, language: str, lines: Lines) -> bool:
    """The line asks whether the candidate has questions (the reverse question, in any wording)."""
    own = lines.reverse_question in text or lines.reverse_go_ahead in text
    return own or intent_asked(text, language) == "reverse"


def announces_last(text: str, language: str) -> bool:
    """The line says that the question it asks is the interview's last."""
    last = has(text, _LAST_QUESTION.get(language, _LAST_QUESTION["en"]), language)
    return is_question(text) and bool(last) and not closes_topic(text, language)


def closes_topic(text: str, language: str) -> bool:
    """The line asks the last question about what was just told ("Last one on that cell: …"): no more follow-ups."""
    return is_question(text) and _LAST_ON_THAT.get(language, _LAST_ON_THAT["en"]).search(text) is not None


def is_closing(text: str, language: str, lines: Lines) -> bool:
    """The line, in any wording, ends the interview (it says so and asks nothing more, not even for questions)."""
    asks = is_question(text) or is_last_call(text, language, lines)
    return not asks and bool(has(text, _CLOSING.get(language, _CLOSING["en"]), language))


def _fixed_part(template: str) -> str:
    """The longest fixed piece of a template with {slots}."""
    return max((p.strip() for p in re.split(r"\{[a-z_]+\}", template)), key=len, default="")
