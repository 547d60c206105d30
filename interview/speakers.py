"""The interviewer as a character: style (opening, acknowledgements, follow-up depth), own habits and remit."""
from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from interview.answer_holds import wording
from interview.cues import has
from interview.english_word_reading import gerund_phrase
from interview.lines import LINES, STYLES, Lines, StyleLines
from interview.measured import measured_thing
from interview.moving_on import SHORT_STORY_RATIO, drew_out, holds_something, narrow_main, rounded_off
from interview.own_act import said_back
from interview.phrases import cut_short, names_something, object_of, part_of_a_figure
from interview.salience import most_salient
from interview.salience_ko import KO_GENERIC
from interview.structure import sentence_topics
from interview.told_already import figures_outcome, outcome_figures, told
from interview.reading import AnswerKind, AnswerReading, intent_of
from llm.base import InterviewContext
from llm.persona import Persona
from llm.question_bank import clean_name, company_title, job_title

if TYPE_CHECKING:
    from interview.state import State

_QUOTED = re.compile(r"['‘“\"]([^'’”\"]{2,60})['’”\"]")
_PAREN = re.compile(r"\s*\([^)]*\)")
# "{thing} 관련해서, …": with nothing named the Korean question stands without its lead-in
_ABOUT_THING = re.compile(r"^\{thing\} 관련해서,?\s*")
_WITH_UNIT = re.compile(r"\d\s?[^\d\s.,]|[^\d\s.,]$")  # a figure with a unit ("5cm", "300 ms", "두 배")
# A habit question replaces the follow-up for the aspect its words are about.
_HABIT_ASPECTS = (("result", ("결과", "result", "outcome")), ("own_role", ("역할", "role")),
                  ("example", ("누구나", "구체적", "예를", "anyone", "example", "specific")),
                  ("reason", ("왜", "근거", "why", "evidence")))
MAX_NAMED = 3  # things a follow-up names at most: one in the question, two in its acknowledgement
_STORY_INTENTS = frozenset({"general", "experience", "technical"})
# Questions whose answer is a story or a view of the work: a substantive answer gets one follow-up (not the
# introduction, motivation or plans, which the next main question carries on from).
_LISTENING_INTENTS = frozenset({"general", "experience", "technical", "conflict", "failure", "strength", "weakness"})
# Lines of the policy that put the pending question again: not follow-ups of their own.
_NOT_FOLLOW_UPS = ("repeat_lead", "interrupted_lead", "other_language", "back_to_question", "redirect")


@dataclass(frozen=True)
class Speaker:
    """Who speaks: the persona's name, style lines, habits and remit, in the interview's language."""

    name: str
    language: str
    style_name: str
    style: StyleLines
    habit_questions: tuple[str, ...]
    habit_remarks: tuple[str, ...]
    remit: str

    def greeting(self, context: InterviewContext) -> str:
        """Hello, where we are and, for a character, who is speaking."""
        lines = LINES[self.language]
        company = company_title(clean_name(context.company_name), self.language)
        job = job_title(clean_name(context.job_name) or "", self.language)
        if self.language == "ko":
            where = " ".join(p for p in (company, f"{job} 직무" if job else "") if p)
        else:
            where = " ".join(p for p in (company, job) if p)
        text = lines.greeting.replace("{where}", f"{where} " if where else "")
        if self.name:
            text += f" 저는 오늘 면접을 맡은 {self.name}입니다." if self.language == "ko" else f" I'm {self.name}."
        return text

    def acknowledge(self, reading: AnswerReading, state: "State", named: str | None = None,
                    anchored: bool = True) -> str:
        """A true acknowledgement: it names what the candidate said (`named`, else, when `anchored`, their project or
        technology), or says only that it was heard."""
        thing = named or (anchor(reading) if anchored else None)
        options = self.style.ack_grounded if thing else self.style.ack_plain
        last = state.said[-1] if state.said else ""
        text = _pick(options, " ".join(reading.sentences), last).replace("{thing}", thing or "")
        remark = self.habit_remarks[0] if self.habit_remarks and reading.kind is AnswerKind.ANSWER else ""
        return f"{remark}. {text}" if remark and remark not in " ".join(state.said[-2:]) else text

    def follow_up(self, reading: AnswerReading, state: "State", lines: Lines) -> str | None:
        """A grounded follow-up for the first open aspect, within the follow-up budget; None to move on."""
        used = sum(1 for t in state.since_main if not any(getattr(lines, k) in t for k in _NOT_FOLLOW_UPS))
        used -= used == 1 and drew_out(reading, state, self.language)
        # a question in other words that went on from an answer was itself the follow-up: its answer spends one
        used += narrow_main(state, reading, self.language)
        if not state.asked or used >= self.style.follow_up_budget or reading.kind is not AnswerKind.ANSWER or (
                rounded_off(reading)):
            return None
        number = _result_number(reading)
        stressed = stressed_things(reading, number, state.pending)
        thing = stressed[0] if stressed else lines.thing_fallback
        said, intent = " ".join(state.said), intent_of(state.pending, self.language).intent
        done = said_back(reading.sentences, self.language) if intent in _LISTENING_INTENTS else None
        for aspect in self._open_aspects(reading, state, used):
            if aspect == "measurement" and not _WITH_UNIT.search(number):
                continue  # "말씀하신 5 수치": a figure is asked about with its unit, or not at all
            habit, worded = self._habit_for(aspect), wording(aspect, reading, intent)
            act = done if done and not habit and worded in lines.after_act else None
            measured = measured_thing(reading.sentences, number, self.language) if aspect == "measurement" else ""
            named = _in_sentence(measured, self.language) if measured else thing
            if act:  # what the candidate did, said back, in place of a thing the question is about
                question = f"{lines.said_back.replace('{act}', act)} {lines.after_act[worded]}"
            else:
                question = habit or lines.follow_ups.get(worded, "")
                question = question if stressed else _ABOUT_THING.sub("", question)  # never "말씀하신 일 관련해서"
                question = question.replace("{thing}", named).replace("{number}", number)
            if question and question not in said:
                # what else stood out: beside the act, the stressed things it does not hold; else those after the
                # thing the question names (the most stressed itself when the figure's question names another)
                if act:
                    others = [t for t in stressed if _bare(t) not in act][:3]
                else:
                    others = stressed[1:3] if named == thing else [t for t in stressed if measured not in t][:3]
                others = others if self.language == "ko" else _distinct(others)  # "the photos" once, not twice
                also = ", ".join(others) if self.language == "ko" else " and ".join(
                    [", ".join(others[:-1]), others[-1]] if len(others) > 2 else others)  # "A, B and C"
                # an act said back names the answer already: the project is not named again beside it
                ack = self.acknowledge(reading, state, also or None, anchored=not act) if used == 0 else ""
                lead = self.style.follow_up_lead if self.style.follow_up_lead not in said[-200:] else ""
                return " ".join(p for p in (ack, lead if not lead.endswith("?") else "", question) if p)
        return None

    def _open_aspects(self, reading: AnswerReading, state: "State", used: int) -> list[str]:
        """The aspects to ask about, in order: what the question asked for and the answer left open, then (for a
        story with something in it, on its first follow-up) what a listener would still want to know."""
        intent = intent_of(state.pending, self.language).intent
        story = intent in _STORY_INTENTS and bool(reading.star.action)
        short = reading.length_ratio < SHORT_STORY_RATIO and not reading.claims.numbers
        aspects = list(reading.missing) or ["result"] * (story and short and reading.star.result is None and used == 0)
        if self.style_name in ("technical", "pressure"):
            # these interviewers dig: a result first, evidence for generic claims, how numbers were measured
            aspects = ["result"] * (reading.star.result is None) + ["example"] * (reading.specificity < 0.3) + aspects
            aspects += ["measurement"] if outcome_figures(reading) else []
            aspects += ["difficulty"]
        if used == 0 and intent in _LISTENING_INTENTS:
            # a figure the candidate stressed: how it was measured, before anything else
            # a general claim with nothing done, counted or named behind it wants an example first
            lead = ["example"] * (not holds_something(reading)) + ["measurement"] * figures_outcome(reading)
            aspects = lead + aspects + _still_open(reading)
        # never ask for a part of the story the answer has told: the next open one, or nothing (move on)
        return [a for a in aspects if not told(a, reading)]

    def answer(self, message: str, context: InterviewContext) -> str:
        """An honest in-role answer to the candidate's question (no invented figures)."""
        lines = LINES[self.language]
        topic = next((t for t, cues in lines.topic_cues.items() if has(message, cues, self.language)), "other")
        company = company_title(clean_name(context.company_name), self.language)
        job = job_title(clean_name(context.job_name) or "", self.language)
        text = lines.answers[topic]
        if not (company and job) or "{company_info}" not in text:
            return text.replace("{company_info}", "")
        if self.language == "ko":
            return text.replace("{company_info}", f"{company} {job} 직무 기준으로 말씀드리면, ")
        rest = text.replace("{company_info}", "")
        first = rest.split(" ", 1)[0]
        # the lead-in and the answer are one sentence: "…, the location depends" (a name or "I" keeps its capital)
        rest = rest if first == "I" or first.isupper() else rest[:1].lower() + rest[1:]
        return f"For the {job} role at {company}, {rest}"

    def _habit_for(self, aspect: str) -> str | None:
        """The character's own question for this aspect, when one of its habits is about it."""
        for name, words in _HABIT_ASPECTS:
            if name == aspect:
                return next((h for h in self.habit_questions if any(w in h for w in words)), None)
        return None


def speaker_of(persona: Persona | None, language: str) -> Speaker:
    """The speaker for a persona (the house interviewer, structured, when there is none)."""
    lines = LINES[language]
    style_name = persona.style if persona is not None and persona.style in STYLES else "structured"
    habits = tuple(m.strip() for m in _QUOTED.findall(persona.habits)) if persona is not None else ()
    habits = tuple(h for h in habits if _is_language(h, language))
    name = _PAREN.sub("", persona.name).strip() if persona is not None else ""
    return Speaker(
        name=name, language=language, style_name=style_name, style=lines.styles[style_name],
        habit_questions=tuple(h for h in habits if h.endswith("?")),
        habit_remarks=tuple(h.rstrip(".!") for h in habits if not h.endswith("?")),
        remit=persona.remit if persona is not None else "",
    )


def anchor(reading: AnswerReading) -> str | None:
    """What to name from the answer: the project or technology a sentence is about, else a project, else a
    technology (numbers go to the measurement follow-up)."""
    said = " ".join(reading.sentences)
    named = [n for n in reading.claims.projects + reading.claims.technologies if not part_of_a_figure(n, said)]
    topic = topic_named(reading)
    return topic if topic and not part_of_a_figure(topic, said) else (named[0] if named else None)


def topic_named(reading: AnswerReading) -> str | None:
    """The project or technology the answer marks as what it is about ("Kubernetes는 개인 프로젝트로 공부하고
    있고": Kubernetes, not the frame it was learnt in)."""
    topics = [t for s in reading.sentences for t in sentence_topics(s, reading.language)]
    named = reading.claims.projects + reading.claims.technologies
    return next((n for n in named if any(n in t or t in n for t in topics)), None)


def stressed_things(reading: AnswerReading, number: str = "", asked: str = "", count: int = 2) -> list[str]:
    """What a follow-up names, most stressed first (interview/salience.py), each ready for a sentence; a project
    or technology the candidate named comes second when the stressed details leave it out; the phrase holding
    `number` is left to the figure's own question; the question's own words (`asked`) come last."""
    things = most_salient(" ".join(reading.sentences), reading.language, count, exclude=number, asked=asked)
    named = anchor(reading)
    if named and len(things) < MAX_NAMED and not any(named in t or t in named for t in things):
        things = things[:1] + [named] + things[1:]
    said = " ".join(reading.sentences)
    things = [t for t in things if names_something(t, reading.language) and not part_of_a_figure(t, said) and not (
        reading.language == "en" and cut_short(t, said))] or [t for t in (acted_on(reading),) if t]
    return [_in_sentence(t, reading.language) for t in things]


def _in_sentence(thing: str, language: str) -> str:
    """A phrase as a sentence names it: English common nouns get "the" ("a running app" → "the running app")."""
    if language != "en" or thing.startswith("the ") or gerund_phrase(thing):
        return thing  # "what you said about sitting sideways on the floor": a doing takes no article
    words = thing.split()
    if words[0].lower() in ("a", "an"):
        words = words[1:]
    proper = all(w[:1].isupper() for w in words)
    return " ".join(words) if proper else "the " + " ".join(words)


def _bare(thing: str) -> str:
    """A named thing without the article a sentence gave it ("the glossary" → "glossary")."""
    return thing[4:] if thing.startswith("the ") else thing


def _distinct(things: list[str]) -> list[str]:
    """The things, none inside one kept before it ("the photos" after "the photos in the snow", or before it)."""
    return [t for k, t in enumerate(things) if not any(t in o or o in t for o in things[:k])]


def _still_open(reading: AnswerReading) -> list[str]:
    """What a listener still wants from a story that answered what was asked: how a stated figure was measured,
    the candidate's own part when they spoke only of the team, what was hardest, what they would change."""
    open_parts = ["measurement"] if figures_outcome(reading) else []
    open_parts += ["example"] if not (reading.claims.actions or reading.claims.numbers) else []
    open_parts += ["own_role"] if not reading.claims.own_role else []
    return open_parts + ["difficulty", "lesson"]


def acted_on(reading: AnswerReading) -> str | None:
    """What a follow-up names: the anchor, else what the candidate's own action (else first sentence) acted on
    ("검사 기준", "sampling plan"); an acknowledgement names only the anchor, a follow-up must name something."""
    done = reading.claims.own_role[:1] or reading.claims.actions[:1] or reading.sentences[:1]
    thing = object_of(done[0], reading.language) if done else ""
    named = thing not in KO_GENERIC and names_something(thing, reading.language)  # "다들" acts, it is no thing
    return anchor(reading) or (thing if named else "") or None


def _result_number(reading: AnswerReading) -> str:
    """The number the result ends on ("200ms에서 60ms로" → "60ms"), else the first number that is no span of time
    nor a routine."""
    numbers = outcome_figures(reading) or reading.claims.numbers
    in_result = [n for n in numbers if reading.star.result and n in reading.star.result]
    return in_result[-1] if in_result else (list(numbers) or [""])[0]


def _is_language(text: str, language: str) -> bool:
    hangul = any("\uac00" <= ch <= "\ud7a3" for ch in text)
    return hangul if language == "ko" else not hangul


def _pick(options: tuple[str, ...], key: str, avoid: str) -> str:
    """A stable choice keyed on the answer, skipping the option the last line already used."""
    index = zlib.crc32(key.encode("utf-8")) % len(options)
    if len(options) > 1 and options[index].split("{thing}")[-1].strip() in avoid and options[index] not in ("",):
        index = (index + 1) % len(options)
    return options[index]
