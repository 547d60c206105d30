// The feedback report: asked for when the interview ends (or on demand), shown on the page, printable,
// and downloadable as JSON and as a standalone HTML page.

import "./coach-strings.js";
import { postJson } from "./api.js";
import { fileStamp, saveBlob } from "./files.js";
import { t } from "./i18n.js";

export const REPORT_URL = "/api/interview/report";
// The standalone HTML download carries its own small style sheet (the page's CSS is not in the file).
const DOWNLOAD_CSS = `body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1d2433}
h2,h3{margin:.4rem 0}.score{font-weight:700}.quote{color:#4a5568;font-style:italic}.q{border-top:1px solid #ddd;padding:.6rem 0}
.report-actions{display:none}`;

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

function questionBlock(q) {
  const block = el("article", "q");
  block.dataset.score = String(q.score);
  const head = el("h3");
  head.append(el("span", "", `${t("report.question", { index: q.index })} · `),
              el("span", "score", t("report.score", { score: q.score })));
  block.append(head, el("p", "asked", q.question));
  block.append(el("p", "answer", `${t("report.answer")}: ${q.answer || t("report.unanswered")}`));
  const mark = (yes) => (yes ? "✓" : "✗");
  block.append(el("p", "star", t("report.star", { situation: mark(q.star.situation), task: mark(q.star.task),
                                                   action: mark(q.star.action), result: mark(q.star.result) })));
  if (q.strengths.length) block.append(feedbackList(t("report.strengths"), q.strengths));
  if (q.improvements.length) block.append(feedbackList(t("report.improvements"), q.improvements));
  const metrics = metricsLine(q.metrics);
  if (metrics) block.append(el("p", "metrics", `${t("report.metrics")}: ${metrics}`));
  return block;
}

/** The report as DOM (text only, never HTML from the server). */
export function renderReport(report) {
  const root = el("div", "report-body");
  const overall = el("p", "overall");
  overall.append(`${t("report.overall")}: `, el("strong", "score", String(report.overall_score)), " / 100");
  root.append(overall, el("p", "summary", report.summary));
  for (const q of report.questions) root.append(questionBlock(q));
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
      body.append(renderReport(this.report));
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
