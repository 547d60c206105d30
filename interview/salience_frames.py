"""Frames across sentences in which a candidate says what mattered (interview/salience.py): a short verdict that
points back ("폐기가 확 줄었어요. 그게 제일 뿌듯했어요", "그 튜닝이 제일 오래 걸렸어요") stresses what it points at, and
an admitted weakness or hedge ("승률 보는 방법은 좀 대충 했던 것 같기도 해요", "I wasn't sure the retry logic was
right") is what a good interviewer probes. A bare quantity ("2초", "300 ms") is never the thing named: figures
have their own question."""
from __future__ import annotations

import re

from interview.salience_scores import INSTRUMENT, OBJECT, STRESS_BONUS, Salient
from interview.text import tokens

# A verdict on what came before: the best, hardest, key or most memorable part.
KO_VERDICT = re.compile(r"제일|가장|핵심|결정적|포인트|비결|전환점|관건|기억에\s?남|뿌듯|보람|오래\s?걸렸|아쉬워|아쉬웠|아쉽")
# What the verdict points at: "그게 …", "이게 …", or "그 X이 …" (X said before, often as a verb: "튜닝해서").
_KO_POINTER = re.compile(r"^\W*(그게|그것이|그거|그건|그것은|이게|이것이|그\s(?P<noun>[가-힣]{2,}?)(이|가|은|는))\s")
# The candidate's act on what they point back at: "그 패턴 찾은 게 제일 컸어요" (a label, X, said here first).
_KO_POINTED_ACT = re.compile(r"^\W*그\s(?P<noun>[가-힣]{2,})\s[가-힣]+\s?(게|것이|건)\s")
# A closing line that only names what the candidate meant, pointing back, with no verb: "그 작업중지 요청이요."
_KO_NAMED_CLOSE = re.compile(r"^\W*그\s[가-힣A-Za-z\s]{2,30}?(이요|요)\W*$")
# The story's coda: what the candidate has done since ("그 뒤로는 무조건 현장 먼저 봅니다").
_KO_CODA = re.compile(r"^\W*(그\s?뒤로|그\s?이후로|그\s?다음부터|그때부터|그\s?후로|요즘은|지금은|지금도)(는|도)?\s")
_KO_FIRST_PERSON = frozenset({"저", "제", "나", "내", "저희", "우리"})
_KO_PREDICATE_TAGS = ("VV", "VA", "VX", "XSV", "XSA", "EP")
# A copula closing a verdict: "…근거였고요", "…핵심이었어요", "…이유입니다".
_KO_COPULA = re.compile(r"[가-힣](이었|였|입니|이에요|예요|이죠|이었죠|였죠)")
# A superlative pseudo-cleft: "제가 제일 먼저 한 건 …", "가장 힘들었던 건 …", "제일 심한 게 …" (not the adverb
# "제일 중요하게"): the first thing after it is the stress.
_KO_CLEFT = re.compile(r"(가장|제일|맨)(\s[가-힣]+){1,2}(\s?(건|것은|거는)|\s게|(?<=[한던은운된른인])게)\s")
# The candidate's own act as a cleft: "제가 한 건 … 사진으로 보여 드린 거예요": the focus is the phrase just before
# the verb that closes it (Korean puts the news right before the verb).
_KO_OWN_CLEFT = re.compile(r"(제가|저는|전|내가)\s[가-힣]+\s(건|것은|거는)\s")
_KO_CLEFT_CLOSE = re.compile(r"\s[가-힣]+\s?(거|것)(예요|에요|였|이었|입니)")
# A subject the candidate judges the hardest, biggest or most important: "DMA 설정이 제일 어려웠어요".
_KO_SUPERLATIVE = re.compile(r"[이가은는]\s(제일|가장)\s[가-힣]+(었|았|였|웠|했)")
# A clause ends at a comma, an ellipsis or a connective ending before a space: "…취재했는데요, …줘서… 결국 …".
_KO_CLAUSE = re.compile(r"[,…]|\.\.\.|(는데요?|지만|는데도)\s")
# An English sentence that only points back with a verdict: "That was the thing.", "That was the hard part, honestly."
_EN_POINTER = re.compile(r"^\W*(?:that|this|it)(?:'s|\s+was|\s+is)\s+(?:the|my)\s+(?:[\w-]+\s+){0,2}?(?:part|thing|"
                         r"bit|key|trick|difference|crux|turning point)\b[^,;]*?(?:,\s*\w+)?\W*$", re.IGNORECASE)
_EN_DEFINITE = re.compile(r"\b(?:the|that|this|those|these)\s+$", re.IGNORECASE)  # pointing back at a thing
_EN_HEAD = re.compile(r".*?(?=\s+(?:of|for|in|with|on|about)\s|$)", re.IGNORECASE)  # "knee operation (in March)"
_WHOLE = re.compile(r"(?!)")  # a sentence read as one clause
_EN_CLAUSE = re.compile(r"[,;]|\b(?:and|so|but|then)\s+(?:i|we)\b", re.IGNORECASE)
_HEDGE = {
    "ko": re.compile(r"대충|허술|미흡|아쉬웠|아쉬워|아쉬운\s?(점|부분)|확신이\s?(없|안)|자신이\s?없|잘\s?몰랐|긴가민가|같기도\s?해"),
    "en": re.compile(r"\b(wasn't|was not|not|never|weren't) (really |totally |entirely |fully )?(sure|confident|certain)\b|"
                     r"\bunsure\b|\bcut corners\b|\bin hindsight\b|\b(a bit|pretty|kind of|quite) (rough|rushed|sloppy|"
                     r"hacky|loose|shaky)\b|\bcould have done (it |that )?better\b", re.IGNORECASE),
}
# A figure with its unit and nothing else ("2초", "40분", "300 ms", "5cm"): a quantity, not a thing.
_QUANTITY = re.compile(r"^\s*[\d.,]+\s?([a-z%]{0,3}|[가-힣]{0,3})\s*$")


def with_frames(sentences: list[str], found: list[Salient], language: str) -> list[Salient]:
    """`found` with bare quantities left out and the bonus of each frame added to the phrase it stresses."""
    found = [p for p in found if not _QUANTITY.match(p.text)]
    bonus = [0.0] * len(found)
    for index, sentence in enumerate(sentences):
        hedge = _HEDGE.get(language, _HEDGE["en"]).search(sentence)
        if hedge and not (language == "ko" and _someone_else_acts(sentence[:hedge.start()])):
            for k, phrase in enumerate(found):
                bonus[k] += STRESS_BONUS * (phrase.sentence == index and phrase.score > 0)
        cleft = _KO_CLEFT.search(sentence) if language == "ko" else None
        # the first thing, not a manner said on the way ("제일 효과 좋았던 건 회사별로 채용 공고를 …")
        after = [(sentence.find(p.text, cleft.end()), k) for k, p in enumerate(found)
                 if cleft and p.sentence == index and p.score > INSTRUMENT]
        if any(at >= 0 for at, _ in after):
            bonus[min((at, k) for at, k in after if at >= 0)[1]] += STRESS_BONUS
        for k in _ko_focus(sentence, found, index, index == len(sentences) - 1) if language == "ko" else ():
            bonus[k] += STRESS_BONUS
        own_line = _ko_own_line(sentence, index == len(sentences) - 1) if index > 0 and language == "ko" else None
        if own_line is not None:
            mine = [k for k, p in enumerate(found) if p.sentence == index and p.score > 0]
            done = [k for k in mine if found[k].score >= OBJECT] if own_line else mine
            # with no object, the thing of a habit told in the present ("현장 먼저 봅니다"), not of a past outcome
            habit = not any(t.tag == "EP" for t in tokens(sentence, "ko"))
            target = min(done or mine * habit, key=lambda k: sentence.find(found[k].text), default=None)
            if target is not None:
                bonus[target] += STRESS_BONUS
        if index > 0:
            target = _pointed_at(sentences, found, index) if language == "ko" else _en_pointed_at(sentences, found,
                                                                                                 index)
            if target is not None:
                bonus[target] += STRESS_BONUS
                for k, phrase in enumerate(found):  # "그게 관건이었어요": the verdict's own label names nothing
                    if phrase.sentence == index and k != target:
                        bonus[k] -= phrase.score
    found = [Salient(p.text, p.score + b, p.sentence) for p, b in zip(found, bonus)]
    return _en_said_in_full(sentences, found) if language == "en" else found


def _en_said_in_full(sentences: list[str], found: list[Salient]) -> list[Salient]:
    """An English thing named again by its head after "the" or "that" ("a hip replacement … postponed the
    replacement") is the thing said before: that fuller phrase is stressed as much as the head said again."""
    scores = [p.score for p in found]
    for p in found:
        at = sentences[p.sentence].find(p.text)
        if at <= 0 or not _EN_DEFINITE.search(sentences[p.sentence][:at]):
            continue
        fuller = [k for k, q in enumerate(found) if q.sentence < p.sentence and len(q.text) > len(p.text)
                  and _EN_HEAD.match(q.text).group(0).lower().endswith(" " + p.text.lower())]
        if fuller:
            scores[fuller[-1]] = max(scores[fuller[-1]], p.score)
    return [Salient(p.text, score, p.sentence) for p, score in zip(found, scores)]


def _ko_own_line(sentence: str, closing: bool) -> bool | None:
    """A Korean line that says what the candidate stresses as theirs: True for the story's coda in which they are
    the one acting since ("그 뒤로는 무조건 현장 먼저 봅니다"; not "그 뒤로 반려 건이 없어졌어요", an outcome with its
    own subject), False for a verbless closing line naming what they meant ("그 작업중지 요청이요."), else None."""
    said = tokens(sentence, "ko")
    if closing and _KO_NAMED_CLOSE.match(sentence) and not any(t.tag.startswith(_KO_PREDICATE_TAGS) for t in said):
        return False
    coda = _KO_CODA.match(sentence)
    rest = tokens(sentence[coda.end():], "ko") if coda else ()
    subject = any(b.tag == "JKS" or b.tag == "JX" and b.form in ("은", "는", "도") and a.tag.startswith(("NN", "NP"))
                  and a.form not in _KO_FIRST_PERSON for a, b in zip(rest, rest[1:]))  # "그분은", "민원은"
    acts = any(t.tag.startswith("VV") or t.tag == "XSV" for t in rest) and not any(t.tag == "VCP" for t in rest)  # not "… 시그니처예요"
    return True if coda and acts and not subject else None


def _ko_focus(sentence: str, found: list[Salient], index: int, closing: bool) -> list[int]:
    """The phrases a Korean sentence puts in focus: the one just before the verb closing a cleft of the candidate's
    own act, and the subject of a superlative verdict the story closes on ("… 솔직히 DMA 설정이 제일 어려웠어요"; one
    that opens it, "로케 섭외가 제일 힘들었어요. 산림청 허가를 …", is a headline whose details follow)."""
    focus = []
    own = _KO_OWN_CLEFT.search(sentence)
    close = _KO_CLEFT_CLOSE.search(sentence, own.end()) if own else None
    if own and close:
        focus.append(_nearest_before(sentence, found, index, close.start() + 1, own.end()))
    judged = _KO_SUPERLATIVE.search(sentence) if closing and index else None
    if judged:
        focus.append(_nearest_before(sentence, found, index, judged.start() + 1))
    return [k for k in focus if k is not None]


def _pointed_at(sentences: list[str], found: list[Salient], index: int) -> int | None:
    """The phrase a Korean verdict points back at: "그 X이 …" names the phrase just before where X was said (its
    object: "칼만 필터를 직접 튜닝해서"); "그게 …" the first thing of the previous sentence's last clause."""
    pointer = _KO_POINTER.match(sentences[index]) or _KO_POINTED_ACT.match(sentences[index])
    if pointer is None or not KO_VERDICT.search(sentences[index][pointer.end():]):
        return None
    noun = pointer.group("noun")
    if noun and pointer.re is _KO_POINTED_ACT and not any(noun in s for s in sentences[:index]):
        noun = ""  # "그 패턴 찾은 게 제일 컸어요": a label first said here points at what was just told
    if noun:
        for earlier in range(index - 1, -1, -1):
            at = sentences[earlier].find(noun)
            if at >= 0:
                return _nearest_before(sentences[earlier], found, earlier, at + len(noun))
        # "user interview 12번 … 그 인터뷰가 제일 큰 근거였고요": said before in other words, the noun the verdict
        # names as what it was (a copula: not "그 회차가 제일 잘 나왔습니다", an outcome)
        if not _KO_COPULA.search(sentences[index][pointer.end():]):
            return None
        return next((k for k, p in enumerate(found) if p.sentence == index and p.text == noun), None)
    return _first_of_last_clause(sentences[index - 1], found, index - 1, _KO_CLAUSE)


def _en_pointed_at(sentences: list[str], found: list[Salient], index: int) -> int | None:
    """The phrase an English verdict that only points back stresses: the first thing of the previous sentence's last
    clause ("I added a five-minute huddle before each shift change. That was the thing." → the huddle)."""
    if not _EN_POINTER.match(sentences[index]):
        return None
    return _first_of_last_clause(sentences[index - 1], found, index - 1, _EN_CLAUSE)


def _first_of_last_clause(sentence: str, found: list[Salient], index: int, clause: re.Pattern[str]) -> int | None:
    """The first stressed phrase of the sentence's last clause (a clause ends where `clause` matches)."""
    clause_start = max((m.end() for m in clause.finditer(sentence)), default=0)
    in_clause = [(sentence.find(p.text, clause_start), k) for k, p in enumerate(found)
                 if p.sentence == index and p.score > 0 and sentence.find(p.text, clause_start) >= 0]
    return min(in_clause)[1] if in_clause else None


def _nearest_before(sentence: str, found: list[Salient], index: int, end: int, start: int = 0) -> int | None:
    """The phrase of the sentence (from `start`) that ends closest before `end` (the phrase itself when it holds
    the word)."""
    spans = [(sentence.find(p.text, start), k) for k, p in enumerate(found) if p.sentence == index and p.score > 0]
    before = [(at + len(found[k].text), k) for at, k in spans if 0 <= at < end]
    return max(before)[1] if before else None


def _someone_else_acts(before: str) -> bool:
    """Someone other than the candidate is the subject before a hedge word ("조카가 … 너무 대충 하길래": the
    nephew's sloppiness, no weakness the candidate admits)."""
    said = tokens(before, "ko")
    return any(b.tag == "JKS" and a.tag not in ("NP", "NNB") for a, b in zip(said, said[1:]))  # "…했다는 게"
