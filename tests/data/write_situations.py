"""Writes the interview-situations set (run once; the JSON files are the data)."""
import json, zlib
KO_CTX = {"company_name": "삼성전자", "job_name": "개발엔지니어링"}
GREET = "안녕하세요. 삼성전자 개발엔지니어링 직무 면접에 오신 것을 환영합니다. 오늘은 정해진 순서대로 질문드리겠습니다. 먼저 간단하게 자기소개를 부탁드립니다."
INTRO_A = "안녕하세요. 컴퓨터공학을 전공하고 백엔드 개발을 삼 년 해 온 지원자입니다."
MOT_Q = "네, 잘 들었습니다. 다음 질문 드리겠습니다. 삼성전자에 지원하신 동기는 무엇인가요?"
Q_CONFLICT = "팀으로 일하면서 의견 충돌이 있었을 때 어떻게 해결하셨나요?"
Q_FAIL = "가장 크게 실패했던 경험과 거기서 배운 점을 말씀해 주세요."
Q_DB = "서비스가 느려졌을 때 데이터베이스 성능 문제를 어떻게 진단하고 개선하셨는지 말씀해 주세요."
Q_OPT = "메모리나 연산 자원이 제한된 환경에서 성능을 최적화해 본 경험이 있으신가요?"
Q_PROJ = "최근에 참여한 프로젝트에서 맡았던 역할과 사용한 기술 스택을 설명해 주시겠어요?"
Q_LEAD = "리더 역할을 맡아 사람들을 이끌었던 경험이 있으신가요?"
Q_STRENGTH = "본인의 가장 큰 강점은 무엇이고, 그 강점이 드러났던 경험을 말씀해 주시겠어요?"

def hist(*qs, answers=None):
    """A history: greeting+intro, then each (question line, answer)."""
    h = [["user", "면접을 시작합니다."], ["assistant", GREET], ["user", INTRO_A]]
    for i, q in enumerate(qs):
        h.append(["assistant", q if i else f"네, 잘 들었습니다. 다음 질문 드리겠습니다. {q}"])
        if i < len(qs) - 1:
            h.append(["user", (answers or [])[i] if answers and i < len(answers) else "네, 그때 팀원들과 일정을 다시 조율했습니다."])
    return h

S = []
def add(lang, history, answer, move, mention=(), must_not=(), ctx=None, **flags):
    S.append({"language": lang, "context": ctx or (KO_CTX if lang == "ko" else EN_CTX), "history": history,
              "answer": answer, "flags": flags, "expect": {"move": move, "must_mention": list(mention), "must_not": list(must_not)}})

# --- Korean -------------------------------------------------------------------------------------------------
for q, a, m in [
 (Q_CONFLICT, "결제 시스템 프로젝트에서 디자이너와 화면 구성을 두고 의견이 달랐는데 대화로 잘 풀었습니다.", "결제 시스템"),
 (Q_CONFLICT, "졸업 프로젝트에서 팀원과 기능 범위 때문에 부딪혔습니다. 결국 일정에 맞는 안으로 정했습니다.", "졸업 프로젝트"),
 (Q_FAIL, "사내 챗봇 서비스를 출시했는데 사용자가 거의 없어서 실패했습니다.", "챗봇 서비스"),
 (Q_FAIL, "쇼핑몰 웹사이트 이전 작업에서 일정을 못 지켰습니다. 그때 계획이 부족했다고 느꼈습니다.", "쇼핑몰 웹사이트"),
 (Q_DB, "주문 조회 API가 느려져서 Redis 캐시를 붙였습니다.", "Redis"),
 (Q_DB, "MySQL 슬로우 쿼리 로그를 보고 인덱스를 추가했습니다.", "MySQL"),
 (Q_OPT, "네, BLE 센서 펌웨어 프로젝트에서 메모리 사용을 줄여 봤습니다.", "BLE 센서 펌웨어 프로젝트"),
 (Q_OPT, "임베디드 보드에서 영상 처리 모델을 돌릴 때 연산량을 줄이는 작업을 했습니다.", "영상 처리 모델"),
 (Q_PROJ, "물류 관리 시스템 프로젝트에서 Spring으로 백엔드를 만들었습니다.", "물류 관리 시스템"),
 (Q_PROJ, "재고 예측 대시보드를 React와 Python으로 개발했습니다.", "재고 예측 대시보드"),
 (Q_LEAD, "네, 동아리 앱 개발 프로젝트에서 팀장을 맡았습니다.", "동아리 앱 개발 프로젝트"),
 (Q_LEAD, "교내 해커톤 대회에서 네 명 팀을 이끌었습니다.", "해커톤 대회"),
 (Q_STRENGTH, "제 강점은 꼼꼼함입니다. 배포 체크리스트 시스템을 직접 만들어 썼습니다.", "배포 체크리스트 시스템"),
 (Q_CONFLICT, "사내 결재 플랫폼 개편 때 기획자와 우선순위가 달라서 회의를 여러 번 했습니다.", "결재 플랫폼"),
 (Q_FAIL, "Kafka 도입을 서둘렀다가 장애가 났습니다.", "Kafka"),
 (Q_DB, "PostgreSQL 실행 계획을 보고 조인 순서를 바꿨습니다.", "PostgreSQL"),
]:
    add("ko", hist(q), a, "follow_up", [m], ["repeat_question", "new_main_question"])
# full answers after the follow-up budget (structured: one follow-up) -> next main question
FOLLOW = "네, 말씀 잘 들었습니다. 그 일의 결과는 어떻게 되었나요?"
for q, a in [
 (Q_CONFLICT, "그 결과 일정 안에 출시했고, 이후 회의 방식도 팀 규칙으로 정했습니다."),
 (Q_FAIL, "결국 사용자 인터뷰를 다시 해서 기능을 줄였고 다음 분기에 재출시했습니다."),
 (Q_DB, "응답 시간이 1.2초에서 200밀리초로 줄었습니다."),
 (Q_OPT, "메모리 사용량이 40% 줄어서 저가형 칩으로도 돌아가게 되었습니다."),
 (Q_PROJ, "출고 오류가 절반으로 줄었고 고객사 두 곳이 계약을 연장했습니다."),
 (Q_LEAD, "대회에서 우수상을 받았고 팀원 모두 끝까지 함께했습니다."),
 (Q_STRENGTH, "그 덕분에 배포 사고가 일 년 동안 한 번도 없었습니다."),
 (Q_CONFLICT, "제가 두 안을 표로 비교해 공유했고 결국 기획자의 안에 제 안을 일부 합쳐 결정했습니다."),
 (Q_FAIL, "그 뒤로는 도입 전에 작은 규모로 먼저 검증합니다."),
 (Q_DB, "쿼리 시간이 열 배 빨라졌고 같은 문제로 문의가 더 오지 않았습니다."),
]:
    h = hist(q) + [["user", "그때 제가 원인을 찾아서 고쳤습니다."], ["assistant", FOLLOW]]
    add("ko", h, a, "next_question", [], ["repeat_question", "false_link"])
for a in ["죄송한데 다시 한 번 말씀해 주시겠어요?", "질문을 잘 못 들었습니다. 다시 말씀해 주세요.", "다시 한번만 말씀해 주실 수 있나요?",
          "네? 질문이 뭐였죠? 다시 설명해 주시겠어요?", "잘 안 들렸는데 한 번 더 말씀해 주세요.", "죄송합니다, 다시 여쭤봐 주시겠어요?",
          "앗, 뭐라고 하셨는지 못 들었어요.", "질문을 다시 해 주실 수 있을까요?"]:
    add("ko", hist(Q_CONFLICT if len(S) % 2 else Q_DB), a, "repeat", [], ["new_main_question"])
for a, q in [("연봉은 어떻게 되나요?", Q_CONFLICT), ("초봉이 얼마인지 알 수 있을까요?", Q_DB), ("성과급은 얼마나 나오나요?", Q_FAIL),
             ("합격 발표는 언제 나나요?", Q_PROJ), ("입사하면 어떤 팀에 배치되나요?", Q_LEAD), ("야근이 많은 편인가요?", Q_CONFLICT),
             ("재택근무가 가능한가요?", Q_DB), ("신입 교육은 어떻게 진행되나요?", Q_FAIL), ("팀은 어떤 기술 스택을 쓰나요?", Q_PROJ),
             ("연봉 협상은 가능한가요?", Q_STRENGTH), ("복지 제도는 어떤 게 있나요?", Q_OPT), ("다음 전형은 무엇인가요?", Q_LEAD)]:
    add("ko", hist(q), a, "answer_question", [], ["invent_number", "new_main_question"])
for a, q in [("음 잘 모르겠습니다.", Q_CONFLICT), ("글쎄요, 딱히 생각나는 게 없네요.", Q_FAIL), ("그건 말씀드리기 어렵습니다.", Q_LEAD),
             ("패스하겠습니다.", Q_STRENGTH), ("그냥 열심히 하겠습니다.", Q_CONFLICT), ("잘 기억이 안 나네요.", Q_FAIL),
             ("별로 없습니다. 최선을 다하겠습니다.", Q_LEAD), ("생각이 잘 안 나서요, 넘어가도 될까요?", Q_DB),
             ("그런 건 잘 모르겠고 뽑아주시면 열심히 하겠습니다.", Q_PROJ), ("노코멘트하겠습니다.", Q_STRENGTH)]:
    add("ko", hist(q), a, "reask_simpler", [], ["false_praise", "repeat_question"])
REASK = "질문을 조금 바꿔 보겠습니다. 학교나 아르바이트에서 누군가와 생각이 달랐던 작은 일이라도 괜찮습니다. 그때 어떻게 하셨나요?"
for a in ["그래도 잘 모르겠습니다.", "딱히 없습니다.", "기억이 안 납니다.", "넘어가 주세요."]:
    add("ko", hist(Q_CONFLICT) + [["user", "잘 모르겠습니다."], ["assistant", REASK]], a, "next_question", [], ["false_praise", "repeat_question"])
for a, q in [("아니요, 없습니다.", Q_OPT), ("그런 경험은 없습니다.", Q_LEAD), ("아직 해 본 적이 없습니다.", Q_OPT),
             ("리더를 맡아 본 적은 없습니다.", Q_LEAD), ("아니요, 실제로 최적화를 해 본 경험은 없어요.", Q_OPT),
             ("아뇨, 아직 없습니다.", Q_LEAD), ("경험이 없어서 말씀드리기 어렵습니다.", Q_OPT), ("그런 일을 겪어 본 적이 없습니다.", Q_LEAD)]:
    add("ko", hist(q), a, "pivot", [], ["presuppose", "false_praise"])
PIVOT = "경험이 없으시다면 괜찮습니다. 만약 그런 일을 맡게 된다면 어떻게 접근하시겠어요?"
for a in ["잘 모르겠습니다. 경험이 없어서요.", "해 본 적이 없어서 생각해 본 적도 없습니다.", "그것도 경험이 없습니다."]:
    add("ko", hist(Q_OPT) + [["user", "아니요, 없습니다."], ["assistant", PIVOT]], a, "next_question", [], ["presuppose", "repeat_question"])
for a, q in [("그것보다 어제 토트넘 경기 보셨나요?", Q_CONFLICT), ("오늘 날씨가 정말 덥네요.", Q_FAIL),
             ("어제 본 드라마가 너무 재밌었어요. 주인공이 멋있었거든요.", Q_DB), ("점심 뭐 드셨어요?", Q_PROJ),
             ("손흥민 선수가 골을 넣어서 기분이 좋습니다.", Q_LEAD), ("요즘 주식이 많이 떨어져서 걱정입니다.", Q_STRENGTH),
             ("주말에 여행 가려고 하는데 추천해 주실 곳 있나요?", Q_OPT), ("제 강아지가 요즘 아파서 걱정이에요.", Q_CONFLICT)]:
    add("ko", hist(q), a, "redirect", [], ["false_praise", "new_main_question"])
for a, q in [("네.", Q_CONFLICT), ("있습니다.", Q_FAIL), ("네, 맞아요.", Q_DB), ("좋습니다.", Q_PROJ), ("음...", Q_STRENGTH)]:
    add("ko", hist(q), a, "reask_simpler", [], ["false_praise"])
for a, q in [("I once had a conflict with a colleague about the release date.", Q_CONFLICT),
             ("We used Redis to cache the slow queries and it helped a lot.", Q_DB),
             ("My biggest failure was a launch that nobody used.", Q_FAIL), ("I led a team of four at a hackathon.", Q_LEAD)]:
    add("ko", hist(q), a, "language", [], ["new_main_question"])
for a, q in [("네 그게", Q_CONFLICT), ("잠깐만요", Q_DB), ("아 네", Q_FAIL), ("음 제가", Q_PROJ), ("네 알겠", Q_LEAD)]:
    add("ko", hist(q), a, "reask_interrupted", [], ["new_main_question"], interrupted=True)
for a, q in [("그때 저는 먼저 팀원들과", Q_CONFLICT), ("실패했던 경험은 대학교 때", Q_FAIL), ("데이터베이스가 느려졌을 때는 먼저 슬로우", Q_DB)]:
    add("ko", hist(q), a, "timed_out", [], ["repeat_question"], answer_timed_out=True)
for a in ["안녕하세요. 백엔드 개발자 김민수입니다. 반도체 장비 데이터를 다루는 일에 관심이 많아 삼성전자에 지원하게 되었습니다.",
          "저는 전자공학을 전공했고 펌웨어를 개발해 왔습니다. 삼성전자에서 일하고 싶어 지원했습니다.",
          "안녕하세요. 삼 년 차 개발자입니다. 세계적인 제품을 만들고 싶어서 지원하게 됐습니다.",
          "임베디드 개발자입니다. 지원한 이유는 반도체와 소프트웨어를 함께 다루고 싶기 때문입니다."]:
    add("ko", [["user", "면접을 시작합니다."], ["assistant", GREET]], a, "next_question", [], ["ask_motivation", "repeat_question"])
REV = "이제 면접을 마무리하려고 합니다. 마지막으로 저희에게 궁금한 점이 있으신가요?"
for a in ["연봉은 어느 정도인가요?", "입사하면 어떤 교육을 받나요?", "없습니다. 감사합니다."]:
    add("ko", hist(Q_CONFLICT) + [["user", "네, 그렇게 했습니다."], ["assistant", REV]], a, "close", [], ["invent_number"])

# --- English ------------------------------------------------------------------------------------------------
EN_CTX = {"company_name": "Samsung Electronics", "job_name": "개발엔지니어링"}
EGREET = "Hello, and welcome to your Samsung Electronics software engineering interview. I'll go through a set of questions in order. To start, could you briefly introduce yourself?"
EN_INTRO = "Hi, I'm a backend engineer with three years of experience."
E_CONF = "Tell me about a time you disagreed with someone on your team. How did you handle it?"
E_FAIL = "Tell me about a time something you were responsible for failed. What did you learn?"
E_SLOW = "A service you own suddenly gets slow. How do you find out why?"
E_MEM = "Have you ever had to make something run within tight memory or CPU limits?"
E_LEAD = "Tell me about a time you took the lead without being asked."
def ehist(*qs):
    h = [["user", "Let's start."], ["assistant", EGREET], ["user", EN_INTRO]]
    for i, q in enumerate(qs):
        h.append(["assistant", f"Thank you. Next question. {q}"])
    return h
def eadd(history, answer, move, mention=(), must_not=(), **flags):
    S.append({"language": "en", "context": EN_CTX, "history": history, "answer": answer, "flags": flags,
              "expect": {"move": move, "must_mention": list(mention), "must_not": list(must_not)}})
for q, a, m in [(E_CONF, "On the checkout service project I disagreed with our designer about the payment flow, and we talked it through.", "checkout service project"),
                (E_FAIL, "Our internal analytics dashboard launched and nobody used it.", "analytics dashboard"),
                (E_SLOW, "I'd look at the Redis hit rate first.", "Redis"),
                (E_SLOW, "Last year our search API got slow and I checked the PostgreSQL query plans.", "PostgreSQL"),
                (E_MEM, "Yes, on a sensor firmware project I had to fit everything into 64 KB.", "sensor firmware project"),
                (E_LEAD, "At my internship I organised the migration of the billing system when nobody owned it.", "billing system"),
                (E_CONF, "During the mobile app redesign our PM and I disagreed on scope.", "mobile app"),
                (E_FAIL, "A Kafka rollout I pushed caused an outage.", "Kafka")]:
    eadd(ehist(q), a, "follow_up", [m], ["repeat_question", "new_main_question"])
EFOLLOW = "Thank you. How did that turn out in the end?"
for q, a in [(E_CONF, "We shipped on time, and we've used the same review checklist ever since."),
             (E_FAIL, "We cut the feature set, relaunched a month later and usage tripled."),
             (E_SLOW, "Latency dropped from 900 ms to 150 ms and the alerts stopped."),
             (E_MEM, "Memory use fell by 40% and the device passed certification.")]:
    eadd(ehist(q) + [["user", "I found the cause and fixed it myself."], ["assistant", EFOLLOW]], a, "next_question", [], ["repeat_question"])
for a in ["Sorry, could you repeat the question?", "I didn't catch that, could you say it again?", "Pardon?", "Could you rephrase that, please?"]:
    eadd(ehist(E_CONF), a, "repeat", [], ["new_main_question"])
for a in ["What's the salary for this role?", "How much is the signing bonus?", "Is remote work possible?",
          "When will I hear back about the next steps?", "What's the tech stack of the team?", "What are the benefits like?"]:
    eadd(ehist(E_SLOW), a, "answer_question", [], ["invent_number", "new_main_question"])
for a in ["I don't know.", "Pass.", "I'd rather not say.", "Hard to say, I just work hard.", "Nothing comes to mind."]:
    eadd(ehist(E_CONF), a, "reask_simpler", [], ["false_praise"])
for a in ["No, I haven't.", "I've never done that.", "I have no experience with that.", "Not yet, unfortunately."]:
    eadd(ehist(E_MEM), a, "pivot", [], ["presuppose", "false_praise"])
for a in ["Did you watch the football match last night?", "It's so hot today, isn't it?", "My cat has been sick this week.", "Have you seen any good movies lately?"]:
    eadd(ehist(E_FAIL), a, "redirect", [], ["false_praise", "new_main_question"])
for a in ["Yes.", "Okay."]:
    eadd(ehist(E_LEAD), a, "reask_simpler", [], ["false_praise"])
for a in ["저는 팀원과 대화로 갈등을 풀었습니다.", "네, 캐시를 써서 해결했습니다."]:
    eadd(ehist(E_CONF), a, "language", [], ["new_main_question"])
for a in ["Well, I", "Sorry, just"]:
    eadd(ehist(E_SLOW), a, "reask_interrupted", [], ["new_main_question"], interrupted=True)
eadd(ehist(E_FAIL), "The biggest failure I had was when", "timed_out", [], ["repeat_question"], answer_timed_out=True)
for a in ["Hi, I'm a firmware engineer. I applied because I want to work on chips at Samsung's scale.",
          "I'm a backend developer with five years of experience, and the reason I applied is the chance to build products used worldwide."]:
    eadd([["user", "Let's start."], ["assistant", EGREET]], a, "next_question", [], ["ask_motivation", "repeat_question"])
EREV = "We're coming to the end. Do you have any questions for us?"
for a in ["What's the salary range?", "No, thank you."]:
    eadd(ehist(E_CONF) + [["user", "We agreed in the end."], ["assistant", EREV]], a, "close", [], ["invent_number"])

# split BEFORE any tuning: about a third held out, chosen by a hash of the text (stable, not by kind)
for i, s in enumerate(S):
    s["id"] = f"{s['language']}-{i:03d}"
tuned = [s for s in S if zlib.crc32(s["answer"].encode()) % 3]
held = [s for s in S if not zlib.crc32(s["answer"].encode()) % 3]
json.dump(tuned, open("tests/data/interview_situations.json", "w"), ensure_ascii=False, indent=1)
json.dump(held, open("tests/data/interview_situations_heldout.json", "w"), ensure_ascii=False, indent=1)
print(len(S), sum(s["language"] == "ko" for s in S), sum(s["language"] == "en" for s in S), len(tuned), len(held))
