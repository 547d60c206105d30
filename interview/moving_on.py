"""When to move on. A question that opens a story of its own (a time, an instance, the hardest one, "if there was
one, tell me") gets its story dug into; a question in another interviewer's words that carries on from an answer just
given (any question right after one about the work), a narrow question about one part of a story already told ("교체
주기는 무엇을 근거로 바꾸셨나요?", "how did you check it?") and a yes/no question answered yes are follow-ups whatever
their wording, and with their answer the default budget of one follow-up is spent; so are a plan asked for in any words
and a practice asked for in the present once told. A follow-up draws a story out, and leaves the budget unspent, only
after a question of where the candidate stands (an introduction, "어디서 하셨어요?"): after one about the work it dug in."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from interview.answer_holds import states_reason
from interview.history import asks_for_introduction
from interview.measured import DURATION
from interview.phrases import shared_topic
from interview.question_marks import yes_to_a_yes_no
from interview.question_tense import asks_about_experience, asks_what_you_would, said_in_the_past
from interview.reading import AnswerKind, intent_of, read_answer
from interview.text import split_sentences, tokens
from interview.told_already import tells_outcome
from llm.prompts import is_question

if TYPE_CHECKING:
    from interview.reading import AnswerReading
    from interview.state import State

SHORT_STORY_RATIO = 0.35  # a story under this share of a full answer has left its outcome untold
DRAWN_OUT_GROWTH = 2  # a story this many times longer than the short first reply is the first real answer
ROUNDED_OFF_RATIO = 0.6  # a story this long (share of a full answer) that tells what came of it and what stayed
# An answer this long (units: Korean syllables, English words; about half a minute spoken) told without searching for
# words has told what a follow-up would ask: in the development sets 80 of the 93 such answers that the follow-up rules
# dug into were moved on from by their writers. The shortest length at which the sets written from an older brief
# (sealed28 and before) gain as much as they lose: docs/evaluation-independent.md, "Stop 32".
TOLD_AT_LENGTH = {"ko": 140, "en": 88}
PRACTICE_RATIO = 0.25  # a practice told in under this share of a full answer ("I'd look at the hit rate") is a start
# What stayed after the story: a change kept since, or a lesson drawn ("그 뒤로는 …", "이후로", "배운 건 …",
# "since then", "I learned").
_SINCE = re.compile(r"그\s?뒤로|그\s?이후로|이후로|그\s?후로|그때부터|다음부터|배운\s?건|배웠|지금도|since then|"
                    r"ever since|from then on|\bI (learned|learnt)\b", re.IGNORECASE)
# A story told while still finding the words ("음…", "그…", "um"): the candidate has more to be drawn out.
_HESITANT = re.compile(r"(^|\s)((음+|어+|그+|아+|네|뭐)(…|\.\.\.)|(음+|어+|그+),)|\b(um+|uh+|erm|er)\b", re.IGNORECASE)
# A question that asks how something is or was done: its answer, however short, is about the work.
_HOW = {"ko": re.compile(r"어떻게|어떤 식으로|어떤 방법으로"), "en": re.compile(r"\bhow\b", re.IGNORECASE)}

# A story asked for in English: a time, an instance, the most/hardest one, "tell me about", "have you ever".
_EN_STORY = re.compile(r"\b(tell (me|us) about|a time|an example|an instance|an occasion|have you ever|has there been|"
                       r"was there (a|an|ever)|were there any|walk (me|us) through|describe (a|an|one)|"
                       r"share (a|an|one)|talk (me|us) through|one of|any experience|have you been|hear about|"
                       r"something you|proud|(most|least) \w+|"
                       r"\w+est (thing|time|moment|project|situation|case|problem|challenge|customer|patient|day)|"
                       r"what'?s (a|an|the|one)\b.*\byou('ve|'re| have| had| helped)?\b|some(one|body|thing)|"
                       r"(a|an) \w+( of yours)? (who|that|whose|where)|(a|your) (previous|past|last) (role|job))\b",
                       re.IGNORECASE)
_EN_VIEW = re.compile(r"\b(what do you think|do you think|how do you see|your view|in your (view|opinion))\b",
                      re.IGNORECASE)
_KO_INSTANCE = frozenset({"경험", "사례", "적", "기억", "일화"})  # nouns that stand for one time something happened
_KO_WHEN = frozenset({"때", "순간"})  # "…멈췄을 때", "…했던 순간": a time when something happened
_KO_TELL = frozenset({"이야기", "얘기", "소개"})  # a request to tell of something, not to explain one part of it
_KO_MOST = frozenset({"가장", "제일"})
_KO_IF = frozenset({"면", "으면", "다면"})
_KO_BACK = frozenset({"그", "그거", "그것", "거기", "그곳", "이", "이거", "이것"})
_EN_BACK = re.compile(r"\b(it|that|this|them|those|these|then|there|afterwards|(did|does|was|were) the)\b",
                      re.IGNORECASE)
# The interviewer checks the call, not the work: "Sorry, my laptop restarted — are you still there?", "잘 들리세요?"
_CALL_CHECK = {"ko": re.compile(r"들리세요|들리시나요|들리십니까|보이세요|보이시나요|연결이|다시\s?접속|끊겼|끊겨"),
               "en": re.compile(r"\b(still there|hear me|see me|you back|connection|restarted|dropped out|froze|"
                                r"frozen|cut out|lost you)\b", re.IGNORECASE)}


def opens_a_story(question: str, language: str) -> bool:
    """The question asks for a story of its own, one instance of something done or gone through ("…바꿔 본 게
    있나요?", "가장 곤란했던 손님 얘기 좀 들려주실래요?", "…있으면 하나 소개해 주세요", "tell me about a time …"),
    not about one part of a story already told ("그 결과는요?", "어떤 기준으로 정하셨어요?", "how did you check?")."""
    if language != "ko":
        return _EN_STORY.search(question) is not None
    toks = [(t.form, t.tag) for t in tokens(question, "ko")]
    nxt = toks[1:] + [("", "")]
    for i, ((form, tag), (after, after_tag)) in enumerate(zip(toks, nxt)):
        if tag == "NR" and form == "하나" or tag == "VX" and form == "보":  # "하나 말씀해 주세요", "바꿔 본"
            return True
        if form == "있" and tag[:2] in ("VA", "VV") and (after in _KO_IF or after_tag in ("EF", "EP")):
            return True  # "…이 있다면", "…한 적이 있나요?": whether there is such a story
        if form in _KO_MOST and tag == "MAG" and any(t == "ETM" for _, t in toks[i + 1:i + 7]):
            return True  # "가장 어려웠던 순간", "제일 기억에 남는 업무": the one story that stands out
        if form in _KO_WHEN and i and toks[i - 1][1] == "ETM" or (form, tag) == ("던", "ETM"):
            return True  # "…멈췄을 때", "맡았던 일": a time recalled
        told = form == "들려주" or (form, after) == ("들리", "어") or form in _KO_TELL and tag == "NNG"
        if told or tag.startswith("NN") and form in _KO_INSTANCE:
            return True  # "…얘기 좀 들려주실래요?", "…한 경험": a story asked for by name
    return False


def narrow_main(state: "State", reading: "AnswerReading", language: str) -> bool:
    """The pending main question, in another interviewer's words, goes on with what the candidate just told: it
    comes right after their answer to a question about the work ("어떻게 설득하셨어요?", "그렇게 해서 실제로 실수를 막은
    적이 있나요?"), or asks about one part of it ("교체 주기는 무엇을 근거로 바꾸셨나요?", "How did you put it right?")
    rather than for a story of its own, or asks only yes or no and got a yes ("주말 근무 가능하신가요?"): a follow-up in
    other words, whose answer spends the default budget of one. So, in the policy's words as well, does a plan asked
    for ("…할 때 어떻게 하시겠어요?": the "when" recalls no time) or a practice or view asked for and told."""
    main = state.asked[-1] if state.asked else None
    if state.since_main or main is None or not state.said:
        return False
    if asks_what_you_would(state.pending, language) or practice_or_view_told(state.pending, reading, language):
        return True  # "…할 때 어떻게 하시겠어요?", in any words: the plan, once told, was the answer (no time recalled)
    if main.source != "said" or main.text not in state.said[-1] or searches_for_words(reading):
        return False
    if _after_an_answer(state, language):
        return True
    asking = [s for s in split_sentences(state.said[-1]) if is_question(s)] or [state.pending]
    if any(opens_a_story(_asked_part(s, language), language) for s in asking):
        return False
    if yes_to_a_yes_no(reading, state.pending, language):
        return True  # "주말 근무 가능하신가요?" → "네, 가능합니다.": a fact asked and told
    told = state.answers[-1] if state.answers else ""
    return _points_back(state.pending, language) or bool(told and shared_topic(state.pending, told, language))


def drew_out(reading: "AnswerReading", state: "State", language: str) -> bool:
    """The one follow-up so far only drew the story out: the main question asked where the candidate stands (an
    introduction, "교생 실습은 어디서 하셨어요?") and got a short reply (not a denial), the follow-up asked for a story of
    its own ("그 일을 하면서 바꿔 본 게 있나요?", not "그 결과는요?") and this is the story, at least twice as long:
    digging in is still to come; so is a story asked for again after a reply that gave only the candidate's
    background ("네, 역무 보조로 여섯 달 일했습니다"). After a question about the work itself ("해외 마케팅 경험을
    말씀해 주세요", "측풍 기준을 넘길 때는 어떻게 보고했어요?") the short reply was the story told short, and the
    follow-up already dug into it."""
    main = state.asked[-1] if state.asked else None
    if not state.main_answer or main is None:
        return False
    first = read_answer(state.main_answer, intent_of(main.text, language), language)
    # "그 일의 결과는요?" asked about one part: answered, the story is complete
    story = asks_where_one_stands(main.text, language) and opens_a_story(state.pending, language)
    if not (story or _background_only(first, state.main_answer, main.text, language)):
        return False
    return (first.kind is not AnswerKind.NO_EXPERIENCE and first.length_ratio < SHORT_STORY_RATIO
            and bool(reading.star.action) and reading.units >= DRAWN_OUT_GROWTH * first.units)


def asks_where_one_stands(question: str, language: str) -> bool:
    """The question asks for the candidate's background, not about the work: an introduction in any words ("지금
    하시는 일부터 말씀해 주세요"), or a question that neither asks how nor opens a story ("교생 실습은 어디서
    하셨어요?"); a plan asked for ("…라면 어떻게 하시겠어요?") is about the work however short its answer."""
    if asks_for_introduction(question, language):
        return True
    how = _HOW[language if language in _HOW else "en"].search(question)
    return not (opens_a_story(question, language) or how or asks_what_you_would(question, language))


def _background_only(first: "AnswerReading", reply: str, main: str, language: str) -> bool:
    """A story was asked for and the reply gave only how long the candidate worked where ("네, 역무 보조로 여섯 달
    일했습니다"): the follow-up that asks again for the story draws it out. A reply that takes up the question's words
    ("라인이 선 경험" → "라인이 여섯 시간 섰던 적이") or gives a reason ("the edit ran two weeks over because …") is
    the story told short (`first` is the reading of `reply`)."""
    spans = [n for n in first.claims.numbers if DURATION.search(n)]
    event = bool(first.star.result) or states_reason(first.sentences, language) or bool(
        shared_topic(main, reply, language))
    return opens_a_story(main, language) and bool(spans) and spans == list(first.claims.numbers) and not event


def practice_or_view_told(question: str, reading: "AnswerReading", language: str) -> bool:
    """The question asks, in the present, how the candidate goes about something, what they look at or what they
    think ("우선순위를 어떻게 정하시는지 말씀해 주세요", "How do you keep up to date with …?", "제일 먼저 보는 조항이 뭔지",
    "…무엇이라고 보시나요?"), and the answer opens on how they do it or what they think, not on a time it happened ("저는
    … 먼저고요", "I read the … every week", not "Last year our API got slow"): the practice or view told was the answer;
    a story told instead is an instance to dig into."""
    asked = _HOW[language if language in _HOW else "en"].search(question) or _asks_a_view(question, language)
    if not asked or asks_about_experience(question, language) or asks_what_you_would(question, language):
        return False
    opening = next((s for s in reading.sentences if len(s.split()) > 1), "")  # a lone "음…" or "Well." opens nothing
    return reading.length_ratio >= PRACTICE_RATIO and bool(opening) and not said_in_the_past(opening, language)


def _asks_a_view(question: str, language: str) -> bool:
    """The question asks what the candidate looks at or thinks ("…보는 조항", "…라고 보시나요?", "…뭐라고
    생각하세요?", "What do you think …?")."""
    if language != "ko":
        return _EN_VIEW.search(question) is not None
    toks = [(t.form, t.tag) for t in tokens(question, "ko")]
    return any(tok == ("보", "VV") or tok == ("생각", "NNG") and after == ("하", "XSV")
               for tok, after in zip(toks, toks[1:] + [("", "")]))


def _after_an_answer(state: "State", language: str) -> bool:
    """The interviewer's line before asked something the candidate answered, and it was no self-introduction (after
    which the first question of the work begins) nor a check on the call ("are you still there?"): the question now
    carries on from that answer."""
    if len(state.said) < 2 or len(state.answers) < 1:
        return False
    before, told = state.said[-2], state.answers[-1]
    # a story asked for without a question mark ("그중에 기억에 남는 버그 하나요."), when the reply took it up ("…버그였어요")
    asked = is_question(before) or opens_a_story(before, language) and shared_topic(before, told, language)
    return asked and not asks_for_introduction(before, language) and not _CALL_CHECK[language].search(before)


def _asked_part(question: str, language: str) -> str:
    """What the question itself asks after a clause that sets it up ("도장 불량 줄였던 경험 말씀해 주셨는데, 그 먼지
    불량은 …?", "…어떻게 맞추셨는지 물었는데, 결과는 어땠나요?"): the story recalled there is not asked for again."""
    head, _, rest = question.rpartition(", ")
    return rest if language == "ko" and head.endswith("데") else question


def _points_back(question: str, language: str) -> bool:
    """The question refers back to what was just told: a demonstrative or pronoun ("그 이취는", "그걸", "거기서", "How
    did you put it right?") or a clause left open on what came before ("정차한 다음에는요?", "And then?")."""
    if language != "ko":
        return _EN_BACK.search(question) is not None
    toks = [(t.form, t.tag) for t in tokens(question, "ko")]
    opening = toks[:3]
    topic = len(opening) >= 2 and opening[0][1].startswith("NN") and opening[1] in (("는", "JX"), ("은", "JX"))
    if topic and not any(tag == "ETM" for _, tag in toks):
        return True  # "결과는 어땠어요?", "원인은 어떻게 찾으셨어요?": a part of what was told, named bare
    return any(tag in ("MM", "NP") and form in _KO_BACK or (form, tag) == ("그때", "NNG") for form, tag in toks) or (
        question.rstrip().endswith("요?") and any(f == "다음" for f, _ in toks))


def rounded_off(reading: "AnswerReading") -> bool:
    """The answer is told whole, as a candidate who prepared it tells it: without searching for words, and either at
    a length that leaves nothing to draw out (TOLD_AT_LENGTH), or long with what came of it and what stayed after it
    (a change kept since, a lesson). A listener has nothing left to dig for: the next question."""
    if searches_for_words(reading):
        return False
    told = " ".join(reading.sentences)
    if reading.units >= TOLD_AT_LENGTH.get(reading.language, TOLD_AT_LENGTH["en"]):
        return True
    return reading.length_ratio >= ROUNDED_OFF_RATIO and bool(_SINCE.search(told)) and tells_outcome(reading)


def searches_for_words(reading: "AnswerReading") -> bool:
    """The answer is told while still finding the words ("음…", "그…", "um", "uh"): there is more to draw out."""
    return _HESITANT.search(" ".join(reading.sentences)) is not None


def holds_something(reading: "AnswerReading") -> bool:
    """The answer tells of something done, come of it, counted or named: a general claim with nothing behind it
    wants an example first."""
    return bool(reading.star.action or reading.star.result or reading.claims.numbers or reading.claims.projects
                or reading.claims.technologies)
