"""The candidate asks about the question itself before answering it: whether the story must come from a given
setting ("꼭 병원에서 있었던 일이어야 하나요?", "does it have to be on signalling equipment?"), whether a reading or an
example of theirs counts ("X를 말씀하시는 거죠?", "would a university project count?"), which of two readings is
meant ("승객이 항의한 상황을 말씀하시는 건가요, 아니면 …?", "is that about the team or me?"), whether something
confidential may be told ("내부 지표 이름을 말해도 되나요?") or how long to answer. Such a question is answered briefly
and honestly in role, and the pending question is put again; it is never read as an answer or as "no experience".
A candidate who did not follow the question ("어떤 걸 말씀하시는 건지…", "what kind of problem do you mean?") is not
asking about its scope: that question is put more simply instead (second_look.py)."""
from __future__ import annotations

import re

from interview.cues import CUES, asks_indirectly, has

_SCOPE = {
    "ko": (
        ("restriction", re.compile(r"(이어야|여야|만)\s?(하나요|되나요|할까요|합니까|하는\s?건가요|하는\s?거죠|되는\s?건가요)|"
                                   r"꼭\s?[^?.]{0,30}(이어야|여야|해야|아야|어야)\s?(하나요|할까요|합니까|하는\s?건가요)|"
                                   r"만\s?[가-힣]{1,4}\s?(건가요|거죠|인가요)")),
        ("choice", re.compile(r"(인가요|건가요|말씀이신가요|말씀인가요|거죠|건지|건지요)[,?\s]*(아니면|혹은|또는)|"
                              r"건지[^?]{2,40}건지")),
        ("length", re.compile(r"(시간이?\s?(얼마나|몇\s?분)|얼마나\s?길게|길게\s?(말해도|해도|말씀드려도)|짧게\s?(해야|말해야|"
                              r"말씀드려야))")),
        ("confirm", re.compile(r"말씀하시는\s?(건가요|거죠|거지요|건지요)|말씀이신가요|말씀인가요|(포함|해당|인정)(되나요|될까요|"
                               r"인가요)|쳐도\s?(되나요|될까요)")),
        ("ask_first", re.compile(r"(여쭤|여쭈어|물어|질문)\s?(봐도|보아도|드려도|해도|하나\s?해도)\s?(될까요|되나요|괜찮을까요|"
                                 r"괜찮나요)")),
        ("permission", re.compile(r"(해도|도|면)\s?(되나요|될까요|되는\s?건가요|괜찮을까요|괜찮나요|괜찮은가요|상관없나요|"
                                  r"상관없을까요|되겠습니까)")),
    ),
    "en": (
        ("ask_first", re.compile(r"\b(can|could|may) i ask (you )?(something|a question|one thing|first|before)\b",
                                 re.IGNORECASE)),
        ("restriction", re.compile(r"\b(does|do|should|must|has|have) (it|this|that|the (example|story|one)) "
                                   r"(have|need|got) to be\b|\b(does|do) (it|this|that) (have|need) to (come|be) "
                                   r"from\b|\b(has|have) to be (at|from|in|on)\b|\bdoes it matter (if|whether)\b|"
                                   r"\bshould (it|this|that) be\b", re.IGNORECASE)),
        ("choice", re.compile(r"\b(do you mean|are you asking about|is (that|this|it) about|you mean|do you want|"
                              r"should i (talk|focus))\b[^?]*\bor\b", re.IGNORECASE)),
        ("length", re.compile(r"\bhow long (should|do|can|have) (i|we)\b|\bhow much time\b|\bshould i keep it "
                              r"(short|brief)\b", re.IGNORECASE)),
        ("confirm", re.compile(r"\b(do you mean|you mean|are you asking about|is (that|this) about|are we talking "
                               r"about)\b|\b(does|would|will) [^?]{0,40}\bcount\b|\b(can|could) (it|that|this) "
                               r"be (from|about|outside|at|in|something|a|an|my)\b|\bis (a|an|my|one from) [^?]{0,40}\b"
                               r"(okay|ok|fine|alright|all right|acceptable)\b|\bwould (that|it|this) be (okay|ok|fine|"
                               r"alright|all right)\b", re.IGNORECASE)),
        ("permission", re.compile(r"\b(is it (okay|ok|alright|all right|fine)|would it be (okay|ok|alright|fine)|"
                                  r"can i|could i|may i|am i allowed to|do you mind if i)\b[^?]*\b(talk|use|mention|"
                                  r"give|share|say|pick|go with|choose|answer|draw on)\b", re.IGNORECASE)),
    ),
}
# A question about meaning with a question word ("어떤 걸 말씀하시는 건지", "what kind of problem do you mean?"):
# the candidate did not follow, and a simpler wording helps where an answer about the scope would not.
_WH = {"ko": re.compile(r"어떤|무슨|뭘|무엇|뭐를|뭔지"),
       "en": re.compile(r"\b(what|which)\b", re.IGNORECASE)}
_LOST = {"ko": ("물어보시", "여쭤보시", "무슨질문", "무슨뜻", "무슨의미", "이해가잘안", "이해를잘못", "잘모르겠"),
         "en": ("what do you mean", "what you're asking", "what you are asking", "don't understand the question",
                "don't get the question", "not sure what", "what the question means")}
# Asking to skip the question ("넘어가도 될까요?", "can I pass on this one?") is a dodge, not a question about it.
_SKIP = {"ko": ("넘어가", "패스", "다음질문", "건너뛰", "생략"),
         "en": ("skip", "pass on", "move on", "next question", "come back to")}
# Permission to tell what may be confidential: answered as such; any other "may I …?" is a yes.
_CONFIDENTIAL = {"ko": ("보안", "내부", "기밀", "비밀", "회사이름", "회사명", "거래처", "고객사", "실명", "수치", "지표", "계약"),
                 "en": ("confidential", "nda", "internal", "by name", "real name", "the client", "figures",
                        "numbers", "metrics", "contract")}
SCOPE_ANSWERS = {
    "ko": {
        "ask_first": "물론입니다. 궁금하신 점은 면접 마지막에 충분히 여쭤보실 시간을 드리겠습니다.",
        "restriction": "꼭 그렇지 않아도 됩니다. 다른 곳에서 겪은 일이라도 본인이 직접 겪은 일이면 괜찮습니다.",
        "choice": "어느 쪽이든 괜찮습니다. 더 구체적으로 말씀하실 수 있는 쪽으로 해 주세요.",
        "confirm": "네, 그런 경우도 괜찮고 비슷한 상황이어도 됩니다. 말씀하시기 편한 사례로 해 주세요.",
        "confidential": "네, 괜찮습니다. 밝히기 어려운 내부 정보는 빼고, 말씀하실 수 있는 범위에서 해 주시면 됩니다.",
        "length": "시간은 걱정하지 않으셔도 됩니다. 핵심 위주로 말씀해 주시면, 더 궁금한 부분은 제가 이어서 여쭤보겠습니다.",
    },
    "en": {
        "ask_first": "Of course. There will be time for your questions at the end of the interview.",
        "restriction": "Not necessarily. An example from another setting is fine, as long as it's something you "
                       "handled yourself.",
        "choice": "Either is fine. Go with the one you can describe in the most detail.",
        "confirm": "Yes, that works, and so would something similar. Go with the example you know best.",
        "confidential": "Yes, that's fine. Leave out anything confidential and tell me what you can.",
        "length": "Don't worry about the time. Give me the main points and I'll ask if I want more.",
    },
}


def scope_question(message: str, language: str) -> str | None:
    """The kind of question the candidate asks about the question's scope ("ask_first": may I ask something first,
    "restriction", "choice", "confirm", "confidential", "length"), or None: not such a question, or one from a
    candidate who did not follow the question at all."""
    if "?" not in message and not (language == "ko" and re.search(r"(나요|까요|건가요)[.…\s]*$", message)):
        return None
    job_terms = CUES.get(language, CUES["en"]).question_topics
    asking = [s for s in re.split(r"(?<=[?])\s*", message) if "?" in s] or [message]
    # the job's terms count where the candidate asks ("… a travel agency" told after the question asks nothing),
    # also indirectly ("여쭤봐도 될까요? 연봉이 어느 정도 되는지 궁금해서요")
    wondering = [s for s in re.split(r"(?<=[.?!])\s+", message) if asks_indirectly(s, language)]
    # (which of two readings is meant is about the question whatever it names: "do you mean training on the bar, or
    # a programme for new hires?")
    two_readings = any(dict(_SCOPE.get(language, _SCOPE["en"]))["choice"].search(s) for s in asking)
    if has(message, _LOST.get(language, _LOST["en"]), language) or not two_readings and any(
            has(s, job_terms, language) for s in asking + wondering):
        return None  # lost in the question, or asking about the job's terms (answered by their topic)
    if any(has(s, _SKIP.get(language, _SKIP["en"]), language) for s in asking):
        return None
    patterns = dict(_SCOPE.get(language, _SCOPE["en"]))
    asks_leave = any(patterns["permission"].search(s) for s in asking)  # "may I tell …?", "말해도 되나요?"
    for kind, pattern in patterns.items():
        found = [s for s in asking + [message] * (kind == "choice") if pattern.search(s)]  # "…거죠? 아니면 …?"
        if kind == "confirm":
            found = [s for s in found if not _WH.get(language, _WH["en"]).search(s)]  # "which kind do you mean?"
        if found and kind in ("confirm", "permission"):
            secret = asks_leave and has(message, _CONFIDENTIAL.get(language, _CONFIDENTIAL["en"]), language)
            return "confidential" if secret else "confirm"
        if found:
            return kind
    return None


def scope_answer(message: str, language: str) -> str | None:
    """The interviewer's brief in-role answer to a question about the question's scope, or None."""
    kind = scope_question(message, language)
    return SCOPE_ANSWERS.get(language, SCOPE_ANSWERS["en"])[kind] if kind else None
