"""Where an English sentence says what was found or done that mattered (interview/salience_en.py): the cues of a
finding ("turned out", "because", "He said he was …"), the candidate's decisive move ("I ended up …", "Everyone
blamed the operator, but I …"), what they met when they looked ("When I looked at the timestamps, …") and the
clause each of them runs to."""
from __future__ import annotations

import re
from typing import NamedTuple

from interview.english_word_classes import EN_FIRST_PERSON

_EN_CLAUSE_END = re.compile(r",\s*(and|so|but|which)\b|[;:]|\s(and|so|but|then)\s+(i|we|he|she|they|it|\w+ed|found|got|"
                            r"made|took|gave|sent|went|kept|set|ran|put)\b", re.IGNORECASE)
_EN_FINDING = re.compile(r"\b(turned out(?: to be)?|turns out|trac(?:ed|ing) (?:it|this|that|the \w+) (?:back )?to|"
                         r"c(?:a|o)me from|coming from|caused by|"
                         r"because|due to|came down to|the cause was|root cause|found|noticed|realised|realized|"
                         r"discovered|the key was|the surprise was|the trick was|especially|above all|most of all|"
                         r"the main thing|made the difference|"
                         r"the (?:(?:big|main|real|hard|hardest|biggest|toughest|tricky|trickiest|scary|scariest|worst)\s)?"
                         r"(?:part|bit|thing|challenge|problem|issue|point|worry) was|"
                         # "what I did differently after that was …": the pseudo-cleft puts the news after "was"
                         r"what (?:i|we) (?:did|changed|learned|learnt|noticed)\b[^.;!?]{0,40}?\bwas|"
                         # "Mum said he was feeding fine but the nappies told a different story": the news after "but"
                         r"(?:said|says|thought|claimed|insisted|seemed|looked)\b[^.;!?]{0,60}?\bbut|"
                         # "He said he was diabetic": what the other person disclosed about themselves
                         r"(?:said|told (?:me|us)|mentioned|admitted|explained)(?: that)? (?:he|she|they) "
                         r"(?:was|were|had|is|are))\b",
                         re.IGNORECASE)
# The story's coda: what the candidate has done since ("after that", "since then", "Now I …").
EN_CODA = re.compile(r"\b(?:after that|since then|from then on|ever since|these days|nowadays)\b|^\W*now\b",
                     re.IGNORECASE)
# The candidate's own decisive move: the last one, which resolved it ("I ended up pulling three months of logs", "in
# the end we …"); one set against what everyone else did ("Everyone blamed the operator, but I pulled …") is
# stressed twice over, a contrast the candidate draws.
_EN_OWN_MOVE = re.compile(r"\b(?:(?:i|we)(?:'d)? (?:ended up|eventually|finally)|(?:in the end|eventually|finally),? "
                          r"(?:i|we))\b", re.IGNORECASE)
_EN_AGAINST = re.compile(r"\b(?:everyone|everybody|the others|the rest of (?:the|my) team|the team)\b[^.;!?]{0,80}?"
                         r"\bbut (?:i|we)\b", re.IGNORECASE)
_EN_MET = re.compile(r"\bwhen (?:i|we) [^,.;!?]{3,60},", re.IGNORECASE)
_EN_MEANS = re.compile(r"\b(?:by|using|via)\s", re.IGNORECASE)  # not "with": "when I worked with the night team"
# Said mid-sentence after a comma, or opening a sentence ("So I, um, let him hold …") after the one it answers.
_EN_TURN = re.compile(r"(?:[,;]\s*(?:and\s+)?|^\W*)so,?\s+(?:i|we)\b(?:,?\s+(?:um|uh|er|like)\b,?)?", re.IGNORECASE)
# "It was a scam": the candidate names what the situation was, a finding put as a sentence of its own.
_EN_NAMED_AS = re.compile(r"^\W*(?:it|that) (?:was|is) (?:just |actually |really |clearly )?(?:a|an)\b", re.IGNORECASE)


class FindingCues(NamedTuple):
    """Where cues end (`cues`: a finding; `turns`: a move where the story turns) and the spans they stress."""

    cues: list[int]
    turns: list[int]
    spans: list[tuple[int, int]]
    against: list[tuple[int, int]]  # the candidate's move set against everyone else's, stressed twice over


def finding_cues(text: str, first: bool = False) -> FindingCues:
    """The sentence's cues and the spans they stress, each to the end of its clause (a "So I …" opening the
    answer's `first` sentence is how it starts talking, no turn: "So we had a honeymoon couple …")."""
    cues = [m.end() for m in _EN_FINDING.finditer(text) if not _learned_by_another(text, m)] + [
        m.end() for m in _EN_NAMED_AS.finditer(text)]
    # a finding runs to the end of its clause: "I found a serviced apartment …, and arranged the transfer"
    # the candidate's move where the story turns ("…, so I went straight to X") is news where nothing was found
    turns = [m.end() for m in _EN_TURN.finditer(text) if (m.start() == 0 and not first or len(text[:m.start()].split()) >= 3)
             and not cues]
    # the candidate's decisive move, and what they met when they looked ("When I looked at the timestamps, …")
    met = list(_EN_MET.finditer(text))
    against = [m.end() for m in _EN_AGAINST.finditer(text)]
    resolved = [m.end() for m in _EN_OWN_MOVE.finditer(text)] + [m.end() for m in met] + against
    spans = [(end, _clause_end(text, end)) for end in cues + turns + resolved]
    # "When I grouped them by device fingerprint, eleven of them came from the same phone": how they looked found it
    means = [(m.start() + by.end(), m.end()) for m in met for by in [_EN_MEANS.search(m.group(0))] if by]
    return FindingCues(cues, turns, spans + means, [(end, _clause_end(text, end)) for end in against])


def _clause_end(text: str, start: int) -> int:
    return next((m.start() for m in _EN_CLAUSE_END.finditer(text, start)), len(text))


def _learned_by_another(text: str, cue: re.Match) -> bool:
    """"the bride's mother found out her room had been given away": someone else learning of it is how the trouble
    began, no finding of the candidate's ("I found out", "we found out" are)."""
    before = text[:cue.start()].split()
    # "I then found out", "we eventually found out": the candidate's own, an adverb between
    return text[cue.end():].lower().startswith(" out") and bool(before) and not any(
        w.lower().strip(",") in EN_FIRST_PERSON for w in before[-3:])
