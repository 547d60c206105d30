"""The candidate's own act in an English answer (interview/own_act.py says it back): a clause whose doer is "I",
or the verb of a series "I" began, acting on something; said back in the second person ("you split the Spanish
across two linguists"). Of several, the one the candidate stressed (a remark such as "the trick I always use", a
cleft "what actually worked was …" or "so what I did, I …", a foil "I didn't just …, I …", the candidate starting
again to tell it: "I, um, I unpicked the whole thing") is said back with the act told in the clause right after it;
else the first done with their own hands ("myself"); else the last, with the act told in the clause right before it
("put the camera down the line and showed her the screen"). Two acts are said together only when they fit in one
saying. An act on "it" goes with the act before it ("put the cones out and taped it off"), and so does a second verb
of a request ("asked him to be my helper and turn the pages")."""
from __future__ import annotations

import re

from interview.cues import OWN_FAMILY
from interview.english_lexicon import parts_of_speech, past_verb, simple_past
from interview.english_word_classes import EN_VERB_FORMS
from interview.english_word_reading import PREPOSITIONS

MAX_EN_WORDS = 14
# The act done with the candidate's own hands: said back unless another was stressed.
_EN_OWN_HAND = re.compile(r"\b(myself|directly|personally|on my own|in person)\b", re.IGNORECASE)
# A remark on the act that follows it: it marks that act as the one the candidate stressed.
_EN_STRESS = re.compile(r"\b(the (trick|key|main thing|thing that worked)|most important)\b", re.IGNORECASE)
# A cleft that announces the act as the point: "what actually worked was …", "what I did was …", "the big thing was …".
_CLEFT_OPEN = r"^\s*(?:and\s+|but\s+|so\s+)?"
_CLEFT_WHAT = (r"what (?:I did|(?:actually |really )?(?:worked|helped|changed (?:it|things)|made the difference|fixed it|"
               r"did it))")
_EN_CLEFT = re.compile(rf"{_CLEFT_OPEN}(?:{_CLEFT_WHAT} (?:was|is)|(?:the|my) (?:big|main) thing (?:was|is))\s+",
                       re.IGNORECASE)
# The head of a cleft told without its "was", the act following after a comma ("So what I did, I pulled …").
_EN_CLEFT_HEAD = re.compile(rf"{_CLEFT_OPEN}{_CLEFT_WHAT}\s*$", re.IGNORECASE)
# The act set against what others did or the default ("I didn't just comp stuff, I went and stood at the pass").
_EN_CONTRAST = re.compile(r"\b(didn't just|did not just|not just|rather than|instead of|most people would|everyone "
                          r"(else )?was|everybody (else )?was)\b", re.IGNORECASE)
_EN_CLAUSE_BREAK = re.compile(r",\s*(?:and\s+|then\s+|so\s+)?|\s+and\s+(?:then\s+)?|;\s*|\s+then\s+")
_EN_HESITATION = re.compile(r",?\s*\b(?:um|uh|erm|er|em)\b,?(?=\s)|,\s*(?:you know|like),(?=\s)", re.IGNORECASE)
_EN_CUT = re.compile(r",|\s+(?:so|because|which|since|but|while|when|until|before|after|as|instead)\s|:", re.IGNORECASE)
_EN_RESTART = re.compile(r"\bI,?\s+(?=I\b)")
_EN_FILLERS = re.compile(r"^(?:(?:um|uh|er|so|and|but|then|also|just|basically|actually|well|right|yeah|finally|"
                         r"kind of|sort of|eventually|in the end),?\s+)+", re.IGNORECASE)
# Verbs that report a state, a thought or a perception, or only lead to another verb: no act of their own.
_EN_NOT_ACTS = frozenset("""was were had went came felt thought knew remembered realised realized noticed saw
heard found wondered wanted liked loved hated needed tried said apologised apologized spent
""".split())
# Verbs that act only on what follows them ("got the crew to pre-rig", "started a goodbye ritual", "did the fire watch
# myself"), not before "to", an -ing word, a state or a negation ("started to", "kept checking", "got worse", "did not").
_EN_LEADING_VERBS = frozenset({"got", "started", "began", "kept", "did"})
_EN_DETERMINERS = frozenset("the a an my our his her their them him us everyone everybody this that these those "
                            "each every one two three some".split())
_EN_SWAPS = {"i": "you", "me": "you", "my": "your", "myself": "yourself", "mine": "yours", "i'd": "you'd",
             "i've": "you've", "i'm": "you're", "we": "your team", "us": "your team", "our": "your"}
# An act on "it" or "that" goes on from the act before it, which names the thing ("made a chart … and taped it up").
_EN_BACK_REFERENCES = frozenset({"it", "this", "that"})
_EN_PRONOUNS = frozenset("it them this that these those him her us me something everything".split())
_EN_TRAILING = frozenset("and or but so then".split())
# What "did" does without naming a deed ("did my best", "did my job", "did a lot"): no act to say back.
_EN_VAGUE_DEEDS = frozenset("best job bit part lot thing things everything anything".split())
# Words that open a clause of circumstance, never a second verb ("…refused to lift, even though he was swearing").
_EN_SUBORDINATORS = frozenset("even though although while because if unless when since as".split())
_EN_BOSSES = frozenset("sup supervisor manager boss lead".split())
_EN_PERSON_ONLY = frozenset("him her them us someone everyone anyone".split())


def en_said_back(sentences: tuple[str, ...]) -> str | None:
    """The candidate's decisive act in an English answer, in the second person ("you made them share one
    glossary"), or None."""
    acts: list[str] = []
    follows_act: list[bool] = []  # the act came in the clause right after another act
    stressed: int | None = None
    own_hand: int | None = None
    for sentence in sentences:
        kept = False  # the clause before kept an act
        doer = False  # an "I" began this series of verbs
        remark_before = False  # "…, the trick I always use, asked them to …": the remark stresses the next act
        spoken = _EN_HESITATION.sub(" ", sentence.strip().rstrip(".!?"))  # "around, um, fuel economy"
        # "I, er, I put the cones out": the candidate gathers themselves for what they did, and it is the point
        remark_before = bool(_EN_RESTART.search(spoken))
        spoken = _EN_RESTART.sub("", spoken)
        aside = False  # the candidate's family came up before this clause: what follows is private life
        series_start = len(acts)  # the acts of this sentence begin here
        for clause in _EN_CLAUSE_BREAK.split(spoken):
            kept_before, kept = kept, False
            aside = aside or bool(OWN_FAMILY["en"].search(clause))  # "my kid's match was at three, so I watched …"
            if aside:
                continue
            if _EN_CLEFT_HEAD.match(clause):  # "So what I did, I pulled two of my drivers …": the act comes next
                remark_before = True
                continue
            cleft = _EN_CLEFT.match(clause)
            if cleft:  # "what actually worked was I let him count", "what I did was get the engineer on a call"
                clause, remark_before = _as_told(clause[cleft.end():]), True
            act, doer_next, goes_on = _en_act(clause, doer)
            if act is None and kept_before and _goes_on_the_infinitive(acts[-1], clause):
                acts[-1], kept = f"{acts[-1]} and {_second_person(clause.split())}", True  # "…to be my helper and
                continue  # turn the pages for me": one request
            if act is None and (_EN_STRESS.search(clause) or _EN_CONTRAST.search(clause)):
                remark_before = True  # an aside that stresses what comes next keeps the series going
                doer = doer or clause.lower().lstrip().startswith("i ")  # "I didn't just comp stuff, I went …"
                continue
            doer = doer_next
            if act and goes_on:  # "put the cones out and taped it off": the act on "it" goes on from the one before
                if len(acts) == series_start or len(acts[-1].split()) + len(act.split()) > MAX_EN_WORDS + 2:
                    continue
                acts[-1], kept = f"{acts[-1]} and {act.removeprefix('you ')}", True
            elif act:
                acts.append(act)
                follows_act.append(kept_before)
                kept = True
                stressed = len(acts) - 1 if remark_before and stressed is None else stressed
                own_hand = len(acts) - 1 if own_hand is None and _EN_OWN_HAND.search(clause) else own_hand
                remark_before = False
    if not acts:
        return None
    if stressed is not None:  # with the act told right after it in the same breath ("held the ushers … and had them")
        together = stressed + 1 < len(acts) and follows_act[stressed + 1]
        return _joined(acts[stressed], acts[stressed + 1]) or acts[stressed] if together else acts[stressed]
    if own_hand is not None:
        return acts[own_hand]
    # the last act goes with the one told right before it in the same breath ("put the camera down the line and
    # showed her the screen")
    return _joined(acts[-2], acts[-1]) or acts[-1] if follows_act[-1] else acts[-1]


def _joined(first: str, second: str) -> str | None:
    """Two acts told in one breath as one saying ("you put the camera down the line and showed her the screen"), or
    None when together they are too long to say back or the candidate said the same thing twice."""
    joined = f"{first} and {second.removeprefix('you ')}"
    return joined if first != second and len(joined.split()) <= MAX_EN_WORDS + 2 else None


def _en_act(clause: str, doer: bool) -> tuple[str | None, bool, bool]:
    """The act of one clause in the interviewer's words ("you split the Spanish across two linguists"), whether
    the candidate is still the doer for the next clause, and whether the act is done to "it" or "that" (it goes on
    from the act before it)."""
    words = _EN_FILLERS.sub("", clause.strip()).split()
    first = words[0].lower().strip(",") if words else ""
    if first == "i":
        doer = True
        words = _EN_FILLERS.sub("", " ".join(words[1:])).split()
        words = words[1:] if words and words[0].lower().endswith("ly") and not _past(words[0].lower()) else words
    elif not first or not doer or not _past(first):
        return None, False, False  # another subject, or no verb: the series "I" began has ended
    verb = words[0].lower().strip(",") if words else ""
    if len(words) < 2 or not _past(verb) or verb in _EN_NOT_ACTS or \
            verb in _EN_LEADING_VERBS and words[1].lower() not in _EN_DETERMINERS or \
            verb == "did" and any(w.lower().strip(",") in _EN_VAGUE_DEEDS for w in words[2:4]) or \
            verb == "used" and words[1].lower() == "to":  # "I used to …": a habit, not an act
        return None, doer, False
    rest = _EN_CUT.split(" ".join(words[1:]), maxsplit=1)[0].split()
    told = next((k for k in range(1, len(rest)) if rest[k].lower() == "that" and rest[k - 1].lower() in _EN_PERSON_ONLY),
                None)
    rest = rest[:told] if told else rest  # "showed him that …": what was shown is a clause of its own
    while rest and rest[-1].lower() in _EN_TRAILING:
        rest.pop()
    if not _names_something(rest) or len(rest) + 1 > MAX_EN_WORDS:
        return None, doer, False
    return "you " + _second_person([words[0], *rest]), doer, rest[0].lower() in _EN_BACK_REFERENCES


def _second_person(words: list[str]) -> str:
    """The candidate's words as the interviewer says them back: "my" → "your", "I" → "you"."""
    return " ".join(_EN_SWAPS.get(w.lower(), w) for w in words)


def _goes_on_the_infinitive(act: str, clause: str) -> bool:
    """The clause is a second verb of the infinitive the act ends on ("asked him to be my helper" + "turn the pages
    for me"): a base-form verb with something to act on, short enough to say back with it, not a clause of
    circumstance ("even though he was swearing")."""
    words = clause.split()
    first = words[0].lower() if words else ""
    return " to " in act and len(words) > 1 and "VERB" in parts_of_speech(first) and not _past(first) and (
        first not in _EN_SUBORDINATORS) and len(act.split()) + len(words) <= MAX_EN_WORDS + 2


def _as_told(rest: str) -> str:
    """What a cleft announces, told as the candidate's act: "get the engineer on a call" → "I got the engineer …"."""
    words = rest.split()
    if not words or words[0].lower() == "i":
        return rest
    return " ".join(["I", simple_past(words[0]) or words[0], *words[1:]])


def _names_something(rest: list[str]) -> bool:
    """What the verb acts on holds a word of content, and more than a person ("them", "my sup")."""
    low = [w.lower().strip(".") for w in rest]
    content = any(w not in PREPOSITIONS and w not in _EN_PRONOUNS for w in low)
    only_a_person = all(w in _EN_PERSON_ONLY for w in low) or len(low) <= 2 and bool(low) and low[-1] in _EN_BOSSES
    return content and not only_a_person


def _past(word: str) -> bool:
    """A verb in the simple past ("split", "re-derived")."""
    word = word.split("-")[-1]
    return bool(past_verb(word)) or word in EN_VERB_FORMS
