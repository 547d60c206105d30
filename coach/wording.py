"""The report's sentences in Korean and English (the interview's language picks one; never mixed)."""
from __future__ import annotations

from coach.particles import josa

TEXT: dict[str, dict[str, str]] = {
    "ko": {
        "strength_result": "행동의 결과를 분명히 말했습니다.",
        "strength_numbers": "숫자({number})로 근거를 들어 설득력이 있습니다.",
        "strength_role": "본인이 맡은 역할과 한 일이 분명합니다.",
        "strength_action": "무엇을 어떻게 했는지 구체적으로 설명했습니다.",
        "strength_direct": "질문이 묻는 것에 첫 문장부터 바로 답했습니다.",
        "strength_named": "구체적인 이름({name})을 들어 말했습니다.",
        "improve_evasive": "모르는 질문이라도 아는 범위, 비슷한 경험, 알아볼 방법을 말해 보세요.",
        "improve_off_topic": "질문과 관계없는 이야기입니다. 면접에서는 질문이 묻는 것에 먼저 답하세요.",
        "improve_question": "질문에 답하지 않고 되물었습니다. 궁금한 점은 답한 뒤 마지막에 물어보세요.",
        "improve_repeat": "질문을 다시 청했습니다. 괜찮지만, 다시 들은 뒤에는 바로 답하세요.",
        "improve_too_short": "몇 마디로는 아무것도 전해지지 않습니다. 예시 하나와 결과까지 말해 보세요.",
        "improve_stuffing": "낱말을 나열했을 뿐 문장이 없습니다. 누가 무엇을 했고 어떻게 되었는지 문장으로 말하세요.",
        "improve_no_experience": "경험이 없다고 솔직히 말한 것은 좋지만, 비슷한 경험이나 어떻게 접근할지를 덧붙이세요.",
        "improve_missing": "{parts} 빠졌습니다.",
        "improve_short": "답변이 짧습니다(기대 분량의 {percent}%). 근거와 예시를 더해 1분 안팎으로 말해 보세요.",
        "improve_vague": "구체적인 숫자, 이름, 본인의 역할이 없습니다. 가장 중요한 문장에 하나라도 넣어 보세요.",
        "improve_incoherent": "문장이 서로 이어지지 않습니다. 결론을 먼저 말하고 이유를 순서대로 붙여 보세요.",
        "improve_fillers": "'{word}' 같은 군말이 {count}번(분당 {per_min}번) 나왔습니다. 잠깐 멈추는 편이 더 자신 있어 보입니다.",
        "improve_pace_slow": "말이 느립니다(초당 {pace}음절). 초당 4~6음절이 듣기 편합니다.",
        "improve_pace_fast": "말이 빠릅니다(초당 {pace}음절). 초당 4~6음절이 듣기 편합니다.",
        "improve_pauses": "{count}번 길게 멈췄습니다(가장 긴 멈춤 {longest}초). 말할 순서를 먼저 정해 두세요.",
        "improve_slow_start": "답하기까지 {seconds}초 걸렸습니다. 첫 문장을 정해 두고 바로 시작해 보세요.",
        "timed_out": "제한 시간({limit}초)이 끝나 답변이 잘렸습니다. 결론을 먼저 말하세요.",
        "unanswered": "답변하지 않은 질문입니다.",
        "blind_parent": "블라인드 채용: 가족의 직업이나 배경은 말하지 않는 것이 원칙입니다. 이 문장은 빼세요.",
        "blind_hometown": "블라인드 채용: 출신 지역은 말하지 않는 것이 원칙입니다. 이 문장은 빼세요.",
        "blind_school": "블라인드 채용: 학교 이름은 말하지 않는 것이 원칙입니다. 전공과 한 일로 말하세요.",
        "parts": {"situation": "상황", "task": "과제", "action": "행동", "result": "결과", "own_role": "본인의 역할",
                  "reason": "이유", "example": "예시", "lesson": "배운 점", "plan": "계획", "measure": "측정 방법",
                  "motivation": "지원 동기", "fit": "직무와의 연결", "weakness_plan": "약점을 보완하는 방법"},
        "summary": "{total}개 질문 중 {answered}개에 답했고, 종합 점수는 {score}점({grade})입니다. 가장 좋은 답변은 "
                   "{best}번, 가장 보완할 답변은 {worst}번입니다.",
        "summary_none": "아직 질문이 없어 평가할 답변이 없습니다.",
        "mode_study": "연습 모드(힌트 허용)로 치른 면접이라 실전에서는 점수가 다를 수 있습니다.",
        "mode_real": "실전 모드(힌트 없음, 답변 시간 제한)로 치른 면접입니다.",
        "rubric_explained": "질문마다 네 범주를 0~100점으로 봅니다: 내용(질문의 의도에 답했는지, 물은 것을 빠짐없이 다뤘는지), "
                            "구조(경험 질문은 상황·과제·행동·결과, 그 밖에는 결론과 이유가 이어지는지), 구체성(숫자, 이름, "
                            "본인의 역할), 전달(말로 답한 경우만: 속도, 군말, 긴 멈춤, 답하기까지 걸린 시간, 제한 시간). "
                            "질문 점수는 가중 평균이고, 답하지 않았거나 회피·딴소리·되묻기는 10점 이하, 낱말 나열은 15점 이하, "
                            "경험 없음은 40점 이하입니다. 종합 점수는 질문 점수의 평균이며 등급은 A(85 이상), B(70 이상), "
                            "C(55 이상), D(35 이상), E입니다.",
        "content": "질문의 의도에 답했는지와 질문이 묻는 요소를 빠짐없이 다뤘는지",
        "structure": "경험 질문은 상황→과제→행동→결과(STAR), 그 밖의 질문은 결론과 이유가 이어지는지",
        "specificity": "숫자(기간, 인원, 성과), 구체적인 이름, 본인의 역할이 있는지",
        "delivery": "말로 답한 경우의 속도(초당 음절), 분당 군말, 답하기 전 멈춤, 긴 멈춤, 제한 시간",
        "source_embedded": "모든 판단은 내장 분석기(답변 읽기)가 했습니다.",
        "source_llm": "질문별 판단은 원격 LLM({engine})이 했고, 내장 분석기(답변 읽기)로 검증했습니다.",
        "source_overruled": "{questions}번 질문은 {engine}의 판단이 답변 읽기와 맞지 않아 내장 분석기의 판단으로 바꿨습니다.",
        "overruled_praise": "회피하거나 질문과 관계없는 답변을 칭찬했습니다",
        "overruled_salad": "낱말 나열을 좋은 답변보다 높게 채점했습니다",
        "overruled_cap": "답이 아닌 답변에 {score}점을 줬습니다",
        "grades": {"A": "탁월", "B": "좋음", "C": "보통", "D": "부족", "E": "미흡"},
    },
    "en": {
        "strength_result": "You stated the result of what you did.",
        "strength_numbers": "A number ({number}) backs up your claim.",
        "strength_role": "Your own role and actions are clear.",
        "strength_action": "You explained concretely what you did and how.",
        "strength_direct": "Your first sentence answers what the question asks.",
        "strength_named": "You named something concrete ({name}).",
        "improve_evasive": ("Even when you do not know, say what you do know, a similar experience, or how you "
                            "would find out."),
        "improve_off_topic": "This is not about the question. In an interview, answer what was asked first.",
        "improve_question": "You asked a question instead of answering. Answer first; keep your questions for the end.",
        "improve_repeat": "You asked to hear the question again. That is fine, but answer right after hearing it.",
        "improve_too_short": "A few words say nothing yet: give one example and its result.",
        "improve_stuffing": "This is a list of words, not sentences. Say who did what and what came of it.",
        "improve_no_experience": ("Saying you have not done it is honest; add a similar experience or how you would "
                                  "approach it."),
        "improve_missing": "Missing: {parts}.",
        "improve_short": ("The answer is short ({percent}% of a full answer). Add a reason and an example, "
                          "about a minute long."),
        "improve_vague": "There are no numbers, names or own role. Put at least one into your key sentence.",
        "improve_incoherent": "The sentences do not connect. State your conclusion first, then the reasons in order.",
        "improve_fillers": ("The filler '{word}' came {count} times ({per_min} a minute); a short pause sounds "
                            "more confident."),
        "improve_pace_slow": "You spoke slowly ({pace} words a minute); 110–170 is easy to follow.",
        "improve_pace_fast": "You spoke fast ({pace} words a minute); 110–170 is easy to follow.",
        "improve_pauses": ("You paused for long {count} times (longest {longest} s). Decide the order of your "
                           "points first."),
        "improve_slow_start": "It took {seconds} s to start answering. Prepare your first sentence and begin.",
        "timed_out": "The time limit ({limit} s) cut the answer off. Lead with your conclusion.",
        "unanswered": "This question was not answered.",
        "blind_parent": "Blind hiring: a parent's job or background should not be mentioned. Leave this sentence out.",
        "blind_hometown": "Blind hiring: your hometown should not be mentioned. Leave this sentence out.",
        "blind_school": "Blind hiring: school names should not be mentioned. Talk about your major and what you did.",
        "parts": {"situation": "situation", "task": "task", "action": "action", "result": "result",
                  "own_role": "your own role", "reason": "reason", "example": "example", "lesson": "lesson learned",
                  "plan": "plan", "measure": "how it was measured", "motivation": "motivation",
                  "fit": "link to the job", "weakness_plan": "how you work on the weakness"},
        "summary": "You answered {answered} of {total} questions; overall score {score} ({grade}). Best answer: "
                   "question {best}; most room to improve: question {worst}.",
        "summary_none": "No question was asked yet, so there is no answer to judge.",
        "mode_study": "Held in study mode (hints allowed), so a real interview may score differently.",
        "mode_real": "Held in real mode (no hints, a time limit on each answer).",
        "rubric_explained": "Each question is judged in four categories scored 0–100: content (does it answer the "
                            "question's intent and cover what it asks), structure (situation, task, action, result for "
                            "experience questions; otherwise a conclusion with connected reasons), specificity "
                            "(numbers, names, your own role) and delivery (spoken answers only: pace, fillers, the pause before "
                            "answering, long pauses, the time limit). A question's score is their weighted mean; an "
                            "unanswered, evasive or off-topic answer or a question back scores at most 10, a keyword "
                            "list at most 15, 'no experience' at most 40. The overall score is the mean of the "
                            "question scores, graded A (85+), B (70+), C (55+), D (35+) or E.",
        "content": "whether the answer addresses the question's intent and covers what it asks for",
        "structure": "situation → task → action → result (STAR) for experience questions; otherwise a conclusion "
                     "with connected reasons",
        "specificity": "numbers (time, people, outcomes), named things and your own role",
        "delivery": "spoken answers: pace (words per minute), fillers per minute, pause before answering, long "
                    "pauses, time limit",
        "source_embedded": "Every judgement came from the embedded analyser (the answer reading).",
        "source_llm": "The per-question judgements came from {engine}, checked against the embedded analyser.",
        "source_overruled": "Question(s) {questions}: {engine}'s judgement contradicted the answer reading and was "
                            "replaced by the embedded analyser's.",
        "overruled_praise": "it praised an evasive or off-topic answer",
        "overruled_salad": "it scored a keyword list above a good answer",
        "overruled_cap": "it gave a non-answer {score} points",
        "grades": {"A": "excellent", "B": "good", "C": "fair", "D": "weak", "E": "poor"},
    },
}


def say(language: str, key: str, **values: object) -> str:
    """The sentence `key` in `language`, with its {slots} filled."""
    return str(TEXT[language][key]).format(**values)


def part_names(language: str, parts: list[str]) -> str:
    """The names of missing answer parts as one phrase, with the subject particle in Korean ("결과가", "행동이")."""
    names = [TEXT[language]["parts"].get(p, p) for p in parts]  # type: ignore[union-attr]
    phrase = ", ".join(names)
    return josa(phrase, "이/가") if language == "ko" else phrase
