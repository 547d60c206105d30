"""The report's sentences in Korean and English (the interview's language picks one)."""
from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "ko": {
        "strength_result": "행동의 결과를 분명히 말했습니다.",
        "strength_numbers": "숫자로 근거를 들어 설득력이 있습니다.",
        "strength_role": "본인이 맡은 역할과 한 일이 분명합니다.",
        "strength_topic": "질문의 핵심({tag})에 직접 답했습니다.",
        "strength_answered": "질문에 성실하게 답했습니다.",
        "improve_evasive": "모르는 질문이라도 아는 범위, 비슷한 경험, 알아볼 방법을 말해 보세요.",
        "improve_missing": "상황·과제·행동·결과 중 {parts}이(가) 빠졌습니다. 이야기 순서로 채워 보세요.",
        "improve_numbers": "기간, 인원, 성과 같은 숫자를 넣으면 더 구체적입니다.",
        "improve_short": "답변이 짧습니다. 예시 하나와 결과까지 1분 안팎으로 말해 보세요.",
        "improve_relevance": "질문과의 연결이 약합니다. 질문이 묻는 것({topic})을 첫 문장에서 답하세요.",
        "improve_fillers": "'{word}' 같은 군말이 {count}번 나왔습니다. 잠깐 멈추는 편이 더 자신 있어 보입니다.",
        "improve_close": "마지막에 배운 점이나 지원 직무와의 연결로 마무리해 보세요.",
        "unanswered": "답변하지 않은 질문입니다.",
        "parts": {"situation": "상황", "task": "과제", "action": "행동", "result": "결과"},
        "summary": "{answered}/{total}개 질문에 답했고 종합 점수는 {score}점입니다. 가장 좋은 답변은 {best}번, "
                   "가장 보완할 답변은 {worst}번입니다.",
        "rubric_explained": "질문별 점수는 다섯 기준(질문 관련성, 직무 관련성, 구조, 구체성, 충실도)의 0~100점을 "
                            "가중 평균한 값입니다. 답하지 않았거나 회피한 답변(예: '잘 모르겠습니다')은 10점 이하입니다. "
                            "종합 점수는 질문별 점수의 평균입니다.",
        "relevance_question": "질문이 묻는 주제(질문 은행의 키워드)와 질문의 낱말을 답변이 다루는 정도",
        "relevance_job": "지원 직무에서 쓰는 낱말과 주제를 답변이 다루는 정도",
        "structure": "경험 질문은 상황→과제→행동→결과(STAR)가 있는지, 그 밖의 질문은 근거와 예시로 짜였는지",
        "specificity": "숫자(기간, 인원, 성과), 본인의 역할, 구체적인 도구나 이름이 있는지",
        "completeness": "답변의 분량: 너무 짧지도 장황하지도 않은지",
    },
    "en": {
        "strength_result": "You stated the result of what you did.",
        "strength_numbers": "Numbers back up your claim.",
        "strength_role": "Your own role and actions are clear.",
        "strength_topic": "You addressed the core of the question ({tag}).",
        "strength_answered": "You answered the question.",
        "improve_evasive": "Even when you do not know, say what you do know, a similar experience, or how you would find out.",
        "improve_missing": "The {parts} part of situation–task–action–result is missing; tell it as a story.",
        "improve_numbers": "Add numbers (time, team size, outcome) to make it concrete.",
        "improve_short": "The answer is short: give one example and its result, about a minute long.",
        "improve_relevance": "The link to the question is weak: answer what it asks ({topic}) in the first sentence.",
        "improve_fillers": "The filler '{word}' came {count} times; a short pause sounds more confident.",
        "improve_close": "Close with what you learned or how it fits the job.",
        "unanswered": "This question was not answered.",
        "parts": {"situation": "situation", "task": "task", "action": "action", "result": "result"},
        "summary": "You answered {answered} of {total} questions; overall score {score}. Best answer: question "
                   "{best}; most room to improve: question {worst}.",
        "rubric_explained": "Each question's score is the weighted mean of five criteria scored 0–100 (relevance to "
                            "the question, relevance to the job, structure, specificity, completeness). An unanswered "
                            "or evasive answer (\"I don't know\") scores 10 or less. The overall score is the mean of "
                            "the question scores.",
        "relevance_question": "how much the answer covers what the question asks (the question bank's topics and its words)",
        "relevance_job": "how much the answer uses the words and topics of the job",
        "structure": "for experience questions situation → task → action → result (STAR); otherwise reasons and an example",
        "specificity": "numbers (time, people, outcomes), the candidate's own role, named tools or names",
        "completeness": "length: neither too short nor rambling",
    },
}


def say(language: str, key: str, **values: object) -> str:
    """The sentence `key` in `language`, with its {slots} filled."""
    return str(TEXT[language][key]).format(**values)
