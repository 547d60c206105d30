"""Korean nouns of an 어절 as kiwipiepy tags them, and the nouns it splits wrongly: an unknown compound cut around an
ending ("시험타발" as 시험/NNG 하/XSV 다/EC 발/NNG), a loanword cut into a verb ("인터럽/NNG 트/VV"), a prefix read as a
number ("오분류"), a verb made a noun by ㅁ ("들뜸")."""
from __future__ import annotations

from interview.text import Token

KO_NOUN = frozenset({"NNG", "NNP", "SL", "SH", "XSN", "XPN", "NNB", "SN", "NR", "XR"})
KO_LIGHT_VERBS = frozenset({"하", "드리", "되", "시키", "받", "당하"})
_KO_ENDINGS = frozenset({"EF", "EC", "ETM", "ETN"})
KO_TIME = frozenset({"주", "일", "시간", "분", "초", "달", "개월", "년", "해", "일주일", "하루", "이틀", "사흘", "오전", "오후",
                      "밤", "날", "주말", "평일", "새벽", "아침", "저녁", "반기", "분기", "학기", "연말", "올해", "작년",
                      "이번", "지난번", "번", "세", "살",
                      # spans and points of time said as nouns ("밤새 돌아", "그날 …", "당시에는")
                      "밤새", "종일", "하루종일", "내내", "그날", "당일", "당시", "요즘", "최근", "그때"})


def end_of(word: list[Token]) -> int:
    """Where an 어절's text ends (contracted morphemes may overlap)."""
    return max(t.start + t.length for t in word)


def noun_part(word: list[Token], sentence: str = "") -> tuple[list[Token], list[Token]]:
    """(the noun morphemes at the start of an 어절, what follows them); a verb with no ending after it, or an ending
    with a noun or a case particle after it, is a noun the analyser split wrongly."""
    if not word:
        return [], word
    misread = _misread_noun(word, sentence) if sentence else None  # its text is read from the sentence
    if misread is not None:
        return misread
    # a Korean verb always ends its 어절 with an ending; without one ("캐/VV 시/EP", "인터럽/NNG 트/VV") the analyser
    # split a loanword
    if not any(t.tag in _KO_ENDINGS for t in word) and all(t.tag in KO_NOUN or t.tag.startswith(("VV", "VA", "EP"))
                                                           for t in word) and len(word) > 1:
        return [Token("".join(t.form for t in word), "NNG", word[0].start,
                      word[-1].start + word[-1].length - word[0].start)], []
    if word[0].tag not in KO_NOUN:
        return [], word
    i = 0
    while i < len(word) and (word[i].tag in KO_NOUN or _split_syllable(word, i)):
        i += 1
    if any(t.tag not in KO_NOUN for t in word[:i]):  # "절/NNG 삭/MAG 유/NNG": one unknown noun, split
        return [Token("".join(t.form for t in word[:i]), "NNG", word[0].start,
                      word[i - 1].start + word[i - 1].length - word[0].start)], word[i:]
    return _prefixed(word[:i]), word[i:]


def _misread_noun(word: list[Token], sentence: str) -> tuple[list[Token], list[Token]] | None:
    """An 어절 in which a connective ending is followed by a noun, a case particle or a coda cannot be a verb, nor
    can a one-syllable determiner or interjection glued to a noun be two words: Kiwi read an unknown noun ("타설" as
    하/VV 다/EC 설/NNG, 타/VV 어서/EC ᆯ/JKO or 타/MM 설/NNG). Its text up to a particle of its own is the noun."""
    after_ending = any(word[i - 1].tag == "EC" and word[i].tag in ("NNG", "JKO", "JKS", "Z_CODA")
                       for i in range(1, len(word))) and word[0].tag.startswith(("VV", "VA", "NN"))
    # "타설" as 타/MM 설/NNG, "이물" as 이/IC 물/NNG: a determiner or an interjection is a word of its own
    glued = len(word) > 1 and word[0].tag in ("MM", "IC") and len(word[0].form) == 1 and word[1].tag == "NNG" and (
        word[1].start == word[0].start + word[0].length)
    if not (after_ending or glued or _nominalised(word)):
        return None
    start = word[0].start
    # the noun ends at a particle or copula of its own ("시험타발이었어요" → 시험타발 + 이었어요)
    cut = next((k for k in range(1, len(word)) if word[k].tag.startswith("J") or word[k].tag == "VCP"
                and word[k].start >= word[k - 1].start + word[k - 1].length), None)
    end = word[cut].start if cut is not None else end_of(word)
    text = sentence[start:end].strip()
    return ([Token(text, "NNG", start, end - start)], word[cut:] if cut is not None else []) if text else None


def _nominalised(word: list[Token]) -> bool:
    """A verb made a noun by ㅁ/음 and used as one, with a particle or alone before a noun ("들뜸이", "갈라짐 부분"):
    the defect or state the candidate names; light verbs ("했음", "있음") close a note instead."""
    stem = word[0]
    return len(word) in (2, 3) and stem.tag in ("VV", "VA") and stem.form not in KO_LIGHT_VERBS | {"있", "없"} and (
        word[1].tag == "ETN" and word[1].form in ("ᆷ", "음") and (len(word) == 2 or word[2].tag.startswith("J")))


def _split_syllable(word: list[Token], i: int) -> bool:
    """A one-syllable adverb glued between two nouns of one 어절 is part of a word the analyser did not know."""
    inside = 0 < i < len(word) - 1 and word[i + 1].tag in KO_NOUN
    return inside and word[i].tag in ("MAG", "MM") and len(word[i].form) == 1 and (
        word[i].start == word[i - 1].start + word[i - 1].length)


def _prefixed(nouns: list[Token]) -> list[Token]:
    """A one-syllable numeral glued to a noun that counts nothing is a prefix the analyser read as a number:
    "오분류" (오/NR 분류/NNG) is a misclassification, while "오 분", "삼 개월" stay quantities."""
    if len(nouns) < 2:
        return nouns
    first, second = nouns[0], nouns[1]
    glued = first.tag == "NR" and len(first.form) == 1 and second.start == first.start + first.length
    if not glued or second.tag != "NNG" or len(second.form) < 2 or second.form in KO_TIME:
        return nouns
    return [Token(first.form + second.form, "NNG", first.start, first.length + second.length), *nouns[2:]]
