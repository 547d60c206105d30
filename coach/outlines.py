"""A model-answer outline per question: what a strong answer covers, from the question's intent, in the job's terms."""
from __future__ import annotations

from coach.particles import josa

# intent → the steps of a strong answer; {job} is the candidate's job ("the role" / "지원 직무" when unknown)
OUTLINES: dict[str, dict[str, tuple[str, ...]]] = {
    "ko": {
        "self_introduction": ("한 문장으로 {job_as} 나는 누구인지", "가장 보여 주고 싶은 경험 하나와 그 안에서 본인의 역할",
                              "그 경험의 결과(숫자가 있으면 숫자로)", "그 경험이 이 회사의 {job} 일과 어떻게 이어지는지"),
        "motivation": ("이 회사와 {job} 직무를 고른 구체적인 이유(제품, 사업, 문화 중 하나)",
                       "그 이유와 맞닿은 본인의 경험 하나", "입사 후 처음 1~2년 동안 하고 싶은 일"),
        "experience": ("상황: 언제, 어디서, 어떤 일이었는지", "과제: 본인이 맡은 역할과 목표",
                       "행동: 본인이 직접 한 일을 순서대로", "결과: 무엇이 바뀌었는지와 배운 점"),
        "conflict": ("상황: 누구와 무엇 때문에 의견이 갈렸는지", "상대의 입장을 어떻게 확인했는지",
                     "본인이 제안하거나 조율한 방법", "결과와, 그 뒤로 {job_as} 바꾼 습관"),
        "failure": ("무엇을 하려다 어떻게 실패했는지(본인의 몫을 인정)", "실패 직후에 한 일",
                    "원인과 재발을 막으려고 바꾼 것", "그 뒤 비슷한 일에서 달라진 결과"),
        "strength": ("강점 하나를 한 단어로", "그 강점이 드러난 {job} 경험과 결과", "이 직무에서 그 강점이 쓰일 곳"),
        "weakness": ("실제 약점 하나(강점을 포장한 약점은 피하기)", "그 약점이 드러난 구체적인 순간",
                     "보완하려고 지금 하고 있는 일과 그 효과"),
        "future": ("{job_as} 3~5년 뒤의 구체적인 모습", "그 목표를 고른 이유", "입사 후 단계별 계획"),
        "technical": ("질문에 대한 결론 한 문장", "원리나 접근 순서를 단계별로", "직접 해 본 사례와 수치",
                      "대안과 그 장단점"),
        "reverse": ("직무나 팀에 대한 준비된 질문 하나", "그 질문을 하는 이유(본인의 관심과 연결)"),
        "general": ("결론을 첫 문장에", "이유 두세 가지", "{job} 경험에서 나온 예시 하나"),
    },
    "en": {
        "self_introduction": ("who you are as a {job}, in one sentence", "one experience you most want to show, and "
                              "your role in it", "its result (in numbers where you have them)",
                              "how it connects to the {job} work here"),
        "motivation": ("a specific reason for this company and the {job} role (product, business or culture)",
                       "one experience of yours that matches that reason",
                       "what you want to do in your first year or two"),
        "experience": ("situation: when, where, what was going on", "task: your role and the goal",
                       "action: what you did yourself, step by step", "result: what changed, and what you learned"),
        "conflict": ("situation: who disagreed with you about what", "how you found out their point of view",
                     "what you proposed or how you mediated",
                     "the outcome, and what you do differently as a {job} since"),
        "failure": ("what you tried and how it failed (own your part)", "what you did right after",
                    "the cause and what you changed so it cannot recur", "how a similar situation went afterwards"),
        "strength": ("one strength in a word", "a {job} experience that shows it, with its result",
                     "where it would help in this role"),
        "weakness": ("a real weakness (not a disguised strength)", "a concrete moment it showed",
                     "what you are doing about it and whether it helps"),
        "future": ("a concrete picture of yourself as a {job} in 3–5 years", "why that goal",
                   "the steps after joining"),
        "technical": ("the answer in one sentence", "the principle or your approach step by step",
                      "a case you handled yourself, with numbers", "alternatives and their trade-offs"),
        "reverse": ("one prepared question about the role or team", "why you ask it (link it to your interest)"),
        "general": ("your conclusion first", "two or three reasons", "one example from your {job} experience"),
    },
}
DEFAULT_JOB = {"ko": "지원 직무", "en": "the role"}


def outline(intent: str, language: str, job_name: str | None) -> list[str]:
    """The steps of a strong answer to a question of `intent`, in the candidate's job's terms."""
    steps = OUTLINES[language].get(intent, OUTLINES[language]["general"])
    job = (job_name or "").strip() or DEFAULT_JOB[language]
    job_as = josa(job, "으로/로") + "서" if language == "ko" else job  # "개발자로서", "개발엔지니어링으로서"
    return [step.format(job=job, job_as=job_as) for step in steps]
