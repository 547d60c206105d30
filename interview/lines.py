"""What the embedded interviewer says, per language and interview style ({thing}: the candidate's own words).

Korean templates put no batchim-dependent particle after a slot (에서, 의, a space or punctuation follow it).
"""
from __future__ import annotations

from dataclasses import dataclass

STYLES = ("friendly", "structured", "technical", "pressure")


@dataclass(frozen=True)
class StyleLines:
    """What differs between interview styles."""

    opening: str                 # after the greeting, before the first question
    ack_grounded: tuple[str, ...]  # acknowledgements that name the candidate's {thing}
    ack_plain: tuple[str, ...]     # acknowledgements when nothing specific was said
    follow_up_lead: str          # before a follow-up ("" for none)
    follow_up_budget: int        # follow-ups per main question


@dataclass(frozen=True)
class Lines:
    """One language's lines."""

    greeting: str                # {where}: "삼성전자 개발엔지니어링 직무 " or ""
    styles: dict[str, StyleLines]
    follow_ups: dict[str, str]   # missing aspect (or its wording that fits the answer) -> a question about {thing}
    thing_fallback: str          # {thing} when the answer named nothing
    said_back: str               # {act}: the candidate's own act said back, before a question in `after_act`
    after_act: dict[str, str]    # aspect -> its follow-up question when the act is said back instead of a {thing}
    simpler: dict[str, str]      # intent -> a simpler re-ask with an example
    simpler_about: str           # {topic}: what the pending question is about, asked more simply (one sentence,
                                 # so that a repeat or redirect puts the topic again)
    simpler_parts: dict[str, str]  # {ask} / {scene}: a question's ask alone or its circumstance, asked more simply
    simpler_would: dict[str, str]  # a "what would you do" put again after a "no": {scene} its condition, or "plain"
    reask_lead: str
    move_on: str                 # after a second evasive / short answer
    pivot: str                   # no experience -> how would you approach it
    pivot_done: str              # after a second "no experience"
    repeat_lead: str
    interrupted_lead: str
    broken_question: str         # {question}: the words of a question the candidate broke into, asked to the end
    timed_out: str
    other_language: str
    redirect: str
    back_to_question: str
    answers: dict[str, str]      # candidate question topic -> an honest in-role answer
    topic_cues: dict[str, tuple[str, ...]]
    next_lead: str
    linked_lead: str             # {tag}: a word of the new question the candidate actually said
    covered_cues: dict[str, tuple[str, ...]]  # intent -> phrases that show the candidate already answered it
    reverse_question: str
    reverse_go_ahead: str        # the candidate has a question but has not asked it yet
    no_question: str
    closing: str
    after_closing: str
    hint: str                    # study mode: {aspects} a full answer covers, in order
    aspect_names: dict[str, str]  # aspect -> how a hint names it
    hint_cues: tuple[str, ...]   # the candidate asks for a hint
    no_hints: str                # real mode: a hint was asked for


KO = Lines(
    greeting="안녕하세요. {where}면접에 오신 것을 환영합니다.",
    styles={
        "friendly": StyleLines("긴장은 조금 내려놓으시고 편하게 말씀해 주시면 됩니다.",
                               ("{thing} 이야기 잘 들었습니다.", "{thing} 경험을 들려주셔서 감사합니다."),
                               ("네, 잘 들었습니다.", "말씀 감사합니다."), "조금 더 들려주시겠어요?", 2),
        "structured": StyleLines("오늘은 정해진 순서대로 질문드리겠습니다.",
                                 ("네, {thing} 말씀 잘 들었습니다.", "{thing} 부분 알겠습니다."),
                                 ("네, 알겠습니다.", "네, 잘 들었습니다."), "", 1),
        "technical": StyleLines("오늘은 실무와 기술 중심으로 질문드리겠습니다.",
                                ("{thing} 부분을 조금 더 깊게 보겠습니다.", "{thing} 말씀 잘 들었습니다."),
                                ("네, 알겠습니다.",), "기술적으로 한 단계 더 들어가 보겠습니다.", 2),
        "pressure": StyleLines("시간이 많지 않으니 핵심만 말씀해 주십시오.",
                               ("{thing}, 알겠습니다.", "{thing} 말씀이군요."),
                               ("알겠습니다.",), "", 2),
    },
    follow_ups={  # "{thing} 관련해서": reads the same after any noun phrase the candidate used
        "situation": "{thing} 관련해서, 처음에는 어떤 상황이었나요?",
        "task": "{thing} 관련해서 해결해야 했던 과제는 정확히 무엇이었나요?",
        "own_role": "{thing} 관련해서 본인이 직접 맡은 역할은 무엇이었나요?",
        "action": "{thing} 관련해서 본인은 구체적으로 무엇을 하셨나요?",
        "result": "{thing} 관련해서, 그 뒤 결과는 어떻게 되었나요?",
        "measurement": "{thing} 관련해서 말씀하신 {number} 수치는 어떻게 측정하셨나요?",
        "lesson": "{thing} 관련해서 돌아보면, 다시 한다면 무엇을 다르게 하시겠어요?",
        "reason": "{thing} 관련해서 그렇게 판단하신 이유는 무엇이었나요?",
        "reason_view": "{thing} 관련해서, 그 점이 본인에게 중요한 이유는 무엇인가요?",
        "plan": "그 목표를 위해 지금 구체적으로 준비하고 있는 것은 무엇인가요?",
        "plan_open": "{thing} 관련해서, 입사하신다면 어떤 일부터 해 보고 싶으신가요?",
        "example": "{thing} 관련해서, 그 점이 실제로 드러났던 경험을 하나 예로 들어 주시겠어요?",
        "difficulty": "{thing} 관련해서 가장 어려웠던 점은 무엇이었고 어떻게 넘기셨나요?",
    },
    thing_fallback="말씀하신 일",
    said_back="{act} 하셨는데,",
    after_act={
        "situation": "처음에는 어떤 상황이었나요?",
        "task": "해결해야 했던 과제는 정확히 무엇이었나요?",
        "own_role": "본인이 직접 맡은 역할은 무엇이었나요?",
        "result": "그 뒤 결과는 어떻게 되었나요?",
        "lesson": "돌아보면, 다시 한다면 무엇을 다르게 하시겠어요?",
        "reason": "그렇게 판단하신 이유는 무엇이었나요?",
        "difficulty": "가장 어려웠던 점은 무엇이었고 어떻게 넘기셨나요?",
    },
    simpler={
        "self_introduction": "거창하지 않아도 됩니다. 전공이나 해 온 일, 그리고 잘하는 것 하나만 말씀해 주시겠어요?",
        "motivation": "어렵게 생각하지 않으셔도 됩니다. 이 회사나 직무에 처음 관심이 생긴 계기가 무엇이었나요?",
        "conflict": "학교나 아르바이트에서 누군가와 생각이 달랐던 작은 일이라도 괜찮습니다. 그때 어떻게 하셨나요?",
        "failure": "작은 실수라도 괜찮습니다. 계획대로 되지 않았던 일 하나와 그때 하신 일을 말씀해 주시겠어요?",
        "strength": "주변에서 자주 듣는 칭찬 하나를 떠올려 보시겠어요? 그게 드러났던 일을 말씀해 주세요.",
        "weakness": "스스로 아쉬웠던 습관 하나만 말씀해 주시겠어요?",
        "future": "일 년 뒤 어떤 일을 하고 있으면 좋겠는지만 말씀해 주시겠어요?",
        "technical": "예를 들어 최근에 직접 해 본 작업 하나를 골라, 어떻게 하셨는지 말씀해 주시겠어요?",
        "experience": "학교 과제나 아르바이트처럼 작은 경험이라도 괜찮습니다. 하나만 예로 들어 주시겠어요?",
        "general": "떠오르는 예 하나만 들어 짧게 말씀해 주시겠어요?",
    },
    simpler_about="{topic} 관련해서 아시는 만큼만, 떠오르는 예 하나를 들어 편하게 말씀해 주시겠어요?",
    simpler_parts={},  # Korean questions are put more simply by their topic
    simpler_would={"scene": "해 보신 적이 없어도 괜찮으니, {scene} 가장 먼저 무엇을 하실지 편하게 말씀해 주시겠어요?",
                   "plain": "해 보신 적이 없어도 괜찮으니, 그런 상황이 생겼다고 생각하시고 가장 먼저 무엇을 하실지 편하게 말씀해 "
                            "주시겠어요?"},
    reask_lead="질문을 조금 바꿔 보겠습니다.",
    move_on="알겠습니다. 그 부분은 여기까지 하고 넘어가겠습니다.",
    pivot="경험이 없으시다면 괜찮습니다. 만약 그런 일을 맡게 된다면 어떻게 접근하시겠어요?",
    pivot_done="알겠습니다. 솔직하게 말씀해 주셔서 감사합니다.",
    repeat_lead="네, 다시 말씀드리겠습니다.",
    interrupted_lead="제 질문이 중간에 끊긴 것 같습니다. 다시 여쭤보겠습니다.",
    broken_question="{question}… 이 질문에 답해 주시겠어요?",
    timed_out="답변 시간이 다 되었습니다. 다음 질문으로 넘어가겠습니다.",
    other_language="이 면접은 한국어로 진행됩니다. 한국어로 답해 주세요.",
    redirect="그 이야기는 면접이 끝난 뒤에 나눠도 좋겠습니다. 지금은 면접 질문에 집중해 주세요.",
    back_to_question="그럼 다시 질문으로 돌아가겠습니다.",
    answers={
        "salary": "처우는 제가 이 자리에서 구체적인 금액을 말씀드릴 수 없습니다. 합격하시면 회사 기준과 경력에 따라 "
                  "인사 담당 부서에서 따로 안내해 드립니다.",
        "process": "결과와 다음 절차는 면접이 끝난 뒤 인사 담당 부서에서 개별적으로 안내해 드립니다.",
        "location": "{company_info}근무지는 배치되는 부서와 사업장에 따라 정해집니다. 제가 이 자리에서 확정해 드릴 수는 "
                    "없고, 합격하시면 배치 안내 때 함께 알려 드립니다.",
        "hours": "근무 시간과 야간·연장 근무는 부서와 시기에 따라 다르고 회사 규정을 따릅니다. 횟수를 지금 약속드릴 수는 "
                 "없지만, 배치 전에 근무 방식을 안내해 드립니다.",
        "remote": "재택근무가 가능한지는 부서와 업무 성격에 따라 다르고 회사 규정을 따릅니다. 지금 확정해 말씀드릴 수는 "
                  "없고, 처우 안내 때 함께 설명드립니다.",
        "training": "{company_info}신규 입사자 교육은 회사와 부서의 과정에 따라 진행되고, 배치 뒤에는 선배와 함께 일을 "
                    "익히게 됩니다. 교육 기간과 내용은 입사 안내 때 자세히 알려 드립니다.",
        "team": "{company_info}팀 규모와 구성은 배치되는 팀에 따라 다릅니다. 입사하시면 그 팀에서 실무를 함께하게 되고, "
                "자세한 구성은 배치 때 안내됩니다.",
        "work": "복지와 휴가는 회사 규정을 따르고, 제가 지금 확정해 말씀드릴 수는 없습니다. 처우 안내 때 함께 "
                "설명드립니다.",
        "other": "좋은 질문입니다. 제가 지금 정확히 답할 수 있는 내용은 아니어서, 면접 뒤 안내 때 확인해 드리겠습니다.",
    },
    topic_cues={  # narrow topics first: "신규 간호사 교육" is about training, not the team
        "salary": ("연봉", "급여", "월급", "처우", "성과급", "인센티브", "보너스"),
        "training": ("교육", "연수", "온보딩", "수습", "트레이닝", "신입사원과정"),
        "remote": ("재택", "원격", "하이브리드"),
        "location": ("근무지", "근무처", "어디서근무", "어디에서근무", "사업장", "지역", "발령", "출퇴근", "본사", "공장",
                     "캠퍼스", "지방", "출장", "전근"),
        "hours": ("야근", "야간", "연장근무", "근무시간", "교대", "나이트", "주말근무", "출근시간", "퇴근"),
        "process": ("합격", "결과", "발표", "다음전형", "절차", "언제"),
        "team": ("팀", "부서", "동료", "기술스택", "스택", "어떤일", "업무", "몇명"),
        "work": ("복지", "휴가", "출근", "근무형태", "출장"),
    },
    next_lead="다음 질문 드리겠습니다.",
    linked_lead="방금 {tag} 이야기가 나와서 이어서 여쭤보겠습니다.",
    covered_cues={
        "motivation": ("지원한이유", "지원하게되", "지원하게된", "지원하게됐", "지원동기", "지원했", "지원했습니다", "지원하였습니다", "지원하게되었",
                       "입사하고싶", "일하고싶어", "함께하고싶", "합류하고싶", "지원하였"),
        "strength": ("제강점은", "저의강점은", "제장점은", "저의장점은"),
        "weakness": ("제약점은", "저의약점은", "제단점은", "저의단점은"),
    },
    reverse_question="이제 면접을 마무리하려고 합니다. 마지막으로 저희에게 궁금한 점이 있으신가요?",
    reverse_go_ahead="네, 어떤 점이 궁금하신가요?",
    no_question="네, 알겠습니다.",
    closing="오늘 면접에 응해 주셔서 감사합니다. 결과는 추후 개별적으로 안내해 드리겠습니다. 수고 많으셨습니다.",
    after_closing="오늘 면접은 모두 마쳤습니다. 수고 많으셨습니다.",
    hint="힌트: {aspects} 순서로 짧게 말씀해 보세요.",
    aspect_names={"situation": "상황", "task": "맡은 과제", "own_role": "본인의 역할", "action": "직접 한 일",
                  "result": "결과", "measurement": "수치", "lesson": "배운 점", "reason": "이유",
                  "plan": "앞으로의 계획", "example": "구체적인 예"},
    hint_cues=("힌트", "팁좀", "예시를들어주", "어떻게답하면", "어떻게대답하면", "무슨말을해야"),
    no_hints="실전 모드에서는 힌트를 드리지 않습니다.",
)

EN = Lines(
    greeting="Hello, and welcome to your {where}interview.",
    styles={
        "friendly": StyleLines("There's no need to be nervous; just talk me through things in your own words.",
                               ("Thanks for telling me about {thing}.", "I enjoyed hearing about {thing}."),
                               ("Thank you.", "Thanks for that."), "I'd love to hear a bit more.", 2),
        "structured": StyleLines("I'll go through a set of questions in order.",
                                 ("Thank you, I've noted what you said about {thing}.", "Understood, {thing}."),
                                 ("Thank you.", "Understood."), "", 1),
        "technical": StyleLines("Today's questions will focus on your hands-on technical work.",
                                ("Let's dig into {thing} a bit more.", "Thanks, {thing} is useful context."),
                                ("Understood.",), "Let me go one level deeper.", 2),
        "pressure": StyleLines("We don't have much time, so keep your answers to the point.",
                               ("{thing}. Fine.", "So, {thing}. Noted."), ("Noted.",), "", 2),
    },
    follow_ups={
        "situation": "Going back to {thing}, what was the situation at the start?",
        "task": "You mentioned {thing}. What exactly was the problem you had to solve there?",
        "own_role": "You mentioned {thing}. What was your own part in it, as opposed to the team's?",
        "action": "You mentioned {thing}. What did you personally do about it?",
        "result": "How did things turn out after {thing}?",
        "measurement": "You mentioned {number} for {thing}. How did you measure that?",
        "lesson": "Looking back on {thing}, what would you do differently next time?",
        "reason": "You mentioned {thing}. Why did you handle it that way?",
        "reason_view": "You mentioned {thing}. Why does that matter to you?",
        "plan": "What are you doing right now to work towards that?",
        "plan_open": "You mentioned {thing}. If you joined, what would you want to work on first?",
        "example": "Can you give me a concrete example from your own work of {thing}?",
        "difficulty": "You mentioned {thing}. What was the hardest part of it, and how did you get past it?",
    },
    thing_fallback="this work",
    said_back="You said {act}.",
    after_act={
        "situation": "What was the situation at the start?",
        "task": "What exactly was the problem you had to solve there?",
        "own_role": "What was your own part in it, as opposed to the team's?",
        "result": "How did things turn out after that?",
        "lesson": "Looking back, what would you do differently next time?",
        "reason": "Why did you handle it that way?",
        "difficulty": "What was the hardest part of it, and how did you get past it?",
    },
    simpler={
        "self_introduction": "Keep it simple: what have you been doing recently, and what are you good at?",
        "motivation": "Put simply, what first got you interested in this role?",
        "conflict": "It can be something small, from school or a part-time job. When did you see things differently "
                    "from someone, and what did you do?",
        "failure": "A small setback is fine. What is one thing that didn't go to plan, and what did you do about it?",
        "strength": "What's one thing people often thank you for, and when did it show?",
        "weakness": "What's one habit you'd like to improve?",
        "future": "Just thinking a year ahead, what would you like to be working on?",
        "technical": "Pick one piece of work you did recently. How did you go about it?",
        "experience": "Anything from a class project or a part-time job counts. Could you give me one example?",
        "general": "Could you give me one short example?",
    },
    simpler_about="In your own words, what comes to mind first about {topic}, with one small example if you have "
                  "one?",
    simpler_parts={"ask": "Put simply, {ask}, with one short example if you have one?",
                   "scene": "Picture it simply: if {scene}, what's the first thing you'd do?"},
    simpler_would={"scene": "You don't need to have done it before: {scene}, what's the first thing you'd do?",
                   "plain": "You don't need to have done it before, so just picture it happening: what's the first "
                            "thing you'd do?"},
    reask_lead="Let me put that another way.",
    move_on="All right, let's leave that there and move on.",
    pivot="That's fine if you haven't done it yet. If you were given that task, how would you approach it?",
    pivot_done="Understood, thank you for being upfront about it.",
    repeat_lead="Of course, here it is again.",
    interrupted_lead="I think my question got cut off, so let me ask it again.",
    broken_question="{question}… Could you answer that one?",
    timed_out="We're out of time for that answer, so let's move on.",
    other_language="This interview is in English, so please answer in English.",
    redirect="Let's save that for after the interview and stay with the question for now.",
    back_to_question="Now, back to the question.",
    answers={
        "salary": "I can't quote a figure for you here. If you receive an offer, the HR team will go through "
                  "pay and benefits with you based on the company's bands and your experience.",
        "process": "HR will contact you about the result and the next steps after today's interview.",
        "location": "{company_info}The location depends on the department and site you're placed at. I can't "
                    "confirm it here; it's part of the placement details if you receive an offer.",
        "hours": "Hours, night shifts and overtime vary by department and season and follow company policy. I can't "
                 "promise a figure, but the working pattern is explained before you're placed.",
        "remote": "Whether remote work is possible depends on the department and the kind of work, under company "
                  "policy. I can't confirm it right now; it's covered when an offer is discussed.",
        "training": "{company_info}New starters go through the company's and the department's training, then learn "
                    "the work alongside experienced colleagues. The length and content of the training are explained "
                    "when you join.",
        "team": "{company_info}Team size and set-up depend on the team you're placed in; you'd work with them day "
                "to day, and the details are explained when you're placed.",
        "work": "Benefits and leave follow company policy, and I can't confirm details right now; they're covered "
                "when an offer is discussed.",
        "other": "That's a good question. I can't give you a precise answer right now, but it can be followed up "
                 "after the interview.",
    },
    topic_cues={  # narrow topics first: "training for new nurses" is about training, not the team
        "salary": ("salary", "pay", "compensation", "bonus", "money"),
        "training": ("training", "onboarding", "induction", "orientation", "mentoring", "mentor", "probation"),
        "remote": ("remote", "remotely", "hybrid", "work from home", "working from home", "wfh"),
        "location": ("location", "located", "based", "site", "plant", "which office", "relocate", "relocation",
                     "commute", "where would i work", "where is the job"),
        "hours": ("overtime", "hours", "night shift", "night shifts", "shifts", "shift pattern", "rota", "weekends",
                  "late nights", "on call", "on-call"),
        "process": ("next step", "next steps", "hear back", "result", "results", "when will"),
        "team": ("team", "tech stack", "stack", "colleagues", "day to day", "department", "how many people"),
        "work": ("benefits", "vacation", "leave", "office", "travel"),
    },
    next_lead="Next question.",
    linked_lead="Since you mentioned {tag}, let me follow on from that.",
    covered_cues={
        "motivation": ("why i applied", "reason i applied", "that's why i applied", "i applied because",
                       "i want to join", "i'd love to join", "i want to work here", "drew me to", "i'm applying",
                       "why i'm applying", "reason i'm applying", "applied because", "applying because",
                       "excited to join", "want to work at"),
        "strength": ("my strength is", "my biggest strength", "my main strength"),
        "weakness": ("my weakness is", "my biggest weakness", "my main weakness"),
    },
    reverse_question="We're coming to the end. Do you have any questions for us?",
    reverse_go_ahead="Of course. What would you like to know?",
    no_question="All right.",
    closing="Thank you for your time today. We'll be in touch about the result. Take care.",
    after_closing="Today's interview is finished. Thank you again.",
    hint="Hint: cover {aspects}, in that order, briefly.",
    aspect_names={"situation": "the situation", "task": "your task", "own_role": "your own role",
                  "action": "what you did", "result": "the result", "measurement": "a number",
                  "lesson": "what you learned", "reason": "why", "plan": "your plan", "example": "a concrete example"},
    hint_cues=("hint", "a tip", "how should i answer", "what should i say", "give me an example"),
    no_hints="In real mode I can't give hints.",
)

LINES = {"ko": KO, "en": EN}
