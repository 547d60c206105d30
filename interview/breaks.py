"""The candidate breaks off the interview's flow: something unrelated interrupts the answer (a phone, someone at
the door, "sorry, I cut you off"), after which the pending question is put again, or the candidate has to leave
now, after which the interview closes politely (thanks, next steps, no question)."""
from __future__ import annotations

import re

from interview.cues import has
from interview.reading import AnswerReading

BREAK_RATIO = 0.35  # a reply about an interruption is short (share of a full answer); a story is not one
# An apology or a pause: how a candidate marks that what follows is not the answer.
_SORRY = {"ko": ("죄송", "미안", "잠깐만", "잠시만", "실례"),
          "en": ("sorry", "apologies", "excuse me", "one moment", "one sec", "hold on", "hang on", "just a second")}
# What interrupted: a device, a visitor, or the candidate talking over the interviewer.
_INTERRUPTION = {"ko": ("휴대폰", "핸드폰", "전화가", "전화와", "알림이", "알람이", "벨소리", "초인종", "택배", "배달", "노크",
                        "누가왔", "강아지", "고양이", "짖어", "아기가", "애가", "연결이", "소리가끊", "인터넷이", "키보드",
                        # sent before the interviewer finished: "말씀 끝나기도 전에 먼저 눌러 버렸네요"
                        "끝나기도전에", "끝나기전에", "먼저눌러", "눌러버렸", "잘못눌러", "잘못눌렀", "먼저보내",
                        "말씀중에", "말씀하시는데", "말씀하시는중", "말을끊", "말씀을끊", "끊었네요", "끊어서", "끼어들",
                        # the floor given back: "먼저 말씀하세요", "계속하세요"
                        "먼저말씀", "말씀하세요", "말씀하시죠", "계속하세요", "계속말씀",
                        # the candidate's own audio or video: earphones, microphone, camera, a frozen screen
                        "이어폰", "헤드셋", "마이크", "카메라", "화면이멈", "화면이안", "소리가안", "소리가울", "에코가"),
                 "en": ("my phone", "phone just", "phone went", "notification", "alarm went", "at the door",
                        "doorbell", "door just", "my dog", "the dog", "my cat", "the cat", "keyboard", "the baby", "my son", "my daughter", "delivery",
                        "connection", "my mic", "cut you off", "interrupted you", "talked over you", "spoke over you",
                        "jumped in", "go on", "go ahead", "hit send", "pressed send", "hit enter", "pressed enter", "my earphones", "my headphones", "my headset", "my earbuds",
                        "my camera", "my audio", "the audio", "an echo", "screen froze", "screen frozen")}
# A time on an earlier day ("어제", "지난주", "yesterday", "last night"): what happened then is a story, not something
# interrupting the answer now.
_EARLIER_DAY = {"ko": re.compile(r"어제|그제|그저께|지난\s?(주|달|해|주말|번)|며칠\s?전|작년"),
                "en": re.compile(r"\b(yesterday|last (night|week|weekend|month|year)|the other day|\w+ (days|weeks) ago)\b",
                                 re.IGNORECASE)}
_LEAVING = {
    "ko": re.compile(r"면접(을|은)?\s?(여기서|이만|지금|오늘은)?\s?(마쳐야|끝내야|중단해야|그만해야|마무리해야|그만둬야)|"
                     r"(가\s?봐야|나가\s?봐야|일어나\s?봐야|자리를\s?비워야|여기까지만?\s?해야)\s?(할\s?것\s?같|하겠|합니다|해요|"
                     r"될\s?것\s?같)|더\s?(이상)?\s?진행하기\s?(어렵|힘들)|다음에\s?(이어서|다시)\s?(해도|하면|할\s?수)|"
                     r"(일정|면접)을?\s?(다시\s?잡|미룰|미뤄|옮길|변경)"),
    # "I have to go, my train …", "I need to stop here" (not "I have to go through the logs", "I need to stop
    # saying yes to everything")
    "en": re.compile(r"\b(i|we)('ve| have)? (need|have|got|must) to (leave|go|run|head off|hang up)\b"
                     r"(?!\s+(through|over|back|with|into|for|and|to|on|out|the|a|an|up|down)\b)|"
                     r"\b(i|we)('ve| have)? (need|have|got|must) to (stop|end|finish)(?=\s*([.,!?]|$)|\s+(here|now|the "
                     r"interview|the call|this|for today)\b)|\b(stop|end|finish|cut short) (the|this) "
                     r"(interview|call)\b|\bgotta (go|run)\b|\bcan we (stop|finish|end) (here|now|early)\b|"
                     r"\breschedule\b|\b(continue|finish|pick (this|it) up) (this )?(another|some other) time\b",
                     re.IGNORECASE),
}
LEAVE_LINES = {"ko": "네, 괜찮습니다. 급한 일이시면 오늘 면접은 여기서 마치겠습니다.",
               "en": "Of course, please go ahead. We'll stop the interview here."}


def interrupted_by_something_else(reading: AnswerReading, message: str, language: str) -> bool:
    """A short reply that apologises for or pauses over an interruption unrelated to the answer ("아 잠깐만요,
    휴대폰 알림이 와서요", "Oh sorry, I cut you off there, go on"): the question still waits. A pet or a phone of an
    earlier day ("sorry, my cat had surgery yesterday") is a story told instead, not an interruption now."""
    if reading.length_ratio >= BREAK_RATIO or reading.claims.numbers:
        return False
    if _EARLIER_DAY.get(language, _EARLIER_DAY["en"]).search(message):
        return False
    sorry = _SORRY.get(language, _SORRY["en"])
    return bool(has(message, sorry, language)) and bool(has(message, _INTERRUPTION.get(language, _INTERRUPTION["en"]),
                                                            language))


def must_leave(reading: AnswerReading, message: str, language: str) -> bool:
    """The candidate has to stop the interview now ("면접을 여기서 마쳐야 할 것 같습니다", "I need to stop the interview
    here"): a short reply, not a story in which someone had to leave."""
    if reading.length_ratio >= BREAK_RATIO * 2:
        return False
    return _LEAVING.get(language, _LEAVING["en"]).search(message) is not None
