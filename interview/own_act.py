"""The candidate's own decisive act in a story ("그래서 금요일 오후에 발주를 한 번 더 넣는 걸로 바꿨고", "I made them
share one glossary"), said back in the interviewer's words ("금요일 오후에 발주를 한 번 더 넣는 걸로 바꾸셨다고",
"you made them share one glossary"), so that a follow-up shows it heard what the candidate did, not only the nouns
of the scene around it.

The act is a clause whose doer is the candidate (Korean: no other subject and no honorific -시-; English: "I", or
the verb of a series "I" began) and whose verb acts on something (an object, or a person or an office told:
"상황실에 먼저 알리고"). Of several, the one the candidate stressed ("그게 제일 중요하다고 생각했거든요", "the trick
I always use", one set against its foil: "환불하기보다는 …", the act a remark prefaces: "핵심이었는데, …") is said
back, else the first done with their own hands ("직접", "myself"), else the last act done before the outcome (not a
report of it that came after: "…전화해서 상황 말씀드렸고요"). A search that led to the finding ("영상을 다시 돌려
보니까 …", "찍어 보니까 … 떨어지고 있더라고요") is an act, a plain look ("장부를 보니까") is none. A Korean clause
chained to the act by -고 or -어서 with an act of its own ("센서 데이터를 보고 … 우선순위를 다시 짰어요", "점검표를
만들어서 파트장님께 드렸어요": the means is often the point) goes with it, unless the act begins what stayed after the
story ("…옮겼고, 그 뒤로는 …"); and so does an English act on "it" ("put the cones out and taped it off"). A cleft
("what actually worked was …", "what I did was get …") announces the act it stresses. The English reading is
interview/own_act_en.py; this module reads Korean.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from interview.cues import OWN_FAMILY
from interview.own_act_en import en_said_back
from interview.text import Token, kiwi, tokens

MAX_KO_CHARS = 48  # a longer act is said back from its last clause only, or not at all
_KO_PREDICATES = frozenset({"VV", "VV-R", "VV-I", "XSV", "VX", "VX-R", "VX-I"})
_KO_STEM_PARTS = frozenset({"VV", "VV-R", "VV-I", "XSV", "VX", "VX-R", "VX-I", "NNG", "NNP", "XR", "XPN", "MAG"})
# Endings inside one act: "기록하게 바꿨고", "뽑아 봤더니", "줄이도록 했고".
# A quoted request or report ("읽어 달라고 했어요") is one act with the verb that reports it.
_KO_INNER_ENDINGS = frozenset({"게", "어", "아", "지", "도록", "고자", "려고", "으려고", "라고", "다고", "자고", "냐고",
                               "으라고"})
_KO_CHAINING = ("고", "어서", "아서", "여서", "서")  # endings that chain an act to the next: "보고 … 짰어요", "만들어서 드렸어요"
_KO_SELF_WORDS = frozenset({"제가", "저는", "전", "저도", "나는", "내가"})
_KO_DISCOVERING = frozenset({"니", "니까", "더니", "으니", "으니까"})
_KO_NOMINALS = frozenset({"NNG", "NNP", "NNB", "NP", "NR", "XSN", "SL", "SN"})  # what a topic marker can follow
_KO_PAST = frozenset({"었", "았", "였", "ㅆ", "었었", "았었", "였었"})
_KO_PAST_ADNOMINAL = frozenset({"ᆫ", "은", "ㄴ"})  # "보여 드린 거예요": the act told as a cleft
# A sentence that tells what the candidate has done since ("그 뒤로는", "그다음부터"): its present tense is no routine.
_KO_CODA = re.compile(r"^\W*(그\s?뒤로|그\s?뒤부터|그\s?다음부터|그\s?이후로|이후로|그때부터|지금은)")
_KO_SELF = frozenset({"저", "제", "나", "내"})
_KO_TO_PERSON = frozenset({"에게", "한테", "께", "께서"})
# Verbs of telling, asking or reporting: done to an office as well as to a person ("상황실에 먼저 알리고").
_KO_TELLING = frozenset({"알리", "전하", "여쭈", "전화하", "연락하", "문의하", "신고하", "보고하", "요청하", "제보하"})
# What opens a clause without being part of the act: fillers, "그래서", punctuation, "결국".
_KO_OPENERS = frozenset({"IC", "MAJ", "SP", "SF", "SS", "SE", "SO", "SW"})
_CLEFT_REACH = 12  # morphemes from the act's start within which a cleft's "… 건" announces it
_KO_OPENING_ADVERBS = frozenset({"결국", "결국엔", "일단", "우선", "바로", "그냥", "사실"})
# Intransitive or outcome verbs that take no act even with an object-like phrase ("시간이 걸렸")
_KO_NOT_ACTS = frozenset({"되", "나", "생기", "줄", "늘", "몰리", "없", "있", "걸리", "오", "가", "나오", "보이", "알",
                          "모르", "생각하", "느끼", "듣", "좋아하", "싫어하", "원하", "싶"})
# The act done with the candidate's own hands ("직접"): said back unless another was stressed.
_KO_OWN_HAND = re.compile(r"직접")
# A plain look that leads to a finding ("장부를 보니까 금액이 달랐어요"): the finding is the point, not the look.
_KO_LOOKS = frozenset({"보", "확인하", "살피", "찾"})
# A remark on the act just told: it marks that act as the one the candidate stressed.
_KO_STRESS = re.compile(r"(제일|가장)\s?(중요|핵심|효과)|핵심이었|포인트였")
# What follows a stress remark when it prefaces the act ("핵심이었는데, …", "제일 중요했는데요, …").
_KO_PREFACE = re.compile(r"[가-힣]{0,3}는데(요)?[,\s]")
# The act set against what others did or the default: it is the one the candidate stressed ("저는 그냥 부탁하는
# 대신에, … 공정을 쪼갰어요", "상판을 떼지 않고, …").
_KO_CONTRAST = re.compile(r"대신(에)?[\s,]|지\s?않고[\s,]|지\s?말고[\s,]|(이|가)\s?아니라[\s,]|기보다(는)?[\s,]")


def said_back(sentences: tuple[str, ...], language: str) -> str | None:
    """The candidate's decisive act as the interviewer says it back (without a closing "다고 하셨는데" / "You said"),
    or None when the answer tells no act of the candidate's own."""
    return _ko_said_back(sentences) if language == "ko" else en_said_back(sentences)


@dataclass(frozen=True)
class _KoAct:
    """One act of a Korean answer: where it is, its morphemes, the act chained to it by -고 or -어서, its tense."""

    sentence_index: int
    end: int  # offset of its last morpheme in the sentence
    sentence: str
    clause: list[Token]
    chained: list[Token] | None
    past: bool


def _ko_said_back(sentences: tuple[str, ...]) -> str | None:
    acts: list[_KoAct] = []
    stressed: int | None = None
    own_hand_act: int | None = None
    read = [_ko_clauses(sentence) for sentence in sentences]
    for index, sentence in enumerate(sentences):
        family = OWN_FAMILY["ko"].search(sentence)  # an act told after the candidate's family is private life
        clauses = [c for c in read[index] if not family or c[-1].start < family.start()]
        coda = bool(_KO_CODA.match(sentence))  # "그 뒤로는 … 꼭 두 번 읽고 확인합니다": the change that stayed
        # a sentence that trails off before its verb ("피킹 동선을 바꿔서… ") goes on in the next one
        going_on = read[index + 1] if index + 1 < len(read) and read[index] and read[index][-1][-1].tag == "EC" else []
        for k, clause in enumerate(clauses):
            # a clause takes the tense of the verb its sentence ends on ("보고 … 짰어요"); one told in the present is
            # a routine ("운전 전에 공기압을 꼭 봅니다"), not what the candidate did in the story
            past = any(_past_mark(t) for later in [*clauses[k:], *going_on] for t in later)
            # "…옮겼고, 그 뒤로는 … 만들어서 씁니다": a coda may begin inside the sentence, and holds to its end
            starts_coda = bool(_KO_CODA.match(sentence[_act_start(clause):]))
            coda = coda or starts_coda
            if (past or coda) and _ko_is_act(clause):
                before = clauses[k - 1] if k and not starts_coda else None  # what stayed is told apart from the story
                chained = before if before and _ko_is_act(before) and _ends_in(before, *_KO_CHAINING) else None
                acts.append(_KoAct(index, clause[-1].start, sentence, clause, chained, past))
        own_hand = [n for n, a in enumerate(acts)
                    if a.sentence_index == index and _KO_OWN_HAND.search(sentence[a.clause[0].start:a.end + 1])]
        own_hand_act = _chained_into(acts, own_hand[0]) if own_hand and own_hand_act is None else own_hand_act
        contrast = _KO_CONTRAST.search(sentence)
        after_contrast = [n for n, a in enumerate(acts) if contrast and a.sentence_index == index
                          and a.end > contrast.end()]
        stressed = _chained_into(acts, after_contrast[0]) if after_contrast and stressed is None else stressed
        for remark in _KO_STRESS.finditer(sentence):
            # "그 부분이 핵심이었는데, … 첫 멘트를 새로 짰어요": a remark that prefaces an act stresses the act it leads to
            preface = _KO_PREFACE.match(sentence, remark.end())
            after = [n for n, a in enumerate(acts) if preface and a.sentence_index == index and a.end > remark.end()]
            before = [n for n, a in enumerate(acts)
                      if a.sentence_index == index and a.end < remark.start() or a.sentence_index == index - 1]
            stressed = _chained_into(acts, after[0]) if after and stressed is None else stressed
            stressed = before[-1] if before and stressed is None else stressed
    if not acts:
        return None
    # by default the last act, unless it only told someone ("고객사에 먼저 전화해서 상황 말씀드렸고요") after one done
    done = [n for n, a in enumerate(acts) if a.chained or any(t.tag == "JKO" for t in a.clause)]
    default = done[-1] if done else -1
    act = acts[stressed if stressed is not None else own_hand_act if own_hand_act is not None else default]
    said = _ko_say(act.sentence, (act.chained or []) + act.clause, act.clause, act.past)
    if said and len(said) > MAX_KO_CHARS and act.chained:
        said = _ko_say(act.sentence, act.clause, act.clause, act.past)
    return said if said and len(said) <= MAX_KO_CHARS else None


def _chained_into(acts: list[_KoAct], n: int) -> int:
    """The act that holds act `n` whole: the next one when `n` is chained into it by -고 or -어서 and both fit in one
    saying ("차를 직접 타고 출퇴근길 코스를 똑같이 달려 봤어요"), else `n`."""
    after = acts[n + 1] if n + 1 < len(acts) else None
    fits = after is not None and after.chained is acts[n].clause and (
        after.end - acts[n].clause[0].start <= MAX_KO_CHARS)
    return n + 1 if fits else n


def _past_mark(t: Token) -> bool:
    """A past tense, a past adnominal, or a finding recalled ("…떨어지고 있더라고요")."""
    return t.tag == "EP" and t.form in _KO_PAST or t.tag == "ETM" and t.form in _KO_PAST_ADNOMINAL or (
        t.tag == "EF" and t.form.startswith("더"))


def _ko_clauses(sentence: str) -> list[list[Token]]:
    """The sentence's morphemes cut after each connective or final ending that closes a predicate."""
    morphemes = tokens(sentence, "ko")
    clauses: list[list[Token]] = [[]]
    for k, t in enumerate(morphemes):
        clauses[-1].append(t)
        following = morphemes[k + 1].tag if k + 1 < len(morphemes) else ""
        # (a proposal "세우자고" may come as 자/EC + 고/MM: one inner ending)
        proposal = t.form == "자" and k + 1 < len(morphemes) and morphemes[k + 1].form == "고"
        if t.tag == "EF" or t.tag == "EC" and t.form not in _KO_INNER_ENDINGS and not following.startswith("VX") and (
                not proposal):
            clauses.append([])
    return [c for c in clauses if any(t.tag in _KO_PREDICATES for t in c)]


def _ko_is_act(clause: list[Token]) -> bool:
    """The candidate acts on something in this clause: a verb, an object or a person it is done to, no other
    subject, no honorific (someone else's doing), not a question."""
    verbs = [i for i, t in enumerate(clause) if t.tag in _KO_PREDICATES]
    last = verbs[-1]
    head = _ko_head(clause, last)
    if not any(clause[i].tag.startswith("VV") or clause[i].tag == "XSV" for i in verbs) or head in _KO_NOT_ACTS:
        return False
    if any(t.tag == "VX" and t.form == "않" or t.tag == "MAG" and t.form in ("안", "못") for t in clause):
        return False  # "세대를 끊기지 않고": what did not happen is no act
    after = clause[last + 1:]
    if any(t.tag == "EC" and t.form in ("다고", "라고") and k and clause[k - 1].tag == "EP" for k, t in enumerate(clause)):
        return False  # "열두 시간을 막았다고 하더라고요": a report of what was said, not an act
    if after and after[-1].tag == "EC" and after[-1].form in _KO_DISCOVERING and _only_looks(clause, last):
        return False  # "장부를 보니까 …": a plain look leads to the finding, and the finding is the point
    if any(t.tag == "EP" and t.form in ("시", "으시") for t in after) or any(t.tag == "SF" and t.form == "?" for t in after):
        return False
    before = clause[:last]
    has_object = any(t.tag == "JKO" and i and before[i - 1].tag != "NP" for i, t in enumerate(before))  # not "그걸"
    # a subject, or a topic beside an object ("바이어는 단가를 낮췄"), that is not the candidate: someone else acts
    doers = [clause[i - 1].form for i, t in enumerate(clause) if i and (t.tag == "JKS" or t.tag == "JX" and has_object
                                                                          and t.form in ("은", "는")
                                                                          and clause[i - 1].tag in _KO_NOMINALS)]
    if any(d not in _KO_SELF for d in doers):
        return False
    # done to a person with no object: a verb of telling or asking ("마샬한테 연락했어요"), not "한테 혼났어요"
    told = head.endswith("하") or head in ("드리", "묻", "물") or head in _KO_TELLING
    recipients = _KO_TO_PERSON | {"에"} if head in _KO_TELLING else _KO_TO_PERSON
    return has_object or told and any(t.tag == "JKB" and t.form in recipients for t in before)


def _only_looks(clause: list[Token], last: int) -> bool:
    """The clause's verb is a plain look ("혈청을 보니까"), not a try ("돌려 보니까", whose 보 is auxiliary)."""
    return clause[last].tag != "VX" and _ko_head(clause, last) in _KO_LOOKS


def _ko_head(clause: list[Token], last: int) -> str:
    """The verb the clause ends on, with the noun of a 하다 verb ("생각하")."""
    t = clause[last]
    if t.tag == "XSV" and last:
        return clause[last - 1].form + t.form
    return t.form


def _ends_in(clause: list[Token], *endings: str) -> bool:
    return clause[-1].tag == "EC" and clause[-1].form in endings


def _ko_say(sentence: str, opening: list[Token], clause: list[Token], past: bool) -> str | None:
    """The words from the first of `opening` (the act's morphemes, a chained clause's first) to the clause's verb,
    the verb put in the honorific past with -다고 (바꿨고 → 바꾸셨다고; a change that stayed, in the present:
    확인합니다 → 확인하신다고), without the opening filler, "그래서",
    "결국" or "제가"."""
    verbs = [i for i, t in enumerate(clause) if t.tag in _KO_PREDICATES]
    verb = clause[verbs[-1]]
    word_start = sentence.rfind(" ", 0, verb.start) + 1
    stem = [t for t in clause if word_start <= t.start <= verb.start and t.tag in _KO_STEM_PARTS]
    if not stem:
        return None
    ending = [("시", "EP"), ("었", "EP"), ("다고", "EC")] if past else [("시", "EP"), ("ᆫ다고", "EC")]  # 확인하신다고
    spoken = kiwi().join([(t.form, t.tag.split("-")[0]) for t in stem] + ending)
    start = _act_start(opening)
    words = sentence[start:word_start].split() if start < word_start else []
    # "저희 팀" is not the interviewer's team, and "제가" inside the act is the candidate said back as "you"
    words = [w for w in words if w not in ("저희", "제") and w.strip(",") not in _KO_SELF_WORDS]
    text = " ".join(words + [spoken]).replace("…", "").replace("...", "")
    contrasts = list(_KO_CONTRAST.finditer(text))  # "부탁하는 대신에, 팀을 돌리셨다고": what was done, not its foil
    text = text[contrasts[-1].end():] if contrasts else text
    return re.sub(r"\s+", " ", text).strip(" ,")


def _act_start(morphemes: list[Token]) -> int:
    """Where the act's own words begin: after fillers, "그래서", "결국", "요," and the candidate as subject."""
    k = 0
    while k < len(morphemes):
        t = morphemes[k]
        # (what is left of "…확정되고 나서는" after the clause before: no word of the act)
        if t.tag in _KO_OPENERS or t.tag == "MAG" and t.form in _KO_OPENING_ADVERBS or t.form == "요" or (
                t.tag.startswith(("J", "E")) or t.form in ("나서", "나") and t.tag in ("VV", "VX")):
            k += 1
        elif t.tag == "NP" and t.form in _KO_SELF and k + 1 < len(morphemes) and morphemes[k + 1].tag in ("JKS", "JX"):
            k += 2
        else:
            break
    cleft = next((j + 3 for j in range(k, min(k + _CLEFT_REACH, len(morphemes) - 2)) if _cleft_at(morphemes, j)), None)
    k = cleft if cleft is not None else k  # "제가 (제일 먼저) 한 건 …", "자신 있게 말씀드릴 수 있는 건, …": what follows
    while k < len(morphemes) and morphemes[k].tag in _KO_OPENERS:
        k += 1
    return morphemes[k].start if k < len(morphemes) else morphemes[-1].start


def _cleft_at(morphemes: list[Token], j: int) -> bool:
    """-ㄴ/-ㄹ + 것/거 + 은/는 at `j` ("한 건", "말씀드릴 수 있는 건"): the act is announced, then told."""
    adnominal, thing, topic = morphemes[j:j + 3]
    return adnominal.tag == "ETM" and thing.form in ("거", "것") and thing.tag == "NNB" and topic.tag == "JX"
