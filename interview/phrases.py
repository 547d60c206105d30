"""Key noun phrases of a sentence: what a question is about ("원가와 비용의 차이") and what an answer names
("검사 기준", "sampling plan") when it names no project or technology."""
from __future__ import annotations

import re

from interview.english_lexicon import bare_verb, inflected_verb, may_be_noun
from interview.text import tokens

_KO_NOUNS = frozenset({"NNG", "NNP", "SL", "SH", "SN", "XSN"})  # XSN: 거래처+별
_KO_LINKS = frozenset({"JC", "JKG"})          # 와/과, 의: "원가와 비용의 차이" is one phrase
_KO_VERBAL = frozenset({"XSV", "XSA"})        # 해결+하다: a predicate, not a thing
# Nouns every interview sentence has: they say nothing about what this one is about.
_KO_GENERIC = frozenset({"경험", "사례", "본인", "때", "것", "점", "일", "말씀", "질문", "이유", "방법", "생각", "하나",
                         "부분", "내용", "자신", "무엇", "지원자", "경우", "적", "그때", "정도", "최근", "가장", "직접",
                         "면접", "답변", "예", "처음", "이야기", "자기", "소개", "후", "전", "중", "동안", "이후", "이전",
                         "당시", "기간", "사이", "무렵"})
# Quantifiers tagged as nouns ("전체를 다 봤습니다", "그게 다입니다"): they stand for what was said, they name nothing.
_KO_QUANTIFIERS = frozenset({"전부", "전체", "모두", "다", "일체", "대부분", "나머지"})
# Pronouns, bound nouns, determiners, adverbs, particles, endings, punctuation: "그거", "모든 것", "다"
_KO_STAND_IN_TAGS = ("NP", "NNB", "MM", "MA", "IC", "VCP", "J", "E", "SF", "SP", "SS", "SE", "SO", "SW")
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9+#'\-]*")
_EN_LINKS = frozenset({"and", "of", "in", "for"})
_ROMAN = re.compile(r"(?=[IVX]{2,}$)X{0,3}(IX|IV|V?I{0,3})$")  # "II", "III", "IV", "XII"
_EN_STOP = frozenset("""a an the you your yours yourself me my i i'm i've i'd we we're us our they their it its
this that these those there here what what's how why when where which who whom whose do does did done doing is are was were be
been being have has had having can could would will should may might must tell walk through describe give explain talk
share about time times example examples difference between or to on at with from by as if so then than just really
very also once ever any some one two three first last recent recently thing things something anything lot kind sort
way ways like well okay ok yes no not it's let's let please briefly quickly own up down out into over after before
while during because since again more most much many other another new old good great right sure mean think know
next now thanks thank hi hello hmm um fine oh sorry yeah uh
handle handled make made get got go went set put take took use used""".split()) | frozenset(
    # indefinite pronouns and quantifiers stand for what was said ("that's everything from me"), they name nothing
    """everything everyone everybody nothing nobody none someone somebody anyone anybody all each both either neither
else whatever whoever""".split())
_EN_VERBS = frozenset("""improve improving handle handling manage managing lead leading build building fix fixing solve
solving reduce reducing increase increasing deal change changing create creating run running plan planning keep kept
prioritise prioritize resolve resolving explain deliver delivering rewrote wrote write pulled found replaced""".split())


def key_phrases(sentence: str, language: str) -> list[str]:
    """The sentence's noun phrases in order, as written (Korean compounds joined by 와/의; English word runs)."""
    return _ko_phrases(sentence) if language == "ko" else _en_phrases(sentence)


def names_something(phrase: str, language: str) -> bool:
    """A phrase a reply may name: not one made only of pronouns, quantifiers and other words that stand for
    what was said ("everything", "that", "그거", "전부", "모든 것")."""
    if language == "ko":
        return any(not t.tag.startswith(_KO_STAND_IN_TAGS) and t.form not in _KO_QUANTIFIERS
                   for t in tokens(phrase, "ko"))
    return any(w.lower() not in _EN_STOP and w.lower() not in _EN_LINKS for w in _EN_WORD.findall(phrase))


def cut_short(phrase: str, said: str) -> bool:
    """An English phrase cut out of a longer expression in the answer `said`, so that naming it says something else:
    it ends on an owner ("a headline exhibitor's" sign), stands for a noun said before ("the ones"), or stops before
    "by" and its own word again ("the evacuation row" by row) or before "of" and a name ("Isle" of Man)."""
    words = phrase.split()
    if not words or words[-1].lower().endswith(("'s", "s'")) or words[-1].lower() in ("one", "ones"):
        return bool(words)
    named = re.escape(phrase.strip())
    return re.search(rf"(?i:{named})\s+((?i:by\s+{re.escape(words[-1])})\b|of\s+[A-Z])", said) is not None


def part_of_a_figure(phrase: str, said: str) -> bool:
    """A phrase that is only a unit or a numeral in the answer `said`: a unit written after a digit wherever it
    occurs ("1kHz로", "300 ms"), or a roman numeral after a capitalised word ("Cert III", "Phase II"; not "an IV
    line"); it counts or grades, it is no thing to name."""
    if _ROMAN.match(phrase.strip()) and re.search(r"\b[A-Z][a-z]+\s" + re.escape(phrase.strip()) + r"\b", said):
        return True
    found = [m.start() for m in re.finditer(re.escape(phrase.strip()), said)] if phrase.strip() else []
    return bool(found) and all(at and re.search(r"\d\s?$", said[max(0, at - 2):at]) for at in found)


def topic_of(question: str, language: str) -> str:
    """What a question is about: its longest key phrase; of equals, in Korean the first (the scene the question
    sets), in English the last, where the specific part comes late ("a project where you had to improve
    performance"); "" when it has none."""
    phrases = key_phrases(question, language)
    if language != "ko":  # "at short notice", "by Friday": circumstances, not what is asked about
        adjunct = [p for p in phrases if re.search(rf"\b(at|on|by|with|from|until)\s+{re.escape(p)}", question, re.I)]
        phrases = [p for p in phrases if p not in adjunct][::-1] or phrases
    return max(phrases, key=lambda p: len(p.split()), default="")


def object_of(sentence: str, language: str) -> str:
    """What an answer sentence acts on: in Korean the phrase nearest the final verb (verb-final order), in
    English the first phrase of two or more words after the subject (verb-object order), else the longest."""
    phrases = key_phrases(sentence, language)
    if not phrases:
        return ""
    if language == "ko":
        return phrases[-1]
    return next((p for p in phrases if len(p.split()) >= 2), max(phrases, key=len))


def shared_topic(question: str, answer: str, language: str) -> list[str]:
    """Content words of the question's key phrases that the answer takes up ("모듈", "refund")."""
    words = {w for p in key_phrases(question, language) for w in p.split() if len(w) >= (2 if language == "ko" else 4)}
    words -= _EN_LINKS
    flat = answer.lower() if language == "en" else answer.replace(" ", "")
    stems = {w: (w.lower().rstrip("s") if language == "en" else _ko_stem(w)) for w in words}
    return sorted(w for w, stem in stems.items() if stem and stem in flat)


def _ko_stem(phrase_word: str) -> str:
    """A Korean phrase word without its particle ("원가와" → "원가"), as the analyser splits it."""
    nouns = [t.form for t in tokens(phrase_word, "ko") if t.tag in _KO_NOUNS and t.form not in _KO_GENERIC]
    return nouns[0] if nouns else ""


def _ko_phrases(sentence: str) -> list[str]:
    toks = tokens(sentence, "ko")
    spans: list[tuple[int, int]] = []
    start = end = -1
    for i, tok in enumerate(toks):
        verbal = i + 1 < len(toks) and toks[i + 1].tag in _KO_VERBAL
        content = tok.tag in _KO_NOUNS and not verbal and tok.form not in _KO_GENERIC | _KO_QUANTIFIERS
        linked = tok.tag in _KO_LINKS and end >= 0 and i + 1 < len(toks) and toks[i + 1].tag in _KO_NOUNS
        if content:
            start = tok.start if start < 0 else start
            end = tok.start + tok.length
        elif not linked and start >= 0:
            spans.append((start, end))
            start = end = -1
    if start >= 0:
        spans.append((start, end))
    return [sentence[a:b].strip() for a, b in spans if b - a >= 2]


def _en_phrases(sentence: str) -> list[str]:
    return [p for p in (_trim_verbs(r) for r in _en_runs(sentence)) if p]


def _trim_verbs(run: str) -> str:
    """A run without the verbs at its edges ("improve performance" → "performance", "schedule changed" →
    "schedule"): past forms and a few common verbs by their shape, other verb forms and adjectives by lemminflect's
    lexicon (a gerund such as "billing" may name the thing)."""
    words = run.split()
    while words and (words[0].lower() in _EN_VERBS or inflected_verb(words[0]) and not words[0].endswith("ing")
                     or words[0].lower() in _EN_LINKS):
        words.pop(0)
    while words and words[-1].lower().endswith("ed") and len(words) > 1:
        words.pop()
    while words and (words[-1].lower() in _EN_LINKS or not words[-1].lower().endswith("ing")
                     and not (may_be_noun(words[-1]) or bare_verb(words[-1]))):
        words.pop()  # a phrase ends on a noun ("three postnatal" names nothing)
    return " ".join(words) if not (len(words) == 1 and words[0].lower().endswith("ed")) else ""


def _en_runs(sentence: str) -> list[str]:
    words = _EN_WORD.findall(sentence.replace("’", "'"))
    phrases, run = [], []
    for i, word in enumerate(words):
        low = word.lower()
        nxt = words[i + 1].lower() if i + 1 < len(words) else ""
        contraction = low.endswith("n't") or "'" in low and low.split("'")[0] in _EN_STOP  # "don't", "there's"
        if low not in _EN_STOP and low not in _EN_LINKS and len(low) > 1 and not contraction:
            run.append(word)
        elif low in _EN_LINKS and run and nxt and nxt not in _EN_STOP and nxt not in _EN_LINKS:
            run.append(word)
        elif run:
            phrases.append(" ".join(run))
            run = []
    if run:
        phrases.append(" ".join(run))
    return phrases
