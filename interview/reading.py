"""One reading of a candidate's answer, shared by the interviewer's policy and the coach's report."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum

from interview import intents
from interview.answer_measures import coherence_of, keyword_stuffing, relevance_of, specificity_of
from interview.answer_holds import states_reason
from interview.cues import CUES, Cues, asks_indirectly, dodge_words, has
from interview.question_tense import asks_about_experience
from interview.structure import (
    SentenceShape,
    cut_off,
    numbers,
    people,
    projects,
    shape,
    technologies,
)
from interview.text import clean, detect_language, sentences, tokens, units

TOO_SHORT_UNITS = {"ko": 8, "en": 4}  # fewer syllables/words than this say nothing yet ("네, 맞습니다")
OTHER_LANGUAGE_UNITS = 3  # an answer in the other language needs this many units to count as one
SHORT_REQUEST_RATIO = 0.5  # a repeat request or question is at most this share of a full answer
STUFFING_COHERENCE_FACTOR = 0.4  # a keyword list's coherence is scaled down by this
_WANTS_WORK = frozenset({"experience", "conflict", "failure", "technical", "general", "strength", "weakness"})


_YES_NO_EXPERIENCE = {"ko": ("있으신가요", "있나요", "있습니까", "있으십니까", "있으세요", "있으신지", "있다면", "해보셨",
                             "해본적"),
                      "en": ("have you ever", "have you had", "do you have experience", "have you worked",
                             "have you done", "have you led", "have you managed")}
_NO = {"ko": re.compile(r"^(아니요|아뇨|아니오|없습니다|없어요|없는데|아직|딱히)"),
       "en": re.compile(r"^(no\b|nope|not yet|never|i haven't|i have not|unfortunately)")}


# "그런 경험은 솔직히 없습니다", "제가 직접 맡은 적은 없어요": the experience (or a time it happened) denied, with a
# word or two between the noun and the "없"
# (and the thing asked after, denied in a sentence of its own: "계약까지는 없어요."; an auxiliary with its verb left
# out: "No, I haven't, I'm afraid.", "Honestly, I haven't.")
_DENIED = {"ko": re.compile(r"(경험|\s적|본적|한적|은적)(은|이|도|까지는)?\s*([가-힣]{1,4}\s+){0,2}"
                            r"없(습니다|어요|어서|었|는데|고|네요|다)|"
                            r"(^|[.?!…]\s*)[가-힣]{1,8}(까지는|까지도|까진|은|는)\s?(아직\s?)?없(어요|습니다|네요)"),
           "en": re.compile(r"\b(never|haven't|have not)\s+(\w+\s+){0,2}(had|done|been|worked|handled|dealt|led|"
                            r"managed|faced)\b|"
                            r"(^|[.!]\s*)(\w+,\s*)?(no,?\s+)?i (haven't|have not|never have)\s*([,.!]|$)|"
                            r"\b(that's|that has|it's|it has) never (happened|come up)\b|"
                            r"(^|[.!]\s*)not (on my own|by myself|as such|personally),\s*no\b", re.IGNORECASE)}


_ASKING_ENDS = ("가요", "나요", "까요", "니까")
_EN_PAST = re.compile(r"\b(i|we)\s+(\w+ed|did|said|told|gave|went|made)\b", re.IGNORECASE)


class AnswerKind(StrEnum):
    """What kind of reply the candidate gave."""

    ANSWER = "answer"
    NO_EXPERIENCE = "no_experience"
    EVASIVE = "evasive"
    QUESTION = "question"
    OFF_TOPIC = "off_topic"
    REPEAT_REQUEST = "repeat_request"
    TOO_SHORT = "too_short"
    OTHER_LANGUAGE = "other_language"


@dataclass(frozen=True)
class StarParts:
    """Each part is the candidate's sentence that shows it, or None."""

    situation: str | None
    task: str | None
    action: str | None
    result: str | None


@dataclass(frozen=True)
class Claims:
    """What the answer claims, as written."""

    projects: tuple[str, ...]
    own_role: tuple[str, ...]
    actions: tuple[str, ...]
    results: tuple[str, ...]
    numbers: tuple[str, ...]
    technologies: tuple[str, ...]
    people: tuple[str, ...]


@dataclass(frozen=True)
class QuestionIntent:
    """What a question asks for."""

    text: str
    intent: str
    asks_for: tuple[str, ...]
    expected_units: int


@dataclass(frozen=True)
class AnswerReading:
    """Everything the policy and the report need to know about one answer."""

    kind: AnswerKind
    language: str
    sentences: tuple[str, ...]
    claims: Claims
    star: StarParts
    missing: tuple[str, ...]
    relevance: float
    coherence: float
    keyword_stuffing: bool
    raw_coherence: float  # coherence before a keyword list's scaling: how its sentences hold together
    specificity: float
    units: int
    length_ratio: float


def intent_of(question_text: str, language: str) -> QuestionIntent:
    """The intent, the aspects and the expected length of a question."""
    language = language if language in CUES else "ko"
    intent = intents.classify(clean(question_text), language)
    return QuestionIntent(question_text, intent, intents.asks_for(intent), intents.expected_units(intent, language))


def read_answer(answer: str, question: QuestionIntent, language: str) -> AnswerReading:
    """Read one answer to `question` in an interview held in `language` (never raises)."""
    language = language if language in CUES else "ko"
    text = clean(answer)
    detected = detect_language(text) if text else language
    lang = detected
    cues = CUES[lang]
    sents = sentences(text, lang)
    shapes = tuple(shape(s, lang) for s in sents)
    claims = _claims(text, sents, shapes, cues, lang)
    star = _star(shapes, cues, lang)
    size = units(text, lang)
    expected = question.expected_units if lang == language else intents.expected_units(question.intent, lang)
    broken = bool(sents) and cut_off(sents[-1], lang) and not _closed_fragment(sents, lang)
    stuffing = not (broken and len(sents) == 1) and keyword_stuffing(shapes, sents, text, lang)
    relevance = relevance_of(text, question.intent, shapes, claims, star, cues, lang)
    coherence = coherence_of(shapes, text, cues, lang)
    reading = AnswerReading(
        kind=AnswerKind.ANSWER, language=detected, sentences=sents, claims=claims, star=star,
        missing=_missing(question.asks_for, text, sents, claims, star, cues, lang),
        relevance=relevance, coherence=round(coherence * (STUFFING_COHERENCE_FACTOR if stuffing else 1.0), 3),
        keyword_stuffing=stuffing, raw_coherence=coherence, specificity=specificity_of(claims), units=size,
        length_ratio=round(size / max(1, expected), 3),
    )
    kind = _kind(text, language, reading, shapes, question, cues, broken)
    return reading if kind is AnswerKind.ANSWER else replace(reading, kind=kind)


def _kind(text: str, language: str, r: AnswerReading, shapes: tuple[SentenceShape, ...], question: QuestionIntent,
          cues: Cues, broken: bool) -> AnswerKind:
    """The kind of reply, narrowest first: other language, repeat, question, no experience, evasive, short, off."""
    lang = r.language
    if not text or r.units == 0:
        return AnswerKind.TOO_SHORT
    if lang != language and r.units >= OTHER_LANGUAGE_UNITS:
        return AnswerKind.OTHER_LANGUAGE
    short = r.units <= max(TOO_SHORT_UNITS[lang] * 5, question.expected_units * SHORT_REQUEST_RATIO)
    if short and any(has(s, cues.repeat, lang) and not _told_in_past(s, lang) for s in r.sentences):
        return AnswerKind.REPEAT_REQUEST
    off = has(text, cues.off_topic, lang)
    if _asks_interviewer(text, shapes, question, cues, lang):
        if has(text, cues.question_topics, lang):
            return AnswerKind.QUESTION
        return AnswerKind.OFF_TOPIC if off else AnswerKind.EVASIVE if dodge_words(text, cues.evasive, lang) \
            else AnswerKind.QUESTION
    # a number the question itself gave ("5년 뒤") is no evidence of a concrete answer
    own_numbers = [n for n in r.claims.numbers if n not in question.text]
    concrete = bool(r.star.result or own_numbers) and bool(r.star.action)
    opening = " ".join(r.sentences[:2])
    if not concrete and has(text, cues.never_thought, lang):
        return AnswerKind.EVASIVE
    if broken and r.length_ratio < SHORT_REQUEST_RATIO and not concrete:
        return AnswerKind.TOO_SHORT
    # a plain "no" to a have-you-ever question stays one beside a number of something else ("No, never. I've
    # been in a hotel reception for six years"); only an outcome told makes it a story after all
    plain_no = _denies(opening, question, lang) and not r.star.result
    # "아뇨, 다행히 사고가 난 적은 없어요. 교육만 받았고…": a denial first, and no story of the candidate's own after it
    denied_first = bool(r.sentences) and bool(_DENIED[lang].search(_first_said(r.sentences))) and not r.claims.own_role
    if plain_no or denied_first or not concrete and (has(opening, cues.no_experience, lang) or _DENIED[lang].search(opening)
                                     or _denies(opening, question, lang)):
        return AnswerKind.NO_EXPERIENCE
    if dodge_words(text, cues.evasive, lang) and not concrete and not r.claims.projects:
        return AnswerKind.EVASIVE
    if has(text, cues.empty_promise, lang) and not r.claims.actions and not r.claims.numbers and short:
        return AnswerKind.EVASIVE
    if r.units < TOO_SHORT_UNITS[lang]:
        return AnswerKind.TOO_SHORT
    if off and r.relevance < 0.5:
        return AnswerKind.OFF_TOPIC
    if question.intent in _WANTS_WORK and not concrete and r.claims.actions and all(
            has(a, cues.preference, lang) for a in r.claims.actions):
        return AnswerKind.OFF_TOPIC  # "I just like frontend more" to a question about the work
    return AnswerKind.ANSWER


def _first_said(sents: tuple[str, ...]) -> str:
    """The first sentence, with what a trailing-off fragment before it began ("음…", "협상 경험은…" + "솔직히
    없습니다")."""
    if len(sents) > 1 and sents[0].endswith("..."):
        return f"{sents[0][:-3]} {sents[1]}"
    return sents[0]


def _told_in_past(sentence: str, lang: str) -> bool:
    """A sentence that reports what was done ("고객께 질문을 한 번 더 드렸습니다", "I asked them once more"): no request
    (what failed, "잘 못 들었습니다", "I missed that", still asks for the question)."""
    if "?" in sentence:
        return False
    if lang == "ko":
        toks = [t for t in tokens(sentence, lang) if not t.tag.startswith("S")]
        failed = any(t.form in ("못", "안", "않") for t in toks)
        # the sentence closes on a past ending ("확인했습니다"), not on a request ("…하셨는지 말씀해 주세요")
        past_end = len(toks) > 1 and toks[-1].tag == "EF" and toks[-2].tag == "EP" and toks[-2].form in ("었", "았",
                                                                                                          "였")
        return past_end and not failed
    return _EN_PAST.search(sentence) is not None and not re.search(r"missed", sentence, re.IGNORECASE)


def _closed_fragment(sents: tuple[str, ...], lang: str) -> bool:
    """A spoken afterthought closed by the polite 요 after a noun ("그 작업중지 요청이요.", "…보내셨을 때요."), after
    a whole sentence: it ends a story, it is no sentence broken off."""
    toks = tokens(sents[-1].rstrip(" .…~!"), lang)
    return len(sents) > 1 and bool(toks) and toks[-1].tag == "JX" and toks[-1].form in ("요", "이요")


def _denies(opening: str, question: QuestionIntent, lang: str) -> bool:
    """A plain "no" to a have-you-ever question ("경험이 있으신가요?" → "아니요, 없습니다."), not to one that only
    sets up what the candidate would do ("…지시가 있다면 어떻게 대처하시겠어요?")."""
    asked_in = question_language(question.text)
    yes_no = has(question.text, _YES_NO_EXPERIENCE[asked_in], asked_in) and asks_about_experience(question.text,
                                                                                                 asked_in)
    return bool(yes_no) and bool(_NO.get(lang) and _NO[lang].match(opening.strip().lower()))


def says_no(answer: str, language: str) -> bool:
    """The reply opens with a "no" ("아니요, 없습니다.", "No, never had that happen.")."""
    return bool(_NO[language if language in _NO else "ko"].match(clean(answer).lower()))


def question_language(text: str) -> str:
    """The language a question is written in."""
    return detect_language(text)


def _asks_interviewer(text: str, shapes: tuple[SentenceShape, ...], question: QuestionIntent, cues: Cues,
                      lang: str) -> bool:
    """A question to the interviewer: the reply ends in a question, or its question is about the job's terms."""
    # "근무지가 이천인가요, 청주인가요?": the splitter cuts a question before its comma; it still asks
    asked = [i for i, s in enumerate(shapes) if s.question or asks_indirectly(s.text, lang)
             or s.text.endswith(",") and s.text.rstrip(",").endswith(_ASKING_ENDS)]
    if not asked:
        return False
    # the terms may sit beside the question: "야간 근무가 걱정돼요. 혹시 신규는 한 달에 몇 번 하나요?"
    near = {j for i in asked for j in (i - 1, i, i + 1) if 0 <= j < len(shapes)}
    about_terms = any(has(shapes[j].text, cues.question_topics, lang) for j in near)
    rest = sum(units(shapes[i].text, lang) for i in range(len(shapes)) if i not in asked)
    return about_terms or len(shapes) - 1 in asked and rest < question.expected_units * SHORT_REQUEST_RATIO


def _claims(text: str, sents: tuple[str, ...], shapes: tuple[SentenceShape, ...], cues: Cues,
            lang: str) -> Claims:
    role_cues = ("맡", "담당", "역할", "주도", "리드", "이끌") if lang == "ko" else ("my role", "responsible", "led",
                                                                                 "i owned", "in charge")
    return Claims(
        projects=projects(sents, lang),
        own_role=tuple(s.text for s in shapes if (s.first_person and s.action) or has(s.text, role_cues, lang)),
        actions=tuple(s.text for s in shapes if s.action),
        results=tuple(s.text for s in shapes if has(s.text, cues.result, lang) and not s.question),
        numbers=numbers(text, lang),
        technologies=technologies(text, sents, lang),
        people=people(text, lang),
    )


def _star(shapes: tuple[SentenceShape, ...], cues: Cues, lang: str) -> StarParts:
    """Situation, task, action and result sentences, each the first that shows the part."""
    def first(test) -> str | None:
        return next((s.text for s in shapes if test(s)), None)

    result = first(lambda s: s.predicate and has(s.text, cues.result, lang) and not s.question)
    return StarParts(
        # a one-sentence answer may set the scene and give the result at once
        situation=first(lambda s: s.predicate and has(s.text, cues.situation, lang)
                        and (s.text != result or len(shapes) == 1)),
        task=first(lambda s: s.predicate and has(s.text, cues.task, lang) and s.text != result),
        action=first(lambda s: s.action and s.text != result) or first(lambda s: s.action),
        result=result,
    )


def _missing(asks_for: tuple[str, ...], text: str, sents: tuple[str, ...], claims: Claims, star: StarParts,
             cues: Cues, lang: str) -> tuple[str, ...]:
    """The asked-for aspects the answer leaves open (a reason: by its words, or by a clause that gives one)."""
    present = {
        "situation": star.situation is not None, "task": star.task is not None,
        "own_role": bool(claims.own_role), "action": star.action is not None,
        "result": star.result is not None, "measurement": bool(claims.numbers),
        "lesson": bool(has(text, cues.lesson, lang)),
        "reason": "reason" in asks_for and bool(has(text, cues.reason, lang) or states_reason(sents, lang)),
        "plan": bool(has(text, cues.plan, lang)),
        "example": bool(claims.actions or claims.projects or claims.numbers),
    }
    return tuple(a for a in asks_for if not present.get(a, False))
