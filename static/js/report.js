// The feedback report: asked for when the interview ends (or on demand), shown on the page, printable,
// and downloadable as JSON and as a standalone HTML page.

import "./coach-strings.js";
import { postJson } from "./api.js";
import { fileStamp, saveBlob } from "./files.js";
import { t } from "./i18n.js";

export const REPORT_URL = "/api/interview/report";
export const RETRY_URL = "/api/interview/retry";
// The standalone HTML download carries its own small style sheet (the page's CSS is not in the file).
const DOWNLOAD_CSS = `body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1d2433}
h2,h3{margin:.4rem 0}.score{font-weight:700}.quote{color:#4a5568;font-style:italic}.q{border-top:1px solid #ddd;padding:.6rem 0}
.report-actions,.retry-box{display:none}`;

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function feedbackList(title, items) {
  const block = el("div", "feedback");
  block.append(el("h4", "", title));
  const list = el("ul");
  for (const item of items) {
    const li = el("li", "", item.point);
    if (item.quote) li.append(" ", el("span", "quote", `“${item.quote}”`));
    list.append(li);
  }
  block.append(list);
  return block;
}

function metricsLine(metrics) {
  if (!metrics) return "";
  const n = (value) => (typeof value === "number" ? value : "–");
  if (metrics.mode === "voice") {
    return t("report.metricsVoice", {
      time: n(metrics.speaking_time_s), rate: n(metrics.rate_per_min), pauses: metrics.long_pauses,
      fillers: metrics.filler_count,
      unit: t(metrics.rate_unit === "syllables" ? "report.unitSyllables" : "report.unitWords"),
    });
  }
  return t("report.metricsTyped", { chars: metrics.characters, time: n(metrics.time_to_answer_s) });
}

function categoryLine(scores) {
  if (!scores) return "";
  const names = ["content", "structure", "specificity", "delivery"].filter((k) => typeof scores[k] === "number");
  return names.map((k) => `${t(`report.category.${k}`)} ${scores[k]}`).join(" · ");
}

function questionBlock(q, retry) {
  const block = el("article", "q");
  block.dataset.score = String(q.score);
  block.dataset.index = String(q.index);
  const head = el("h3");
  head.append(el("span", "", `${t("report.question", { index: q.index })} · `),
              el("span", "score", t("report.score", { score: q.score })), ` (${q.grade})`);
  block.append(head, el("p", "asked", q.question));
  block.append(el("p", "answer", `${t("report.answer")}: ${q.answer || t("report.unanswered")}`));
  const mark = (yes) => (yes ? "✓" : "✗");
  block.append(el("p", "star", t("report.star", { situation: mark(q.star.situation), task: mark(q.star.task),
                                                   action: mark(q.star.action), result: mark(q.star.result) })));
  block.append(el("p", "categories", categoryLine(q.scores)));
  if (q.timed_out) block.append(el("p", "timed-out", t("report.timedOut")));
  if (q.overruled) block.append(el("p", "overruled muted", t("report.overruled", { reason: q.overruled })));
  if (q.strengths.length) block.append(feedbackList(t("report.strengths"), q.strengths));
  if (q.improvements.length) block.append(feedbackList(t("report.improvements"), q.improvements));
  if (q.warnings?.length) block.append(feedbackList(t("report.warnings"), q.warnings));
  if (q.outline?.length) {
    const outline = el("details", "outline");
    outline.append(el("summary", "", t("report.outline")));
    const steps = el("ol");
    for (const step of q.outline) steps.append(el("li", "", step));
    outline.append(steps);
    block.append(outline);
  }
  const metrics = metricsLine(q.metrics);
  if (metrics) block.append(el("p", "metrics", `${t("report.metrics")}: ${metrics}`));
  const retries = el("ul", "retries");
  for (const r of q.retries ?? []) retries.append(retryLine(r));
  block.append(retries);
  if (retry) block.append(retryForm(q, retry, retries));
  return block;
}

function retryLine(r) {
  return el("li", "retry-result", t("report.retryResult", { before: r.previous_score, after: r.score, grade: r.grade }));
}

/** "다시 답하기": a box for a new answer to this question; its score appears beside the first one. */
function retryForm(q, retry, retries) {
  const form = el("form", "retry-form");
  const box = el("textarea");
  box.rows = 3;
  box.setAttribute("aria-label", t("report.retry"));
  const button = el("button", "secondary retry", t("report.retry"));
  button.type = "submit";
  const status = el("span", "muted");
  form.append(box, button, status);
  form.hidden = true;
  const open = el("button", "secondary retry-open", t("report.retry"));
  open.type = "button";
  open.addEventListener("click", () => { form.hidden = false; open.hidden = true; box.focus(); });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const answer = box.value.trim();
    if (!answer) return;
    button.disabled = true;
    status.textContent = t("report.loading");
    try {
      const result = await retry(q.index, answer);
      retries.append(retryLine(result.retry));
      status.textContent = "";
      box.value = "";
    } catch (e) {
      status.textContent = t("report.failed", { message: e.message });
    } finally {
      button.disabled = false;
    }
  });
  const wrap = el("div", "retry-box");
  wrap.append(open, form);
  return wrap;
}

/** The report as DOM (text only, never HTML from the server). */
export function renderReport(report, retry = null) {
  const root = el("div", "report-body");
  const overall = el("p", "overall");
  overall.append(`${t("report.overall")}: `, el("strong", "score", String(report.overall_score)), " / 100 · ",
                 el("strong", "grade", `${report.grade} ${report.grade_label}`));
  root.append(overall, el("p", "categories", categoryLine(report.category_scores)),
              el("p", "summary", report.summary), el("p", "judged-by muted small", report.judged_by));
  for (const q of report.questions) root.append(questionBlock(q, retry));
  const rubric = el("details", "rubric");
  rubric.append(el("summary", "", t("report.rubric")), el("p", "", report.rubric_explained));
  const list = el("ul");
  for (const item of report.rubric) list.append(el("li", "", `${Math.round(item.weight * 100)}% · ${item.description}`));
  rubric.append(list);
  root.append(rubric);
  return root;
}

/** The report panel: `els`: panel, body, status, print, json, html, close; `request()` → the report's body. */
export class ReportView {
  constructor(els, request) {
    this.els = els;
    this.request = request;
    this.retry = async (index, answer) => {
      const { history, session_id: sessionId, language, org_type: orgType, company_name: company,
              job_name: job } = this.request();
      const where = sessionId ? { session_id: sessionId } : { history };
      return postJson(RETRY_URL, { ...where, question_index: index, answer, language, org_type: orgType,
                                   company_name: company, job_name: job });
    };
    this.report = null;
    els.print.addEventListener("click", () => this.print());
    els.json.addEventListener("click", () => this.download("json"));
    els.html.addEventListener("click", () => this.download("html"));
    els.close.addEventListener("click", () => { els.panel.hidden = true; });
  }

  /** Ask the server for the report of the interview so far and show it. */
  async open() {
    const { panel, body, status } = this.els;
    panel.hidden = false;
    body.replaceChildren();
    status.textContent = t("report.loading");
    try {
      this.report = (await postJson(REPORT_URL, this.request())).report;
      status.textContent = "";
      body.append(renderReport(this.report, this.retry));
      panel.scrollIntoView({ block: "start" });
    } catch (e) {
      status.textContent = t("report.failed", { message: e.message });
    }
  }

  /** Print only the report (the page's print style hides the rest while this class is set). */
  print() {
    document.body.classList.add("print-report");
    window.addEventListener("afterprint", () => document.body.classList.remove("print-report"), { once: true });
    window.print();
  }

  download(kind) {
    if (!this.report) return;
    const name = `interview-report-${fileStamp()}.${kind}`;
    if (kind === "json") {
      saveBlob(new Blob([JSON.stringify(this.report, null, 2)], { type: "application/json" }), name);
      return;
    }
    const page = `<!doctype html><html lang="${this.report.language}"><head><meta charset="utf-8">`
      + `<title>${t("report.heading")}</title><style>${DOWNLOAD_CSS}</style></head><body>`
      + `<h1>${t("report.heading")}</h1>${renderReport(this.report).outerHTML}</body></html>`;
    saveBlob(new Blob([page], { type: "text/html;charset=utf-8" }), name);
  }
}
