"""Questions from the candidate's résumé and the job posting: their projects, their skills, and the gaps."""
from __future__ import annotations

from functools import lru_cache

from interview.structure import projects, technologies
from interview.text import clean, detect_language, sentences
from llm.base import InterviewContext

MAX_TAILORED = 3  # résumé/posting questions per interview (the job's own set fills the rest)

_TEMPLATES = {
    "ko": {
        "project": "이력서에 {thing} 경험을 적어 주셨는데, 그 일에서 본인이 맡은 역할과 결과를 말씀해 주시겠어요?",
        "skill": "이력서에 {thing} 활용 경험이 있다고 적어 주셨는데, 실제로 어떤 문제를 풀 때 쓰셨나요?",
        "gap": "공고에서는 {thing} 역량을 요구하는데 이력서에서는 보이지 않습니다. 이 부분은 어떻게 준비하고 계신가요?",
    },
    "en": {
        "project": "Your résumé mentions {thing}. What was your own role in it, and how did it turn out?",
        "skill": "You list {thing} on your résumé. What's a real problem you solved with it?",
        "gap": "The posting asks for {thing}, which I don't see on your résumé. How are you preparing for that?",
    },
}


def tailored_questions(context: InterviewContext) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(kind, question, tags) built from the résumé and posting, the same every turn (so they are recognised);
    kind is "resume" (their projects and skills) or "gap" (what the posting asks that the résumé lacks)."""
    language = "en" if context.language == "en" else "ko"
    return _build(context.resume_text or "", context.job_posting_text or "", language)


@lru_cache(maxsize=64)
def _build(resume: str, posting: str, language: str) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    templates = _TEMPLATES[language]
    resume, posting = clean(resume), clean(posting)
    out: list[tuple[str, str, tuple[str, ...]]] = []
    resume_projects, resume_skills = _named(resume)
    if resume_projects:
        out.append(("resume", templates["project"].replace("{thing}", resume_projects[0]), (resume_projects[0],)))
    if resume_skills:
        out.append(("resume", templates["skill"].replace("{thing}", resume_skills[0]), (resume_skills[0],)))
    if posting:
        _, wanted = _named(posting)
        have = {s.lower() for s in resume_skills} | {w.lower() for w in resume.split()}
        gap = next((s for s in wanted if s.lower() not in have and s.lower() not in resume.lower()), None)
        if gap is not None:
            out.append(("gap", templates["gap"].replace("{thing}", gap), (gap,)))
    return tuple(out[:MAX_TAILORED])


def _named(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Projects and technologies a document names."""
    if not text:
        return (), ()
    language = detect_language(text)
    sents = sentences(text, language)
    return projects(sents, language), technologies(text, sents, language)
