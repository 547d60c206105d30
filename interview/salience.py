"""What an answer is about: its noun phrases ranked by how much the candidate stressed them, so that a follow-up
names the detail a listener would pick up (the finding, the object of the candidate's own action, the problem the
story turns on, a named or repeated thing) rather than the scene around it.

Korean phrases come from kiwipiepy's tags, read word by word (an 어절 is a noun when its first morpheme is one and
no ending follows a verb in it: "인터럽트" split as 인터럽/NNG + 트/VV is still a noun); the particle after a phrase
gives its role (을/를 an object, 이/가 a subject, the copula a complement). English phrases are runs of content
words with their role read from the word before them (a verb, "turned out to be", a preposition of place).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from interview.cues import has
from interview.text import Token, sentences, tokens

# Role weights: an object of what the candidate did and a finding ("알고 보니 …였다") are what stories turn on.
OBJECT, COMPLEMENT, SUBJECT, COMITATIVE, TOPIC, INSTRUMENT, OTHER = 3.0, 3.0, 2.0, 1.0, 1.0, 0.5, 0.5
FINDING_BONUS = 2.5     # the phrase is what a cause or discovery turned out to be
PROBLEM_BONUS = 2.0     # the thing that went wrong (the subject of "고장 난", the object of "didn't include")
OWN_ACTION_BONUS = 1.0  # an object in a sentence where the candidate is the one acting
NAMED_BONUS = 1.0       # a proper noun, a Latin-script term or an acronym
REPEATED_BONUS = 1.5    # a content word the candidate came back to
OPENING_BONUS = 2.5     # a verbless first sentence is the direct answer ("전기차 충전 인프라요.")
SETTING_PENALTY = 3.0   # where or when it happened ("신규 때", "at my last job"): the scene, not the story
PERSON_PENALTY = 2.0    # people ("선임 선생님", "the resident") are who, rarely what was stressed
NEAR_TIE = 0.5          # scores this close are stressed alike
MAX_WORDS = 4           # a phrase is named by its last few words at most

_KO_NOUN = frozenset({"NNG", "NNP", "SL", "SH", "XSN", "XPN", "NNB", "SN", "NR"})
_KO_HEAD = frozenset({"NNG", "NNP", "SL", "SH"})
_KO_NAMED = frozenset({"NNP", "SL", "SH"})
_KO_SETTING_NOUNS = frozenset({"때", "중", "당시", "동안", "시절", "무렵", "이후", "후", "전", "뒤", "사이", "적"})
_KO_GENERIC = frozenset({"경험", "사례", "본인", "것", "거", "점", "일", "말씀", "질문", "이유", "방법", "생각", "부분", "내용",
                         "자신", "무엇", "경우", "정도", "최근", "처음", "이야기", "얘기", "문제", "상황", "결과", "기억",
                         "별일", "그거", "이거", "저거", "사실", "진짜", "정말", "하나", "때문", "덕분", "다음", "제일",
                         "가장", "조금", "좀", "계속", "매일", "추가", "직접", "혹시", "나중", "바로", "재미", "욕심",
                         "그동안", "이후", "그때", "당시"})
_KO_TIME = frozenset({"주", "일", "시간", "분", "초", "달", "개월", "년", "해", "일주일", "하루", "이틀", "사흘", "오전", "오후",
                      "밤", "날", "주말", "평일", "새벽", "아침", "저녁", "반기", "분기", "학기", "연말", "올해", "작년",
                      "이번", "지난번", "번", "차", "세", "살"})
_KO_PEOPLE = frozenset({"님", "분", "선생", "고객", "환자", "보호자", "친구", "팀장", "팀원", "동료", "사람", "선배", "후배",
                        "교수", "상사", "매니저", "담당자", "기사", "센터장", "사장", "부모", "가족", "아이", "학생"})
_KO_FINDING = re.compile(r"보니까?|봤더니|원인은|원인이|밝혀|드러났|알게\s?됐|알게\s?되었")
# A sentence that says something went wrong: its subject is the problem the story turns on.
_KO_PROBLEM = ("고장", "오류", "불량", "실수", "누락", "지연", "불만", "위험", "사고", "장애", "에러", "버그", "빠진", "빠져",
               "미뤄", "안맞", "틀린", "튀는", "늦어", "밀려", "끊기", "끊겨", "깨져", "새는", "거부", "항의", "클레임", "컴플레인",
               "차이가", "차이났", "부족", "넘쳐", "막혀", "막혔", "느리", "느려", "묶였", "묶여", "멈췄", "멈춰", "중단", "끊긴",
               "끊겼", "떨어졌", "없었")
# Verbs of change and redoing: "X(으)로" before them is what the candidate changed things to.
_KO_CHANGE = frozenset({"바꾸", "바뀌", "교체", "전환", "옮기", "다시", "변경"})
_KO_COMITATIVE = frozenset({"랑", "이랑", "하고", "와", "과"})
_KO_INSTRUMENT = frozenset({"로", "으로", "로써", "으로써"})
_KO_RECIPIENT = frozenset({"께", "에게", "한테", "께서"})
_KO_NEAR_CHARS = 12  # how far after a phrase its predicate is looked for ("통관에서 이 주 동안 묶였어요")
_KO_ENDINGS = frozenset({"EF", "EC", "ETM", "ETN"})
_KO_TRAILING = frozenset({"문제", "부분", "쪽", "관련", "정도", "등", "쪽으로"})
_KO_LIGHT_VERBS = frozenset({"하", "드리", "되", "시키", "받", "당하"})
_KO_FIRST_PERSON = frozenset({"저", "제", "나", "내", "저희", "우리"})

_EN_FILLERS = re.compile(r"\b(um+|uh+|er+|erm|hmm+|like,|you know,?|i mean,?|kind of|sort of|basically|literally|"
                         r"actually|honestly|probably|anyway|long story short)\b", re.IGNORECASE)
_EN_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9+#'\-]*")
_EN_CUE_GAP = 16  # characters between a finding cue and its phrase ("to be an", "his", "one")
_EN_LY_WORDS = frozenset("nightly weekly monthly daily yearly quarterly hourly family supply assembly anomaly "
                         "friendly elderly italy july reply rally costly".split())
_EN_LINKS = frozenset({"of", "for", "in", "with", "on"})
_EN_ARTICLES = frozenset({"a", "an", "the"})
_EN_STOP = frozenset("""a an the you your me my i i'm i've i'd we we're we'd us our they their them it its it's this that
these those there here what how why when where which who whose do does did done is are was were be been being have
has had can could would will should may might must just really very also ever any some one first last recently
thing things something anything lot way like well okay ok yes no not so then than too because since again more most
much many other another good great pretty sure think know got get go went going came come comes mind all every
whole nothing still even only about into onto over after before while during through out up down off back around
and or but if as at by from to per each kept keep ended end started start tried try made make took take put set
gave give told tell said say asked ask wanted want felt feel seemed seem turned turn being bit little someone
nobody everyone anyone people person yeah yep oh ha haha man guess maybe night day week month year years weeks
days months hours time times today yesterday tomorrow morning evening that's always never often usually early
late main job instead doing monday tuesday wednesday thursday friday saturday sunday weekend him her he she them his until unless though although whether within near across outside inside around behind under without towards toward
against among via per""".split())
_EN_SKIP_BEFORE = frozenset("a an the my our their his her your last first previous new old this that these those some "
                            "about him them me us one two three four five most all each every".split())
# Base forms of common verbs (English has no tagger here): a verb, never the thing a follow-up names.
_EN_BASE_VERBS = frozenset("""follow include take make get use find keep show give tell ask work call try need feel become
leave put mean let begin seem help talk turn start run move live believe hold bring happen write provide sit stand lose
pay meet learn change lead understand watch stop create speak read allow add spend grow open walk win offer remember
love consider appear buy wait serve send expect build stay fall cut reach remain suggest raise pass sell require report
decide pull explain fix check handle manage solve reduce improve increase agree refuse miss drop switch compare map
track trace test review set plan prepare share sort""".split())
_EN_BEFORE_BASE_VERB = frozenset("i we you they he she to can could would will should must may might shall and or n't "
                                  "didn't don't "
                                  "couldn't wouldn't won't can't doesn't never".split())
_EN_ADJECTIVES = frozenset("""stuck awful terrible bad good great nice huge big small high low hard easy clear happy unhappy slow
fast quick busy fine okay awesome amazing better worse best worst dead empty wrong right sure able whole full""".split())
_EN_AFTER_VERB_ING = frozenset("it them him her this that out up the a an to with through".split())
_EN_FIRST_PERSON = frozenset({"i", "we", "i'm", "i've", "we'd", "i'd", "we've"})
_EN_BEFORE_VERB_ING = frozenset("i we they he she it was were am is are be been kept keep started stopped were "
                                "being".split())
_EN_NUMBER_WORDS = frozenset("two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty "
                             "sixty seventy eighty ninety hundred thousand million half dozen".split())
_EN_SETTING_BEFORE = frozenset({"at", "during", "from", "into", "on", "in", "within", "near", "across", "outside",
                                "inside", "around", "behind", "under"})
_EN_INSTRUMENT_BEFORE = frozenset({"with", "for", "using", "via", "through", "by"})
_EN_FINDING = re.compile(r"\b(turned out(?: to be)?|turns out|trac(?:ed|ing) (?:it|this|that|the \w+) (?:back )?to|"
                         r"c(?:a|o)me from|coming from|caused by|"
                         r"because of|due to|came down to|the cause was|root cause|found|noticed|realised|realized|"
                         r"discovered)\b", re.IGNORECASE)
_EN_PROBLEM = frozenset("""broke broken failed failing crashed crashing error errors bug bugs defect defects missing late
delayed wrong leak leaking complaint complained angry upset refused cancelled canceled stuck lost overdue slow
dropping dead leaks faulty worn flat blocked jammed expired""".split())
_EN_PEOPLE = frozenset("""patient patients resident doctor doctors nurse nurses customer customers client clients
boss manager managers team colleague colleagues passenger passengers buyer buyers user users family parents friend
friends lead supervisor director engineer engineers staff someone guy guys person people member members driver drivers
agent agents caller callers owner owners""".split())
_EN_VERB_FORMS = frozenset("""did built led made wrote ran took gave found set chose taught brought sent spent kept held
began got met told saw drew won put cut sold bought paid became rewrote rebuilt redesigned proposed offered created
introduced launched fixed added moved changed started used ran""".split())


@dataclass(frozen=True)
class Salient:
    """A noun phrase of the answer as written, with how much the candidate stressed it."""

    text: str
    score: float
    sentence: int


def salient_phrases(answer: str, language: str) -> list[Salient]:
    """The answer's noun phrases, most stressed first; a phrase inside another of its sentence once."""
    sents = sentences(answer, language)
    found = [p for i, s in enumerate(sents) for p in (_ko_phrases(s, i) if language == "ko" else _en_phrases(s, i))]
    found = [_with_repetition(p, found, language) for p in found]
    ranked = sorted(found, key=lambda p: (-p.score, p.sentence))
    kept: list[Salient] = []
    for phrase in ranked:
        if not any(phrase.text == k.text or phrase.sentence == k.sentence and _overlaps(phrase.text, k.text)
                   for k in kept):
            kept.append(phrase)
    return kept


def most_salient(answer: str, language: str, count: int = 2) -> list[str]:
    """The `count` most stressed phrases of the answer, as written, and one more that ties with the last of them
    (two things stressed alike are both named, rather than one picked by position)."""
    ranked = [p for p in salient_phrases(answer, language) if p.score > 0]
    top = ranked[:count]
    tied = [p for p in ranked[count:count + 1] if top and top[-1].score - p.score <= NEAR_TIE]
    return [p.text for p in top + tied]


def _overlaps(a: str, b: str) -> bool:
    flat_a, flat_b = a.replace(" ", "").lower(), b.replace(" ", "").lower()
    return flat_a in flat_b or flat_b in flat_a


def _with_repetition(phrase: Salient, found: list[Salient], language: str) -> Salient:
    """A phrase gains when one of its content words comes back elsewhere in the answer ("충전 인프라" … "충전기")."""
    words = [w for w in phrase.text.lower().split() if len(w) >= (2 if language == "ko" else 4)]
    stems = {w[:-1] if language == "en" and w.endswith("s") else w for w in words}
    others = " ".join(p.text.lower() for p in found if p is not phrase and not _overlaps(p.text, phrase.text))
    again = any(stem in others for stem in stems if language == "en" or _is_content_ko(stem))
    return Salient(phrase.text, phrase.score + REPEATED_BONUS * again, phrase.sentence)


def _is_content_ko(word: str) -> bool:
    return word not in _KO_GENERIC and word not in _KO_TIME


# ---- Korean -------------------------------------------------------------------------------------------------


def _words_ko(sentence: str) -> list[list[Token]]:
    """The sentence's morphemes grouped by 어절 (the spaces of the text)."""
    groups: list[list[Token]] = []
    last_end = -1
    for tok in tokens(sentence, "ko"):
        if tok.tag in ("SF", "SP", "SE", "SS", "SO", "SW") or tok.tag.startswith("S") and tok.tag not in _KO_NOUN:
            last_end = -1
            groups.append([])  # punctuation closes a phrase
            continue
        if groups and groups[-1] and tok.start == last_end:
            groups[-1].append(tok)
        else:
            groups.append([tok])
        last_end = tok.start + tok.length
    return [g for g in groups]


def _noun_part(word: list[Token]) -> tuple[list[Token], list[Token]]:
    """(the noun morphemes at the start of an 어절, what follows them); a verb with no ending after it is a noun
    the analyser split wrongly."""
    if not word:
        return [], word
    # a Korean verb always ends its 어절 with an ending; without one ("캐/VV 시/EP", "인터럽/NNG 트/VV") the analyser
    # split a loanword
    if not any(t.tag in _KO_ENDINGS for t in word) and all(t.tag in _KO_NOUN or t.tag.startswith(("VV", "VA", "EP"))
                                                           for t in word) and len(word) > 1:
        return [Token("".join(t.form for t in word), "NNG", word[0].start,
                      word[-1].start + word[-1].length - word[0].start)], []
    if word[0].tag not in _KO_NOUN:
        return [], word
    i = 0
    while i < len(word) and word[i].tag in _KO_NOUN:
        i += 1
    return word[:i], word[i:]


@dataclass(frozen=True)
class _Context:
    """Where a phrase stands in its sentence."""

    own: bool            # the candidate is named as acting before it ("제가 … 대조표를 만들어")
    after_finding: bool  # it comes after "알고 보니", "보니까", "원인은" …: what it turned out to be
    problem: bool        # the sentence says something went wrong (고장, 누락, 미뤄진 …)
    opening: bool        # the first sentence, without a predicate: the direct answer
    following: tuple[Token, ...]  # the next two 어절
    next_text: str = ""  # the sentence's next few words as written


def _ko_phrases(sentence: str, index: int) -> list[Salient]:
    words = _words_ko(sentence)
    found = _KO_FINDING.search(sentence)
    problem = bool(has(sentence, _KO_PROBLEM, "ko"))
    has_predicate = any(t.tag.startswith(("VV", "VA", "XSV", "XSA", "VCP")) for w in words for t in w
                        if _noun_part(w)[1] or t.tag == "VCP")
    out: list[Salient] = []
    run: list[list[Token]] = []
    own = False
    for position, word in enumerate(words):
        own = own or any(t.tag == "NP" and t.form in _KO_FIRST_PERSON for t in word)
        nouns, tail = _noun_part(word)
        if not nouns:
            run = []
            continue
        if nouns[-1].form in _KO_SETTING_NOUNS and len(nouns) == 1:
            run = []  # "신규 때 야간 근무": the time word ends the scene before it, and is no part of what follows
            continue
        run.append(nouns)
        if not tail and position + 1 < len(words) and _noun_part(words[position + 1])[0]:
            continue  # the phrase goes on in the next 어절
        following = tuple(t for w in words[position + 1:position + 3] for t in w)
        end = word[-1].start + word[-1].length
        context = _Context(own, found is not None and run[0][0].start >= found.end(), problem,
                           index == 0 and not has_predicate, following, sentence[end:end + _KO_NEAR_CHARS])
        phrase = _ko_phrase(sentence, run, tail, context)
        if phrase is not None:
            out.append(Salient(phrase[0], phrase[1], index))
        run = []
    return out


def _ko_phrase(sentence: str, run: list[list[Token]], tail: list[Token], context: _Context) -> tuple[str, float] | None:
    """One Korean phrase and its score, or None when it names nothing (a time, a generic word, a predicate)."""
    morphemes = [t for w in run for t in w]
    light = bool(tail) and (tail[0].tag in ("XSV", "XSA") or tail[0].tag.startswith("VV") and tail[0].form in
                            _KO_LIGHT_VERBS)
    if light:  # "설명드렸", "협상하는": the last noun is the predicate
        morphemes = morphemes[:-1]
    heads = [t for t in morphemes if t.tag in _KO_HEAD and t.form not in _KO_GENERIC and t.form not in _KO_TIME]
    if not heads or any(t.tag in ("SN", "NR") for t in morphemes[:1]):
        return None  # nothing named, or a quantity ("삼 주", "두 시간"): numbers are named by the reading
    while morphemes[0].form in _KO_GENERIC or morphemes[0].tag not in _KO_HEAD:
        morphemes = morphemes[1:]  # "처음 제시가": the name starts at its first content word
    first, last = morphemes[0], morphemes[-1]
    words = sentence[first.start:last.start + last.length].split()
    while len(words) > 1 and words[-1] in _KO_TRAILING:
        words.pop()  # "캐시 만료 시간 설정 문제" names its thing without "문제"
    text = " ".join(words[:MAX_WORDS])  # a Korean compound's specific part comes first
    if len(text.replace(" ", "")) < 2:
        return None
    score = _ko_role(tail, morphemes)
    if score == INSTRUMENT and any(t.form in _KO_CHANGE for t in context.following):
        score = OBJECT + FINDING_BONUS  # "장면으로 다시 찍었더니": what the candidate changed it to, the turning point
    stuck_there = bool(tail[:1]) and tail[0].form == "에서" and bool(has(context.next_text, _KO_PROBLEM, "ko"))
    if stuck_there:
        score = SUBJECT  # "통관에서 이 주 동안 묶였어요": where it went wrong, not the scene
    if score == OBJECT and _light_verb_next(context.following) and len(morphemes) == 1:
        score = OTHER  # "전화를 드렸어요", "보고를 했고": the act itself, not a thing acted on
    if score >= OBJECT and context.own:
        score += OWN_ACTION_BONUS
    if context.after_finding and score >= SUBJECT:
        score += FINDING_BONUS
    negated = any(t.form in ("안", "못", "않") for t in context.following)  # "내용을 이해 못 하셔서"
    if (context.problem and score == SUBJECT) or negated or stuck_there:
        score += PROBLEM_BONUS  # "냉장고가 고장 난", "인덱스를 안 타고": what went wrong
    score += OPENING_BONUS * context.opening + NAMED_BONUS * any(t.tag in _KO_NAMED for t in morphemes)
    setting = last.form in _KO_SETTING_NOUNS or bool(context.following) and context.following[0].form in \
        _KO_SETTING_NOUNS or any(t.form == "에서" for t in tail[:1]) and not stuck_there
    score -= SETTING_PENALTY * setting
    people = any(t.form in _KO_PEOPLE for t in morphemes[-2:]) and not any(t.tag in _KO_NAMED for t in morphemes)
    return text, score - PERSON_PENALTY * people


def _light_verb_next(following: tuple[Token, ...]) -> bool:
    return bool(following) and following[0].tag.startswith("VV") and following[0].form in _KO_LIGHT_VERBS


def _ko_role(tail: list[Token], morphemes: list[Token]) -> float:
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
    if head.tag == "JX":
        return TOPIC
    if head.tag in ("JKB", "JC"):
        if head.form in _KO_COMITATIVE:
            return COMITATIVE
        if head.form in _KO_RECIPIENT:
            return 0.0
        return INSTRUMENT if head.form in _KO_INSTRUMENT else OTHER
    return OTHER


# ---- English ------------------------------------------------------------------------------------------------


def _en_phrases(sentence: str, index: int) -> list[Salient]:
    text = _EN_FILLERS.sub(" ", sentence.replace("’", "'"))
    text = re.sub(r"\b(a|an|the)\s*,[\s,]*(?=(a|an|the)\b)", "", text)  # "a, uh, an EV": the restart only
    text = re.sub(r"(\w)\s*,[\s,]*,", r"\1,", text)
    words = list(_EN_WORD.finditer(text))
    lows = [w.group(0).lower() for w in words]
    lows = [w if not (w.endswith("ing") and (k and lows[k - 1] in _EN_BEFORE_VERB_ING or k + 1 < len(lows) and
                                            lows[k + 1] in _EN_AFTER_VERB_ING)
                      or w in _EN_BASE_VERBS and (k == 0 or lows[k - 1] in _EN_BEFORE_BASE_VERB)) else "doing"
            for k, w in enumerate(lows)]  # "kept creeping", "sorting it out", "to follow": verbs ("running app", "a plan")
    first_verb = next((k for k, w in enumerate(lows) if _en_verb(w) or w in ("i", "we", "is", "was", "were", "are",
                                                                             "doing")), len(lows))
    cues = [m.end() for m in _EN_FINDING.finditer(text)]
    finding = cues[0] if cues else len(text) + 1
    problem = any(w in _EN_PROBLEM for w in lows)
    out: list[Salient] = []
    i = 0
    while i < len(words):
        if not _en_content(lows[i]):
            i += 1
            continue
        j = i
        while j + 1 < len(words) and (_en_content(lows[j + 1]) or _en_link(lows, j + 1)):
            j += 1
        while j > i and (lows[j] in _EN_LINKS or lows[j] in _EN_ARTICLES or lows[j] in _EN_NUMBER_WORDS):
            j -= 1  # "bins in two (days)": a trailing count belongs to the next thing
        gap = text[words[i - 1].end():words[i].start()] if i else ""
        context = _Context(any(w in _EN_FIRST_PERSON for w in lows[:i]), words[i].start() >= finding, problem,
                           index == 0 and i < first_verb, ())
        # right after "turned out", "came from": what it turned out to be, whatever word comes between
        right_after = any(0 <= words[i].start() - end <= _EN_CUE_GAP for end in cues)
        phrase = _en_phrase(text, words, lows, (i, j), context, "," in gap or "." in gap, right_after)
        if phrase is not None:
            out.append(Salient(phrase[0], phrase[1], index))
        i = j + 1
    return out


def _en_content(word: str) -> bool:
    adverb = word.endswith("ly") and len(word) > 4 and word not in _EN_LY_WORDS  # "randomly", not "monthly"
    return (not word.endswith("n't") and not adverb and word not in _EN_STOP and word not in _EN_ADJECTIVES and word not in _EN_LINKS and not _en_verb(word)
            and (len(word) > 1 or word.isdigit()))


def _en_link(lows: list[str], k: int) -> bool:
    """"of"/"for"/"with" (and an article after one) joins two content runs: "humidity in the dry room"."""
    if lows[k] in _EN_LINKS:
        nxt = [w for w in lows[k + 1:k + 3] if w not in _EN_ARTICLES][:1]
        return bool(nxt) and _en_content(nxt[0])
    return lows[k] in _EN_ARTICLES and k > 0 and lows[k - 1] in _EN_LINKS


def _en_verb(word: str) -> bool:
    return word in _EN_VERB_FORMS or (len(word) > 4 and word.endswith("ed") and not word.endswith("eed"))


def _en_phrase(text: str, words: list[re.Match], lows: list[str], span_at: tuple[int, int], context: _Context,
               after_pause: bool, right_after: bool) -> tuple[str, float] | None:
    """One English phrase and its score, from the words before it."""
    i, j = span_at
    while j > i and j - i >= MAX_WORDS + 2 and any(lows[k] in _EN_LINKS for k in range(i + 1, j)):
        j = max(k for k in range(i + 1, j) if lows[k] in _EN_LINKS) - 1  # "X for Y in Z": cut at the last link
        while j > i and lows[j] in _EN_ARTICLES:
            j -= 1
    content = [w for w in lows[i:j + 1] if _en_content(w)]
    if not content or all(w.isdigit() or w in _EN_NUMBER_WORDS for w in content):
        return None
    before = [w for w in lows[:i] if w not in _EN_SKIP_BEFORE]
    prev = before[-1] if before else ""
    score = COMPLEMENT if right_after else _en_role(prev, context.own, i > 0 and not after_pause, i)
    if context.after_finding and score >= SUBJECT:
        score += FINDING_BONUS
    negated = any(w.endswith("n't") or w in ("not", "never", "no") for w in lows[max(0, i - 4):i])
    went_wrong = context.problem and any(w in _EN_PROBLEM for w in lows[j + 1:j + 4])
    if went_wrong or negated:
        score += PROBLEM_BONUS  # "whose car was stuck", "didn't include the user's locale"
    named = any(w.group(0)[:1].isupper() and k > 0 or w.group(0).isupper() and len(w.group(0)) > 1
                for k, w in enumerate(words[i:j + 1], start=i) if lows[k] not in ("i",))
    score += OPENING_BONUS * context.opening + NAMED_BONUS * named
    if lows[j] in _EN_PEOPLE or lows[j].rstrip("s") in _EN_PEOPLE:
        score -= PERSON_PENALTY * (not named)
    if any(w.isdigit() or w in _EN_NUMBER_WORDS for w in lows[i:j + 1]):
        score += NAMED_BONUS  # "nine thousand bins": a counted thing
    return text[words[i].start():words[j].end()], score


def _en_role(prev: str, own: bool, mid_clause: bool, position: int) -> float:
    """The weight of a phrase's role, read from the word before it (English has no particles)."""
    if _en_verb(prev) or prev in ("did", "do", "doing", "include", "includes", "change", "fix", "build"):
        return OBJECT + OWN_ACTION_BONUS * own
    if prev in ("is", "was", "be", "been"):
        return COMPLEMENT
    if prev in _EN_SETTING_BEFORE:
        return OTHER - SETTING_PENALTY * (prev != "in" or position < 3)
    if prev in _EN_INSTRUMENT_BEFORE:
        return OBJECT + OWN_ACTION_BONUS if own else COMITATIVE  # "I spent two days with their embassy"
    return SUBJECT if mid_clause else OTHER
