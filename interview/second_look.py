"""The policy's second look at a reading, in the light of the question it answers: where the shared reading's
kind would make the interviewer do the wrong thing (presuppose a denied experience, redirect a work story as small
talk, answer a rhetorical question, follow up on nothing), the kind the policy acts on instead."""
from __future__ import annotations

from interview import structure
from interview.cues import CUES, dodge_words, has
from interview.question_marks import REQUEST_END, announces_a_question, asks_with_its_reason, tags_only, yes_to_a_yes_no
from interview.episodes import told_instead
from interview.denials import denies_having_done, no_to_have_you
from interview.answer_deferred import guesses_back
from interview.associations import echoes_the_question
from interview.answer_frame import answers_in_its_frame
from interview.generic_dodge import dodges_the_question, tells_no_instance
from interview.reading import AnswerKind, AnswerReading, intent_of
from interview.phrases import key_phrases
from interview.scope import scope_question
from interview.small_talk import (CLARIFY, FULL_RATIO, PRIVATE_LIFE, UNKNOWN_TERM, aside, idle_question, own_account,
                                  small_talk_question, unrelated)
from interview.story_role import day_of_their_own
from interview.work_report import lives_it_privately, speaks_as_self

_DASHES = "—–-"
_BROKEN_OFF = tuple(_DASHES) + ("…", "...", "..")  # a reply trailing off in these was broken off, whatever its words
CUT_OFF_RATIO = 0.3  # an interrupted reply shorter than this share of a full answer was cut off
EMPTY_RATIO = 0.25  # a story answer this short with nothing done or named in it says nothing yet
_STORY_INTENTS = frozenset({"experience", "conflict", "failure", "technical", "general"})
# Words that dodge whatever surrounds them (the reading's evasive cues also hold words like "넘어가" that a story uses).
_PLAIN_DODGE = {"ko": ("모르겠", "잘모르", "글쎄", "패스", "말씀드리기어렵", "노코멘트", "다음질문", "기억이안", "생각이안", "딱히없",
                       "특별히없", "비밀"),
                "en": ("don't know", "not sure", "no idea", "i'll pass", "i will pass", "pass on this", "pass on that",
                       "can't remember", "can't think", "rather not", "prefer not", "no comment", "next question")}
# The candidate asks for a moment before answering: a pause, not an answer.
_PAUSE = {"ko": ("잠시만", "잠깐만", "잠깐만요", "물좀마실", "물한모금", "생각좀해보", "정리좀하"),
          "en": ("one moment", "one sec", "one second", "just a second", "just a moment", "give me a second",
                 "give me a moment", "hold on", "sip of water", "drink of water", "let me think")}

def cut_off(reading: AnswerReading) -> bool:
    """An interrupted reply that is not yet an answer: not one at all, or a short fragment that stops mid-sentence
    (complete sentences are an answer, however short, and are not asked for again)."""
    if reading.kind is not AnswerKind.ANSWER:
        return True
    last = reading.sentences[-1] if reading.sentences else ""
    if reading.length_ratio >= CUT_OFF_RATIO:
        return False
    if has(" ".join(reading.sentences), _PAUSE[reading.language if reading.language in _PAUSE else "en"],
           reading.language):
        return True  # "잠시만요, 물 좀 마실게요" / "잠깐만요, … 다시 꽂았습니다": a pause asked for, the question waits
    if last.rstrip().endswith(_BROKEN_OFF):
        return True  # "그러니까 제가—", "I was going to say…": the speaker stopped mid-thought
    if reading.language == "ko":
        return structure.cut_off(last, "ko") or _unfinished(last)
    return not last.rstrip().endswith((".", "!", "?"))


def _unfinished(sentence: str) -> bool:
    """A Korean fragment that never closes its sentence: stopped on a noun with no predicate ("그게 제가 실습 때"),
    or with no sentence-final ending and no polite 요 ("예전에 그 게임 할 때", "아 그거는 인터럽트")."""
    toks = structure.tokens(sentence.rstrip(" .…~" + _DASHES), "ko")
    if not toks:
        return False
    on_a_noun = toks[-1].tag.startswith("N") and not any(t.tag.startswith("E") for t in toks)
    # (a bare stem last, VV/VA/XS, is no word of a closed sentence either: Kiwi's "인터럽+트" for a loanword)
    never_closed = not any(t.tag == "EF" for t in toks) and toks[-1].form != "요" and toks[-1].tag.startswith(
        ("N", "E", "J", "M", "V", "XS"))
    return on_a_noun or never_closed


def second_look(reading: AnswerReading, message: str, pending: str, language: str) -> AnswerKind:
    """The kind the policy acts on for this reply to `pending`."""
    kind = reading.kind
    if scope_question(message, language):
        return AnswerKind.QUESTION  # "does it have to be at work? I've never …": a question first, never a denial
    if has(message, CLARIFY[reading.language], reading.language) and _requests(reading) and (
            reading.length_ratio < FULL_RATIO):
        return AnswerKind.EVASIVE  # "뭘 물어보시는 건지…": the question put more simply, whatever else it reads as
    if UNKNOWN_TERM[reading.language].search(message) and reading.length_ratio < FULL_RATIO and (
            kind is not AnswerKind.OTHER_LANGUAGE):
        return AnswerKind.EVASIVE  # "에프오디…요? 그게 정확히 뭔지 잘 몰라서…": a word of the question not known
    if kind is AnswerKind.REPEAT_REQUEST and reading.claims.own_role and not _requests(reading):
        return AnswerKind.ANSWER  # "제가 … 다시 설명드렸습니다": an account that says "again", not a request
    if guesses_back(reading, pending):
        return AnswerKind.EVASIVE  # "규정대로 하면 되지 않을까요?": a guess asked back, the question put more simply
    if _asks_about_the_job(reading, message, kind):
        return AnswerKind.QUESTION
    if aside(reading, message):
        return AnswerKind.OFF_TOPIC
    if kind is AnswerKind.QUESTION and tags_only(reading):
        kind = AnswerKind.ANSWER  # "trust is important, right?": a statement asking for a nod, read as one
    if kind is AnswerKind.QUESTION:
        if has(message, CLARIFY[reading.language], reading.language):
            return AnswerKind.EVASIVE
        if idle_question(reading, message):
            return AnswerKind.OFF_TOPIC
        ends_asking = bool(reading.sentences) and "?" in reading.sentences[-1]
        return AnswerKind.ANSWER if not ends_asking and reading.length_ratio >= FULL_RATIO else kind
    asking = [s for s in reading.sentences if "?" in s]
    echo = language == "ko" and bool(asking) and all(echoes_the_question(s, pending) for s in asking)
    # (a reply that puts the answer off to ask, "I have thoughts on that. But first, is there …?", whatever it hedges)
    if (kind is AnswerKind.ANSWER and asks_with_its_reason(reading, language) or kind is AnswerKind.EVASIVE
            and announces_a_question(reading, language)) and not echo:
        return AnswerKind.QUESTION  # "여기는 외국인 손님 비율이 어느 정도 돼요? 제가 중국어는 좀 약해서요."
    if kind is AnswerKind.ANSWER and small_talk_question(reading, message, pending, language):
        return AnswerKind.OFF_TOPIC
    if kind is AnswerKind.OFF_TOPIC and own_account(reading, message, pending, language) and not told_instead(
            reading, message, pending, language, PRIVATE_LIFE[language]):
        return AnswerKind.ANSWER
    if kind is AnswerKind.OFF_TOPIC and answers_in_its_frame(message, pending, language):
        return AnswerKind.ANSWER  # "주말에도 … 돌렸는데요, 제일 공들인 건 양자화였어요": an aside inside the answer
    if kind in (AnswerKind.ANSWER, AnswerKind.EVASIVE) and (denies_having_done(reading, message, language)
                                                             or no_to_have_you(reading, pending, language)):
        return AnswerKind.NO_EXPERIENCE  # "Not really, no. I was on the helpdesk side, …": a denial first
    if kind is AnswerKind.EVASIVE and _story_despite_cue(reading, message):
        return AnswerKind.ANSWER
    # a dodge with no one in it ("요즘 트렌드가 워낙 빨리 바뀌니까 …"), or a plain one ("I don't know, honestly. I guess
    # you just feel it?"), is put again more simply, never read as a day of the candidate's own
    plain = kind is AnswerKind.EVASIVE and dodge_words(message, _PLAIN_DODGE[language], language)
    if kind in (AnswerKind.ANSWER, AnswerKind.EVASIVE) and (plain or _view_of_no_one(reading, message)) and (
            dodges_the_question(reading, message, pending)):
        return AnswerKind.EVASIVE
    if kind in (AnswerKind.ANSWER, AnswerKind.TOO_SHORT, AnswerKind.OFF_TOPIC) and yes_to_a_yes_no(
            reading, pending, language):
        # "네, 괜찮습니다.", "Yes, definitely.": the whole answer, however short, and whatever of the candidate's own
        # life comes after it ("Yes, that's fine, my partner works days")
        return AnswerKind.ANSWER
    if kind in (AnswerKind.ANSWER, AnswerKind.EVASIVE, AnswerKind.TOO_SHORT) and (
            unrelated(reading, message, pending, language) or told_instead(
                reading, message, pending, language, PRIVATE_LIFE[language]) or (
            reading.length_ratio < FULL_RATIO and day_of_their_own(reading, message, pending, language))):
        return AnswerKind.OFF_TOPIC
    if kind is AnswerKind.ANSWER and (_says_nothing_yet(reading, pending, language)
                                      or dodges_the_question(reading, message, pending)
                                      or tells_no_instance(reading, pending, language)):
        return AnswerKind.EVASIVE  # "상황마다 다르죠", "Teamwork is key.": a dodge, the question put more simply
    return kind


def _view_of_no_one(reading: AnswerReading, message: str) -> bool:
    """A reply with no one in it: not the candidate, no person, no private-life word lived as their own time (a
    "요즘" or "these days" in a general view tells no day of anyone's)."""
    lang = reading.language
    return not any(speaks_as_self(s, lang) for s in reading.sentences) and not structure.people(message, lang) and not (
        lang == "ko" and lives_it_privately(message, PRIVATE_LIFE[lang]))


def _requests(reading: AnswerReading) -> bool:
    """The reply asks something of the interviewer (a question or "…해 주세요", "could you …")."""
    return any("?" in s or REQUEST_END.search(s.rstrip(" .!")) is not None for s in reading.sentences)


def _asks_about_the_job(reading: AnswerReading, message: str, kind: AnswerKind) -> bool:
    """A short reply that asks about the job's terms (work site, pay, hours …) is a question to the interviewer,
    however it ends ("근무지가 이천인가요? 제가 서울에 살아서요.")."""
    if kind in (AnswerKind.QUESTION, AnswerKind.ANSWER, AnswerKind.REPEAT_REQUEST):
        return False
    if reading.length_ratio >= FULL_RATIO:
        return False
    asks = "?" in message or has(message, ("궁금",), "ko")
    return bool(asks) and bool(has(message, CUES[reading.language].question_topics, reading.language))


def _story_despite_cue(reading: AnswerReading, message: str) -> bool:
    """A dodge cue inside a story of something done ("해외 서버로 넘어가는 데이터 … 찾았습니다") is no dodge: an action
    with at least two things named, and none of the plain "I don't know / pass" words."""
    lang = reading.language
    named = [p for p in key_phrases(" ".join(reading.sentences), lang) if _substantial(p, lang)]
    return bool(reading.star.action) and len(named) >= 2 and not dodge_words(message, _PLAIN_DODGE[lang], lang)


def _substantial(phrase: str, language: str) -> bool:
    """A phrase that names a thing: two words or more (en), three syllables or more (ko)."""
    return len(phrase.split()) >= 2 if language == "en" else len(phrase.replace(" ", "")) >= 3


def _says_nothing_yet(reading: AnswerReading, pending: str, language: str) -> bool:
    """A short reply to a question asking for a story that tells nothing done, named or counted ("막막하네요")."""
    claims = reading.claims
    named = claims.actions or claims.numbers or claims.projects or claims.technologies or claims.results
    named = named or any(_substantial(p, reading.language) for p in key_phrases(" ".join(reading.sentences),
                                                                                reading.language))
    story = intent_of(pending, language).intent in _STORY_INTENTS
    return story and not named and reading.length_ratio < EMPTY_RATIO
