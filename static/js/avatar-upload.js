// Upload one's own photo or short talking video from the set-up screen: POST /api/avatars, follow the job's
// SSE progress, then reload the catalogues and choose the new avatar as the interviewer.

const LABELS = {
  ko: { uploading: "올리는 중…", failed: "만들지 못했습니다: {message}", done: "새 면접관이 준비되었습니다." },
  en: { uploading: "Uploading…", failed: "Could not make the avatar: {message}", done: "Your interviewer is ready." },
};

function label(key, values = {}) {
  const lang = document.documentElement.lang?.startsWith("en") ? "en" : "ko";
  return LABELS[lang][key].replace(/\{(\w+)\}/g, (_, name) => values[name] ?? "");
}

/** Wire the upload box `root` (file input, progress, status) to the set-up panel `setup`. */
export function wireAvatarUpload(root, setup) {
  const input = root.querySelector("input[type=file]");
  const bar = root.querySelector("progress");
  const status = root.querySelector("[role=status]");
  const show = (text, percent = null) => {
    status.textContent = text;
    bar.hidden = percent === null;
    if (percent !== null) bar.value = percent;
  };
  input.addEventListener("change", async () => {
    const file = input.files?.[0];
    if (!file) return;
    input.disabled = true;
    try {
      const avatar = await upload(file, (step, percent) => show(step, percent), () => show(label("uploading"), 0));
      await setup.load();
      setup.fields.avatar.value = avatar;
      setup.fields.avatar.dispatchEvent(new Event("change"));
      show(label("done"));
    } catch (e) {
      show(label("failed", { message: e.message }));
    } finally {
      input.disabled = false;
      input.value = "";
    }
  });
}

/** Upload `file`, report progress, resolve with the new avatar's base name (reject with the server's error). */
async function upload(file, onProgress, onStart) {
  onStart();
  const form = new FormData();
  form.append("file", file);
  form.append("name", file.name.replace(/\.[^.]*$/, ""));
  const response = await fetch("/api/avatars", { method: "POST", body: form });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.error || `HTTP ${response.status}`);
  const { events_url: eventsUrl, avatar } = body.data;
  await new Promise((resolve, reject) => {
    const source = new EventSource(eventsUrl);
    source.onmessage = (event) => { // the job's progress events (data only, no event name)
      const job = JSON.parse(event.data);
      onProgress(job.current_step || job.status, job.progress ?? 0);
      if (job.status === "completed") {
        source.close();
        resolve();
      } else if (job.status === "failed") {
        source.close();
        reject(new Error(job.error || "failed"));
      }
    };
    source.addEventListener("error", () => {
      if (source.readyState === EventSource.CLOSED) reject(new Error("the progress stream closed"));
    });
  });
  return avatar;
}
