"""Whether a reply reports something the candidate did at work or study in relation to the question, read from
its structure (who acts, whether something is done, what it is done to) rather than from which words it holds."""
from __future__ import annotations

import re

from interview import structure
from interview.cues import CUES, has
from interview.phrases import shared_topic
from interview.question_tense import said_in_the_past
from interview.reading import AnswerReading
from interview.text import Token, sentences
from llm.prompts import is_question

# The candidate as a pronoun (Kiwi tags "제가" as 저/NP + 가/JKS, so "문제" never reads as "제").
_KO_SELF = frozenset({"저", "제", "저희", "나", "내", "우리"})
_EN_SELF = re.compile(r"\b(i|we|i'm|i've|i'd|i'll|we're|we've|we'd)\b", re.IGNORECASE)
_KO_NOUN_TAGS = ("NNG", "NNP")
# What a thing is about: its topic, not the candidate's doing.
_ABOUT = {"en": re.compile(r"\babout\b[^,.;:!?]*", re.IGNORECASE),
          "ko": re.compile(r"[^\s,.!?]+\s?(에\s?대한|에\s?관한|이야기|얘기)")}
# "못 찾아서", "안 바꿨어요": a thing not done is no act.
_KO_NEGATORS = frozenset({"못", "안"})
# Going somewhere ("콘서트를 갔는데요", "낚시를 다녀왔어요"): the object is a destination or an outing, not a thing acted on.
_KO_MOTION_VERBS = frozenset({"가", "오", "다니", "다녀오", "다녀가", "돌아오", "돌아가", "놀러가"})


def asked_part(pending: str, language: str) -> str:
    """The sentences of the interviewer's turn that ask, without the scene set before them ("한화리조트 제주 조리직
    면접입니다."), whose names are the organisation's, not the question's topic."""
    asking = [s for s in sentences(pending, language) if is_question(s)]
    return " ".join(asking) or pending


def speaks_as_self(sentence: str, language: str) -> bool:
    """The sentence has the candidate as a pronoun ("제가", "저는", "I", "we"), not merely the syllable inside
    another word ("문제") or a possessive of their things ("my boots")."""
    if language == "ko":
        return any(t.tag == "NP" and t.form in _KO_SELF for t in structure.tokens(sentence, "ko"))
    return _EN_SELF.search(sentence) is not None


def _someone_else_acts(sentence: str) -> bool:
    """A Korean sentence whose subject is a noun, not the candidate ("주차장이 꽉 차 있더라고요")."""
    toks = structure.tokens(sentence, "ko")
    return any(tok.tag == "JKS" and i > 0 and toks[i - 1].tag.startswith("NN") for i, tok in enumerate(toks))


def candidate_acts(sentence: str, language: str) -> bool:
    """The candidate is the one acting: named as a pronoun, or (ko, where the subject is often dropped) no one
    else is the subject ("저희 아빠가 고기를 구워 주시거든요": "저희" owns the father, who acts)."""
    if language != "ko":
        return speaks_as_self(sentence, language)
    toks = structure.tokens(sentence, "ko")
    as_subject = any(t.tag == "NP" and t.form in _KO_SELF and not (i + 1 < len(toks) and toks[i + 1].tag.startswith(
        "NN")) for i, t in enumerate(toks))
    return as_subject or not _someone_else_acts(sentence)


def names_the_work(sentence: str, pending: str, language: str, about_counts: bool = True) -> bool:
    """The sentence names a thing of work, study or customers (a whole noun, not a syllable inside another) or
    takes up the question's topic (without `about_counts`, not merely as what something else is about: "a K-drama
    about exchange students")."""
    told = sentence if about_counts else without_about(sentence, language)
    if shared_topic(asked_part(pending, language), told, language):
        return True
    if language == "ko":
        nouns = [t.form for t in structure.tokens(sentence, "ko") if t.tag in _KO_NOUN_TAGS and len(t.form) > 1]
        return any(has(noun, CUES["ko"].work, "ko") for noun in nouns)
    return bool(has(sentence, CUES[language].work, language))


def reports_work(reading: AnswerReading, pending: str, language: str, about_counts: bool = True) -> bool:
    """Some action sentence of the reply has the candidate doing something to the work's things or the question's
    topic ("제가 손님을 입구 쪽으로 모시고 갔어요", "I rebooked the guest"): an answer, however casual its register."""
    return any(candidate_acts(s, language) and names_the_work(s, pending, language, about_counts)
               and not _only_wishes(s, language) for s in reading.claims.actions)


def without_wishes(text: str, language: str) -> str:
    """The text without its sentences that only wish for something: what is wanted is no answer to what was done."""
    return " ".join(s for s in sentences(text, language) if not _only_wishes(s, language))


def _only_wishes(sentence: str, language: str) -> bool:
    """A Korean sentence whose act is a wish ("저도 저런 행사 하고 싶다고 생각했어요"), with nothing acted on: the
    work it names is wanted, not done."""
    return language == "ko" and any(t.tag == "VX" and t.form == "싶" for t in structure.tokens(sentence, "ko")) \
        and not hands_on_acts(sentence, language)


def without_about(text: str, language: str) -> str:
    """The text without what its things are about ("a K-drama about exchange students", "교환학생에 대한 드라마")."""
    return _ABOUT[language].sub(" ", text) if language in _ABOUT else text


def hands_on_acts(message: str, language: str) -> int:
    """How many Korean clauses have the candidate doing something to a thing ("배정표를 … 만들어서", "시급을 …
    바꿨어요"): an object (noun + 을/를) and a full action verb, not negated, with no other subject in the clause and no
    honorific -시- (the candidate never honours their own acts: "그분이 가족분들을 데리고 오셨어요" is the customer's)."""
    if language != "ko":
        return 0
    count = 0
    for sentence in sentences(message, "ko"):
        done = said_in_the_past(sentence, "ko")  # "코디해서 … 말씀드렸어요", not "고려해서 정하겠습니다"
        clause: list[Token] = []
        for tok in structure.tokens(sentence, "ko"):
            clause.append(tok)
            if tok.tag in ("EC", "EF"):
                count += _hands_on(clause, done)
                clause = []
        count += _hands_on(clause, done)
    return count


def _hands_on(clause: list[Token], done: bool) -> bool:
    """One clause (its tokens up to the connective or final ending) is the candidate acting on an object; a verb of
    a noun and 하 ("니트랑 코디해서") counts as one only in a story told as done ("종합적으로 고려해서 정하겠습니다" is
    a view)."""
    pairs = list(zip(clause, clause[1:]))
    # a verb made a noun by ㅁ/기 ("앵커 끌림을", ETN) is an object like any noun
    object_at = next((i for i, (a, b) in enumerate(pairs) if (a.tag.startswith("NN") or a.tag == "ETN")
                      and b.tag == "JKO"), None)
    if object_at is None:
        return False
    # a light verb ("결근을 해서", "공사를 … 하는지") carries no act of its own: the act is the noun's, often another's
    # (unlike the light verb after a particle: "결근을 해서")
    acts = any(t.tag.startswith("VV") and t.form not in structure.KO_WEAK_VERBS | _KO_MOTION_VERBS
               or done and t.tag == "XSV" and clause[k - 1].tag == "NNG"
               for k, t in enumerate(clause) if k >= object_at + 2)
    other_subject = any(b.tag == "JKS" and a.form not in _KO_SELF for a, b in pairs)
    negated = any(t.tag == "MAG" and t.form in _KO_NEGATORS for t in clause)
    honorific = any(t.tag == "EP" and t.form == "시" for t in clause)
    return acts and not (other_subject or negated or honorific)


def _on_the_way(toks: list[Token]) -> bool:
    """"오는 길에", "가는 길에": the candidate's own way somewhere as the time of what they tell."""
    forms = [(t.form, t.tag) for t in toks]
    return len(forms) == 4 and forms[0][0] in ("오", "가") and forms[0][1].startswith("VV") and forms[1] == (
        "는", "ETM") and forms[2][0] == "길" and forms[3][1] == "JKB"


_CAME_IN_TO_WORK = frozenset({"나오", "출근", "특근", "당직"})


def lives_it_privately(message: str, private_words: tuple[str, ...]) -> bool:
    """A Korean reply sets its acts in the candidate's own private life: a private-life noun as a time or a
    companion of their own ("주말에", "주말마다", "동생이랑", "친구들한테", "어제는"), not one inside a name of the work
    ("주말 알바생들이") nor the object of someone else's act ("가족분들을 데리고 오셨어요"), and not a day the candidate
    came in to work ("그 주말에 나와서 라인을 다시 쳤어요")."""
    toks = structure.tokens(message, "ko")
    for i, tok in enumerate(toks):
        if _on_the_way(toks[i:i + 4]):
            return True
        if not (tok.tag.startswith("NN") and tok.form.startswith(private_words)) or i + 1 < len(toks) and (
                toks[i + 1].form == "분"):
            continue  # ("가족분들까지": honoured, someone else's family, never the candidate's own)
        after = next((t for t in toks[i + 1:] if t.tag not in ("XSN", "NNB")), None)
        came_in = any(t.form in _CAME_IN_TO_WORK for t in toks[i + 1:i + 5])  # "그 주말에 나와서 …": work, on a weekend
        if after is not None and after.tag in ("JKB", "JX", "JC") and not came_in:
            return True
    return False


def content_nouns(message: str, language: str) -> list[str]:
    """The reply's nouns (ko, by Kiwi's tags) or its longer non-function words (en)."""
    if language == "ko":
        return [t.form for t in structure.tokens(message, "ko") if t.tag in ("NNG", "NNP") and len(t.form) > 1]
    return [w for w in re.findall(r"[a-z]+", message.lower()) if len(w) > 3 and w not in structure.EN_FUNCTION_WORDS]
