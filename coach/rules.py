"""The embedded judge: scores one answer by rules and the question bank's intent, with quoted feedback. No LLM.

Each criterion is 0–100 and the question's score is their weighted mean (`WEIGHTS`); an unanswered or
evasive answer is capped at EVASIVE_CAP whatever else it holds. Every strength and improvement quotes a
sentence (or word) of the answer verbatim, so the candidate sees exactly what the point is about.
"""
from __future__ import annotations

import re

from coach.interview import AskedQuestion
from coach.metrics import AnswerMetrics
from coach.schema import CriterionScores, Feedback, QuestionAssessment, StarCheck
from coach.text import language_of, sentences, shorten, syllables, tokens
from coach.wording import TEXT, say
from llm.question_bank import TAG_WEIGHT, scored
from llm.question_data import Question

WEIGHTS = {"relevance_question": 0.30, "relevance_job": 0.10, "structure": 0.20, "specificity": 0.20,
           "completeness": 0.20}
EVASIVE_CAP = 10  # highest score of an evasive answer
MIN_UNITS = {"ko": 12, "en": 6}  # syllables / words below which an answer says nothing
EVASIVE_MAX_UNITS = {"ko": 40, "en": 25}  # an "I don't know" longer than this is an answer that admits a gap
# (units, completeness score) steps: the first step the answer stays under gives its score
LENGTH_STEPS = {"ko": ((15, 10), (40, 40), (80, 70), (700, 100)), "en": ((8, 10), (25, 40), (50, 70), (400, 100))}
RAMBLING_SCORE = 80
FILLERS_NOTED = 3  # fillers in one answer worth an improvement

EVASIVE = {
    "ko": re.compile(r"모르겠|모릅니다|글쎄|생각이\s*(잘\s*)?안\s*나|기억이\s*(잘\s*)?안|패스|답변(하기|드리기)?\s*어렵|없는\s*것\s*같"),
    "en": re.compile(r"\bi\s+(do\s*n[o']?t|dont)\s+know\b|\bno\s+idea\b|\bnot\s+sure\b|\bcan'?t\s+(think|remember)\b|\bpass\b",
                     re.I),
}
STAR = {
    "ko": {
        "situation": re.compile(r"당시|때|시절|프로젝트|회사에서|인턴|학기|동아리|팀에서|근무|상황|고객"),
        "task": re.compile(r"목표|맡|역할|과제|책임|담당|해야\s*(했|하는)|문제"),
        "action": re.compile(r"(개선|도입|분석|설계|구현|제안|진행|개발|조율|설득|정리|자동화|작성|시도|적용|정리|구축|협의|공유)"
                             r"(했|하였|해서|하여|하고|하며|한)|직접|먼저"),
        "result": re.compile(r"결과|덕분|(줄|늘|높|낮)(였|었|일|아)|향상|개선(되|됐)|달성|성공|%|퍼센트|배\s*(로|이상|빨)|배웠|성과|만족"),
    },
    "en": {
        "situation": re.compile(r"\b(when|while|during|at my|in my|last year|project|customer)\b", re.I),
        "task": re.compile(r"\b(goal|task|responsible|role|needed to|had to|challenge|problem)\b", re.I),
        "action": re.compile(r"\bi\s+(built|led|designed|implemented|analy[sz]ed|proposed|created|wrote|organi[sz]ed|"
                             r"introduced|automated|talked|worked|set up|reviewed|fixed)\b", re.I),
        "result": re.compile(r"\b(result|reduced|increased|improved|saved|grew|achieved|learned|cut)\b|%", re.I),
    },
}
NUMBERS = re.compile(r"\d|[일이삼사오육칠팔구십백천만두세네]\s?(명|개월|년|개|건|배|시간|주|퍼센트|곳|번)|"
                     r"\b(one|two|three|four|five|six|seven|eight|nine|ten|twenty|hundred|thousand|percent)\b", re.I)
OWN_ROLE = re.compile(r"제가|저는|직접|제\s*역할|\bI\b|\bmy role\b|\bmyself\b")
NAMED = re.compile(r"[A-Za-z][A-Za-z+#.]{1,}")  # tools and names written in Latin letters (in a Korean answer)


def judge(question: AskedQuestion, metrics: AnswerMetrics | None, job_name: str, job_tags: tuple[str, ...],
          language: str) -> QuestionAssessment:
    """The assessment of one question's answer."""
    answer = (question.answer or "").strip()
    if not answer:
        return QuestionAssessment(
            index=question.index, answered=False, score=0, scores=CriterionScores(
                relevance_question=0, relevance_job=0, structure=0, specificity=0, completeness=0),
            star=StarCheck(situation=False, task=False, action=False, result=False), strengths=[],
            improvements=[Feedback(point=say(language, "unanswered"), quote="")])
    spoken_in = language_of(answer)  # an answer may be in another language than the interview: judge it in its own
    units = syllables(answer) if spoken_in == "ko" else len(tokens(answer))
    evasive = units < MIN_UNITS[spoken_in] or (
        EVASIVE[spoken_in].search(answer) is not None and units <= EVASIVE_MAX_UNITS[spoken_in])
    star = StarCheck(**{part: bool(rx.search(answer)) for part, rx in STAR[spoken_in].items()})
    q_hits, q_coverage = _relevance(Question("q", question.intent.asks, question.intent.kind, question.intent.tags), answer)
    j_hits, _ = _relevance(Question("job", job_name, "common", job_tags), answer) if job_tags else (0, 0.0)
    scores = CriterionScores(
        relevance_question=_clamp(35 * q_hits + 150 * q_coverage + (0 if question.intent.tags else 30)),
        relevance_job=_clamp(30 + 25 * j_hits) if job_tags else 50,
        structure=_structure(star, len(sentences(answer)), question.intent.wants_story),
        specificity=_clamp(40 * bool(NUMBERS.search(answer)) + 30 * bool(OWN_ROLE.search(answer))
                           + 30 * bool(spoken_in == "ko" and NAMED.search(answer))
                           + 30 * bool(spoken_in == "en" and len(tokens(answer)) > 40)),
        completeness=_completeness(units, spoken_in),
    )
    if evasive:
        scores = CriterionScores(**{k: min(v, EVASIVE_CAP) for k, v in scores.model_dump().items()})
    score = round(sum(WEIGHTS[k] * v for k, v in scores.model_dump().items()))
    score = min(score, EVASIVE_CAP) if evasive else score
    strengths = [] if evasive else _strengths(answer, star, question.intent.tags, spoken_in, language)
    improvements = _improvements(answer, star, scores, evasive, question.intent.wants_story, metrics, language)
    return QuestionAssessment(index=question.index, answered=not evasive, score=score, scores=scores, star=star,
                              strengths=strengths[:4], improvements=improvements[:4])


def _relevance(target: Question, answer: str) -> tuple[int, float]:
    """(tag hits, share of the question's word pieces the answer holds), from the question bank's own scoring."""
    value = scored([target], answer)[0][1]
    hits = int(value // TAG_WEIGHT)
    return hits, value - hits * TAG_WEIGHT


def _structure(star: StarCheck, sentence_count: int, wants_story: bool) -> int:
    parts = sum(star.model_dump().values())
    if wants_story:
        return 25 * parts
    return _clamp(20 * parts + 20 * (sentence_count >= 2) + 20 * (sentence_count >= 3))


def _completeness(units: int, language: str) -> int:
    for limit, value in LENGTH_STEPS[language]:
        if units < limit:
            return value
    return RAMBLING_SCORE


def _strengths(answer: str, star: StarCheck, tags: tuple[str, ...], spoken_in: str, language: str) -> list[Feedback]:
    found: list[Feedback] = []
    rules = STAR[spoken_in]
    if star.result:
        found.append(_quoted(language, "strength_result", answer, rules["result"]))
    if NUMBERS.search(answer):
        found.append(_quoted(language, "strength_numbers", answer, NUMBERS))
    if OWN_ROLE.search(answer) and star.action:
        found.append(_quoted(language, "strength_role", answer, rules["action"]))
    tag = next((t for t in tags if t.lower() in answer.lower()), None)
    if tag:
        found.append(_quoted(language, "strength_topic", answer, re.compile(re.escape(tag), re.I), tag=tag))
    return found or [Feedback(point=say(language, "strength_answered"), quote=shorten(sentences(answer)[0]))]


def _improvements(answer: str, star: StarCheck, scores: CriterionScores, evasive: bool, wants_story: bool,
                  metrics: AnswerMetrics | None, language: str) -> list[Feedback]:
    said = sentences(answer) or [answer]
    first, last = shorten(said[0]), shorten(said[-1])
    if evasive:
        return [Feedback(point=say(language, "improve_evasive"), quote=shorten(answer))]
    found: list[Feedback] = []
    missing = [TEXT[language]["parts"][p] for p, present in star.model_dump().items() if not present]  # type: ignore[index]
    if wants_story and missing:
        found.append(Feedback(point=say(language, "improve_missing", parts=", ".join(missing)), quote=last))
    if scores.relevance_question < 40:
        found.append(Feedback(point=say(language, "improve_relevance", topic=_topic(language)), quote=first))
    if not NUMBERS.search(answer):
        found.append(Feedback(point=say(language, "improve_numbers"), quote=shorten(max(said, key=len))))
    if scores.completeness < 70:
        found.append(Feedback(point=say(language, "improve_short"), quote=shorten(answer)))
    if metrics and metrics.filler_count >= FILLERS_NOTED:
        word, count = max(metrics.fillers.items(), key=lambda item: item[1])
        found.append(Feedback(point=say(language, "improve_fillers", word=word, count=count), quote=word))
    return found or [Feedback(point=say(language, "improve_close"), quote=last)]


def _quoted(language: str, key: str, answer: str, pattern: re.Pattern[str], **values: object) -> Feedback:
    """Feedback `key` quoting the first sentence that matches `pattern`."""
    sentence = next((s for s in sentences(answer) if pattern.search(s)), answer)
    return Feedback(point=say(language, key, **values), quote=shorten(sentence))


def _topic(language: str) -> str:
    return "질문의 핵심" if language == "ko" else "its core"


def _clamp(value: float) -> int:
    return int(max(0, min(100, round(value))))
