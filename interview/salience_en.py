"""English noun phrases of an answer and how much each is stressed: runs of content words (no tagger here: verbs,
adverbs and function words are known by lemminflect's lexicon of parts of speech, lists and shape; a phrase ends on
a word that can be a noun), each with its role read from the words before it (a verb, "turned out", a preposition
of place)."""
from __future__ import annotations

import re

from interview.english_lexicon import bare_verb, inflected_verb, may_be_noun, parts_of_speech, plural_noun
from interview.english_word_classes import (
    EN_ADJECTIVES, EN_ARTICLES, EN_FIRST_PERSON,
    EN_LY_WORDS, EN_NUMBER_WORDS, EN_PEOPLE, EN_PERSONS, EN_PROBLEM, EN_SKIP_BEFORE, EN_STOP, EN_TIMES,
    EN_VERB_FORMS,
)
from interview.salience_scores import (
    COMITATIVE, COMPLEMENT, FINDING_BONUS, MAX_WORDS, NAMED_BONUS, OBJECT, OPENING_BONUS, OTHER, OWN_ACTION_BONUS,
    PERSON_PENALTY, PROBLEM_BONUS, SETTING_PENALTY, SUBJECT, Context, Salient,
)
from interview.english_word_reading import (
    PREPOSITIONS, doing_of, introduces, modifier, own_clause, read_words, subordinate,
)
from interview.salience_en_cues import EN_CODA, finding_cues
from interview.salience_en_states import (
    added_to, condition_of, en_number, holder_doing, quantity_before, state_at,
)
from interview.salience_en_verdicts import EN_CUE_GAP, EN_LABELS, verdict

_EN_FILLERS = re.compile(r"\b(um+|uh+|er+|erm|hmm+|like,|you know,?|i mean,?|kind of|sort of|basically|literally|"
                         r"actually|honestly|probably|anyway|long story short)\b", re.IGNORECASE)
# "café" whole, not "caf"; "10,000" one number, not "10" and "000"
_EN_WORD = re.compile(r"[A-Za-z0-9À-ÖØ-öø-ÿ](?:[A-Za-z0-9À-ÖØ-öø-ÿ+#'\-]|(?<=\d),(?=\d{3}(?!\d)))*")
_EN_COPULAS = frozenset({"is", "was", "were", "are", "doing"})
_ADJECTIVAL = "·"  # marks a participle used as an adjective (no verb ends with it)
_EN_NOT_COPULA = frozenset({"wasn't", "isn't", "weren't", "aren't"})
EN_LINKS = frozenset({"of", "for", "in", "with", "on", "about"})
_EN_SETTING_BEFORE = frozenset({"at", "during", "from", "into", "on", "in", "within", "near", "across", "outside",
                                "inside", "around", "behind", "under", "since", "until"})
_EN_INSTRUMENT_BEFORE = frozenset({"with", "for", "using", "via", "through", "by"})
# The particle of a phrasal verb ("brought in a daily briefing", "set up a rota"): its object follows, not a place.
_EN_PARTICLES = frozenset({"in", "up", "out", "on", "over", "off", "back"})
# What was not done ("rather than waiting for the next visit", "instead of a refund"): the alternative, no news.
_EN_ALTERNATIVE = frozenset({"than", "instead"})
# Words after which a noun-or-verb word is the verb ("they talk", "it mostly goes", "we could plan").
# Verbs of becoming, after which a word that can be an adjective describes ("went bust", "got stuck").
_EN_BECOME = frozenset("went go goes gone going got get gets became become turned seemed looked felt".split())
# A cleft at the head ("Knocking on that door myself is what calmed him down"): English's strongest stress.
_EN_CLEFT = re.compile(r"^(?:\W*\w+\W+){1,7}?(?:is|was) what\b", re.IGNORECASE)
CLEFT_BONUS = 2 * FINDING_BONUS
INTRODUCED_BONUS = 2.0  # the object of the candidate's own verb of bringing something in: the fix they made


def en_phrases(sentence: str, index: int) -> list[Salient]:
    """The sentence's noun phrases with their scores (a figure and what describes it, "a flat $4,000", is the
    figure's, no phrase: "for an integration" after it is a phrase of its own)."""
    text = _EN_FILLERS.sub(" ", sentence.replace("’", "'"))
    text = re.sub(r"(?<![A-Za-z])'|'(?![A-Za-z])", " ", text)  # quotation marks, not "it's" or "user's"
    text = re.sub(r"\b(a|an|the)\s*,[\s,]*(?=(a|an|the)\b)", "", text)  # "a, uh, an EV": the restart only
    text = re.sub(r"(\w)\s*,[\s,]*,", r"\1,", text)
    words = list(_EN_WORD.finditer(text))
    lows = [w.group(0).lower() for w in words]
    # "cut onboarding to three screens", "kept creeping", "sorting it out", "to follow", "his audience converts
    # really well" (not "running app", "a plan"): each word read as a verb where it stands
    lows = read_words(words, lows, _en_content)
    # "a serviced apartment", "an expired buffer": a participle after an article describes the thing
    lows = [w + _ADJECTIVAL if _en_verb(w) and k and lows[k - 1] in EN_ARTICLES else w for k, w in enumerate(lows)]
    # a fragment opening ("Probably the image cache I rewrote…"): no verb before the candidate's own "I"/"we"
    first_verb = next((k for k, w in enumerate(lows) if _en_verb(w) or w in EN_FIRST_PERSON or w in _EN_COPULAS),
                      len(lows))
    fragment = first_verb == len(lows) or lows[first_verb] in EN_FIRST_PERSON
    # "went bust", "got stuck": what a thing became describes it (and may say what went wrong), it names nothing
    # (the verb as said: "went" after "I" is already read as a verb, "doing")
    said = [w.group(0).lower() for w in words]
    described = {k for k, w in enumerate(lows) if k and said[k - 1] in _EN_BECOME and "ADJ" in parts_of_speech(w)}
    cues, turns, spans, against = finding_cues(text, index == 0)
    problem = any(w.rstrip(_ADJECTIVAL) in EN_PROBLEM for w in lows)
    cleft = _EN_CLEFT.match(text)
    out: list[Salient] = []
    i = 0
    while i < len(words):
        # "comfortable in French", "aware of the risk": an adjective before its preposition says how someone was
        predicate = parts_of_speech(lows[i]) == {"ADJ"} and i + 1 < len(lows) and lows[i + 1] in EN_LINKS
        if not _en_content(lows[i]) or i in described or predicate:
            i += 1
            continue
        j = i
        while j + 1 < len(words) and (_en_content(lows[j + 1]) and j + 1 not in described
                                      or _en_link(lows, j + 1) and not en_number(lows[j])
                                      and not (j == i and _bare_after_preposition(words, lows, i, i))) \
                and "," not in text[words[j].end():words[j + 1].start()]:  # "Wyoming, I-80, January": three
            j += 1
        if lows[j].endswith("ing") and "ADJ" not in parts_of_speech(lows[j]) and j + 1 < len(words) and \
                lows[j + 1] in EN_STOP and plural_noun(lows[j + 1]) and lows[j + 1] not in EN_PERSONS \
                and not text[words[j].end():words[j + 1].start()].strip():
            j += 1  # "nine sampling days": the -ing word describes the noun after it (not "the following year")
        while j > i and (lows[j] in EN_LINKS or lows[j] in EN_ARTICLES or lows[j] in EN_NUMBER_WORDS
                         or not _en_head(lows, j)):
            j -= 1  # "bins in two (days)": a trailing count belongs to the next thing; "three postnatal" describes
        while sum(_en_content(w) for w in lows[i:j + 1]) > MAX_WORDS + 1 and any(
                lows[k] in EN_LINKS for k in range(i + 1, j)):
            j = max(k for k in range(i + 1, j) if lows[k] in EN_LINKS) - 1  # "X for Y in Z": the rest is its own
            while j > i and lows[j] in EN_ARTICLES:
                j -= 1
        gap = text[words[i - 1].end():words[i].start()] if i else ""
        led = set([w for w in lows[:i] if w not in EN_SKIP_BEFORE][-1:])  # in a turn, not the means ("by hour")
        found = any(start <= words[i].start() < end for start, end in spans
                    if start not in turns or not led & (_EN_INSTRUMENT_BEFORE | EN_LINKS))
        context = Context(own_clause(lows, i), found, problem,
                           index == 0 and fragment and i < first_verb, ())
        # right after "turned out", "came from": what it turned out to be, whatever word comes between
        right_after = any(0 <= words[i].start() - end <= EN_CUE_GAP for end in cues)
        phrase = _en_phrase(text, words, lows, (i, j), context, "," in gap or "." in gap, right_after)
        if phrase is not None:
            phrase = (condition_of(said, i, j) or phrase[0], phrase[1])  # "him being diabetic"
        if phrase is not None and out and added_to(said, i):
            # "a lower fee plus a bonus": the added item shares the first one's role and is the news (end focus)
            phrase = (phrase[0], max(phrase[1], out[-1].score + FINDING_BONUS))
        if phrase is not None:
            clefted = cleft is not None and words[i].start() < cleft.end() - len("is what")
            contrast = phrase[1] >= OBJECT and any(start <= words[i].start() < end for start, end in against)
            score = phrase[1] + CLEFT_BONUS * clefted + FINDING_BONUS * contrast
            out.append(Salient(phrase[0], verdict(text, words, lows, (i, j), score), index))
        i = j + 1
    # "— they were backfilling from memory": what someone turned out to be doing, a finding named with who
    for k in (k for k in range(len(words)) if any(start <= words[k].start() < end for start, end in spans)):
        doing = holder_doing(text, words, said, k)
        if doing:  # it takes the place of the things in it ("sales" in "them voiding sales")
            inside = [p.score for p in out if p.text in doing]
            out = [p for p in out if p.text not in doing]
            score = max([verdict(text, words, lows, (k, k), COMPLEMENT + FINDING_BONUS)] + inside)
            out.append(Salient(doing, score, index))
    # "I was running empty, which is the worst": the state the candidate or a thing was in, named as said
    for k in (k for k in range(len(words) - 1) if state_at(text, words, said, k)):
        out.append(Salient(text[words[k].start():words[k + 1].end()],
                           verdict(text, words, lows, (k, k + 1), COMPLEMENT), index))
    return out


def _en_content(word: str) -> bool:
    adverb = word.endswith("ly") and len(word) > 4 and word not in EN_LY_WORDS  # "randomly", not "monthly"
    contraction = "'" in word and word.split("'")[0] in EN_STOP  # "there's", "that'll"
    return (not word.endswith("n't") and not adverb and not contraction and word not in EN_STOP
            and word not in EN_ADJECTIVES and (word.endswith("ing") or not inflected_verb(word))  # "charging station"
            and word not in EN_LINKS and word not in PREPOSITIONS and not _en_verb(word)
            and (len(word) > 1 or word.isdigit()))


def _en_head(lows: list[str], k: int) -> bool:
    """The word can end a noun phrase: a noun by the lexicon (or unknown to it), or a gerund that is not a person's
    doing ("Knocking on that door …", "make refilling a habit"; not "people leaving", "a guest screaming")."""
    if lows[k].endswith(_ADJECTIVAL):
        return False  # "a new picker with an experienced (one)": a participle describing never ends the phrase
    if lows[k].endswith("ing"):
        # "the following year": an -ing adjective before a noun (one too common to name) describes it
        before_noun = k + 1 < len(lows) and lows[k + 1] in EN_STOP and "NOUN" in parts_of_speech(lows[k + 1])
        return not (k and (lows[k - 1] in EN_PEOPLE or lows[k - 1].rstrip("s") in EN_PEOPLE
                           or lows[k - 1] in EN_PERSONS) or before_noun and "ADJ" in parts_of_speech(lows[k]))
    return may_be_noun(lows[k]) or bare_verb(lows[k])  # a bare verb still in a run stands where a noun does


def _en_link(lows: list[str], k: int) -> bool:
    """"of"/"for"/"with" (and an article after one) joins two content runs: "humidity in the dry room"."""
    if lows[k] in EN_LINKS:
        return any(_en_content(w) for w in [w for w in lows[k + 1:k + 3] if w not in EN_ARTICLES][:1])
    return lows[k] in EN_ARTICLES and k > 0 and lows[k - 1] in EN_LINKS


def _en_verb(word: str) -> bool:
    # an inflection the lexicon knows only as a verb ("rang", "told"), but not a gerund, which may name a thing
    return word in EN_VERB_FORMS or (len(word) > 4 and word.endswith("ed") and not word.endswith("eed")) or (
        not word.endswith("ing") and inflected_verb(word))


def _en_phrase(text: str, words: list[re.Match], lows: list[str], span_at: tuple[int, int], context: Context,
               after_pause: bool, right_after: bool) -> tuple[str, float] | None:
    """One English phrase and its score, from the words before it."""
    i, j = span_at
    content = [w for w in lows[i:j + 1] if _en_content(w)]
    if not content or not _en_head(lows, j) or all(en_number(w) or en_number(lows[j]) and "ADJ" in
                                                    parts_of_speech(w) for w in content):
        return None
    # "on a night shift": "on"; "made a little leaflet": "made" (an adjective between an article and the phrase)
    attributive = i > 1 and modifier(lows[i - 1]) and lows[i - 2] in EN_ARTICLES
    at = [k for k in range(i - attributive) if lows[k] not in EN_SKIP_BEFORE and lows[k] not in EN_TIMES]
    before = [lows[k] for k in at]
    prev = before[-1] if before else ""
    # (a copula takes no particle: "were all on one server" is a place)
    particle = prev in _EN_PARTICLES and len(before) > 1 and (_en_verb(before[-2]) or before[-2] == "doing") and \
        before[-2] not in ("is", "was", "were", "are", "am", "be", "been")
    # "got part of the fee waived": the verb's object is what the part is of
    partitive = -1 if particle or prev != "of" else quantity_before(lows, at[-1])
    back = 1 + particle + (partitive >= 0) * sum(k >= partitive for k in at)
    prev = before[-back] if len(before) >= back else ""  # "brought in a daily briefing": the verb's object
    verb = words[at[-back]].group(0).lower() if before and prev in ("doing", *EN_VERB_FORMS) else ""
    # "stuck on a bank code mismatch": where something went wrong, not the scene
    stuck_on = prev in _EN_SETTING_BEFORE and len(before) > 1 and before[-2] in EN_PROBLEM
    score = COMPLEMENT if right_after else SUBJECT if stuck_on else _en_role(prev, context.own,
                                                                              i > 0 and not after_pause, i)
    if any(w in _EN_ALTERNATIVE for w in lows[max(0, i - 4):i]):
        score = min(score, OTHER)  # the alternative not taken
    if _bare_after_preposition(words, lows, i, j):
        score = min(score, OTHER)  # "gone to air", "sent it to print": an idiom of where, no thing to name
    if context.after_finding and score >= SUBJECT:
        score += FINDING_BONUS
    if context.own and introduces(verb):
        score += INTRODUCED_BONUS  # "I added idempotency keys", "we set up a triage": what the candidate brought in
    # "… and we added a second check after that", "Now I read back every order": the change that stayed, the
    # lesson, named as the doing it is ("adding a second check")
    coda = context.own and bool(verb) and bool(EN_CODA.search(text)) and not subordinate(lows, i)
    score += FINDING_BONUS * coda
    # "didn't include the locale": what was missing ("wasn't the car" says what the point was not)
    negated = prev not in _EN_SETTING_BEFORE and any((w.endswith("n't") or w in ("not", "never", "no"))
                                                     and w not in _EN_NOT_COPULA for w in lows[max(0, i - 4):i])
    near = [w.rstrip(_ADJECTIVAL) for w in lows[max(0, i - 1):i] + lows[i:i + 1] + lows[j + 1:j + 4]]
    # "its clock was off by six minutes": a thing said to be off is what was wrong with it
    off = lows[j + 1:j + 3] in (["was", "off"], ["were", "off"], ["is", "off"])
    went_wrong = stuck_on or off or context.problem and any(w in EN_PROBLEM for w in near)
    if went_wrong or negated:
        score += PROBLEM_BONUS  # "whose car was stuck", "didn't include the user's locale"
    named = any(w.group(0)[:1].isupper() and k > 0 or w.group(0).isupper() and len(w.group(0)) > 1
                for k, w in enumerate(words[i:j + 1], start=i) if lows[k] not in ("i",))
    score += OPENING_BONUS * context.opening + NAMED_BONUS * named
    head = next((k - 1 for k in range(i + 1, j + 1) if lows[k] in EN_LINKS), j)  # "a leaflet for older patients"
    if lows[head] in EN_PEOPLE or lows[head].rstrip("s") in EN_PEOPLE:
        # "the marquee supplier went bust": a party whose failure the story turns on is the news, not just who;
        # "I went straight to the outreach team", "I called the outreach team": a service the candidate took it to
        # or turned to is their own move (a unit named by its work, not "the same supplier")
        taken_to = (prev in ("to", "into") or _en_verb(prev) or prev == "doing") and context.own and head > i \
            and parts_of_speech(lows[head - 1]) >= {"NOUN"} and "ADJ" not in parts_of_speech(lows[head - 1])
        score -= PERSON_PENALTY * (not named and not went_wrong and not taken_to)
    if i == j and lows[j + 1:j + 2] == ["to"] and j + 2 < len(lows) and (lows[j + 2] == "doing" or bare_verb(
            lows[j + 2])):
        return phrase_of(text, words, lows, i, j), 0.0  # "the chance to work on X": a frame for what follows
    lead = [w.group(0).lower() for w in words[max(0, i - 3):i]]
    if "while" in lead and any(w.endswith("ing") for w in lead[lead.index("while") + 1:]):
        score -= SETTING_PENALTY  # "while walking the dog": the circumstance, an aside
    if lows[j + 1:j + 3] and lows[j + 1] in EN_LABELS and lows[j + 2:j + 3] in (["was"], ["is"]):
        score += FINDING_BONUS  # "the garage thing was the way in": the candidate's own label for what mattered
    if any(w.isdigit() or w in EN_NUMBER_WORDS for w in lows[i:j + 1]):
        score += NAMED_BONUS  # "nine thousand bins": a counted thing
    if coda and doing_of(verb):
        return doing_of(verb) + text[words[at[-1 - particle]].end():words[j].end()], score
    return phrase_of(text, words, lows, i, j), score


def _bare_after_preposition(words: list[re.Match], lows: list[str], i: int, j: int) -> bool:
    """One common noun in the singular straight after a preposition, with no article ("to air", "on hold"; not
    an infinitive with its object, "to triage them")."""
    word, after = words[i].group(0), lows[j + 1] if j + 1 < len(lows) else ""
    infinitive = lows[i - 1] == "to" and (after in EN_SKIP_BEFORE or after in EN_PERSONS or after == "it")
    return i == j and i > 0 and lows[i - 1] in _EN_SETTING_BEFORE | {"to"} and not infinitive and word.islower() \
        and not word.endswith(("s", "ing")) and not any(c.isdigit() for c in word)


def phrase_of(text: str, words: list[re.Match], lows: list[str], i: int, j: int) -> str:
    """The phrase as written; a sentence's capital dropped ("Knocking on …" names no proper noun)."""
    phrase = text[words[i].start():words[j].end()]
    if i == 0 and phrase[:1].isupper() and "PROPN" not in parts_of_speech(lows[0]) and parts_of_speech(lows[0]):
        phrase = phrase[:1].lower() + phrase[1:]
    return phrase


def _en_role(prev: str, own: bool, mid_clause: bool, position: int) -> float:
    """The weight of a phrase's role, read from the word before it (English has no particles)."""
    if _en_verb(prev) or prev in ("did", "do", "doing", "include", "includes", "change", "fix", "build"):
        return OBJECT + OWN_ACTION_BONUS * own
    if prev in ("is", "was", "be", "been"):
        return COMPLEMENT
    if prev in _EN_SETTING_BEFORE:
        return OTHER - SETTING_PENALTY * (prev != "in" or position < 3)
    if prev in ("to", "into", "onto") and own:
        return OBJECT + OWN_ACTION_BONUS  # "we moved the export to Postgres": where the candidate took it
    if prev in _EN_INSTRUMENT_BEFORE:
        return OBJECT + OWN_ACTION_BONUS if own else COMITATIVE  # "I spent two days with their embassy"
    return SUBJECT if mid_clause else OTHER
