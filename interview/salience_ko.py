"""Korean noun phrases of an answer and how much each is stressed, read with kiwipiepy's tags word by word: an
어절 is a noun when its first morpheme is one and no ending follows a verb in it ("인터럽트" split as 인터럽/NNG +
트/VV is still a noun); the particle after a phrase gives its role (을/를 an object, 이/가 a subject, the copula a
complement)."""
from __future__ import annotations

import re

from interview.cues import has
from interview.salience_scores import (
    COMPLEMENT, FINDING_BONUS, MAX_WORDS, NAMED_BONUS, OBJECT, OPENING_BONUS, OTHER, OWN_ACTION_BONUS,
    PERSON_PENALTY, PROBLEM_BONUS, SETTING_PENALTY, SUBJECT, TOPIC, Context, Salient,
)
from interview.ko_nouns import KO_LIGHT_VERBS, KO_TIME, end_of, noun_part
from interview.salience_ko_words import (
    KO_HEAD, KO_INSTRUMENT, KO_PREDICATES, KO_SETTING_NOUNS, introduces, joins_next, ko_role, light_verb_next,
    means_of_a_turn, predicate_after, proposes, scene_clause, split_loanword, subject_next, words_ko,
)
from interview.salience_turns import (
    adverb_read_as_noun, background, counts_or_times, heard_before, labels_its_clause, nominalized, retrospective,
)
from interview.text import Token

_KO_NAMED = frozenset({"NNP", "SL", "SH"})
KO_GENERIC = frozenset({"경험", "사례", "본인", "것", "거", "점", "일", "말씀", "질문", "이유", "방법", "생각", "부분", "내용",
                         "자신", "무엇", "경우", "정도", "최근", "처음", "이야기", "얘기", "문제", "상황", "결과", "기억",
                         "별일", "그거", "이거", "저거", "사실", "진짜", "정말", "하나", "때문", "덕분", "다음", "제일",
                         "가장", "조금", "좀", "계속", "매일", "추가", "직접", "혹시", "나중", "바로", "재미", "욕심",
                         "그동안", "이후", "그때", "결국", "당시", "때", "때쯤", "다들", "모두", "여러분", "다행"})
_KO_PEOPLE = frozenset({"님", "분", "선생", "고객", "환자", "보호자", "친구", "팀장", "팀원", "동료", "사람", "선배", "후배",
                        "교수", "상사", "매니저", "담당자", "기사", "센터장", "사장", "부모", "가족", "아이", "학생",
                        "어머님", "아버님", "어머니", "아버지", "부모님", "할머니", "할아버지"})
# What it turned out to be, or what the candidate singles out: the phrases after these are the news.
_KO_FINDING = re.compile(r"보니까?|봤더니|원인은|원인이|밝혀|드러났|알게\s?됐|알게\s?되었|특히|무엇보다|핵심은|핵심이|결정적|"
                         r"(가장|제일)\s?많이|중요한\s?건|비결은|문제는\s|문제였")
# A sentence that says something went wrong: its subject is the problem the story turns on.
_KO_PROBLEM = ("고장", "오류", "불량", "실수", "누락", "지연", "불만", "위험", "사고", "장애", "에러", "버그", "빠진", "빠져",
               "미뤄", "안맞", "틀린", "튀는", "늦어", "밀려", "끊기", "끊겨", "깨져", "새는", "거부", "항의", "클레임", "컴플레인",
               "차이가", "차이났", "부족", "넘쳐", "막혀", "막혔", "느리", "느려", "묶였", "묶여", "멈췄", "멈춰", "중단", "끊긴",
               "끊겼", "떨어졌", "떨어져", "없었", "밀렸", "넘어서", "넘었", "초과", "문제였", "문제는 ")
# Verbs of change and redoing: "X(으)로" before them is what the candidate changed things to.
# A yardstick is passed ("등급 기준을 넘어서"): its object is the measure, its subject what went over it.
_KO_THRESHOLD = frozenset({"넘", "초과", "밑돌", "웃돌"})
# A verb of happening right after "X에서" ("충전기에서 난 거라서"): X is where it started, the source, not the scene.
_KO_ARISE = frozenset({"나", "생기", "발생"})
# What got better after what the candidate did ("만족도가 확 올랐어요"): the outcome they claim.
_KO_IMPROVED = frozenset({"오르", "올라가", "높아지", "좋아지", "나아지"})
# Verbs of being in something ("들어 있었던", "섞여 있었", "묻어 있었"): "X에 Y가 …" tells where Y was.
_KO_BEING_IN = frozenset({"있", "들", "섞이", "묻", "남"})
_KO_CHANGE = frozenset({"바꾸", "바뀌", "교체", "전환", "옮기", "다시", "변경"})
_KO_NEAR_CHARS = 12  # how far after a phrase its predicate is looked for ("통관에서 이 주 동안 묶였어요")
_KO_TRAILING = frozenset({"문제", "부분", "쪽", "관련", "정도", "등", "쪽으로", "때문", "때문에", "덕분", "덕분에", "덕에"})
# "욕창 초기 같다고 (말씀드렸어요)", "과로라고 판단했어요": what the candidate judged it to be, a finding.
_KO_HAPPENED = re.compile(r"^\s?(있었|있어서|생겼|생겨|터졌|터져|났|나서|발생)")  # "(따돌림 문제가) 있었어요"
_KO_CAUSE_NEXT = re.compile(r"^\s?(원인|이유)(이었|였|이더|이라|입니|이에요)")  # "(금형 마모가) 원인이었고"
# Korean's cleft: "(코디 세트로) 묶은 게 핵심이었고", "(장마가) 결정적이었어요": what the candidate calls the key.
# "(절삭유 온도를) 의심한 게 전환점이었어요", "(일본어로) 먼저 사과드린 게 제일 컸어요", "(반발이) 정말 컸어요": what made
# the difference or weighed most (a few words between, none of them another object: "(팔로워 수보다) 댓글 분위기를 본 게" names 댓글 분위기)
_KO_KEY_NEXT = re.compile(r"^\s?((?![가-힣]*[을를]\s)[가-힣]+\s){0,3}?[가-힣]*(게|것이|건|거)?\s?((핵심|결정적|포인트|비결|전환점|관건)"
                          r"(이었|였|입니|이에요|이라)|(제일|가장)\s?(컸|크게|중요했|효과)|(정말|진짜|너무|엄청|굉장히)\s?(컸|심했))")
# The act the candidate found harder than another ("강아지보다 보호자분 진정시키는 게 훨씬 어려웠어요"): a nominalised
# clause (게), never a bare subject ("섭외가 제일 힘들었어요" announces the story)
_KO_HARD_ACT = re.compile(r"^\s?((?![가-힣]*[을를]\s)[가-힣]+\s){0,2}?[가-힣]*(게|것이)\s(훨씬|제일|가장|더)\s?(어려웠|힘들었|까다로웠)")
_KO_JUDGED = re.compile(r"^\s?(같다고|같아서|같았|인\s?것\s?같|(이)?라고\s?(판단|생각|보고|의심))")
_KO_INSTEAD = "대신"
# A demonstrative right before a phrase ("그 설명 하나로"): the candidate points back at what they told.
_POINTED_BACK = re.compile(r"(^|\s)(그|이)\s$")
# A sentence that tells what it came down to: "결국 …", "알고 보니 …".
_KO_CONCLUDING = re.compile(r"^\W*(결국|알고\s?보니)\s")
_KO_FIRST_PERSON = frozenset({"저", "제", "나", "내", "저희", "우리"})


# A predicate's dictionary form ("후진하다", "연결되다"): never the name of a thing, whatever the analyser tags it.
_KO_VERB_FORM = re.compile(r"[가-힣](하다|되다|시키다|당하다)$")


def ko_phrases(sentence: str, index: int) -> list[Salient]:
    """The sentence's noun phrases with their scores."""
    words = words_ko(sentence)
    found = _KO_FINDING.search(sentence)
    # "토크 값을 … 다르게 쓰고 있더라고요": what the candidate saw for themselves, told with -더-, is a finding
    seen = retrospective(words)
    heard = heard_before(words)  # "손주 결혼식이 석 달 뒤라는 얘기를 듣고": what the candidate learned
    problem = bool(has(sentence, _KO_PROBLEM, "ko"))
    has_predicate = any(t.tag.startswith(KO_PREDICATES) for w in words for t in w
                        if noun_part(w, sentence)[1] or t.tag == "VCP")
    out: list[Salient] = []
    run: list[list[Token]] = []
    own = False
    for position, word in enumerate(words):
        own = own or any(t.tag == "NP" and t.form in _KO_FIRST_PERSON for t in word)
        nouns, tail = noun_part(word, sentence)
        if not nouns and position + 1 < len(words) and adverb_read_as_noun(word, noun_part(words[position + 1],
                                                                                          sentence)[0]):
            nouns, tail = [Token(word[0].form, "NNG", word[0].start, word[0].length)], []
        if nouns and position + 1 < len(words) and split_loanword(word, tail, words[position + 1], sentence):
            nouns, tail = [Token(sentence[word[0].start:end_of(word)], "NNG", word[0].start,
                                 end_of(word) - word[0].start)], []
        if nouns and position + 1 < len(words) and _state_of_a_person(tail, words[position + 1], sentence):
            # "만취하신 손님이": the state that singles a person out is part of who they are, like "외국인 승객"
            nouns, tail = [Token(sentence[word[0].start:end_of(word)], "NNG", word[0].start,
                                 end_of(word) - word[0].start)], []
        if run and nominalized(word) and joins_next(words, position, sentence):
            nouns, tail = [Token(sentence[word[0].start:end_of(word)], "NNG", word[0].start,
                                 end_of(word) - word[0].start)], []
        if not nouns or position and counts_or_times(word, words[position - 1]):
            run = []  # "세 시쯤 CCTV에": the clock time is no part of the name after it
            continue
        if nouns[-1].form in KO_SETTING_NOUNS and len(nouns) == 1 or nouns[-1].form == _KO_INSTEAD:
            # "신규 때 야간 근무": the time word ends the scene before it, and is no part of what follows;
            # "오답노트 대신에", "쿠폰 대신 무료 설치를": the road not taken is dropped, what was done instead goes on
            # (not the object of "납기 조건을 바꿔 주는 대신": what a candidate gave in a trade may be the news)
            run = []
            continue
        run.append(nouns)
        if not tail and (joins_next(words, position, sentence) or position + 2 < len(words) and
                         nominalized(words[position + 1]) and joins_next(words, position + 1, sentence)):
            continue  # the phrase goes on in the next 어절 ("토기 만들기 체험을": through a verb made a noun)
        following = tuple(t for w in words[position + 1:position + 3] for t in w)
        end = word[-1].start + word[-1].length
        finding = run[0][0].start >= found.end() if found is not None else run[0][0].start >= seen or \
            run[0][0].start < heard
        predicate = predicate_after(words[position + 1:])
        context = Context(own, finding, problem, index == 0 and not has_predicate, following,
                          sentence[end:end + _KO_NEAR_CHARS], subject_next(words[position + 1:]),
                          predicate[0].form if predicate else "", introduces(predicate), proposes(predicate),
                          _object_before(words, position + 1 - len(run)),
                          any(t.tag == "JX" and t.form == "만" for w in words[:position + 1 - len(run)] for t in w),
                          _refused(words[position + 1:]))
        phrase = _ko_phrase(sentence, run, tail, context)
        # "국제진료센터 팀장이 되는 게 목표입니다": a complement after a clause that names its own thing labels that
        # clause (not "제일 힘들었던 건 야간 근무였어요", whose clause leaves the thing to the complement)
        label = tail[:1] and tail[0].tag == "VCP" and labels_its_clause(words[:position + 1 - len(run)])
        if phrase is not None and not label:
            out.append(Salient(phrase[0], phrase[1], index))
        run = []
    return out


def _ko_phrase(sentence: str, run: list[list[Token]], tail: list[Token], context: Context) -> tuple[str, float] | None:
    """One Korean phrase and its score, or None when it names nothing (a time, a generic word, a predicate)."""
    morphemes = [t for w in run for t in w]
    light = bool(tail) and (tail[0].tag in ("XSV", "XSA") or tail[0].tag.startswith("VV") and tail[0].form in
                            KO_LIGHT_VERBS)
    # "보니까 … 다들 이탈하더라고요": what the candidate saw others do, told with -더-, is the finding itself
    seen_done = light and tail[0].tag == "XSV" and context.after_finding and any(
        t.tag in ("EF", "EP", "EC") and t.form.startswith("더") for t in tail)
    if seen_done and morphemes[-1].tag in KO_HEAD and morphemes[-1].form not in KO_GENERIC:
        return morphemes[-1].form, COMPLEMENT + FINDING_BONUS  # the doing itself ("다들 포기하더라고요": 포기)
    if light:  # "설명드렸", "협상하는": the last noun is the predicate
        morphemes = morphemes[:-1]
    heads = [t for t in morphemes if t.tag in KO_HEAD and t.form not in KO_GENERIC and t.form not in KO_TIME]
    if not heads or any(t.tag in ("SN", "NR") for t in morphemes[:1]):
        return None  # nothing named, or a quantity ("삼 주", "두 시간"): numbers are named by the reading
    while morphemes[0].form in KO_GENERIC or morphemes[0].form in KO_TIME or morphemes[0].tag not in KO_HEAD:
        if _glued_to_head(morphemes):  # "재/XPN 구매율": one word with its prefix
            first, second = morphemes[0], morphemes[1]
            morphemes = [Token(first.form + second.form, second.tag, first.start, first.length + second.length),
                         *morphemes[2:]]
            break
        morphemes = morphemes[1:]  # "처음 제시가", "다음 날 오션뷰로": the name starts at its first content word
    first, last = morphemes[0], morphemes[-1]
    words = sentence[first.start:last.start + last.length].split()
    # the suffixes 씩 and 쯤 (XSN) mark a count or a time: "두 시간씩", "하나씩 전화", "3시쯤 CCTV" name what follows
    counted = [k for k, w in enumerate(words) if w.endswith(("씩", "쯤"))]
    words = words[counted[-1] + 1:] if counted else words
    if not words:
        return None
    while len(words) > 1 and words[-1] in _KO_TRAILING:
        words.pop()  # "캐시 만료 시간 설정 문제" names its thing without "문제"
    text = " ".join(words[:MAX_WORDS])  # a Korean compound's specific part comes first
    if len(text.replace(" ", "")) < 2 or _KO_VERB_FORM.search(text):
        return None  # too short to name anything, or a verb the analyser took for a noun ("후진하다 난 사고")
    score = ko_role(tail, morphemes)
    named_as = [t.form for w in run for t in w][-1]
    if named_as in ("때문", "덕분", "덕") or tail[:1] and tail[0].tag == "JKS" and _KO_CAUSE_NEXT.match(context.next_text):
        score = SUBJECT + FINDING_BONUS  # "장마 때문에", "업그레이드 덕분에", "마모가 원인이었고": the cause of it
    elif named_as == "문제" and tail[:1] and tail[0].tag == "JKS" and _KO_HAPPENED.match(context.next_text):
        score += PROBLEM_BONUS + FINDING_BONUS  # "따돌림 문제가 있었어요": named as the problem itself
    word_end = (tail or run[-1])[-1]
    rest = sentence[word_end.start + word_end.length:]
    compared = bool(tail[:1]) and tail[0].form == "보다"  # "강아지보다": what it was harder than
    if _KO_KEY_NEXT.match(rest) or _KO_HARD_ACT.match(rest) and not compared:
        score += 2 * FINDING_BONUS
    if _KO_CONCLUDING.match(sentence) and tail[:1] and tail[0].tag == "VCP" and tail[-1].tag == "EF":
        score += 2 * FINDING_BONUS  # "결국 … 앨리어싱이었습니다": what it came down to, the sentence's last word
    if _KO_JUDGED.match(context.next_text):
        score = COMPLEMENT + FINDING_BONUS
    if not tail and context.following and context.following[0].tag.startswith(("VV", "VX")):
        # spoken Korean drops 을/를: "사진 찍는 법", "보고서 썼는데"; a VX opening an 어절 is a main verb the
        # analyser misread ("기록지 만드는 걸" as 만들/VX)
        score = OBJECT
    by_means = bool(tail[:1]) and tail[0].form in KO_INSTRUMENT
    if by_means and (means_of_a_turn(context.following) or _POINTED_BACK.search(sentence[:run[0][0].start])):
        # "그 사후관리 약속으로 계약했습니다": a thing pointed back at by 그 as what did it is the candidate's label
        score = OBJECT + FINDING_BONUS  # "트로트 얘기로 말문이 트였고": what opened the way, the turning point
    if by_means and (context.own or context.introduced) and not context.object_before and score < OBJECT:
        score = OBJECT  # "제가 … SBAR로 넘겼어요": the means of the candidate's own act is how they did it
    # "원래는 텍스트 위주였던 걸 … 바꿨어요": what things were before (a past copula before 던) is no fix
    former = bool(tail[:1]) and tail[0].tag == "VCP" and any(t.tag == "ETM" and t.form == "던" for t in tail)
    if not former and ((by_means or score == OBJECT) and (any(t.form in _KO_CHANGE for t in context.following) or
                                                          context.proposed) or
                       score == OBJECT and context.predicate in _KO_CHANGE):  # "완충재를 … 바꾸고": what was changed
        # "장면으로 다시 찍었더니", "가이드 각도를 바꾸자고": what the candidate changed (to), the turning point
        score = OBJECT + FINDING_BONUS
    # "통관에서 이 주 동안 묶였어요": where it went wrong; not a place before another subject ("라인에서 불량이 나왔")
    arose = bool(context.following) and context.following[0].form in _KO_ARISE
    # (not "고객분 앞에서 고장 원인을 보여 드린": a place before an object is where the candidate acted)
    stuck_there = bool(tail[:1]) and tail[0].form == "에서" and (bool(has(context.next_text, _KO_PROBLEM, "ko")) and
                                                                not context.subject_next and not any(
        t.tag == "JKO" for t in context.following) or arose)
    # "알고 보니 세척 세제에 인산염이 들어 있었던": what held what was found is part of the finding
    held = bool(tail[:1]) and tail[0].form == "에" and context.subject_next and context.after_finding and \
        context.predicate in _KO_BEING_IN
    if stuck_there or held:
        score = SUBJECT
    done = tuple(t for t in context.following if t.form not in ("안", "못"))  # "계산을 안 했어요": the act not done
    if score == OBJECT and (light_verb_next(done) and len(morphemes) == 1 or
                            context.following[:1] and context.following[0].form in _KO_THRESHOLD):
        score = OTHER  # "전화를 드렸어요", "보고를 했고": the act itself; "기준을 넘어서": the yardstick
    if score == SUBJECT and len(morphemes) == 1 and light_verb_next(done):
        return text, OTHER  # "진행이 안 되더라고요": the act that failed, not a thing
    if score == SUBJECT and context.predicate in _KO_IMPROVED:
        score += FINDING_BONUS
    if score >= OBJECT and (context.own or context.introduced):  # "구간을 하나 더 만들었어요": what they brought in
        score += OWN_ACTION_BONUS
    if context.after_finding and score >= TOPIC:  # "알고 보니 교대마다 …": a topic-marked finding too
        score += FINDING_BONUS
    # "내용을 이해 못 하셔서"; "랩핑이 덜 된 게": what was left undone
    negated = any(t.form in ("안", "못", "않", "덜") for t in context.following)
    # (not "목장이 여름에 체세포수가 …", a whole before the part that went wrong)
    if (context.problem and score == SUBJECT and not context.subject_next) or negated or stuck_there:
        score += PROBLEM_BONUS  # "냉장고가 고장 난", "인덱스를 안 타고": what went wrong
    if negated and context.only_before and tail[:1] and tail[0].tag == "JX" and tail[0].form in ("은", "는"):
        score += 2 * FINDING_BONUS  # "수요만 생각하고 반납률은 계산을 안 했어요": the side left out is the mistake
    score += OPENING_BONUS * context.opening + NAMED_BONUS * any(t.tag in _KO_NAMED for t in morphemes)
    setting = last.form in KO_SETTING_NOUNS or bool(context.following) and context.following[0].form in \
        KO_SETTING_NOUNS or any(t.form == "에서" for t in tail[:1]) and not stuck_there or scene_clause(context) or \
        background(tail)
    score -= SETTING_PENALTY * setting
    head = [t.form for t in morphemes if t.tag != "XSN"][-1:]  # "가족 데이" names a day, "부모님" people
    people = (morphemes[-1].form in _KO_PEOPLE or head[0] in _KO_PEOPLE) and not any(t.tag in _KO_NAMED for t in morphemes) \
        and not (tail[:1] and tail[0].tag == "JKC")  # "팀장이 되는 게": the post the candidate aims at
    if people and context.refused and tail[:1] and tail[0].tag == "JKS":
        return text, score + PROBLEM_BONUS  # "섭외했던 이장님이 … 못 하겠다고": a party whose refusal the story turns on
    return text, score - PERSON_PENALTY * people


def _glued_to_head(morphemes: list[Token]) -> bool:
    """The first morpheme is written together with a content word after it, as one word: a prefix ("재/XPN 구매율",
    "점/NNG 증제" for 점증제) or a part of a compound ("주말근무"), which the name keeps."""
    if len(morphemes) < 2:
        return False
    first, second = morphemes[0], morphemes[1]
    return second.start == first.start + first.length and second.tag in KO_HEAD and second.form not in KO_GENERIC


def _refused(rest: list[list[Token]]) -> bool:
    """The clause's verb is negated: 못/안 right before the first verb after the phrase, before any ending."""
    flat = [t for w in rest for t in w]
    verb = next((k for k, t in enumerate(flat) if t.tag.startswith(("VV", "XSV", "E"))), len(flat))
    return 0 < verb < len(flat) and flat[verb - 1].tag == "MAG" and flat[verb - 1].form in ("못", "안")


def _object_before(words: list[list[Token]], start: int) -> bool:
    """An object (을/를) comes earlier in the clause of the 어절 at `start` ("그래프를 종이로 뽑아서": the means after
    it is only how that object was done)."""
    flat = [t for w in words[:start] for t in w]
    since = max((k for k, t in enumerate(flat) if t.tag == "EC" or t.tag == "SP"), default=-1)
    return any(t.tag == "JKO" for t in flat[since + 1:])


def _state_of_a_person(tail: list[Token], after: list[Token], sentence: str) -> bool:
    """A noun with 하다 made a modifier ("만취하신", "만취한": XSV/XSA, ETM) before a noun of people."""
    nouns_next = noun_part(after, sentence)[0]
    return len(tail) >= 2 and tail[0].tag in ("XSV", "XSA") and tail[-1].tag == "ETM" and \
        all(t.tag == "EP" for t in tail[1:-1]) and bool(nouns_next) and nouns_next[-1].form in _KO_PEOPLE
