"""Cue phrases per language that the reading looks for (Korean matched without spaces, English as words)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Cues:
    """One language's cue phrases; each tuple is matched as a whole (see `has`)."""

    repeat: tuple[str, ...]
    no_experience: tuple[str, ...]
    evasive: tuple[str, ...]
    never_thought: tuple[str, ...]     # "never thought about it", "can't remember": a dodge, never an experience
    preference: tuple[str, ...]        # likes and tastes: beside the point of a question about the work
    question_topics: tuple[str, ...]   # what candidates ask the interviewer about
    off_topic: tuple[str, ...]         # everyday topics that are not the interview
    work: tuple[str, ...]              # the world of work and study: a sign the answer is on the interview
    first_person: tuple[str, ...]
    situation: tuple[str, ...]
    task: tuple[str, ...]
    result: tuple[str, ...]
    lesson: tuple[str, ...]
    reason: tuple[str, ...]
    plan: tuple[str, ...]
    people: tuple[str, ...]
    motivation: tuple[str, ...]
    empty_promise: tuple[str, ...]     # "I will just work hard": says nothing on its own
    connectives: tuple[str, ...]


KO = Cues(
    repeat=("다시한번말씀", "다시말씀", "다시한번만", "못들었", "잘안들", "잘못들었", "다시설명", "한번더말씀",
            "질문이뭐", "질문을다시", "다시여쭤", "뭐라고하셨", "다시해주",
            # "한 번만 더 말씀해 주세요", "질문 한 번만 더 부탁드려도 될까요?": once more, asked for
            "한번만더말씀", "한번만더부탁", "한번더부탁", "한번만더해주", "한번더해주", "한번만다시", "질문한번",
            "질문을한번", "한번더들을", "한번더들려"),
    no_experience=("경험이없", "경험은없", "해본적이없", "해본적은없", "해본적없", "경험이아직없", "경험은아직없",
                   "경험해본적이없", "적이없습니다", "적은없습니다", "없어서말씀드리기", "경험이전혀", "경험은전혀",
                   "겪어본적이없", "해본일이없", "아직없습니다",
                   # nothing worth the name: "… 경험이라고 할 만한 건 없네요"
                   "라고할만한건없", "라고할만한게없", "라고할만한것은없", "라고할만한일은없", "라고할만한경험은없"),
    evasive=("모르겠", "잘모르", "패스", "넘어가", "글쎄요", "말씀드리기어렵", "말하기어렵", "생각이안나",
             "생각나지않", "기억이안나", "기억나지않", "딱히없", "특별히없", "별로없", "답하기곤란", "대답하기어렵",
             "비밀", "그건좀", "노코멘트", "다음질문", "생각해본적이없"),
    never_thought=("생각해본적이없", "생각해본적은없", "생각해본적없", "고민해본적이없", "고민해본적은없",
                   "기억이안나", "기억이안납", "기억나지않", "기억이나지않", "기억이잘안"),
    preference=("좋아해서", "좋아하거든", "더좋아", "재미있더라", "재밌더라", "재미있어서", "관심이더"),
    question_topics=("연봉", "급여", "월급", "처우", "복지", "야근", "근무시간", "출근", "재택", "팀분위기", "근무지",
                     "근무처", "주말근무", "야간근무", "교대근무", "발령",
                     "팀은", "팀구성", "입사하면", "입사후", "교육", "온보딩", "합격", "결과발표", "다음전형",
                     "면접결과", "몇명", "어떤일을", "기술스택", "스택", "휴가", "성과급", "인센티브", "회사는",
                     "부서", "면접관님", "채용절차", "발표는", "지방", "출장", "전근", "근무지역", "순환근무",
                     # the terms of the post itself: dress, shifts, contract, probation, commuting, housing
                     "복장", "유니폼", "교대", "근무형태", "수습", "정규직", "계약직", "출퇴근", "기숙사", "통근", "식대"),
    off_topic=("축구", "야구", "농구", "토트넘", "손흥민", "경기보", "날씨", "점심", "저녁메뉴", "맛집", "드라마",
               "영화", "주말에", "여행가", "게임하", "연예인", "아이돌", "주식", "코인", "로또", "강아지", "고양이",
               "비가", "덥네", "춥네", "배고프",
               # the trip to the interview and the building: small talk, not an answer
               "오는길", "길이막", "차가막", "주차", "로비에"),
    work=("프로젝트", "업무", "일을", "일하", "팀", "회사", "직무", "개발", "고객", "경험", "인턴", "학교", "수업",
          "동아리", "전공", "연구", "과제", "문제", "해결", "성과", "목표", "담당", "맡", "협업", "동료", "선배",
          "환자", "간호", "서비스", "제품", "시스템", "분석", "기획", "마케팅", "영업", "관리", "운영", "데이터",
          "코드", "설계", "테스트", "배포", "품질", "보고", "지원", "입사", "성장", "역량", "강점", "약점", "장점",
          "단점", "배웠", "배운", "노력", "개선", "실패", "갈등", "의견", "조율", "계획", "기술", "공부", "자격",
          "고객사", "매출", "회의", "리더", "책임", "기여", "전문", "직장", "근무", "병원", "병동", "상담",
          "조장", "반장", "회장", "총무", "주장"),
    first_person=("저는", "제가", "저희", "제", "저도", "저를", "저에게", "나는", "내가"),
    situation=("당시", "때", "에서근무", "인턴", "재직", "학기", "동아리", "프로젝트에서", "에서일", "작년",
               "년전", "당시에", "상황", "근무하", "에서", "중에"),
    task=("목표", "과제", "맡", "담당", "해야", "책임", "역할", "요청", "문제", "이슈", "필요"),
    result=("결과", "덕분", "줄였", "줄어", "줄었", "늘었", "늘어", "늘렸", "향상", "개선", "감소", "증가", "달성", "성공",
            "해결했", "해결되", "해결할수", "받았", "수상", "단축", "절감", "높였", "낮췄", "올렸", "완료", "출시",
            "마쳤", "성과", "효과", "만족", "통과", "합격", "선정", "끝냈"),
    lesson=("배웠", "배운", "깨달", "느꼈", "알게되", "교훈", "반성", "다음에는", "이후로는", "그뒤로"),
    reason=("때문", "이유", "계기", "왜냐", "그래서", "해서", "관심", "좋아", "싶어"),
    plan=("하겠", "싶습니다", "싶어", "계획", "목표", "앞으로", "입사하면", "입사후", "될것", "려고합"),
    people=("팀장", "팀원", "동료", "선배", "후배", "고객", "교수", "환자", "보호자", "상사", "매니저", "팀",
            "고객사", "사용자", "파트너", "협력사", "의사", "간호사"),
    motivation=("지원", "관심", "계기", "비전", "매력", "성장", "기여", "함께", "가고싶", "일하고싶", "입사"),
    empty_promise=("열심히하겠", "최선을다하", "열심히할", "노력하겠", "뽑아주시면", "잘하겠", "열정"),
    connectives=("그래서", "그런데", "하지만", "그결과", "덕분에", "따라서", "그리고", "이후", "먼저", "다음으로",
                 "그러나", "그때", "왜냐하면", "그러면서", "결국", "마지막으로"),
)

EN = Cues(
    repeat=("repeat", "say that again", "pardon", "come again", "didn't catch", "did not catch", "didn't hear",
            "rephrase", "one more time", "once more", "what was the question", "say it again", "sorry, what",
            "ask that again", "the question again"),
    no_experience=("no experience", "never done", "never had", "haven't had", "have not had", "haven't done",
                   "have not done", "never worked", "haven't worked", "never been", "not had the chance",
                   "haven't had the chance", "never really", "don't have experience", "do not have experience",
                   "don't have any experience", "not something i have done", "never managed", "never led",
                   "nothing i'd call", "nothing i would call", "nothing i'd really call", "nothing i would really call"),
    evasive=("don't know", "do not know", "not sure", "no idea", "i'll pass", "i will pass", "pass on this",
             "pass on that", "skip this", "skip that", "skip this one", "rather not", "can't say",
             "cannot say", "can't remember", "can't think", "cannot think", "nothing comes to mind",
             "prefer not", "next question", "no comment", "hard to say", "not really", "i guess",
             "don't really know", "do not really know", "not really sure", "where to start"),
    never_thought=("never thought about", "haven't thought about", "have not thought about", "can't remember",
                   "cannot remember", "don't remember", "do not remember"),
    preference=("i prefer", "i'd rather", "more interested in", "i really like", "i love", "so much fun"),
    question_topics=("salary", "pay", "compensation", "benefits", "bonus", "remote", "hybrid", "working hours",
                     "overtime", "the team", "team like", "tech stack", "stack", "onboarding", "training",
                     "next step", "next steps", "hear back", "results", "vacation", "holiday", "culture like",
                     "how many people", "growth opportunities", "promotion", "hiring process", "travel", "relocat",
                     "dress code", "uniform", "shift pattern", "shift patterns", "rota", "on-call", "probation",
                     "permanent contract", "fixed-term", "accommodation", "late shifts", "night shifts", "roster",
                     "staff housing", "employee housing"),
    off_topic=("football", "soccer", "baseball", "basketball", "tottenham", "match", "weather", "lunch",
               "dinner", "movie", "netflix", "tv show", "weekend", "vacation plans", "video game", "celebrity",
               "crypto", "stocks", "lottery", "my dog", "my cat", "raining", "so hot", "so cold", "hungry",
               "pets", "my apartment", "sofa", "traffic", "commute", "parking"),
    work=("project", "work", "worked", "team", "company", "role", "job", "customer", "client", "experience",
          "internship", "intern", "school", "university", "course", "class", "club", "major", "research",
          "problem", "solve", "solved", "result", "goal", "responsible", "colleague", "manager", "patient",
          "nurse", "service", "product", "system", "analysis", "plan", "marketing", "sales", "manage",
          "operation", "data", "code", "design", "test", "deploy", "quality", "report", "apply", "applied",
          "grow", "skill", "strength", "weakness", "learned", "learn", "improve", "improved", "fail", "failed",
          "conflict", "disagree", "agreed", "deadline", "technology", "study", "certificate", "revenue",
          "meeting", "lead", "led", "contribute", "career", "hospital", "ward", "built", "develop", "developed"),
    first_person=("i", "my", "me", "i'm", "i've", "i'd", "we", "our", "myself"),
    situation=("when", "while", "during", "at my", "last year", "ago", "at the time", "in my", "back then",
               "internship", "semester", "previous job", "situation"),
    task=("goal", "task", "responsible", "needed to", "had to", "assigned", "asked to", "problem", "issue",
          "challenge", "my job was", "my role"),
    result=("result", "as a result", "reduced", "increased", "improved", "cut", "saved", "grew", "achieved",
            "delivered", "launched", "shipped", "resolved", "fixed", "won", "finished", "completed", "dropped",
            "raised", "so that", "which meant", "outcome", "succeeded", "passed", "led to", "faster"),
    lesson=("learned", "learnt", "realized", "realised", "taught me", "lesson", "next time", "since then",
            "now i", "would do differently"),
    reason=("because", "reason", "why", "since", "so i", "that's why", "interested", "passion", "love", "drawn"),
    plan=("will", "would like", "want to", "plan", "goal", "hope to", "aim to", "going to", "in five years",
          "future"),
    people=("team", "manager", "colleague", "colleagues", "customer", "customers", "client", "clients",
            "professor", "patient", "patients", "boss", "lead", "stakeholder", "stakeholders", "users",
            "partner", "doctor", "nurses"),
    motivation=("apply", "applied", "interested", "mission", "vision", "grow", "contribute", "join", "because",
                "excited", "values", "drawn"),
    empty_promise=("work hard", "do my best", "give it my all", "hard worker", "passionate", "hire me"),
    connectives=("so", "then", "but", "because", "as a result", "after", "first", "finally", "however",
                 "which", "therefore", "when", "while", "afterwards"),
)

CUES = {"ko": KO, "en": EN}

# The candidate's own family in a sentence: an act or a detail told there is private life told beside the work.
OWN_FAMILY = {"ko": re.compile(r"와이프|남편|아내|집사람|조카|애기|저희\s?애|제\s?아이|우리\s?애|엄마|아빠|"
                               r"(저희|제|우리)\s?(딸|아들|둘째|큰애|첫째)|시어머니|시어머님"),
              "en": re.compile(r"\bmy (kids?|son|daughter|wife|husband|partner|mum|mom|dad|boyfriend|girlfriend)\b",
                              re.IGNORECASE)}

# A question put as a statement: "연봉이 어느 정도 되는지 궁금해서요", "I was wondering what the rota looks like".
_INDIRECT_ASK = {"ko": re.compile(r"지\s?(도|가|는)?\s?(궁금|알고\s?싶|여쭤\s?보고\s?싶)|"
                                  r"궁금(해서요|합니다|해요|한데요|하네요|했어요|했습니다)[.…\s]*$"),
                 "en": re.compile(r"\bi('m| am| was) (wondering|curious)\b|\bi('d| would) (like|love) to (know|ask)\b|"
                                  r"\bi (wanted|want) to ask\b", re.IGNORECASE)}


def asks_indirectly(sentence: str, language: str) -> bool:
    """The sentence asks the listener something without a question mark ("…되는지 궁금해서요")."""
    return _INDIRECT_ASK.get(language, _INDIRECT_ASK["en"]).search(sentence.strip()) is not None


_PAUSES = re.compile(r"[.,!?~…]+")
_NARRATED_DODGE = re.compile(r"\b(had|has)\s+no\s+idea\b", re.IGNORECASE)  # a state told in a story


def squash(text: str) -> str:
    """Korean text without spaces and punctuation, for cue matching that ignores word spacing."""
    return re.sub(r"[\s.,!?~…'\"]+", "", text)


@lru_cache(maxsize=512)  # the same reply is read against many cue lists
def _squashed_pieces(text: str) -> str:
    """The text's pieces between punctuation, each squashed, joined by a mark no cue holds: a cue read across a
    pause or a sentence break ("어… 제가" holds no "어제", "…요, 청주" no "요청") is no cue."""
    return "|".join(squash(piece) for piece in _PAUSES.split(text))


def dodge_words(text: str, phrases: tuple[str, ...], language: str) -> list[str]:
    """`has` for words of dodging: not where a story tells someone's state ("the owner had no idea", "I had no idea
    it was termites"), which dodges nothing asked now."""
    return has(_NARRATED_DODGE.sub(" ", text) if language == "en" else text, phrases, language)


def has(text: str, phrases: tuple[str, ...], language: str) -> list[str]:
    """The cue phrases found in `text`: substrings of the squashed text within one stretch between punctuation
    (ko), or whole words (en)."""
    if language == "ko":
        flat = _squashed_pieces(text)
        return [p for p in phrases if p in flat]
    low = _words(text)
    return [p for p in phrases if _words(p) in low]


def _words(text: str) -> str:
    """Lower-case words (apostrophes kept) between single spaces, for whole-word matching."""
    return " " + " ".join(re.sub(r"[^a-z0-9'%]+", " ", text.lower().replace("’", "'")).split()) + " "
