"""The candidate asks about the question itself before answering it: whether the story must come from a given
setting ("꼭 병원에서 있었던 일이어야 하나요?", "does it have to be on signalling equipment?"), which of two readings is
meant ("승객이 항의한 상황을 말씀하시는 건가요, 아니면 …?", "is that about the team or me?"), whether something may be
used ("내부 지표 이름을 말해도 되나요?", "is it okay if I talk about a university project?") or how long to answer.
Such a question is answered briefly and honestly in role, and the pending question is put again; it is never read
as an answer or as "no experience". A candidate who did not understand the question at all ("뭘 물어보시는 건지…",
"what do you mean?") is not asking about its scope: that question is put more simply instead."""
from __future__ import annotations

import re

from interview.cues import CUES, has

_SCOPE = {
    "ko": (
        ("restriction", re.compile(r"(이어야|여야|만)\s?(하나요|되나요|할까요|합니까|하는\s?건가요|하는\s?거죠|되는\s?건가요)|"
                                   r"꼭\s?[^?.]{0,30}(이어야|여야|해야|아야|어야)\s?(하나요|할까요|합니까|하는\s?건가요)")),
        ("choice", re.compile(r"(인가요|건가요|말씀이신가요|말씀인가요|거죠|건지)[,\s]*(아니면|혹은|또는)")),
        ("length", re.compile(r"(시간이?\s?(얼마나|몇\s?분)|얼마나\s?길게|길게\s?(말해도|해도|말씀드려도)|짧게\s?(해야|말해야|"
                              r"말씀드려야))")),
        ("permission", re.compile(r"(해도|도|면)\s?(되나요|될까요|되는\s?건가요|괜찮을까요|괜찮나요|괜찮은가요|상관없나요|"
                                  r"상관없을까요|되겠습니까)")),
    ),
    "en": (
        ("restriction", re.compile(r"\b(does|do|should|must|has|have) (it|this|that|the (example|story|one)) (have|need|"
                                   r"got) to be\b|\b(does|do) (it|this|that) (have|need) to (come|be) from\b|\b(has|have) "
                                   r"to be (at|from|in|on)\b", re.IGNORECASE)),
        ("choice", re.compile(r"\b(do you mean|are you asking about|is (that|this|it) about|you mean)\b[^?]*\bor\b",
                              re.IGNORECASE)),
        ("length", re.compile(r"\bhow long (should|do|can|have) (i|we)\b|\bhow much time\b|\bshould i keep it "
                              r"(short|brief)\b", re.IGNORECASE)),
        ("permission", re.compile(r"\b(is it (okay|ok|alright|all right|fine)|would it be (okay|ok|alright|fine)|"
                                  r"can i|could i|may i|am i allowed to|do you mind if i)\b[^?]*\b(talk|use|mention|give|"
                                  r"share|say|pick|go with|choose|answer|draw on)\b", re.IGNORECASE)),
    ),
}
# Not understanding the question at all: a simpler wording helps, an answer about its scope does not.
_LOST = {"ko": ("뭘물어보시", "무엇을물어보시", "무슨질문인지", "뭘여쭤보시", "무슨뜻", "무슨의미", "이해가잘안", "이해를잘못"),
         "en": ("what do you mean", "what you're asking", "what you are asking", "don't understand the question",
                "don't get the question", "not sure what you mean", "what the question means")}
# Asking to skip the question ("넘어가도 될까요?", "can I pass on this one?") is a dodge, not a question about it.
_SKIP = {"ko": ("넘어가", "패스", "다음질문", "건너뛰", "생략"),
         "en": ("skip", "pass on", "move on", "next question", "come back to")}
SCOPE_ANSWERS = {
    "ko": {
        "restriction": "꼭 그렇지 않아도 됩니다. 다른 곳에서 겪은 일이라도 본인이 직접 겪은 일이면 괜찮습니다.",
        "choice": "어느 쪽이든 괜찮습니다. 더 구체적으로 말씀하실 수 있는 쪽으로 해 주세요.",
        "permission": "네, 괜찮습니다. 밝히기 어려운 내부 정보는 빼고, 말씀하실 수 있는 범위에서 해 주시면 됩니다.",
        "length": "시간은 걱정하지 않으셔도 됩니다. 핵심 위주로 말씀해 주시면, 더 궁금한 부분은 제가 이어서 여쭤보겠습니다.",
    },
    "en": {
        "restriction": "Not necessarily. An example from another setting is fine, as long as it's something you "
                       "handled yourself.",
        "choice": "Either is fine. Go with the one you can describe in the most detail.",
        "permission": "Yes, that's fine. Leave out anything confidential and tell me what you can.",
        "length": "Don't worry about the time. Give me the main points and I'll ask if I want more.",
    },
}


def scope_question(message: str, language: str) -> str | None:
    """The kind of question the candidate asks about the question's scope ("restriction", "choice", "permission",
    "length"), or None: not such a question, or one from a candidate who did not follow the question at all."""
    if "?" not in message and not (language == "ko" and re.search(r"(나요|까요|건가요)[.…\s]*$", message)):
        return None
    job_terms = CUES.get(language, CUES["en"]).question_topics
    if has(message, _LOST.get(language, _LOST["en"]), language) or has(message, job_terms, language):
        return None  # lost in the question, or asking about the job's terms (answered by their topic)
    asking = [s for s in re.split(r"(?<=[?])\s*", message) if "?" in s] or [message]
    if any(has(s, _SKIP.get(language, _SKIP["en"]), language) for s in asking):
        return None
    for kind, pattern in _SCOPE.get(language, _SCOPE["en"]):
        if any(pattern.search(s) for s in asking):
            return kind
    return None


def scope_answer(message: str, language: str) -> str | None:
    """The interviewer's brief in-role answer to a question about the question's scope, or None."""
    kind = scope_question(message, language)
    return SCOPE_ANSWERS.get(language, SCOPE_ANSWERS["en"])[kind] if kind else None
