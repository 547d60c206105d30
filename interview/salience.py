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

from interview.cues import OWN_FAMILY
from interview.salience_en import EN_LINKS, en_phrases
from interview.salience_frames import KO_VERDICT, with_frames
from interview.salience_ko import KO_GENERIC, KO_TIME, ko_phrases
from interview.salience_scores import (
    FINDING_BONUS, NAMED_BONUS, NEAR_TIE, OBJECT, REPEATED_BONUS, STRESS_BONUS, Salient,
)
from interview.text import sentences, tokens

# Quotation marks around a phrase: its words are read as part of the sentence, and the phrase counts as named.
_QUOTED = re.compile(r"[‘“「『\"]([^’”」』\"]{2,40})[’”」』\"]")
# Straight single quotes around a Korean phrase ("'가족 데이'를 기획했어요") quote it as curly ones do.
_KO_STRAIGHT_QUOTED = re.compile(r"(?<![A-Za-z])'([^'\n]{2,40})'(?![A-Za-z])")
# What follows a Korean subject or topic ("분실물 쪽은 …", "DMA 설정이 …"), and what opens an English clause.
_KO_SUBJECT_AFTER = re.compile(r"^(\s?쪽)?(은|는|이|가)\s")
_EN_CLAUSE_OPENING = re.compile(r"(^|[,;]\s*|\b(?:but|and|so)\s+)((?:the|that|this|those|these|my|our)\s+)?$",
                                re.IGNORECASE)
# A Korean closing sentence the candidate speaks as the one acting or judging ("제가 끝까지 맡았습니다",
# "…이 제일 어려웠어요"), not one that reports how things turned out.
_KO_OWN_CLOSE = re.compile(r"(^|\s)(제가|저는|전|저도|제)\s|제일|가장|핵심|결정적")
# The candidate's response to what came before ("그래서 제가 …", "그걸 근거로 …"); a pause after "그래서 제가…"
# holds back the act it leads to.
_RESPONSE = re.compile(r"^\W*(?:(?P<so>그래서\s(?:제가|저는))|(?:그걸|이걸|그것을)\s(?:근거로|바탕으로))"
                       r"(?P<pause>…|\.\.\.)?(?=\s|$)")
_QUOTE_MARKS = re.compile(r"[‘’“”「」『』\"]")
# The candidate's sign-off ("이상입니다.", "That's it from me."): it ends the answer and names nothing in it.
_SIGN_OFF = re.compile(r"^(이상입니다|이상이에요|이상입니다만|그게\s?다입니다|that's (it|all)( from me)?|that is all)[.!]?$",
                       re.IGNORECASE)


def salient_phrases(answer: str, language: str) -> list[Salient]:
    """The answer's noun phrases, most stressed first; a phrase inside another of its sentence once."""
    answer = _KO_STRAIGHT_QUOTED.sub(r"‘\1’", answer) if language == "ko" else answer
    sents = [_QUOTE_MARKS.sub("", s) for s in sentences(answer, language) if not _SIGN_OFF.match(s.strip())]
    sents = _trailed_on(sents) if language == "ko" else sents
    quoted = [q.strip() for q in _QUOTED.findall(answer) if q.strip()]
    found = [p for i, s in enumerate(sents) for p in (ko_phrases(s, i) if language == "ko" else en_phrases(s, i))
             if not OWN_FAMILY["ko"].match(p.text)]  # "와이프", "조카 돌잔치": the candidate's family, an aside
    found = [Salient(p.text, p.score + NAMED_BONUS, p.sentence) if any(q in p.text or p.text in q for q in quoted)
             else p for p in found]  # a name the candidate put in quotes ("‘칠판 도우미’ 역할") is one they coined
    found = with_frames(sents, found, language)
    found = _first_response(_said_in_full(found), sents) if language == "ko" else found
    said = " ".join(sents).lower()
    found = [_with_repetition(p, found, said, language) for p in found]
    found = _came_back_to(found, sents, language)
    found = _narrowed(found) if language == "ko" else found
    ranked = sorted(found, key=lambda p: (-p.score, p.sentence))
    kept: list[Salient] = []
    for phrase in ranked:
        if not any(phrase.text == k.text or phrase.sentence == k.sentence and _overlaps(phrase.text, k.text)
                   for k in kept):
            kept.append(phrase)
    return kept


def most_salient(answer: str, language: str, count: int = 2, exclude: str = "", asked: str = "") -> list[str]:
    """The `count` most stressed phrases of the answer, as written, and one more that ties with the last of them
    (two things stressed alike are both named, rather than one picked by position); none holding `exclude`; a
    first phrase that only says back the words of the question `asked` is named second, after what the candidate
    brought."""
    ranked: list[Salient] = []
    for p in salient_phrases(answer, language):
        if exclude and exclude in p.text:
            # "guardrails (on floor 12)"; a Korean count modifies what follows it: "(3년치) 어획량 그래프"
            p = Salient(_before_number(p.text, exclude) if language == "en" else _without_number(p.text, exclude),
                        p.score, p.sentence)
        # "the two bags and the bags": an English phrase inside one already named adds nothing ("the loan car"
        # after "the car" does)
        inside = language == "en" and any(p.text.lower() in k.text.lower() for k in ranked)
        if p.score > 0 and p.text and not inside:
            ranked.append(p)
    if len(ranked) > 1 and _echoes(ranked[0].text, asked) and not _echoes(ranked[1].text, asked):
        ranked[0], ranked[1] = ranked[1], Salient(ranked[0].text, ranked[1].score, ranked[0].sentence)
    top = ranked[:count]
    tied = [p for p in ranked[count:count + 1] if top and top[-1].score - p.score <= NEAR_TIE]
    return [p.text for p in top + tied]


def _before_number(phrase: str, number: str) -> str:
    """What a phrase holding a number names before it: the thing before the preposition that leads to the number
    ("guardrails on floor 12" → "guardrails"), else the words before the number ("" when it starts the phrase)."""
    words = phrase.split()
    at = next((k for k, w in enumerate(words) if number.split()[0] in w), len(words))
    links = [k for k in range(at) if words[k].lower() in EN_LINKS]
    return " ".join(words[:links[-1] if links else at])


def _without_number(phrase: str, number: str) -> str:
    """A Korean phrase without the count that modifies it: a count before two words or more ("3년치 어획량 그래프"
    → "어획량 그래프") or after the counted thing ("user interview 12번" → "user interview"); "" when the number is
    the phrase's own ("1,200개 자동", "중2 학생": the figure's question names it)."""
    words = phrase.split()
    counts = [k for k, w in enumerate(words) if w.startswith(number.split()[0])]
    if not counts or any(number.split()[0] in w for k, w in enumerate(words) if k not in counts):
        return "" if number.split()[0] in phrase else phrase
    rest = [w for k, w in enumerate(words) if k not in counts]
    return " ".join(rest) if len(rest) >= 2 or counts == [len(words) - 1] and rest else ""


def _echoes(phrase: str, asked: str) -> bool:
    """Every word of the phrase is in the question (its words as written, spaces ignored)."""
    flat = asked.replace(" ", "").lower()
    return bool(flat) and all(w.lower() in flat for w in phrase.split())


def _overlaps(a: str, b: str) -> bool:
    """One phrase holds the other, and not as the start of a longer word ("동의" is not inside "동의서")."""
    short, long = sorted((a.lower(), b.lower()), key=len)
    if re.search(re.escape(short) + r"\w", long) and not re.search(re.escape(short) + r"(?!\w)", long):
        return False
    return short.replace(" ", "") in long.replace(" ", "")


def _said_in_full(found: list[Salient]) -> list[Salient]:
    """A Korean word that ends a longer word said before is that word again ("층분리가 났어요 … 분리가 나더라고요":
    a compound's head names the compound), and is named in full."""
    out = []
    for p in found:
        earlier = [q.text.split()[-1] for q in found if q.sentence < p.sentence and " " not in p.text]
        fuller = [w for w in earlier if len(w) > len(p.text) and w.endswith(p.text)]
        out.append(Salient(fuller[0], p.score, p.sentence) if fuller else p)
    return out


def _first_response(found: list[Salient], sents: list[str]) -> list[Salient]:
    """The candidate's decisive act, the first object of a "그래서 제가 …" or "그걸 근거로 …" sentence: what they put in
    place of what they could not use ("장소를 못 썼어요. 그래서 제가 근처 폐교를 섭외해서"), or, where they name
    nothing as what mattered ("…이 결정적이었어요"), what they did on what they found ("그걸 근거로 …") or after a
    pause ("그래서 제가… 소비자 설문을 200명 돌려서"); a plain "그래서 제가 …" is the story going on."""
    out = list(found)
    for index, sentence in enumerate(sents):
        response = _RESPONSE.match(sentence) if index else None
        if response is None:
            continue
        said = tokens(sents[index - 1], "ko")
        lost = any(a.tag == "JKO" and b.tag == "MAG" and b.form in ("못", "안") for a, b in zip(said, said[1:]))
        judged = any(KO_VERDICT.search(s) for k, s in enumerate(sents) if k != index)
        first = min(((sentence.find(p.text, response.end()), k) for k, p in enumerate(found) if p.sentence == index
                     and p.score >= OBJECT and sentence.find(p.text, response.end()) >= 0), default=None)
        if first is not None and (lost or not judged and (response.group("pause") or not response.group("so"))):
            k = first[1]
            out[k] = Salient(found[k].text, found[k].score + (FINDING_BONUS if lost else STRESS_BONUS), index)
    return out


def _trailed_on(sents: list[str]) -> list[str]:
    """A response that trails off after its subject ("그래서 제가... 소비자 설문을 200명 돌려서 …") is one sentence
    with what follows: the candidate is the one acting in it."""
    out: list[str] = []
    for sentence in sents:
        opener = _RESPONSE.match(out[-1]) if out else None
        if opener and not out[-1][opener.end():].strip(" .…"):
            out[-1] = out[-1][:opener.end()].rstrip(" .…") + "… " + sentence
        else:
            out.append(sentence)
    return out


def _narrowed(found: list[Salient]) -> list[Salient]:
    """A Korean word said bare and narrowed by what comes before it elsewhere ("승객이 300명 … 외국인 승객분들한테",
    "안부 전화를 … 전화가"): the narrowed phrase is the contrast the candidate drew, and it takes the bare word's
    place (never the pair of them named)."""
    out = list(found)
    for k, bare in enumerate(found):
        if " " in bare.text:
            continue
        fuller = next((j for j, p in enumerate(found) if " " in p.text and p.text.split()[-1].startswith(bare.text)
                       and bare.text not in p.text.split()[:-1]), None)
        if fuller is not None and bare.score > 0:
            out[fuller] = Salient(out[fuller].text, max(bare.score, out[fuller].score), out[fuller].sentence)
            out[k] = Salient("", 0.0, bare.sentence)
    return [p for p in out if p.text]


def _with_repetition(phrase: Salient, found: list[Salient], said: str, language: str) -> Salient:
    """A phrase gains when one of its content words comes back elsewhere in the answer ("충전 인프라" … "충전기"),
    as another phrase or said again in any form ("업그레이드해 드리고 … 업그레이드 덕분에", "a rebook … the rebook")."""
    words = [w for w in phrase.text.lower().split() if len(w) >= (2 if language == "ko" else 4)]
    stems = {w[:-1] if language == "en" and w.endswith("s") else w for w in words}
    others = " ".join(p.text.lower() for p in found if p is not phrase
                      and not (p.sentence == phrase.sentence and _overlaps(p.text, phrase.text)))
    again = any(stem in others or said.count(stem) >= 2 for stem in stems if language == "en" or _is_content_ko(stem))
    return Salient(phrase.text, phrase.score + REPEATED_BONUS * again, phrase.sentence)


def _came_back_to(found: list[Salient], sents: list[str], language: str) -> list[Salient]:
    """A thing said earlier and made the subject of the last sentence of a story ("분실물 처리가 … 분실물 쪽은 제가
    끝까지", "I pulled the comparables … The comparables did the talking") is what the candidate closes on:
    stressed (not one said again as an object or after a preposition: "rather than waiting for the next visit")."""
    count = len(sents)
    if count < 3 or language == "ko" and not _KO_OWN_CLOSE.search(sents[-1]):
        return found  # "그랬더니 해지 철회가 스물두 건 나왔어요": an outcome reported, the figure's own question
    closing = {_content_words(p.text, language)[-1] for p in found if p.sentence == count - 1 and
               _subject_of(p.text, sents[-1], language) and _content_words(p.text, language)}  # its head word
    earlier = {w for p in found if p.sentence < count - 1 for w in _content_words(p.text, language)}
    again = closing & earlier
    return [Salient(p.text, p.score + STRESS_BONUS, p.sentence) if again & set(_content_words(p.text, language))
            and p.score > 0 else p for p in found]


def _subject_of(phrase: str, sentence: str, language: str) -> bool:
    """The phrase is the subject or topic of its sentence: a Korean one before 은/는/이/가 ("분실물 쪽은"), an English
    one opening its clause ("The comparables did …", "…, but that goodbye ritual worked")."""
    at = sentence.find(phrase)
    if at < 0:
        return False
    if language == "ko":
        return bool(_KO_SUBJECT_AFTER.match(sentence[at + len(phrase):]))
    return bool(_EN_CLAUSE_OPENING.search(sentence[:at]))


def _content_words(text: str, language: str) -> list[str]:
    words = [w for w in text.lower().split() if len(w) >= (2 if language == "ko" else 4)]
    return [w for w in words if _is_content_ko(w)] if language == "ko" else words


def _is_content_ko(word: str) -> bool:
    return word not in KO_GENERIC and word not in KO_TIME
