// The set-up panel: organisation, company, job, avatar + resolution, engine + voice and question count,
// all from the server's catalogues (nothing duplicated here); the last choices are remembered.

import { getJson } from "./api.js";
import { language, t } from "./i18n.js";

const STORAGE_KEY = "interview.setup";
const AUTO_VOICE = "Custom"; // the engine's default voice (the seed's name for it)
const PREFERRED_RESOLUTION = "720p";
const RESOLUTION_ORDER = ["720p", "480p", "360p"];

function fill(select, items, chosen) {
  select.replaceChildren(...items.map(({ value, label }) => new Option(label, value)));
  if (items.some((item) => item.value === chosen)) select.value = chosen;
}

function byValue(values) {
  return values.map((value) => ({ value, label: value }));
}

export class SetupPanel {
  constructor(form) {
    this.form = form;
    this.fields = Object.fromEntries(
      ["org-type", "company", "job", "questions", "avatar", "resolution", "engine", "voice"]
        .map((id) => [id, form.querySelector(`#${id}`)]),
    );
    this.options = null;
    this.avatars = [];
    this.engines = [];
    this.saved = JSON.parse(localStorage.getItem(STORAGE_KEY) || "{}");
    const f = this.fields;
    f["org-type"].addEventListener("change", () => this.fillOrg());
    f.avatar.addEventListener("change", () => this.fillResolutions());
    f.engine.addEventListener("change", () => this.fillVoices());
  }

  /** How the page shows a catalogue name (org type, company, job) in its language; the value sent stays the name. */
  label(name) {
    return this.options?.names?.[language()]?.[name] ?? name;
  }

  /** Catalogue names as options labelled in the page's language. */
  named(values) {
    return values.map((value) => ({ value, label: this.label(value) }));
  }

  /** The catalogue choices relabelled in the page's language, keeping what is chosen. */
  fillNames() {
    const f = this.fields;
    fill(f["org-type"], this.named(Object.keys(this.options.org_types)), f["org-type"].value);
    const org = this.options.org_types[f["org-type"].value];
    fill(f.company, this.named(org.companies), f.company.value);
    fill(f.job, this.named(org.jobs), f.job.value);
  }

  /** Fetch the catalogues and fill the form; throws ApiError when the server cannot answer. */
  async load() {
    const [options, avatars, engines] = await Promise.all([
      getJson("/api/interview/options"), getJson("/api/avatars"), getJson("/api/tts_engines"),
    ]);
    this.options = options;
    this.avatars = avatars.avatars;
    this.engines = engines.engines;
    const f = this.fields;
    fill(f["org-type"], this.named(Object.keys(options.org_types)), this.saved.org_type ?? options.default_org_type);
    this.fillOrg();
    f.questions.value = this.saved.total_questions ?? options.total_questions;
    const names = [...new Map(this.avatars.map((a) => [a.base_name, a.display_name || a.base_name]))];
    fill(f.avatar, names.map(([value, label]) => ({ value, label })), this.saved.avatar);
    this.fillResolutions();
    fill(f.engine, this.engines.map((e) => ({ value: e.id, label: e.name || e.id })), this.saved.tts_engine);
    this.fillVoices();
  }

  fillOrg() {
    const org = this.options.org_types[this.fields["org-type"].value];
    fill(this.fields.company, this.named(org.companies), this.saved.company_name);
    fill(this.fields.job, this.named(org.jobs), this.saved.job_name);
  }

  fillResolutions() {
    const base = this.fields.avatar.value;
    const resolutions = this.avatars.filter((a) => a.base_name === base).map((a) => a.resolution)
      .sort((a, b) => RESOLUTION_ORDER.indexOf(a) - RESOLUTION_ORDER.indexOf(b));
    fill(this.fields.resolution, byValue(resolutions), this.saved.resolution ?? PREFERRED_RESOLUTION);
  }

  fillVoices() {
    const engine = this.engines.find((e) => e.id === this.fields.engine.value);
    const voices = (engine?.voices ?? []).map((v) => ({ value: v, label: v === AUTO_VOICE ? t("voice.auto") : v }));
    fill(this.fields.voice, voices, this.voiceFor(voices.map((v) => v.value)));
  }

  /** Re-label what is built in code after a language switch. */
  relabel() {
    if (this.options) this.fillNames();
    if (this.engines.length) {
      const voice = this.fields.voice.value;
      this.fillVoices();
      this.fields.voice.value = this.voiceFor([...this.fields.voice.options].map((o) => o.value), voice);
    }
  }

  /** The interview's settings as request fields; remembered for the next visit. */
  values() {
    const f = this.fields;
    const values = {
      org_type: f["org-type"].value,
      company_name: f.company.value,
      job_name: f.job.value,
      total_questions: Number.parseInt(f.questions.value, 10),
      avatar: f.avatar.value,
      resolution: f.resolution.value,
      tts_engine: f.engine.value,
      tts_voice: f.voice.value,
    };
    this.saved = values;
    localStorage.setItem(STORAGE_KEY, JSON.stringify(values));
    return values;
  }

  /** The /api/avatars entry (with its idle loop) of the avatar and resolution chosen now. */
  chosenAvatar() {
    return this.avatarFor(this.fields.avatar.value, this.fields.resolution.value);
  }

  /** The /api/avatars entry of avatar `base` at `resolution` (null when there is none). */
  avatarFor(base, resolution) {
    return this.avatars.find((a) => a.base_name === base && a.resolution === resolution) ?? null;
  }

  /** The voice to select: `chosen` (the remembered one), unless the page is in English and it is not an English voice
   *  (then the engine's first English voice, which is the one an English interview speaks with). */
  voiceFor(voices, chosen = this.saved.tts_voice ?? AUTO_VOICE) {
    if (language() !== "en" || chosen.startsWith("en")) return chosen;
    return voices.find((v) => v.startsWith("en")) ?? chosen;
  }

  /** BCP 47 language for dictation: English voices answer in English, everything else in Korean. */
  speechLanguage() {
    return this.fields.voice.value.startsWith("en") ? "en-US" : "ko-KR";
  }
}
