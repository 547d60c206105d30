"""Which detail an English follow-up names (interview/salience_en*.py): the thing a quantity counts ("two years of
warranty claims"), the candidate's decisive move ("I ended up …", "Everyone blamed …, but I …"), what they met
when they looked and what they looked by, a thing named again by its head, a state ("running hot") and what
another person disclosed of themselves. Every wording here is new (in no situations file)."""
from __future__ import annotations

import pytest

from interview.english_word_reading import gerund_phrase
from interview.salience import most_salient, salient_phrases


@pytest.mark.parametrize(("answer", "named", "places"), [
    # the verb acts on what a quantity counts, and the candidate's last move is what resolved it
    ("The warehouse kept shipping the wrong colour of paint. Nobody could say why, and the supervisors blamed the "
     "pickers. I ended up pulling two years of warranty claims to compare the batches.", "warranty claims", 1),
    # the move the candidate set against what everyone else did
    ("The returns desk was swamped because of a broken label printer. Everyone blamed the courier, but I checked "
     "the scanner records for the week.", "scanner records", 1),
    # what the candidate grouped or sorted by, when that is how they found it
    ("We had a run of noise complaints in the spring and the council wanted a report. When I sorted the complaints "
     "by postcode, most of them came from two streets near the ring road.", "postcode", 2),
    # a state after "was", stressed by ", which was the scariest"
    ("Our bakery oven line had a faulty thermostat in the summer rush. The line was running hot, which was the "
     "scariest bit, and two trays of rolls burnt before I shut it down.", "running hot", 1),
    # a state of trouble said with a word of lateness
    ("The caterer cancelled on the morning of the gala. By six we were running late, which was the worst, so I "
     "called a pizza place next door.", "running late", 1),
])
def test_the_stressed_detail_is_named(answer: str, named: str, places: int) -> None:
    """`named` is among the first `places` things named."""
    assert named in most_salient(answer, "en", 2)[:places]


def test_a_thing_named_again_by_its_head_is_named_in_full() -> None:
    answer = ("She was booked in for a knee operation in March. She could hardly climb the stairs at the clinic. "
              "We worked on step-ups twice a week, and in June her surgeon cancelled the operation.")
    named = most_salient(answer, "en", 2)
    assert named[0].startswith("knee operation") and "operation" not in named


def test_what_someone_turned_out_to_be_doing_is_named_with_who() -> None:
    answer = ("At the cinema the bar takings were down every Sunday. When I went through the till rolls, the totals "
              "looked normal, but they were voiding sales after the last screening.")
    named = most_salient(answer, "en", 3)
    assert "them voiding sales" in named
    assert gerund_phrase("them voiding sales")  # named without an article: "what you said about them voiding sales"


def test_a_condition_someone_disclosed_is_named_as_theirs() -> None:
    answer = ("A passenger on the early ferry looked very pale. She told me she was pregnant and felt faint. "
              "I found her a seat by the window and brought her some water.")
    assert "her being pregnant" in most_salient(answer, "en", 3)


def test_someone_else_finding_out_is_no_finding() -> None:
    """The trouble's trigger ("the tenant found out …") does not outrank what the candidate did about it."""
    answer = ("The tenant found out his room had been let to someone else. He was shouting at the front desk. "
              "I phoned our partner building and arranged a studio there for the week.")
    named = most_salient(answer, "en", 2)
    assert "partner building" in named and named[0] != "room"


@pytest.mark.parametrize("answer", [
    # a comma between the verb and "like" is a pause, no state
    "The pump was leaking, like, dripping through the seal, so I isolated it and called maintenance.",
    # a verb of becoming with an adjective says how things went
    "The queue was getting worse, so I opened a second till and moved the returns desk.",
])
def test_no_state_is_made_of_a_pause_or_a_verb_of_becoming(answer: str) -> None:
    named = most_salient(answer, "en", 3)
    assert not any(t.startswith(("leaking like", "leaking, like", "getting worse")) for t in named)


def test_a_concession_is_no_contrast_with_everyone_else() -> None:
    """"Everyone wanted …, but I closed X" sets the candidate's move against the others'; "Nobody got hurt, but I
    closed X" concedes an outcome and stresses nothing more."""
    def score(answer: str) -> float:
        return next(p.score for p in salient_phrases(answer, "en") if p.text == "grill station")
    contrast = score("A pan caught fire during service. Everyone wanted to keep cooking, but I closed the grill "
                     "station for the evening.")
    concession = score("A pan caught fire during service. Nobody got hurt, but I closed the grill station for the "
                       "evening.")
    assert contrast > concession
