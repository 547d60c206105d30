"""Answer or off-topic story, decided by what the reply tells rather than by its words: real work in outdoor, animal
and leisure places (a ski patrol's slope, a festival's gate, a vet clinic's dog) stays an answer, and a free-time
story told as if it were an answer (the candidate's own ski trip, pet, festival visit) is redirected. The wordings
are this file's own and in no situations file: the first 18 written before the decision was changed, two later
checks each written before it was run (interview/story_role.py, interview/second_look.py)."""
from __future__ import annotations

import pytest

from interview.policy import Move, decide
from interview.story_role import guest_story, served_or_at_leisure, serves_others, staff_story
from llm.base import ChatTurn, InterviewContext, Message


def _ko(company: str, job: str) -> InterviewContext:
    return InterviewContext(company_name=company, job_name=job, total_questions=5)


def _en(company: str, job: str) -> InterviewContext:
    return InterviewContext(company_name=company, job_name=job, total_questions=5, language="en")


def _turn(question: str, answer: str, context: InterviewContext) -> ChatTurn:
    opening = "시작할게요" if context.language != "en" else "Ready when you are."
    return ChatTurn(answer, (Message("user", opening), Message("assistant", question)), context)


FREE_TIME = [
    (_ko("휘닉스파크", "스키 패트롤"), "슬로프에서 부상자가 생기면 어떻게 대응하시겠어요?",
     "아 저 스키 진짜 좋아해서 겨울마다 친구들이랑 평창 가거든요. 작년엔 상급 코스에서 처음으로 안 넘어지고 "
     "내려왔어요. 그날 저녁에 먹은 닭갈비가 진짜 맛있었어요."),
    (_ko("부산불꽃축제 조직위원회", "현장 운영요원"), "관람객이 한꺼번에 몰려 출입구가 막히면 어떻게 하시겠어요?",
     "제가 작년에 불꽃축제를 보러 갔는데요, 광안리에 사람이 진짜 엄청 많았어요. 치킨 시켜 먹으려고 한 시간을 "
     "기다렸어요. 불꽃은 진짜 예뻤고요."),
    (_ko("24시 온누리동물병원", "수의테크니션"), "보호자가 진료비에 항의하시면 어떻게 응대하시겠어요?",
     "저도 집에서 말티즈를 키우는데요, 이름이 콩이에요. 산책 나가면 다른 강아지들한테 막 짖어서 제가 맨날 안고 "
     "다녀요. 그래도 너무 귀여워요."),
    (_ko("CJ대한통운 곤지암 허브", "상하차 관리"), "물량이 갑자기 몰린 날 작업 순서를 어떻게 정하시겠어요?",
     "아 물량 하니까 생각나는데, 저 요즘 온라인으로 옷을 너무 많이 사서 택배가 매일 와요. 어제도 세 개가 "
     "왔는데 엄마가 그만 좀 사라고 하시더라고요."),
    (_ko("캐리비안베이", "수상 안전요원"), "파도풀에서 허우적대는 이용객을 보면 어떻게 하시겠어요?",
     "제가 어릴 때 계곡에서 물에 빠질 뻔한 적이 있거든요. 그때 아빠가 건져 주셨는데 진짜 무서웠어요. 그 뒤로 "
     "한동안 물에 안 들어갔어요."),
    (_ko("레이크사이드CC", "골프장 캐디"), "고객이 진행이 느리다고 불평하시면 어떻게 하시겠어요?",
     "저 요즘 스크린골프에 빠져서 퇴근하고 거의 매일 쳐요. 지난주엔 처음으로 90개 깼어요. 드라이버를 새로 "
     "샀더니 거리가 확 늘었더라고요."),
    (_en("Whistler Blackcomb", "Ski School Instructor"),
     "How would you teach a nervous adult beginner on their first day?",
     "Oh, I love skiing. Last winter my friends and I went to Niseko and the powder was unreal. We stayed in this "
     "little lodge and had ramen every night. Best trip ever."),
    (_en("Chester Zoo", "Animal Keeper"), "Tell me about a time you noticed an animal was unwell.",
     "Haha, animals, my sister just adopted a rescue cat and it hides under her bed all day. She sends me videos "
     "constantly. It's honestly the cutest thing."),
    (_en("Festival Republic", "Crowd Steward"), "How would you handle a crowd pushing at the front barrier?",
     "So I went to Glastonbury last summer with my mates and it rained the whole weekend. Our tent flooded on the "
     "second night but we still had a brilliant time."),
    # a second check, written after the first change and run once before the English companions were read as plural
    (_ko("롯데월드", "어트랙션 크루"), "놀이기구가 갑자기 멈추면 탑승객을 어떻게 안내하시겠어요?",
     "저 롯데월드 연간회원이라 한 달에 두 번은 가요. 지난번엔 친구랑 교복 빌려 입고 사진 엄청 찍었어요. 츄러스도 두 "
     "개나 먹었어요."),
    (_ko("국립공원공단", "산악 안전 관리"), "등산객이 조난 신고를 하면 가장 먼저 무엇을 하시겠어요?",
     "아 저 지난달에 설악산 대청봉 다녀왔거든요. 새벽 세 시에 출발했는데 일출이 진짜 멋있었어요. 내려와서 먹은 "
     "막국수도 맛있었고요."),
    (_ko("서울대공원", "사육사"), "동물이 평소와 다르게 먹이를 거부하면 어떻게 하시겠어요?",
     "저희 집 고양이도 입이 짧아서 사료를 자주 바꿔요. 요즘은 츄르만 먹으려고 해서 걱정이에요. 그래도 애교가 많아서 "
     "귀여워요."),
    (_ko("한국마사회", "경마 고객 서비스"), "고객이 발매기 오류로 항의하시면 어떻게 응대하시겠어요?",
     "저 어릴 때 아빠 따라서 과천 경마장 자주 갔었어요. 말이 진짜 크고 멋있더라고요. 거기서 솜사탕 사 먹은 기억이 나요."),
    (_en("Six Flags", "Ride Operator"),
     "Tell me how you would handle a rider who refuses to leave the queue after closing.",
     "Oh, I went to Six Flags with my cousins last summer and we rode the big coaster five times in a row. We ate "
     "funnel cake until we felt sick. Such a fun day."),
    # a third check, written once the role reading was in place: main and that branch got 7/12 of it
    (_ko("아쿠아플라넷 여수", "아쿠아리스트"), "수조 수질에 이상이 생기면 어떻게 대응하시겠어요?",
     "저 수족관 진짜 좋아해서 여행 가면 꼭 들러요. 작년에 오사카 가이유칸 갔는데 고래상어가 진짜 컸어요. 기념품 가게에서 인형도 샀고요."),
    (_ko("인천국제공항공사", "여객 안내"), "길을 잃은 외국인 여행객을 만나면 어떻게 안내하시겠어요?",
     "제가 작년에 혼자 유럽 여행을 갔는데요, 파리 공항에서 환승 게이트를 못 찾아서 진짜 당황했어요. 결국 비행기 놓칠 뻔했어요."),
    (_ko("농협 하나로마트", "축산 코너"), "고기 선도에 대해 고객이 항의하면 어떻게 응대하시겠어요?",
     "저희 아빠가 캠핑 가면 항상 고기를 구워 주시거든요. 지난주에도 삼겹살을 두 근이나 사 가서 다 먹었어요. 역시 밖에서 먹는 고기가 제일 맛있어요."),
    (_en("Battersea Dogs Home", "Kennel Assistant"),
     "How would you settle a dog that has just arrived and is very stressed?",
     "Oh, my neighbour has a greyhound called Biscuit and he's the laziest dog ever. He sleeps on their sofa all "
     "day. My kids love walking him on Sundays."),
    # a fourth check, written with the code final and not tuned on: main 8/10, the branch 9/10
    (_ko("CGV", "극장 매니저"), "상영 중에 관객 간 다툼이 생기면 어떻게 하시겠어요?",
     "저 지난주에 친구랑 아이맥스로 듄 봤는데요, 사운드가 진짜 미쳤어요. 팝콘도 라지로 시켜서 다 먹었어요. 또 보러 갈 거예요."),
    (_ko("한국관광공사", "관광 안내"), "관광객이 안내 내용에 불만을 표하면 어떻게 응대하시겠어요?",
     "저 작년 여름에 가족들이랑 강릉 여행 갔었는데요, 안목해변 카페거리 커피가 진짜 맛있었어요. 순두부 젤라또도 먹었고요."),
    (_ko("스타필드", "시설 운영"), "주말에 주차장이 만차일 때 고객 불만은 어떻게 처리하시겠어요?",
     "저 스타필드 진짜 자주 가요. 아쿠아필드 가서 찜질하고 푸드코트에서 밥 먹으면 하루가 금방 가요. 지난달엔 동생이랑 영화도 봤어요."),
    (_en("Merlin Entertainments", "Guest Experience Host"),
     "How would you deal with a family upset that a ride is closed?",
     "Oh, we took my nephews to Legoland last spring and the queues were crazy. We bought the fast passes in the "
     "end and the boys loved the pirate ship. Great trip."),
    # the fourth check's miss, read since wip9-redirect13: a pet of one's own ("my dog") and a relative's doings
    (_en("RSPCA", "Animal Care Assistant"), "Tell me how you would clean and check a kennel block in the morning.",
     "Haha, my dog Pepper would hate a kennel. She sleeps on my bed and steals my socks every morning. My mum "
     "spoils her rotten with treats."),
]

WORK = [
    (_ko("하이원리조트", "스키 패트롤"), "현장에서 가장 긴박했던 순간을 말씀해 주세요.",
     "작년 주말에 상급 슬로프에서 보더 한 분이 나무에 부딪혀서 목이 아프다고 하셨어요. 경추 손상일 수 있어서 "
     "안 움직이게 고정하고 무전으로 들것이랑 구급차 불렀어요. 그 사이에 위쪽에서 내려오는 스키어들은 동료가 "
     "막았고요."),
    (_ko("펜타포트 록페스티벌", "운영 스태프"), "현장 운영 중에 돌발 상황을 해결한 경험이 있으면 말씀해 주세요.",
     "헤드라이너 공연 직전에 입장 게이트 쪽으로 사람이 확 몰렸어요. 날씨가 더워서 쓰러지는 분도 나올 것 "
     "같아서, 제가 옆 게이트를 하나 더 열자고 무전 드리고 줄을 두 갈래로 나눴어요. 물도 나눠 드렸고요."),
    (_ko("해피동물병원", "동물보건사"), "진료 보조 중에 어려웠던 상황을 말씀해 주세요.",
     "고양이 채혈이었는데 너무 예민해서 하악질하고 발톱을 세웠어요. 그래서 수건으로 몸을 감싸고 조명을 낮춘 "
     "다음에 보호자분께는 잠깐 밖에서 기다려 달라고 부탁드렸어요. 그러니까 금방 진정하더라고요."),
    (_ko("쿠팡풀필먼트서비스", "물류 허브 작업자"), "작업 중에 안전 문제를 발견했던 경험이 있나요?",
     "네, 비가 오던 날 상하차하는데 도크 바닥이 미끄러워서 카트가 자꾸 밀렸어요. 바로 반장님께 말씀드리고 그 "
     "구간은 미끄럼 매트 깔 때까지 손으로 옮겼어요."),
    (_ko("에버랜드", "어트랙션 운영"), "고객 불만을 처리했던 경험을 말씀해 주세요.",
     "주말에 롤러코스터가 점검으로 멈췄는데 한 시간 넘게 줄 서 계시던 가족분들이 화가 많이 나셨어요. 그래서 "
     "재운영 예상 시간을 안내해 드리고 우선 탑승권을 드렸더니 이해해 주셨어요."),
    (_ko("멍멍펫호텔", "펫시터"), "맡겨진 반려견이 아팠던 적이 있나요?",
     "푸들 한 마리가 밤새 토를 해서 사진이랑 횟수를 기록해 두고, 아침에 보호자분께 바로 연락드렸어요. 근처 "
     "동물병원 데려가니까 장염이었어요."),
    (_en("Vail Resorts", "Ski Patroller"), "Tell me about an incident you handled on the mountain.",
     "A snowboarder hit a tree on a black run and complained of neck pain. I kept his head still, radioed for a "
     "toboggan and had a colleague close the run above us. We got him down to the clinic in twenty minutes."),
    (_en("Blue Cross Animal Hospital", "Veterinary Nurse"), "Describe a difficult moment with an animal in the clinic.",
     "We had a big husky come in after being hit by a car, and he was snapping at everyone. I muzzled him with a "
     "towel, kept the owner talking in the waiting room, and held him while the vet placed a line."),
    (_en("Live Nation", "Festival Gate Supervisor"), "Tell me about a busy shift and how you coped.",
     "Friday night at the festival gates the scanners went down and the queue was past the car park. I switched my "
     "lane to manual wristband checks, called the supervisor, and we cleared about four hundred people in half an "
     "hour."),
    # the second check's work stories
    (_ko("롯데월드", "어트랙션 크루"), "고객 안전과 관련해 판단했던 경험이 있나요?",
     "네, 자이로드롭 탑승 전에 어떤 아이가 키 제한보다 작아 보여서 다시 재 봤더니 2센티 모자랐어요. 부모님께 규정을 "
     "설명드리고 대신 다른 놀이기구를 안내해 드렸어요."),
    (_ko("국립공원공단", "산악 안전 관리"), "현장에서 위험을 미리 막았던 경험을 말씀해 주세요.",
     "겨울에 능선 구간이 얼어서 미끄러운데 등산객 몇 분이 아이젠 없이 올라가시려고 했어요. 그래서 그 구간 입구에서 "
     "통제하고 대여용 아이젠을 나눠 드렸어요."),
    (_ko("서울대공원", "사육사"), "동물 건강 이상을 발견한 경험이 있나요?",
     "기린 한 마리가 아침 먹이를 절반 넘게 남겨서 배변 상태랑 걸음걸이를 확인했어요. 발굽 쪽을 조금 절어서 수의사 "
     "선생님께 바로 보고드렸고 염증으로 치료받았어요."),
    (_ko("한국마사회", "경마 고객 서비스"), "바쁜 경주일에 고객 불편을 해결했던 경험을 말씀해 주세요.",
     "대상경주 날 발매기 두 대가 멈춰서 줄이 엄청 길어졌어요. 제가 옆 창구 직원분이랑 수기 접수로 돌리고, 기다리시는 "
     "고객분들께 예상 대기 시간을 계속 말씀드렸어요."),
    (_en("Six Flags", "Ride Operator"), "Describe a time you had to stop a ride.",
     "On a packed Saturday a guest's lap bar didn't lock on the log flume. I hit the stop, walked the platform to her "
     "car, reset the bar by hand and had maintenance check the sensor before we reopened. The line waited about ten "
     "minutes."),
    # the third check's work stories
    (_ko("아쿠아플라넷 여수", "아쿠아리스트"), "생물 관리 중 문제를 해결한 경험이 있나요?",
     "인턴 때 해파리 수조 암모니아 수치가 갑자기 올라서 먹이량을 절반으로 줄이고 환수 주기를 이틀로 당겼어요. 일주일 뒤에 수치가 정상으로 돌아왔습니다."),
    (_ko("용평리조트", "리프트 운영"), "운영 중 돌발 상황을 처리했던 경험을 말씀해 주세요.",
     "바람이 세게 불어서 곤돌라가 흔들린다는 무전이 왔어요. 속도를 낮추고 탑승을 잠깐 멈춘 다음, 대기하시는 분들께 재개 예상 시간을 안내드렸어요."),
    (_ko("인천국제공항공사", "여객 안내"), "외국인 승객을 도왔던 경험이 있나요?",
     "환승하시는 태국 노부부가 게이트를 못 찾고 계셔서, 제가 탑승권 확인하고 셔틀트레인까지 직접 모시고 갔어요. 출발 20분 전에 도착하셨어요."),
    (_ko("농협 하나로마트", "축산 코너"), "매장에서 위생 문제를 발견했던 경험이 있나요?",
     "주말 오후에 진열대 온도계가 8도로 올라가 있어서 바로 고기를 냉장 창고로 옮겼어요. 그리고 설비 업체에 연락해서 컴프레서를 점검받았습니다."),
    (_en("Banff Lake Louise", "Lift Operator"), "Tell me about a time you had to act quickly on the job.",
     "A kid slipped half off the chair at loading. I hit the stop right away, lifted him back onto the seat, and "
     "radioed the top station to run slow so the liftie up there could help him off."),
    (_en("Battersea Dogs Home", "Kennel Assistant"), "Describe a dog you found hard to handle.",
     "We had a young staffie who'd bite the lead whenever we walked him. I swapped to a harness, kept his walks "
     "short and quiet, and logged his triggers for the behaviourist. After two weeks he walked calmly."),
    # the fourth check's work stories
    (_ko("CGV", "극장 매니저"), "현장에서 고객 불만을 해결한 경험이 있나요?",
     "상영 시작 10분 만에 영사기가 꺼져서 관객분들이 항의하셨어요. 제가 상황을 안내드리고 환불이랑 다음 회차 좌석 중에 고르시게 해서 대부분 다음 회차로 옮겨 드렸어요."),
    (_ko("한국관광공사", "관광 안내"), "외국인 관광객을 도왔던 경험을 말씀해 주세요.",
     "안내소에서 일할 때 일본인 관광객 한 분이 여권을 잃어버리셨어요. 경찰서 분실 신고를 같이 해 드리고 대사관 위치랑 운영 시간을 일본어로 적어 드렸어요."),
    (_ko("스타필드", "시설 운영"), "시설 문제를 빨리 처리했던 경험이 있나요?",
     "주말에 아쿠아필드 쪽 배수구가 막혀서 바닥에 물이 고였어요. 바로 그 구역 통제하고 시설팀 불러서 30분 만에 뚫었어요."),
    (_en("Merlin Entertainments", "Guest Experience Host"), "Tell me about a guest you turned around.",
     "A dad was furious because his daughter was too short for the coaster she'd been promised. I walked them to a "
     "smaller ride, got her a 'future rider' badge, and he thanked me at the exit."),
    (_en("RSPCA", "Animal Care Assistant"), "Describe a time an animal in your care needed urgent attention.",
     "During a morning check a rabbit wasn't eating and was hunched in the corner. I separated him, noted his gut "
     "sounds were quiet and got the vet in within the hour. It was early gut stasis and he recovered."),
]

# Still told as answers: the candidate as the guest of the very thing the job runs (a club's ski day that names a
# club, a guest stuck on a chairlift with one companion named) leaves too few signs of a day of their own.
MISSED = [
    (_ko("용평리조트", "리프트 운영"), "리프트 대기 줄이 길어 고객이 항의하면 어떻게 하시겠어요?",
     "아 리프트 하니까 생각나는데요, 저 대학교 때 동아리 사람들이랑 용평 가서 보드 타다가 손목을 삐었어요. 그날 다들 저 때문에 일찍 내려왔어요, 하하."),
    (_en("Banff Lake Louise", "Lift Operator"), "What would you do if the lift stopped with guests on it?",
     "Funny, I got stuck on a chairlift once in Colorado with my brother. We sat there for twenty minutes freezing "
     "and just laughed about it. Then we got hot chocolate at the bottom."),
]


@pytest.mark.parametrize(("context", "question", "answer"), FREE_TIME)
def test_a_free_time_story_told_as_an_answer_is_redirected(context: InterviewContext, question: str,
                                                           answer: str) -> None:
    decision = decide(_turn(question, answer, context))
    assert decision.move is Move.REDIRECT, decision.text


@pytest.mark.parametrize(("context", "question", "answer"), WORK)
def test_work_in_an_outdoor_animal_or_leisure_place_is_an_answer(context: InterviewContext, question: str,
                                                                 answer: str) -> None:
    decision = decide(_turn(question, answer, context))
    assert decision.move is not Move.REDIRECT, decision.text


def test_who_gives_to_whom_sets_the_role() -> None:
    assert serves_others("보호자분께 잠깐 기다려 달라고 부탁드렸어요.", "ko") == 2
    assert serves_others("할머니께 용돈을 드렸어요.", "ko") == 0  # a gift to family is no service
    assert serves_others("솔직히 말씀드리면 긴장했어요.", "ko") == 0  # said to the interviewer
    assert served_or_at_leisure("콘서트를 갔는데요, 진짜 재밌었어요.", "ko") == 2
    assert guest_story("I went to Glastonbury with my mates and had a brilliant time.", "en")
    assert staff_story("I kept the owner talking while the vet placed a line.", "en")
    assert not guest_story("작년에 축제 게이트에서 관람객분들께 입장 순서를 안내해 드렸어요. 재밌었어요.", "ko")


@pytest.mark.xfail(strict=True, reason="a guest's day on the job's own ground with one sign of leisure: not yet read")
@pytest.mark.parametrize(("context", "question", "answer"), MISSED)
def test_a_guest_on_the_jobs_own_ground_is_not_yet_redirected(context: InterviewContext, question: str,
                                                             answer: str) -> None:
    assert decide(_turn(question, answer, context)).move is Move.REDIRECT
