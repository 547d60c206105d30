"""The shape of what the embedded interviewer says: one `Lines` per language, one `StyleLines` per interview style."""
from __future__ import annotations

from dataclasses import dataclass

STYLES = ("friendly", "structured", "technical", "pressure")


@dataclass(frozen=True)
class StyleLines:
    """What differs between interview styles."""

    opening: str                 # after the greeting, before the first question
    ack_grounded: tuple[str, ...]  # acknowledgements that name the candidate's {thing}
    ack_plain: tuple[str, ...]     # acknowledgements when nothing specific was said
    follow_up_lead: str          # before a follow-up ("" for none)
    follow_up_budget: int        # follow-ups per main question


@dataclass(frozen=True)
class Lines:
    """One language's lines."""

    greeting: str                # {where}: "삼성전자 개발엔지니어링 직무 " or ""
    styles: dict[str, StyleLines]
    follow_ups: dict[str, str]   # missing aspect (or its wording that fits the answer) -> a question about {thing}
    thing_fallback: str          # {thing} when the answer named nothing
    said_back: str               # {act}: the candidate's own act said back, before a question in `after_act`
    after_act: dict[str, str]    # aspect -> its follow-up question when the act is said back instead of a {thing}
    simpler: dict[str, str]      # intent -> a simpler re-ask with an example
    simpler_about: str           # {topic}: what the pending question is about, asked more simply (one sentence,
                                 # so that a repeat or redirect puts the topic again)
    simpler_parts: dict[str, str]  # {ask} / {scene}: a question's ask alone or its circumstance, asked more simply
    simpler_would: dict[str, str]  # a "what would you do" put again after a "no": {scene} its condition, or "plain"
    reask_lead: str
    move_on: str                 # after a second evasive / short answer
    pivot: str                   # no experience -> how would you approach it
    pivot_done: str              # after a second "no experience"
    repeat_lead: str
    interrupted_lead: str
    broken_question: str         # {question}: the words of a question the candidate broke into, asked to the end
    timed_out: str
    other_language: str
    redirect: str
    back_to_question: str
    answers: dict[str, str]      # candidate question topic -> an honest in-role answer
    topic_cues: dict[str, tuple[str, ...]]
    next_lead: str
    linked_lead: str             # {tag}: a word of the new question the candidate actually said
    covered_cues: dict[str, tuple[str, ...]]  # intent -> phrases that show the candidate already answered it
    reverse_question: str
    reverse_go_ahead: str        # the candidate has a question but has not asked it yet
    no_question: str
    closing: str
    after_closing: str
    hint: str                    # study mode: {aspects} a full answer covers, in order
    aspect_names: dict[str, str]  # aspect -> how a hint names it
    hint_cues: tuple[str, ...]   # the candidate asks for a hint
    no_hints: str                # real mode: a hint was asked for
