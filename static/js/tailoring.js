// The interview's language and what it is tailored to: the page's language goes with every session and turn,
// and an optional résumé / job posting (pasted, or a PDF read by POST /api/documents/text) with the session.

import { addStrings, language, t } from "./i18n.js";

const MAX_CHARS = 20000; // interview/documents.py MAX_DOCUMENT_CHARS

addStrings({
  ko: { "tailor.legend": "이력서 · 채용 공고 (선택)", "tailor.resume": "이력서 / 자기소개서", "tailor.posting": "채용 공고",
        "tailor.pdf": "PDF 불러오기", "tailor.reading": "PDF를 읽는 중…", "tailor.failed": "PDF를 읽지 못했습니다: {message}" },
  en: { "tailor.legend": "Résumé · job posting (optional)", "tailor.resume": "Résumé / cover letter",
        "tailor.posting": "Job posting", "tailor.pdf": "Load a PDF", "tailor.reading": "Reading the PDF…",
        "tailor.failed": "Could not read the PDF: {message}" },
});

/** Read a PDF into `area` through the server (its errors shown in `status`). */
async function readPdf(file, area, status) {
  status.textContent = t("tailor.reading");
  const form = new FormData();
  form.append("file", file);
  try {
    const response = await fetch("/api/documents/text", { method: "POST", body: form });
    const body = await response.json();
    if (!response.ok) throw new Error(body.error ?? response.status);
    area.value = body.text;
    status.textContent = "";
  } catch (e) {
    status.textContent = t("tailor.failed", { message: e.message });
  }
}

/** Wire the résumé / posting box inside `root` (a <fieldset> of the set-up form). */
export function wireTailoring(root) {
  for (const area of root.querySelectorAll("textarea")) area.maxLength = MAX_CHARS;
  for (const input of root.querySelectorAll("input[type=file]")) {
    const area = root.querySelector(`#${input.dataset.target}`);
    const status = root.querySelector(".tailor-status");
    input.addEventListener("change", () => { if (input.files[0]) readPdf(input.files[0], area, status); });
  }
}

/** The fields every session and turn carries: the page's language (with an English voice from `voices`, a
 *  <select>, when the chosen one is not), and the résumé/posting when given. */
export function tailoringFields(root, voices) {
  const fields = { language: language() };
  if (fields.language === "en" && voices && !voices.value.startsWith("en")) {
    const english = [...voices.options].map((o) => o.value).find((v) => v.startsWith("en"));
    if (english) fields.tts_voice = english;
  }
  const resume = root.querySelector("#resume-text")?.value.trim();
  const posting = root.querySelector("#posting-text")?.value.trim();
  if (resume) fields.resume_text = resume;
  if (posting) fields.job_posting_text = posting;
  return fields;
}
