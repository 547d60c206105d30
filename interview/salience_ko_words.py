"""How a Korean 어절 stands in its sentence (interview/salience_ko.py): the sentence's morphemes grouped by 어절,
the role the particle after a phrase gives it, and the small readings of the words around it (a subject next, a
light verb, a scene clause, a noun the analyser split)."""
from __future__ import annotations

from interview.ko_nouns import KO_LIGHT_VERBS, KO_NOUN, end_of, noun_part
from interview.salience_scores import COMITATIVE, COMPLEMENT, INSTRUMENT, OBJECT, OTHER, SUBJECT, TOPIC, Context
from interview.text import Token, tokens

KO_HEAD = frozenset({"NNG", "NNP", "SL", "SH", "XR"})  # XR: "상세/XR 페이지" is one word
KO_SETTING_NOUNS = frozenset({"때", "중", "당시", "동안", "시절", "무렵", "이후", "후", "전", "뒤", "사이", "적"})
KO_PREDICATES = ("VV", "VA", "XSV", "XSA", "VCP")
_KO_COMITATIVE = frozenset({"랑", "이랑", "하고", "와", "과"})
KO_INSTRUMENT = frozenset({"로", "으로", "로써", "으로써"})
_KO_RECIPIENT = frozenset({"께", "에게", "한테", "께서"})


def split_loanword(word: list[Token], tail: list[Token], after: list[Token], sentence: str) -> bool:
    """A one-syllable noun the analyser read as a noun and a particle, though a noun follows it in the same phrase:
    "씰 교체 이력을" as 씨/NNG ᆯ/JKO, "칼만 필터를" as 칼/NNG 만/JX; neither particle stands before another noun."""
    nouns_next = noun_part(after, sentence)[0]
    if len(word) != 2 or not nouns_next or nouns_next[0].tag not in KO_HEAD:
        return False
    noun, particle = word
    coda = particle.form == "ᆯ" and particle.tag == "JKO"
    only = particle.form == "만" and particle.tag == "JX" and len(noun.form) == 1 and tail == [particle]
    return noun.tag == "NNG" and (coda or only) and len(sentence[word[0].start:end_of(word)]) == 1 + only


def joins_next(words: list[list[Token]], position: int, sentence: str) -> bool:
    """The next 어절 opens with a noun: the phrase goes on in it."""
    return position + 1 < len(words) and bool(noun_part(words[position + 1], sentence)[0])


def means_of_a_turn(following: tuple[Token, ...]) -> bool:
    """After "X(으)로" a subject and its verb follow at once ("말문이 트였고"): X is the means of the change."""
    subject = next((k for k, t in enumerate(following) if t.tag == "JKS"), None)
    return subject is not None and any(t.tag.startswith("VV") for t in following[subject + 1:])


def subject_next(rest: list[list[Token]]) -> bool:
    """A subject (a noun with 이/가) comes in the words after a phrase before any predicate does."""
    first = next((t for w in rest for t in w if t.tag == "JKS" or t.tag.startswith(KO_PREDICATES)), None)
    return first is not None and first.tag == "JKS"


def scene_clause(context: Context) -> bool:
    """The phrase's clause sets the scene: "야간 분류를 맡았을 때" (a verb ending in ㄹ/ㄴ before 때, 중, 동안)."""
    after = context.following
    return any(a.tag == "ETM" and b.form in KO_SETTING_NOUNS for a, b in zip(after, after[1:]))


def light_verb_next(following: tuple[Token, ...]) -> bool:
    return bool(following) and following[0].tag.startswith("VV") and following[0].form in KO_LIGHT_VERBS


def ko_role(tail: list[Token], morphemes: list[Token]) -> float:
    """The weight of the role the particle (or copula) after the phrase gives it."""
    if not tail:
        return OTHER
    head = tail[0]
    if head.tag in ("XSV", "XSA"):
        return SUBJECT if len(morphemes) else OTHER  # the object of a noun-verb ("단가 협상")
    if head.tag == "JKO":
        return OBJECT
    if head.tag == "VCP" or (head.tag == "JX" and head.form == "요") or head.tag.startswith("E"):
        return COMPLEMENT
    if head.tag == "JKS":
        return SUBJECT
    if head.tag == "JKC":
        return COMPLEMENT  # "팀장이 되는": what someone becomes
    if head.tag == "JX":
        return TOPIC
    if head.tag in ("JKB", "JC"):
        if head.form in _KO_COMITATIVE:
            return COMITATIVE
        if head.form in _KO_RECIPIENT:
            return 0.0
        return INSTRUMENT if head.form in KO_INSTRUMENT else OTHER
    return OTHER


def words_ko(sentence: str) -> list[list[Token]]:
    """The sentence's morphemes grouped by 어절 (the spaces of the text)."""
    groups: list[list[Token]] = []
    last_end = -1
    for tok in tokens(sentence, "ko"):
        if tok.tag in ("SF", "SP", "SE", "SS", "SO", "SW") or tok.tag.startswith("S") and tok.tag not in KO_NOUN:
            last_end = -1
            groups.append([])  # punctuation closes a phrase
            continue
        if groups and groups[-1] and tok.start <= last_end:  # contracted morphemes ("ᆫ") may overlap
            groups[-1].append(tok)
            last_end = max(last_end, tok.start + tok.length)
        else:
            groups.append([tok])
            last_end = tok.start + tok.length
    return [g for g in groups]


# Verbs of bringing something new in ("단톡방을 만들었어요", "구간을 하나 더 만들었어요", "알림을 도입했어요"): what
# the candidate introduced is the fix the story turns on.
_KO_INTRODUCE = frozenset({"만들", "도입", "마련", "설치", "신설", "구축", "개설"})


def predicate_after(rest: list[list[Token]]) -> list[Token]:
    """The first predicate after a phrase, with its endings: a verb (not one made an adverb by -게: "2분 넘게
    올라갔습니다" is a rise, not a passing) or a noun with 하다 ("도입했어요")."""
    flat = [t for w in rest for t in w]
    for k, tok in enumerate(flat):
        verb = tok.tag.startswith("VV") or tok.tag.startswith("NN") and k + 1 < len(flat) and flat[k + 1].tag == "XSV"
        if verb and not (k + 1 < len(flat) and flat[k + 1].tag == "EC" and flat[k + 1].form == "게"):
            ending = next((k + 1 + j for j, t in enumerate(flat[k + 1:]) if t.tag in ("EC", "EF", "ETM", "ETN")),
                          len(flat))  # its own endings ("맡는 사람을 … 정하자고": 맡 modifies, it proposes nothing)
            return flat[k:ending + 1]
    return []


def introduces(predicate: list[Token]) -> bool:
    """The predicate brings something in ("만들었어요", "도입했어요")."""
    return bool(predicate) and predicate[0].form in _KO_INTRODUCE


def proposes(predicate: list[Token]) -> bool:
    """The predicate is what the candidate proposed ("알림을 쓰자고 해서", "라인으로 넘기자는 판단"): its object is the
    fix they brought."""
    return bool(predicate) and (predicate[-1].tag, predicate[-1].form) in (("EC", "자고"), ("ETM", "자는"))
