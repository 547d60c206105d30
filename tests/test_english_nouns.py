"""English follow-ups name things, not verbs: lemminflect's lexicon of parts of speech keeps verbs, adjectives and
contractions out of named phrases (wordings written anew, not the situations sets'), and the one `is_question`
in llm/prompts.py reads spoken Korean requests for every caller."""
from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from interview.english_lexicon import bare_verb, inflected_verb, may_be_noun
from interview.policy import Move, decide
from interview.salience import most_salient
from llm.base import ChatTurn, InterviewContext, Message
from llm.prompts import count_questions, is_question

ROOT = Path(__file__).resolve().parent.parent
EN = InterviewContext(company_name="Ocado", job_name="Warehouse Team Leader", total_questions=5, language="en")


def test_the_lexicon_tells_nouns_from_verb_forms_and_adjectives() -> None:
    assert may_be_noun("rota") and may_be_noun("marquee") and may_be_noun("Stuttgart")  # unknown words may name
    assert inflected_verb("happens") and inflected_verb("leaving") and not inflected_verb("briefing")
    assert not may_be_noun("postnatal") and not may_be_noun("sleepy")
    assert bare_verb("see") and not inflected_verb("see")  # a base form: a verb unless it stands where a noun does
    assert not bare_verb("not")  # an adverb is no verb


@pytest.mark.parametrize(("answer", "stressed"), [
    # "the big thing was …" singles out its complement
    ("I rang the supplier straight away and the big thing was the invoice template nobody had updated.",
     "invoice template"),
    # a pseudo-cleft: the news comes after "was"
    ("What we changed after the audit was a weekly stock count on every aisle, and the losses fell.",
     "weekly stock count"),
    # after a reported claim, "but" brings the news
    ("The driver said the load was fine but the pallet labels told us otherwise, so I stopped the van.",
     "pallet labels"),
    # the object of a phrasal verb is not a place
    ("After that near miss I brought in a monthly check-in where the pickers run the safety walk themselves.",
     "monthly check-in"),
    # the candidate's own label for what mattered
    ("I moved two pickers onto the chilled aisle at six. The chiller thing was what saved the morning.", "chiller"),
])
def test_the_stressed_english_thing_comes_first(answer: str, stressed: str) -> None:
    assert stressed in most_salient(answer, "en", 1)[0], most_salient(answer, "en")


@pytest.mark.parametrize("answer", [
    "I don't always see what happens to my dashboards after handover, so I set up a review with the ops leads.",
    "Staff kept leaving every few weeks, so I sat down with each of them and rewrote the shift pattern.",
    "There's a lot I could say, but mostly I found the stock counts were off because nobody scanned returns.",
    "That's the aisle where most delays happen, so I moved the cut-off for chilled orders to noon.",
])
def test_an_english_follow_up_names_no_verb_adjective_or_contraction(answer: str) -> None:
    named = most_salient(answer, "en")
    words = {w.lower() for phrase in named for w in phrase.split()}
    assert not words & {"see", "happens", "happen", "leaving", "few", "there's", "mostly", "could"}, named


def test_a_thing_named_once_is_not_named_again_inside_another() -> None:
    answer = ("We were three pallets short on the manifest. I recounted the pallets with the driver and found "
              "them behind the dock door.")
    named = [p.lower() for p in most_salient(answer, "en")]
    assert not any(a != b and a in b for a in named for b in named), named


def test_a_time_span_and_a_number_alone_are_never_named() -> None:
    named = most_salient("We left twelve minutes late, but the thirty-five crates all reached the store.", "en")
    assert named and not any("minutes" in p or p == "thirty-five" for p in named), named


def test_an_english_acknowledgement_names_no_junk() -> None:
    history = (Message("assistant", "Please introduce yourself."), Message("user", "I run a night shift."),
               Message("assistant", "Tell me about a time you fixed a recurring problem on your shift."))
    answer = ("Honestly it happens a lot, but one was the scanners. Sorry, so the batteries kept dying, and I "
              "found the chargers were on a timer. I moved them to a wall socket and the dropouts stopped.")
    decision = decide(ChatTurn(answer, history, EN))
    assert decision.move is Move.FOLLOW_UP
    assert not any(junk in decision.text for junk in ("the happens", "the Sorry", "the sorry", "the so "))


def test_one_is_question_reads_spoken_korean_requests_for_every_caller() -> None:
    assert importlib.util.find_spec("interview.asking") is None  # merged into llm.prompts.is_question
    assert is_question("그런 경험 있으면 짧게 말해 보세요.") and is_question("팀에서 맡았던 역할, 있으면 간단히요.")
    assert not is_question("네, 잘 들었습니다.")
    history = (Message("assistant", "자기소개 해 보세요."), Message("user", "네."),
               Message("assistant", "좋습니다. 다음으로 넘어가죠."))
    assert count_questions(history) == 1


def test_the_lexicon_is_read_without_unpickling_anything() -> None:
    """lemminflect also ships pickled models (for words it does not know); only its CSV lexicon may be read."""
    code = ("import pickle, sys\n"
            "def refuse(*a, **k):\n    raise RuntimeError('pickle')\n"
            "pickle.load = pickle.loads = refuse\n"
            "from interview.english_lexicon import parts_of_speech\n"
            "assert 'NOUN' in parts_of_speech('briefing') and not parts_of_speech('childminder')\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
