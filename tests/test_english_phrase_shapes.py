"""What an English follow-up names and how the acknowledgement reads, on wordings of our own: a phrase is a
well-formed noun phrase (a number kept whole, no adverb, verb or joining word at its edge, no figure's adjective
alone), and the detail named is what the candidate stressed (the object of their own action in their own clause,
the object inside a pseudo-cleft's that-clause); a phrase cut out of a longer expression ("row" by row, "Isle" of
Man, an owner without what it owns) is not named."""
from __future__ import annotations

import pytest

from interview.english_word_reading import gerund_phrase
from interview.phrases import cut_short
from interview.salience import most_salient
from interview.salience_en import en_phrases
from interview.salience_scores import OBJECT, OWN_ACTION_BONUS
from interview.scripted import ScriptedInterviewer
from llm.base import ChatTurn, InterviewContext, Message

EN = InterviewContext(company_name="Acme", job_name="Operations", total_questions=4, language="en")


def _phrases(sentence: str) -> list[str]:
    return [p.text for p in en_phrases(sentence, 1)]


def _reply(question: str, answer: str) -> str:
    turn = ChatTurn(answer, (Message("assistant", question),), EN)
    return ScriptedInterviewer().reply(turn)


@pytest.mark.parametrize(("sentence", "whole", "stray"), [
    # a number with thousands separators is one word
    ("We shipped 25,000 parcels to the regional depot.", "25,000 parcels", "000"),
    # an adverb before "away" is no part of the phrase
    ("I rang the duty manager straight away and logged the fault.", "duty manager", "straight"),
    # a verb after a singular noun ends the phrase
    ("We kept the price because our churn rate drops sharply in winter.", "churn rate", "drops"),
    # a joining word before an article ends no phrase
    ("They offered a fixed retainer plus a usage bonus for the quarter.", "fixed retainer", "plus"),
    # what a perceived thing was doing is no part of it
    ("On my first round I noticed the backup generator idling at half load.", "backup generator", "idling"),
    # an adjective before its preposition says how someone was; "own" after a possessive names nothing
    ("By June I was comfortable in Spanish on the phone.", "Spanish on the phone", "comfortable"),
    ("We trusted our own scanner data over the vendor report.", "scanner data", "own"),
])
def test_a_phrase_is_well_formed(sentence: str, whole: str, stray: str) -> None:
    phrases = _phrases(sentence)
    assert whole in phrases
    assert not any(stray in p.split() or p.startswith(stray) for p in phrases)


def test_a_describing_gerund_takes_the_noun_after_it() -> None:
    assert "four drilling days" in _phrases("We lost four drilling days to the storm.")


def test_a_figure_and_its_adjective_name_nothing() -> None:
    phrases = _phrases("The agency quoted a flat $2,500 for the audit.")
    assert not any(p.split()[0] == "flat" for p in phrases)
    assert "audit" in phrases


def test_someone_elses_clause_is_not_the_candidates_action() -> None:
    top = most_salient("I paged the on-call surgeon myself, because the charge nurse wanted to wait for scans.", "en")
    assert top[0] == "on-call surgeon"
    assert "scans" not in top[:2]


def test_a_pseudo_cleft_that_clause_stresses_its_object_not_its_subject() -> None:
    answer = ("The site had passed its last audit. What really worried me was that the contractor had disabled "
              "the smoke detectors in the plant room.")
    assert most_salient(answer, "en")[0].startswith("smoke detectors")
    answer = "The storm hit on day two. What rescued the launch was that we'd built a fallback queue beforehand."
    assert most_salient(answer, "en")[0] == "fallback queue"


def test_an_adjective_after_an_article_leaves_the_candidates_verb_its_object() -> None:
    scores = {p.text: p.score for p in en_phrases("So I wrote a little checklist for agency nurses.", 1)}
    # the object of the candidate's own verb (not a person: the nurses only say whom it was for)
    assert scores["checklist for agency nurses"] >= OBJECT + OWN_ACTION_BONUS


def test_the_acknowledgement_names_well_formed_phrases() -> None:
    reply = _reply("Tell me about a time you had to act fast on the floor.",
                   "Our line stopped twice on a Friday. I called the maintenance lead straight away, and we found "
                   "the conveyor belt slipping under load. We fitted a new tensioner plus a weekly check.")
    acknowledgement = reply.split(". ")[0]  # what follows says the candidate's act back in their own words
    assert "straight" not in acknowledgement and "slipping" not in acknowledgement and "plus" not in acknowledgement
    assert "You said you called the maintenance lead straight away." in reply


@pytest.mark.parametrize(("answer", "first"), [
    # what the candidate brought in outranks where it went and how the problem was found
    ("A webhook retry double-posted some refunds. I found it through the nightly diff report, and I added a dedupe "
     "table to the payments service so nothing posted twice.", "dedupe table"),
    ("Our payroll export kept dropping rows. I traced it through the audit trail, and I wrote a checksum step into "
     "the export job so a short file never went out.", "checksum step"),
    # the change that stayed (the story's coda) is named as the doing it is
    ("A courier lost two parcels of lab samples in March. I rang the depot and we tracked one down. Since then we "
     "have added a photo check at dispatch.", "adding a photo check"),
    ("I mislabelled a batch of vials once and nobody caught it until the audit. Now I scan every label twice "
     "before I seal the tray.", "scanning every label"),
])
def test_the_detail_named_first(answer: str, first: str) -> None:
    assert most_salient(answer, "en")[0] == first


def test_an_idiom_of_where_names_nothing() -> None:
    scores = {p.text: p.score for p in en_phrases("The brochure had gone to print with the old address.", 1)}
    assert scores.get("print", 0.0) <= OBJECT
    assert "old address" in scores


def test_a_doing_is_named_without_an_article() -> None:
    assert gerund_phrase("scanning every label") and gerund_phrase("kneeling beside the bed")
    assert not gerund_phrase("billing system") and not gerund_phrase("meeting")
    reply = _reply("Tell me about a mistake you learned from.",
                   "I mislabelled a batch of vials once and nobody caught it until the audit. Now I scan every "
                   "label twice before I seal the tray.")
    assert "scanning every label" in reply and "the scanning" not in reply


def test_a_count_or_a_quantifier_keeps_a_plural_noun_a_noun() -> None:
    phrases = _phrases("We moved the forty slowest-selling lines next to the returns bay.")
    assert any(p.endswith("lines") for p in phrases)
    assert "penalty claims" in _phrases("We had no penalty claims the following quarter.")


def test_the_acknowledgement_names_no_thing_twice() -> None:
    reply = _reply("Tell me about a result you are proud of.",
                   "I ran a small bakery stall and the orders were really flat. I noticed all our menu cards were "
                   "from spring, so in autumn nobody stopped. I got my cousin to redo the menu cards with the autumn "
                   "bakes, pumpkin and all. Autumn orders went up about 30% that month. Honestly the menu cards "
                   "were everything.")
    acknowledgement = reply.split(". You mentioned")[0]
    assert "30%" in reply and acknowledgement.count("menu cards") == 1


def test_a_part_of_a_thing_and_a_described_thing_keep_their_verb() -> None:
    # "got most of the fee refunded": the verb's object is what the part is of; "a huge invoice": what was got
    for sentence, phrase in (("So I got most of the storage fee refunded.", "storage fee"),
                             ("A client got a huge overage invoice in May.", "overage invoice")):
        scores = {p.text: p.score for p in en_phrases(sentence, 1)}
        assert scores[phrase] >= OBJECT


@pytest.mark.parametrize(("phrase", "cut"), [
    ("the evacuation row", True),  # "row by row"
    ("Isle", True),  # "the Isle of Man"
    ("a headline exhibitor's", True),  # the owner without what it owns
    ("the ones", True),  # a stand-in for a noun said before
    ("the evacuation route", False),
    ("the repeat", False),  # "the repeat of the test": "of" and a common noun after it is a phrase of its own
])
def test_a_phrase_cut_out_of_a_longer_expression_is_not_named(phrase: str, cut: bool) -> None:
    said = ("We did the evacuation row by row along the evacuation route. I worked the ferries to the Isle of Man. "
            "The roof couldn't take a headline exhibitor's sign. The walkers are the ones who fall. We ran the repeat "
            "of the test.")
    assert cut_short(phrase, said) is cut


def test_the_acknowledgement_names_no_phrase_cut_short() -> None:
    reply = _reply("Tell me about an emergency you handled.",
                   "The fire alarm went off in the second act. I held the ushers at their doors and had them clear "
                   "the stalls row by row, and I took the wheelchair users out the side door myself.")
    assert "stalls row" not in reply and "the row" not in reply
