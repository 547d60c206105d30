// Practice on the page: progress across stored interviews, study mode's hints, and real mode's countdown
// (preparation time, then the answer's time limit; at the limit the answer is sent with answer_timed_out).

import { getJson, postJson } from "./api.js";
import { t } from "./i18n.js";

export const PROGRESS_URL = "/api/interviews/progress";
export const HINT_URL = "/api/interview/hint";
const CATEGORIES = ["content", "structure", "specificity"];

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The caller's stored interviews' scores over time: one row per interview, a bar per category. */
export async function showProgress(root, status) {
  status.textContent = t("progress.loading");
  root.replaceChildren();
  try {
    const { interviews } = await getJson(PROGRESS_URL);
    status.textContent = interviews.length ? "" : t("progress.empty");
    for (const entry of interviews) {
      const row = el("li", "progress-row");
      row.dataset.score = String(entry.overall_score);
      const when = new Date(entry.created_at).toLocaleDateString();
      row.append(el("span", "when", `${when} · ${entry.company_name ?? ""} ${entry.job_name ?? ""}`),
                 el("strong", "score", `${entry.overall_score} (${entry.grade})`),
                 el("span", "counts muted", t("progress.counts", { answered: entry.answered, asked: entry.asked })));
      const bars = el("span", "bars");
      for (const name of CATEGORIES) {
        const value = entry.category_scores?.[name] ?? 0;
        const bar = el("span", "bar", `${t(`report.category.${name}`)} ${value}`);
        bar.style.setProperty("--value", `${value}%`);
        bars.append(bar);
      }
      row.append(bars);
      root.append(row);
    }
  } catch (e) {
    status.textContent = t("report.failed", { message: e.message });
  }
}

/** Study mode: the outline of a strong answer to the question just asked. */
export async function showHint(root, question, language, jobName) {
  root.replaceChildren();
  if (!question) return;
  try {
    const { outline } = await postJson(HINT_URL, { question, language, job_name: jobName ?? null });
    root.append(el("strong", "", t("practice.hint")));
    const list = el("ol");
    for (const step of outline) list.append(el("li", "", step));
    root.append(list);
  } catch {
    root.replaceChildren(); // a hint is a help, not a step of the interview
  }
}

/** Real mode's countdown: `prepare` s to think, then `limit` s to answer; `onLimit()` when the time is up. */
export class Countdown {
  constructor(badge, onLimit) {
    this.badge = badge;
    this.onLimit = onLimit;
    this.timer = null;
    this.answerStarted = null;
    this.limit = null;
  }

  start(prepare, limit) {
    this.stop();
    this.limit = limit;
    let phase = prepare > 0 ? "prepare" : "answer";
    let left = prepare > 0 ? prepare : limit;
    if (phase === "answer") this.answerStarted = performance.now();
    const render = () => {
      this.badge.hidden = false;
      this.badge.dataset.phase = phase;
      this.badge.textContent = t(phase === "prepare" ? "practice.prepare" : "practice.answer", { seconds: left });
    };
    render();
    this.timer = setInterval(() => {
      left -= 1;
      if (left > 0) return render();
      if (phase === "prepare") {
        phase = "answer";
        left = limit;
        this.answerStarted = performance.now();
        return render();
      }
      this.stop();
      this.onLimit();
    }, 1000);
  }

  /** Seconds spent answering so far (null before the answer phase). */
  answerTime() {
    return this.answerStarted === null ? null : Math.round((performance.now() - this.answerStarted) / 100) / 10;
  }

  stop() {
    clearInterval(this.timer);
    this.timer = null;
    this.badge.hidden = true;
  }
}
