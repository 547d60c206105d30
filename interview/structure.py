"""The structure of an answer's sentences: predicates, who acted, questions, and the things it names."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from interview.cues import CUES, has
from interview.text import Token, tokens

_PREDICATE_TAGS = ("VV", "VA", "VX", "VCP", "VCN", "XSV", "XSA")
_NOUN_TAGS = ("NNG", "NNP", "SL", "SH", "NR", "SN")
_CLAUSE_END_TAGS = ("EF", "EC")
_KO_FIRST_PERSON = frozenset({"저", "제", "나", "내"})
# Particles of place and company (에, 에서, 와/과 …), as against 으로/로 (the means) and 을/를 (the object)
_KO_WHERE_OR_WITH = frozenset({"에", "에서", "와", "과", "랑", "이랑", "하고", "에게", "한테"})
_KO_QUESTION_ENDINGS = ("나요", "까요", "니까", "가요", "는지요", "ㄹ까요", "을까요", "는지", "냐", "나")
# "-(으)니까(요)" closes a spoken sentence with its reason ("제일 중요하니까요"); only "-ㅂ/습니까" asks
_KO_REASON_ENDINGS = ("니까요", "니까", "으니까요", "으니까")  # (Kiwi keeps 으 in the ending after a consonant: "있으니까요")
KO_WEAK_VERBS = frozenset({"있", "없", "이", "되", "하", "같", "그렇", "아니"})
_EN_AUX_START = frozenset("what how why when where who which can could is are do does did will would may "
                          "should shall am was were have has".split())
_EN_PAST_IRREGULAR = frozenset(
    "built led made wrote ran took gave found set chose taught brought sent spent kept held did began thought "
    "got met told went saw drew won put cut caught sold bought paid became rebuilt redesigned".split())
_EN_FIRST_PERSON = frozenset({"i", "i'm", "i've", "i'd", "my", "me", "myself"})
# Sentences people speak are held together by function words; a list of buzzwords has almost none, whatever
# verbs ("learned", "achieved") hide in it.
EN_FUNCTION_WORDS = frozenset(
    "a an the i i'm i've i'd me my we our us you your he she it its they them their this that these those "
    "to of in on at for with from by about into over after before during as than then so because and but or "
    "if when while was were is are am be been being have has had do did does will would can could should "
    "there here what which who how not no".split())
_EN_WORD = re.compile(r"[a-z']+")
_EN_STOP = frozenset("a an the this that our my their his her its of to in on for with and or but is was are were "
                     "be".split())
_KO_NUMBER = re.compile(
    r"\d+(?:[.,]\d+)*\s*(?:%|퍼센트|배|명|개월|개|주|일|시간|분|밀리초|초|년|건|억|만|천|원|달러|위|회|번|점|ms|GB|MB|TB|곳|줄|cm|mm|km|kg|mg|ml|m(?![A-Za-z]))?"
    r"|(?:한|두|세|네|다섯|여섯|일곱|여덟|아홉|열)\s?(?:명|달|주|개|시간|해|배|가지|곳)")
_EN_NUMBER = re.compile(
    r"(?<![A-Za-z\d.])\d+(?:[.,]\d+)*(?:\s?(?:%|percent|x|ms|seconds?|minutes?|hours?|days?|weeks?|months?|years?|people|"
    r"users|customers|k\b|m\b))?(?![A-Za-z])|\b(?:two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|hundred|thousand|half)"
    r"\s(?:%|percent|seconds?|minutes?|hours?|days?|weeks?|months?|years?|people|users|customers|times|members)",
    re.IGNORECASE)
_KO_PROJECT_HEADS = ("프로젝트", "시스템", "서비스", "플랫폼", "앱", "애플리케이션", "제품", "캠페인", "사업", "공모전",
                     "대회", "솔루션", "사이트", "웹사이트", "대시보드", "파이프라인", "챗봇", "모델")
_EN_HEADS = (r"(?:project|system|service|platform|app|application|product|campaign|tool|pipeline|website|"
             r"dashboard|firmware|chatbot|model)")
_EN_PROJECT = re.compile(rf"((?:[A-Za-z0-9\-+#.]+\s){{0,3}}{_EN_HEADS}(?:\s{_EN_HEADS})?)\b", re.IGNORECASE)
_KO_NOT_NAME_START = frozenset({"후", "전", "중", "때", "등", "뒤", "간", "내", "외", "당시", "이후", "이전", "동안", "사이",
                                "기간", "무렵"})
_KO_TECH_WORDS = ("파이썬", "자바", "리액트", "쿠버네티스", "도커", "엑셀", "머신러닝", "딥러닝", "데이터베이스",
                  "클라우드", "펌웨어", "임베디드", "회로", "스프링", "리눅스", "자바스크립트", "타입스크립트",
                  "파워포인트", "태블로", "포토샵", "캐시", "서버", "API", "SQL", "코틀린", "안드로이드")
_EN_TECH_WORDS = frozenset(
    "python java javascript typescript sql excel kubernetes docker react redis kafka spark aws gcp azure linux "
    "git tableau figma spring django flask postgresql mysql mongodb c++ c# go rust kotlin swift android ios "
    "firmware embedded pytorch tensorflow sap salesforce jira hadoop node.js terraform powerbi".split())
# Tool names that are also everyday words ("on the go", "a swift reply"): a tool only when written capitalised.
_EN_COMMON_WORD_TECH = frozenset("go rust swift spark spring excel word flask node".split())


@dataclass(frozen=True)
class SentenceShape:
    """What one sentence is made of."""

    text: str
    predicate: bool        # ends a clause with a verb/adjective (not just a noun list)
    first_person: bool     # the candidate is the subject ("저는", "제가", "I")
    question: bool         # asks something
    action: bool           # something done (a non-trivial verb, past or first-person)
    nouns: int
    words: int


def shape(sentence: str, language: str) -> SentenceShape:
    """The structure of one sentence."""
    toks = tokens(sentence, language)
    return _shape_ko(sentence, toks) if language == "ko" else _shape_en(sentence, toks)


def _shape_ko(sentence: str, toks: tuple[Token, ...]) -> SentenceShape:
    tags = [t.tag for t in toks]
    predicate = any(t.startswith(_PREDICATE_TAGS) for t in tags) and any(t in _CLAUSE_END_TAGS for t in tags)
    first = any(t.tag == "NP" and t.form in _KO_FIRST_PERSON for t in toks)
    endings = [t.form for t in toks if t.tag == "EF"]
    asks = bool(endings) and endings[-1].endswith(_KO_QUESTION_ENDINGS) and endings[-1] not in _KO_REASON_ENDINGS
    question = sentence.rstrip().endswith("?") or asks
    verbs = [t for i, t in enumerate(toks) if t.tag.startswith(("VV", "XSV"))
             and not (t.tag.startswith("VV") and t.form in KO_WEAK_VERBS)]
    action = bool(verbs) and predicate and not question
    nouns = sum(1 for t in tags if t.startswith(_NOUN_TAGS))
    return SentenceShape(sentence, predicate, first, question, action, nouns, len(toks))


def _shape_en(sentence: str, toks: tuple[Token, ...]) -> SentenceShape:
    words = [t.form for t in toks]
    first = any(w in _EN_FIRST_PERSON for w in words) or (bool(words) and words[0] == "we")
    past = any(w in _EN_PAST_IRREGULAR or (len(w) > 4 and w.endswith("ed")) for w in words)
    verbish = past or any(w in ("is", "was", "am", "are", "were", "have", "has", "had", "will", "would", "can",
                                "could", "want", "think", "believe", "like", "love", "do", "did", "know", "feel",
                                "enjoy", "work", "help", "make", "build", "lead", "manage", "learn", "plan")
                          or w.endswith("ing") for w in words)
    question = sentence.rstrip().endswith("?") or (bool(words) and words[0] in _EN_AUX_START
                                                    and len(words) > 2 and "i" not in words[:2])
    action = (past or (first and verbish)) and not question
    nouns = sum(1 for w in words if w not in _EN_STOP and not w.endswith(("ed", "ing", "ly")))
    return SentenceShape(sentence, verbish, first, question, action, nouns, len(words))


def function_word_share(text: str) -> tuple[float, int]:
    """(share of function words, number of words) of an English text."""
    words = _EN_WORD.findall(text.lower().replace("’", "'"))
    return (sum(w in EN_FUNCTION_WORDS for w in words) / len(words) if words else 0.0), len(words)


def cut_off(sentence: str, language: str) -> bool:
    """A Korean sentence broken off before its predicate: it ends on a particle ("결제 시스템을")."""
    if language != "ko":
        return False
    toks = tokens(sentence.rstrip(" .…~"), language)
    # "공부를 많이 했고요", "막혀서요": 요 after an ending closes a spoken sentence; it is no dangling particle
    polite_end = len(toks) > 1 and toks[-1].form == "요" and toks[-2].tag.startswith("E")
    return bool(toks) and toks[-1].tag.startswith("J") and not polite_end and not any(t.tag == "EF" for t in toks)


def numbers(text: str, language: str) -> tuple[str, ...]:
    """Numbers with their units as written ("30%", "3명", "two weeks")."""
    pattern = _KO_NUMBER if language == "ko" else _EN_NUMBER
    return _unique(m.group(0).strip() for m in pattern.finditer(text) if m.group(0).strip())


def projects(sentences: tuple[str, ...], language: str) -> tuple[str, ...]:
    """Named projects, products or systems: a few nouns ending in a project word."""
    found: list[str] = []
    for sentence in sentences:
        if language == "en":
            for m in _EN_PROJECT.finditer(sentence):
                words = m.group(1).split()
                # the words right before the head ("photo shoot for their website" names no "shoot website")
                start = max((k + 1 for k, w in enumerate(words) if w.lower() in _EN_STOP), default=0)
                words = words[start:]
                if len(words) > 1:
                    found.append(" ".join(words))
            continue
        run: list[Token] = []
        run_start = -1
        for t in tokens(sentence, language):
            if (t.tag.startswith(_NOUN_TAGS) or t.tag == "XSN") and not (not run and t.form in _KO_NOT_NAME_START):
                run.append(t)
                if t.form in _KO_PROJECT_HEADS and len(run) > 1:
                    start = run[-4:][0].start
                    if found and run_start == start:
                        found.pop()  # "동아리 앱" grows into "동아리 앱 개발 프로젝트"
                    found.append(sentence[start:t.start + t.length])
                    run_start = start
            else:
                run = []
    return _unique(found)


def technologies(text: str, sentences: tuple[str, ...], language: str) -> tuple[str, ...]:
    """Named tools, languages and methods."""
    found = [w for w in re.findall(r"[A-Za-z][A-Za-z0-9+#.\-]*[A-Za-z0-9+#]|[A-Za-z]", text)
             if w.lower() in _EN_TECH_WORDS and (w[0].isupper() or w.lower() not in _EN_COMMON_WORD_TECH)
             or (len(w) >= 2 and w.isupper() and w != "I")
             or (language == "ko" and len(w) >= 3)]
    if language == "ko":
        units_in = {t.form for sentence in sentences for t in _units_joined(sentence)}
        nouns = {t.form for sentence in sentences for t in tokens(sentence, "ko") if t.tag.startswith("NN")}
        # a tool's name inside a longer noun is no mention of it: "스프링" in "스프링클러"
        named = [w for w in has(text, _KO_TECH_WORDS, "ko") if w in nouns or not any(w in n for n in nouns)]
        found = [w for w in found if w not in units_in] + named
    # named tools before bare acronyms ("Redis" before "API")
    return _unique(sorted(found, key=lambda w: w.lower() not in _EN_TECH_WORDS))


def _units_joined(sentence: str) -> list[Token]:
    """Bare acronyms a Korean sentence uses as a place or a party ("TF에 참여해서", "QA팀과 협업해서", "HR 부서에서"):
    organisational units one joins or works with, not tools (a tool is used: "Jenkins로", "SQL을")."""
    toks = tokens(sentence, "ko")
    joined = []
    for i, tok in enumerate(toks):
        if tok.tag != "SL" or not tok.form.isupper() or tok.form.lower() in _EN_TECH_WORDS:
            continue
        after = toks[i + 1:i + 3]
        if after and after[0].tag.startswith("NN") and len(after) > 1:
            after = after[1:]  # "QA팀과": the unit's own head noun, then its particle
        if after and after[0].tag == "JKB" and after[0].form in _KO_WHERE_OR_WITH:
            joined.append(tok)
    return joined


def sentence_topics(sentence: str, language: str) -> tuple[str, ...]:
    """What a Korean sentence is about: each noun run marked by the topic particle 은/는 ("Kubernetes는 개인
    프로젝트로 공부하고 있고" is about Kubernetes; "저는" names only the speaker, so no topic); () in English."""
    if language != "ko":
        return ()
    toks = tokens(sentence, "ko")
    found = []
    for i, tok in enumerate(toks):
        if tok.tag != "JX" or tok.form not in ("은", "는") or i == 0 or not toks[i - 1].tag.startswith(_NOUN_TAGS):
            continue
        start = i - 1
        while start > 0 and toks[start - 1].tag.startswith(_NOUN_TAGS + ("XSN",)):
            start -= 1
        found.append(sentence[toks[start].start:toks[i - 1].start + toks[i - 1].length])
    return tuple(found)


def people(text: str, language: str) -> tuple[str, ...]:
    """Teams, people or customers named."""
    return tuple(has(text, CUES[language].people, language))


def repeated(sentences: tuple[str, ...], language: str) -> bool:
    """Whether the same sentence or the same three-word phrase comes back three times or more."""
    normal = [" ".join(s.split()) for s in sentences]
    if any(n > 1 for n in Counter(normal).values() if len(normal) > 1):
        return True
    words = [w for s in sentences for w in s.split()]
    trigrams = Counter(tuple(words[i:i + 3]) for i in range(len(words) - 2))
    return any(n >= 3 for n in trigrams.values())


def _unique(items) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return tuple(seen)
