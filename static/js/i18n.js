// UI text in Korean and English; the interviewer itself speaks whatever the server's engines produce.

const STRINGS = {
  ko: {
    "skip": "답변 입력으로 건너뛰기",
    "app.title": "AI 면접 연습",
    "app.tagline": "말하는 면접관과 실전처럼 연습하세요.",
    "setup.heading": "면접 설정",
    "setup.orgType": "기관 유형",
    "setup.company": "회사",
    "setup.job": "직무",
    "setup.questions": "질문 수",
    "setup.avatar": "면접관",
    "setup.resolution": "화질",
    "setup.engine": "음성 엔진",
    "setup.voice": "목소리",
    "setup.start": "면접 시작",
    "setup.loading": "설정을 불러오는 중…",
    "setup.ready": "준비되었습니다. 면접 시작을 누르면 면접관이 인사합니다.",
    "setup.avatarUpload": "내 사진이나 짧은 영상으로 면접관 만들기",
    "setup.voicesNote": "한국어 자연 음성(신경망)은 원격 엔진 GPT-SoVITS 또는 ElevenLabs를 설정하면 고를 수 있습니다. "
      + "오프라인 음성: eSpeak NG(한국어, 영어), Piper(영어, 신경망).",
    "setup.loadFailed": "서버에서 설정을 불러오지 못했습니다: {message}",
    "voice.auto": "자동 (글자에 맞춰)",
    "stage.llm": "답변 생성",
    "stage.tts": "음성",
    "stage.lipsync": "영상",
    "stage.play": "재생",
    "status.connecting": "면접관에게 연결하는 중…",
    "status.llm": "면접관이 생각하는 중…",
    "status.tts": "목소리를 만드는 중…",
    "status.lipsync": "영상을 만드는 중…",
    "status.segments": "영상을 만드는 중… ({done}/{count})",
    "status.playing": "면접관이 말하는 중",
    "status.idle": "답변을 입력하거나 말해 주세요.",
    "status.queue": "대기열 {position}번째 · 약 {eta}초",
    "status.cancelling": "취소하는 중…",
    "status.cancelled": "이번 차례를 취소했습니다. 답변을 고쳐 다시 보내세요.",
    "status.finished": "면접이 끝났습니다.",
    "progress.question": "질문 {index}/{total}",
    "progress.finished": "면접 종료",
    "finished.message": "면접이 끝났습니다. 수고하셨습니다! 기록을 내려받거나 새 면접을 시작하세요.",
    "error.busy": "서버가 바쁩니다(대기열이 가득 찼습니다). {seconds}초 후 다시 시도합니다…",
    "error.busyManual": "서버가 계속 바쁩니다. 잠시 후 다시 시도해 주세요.",
    "error.turn": "면접관이 답하지 못했습니다: {message}",
    "error.http": "요청이 거부되었습니다 ({status}): {message}",
    "error.network": "서버와의 연결이 끊겼습니다. 다시 시도해 주세요.",
    "error.video": "영상을 재생하지 못했습니다: {message}",
    "error.emptyAnswer": "답변을 입력하거나 말한 뒤 보내세요.",
    "action.retry": "다시 시도",
    "action.send": "보내기",
    "action.cancel": "취소",
    "action.mic": "말하기",
    "action.micStop": "듣기 중지",
    "action.download": "기록 내려받기",
    "action.newInterview": "새 면접",
    "action.captions": "자막",
    "action.play": "▶ 재생",
    "answer.label": "내 답변",
    "answer.placeholder": "답변을 입력하세요 (Enter 보내기, Shift+Enter 줄바꿈)",
    "speech.unsupported": "이 브라우저는 음성 입력을 지원하지 않습니다. 답변을 입력해 주세요.",
    "speech.error": "음성 입력을 쓸 수 없습니다 ({error}). 답변을 입력해 주세요.",
    "shortcuts": "Enter 보내기 · Shift+Enter 줄바꿈 · Esc 취소 · Alt+M 말하기",
    "transcript.heading": "면접 기록",
    "transcript.empty": "아직 기록이 없습니다.",
    "transcript.play": "▶ 영상",
    "transcript.title": "AI 면접 연습 기록",
    "role.interviewer": "면접관",
    "role.candidate": "나",
    "panel.legend": "패널 면접",
    "panel.hint": "두 명 이상 고르면 면접관들이 번갈아 질문합니다 (각자의 얼굴과 목소리로). 고르지 않으면 위의 면접관 한 명이 진행합니다.",
    "panel.style.friendly": "친절한 면접",
    "panel.style.structured": "구조화 면접",
    "panel.style.pressure": "압박 면접",
    "timing": "생성 {llm}초 · 음성 {tts}초 · 영상 {lipsync}초 · 첫 영상 {first}초 · 전체 {total}초",
    "confirm.new": "진행 중인 면접을 끝내고 새 면접을 시작할까요?",
  },
  en: {
    "skip": "Skip to the answer box",
    "app.title": "Interview practice",
    "app.tagline": "Rehearse a real interview with a talking interviewer.",
    "setup.heading": "Set up your interview",
    "setup.orgType": "Organisation type",
    "setup.company": "Company",
    "setup.job": "Job",
    "setup.questions": "Questions",
    "setup.avatar": "Interviewer",
    "setup.resolution": "Video quality",
    "setup.engine": "Voice engine",
    "setup.voice": "Voice",
    "setup.start": "Start interview",
    "setup.loading": "Loading options…",
    "setup.ready": "Ready. Press Start interview and the interviewer will greet you.",
    "setup.avatarUpload": "Make an interviewer from your own photo or short video",
    "setup.voicesNote": "Natural Korean neural voices need a remote engine (GPT-SoVITS or ElevenLabs) set up on the "
      + "server. Offline voices: eSpeak NG (Korean, English), Piper (English, neural).",
    "setup.loadFailed": "Could not load the options from the server: {message}",
    "voice.auto": "Automatic (by script)",
    "stage.llm": "Thinking",
    "stage.tts": "Voice",
    "stage.lipsync": "Video",
    "stage.play": "Playing",
    "status.connecting": "Connecting to the interviewer…",
    "status.llm": "The interviewer is thinking…",
    "status.tts": "Making the voice…",
    "status.lipsync": "Rendering the video…",
    "status.segments": "Rendering the video… ({done}/{count})",
    "status.playing": "The interviewer is speaking",
    "status.idle": "Type or speak your answer.",
    "status.queue": "In line: #{position} · about {eta} s",
    "status.cancelling": "Cancelling…",
    "status.cancelled": "Turn cancelled. Edit your answer and send it again.",
    "status.finished": "The interview is over.",
    "progress.question": "Question {index} of {total}",
    "progress.finished": "Interview over",
    "finished.message": "The interview is over. Well done! Download the transcript or start a new interview.",
    "error.busy": "The server is busy (the queue is full). Retrying in {seconds} s…",
    "error.busyManual": "The server is still busy. Please try again in a moment.",
    "error.turn": "The interviewer could not answer: {message}",
    "error.http": "The request was refused ({status}): {message}",
    "error.network": "Lost the connection to the server. Please try again.",
    "error.video": "The video could not be played: {message}",
    "error.emptyAnswer": "Type or speak an answer before sending.",
    "action.retry": "Retry",
    "action.send": "Send",
    "action.cancel": "Cancel",
    "action.mic": "Speak",
    "action.micStop": "Stop listening",
    "action.download": "Download transcript",
    "action.newInterview": "New interview",
    "action.captions": "Captions",
    "action.play": "▶ Play",
    "answer.label": "Your answer",
    "answer.placeholder": "Type your answer (Enter sends, Shift+Enter adds a line)",
    "speech.unsupported": "This browser has no speech input. Please type your answer.",
    "speech.error": "Speech input is unavailable ({error}). Please type your answer.",
    "shortcuts": "Enter send · Shift+Enter new line · Esc cancel · Alt+M speak",
    "transcript.heading": "Transcript",
    "transcript.empty": "Nothing said yet.",
    "transcript.play": "▶ Video",
    "transcript.title": "Interview practice transcript",
    "role.interviewer": "Interviewer",
    "role.candidate": "You",
    "panel.legend": "Panel interview",
    "panel.hint": "Tick two or more and they take turns asking (each with their own face and voice). Tick none and the interviewer above runs it alone.",
    "panel.style.friendly": "friendly",
    "panel.style.structured": "structured",
    "panel.style.pressure": "pressure",
    "timing": "thinking {llm} s · voice {tts} s · video {lipsync} s · first video {first} s · total {total} s",
    "confirm.new": "End this interview and start a new one?",
  },
};

const STORAGE_KEY = "interview.lang";
const listeners = new Set();
let lang = initialLanguage();

function initialLanguage() {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved in STRINGS) return saved;
  return (navigator.language || "ko").toLowerCase().startsWith("ko") ? "ko" : "en";
}

/** The current UI language ("ko" or "en"). */
export function language() {
  return lang;
}

/** The text for `key` with `{name}` placeholders filled from `params`. */
export function t(key, params = {}) {
  const text = STRINGS[lang][key] ?? STRINGS.ko[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? ""));
}

/** Translate every element marked with data-i18n / data-i18n-placeholder under `root`. */
export function translate(root = document) {
  document.documentElement.lang = lang;
  for (const el of root.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll("[data-i18n-placeholder]")) el.placeholder = t(el.dataset.i18nPlaceholder);
  for (const button of document.querySelectorAll("[data-lang]")) {
    button.setAttribute("aria-pressed", String(button.dataset.lang === lang));
  }
}

/** Switch language, re-translate the page and tell listeners (for text built in code). */
export function setLanguage(next) {
  if (!(next in STRINGS) || next === lang) return;
  lang = next;
  localStorage.setItem(STORAGE_KEY, lang);
  translate();
  for (const listener of listeners) listener(lang);
}

/** Add the strings of a feature module (`table`: {ko: {...}, en: {...}}). */
export function addStrings(table) {
  for (const [code, strings] of Object.entries(table)) Object.assign(STRINGS[code], strings);
}

/** Call `listener(lang)` after every language switch. */
export function onLanguageChange(listener) {
  listeners.add(listener);
}
