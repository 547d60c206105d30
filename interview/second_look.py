"""The policy's second look at a reading, in the light of the question it answers: where the shared reading's
kind would make the interviewer do the wrong thing (presuppose a denied experience, redirect a work story as small
talk, answer a rhetorical question, follow up on nothing), the kind the policy acts on instead."""
from __future__ import annotations

import re

from interview import structure
from interview.associations import only_echoes, without_echo
from interview.cues import CUES, has
from interview.question_marks import REQUEST_END, asks_with_its_reason, tags_only, yes_to_a_yes_no
from interview.episodes import told_instead
from interview.denials import denies_having_done, no_to_have_you
from interview.answer_deferred import guesses_back
from interview.lines import LINES
from interview.reading import AnswerKind, AnswerReading, intent_of
from interview.phrases import key_phrases, shared_topic
from interview.scope import scope_question
from interview.story_role import about_their_own_life, day_of_their_own, guest_story, staff_story
from interview.work_report import (asked_part, content_nouns, hands_on_acts, lives_it_privately, names_the_work,
                                   reports_work, speaks_as_self, without_about, without_wishes)

_DASHES = "—–-"
_BROKEN_OFF = tuple(_DASHES) + ("…", "...", "..")  # a reply trailing off in these was broken off, whatever its words
CUT_OFF_RATIO = 0.3  # an interrupted reply shorter than this share of a full answer was cut off
EMPTY_RATIO = 0.25  # a story answer this short with nothing done or named in it says nothing yet
FULL_RATIO = 0.5  # a reply this long that ends in a statement is an answer, whatever it asks on the way
ACCOUNT_RATIO = 0.25  # a first-person account this long (share of a full answer) is a story, not an aside
_STORY_INTENTS = frozenset({"experience", "conflict", "failure", "technical", "general"})
UNRELATED_MIN_NOUNS = 4  # a reply naming this many things, none of them the work's, is about something else
# Words that dodge whatever surrounds them (the reading's evasive cues also hold words like "넘어가" that a story uses).
_PLAIN_DODGE = {"ko": ("모르겠", "잘모르", "글쎄", "패스", "말씀드리기어렵", "노코멘트", "다음질문", "기억이안", "생각이안", "딱히없",
                       "특별히없", "비밀"),
                "en": ("don't know", "not sure", "no idea", "pass", "can't remember", "can't think", "rather not",
                       "prefer not", "no comment", "next question")}
# (not "면접관님": a polite way to address the interviewer, whatever the question is about)
_ABOUT_THE_INTERVIEW = {"ko": ("힌트", "질문", "답변", "예시", "면접은", "면접이", "면접결과", "면접시간"),
                        "en": ("hint", "question", "interview", "answer", "example")}
# A small-talk aside ("by the way, did you watch…?"): a turn away from the interview, whatever words it shares.
_ASIDE = {"ko": ("그건그렇고", "아참", "아맞다", "다른얘기지만", "다른이야기지만"),
          "en": ("by the way", "speaking of", "off topic", "unrelated", "random question", "random thought",
                 "before i forget", "just curious", "side note")}
# The register of private life: free time, family and friends, how the candidate feels about things.
PRIVATE_LIFE = {"ko": ("주말", "지난주", "지난달", "어제", "요즘", "오늘오는", "휴가", "친구", "동생", "사촌", "가족", "엄마",
                        "아빠", "남편", "아내", "남자친구", "여자친구", "기분", "다행", "취미", "할머니", "할아버지", "삼촌",
                        "이모", "고모", "외삼촌", "조카", "이웃", "집주인", "룸메이트", "대박", "ㅋㅋ", "ㅎㅎ"),
                 "en": ("weekend", "last week", "last month", "yesterday", "my cousin", "my sister", "my brother",
                        "my friend", "my mum", "my mom", "my dad", "my family", "my wife", "my husband", "my partner",
                        "my grandma", "my grandmother", "my grandpa", "my grandfather", "my uncle", "my aunt",
                        "my niece", "my nephew", "my neighbour", "my neighbor", "my landlord", "my roommate",
                        "holiday", "felt", "feel", "anyway", "my friends", "my parents", "vacation")}
# A question put to the interviewer (not a hedge like "절반 정도?" or "everything?"): "you", honorific verbs.
_ADDRESSED = {"ko": re.compile(r"면접관님|(셨|세|시|신)[가-힣]{0,3}\?"), "en": re.compile(r"\byou\b", re.IGNORECASE)}
# The organisation the candidate would join, as a question about its people puts it ("nurses here", "여기 간호사분들").
_HERE = {"ko": ("여기", "이곳", "이병원", "이회사", "이팀", "귀사"), "en": ("here", "your team", "your staff", "your nurses")}
# A group of people at the organisation as the question's subject: "Do pharmacists here …?", "여기 약사분들은 …?".
_STAFF_HERE = {"ko": re.compile(r"(여기|이곳|귀사)\s?[가-힣]+(분들|들)(은|는|이|도)"),
               "en": re.compile(r"\b(?:do|does|are|will|would|can)\s+(?:the\s+|your\s+)?[a-z]+s\s+here\b",
                                re.IGNORECASE)}
# The candidate asks for a moment before answering: a pause, not an answer.
_PAUSE = {"ko": ("잠시만", "잠깐만", "잠깐만요", "물좀마실", "물한모금", "생각좀해보", "정리좀하"),
          "en": ("one moment", "one sec", "one second", "just a second", "just a moment", "give me a second",
                 "give me a moment", "hold on", "sip of water", "drink of water", "let me think")}
# Remarks on the interviewer's looks or things: small talk, whatever the candidate says about themselves around it.
_COMPLIMENT = {"ko": ("귀걸이", "목걸이", "넥타이", "안경이", "머리스타일", "헤어스타일", "잘어울리", "예쁘세요", "멋지세요",
                      "인상이좋으", "목소리가좋"),
               "en": ("your earrings", "your necklace", "your tie", "your shirt", "your glasses", "your watch",
                      "your jacket", "your dress", "your hair", "your scarf", "your shoes", "your accent",
                      "your voice", "your outfit", "your office", "your plant")}
# The candidate asks what the question means: the same question, more simply, not an answer about the company.
_CLARIFY = {"ko": ("무슨뜻", "무슨의미", "어떤의미", "어떤뜻", "어떤걸말씀", "무엇을말씀", "뭘말씀", "어떤것을말씀", "질문의의도",
                   "질문이어떤", "예를들면어떤", "말씀하시는건", "말씀하신게", "말씀이신가요", "말씀인가요", "물어보시는",
                   "여쭤보시는"),
            "en": ("what do you mean", "do you mean", "when you say", "mean by", "the question means",
                   "what you're asking", "what you are asking", "don't get the question", "don't understand the "
                   "question", "not sure what you mean", "what you mean")}


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
    or with no sentence-final ending and no polite 요 ("예전에 그 게임 할 때")."""
    toks = structure.tokens(sentence.rstrip(" .…~" + _DASHES), "ko")
    if not toks:
        return False
    on_a_noun = toks[-1].tag.startswith("N") and not any(t.tag.startswith("E") for t in toks)
    never_closed = not any(t.tag == "EF" for t in toks) and toks[-1].form != "요" and toks[-1].tag.startswith(
        ("N", "E", "J", "M"))
    return on_a_noun or never_closed


def second_look(reading: AnswerReading, message: str, pending: str, language: str) -> AnswerKind:
    """The kind the policy acts on for this reply to `pending`."""
    kind = reading.kind
    if scope_question(message, language):
        return AnswerKind.QUESTION  # "does it have to be at work? I've never …": a question first, never a denial
    if has(message, _CLARIFY[reading.language], reading.language) and _requests(reading) and (
            reading.length_ratio < FULL_RATIO):
        return AnswerKind.EVASIVE  # "뭘 물어보시는 건지…": the question put more simply, whatever else it reads as
    if kind is AnswerKind.REPEAT_REQUEST and reading.claims.own_role and not _requests(reading):
        return AnswerKind.ANSWER  # "제가 … 다시 설명드렸습니다": an account that says "again", not a request
    if guesses_back(reading):
        return AnswerKind.EVASIVE  # "규정대로 하면 되지 않을까요?": a guess asked back, the question put more simply
    if _asks_about_the_job(reading, message, kind):
        return AnswerKind.QUESTION
    if _aside(reading, message):
        return AnswerKind.OFF_TOPIC
    if kind is AnswerKind.QUESTION and tags_only(reading):
        kind = AnswerKind.ANSWER  # "trust is important, right?": a statement asking for a nod, read as one
    if kind is AnswerKind.QUESTION:
        if has(message, _CLARIFY[reading.language], reading.language):
            return AnswerKind.EVASIVE
        if _idle_question(reading, message):
            return AnswerKind.OFF_TOPIC
        ends_asking = bool(reading.sentences) and "?" in reading.sentences[-1]
        return AnswerKind.ANSWER if not ends_asking and reading.length_ratio >= FULL_RATIO else kind
    if kind is AnswerKind.ANSWER and asks_with_its_reason(reading, language):
        return AnswerKind.QUESTION  # "여기는 외국인 손님 비율이 어느 정도 돼요? 제가 중국어는 좀 약해서요."
    if kind is AnswerKind.ANSWER and _small_talk_question(reading, message, pending, language):
        return AnswerKind.OFF_TOPIC
    if kind is AnswerKind.OFF_TOPIC and _own_account(reading, message, pending, language) and not told_instead(
            reading, message, pending, language, PRIVATE_LIFE[language]):
        return AnswerKind.ANSWER
    if kind in (AnswerKind.ANSWER, AnswerKind.EVASIVE) and (denies_having_done(reading, message, language)
                                                             or no_to_have_you(reading, pending, language)):
        return AnswerKind.NO_EXPERIENCE  # "Not really, no. I was on the helpdesk side, …": a denial first
    if kind is AnswerKind.EVASIVE and _story_despite_cue(reading, message):
        return AnswerKind.ANSWER
    if kind in (AnswerKind.ANSWER, AnswerKind.EVASIVE) and (
            _unrelated(reading, message, pending, language) or told_instead(
                reading, message, pending, language, PRIVATE_LIFE[language]) or (
            reading.length_ratio < FULL_RATIO and day_of_their_own(reading, message, pending, language))):
        return AnswerKind.OFF_TOPIC
    if kind in (AnswerKind.ANSWER, AnswerKind.TOO_SHORT) and yes_to_a_yes_no(reading, pending, language):
        return AnswerKind.ANSWER  # "네, 괜찮습니다.", "Yes, definitely.": the whole answer, however short
    if kind is AnswerKind.ANSWER and _says_nothing_yet(reading, pending, language):
        return AnswerKind.EVASIVE
    return kind


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


def _idle_question(reading: AnswerReading, message: str) -> bool:
    """A question to the interviewer about nothing of the job or the work ("Do you get a lot of wildlife here?"),
    or about everyday things even when addressed politely ("면접관님 혹시 어제 야구 보셨어요?")."""
    lang = reading.language
    terms = tuple(c for cues in LINES[lang].topic_cues.values() for c in cues) + _ABOUT_THE_INTERVIEW[lang]
    about_the_job = has(message, terms + LINES[lang].hint_cues, lang) or has(message, CUES[lang].work, lang) or (
        structure.people(message, lang) and has(message, _HERE[lang], lang) or _STAFF_HERE[lang].search(message))
    everyday = has(message, CUES[lang].off_topic, lang)
    return not about_the_job and (bool(everyday) or not has(message, CUES[lang].question_topics, lang))


def _aside(reading: AnswerReading, message: str) -> bool:
    """A short reply that turns to small talk and asks the interviewer about it ("By the way, is that plant
    real?"), not about the job's terms."""
    lang = reading.language
    if reading.length_ratio >= FULL_RATIO:
        return False
    if has(message, _COMPLIMENT[lang], lang):
        return True  # "I love your earrings", "면접관님 넥타이가 …": about the interviewer, never an answer
    if has(message, CUES[lang].question_topics, lang):
        return False
    if "?" not in message:
        # "speaking of delays, my Uber …": a turn to small talk that never comes back to the work, or a "random
        # thought" about someone else ("my cousin drives for a taxi company …") with the candidate doing nothing
        aside = bool(has(message, _ASIDE[lang], lang))
        return aside and (not has(message, CUES[lang].work, lang) or not any(
            speaks_as_self(s, lang) for s in reading.sentences))
    small_talk = reading.kind is AnswerKind.OFF_TOPIC and not reading.claims.own_role
    return small_talk or bool(has(message, _ASIDE[lang], lang))


def _small_talk_question(reading: AnswerReading, message: str, pending: str, language: str) -> bool:
    """A short reply that asks the interviewer something with nothing of the work, the job's terms or the question
    in it ("나주 혁신도시 조용하던데, 저녁 먹을 데는 있나요?"): small talk, however it ends."""
    cues = CUES[language]
    asks = any("?" in s for s in reading.sentences)
    about_work = has(message, cues.work + cues.question_topics, language) or shared_topic(pending, message, language)
    return asks and reading.length_ratio < FULL_RATIO and not about_work and not reading.claims.own_role


def _unrelated(reading: AnswerReading, message: str, pending: str, language: str) -> bool:
    """A short reply about something else entirely (the weekend's camping, how another interview felt, the traffic
    on the way): several things named, nothing the candidate did to the work's things or the question's topic.
    A question about the candidate's own life (hobbies, health, rest) is answered from it, so it is never one."""
    private = PRIVATE_LIFE[language]
    if reading.length_ratio >= FULL_RATIO or reading.claims.numbers and not lives_it_privately(message, private):
        return False  # (the hours of a day of their own, "세 시간을 기다렸거든요", count nothing of the work)
    if about_their_own_life(pending, language):
        return False
    # "can you believe it?", "Did you catch the finals?": a chat that asks the interviewer along is its own register
    chatting = reading.kind is AnswerKind.ANSWER and any(
                   "?" in s and _ADDRESSED[language].search(s) and not names_the_work(s, pending, language)
                   and not has(s, _CLARIFY[language] + _ABOUT_THE_INTERVIEW[language], language)
                   for s in reading.sentences)
    if not chatting and (reading.claims.technologies or not has(message, PRIVATE_LIFE[language] + CUES[
            language].off_topic, language)):
        # a work story in other words ("외국인 어르신", "the old boiler") is told in another register; a technology
        # named ("MZ 감성") is the work's unless the reply chats about it ("screaming at my TV. Did you catch …?")
        return False
    # the candidate did something to the work's things: an answer, however it is told; a reply that chats with the
    # interviewer about what it tells ("I just watched a K-drama about exchange students. Have you seen it?") must
    # take up the question's topic as what the candidate acted on, not as what something else is about
    # (an act of the candidate's that names the question's word only in the echo before the story is no report)
    reports = reports_work(reading, pending, language, about_counts=not chatting) and not only_echoes(
        message, pending, language)
    if len(content_nouns(message, language)) < UNRELATED_MIN_NOUNS or reports:
        return False
    if _hands_on_at_work(message, language) or staff_story(message, language):
        return False  # "단톡방을 만들고 …", "환불해 드렸어요": made, changed or given by the candidate, on any weekend
    # (the organisation's place, "제주", a show's subject chatted about, a wish "저런 행사 하고 싶다": no answer)
    told = without_wishes(without_echo(without_about(message, language) if chatting else message, language),
                          language)
    return not shared_topic(asked_part(pending, language), told, language)


def _hands_on_at_work(message: str, language: str) -> bool:
    """The candidate acts on things, and not in a day of their own private life ("주말에 친구랑 … 텐트를 치고")."""
    return bool(hands_on_acts(message, language)) and not lives_it_privately(message, PRIVATE_LIFE[language])


def _story_despite_cue(reading: AnswerReading, message: str) -> bool:
    """A dodge cue inside a story of something done ("해외 서버로 넘어가는 데이터 … 찾았습니다") is no dodge: an action
    with at least two things named, and none of the plain "I don't know / pass" words."""
    lang = reading.language
    named = [p for p in key_phrases(" ".join(reading.sentences), lang) if _substantial(p, lang)]
    return bool(reading.star.action) and len(named) >= 2 and not has(message, _PLAIN_DODGE[lang], lang)


def _substantial(phrase: str, language: str) -> bool:
    """A phrase that names a thing: two words or more (en), three syllables or more (ko)."""
    return len(phrase.split()) >= 2 if language == "en" else len(phrase.replace(" ", "")) >= 3


def _own_account(reading: AnswerReading, message: str, pending: str, language: str) -> bool:
    """Not small talk: what the candidate did with what came of it, or what they did about the question's topic
    (a cue word inside another word, "장비가" holding "비가", must not make a work story off-topic)."""
    if only_echoes(message, pending, language) and has(message, PRIVATE_LIFE[language], language):
        return False  # "신인 하니까 생각나는데요, 제가 어제 …": a day of their own the question reminded them of
    if guest_story(message, language):
        return False  # "불꽃축제를 보러 갔는데요 … 예뻤고요": the candidate as the guest, however much they did
    # an account neither ends asking nor turns to the interviewer ("Do you have pets?"); "괜찮을까요? …" before it
    # is only a preface
    if reading.sentences and "?" in reading.sentences[-1] or any(
            "?" in s and _ADDRESSED[language].search(s) for s in reading.sentences):
        return False
    done = bool(reading.claims.own_role) and bool(reading.star.result or reading.claims.numbers)
    # "we kept getting swelling … I ended up tracing it to the humidity": a story of work, with something found
    # "제가 대리점에 있었는데요 … 돌았어요 … 텄습니다": a first-person story told in several actions, owned by "제가";
    # "배정표를 … 만들어서 드렸어요": a thing the candidate made or changed, the subject left unsaid
    own = bool(reading.claims.own_role) or len(reading.claims.actions) >= 2 and any(
        speaks_as_self(s, language) for s in reading.sentences) or _hands_on_at_work(message, language)
    story = own and reading.length_ratio >= ACCOUNT_RATIO
    # "보호자분께는 … 부탁드렸어요", "안내해 드리고": the candidate serving someone, on a slope or at a gate alike
    serving = bool(reading.claims.actions) and staff_story(message, language)
    return done or story or serving or bool(reading.claims.actions) and bool(shared_topic(pending, message, language))


def _says_nothing_yet(reading: AnswerReading, pending: str, language: str) -> bool:
    """A short reply to a question asking for a story that tells nothing done, named or counted ("막막하네요")."""
    claims = reading.claims
    named = claims.actions or claims.numbers or claims.projects or claims.technologies or claims.results
    named = named or any(_substantial(p, reading.language) for p in key_phrases(" ".join(reading.sentences),
                                                                                reading.language))
    story = intent_of(pending, language).intent in _STORY_INTENTS
    return story and not named and reading.length_ratio < EMPTY_RATIO
