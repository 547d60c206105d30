"""Turn espeak's PHONEME and WORD events into monotonic phoneme and word timings."""
from __future__ import annotations

import re
from dataclasses import dataclass

from tts.base import Timing
from tts.espeak_lib import EVENT_PHONEME, EVENT_WORD, RawEvent

MS = 1000.0  # ms per second
STRESS_MARKS = "ˈˌ"
UNRELEASED = "\u031a"  # IPA combining left angle above: unreleased stop (t̚)
ASPIRATED = "ʰ"
_ASPIRATED_NAME = re.compile(r"^(p|t|k|tʃ|tɕ|ts)h$")  # espeak-ko writes aspiration as a trailing "h"
_WORD = re.compile(r"\S+")
_EDGE_PUNCT = re.compile(r"^[^\w]+|[^\w]+$")


def ipa_symbol(name: str) -> str:
    """espeak's phoneme name as plain IPA: stress marks dropped, Korean espeak spellings mapped."""
    name = name.strip(STRESS_MARKS)
    if name.endswith("-") and len(name) > 1:
        return name[:-1] + UNRELEASED
    if name == "q":  # espeak-ko's closure before a tense consonant
        return "ʔ"
    if _ASPIRATED_NAME.match(name):
        return name[:-1] + ASPIRATED
    return name


@dataclass
class _Phone:
    timing: Timing
    group: int  # index of the WORD event it follows (-1 before any)


def _phones(events: tuple[RawEvent, ...], duration: float) -> list[_Phone]:
    """Phonemes in order; pauses ("" names) only end the phoneme before them."""
    marks: list[tuple[float, str, int]] = []  # (start s, symbol, group)
    group = -1
    for ev in events:
        if ev.kind == EVENT_WORD:
            group += 1
        elif ev.kind == EVENT_PHONEME:
            marks.append((ev.audio_ms / MS, ipa_symbol(ev.phoneme), group))
    phones: list[_Phone] = []
    start_floor = 0.0
    for i, (start, symbol, grp) in enumerate(marks):
        start = min(max(start, start_floor), duration)
        end = min(max(marks[i + 1][0], start), duration) if i + 1 < len(marks) else duration
        start_floor = start
        if symbol and end > start:
            phones.append(_Phone(Timing(symbol, start, end), grp))
    return phones


def phoneme_timings(events: tuple[RawEvent, ...], duration: float) -> tuple[Timing, ...]:
    """Sounded phonemes (IPA) with start/end in seconds inside [0, duration]; gaps are silence."""
    return tuple(p.timing for p in _phones(events, duration))


def _word_owner(text: str, events: tuple[RawEvent, ...]) -> tuple[list[tuple[int, int]], list[int]]:
    """Spoken tokens of `text` (char spans) and, per WORD event, the token index it belongs to (-1: none)."""
    spans = [(m.start(), m.end()) for m in _WORD.finditer(text) if re.search(r"\w", m.group())]
    owners = []
    for ev in (e for e in events if e.kind == EVENT_WORD):
        pos = ev.text_position - 1  # espeak counts characters from 1
        owners.append(next((i for i, (a, b) in enumerate(spans) if a <= pos < b), -1))
    return spans, owners


def _split(phones: list[Timing], sizes: list[int]) -> list[tuple[float, float]]:
    """Share a run of phonemes among words in proportion to their sizes (chars)."""
    total, bounds, acc = sum(sizes), [], 0
    for size in sizes:
        lo = round(acc * len(phones) / total)
        acc += size
        hi = max(round(acc * len(phones) / total), lo + 1)
        bounds.append((lo, min(hi, len(phones))))
    spans = []
    for lo, hi in bounds:
        lo = min(lo, len(phones) - 1)
        spans.append((phones[lo].start, phones[max(hi - 1, lo)].end))
    return spans


def word_timings(text: str, events: tuple[RawEvent, ...], duration: float) -> tuple[Timing, ...]:
    """One Timing per spoken word of `text` (the string espeak was given).

    espeak-ko skips WORD events for some words, so a word without its own event shares the
    phonemes of the word before it (or after it, at the start), split in proportion to length.
    """
    spans, owners = _word_owner(text, events)
    phones = _phones(events, duration)
    if not spans or not phones:
        return ()
    token_of_group, last = [], 0
    for owner in owners:
        last = max(owner, last)  # a WORD event never moves back in the text
        token_of_group.append(last)
    # each token with its own WORD event starts a run; the others join the run before them
    # (tokens before the first event join the first run)
    first = min(token_of_group, default=0)
    run_of_token, run = [], 0
    for i in range(len(spans)):
        if i > first and i in token_of_group:
            run += 1
        run_of_token.append(run)
    run_phones: dict[int, list[Timing]] = {}
    for p in phones:
        token = token_of_group[p.group] if p.group >= 0 else 0
        run_phones.setdefault(run_of_token[token], []).append(p.timing)
    words: list[Timing] = []
    for r in sorted(run_phones):
        members = [i for i, rt in enumerate(run_of_token) if rt == r]
        sizes = [spans[i][1] - spans[i][0] for i in members]
        for i, (start, end) in zip(members, _split(run_phones[r], sizes)):
            symbol = _EDGE_PUNCT.sub("", text[spans[i][0]:spans[i][1]])
            words.append(Timing(symbol, start, end))
    return tuple(words)
