"""Whether a reply turns away from the interview: small talk put to the interviewer, an aside, or a story of
something else entirely; and, the other way, whether an off-topic-sounding reply is the candidate's own account of
the work (second_look.py acts on these)."""
from __future__ import annotations

import re

from interview import structure
from interview.associations import only_echoes, without_echo
from interview.cues import CUES, has
from interview.lines import LINES
from interview.phrases import shared_topic
from interview.question_marks import closes_on_tag, tags_only
from interview.reading import AnswerKind, AnswerReading
from interview.stints import tells_a_stint
from interview.text import sentences
from interview.story_role import about_their_own_life, guest_story, staff_story
from interview.work_report import (asked_part, content_nouns, hands_on_acts, lives_it_privately,
                                   names_the_work, reports_work, speaks_as_self, without_about, without_wishes)

FULL_RATIO = 0.5  # a reply this long that ends in a statement is an answer, whatever it asks on the way
ACCOUNT_RATIO = 0.25  # a first-person account this long (share of a full answer) is a story, not an aside
UNRELATED_MIN_NOUNS = 4  # a reply naming this many things, none of them the work's, is about something else
# (not "면접관님": a polite way to address the interviewer, whatever the question is about)
ABOUT_THE_INTERVIEW = {"ko": ("힌트", "질문", "답변", "예시", "면접은", "면접이", "면접결과", "면접시간"),
                       "en": ("hint", "question", "interview", "answer", "example")}
# A small-talk aside ("by the way, did you watch…?"): a turn away from the interview, whatever words it shares.
_ASIDE = {"ko": ("그건그렇고", "아참", "아맞다", "다른얘기지만", "다른이야기지만", "근데요즘", "그런데요즘", "근데저요즘"),
          "en": ("by the way", "speaking of", "off topic", "unrelated", "random question", "random thought",
                 "before i forget", "just curious", "side note", "that reminds me", "reminds me of")}
# The register of private life: free time, family and friends, how the candidate feels about things.
PRIVATE_LIFE = {"ko": ("주말", "지난주", "지난달", "어제", "요즘", "오늘오는", "휴가", "친구", "동생", "사촌", "가족", "엄마",
                        "아빠", "남편", "아내", "남자친구", "여자친구", "기분", "다행", "취미", "할머니", "할아버지", "삼촌",
                        "이모", "고모", "외삼촌", "조카", "이웃", "집주인", "룸메이트", "와이프", "신혼여행", "대박", "ㅋㅋ",
                        "ㅎㅎ"),
                 "en": ("weekend", "last week", "last month", "yesterday", "my cousin", "my sister", "my brother",
                        "my friend", "my mum", "my mom", "my dad", "my family", "my wife", "my husband", "my partner",
                        "my grandma", "my grandmother", "my gran", "my nan", "my grandpa", "my grandfather", "my uncle",
                        "my aunt", "my niece", "my nephew", "my neighbour", "my neighbor", "my landlord", "my roommate",
                        "holiday", "felt", "feel", "anyway", "my friends", "my parents", "vacation")}
# A question put to the interviewer (not a hedge like "절반 정도?" or "everything?"): "you", honorific verbs.
ADDRESSED = {"ko": re.compile(r"면접관님|(셨|세|시|신)[가-힣]{0,3}\?"), "en": re.compile(r"\byou\b", re.IGNORECASE)}
# The organisation the candidate would join, as a question about its people puts it ("nurses here", "여기 간호사분들").
_HERE = {"ko": ("여기", "이곳", "이병원", "이회사", "이팀", "귀사"), "en": ("here", "your team", "your staff", "your nurses")}
# A group of people at the organisation as the question's subject: "Do pharmacists here …?", "여기 약사분들은 …?".
_STAFF_HERE = {"ko": re.compile(r"(여기|이곳|귀사)\s?[가-힣]+(분들|들)(은|는|이|도)"),
               "en": re.compile(r"\b(?:do|does|are|will|would|can)\s+(?:the\s+|your\s+)?[a-z]+s\s+here\b",
                                re.IGNORECASE)}
# Remarks on the interviewer's looks or things: small talk, whatever the candidate says about themselves around it.
_COMPLIMENT = {"ko": ("귀걸이", "목걸이", "넥타이", "안경이", "머리스타일", "헤어스타일", "잘어울리세", "잘어울리시", "예쁘세요", "멋지세요",
                      "인상이좋으", "목소리가좋"),
               "en": ("your earrings", "your necklace", "your tie", "your shirt", "your glasses", "your watch",
                      "your jacket", "your dress", "your hair", "your scarf", "your shoes", "your accent",
                      "your voice", "your outfit", "your office", "your plant")}
# The candidate asks what the question means: the same question, more simply, not an answer about the company.
CLARIFY = {"ko": ("무슨뜻", "무슨의미", "어떤의미", "어떤뜻", "어떤걸말씀", "무엇을말씀", "뭘말씀", "어떤것을말씀", "질문의의도",
                  "질문이어떤", "예를들면어떤", "말씀하시는건", "말씀하신게", "말씀이신가요", "말씀인가요", "말씀이시죠", "물어보시는",
                  "여쭤보시는", "질문을이해", "질문을정확히이해", "질문을잘이해", "질문이이해"),
           "en": ("what do you mean", "do you mean", "when you say", "mean by", "the question means",
                  "what you're asking", "what you are asking", "what you're getting at", "what you are getting at",
                  "don't get the question", "don't understand the question", "not sure what you mean", "what you mean")}
# The candidate does not know a word of the question ("그게 정확히 뭔지 잘 몰라서", "I'm not totally sure what
# service-level commitments means here"): the question put more simply, never read as an answer or as chat.
UNKNOWN_TERM = {"ko": re.compile(r"(뭔지|건지|무엇인지)\s?(잘\s?)?(몰라|모르|모릅)|무슨\s?말인지\s?(잘\s?)?(몰라|모르|모릅)|"
                                 r"(용어|단어)(를|는|가)?\s?(잘\s?)?(몰라|모르|모릅|생소)|"
                                 r"(용어|단어).{0,15}(써|들어)\s?본\s?적이\s?없"),
                "en": re.compile(r"\b(not (totally |really |quite |entirely )?sure|don't (really )?know) what [^.?!]{0,40}"
                                 r"\bmeans?\b|\bnever heard (of|the term)\b", re.IGNORECASE)}



def idle_question(reading: AnswerReading, message: str) -> bool:
    """A question to the interviewer about nothing of the job or the work ("Do you get a lot of wildlife here?"),
    or about everyday things even when addressed politely ("면접관님 혹시 어제 야구 보셨어요?")."""
    lang = reading.language
    terms = tuple(c for cues in LINES[lang].topic_cues.values() for c in cues) + ABOUT_THE_INTERVIEW[lang]
    about_the_job = has(message, terms + LINES[lang].hint_cues, lang) or has(message, CUES[lang].work, lang) or (
        structure.people(message, lang) and has(message, _HERE[lang], lang) or _STAFF_HERE[lang].search(message))
    everyday = has(message, CUES[lang].off_topic, lang)
    return not about_the_job and (bool(everyday) or not has(message, CUES[lang].question_topics, lang))


def aside(reading: AnswerReading, message: str) -> bool:
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


def small_talk_question(reading: AnswerReading, message: str, pending: str, language: str) -> bool:
    """A short reply that asks the interviewer something with nothing of the work, the job's terms or the question
    in it ("나주 혁신도시 조용하던데, 저녁 먹을 데는 있나요?"): small talk, however it ends."""
    cues = CUES[language]
    # a tag closing a statement ("…is key, right?") asks the interviewer nothing
    asks = any("?" in s for s in reading.sentences) and not tags_only(reading)
    about_work = has(message, cues.work + cues.question_topics, language) or shared_topic(pending, message, language)
    return asks and reading.length_ratio < FULL_RATIO and not about_work and not reading.claims.own_role


def unrelated(reading: AnswerReading, message: str, pending: str, language: str) -> bool:
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
                   "?" in s and ADDRESSED[language].search(s) and not closes_on_tag(s)
                   and not names_the_work(s, pending, language)
                   and not has(s, CLARIFY[language] + ABOUT_THE_INTERVIEW[language], language)
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
    if hands_on_at_work(message, language) or staff_story(message, language):
        return False  # "단톡방을 만들고 …", "환불해 드렸어요": made, changed or given by the candidate, on any weekend
    # (the organisation's place, "제주", a show's subject chatted about, a wish "저런 행사 하고 싶다": no answer)
    told = without_wishes(without_echo(without_about(message, language) if chatting else message, language),
                          language)
    return not shared_topic(asked_part(pending, language), told, language)


def hands_on_at_work(message: str, language: str) -> bool:
    """The candidate acts on things, and not in a day of their own private life ("주말에 친구랑 … 텐트를 치고"); a
    private aside told after the last act ("…세우자고 말씀드렸어요. 그때 제 동생도 하나 사 갔어요") sets no scene."""
    told = sentences(message, language)
    acting = [i for i, sentence in enumerate(told) if hands_on_acts(sentence, language)]
    return bool(acting) and not lives_it_privately(" ".join(told[:acting[-1] + 1]), PRIVATE_LIFE[language])


def own_account(reading: AnswerReading, message: str, pending: str, language: str) -> bool:
    """Not small talk: what the candidate did with what came of it, or what they did about the question's topic
    (a cue word inside another word, "장비가" holding "비가", must not make a work story off-topic)."""
    if only_echoes(message, pending, language) and has(message, PRIVATE_LIFE[language], language):
        return False  # "신인 하니까 생각나는데요, 제가 어제 …": a day of their own the question reminded them of
    if language == "en" and not any(speaks_as_self(s, language) for s in reading.sentences) and has(
            message, PRIVATE_LIFE[language], language):
        # "my cousin once got fined on the Tube …": someone else's story, the candidate in none of it (English
        # names its subjects; a Korean story of the candidate's leaves its subject unsaid)
        return False
    if guest_story(message, language):
        return False  # "불꽃축제를 보러 갔는데요 … 예뻤고요": the candidate as the guest, however much they did
    # an account neither ends asking nor turns to the interviewer ("Do you have pets?"); "괜찮을까요? …" before it
    # is only a preface
    if reading.sentences and "?" in reading.sentences[-1] or any(
            "?" in s and ADDRESSED[language].search(s) for s in reading.sentences):
        return False
    done = bool(reading.claims.own_role) and bool(reading.star.result or reading.claims.numbers)
    # "we kept getting swelling … I ended up tracing it to the humidity": a story of work, with something found
    # "제가 대리점에 있었는데요 … 돌았어요 … 텄습니다": a first-person story told in several actions, owned by "제가";
    # "배정표를 … 만들어서 드렸어요": a thing the candidate made or changed, the subject left unsaid
    own = bool(reading.claims.own_role) or len(reading.claims.actions) >= 2 and any(
        speaks_as_self(s, language) for s in reading.sentences) or hands_on_at_work(message, language)
    story = own and reading.length_ratio >= ACCOUNT_RATIO
    # "보호자분께는 … 부탁드렸어요", "안내해 드리고": the candidate serving someone, on a slope or at a gate alike
    serving = bool(reading.claims.actions) and staff_story(message, language)
    # "택배 상하차를 육 개월 했습니다": a stint of work told, whatever else the day held
    stint = tells_a_stint(message, language)
    return done or story or serving or stint or bool(reading.claims.actions) and bool(
        shared_topic(pending, message, language))
