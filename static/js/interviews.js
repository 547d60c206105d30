// "My interviews": this browser's stored interviews (GET /api/sessions, owned by its cookie) — resume an
// unfinished one, replay a finished one with its videos, delete one.

import { deleteJson, getJson } from "./api.js";
import { addStrings, language, t } from "./i18n.js";

addStrings({
  ko: {
    "interviews.heading": "내 면접",
    "interviews.empty": "아직 저장된 면접이 없습니다. 면접을 시작하면 여기에 남습니다.",
    "interviews.loadFailed": "면접 목록을 불러오지 못했습니다: {message}",
    "interviews.answered": "답변 {count}개",
    "interviews.question": "질문 {index}/{total}",
    "interviews.finished": "완료",
    "interviews.unfinished": "진행 중",
    "interviews.resume": "이어하기",
    "interviews.replay": "다시 보기",
    "interviews.delete": "삭제",
    "interviews.confirmDelete": "{title} 면접을 삭제할까요? 기록과 영상이 지워집니다.",
    "interviews.openFailed": "면접을 열지 못했습니다: {message}",
    "interviews.deleteFailed": "면접을 삭제하지 못했습니다: {message}",
    "interviews.untitled": "면접",
  },
  en: {
    "interviews.heading": "My interviews",
    "interviews.empty": "No saved interviews yet. An interview you start is kept here.",
    "interviews.loadFailed": "Could not load your interviews: {message}",
    "interviews.answered": "{count} answered",
    "interviews.question": "Question {index} of {total}",
    "interviews.finished": "Finished",
    "interviews.unfinished": "In progress",
    "interviews.resume": "Resume",
    "interviews.replay": "Replay",
    "interviews.delete": "Delete",
    "interviews.confirmDelete": "Delete the interview {title}? Its transcript and videos are removed.",
    "interviews.openFailed": "Could not open the interview: {message}",
    "interviews.deleteFailed": "Could not delete the interview: {message}",
    "interviews.untitled": "Interview",
  },
});

const SETTING_FIELDS = ["org_type", "company_name", "job_name", "avatar", "resolution", "tts_engine", "tts_voice",
                        "total_questions"];

/** The request fields to continue `session` with: what the page stored in its metadata, else its interview fields. */
export function sessionSettings(session) {
  const fields = Object.fromEntries(SETTING_FIELDS.filter((k) => session[k] != null).map((k) => [k, session[k]]));
  return { ...fields, ...session.metadata?.settings };
}

/** Transcript entries of stored messages; the page's opening line (`opening`) is not shown, as in a live interview.
 * In a panel (`panel`), each reply is shown with the name of the interviewer the server stored with it. */
export function storedEntries(messages, opening, panel = false) {
  const seated = (m) => (panel ? m.speaker ?? undefined : undefined); // who spoke, as the server stored it
  return messages
    .filter((m, i) => !(i === 0 && m.role === "user" && m.content === opening))
    .map((m) => (m.role === "user"
      ? { role: "candidate", text: m.content, at: new Date(m.created_at) }
      : { role: "interviewer", speaker: seated(m), text: m.content, at: new Date(m.created_at),
          timing: m.timings ?? undefined, video: m.video_url ?? undefined }));
}

const title = (session) => [session.company_name, session.job_name].filter(Boolean).join(" · ")
  || t("interviews.untitled");

function button(label, className, onClick) {
  const element = document.createElement("button");
  element.type = "button";
  element.className = className;
  element.textContent = label;
  element.addEventListener("click", onClick);
  return element;
}

export class InterviewList {
  /** `open(session, messages)`: show a stored interview; `alert(text|null)`: the page's alert banner. */
  constructor(list, { open, alert }) {
    Object.assign(this, { list, open, alert });
    this.sessions = null; // null until loaded
  }

  /** Fetch this browser's interviews and list them (a failure is shown in the list, the page goes on). */
  async load() {
    try {
      this.sessions = (await getJson("/api/sessions")).sessions;
      this.render();
    } catch (e) {
      this.sessions = null;
      this.note(t("interviews.loadFailed", { message: e.message }));
    }
  }

  note(text) {
    const item = document.createElement("li");
    item.className = "empty";
    item.textContent = text;
    this.list.replaceChildren(item);
  }

  render() {
    if (this.sessions === null) return;
    if (!this.sessions.length) {
      this.note(t("interviews.empty"));
      return;
    }
    const when = new Intl.DateTimeFormat(language() === "ko" ? "ko-KR" : "en-US",
                                         { dateStyle: "medium", timeStyle: "short" });
    this.list.replaceChildren(...this.sessions.map((session) => {
      const item = document.createElement("li");
      item.className = "saved-interview";
      item.dataset.sessionId = session.session_id;
      const name = document.createElement("strong");
      name.textContent = title(session);
      const state = document.createElement("span");
      state.className = `badge${session.finished ? " done" : ""}`;
      state.textContent = t(session.finished ? "interviews.finished" : "interviews.unfinished");
      const details = document.createElement("p");
      details.className = "muted small";
      const parts = [when.format(new Date(session.created_at)),
                     t("interviews.answered", { count: session.questions_answered })];
      if (session.total_questions) {
        parts.push(t("interviews.question", { index: session.question_index, total: session.total_questions }));
      }
      details.textContent = parts.join(" · ");
      const actions = document.createElement("div");
      actions.className = "saved-actions";
      actions.append(
        button(t(session.finished ? "interviews.replay" : "interviews.resume"), "primary open",
               () => this.show(session)),
        button(t("interviews.delete"), "danger delete", () => this.remove(session)),
      );
      item.append(name, state, details, actions);
      return item;
    }));
  }

  /** Open a stored interview with its whole transcript. */
  async show(session) {
    try {
      const { messages } = await getJson(`/api/sessions/${encodeURIComponent(session.session_id)}/messages`);
      this.alert(null);
      this.open(session, messages);
    } catch (e) {
      this.alert(t("interviews.openFailed", { message: e.message }));
      this.load(); // it may have expired or been deleted elsewhere
    }
  }

  /** Delete an interview after the candidate confirms; the list is fetched again. */
  async remove(session) {
    if (!window.confirm(t("interviews.confirmDelete", { title: title(session) }))) return;
    try {
      await deleteJson(`/api/sessions/${encodeURIComponent(session.session_id)}`);
    } catch (e) {
      this.alert(t("interviews.deleteFailed", { message: e.message }));
    }
    await this.load();
  }
}
