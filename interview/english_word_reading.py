"""How each word of an English answer sentence is read before phrases are cut (interview/salience_en.py): which
noun-or-verb words are verbs where they stand ("kept creeping", "his audience converts really well", "found the
fridge running at …"), which words are adverbs inside a run ("straight away"), and whose clause a word is in (the
candidate's own "I called …" or someone else's "because the registrar wanted …")."""
from __future__ import annotations

import re

import lemminflect

from collections.abc import Callable

from interview.english_lexicon import bare_verb, may_be_noun, parts_of_speech, plural_noun
from interview.english_word_classes import (
    EN_ADJECTIVES, EN_AFTER_VERB_ING, EN_ARTICLES, EN_BASE_VERBS, EN_BEFORE_BASE_VERB, EN_BEFORE_VERB_ING,
    EN_FIRST_PERSON, EN_INTRODUCING, EN_LY_WORDS, EN_NUMBER_WORDS, EN_SKIP_BEFORE, EN_STOP, EN_SUBJECTS,
)

VERB_MARK = "doing"  # a word read as a verb where it stands
ADVERB_MARK = "really"  # a word read as an adverb where it stands ("straight" in "straight away"): no content
# Verbs whose object may be followed by what it was doing ("found the fridge running at 11 degrees", "caught him
# leaving"): the -ing word is that participle, not a compound's head.
_PERCEIVING = frozenset({"find", "see", "catch", "notice", "spot", "hear", "watch", "leave", "keep", "discover"})
_ASPECT = frozenset({"end", "give", "keep", "carry", "go", "wind"})  # "end up", "keep on" + an -ing word
# Words that open a clause of their own, with its own subject ("because the registrar wanted to wait …").
_SUBORDINATORS = frozenset({"because", "when", "while", "although", "though", "until", "unless", "whereas", "if",
                            "since", "after", "before", "once"})
# Prepositions the lexicon knows only as adverbs ("in", "on"): they open a phrase of their own, no adverb ends one.
PREPOSITIONS = frozenset("in on at over off out up down about around through across along by as under inside "
                          "outside behind near past into onto within beyond beside between beneath above below "
                          "against towards toward with for from to of".split())
_LIGHT = frozenset({"have", "be", "do", "get", "go", "see", "say"})  # verbs that name no doing of their own
_QUANTIFIERS = frozenset("no any some more fewer less few many several".split())
_OBJECT_PRONOUNS = frozenset({"it", "them", "him", "her", "us", "me"})  # not "that": "accounts that …"
# Verbs that take a person and a bare verb ("let him hold the mirror", "had them sign"): that verb is a doing.
_CAUSATIVE = frozenset({"let", "lets", "make", "makes", "made", "help", "helps", "helped", "have", "had"})


def read_words(words: list[re.Match], lows: list[str], content: Callable[[str], bool]) -> list[str]:
    """The lower-cased words, each one read as a verb where it stands replaced by VERB_MARK and each one read as
    an adverb by ADVERB_MARK (`content`: a word that may be part of a noun phrase)."""
    return [VERB_MARK if _verb_here(words, lows, k, content) else ADVERB_MARK if _adverbial(lows, k) else w
            for k, w in enumerate(lows)]


def _verb_here(words: list[re.Match], lows: list[str], k: int, content: Callable[[str], bool]) -> bool:
    w, before, after = lows[k], lows[k - 1] if k else "", lows[k + 1] if k + 1 < len(lows) else ""
    if k and words[k].group(0)[:1].isupper() and bare_verb(w):
        return False  # "in Google Sheets": a name, never a verb
    kinds = parts_of_speech(w)
    return bool(w.endswith("ing") and (before in EN_BEFORE_VERB_ING or after in EN_AFTER_VERB_ING and "VERB" in kinds)
            or w in EN_BASE_VERBS and (k == 0 or before in EN_BEFORE_BASE_VERB)
            or before == "to" and after in EN_ARTICLES
            or w.endswith("ing") and k and content(before) and _describes(after) and "VERB" in kinds
            or k and _after_subject(before) and "VERB" in kinds
            or k > 1 and before in _OBJECT_PRONOUNS and lows[k - 2] in _CAUSATIVE and "VERB" in kinds
            or bare_verb(w) and not (k and (before in EN_SKIP_BEFORE or content(before) and not plural_noun(before)))
            or w.endswith("ing") and _aspect_particle(lows, k) or _participle_of_object(lows, k, content)
            or _present_after_noun(words, lows, k, content))


def _aspect_particle(lows: list[str], k: int) -> bool:
    """"ended up earning", "kept on asking", "gave up chasing": an -ing word after a phrasal verb of aspect."""
    if k < 2 or lows[k - 1] not in ("up", "on"):
        return False
    return any(lemma in _ASPECT for lemma in lemminflect.getAllLemmas(lows[k - 2]).get("VERB", ()))


def _participle_of_object(lows: list[str], k: int, content: Callable[[str], bool]) -> bool:
    """"found the walk-in fridge running at …": an -ing word after the object of a verb of perceiving or keeping,
    followed by no noun, says what that object was doing."""
    w = lows[k]
    if not (w.endswith("ing") and "VERB" in parts_of_speech(w) and k + 1 < len(lows)) or _noun_next(lows, k, content):
        return False
    start = k - 1
    while start >= 0 and (content(lows[start]) or lows[start] in EN_ARTICLES):
        start -= 1
    verb = lows[start] if 0 <= start < k - 1 else ""
    lemmas = lemminflect.getAllLemmas(verb).get("VERB", ()) if verb else ()
    return any(lemma in _PERCEIVING for lemma in lemmas)


def _present_after_noun(words: list[re.Match], lows: list[str], k: int, content: Callable[[str], bool]) -> bool:
    """"his audience converts really well", "the lead runs the rota": a verb's third-person form right after a
    singular noun and right before an adverb, an article or an object pronoun is that noun's verb, not a compound's
    head."""
    w = lows[k]
    if not (k and w.endswith("s") and "VERB" in parts_of_speech(w) and k + 1 < len(lows)) \
            or not content(lows[k - 1]) or plural_noun(lows[k - 1]) or k > 1 and (
                lows[k - 2] in _QUANTIFIERS or lows[k - 2] in EN_NUMBER_WORDS or lows[k - 2].isdigit()):
        return False  # "no penalty disputes the following year", "fifty fast-moving parts": a count opens a noun phrase
    if any(words[m].string[words[m].end():words[m + 1].start()].strip() for m in (k - 1, k)):
        return False  # "the hold points, I learnt": a pause ends the phrase, it makes no verb
    if not any(w in (lemminflect.getInflection(lemma, "VBZ") or ()) for lemma in
               lemminflect.getAllLemmas(w).get("VERB", ())):
        return False
    after = lows[k + 1]
    return after in EN_ARTICLES or after in _OBJECT_PRONOUNS or _adverb(after)


def _noun_next(lows: list[str], k: int, content: Callable[[str], bool]) -> bool:
    after = lows[k + 1] if k + 1 < len(lows) else ""
    return bool(after) and content(after) and "NOUN" in parts_of_speech(after)


def _adverb(word: str) -> bool:
    """An adverb by its shape ("really", not "monthly") or by the lexicon ("away", "aloud"; not "to", "in")."""
    kinds = parts_of_speech(word)
    return word.endswith("ly") and len(word) > 4 and word not in EN_LY_WORDS or word not in EN_STOP \
        and word not in PREPOSITIONS and "ADV" in kinds and not kinds & {"NOUN", "VERB"}


def _adverbial(lows: list[str], k: int) -> bool:
    """A word that can be an adverb before one that can only be, ending the phrase ("straight away, and", "right
    back"; not "set up underwater cameras"): an adverb phrase, never part of the noun phrase before it; also a
    word that joins what follows ("a lower fee plus a bonus")."""
    if lows[k] in EN_STOP:
        return False
    after, last = (lows[k + 1:k + 3] + ["", ""])[:2]
    ends = not (last and last not in EN_STOP and "NOUN" in parts_of_speech(last))
    # a word that can describe as well ("straight", "right"), not a preposition ("in on a Saturday")
    return parts_of_speech(lows[k]) >= {"ADV", "ADJ"} and bool(after) and _adverb(after) and ends \
        or joins_next(lows, k)


def introduces(verb: str) -> bool:
    """A verb (as said) of bringing something new in: "added", "set (up)", "introduced", "built", "wrote"."""
    return any(lemma in EN_INTRODUCING for lemma in lemminflect.getAllLemmas(verb).get("VERB", ())) if verb else False


def doing_of(verb: str) -> str:
    """The -ing form of a verb as said ("read" → "reading", "added" → "adding"), "" when the lexicon has none or
    the verb only has or gets ("we've had one injury since then" names the injury, not "having")."""
    lemmas = lemminflect.getAllLemmas(verb).get("VERB", ())
    forms = lemminflect.getInflection(lemmas[0], "VBG") if lemmas and lemmas[0] not in _LIGHT else ()
    return forms[0] if forms else ""


def gerund_phrase(phrase: str) -> bool:
    """A phrase that names a doing, said without an article: its -ing word is one the lexicon knows only as a
    verb ("looking", "frosting") or is followed by no noun ("sitting sideways on the floor", "reading back every
    order"; not "the meeting", "the billing system")."""
    words = phrase.lower().split()
    if words[0] in _OBJECT_PRONOUNS and words[1:2] and words[1].endswith("ing"):
        return True  # "him being diabetic", "them backfilling from memory": what someone was or did
    if not words or not words[0].endswith("ing"):
        return False
    if len(words) == 1:
        return parts_of_speech(words[0]) == {"VERB"}
    after = words[1]
    return "VERB" in parts_of_speech(words[0]) and (after in PREPOSITIONS or after in EN_ARTICLES or after in
                                                    EN_SKIP_BEFORE or after == "back" or not may_be_noun(after))


def joins_next(lows: list[str], k: int) -> bool:
    """A word that can describe but not act, right before an article ("a lower fee plus a bonus"): it joins what
    follows and never ends a noun phrase (a noun before an article stays: "gave the customer a refund")."""
    kinds = parts_of_speech(lows[k])
    return k + 1 < len(lows) and lows[k + 1] in EN_ARTICLES and "ADJ" in kinds and kinds <= {"ADJ", "NOUN"}


def modifier(word: str) -> bool:
    """A function word or a plain adjective that can describe a noun ("a little leaflet", "the main rota", "a huge
    bill"): after an article it is skipped when the role of a phrase is read from the word before it."""
    kinds = parts_of_speech(word)
    return (word in EN_STOP or word in EN_ADJECTIVES) and "ADJ" in kinds and "VERB" not in kinds


def subordinate(lows: list[str], k: int) -> bool:
    """Word `k` stands in a subordinate clause ("… before I seal the tray"; "after that" opens none)."""
    return any(lows[m] in _SUBORDINATORS and lows[m + 1:m + 2] not in (["that"], ["then"], ["this"]) for m in range(k))


def own_clause(lows: list[str], k: int) -> bool:
    """The candidate is the subject of the clause word `k` stands in: "I" or "we" since the clause began (a
    subordinator opens one: "because the registrar wanted to wait for …" is someone else's doing)."""
    start = max((m + 1 for m in range(k) if lows[m] in _SUBORDINATORS), default=0)
    return any(w in EN_FIRST_PERSON for w in lows[start:k])


def _describes(word: str) -> bool:
    """A word that can only describe ("empty", "idle", "late"; not "manual"): after a thing and an -ing word, it
    makes that word the verb of a clause ("a flat sitting empty", "a forklift standing idle")."""
    kinds = parts_of_speech(word)
    return word in EN_ADJECTIVES or "ADJ" in kinds and "NOUN" not in kinds


def _after_subject(word: str) -> bool:
    """A word after which a noun-or-verb word is read as the verb: a subject pronoun, a modal, an "-ly" adverb."""
    return word in EN_SUBJECTS or word.endswith("ly") and len(word) > 4 and word not in EN_LY_WORDS
