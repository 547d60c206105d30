// The panel interview: two or more preset interviewers (GET /api/characters/presets) take turns, each on its
// own avatar with its own voice. The server decides who speaks each reply (the member a question belongs to, else
// the next in turn), fills in that member's avatar and voice, and names them in `done.speaker`; the page shows
// that interviewer's name and idle loop.

import { getJson } from "./api.js";
import { t } from "./i18n.js";

const MIN_PANEL = 2;
const STORAGE_KEY = "interview.panel";
const SERVER_CHOSEN = ["avatar", "tts_engine", "tts_voice"]; // each speaker's own, filled in by the server

export class PanelChoice {
  constructor(fieldset, list) {
    this.fieldset = fieldset;
    this.list = list;
    this.characters = [];
    this.saved = new Set(JSON.parse(localStorage.getItem(STORAGE_KEY) || "[]"));
  }

  /** Offer the preset interviewers as check boxes (hidden when the server has fewer than two). */
  async load() {
    const body = await getJson("/api/characters/presets");
    this.characters = body.data.characters;
    this.render();
  }

  render() {
    const boxes = this.characters.map((c) => {
      const label = document.createElement("label");
      label.className = "panel-member";
      const box = document.createElement("input");
      box.type = "checkbox";
      box.value = c.id;
      box.checked = this.saved.has(c.id);
      const text = document.createElement("span");
      text.textContent = `${c.name} · ${t(`panel.style.${c.interview_style}`)}`;
      label.append(box, text);
      return label;
    });
    this.list.replaceChildren(...boxes);
    this.fieldset.hidden = this.characters.length < MIN_PANEL;
  }

  /** The interviewers ticked, in the presets' order. */
  members() {
    const ticked = new Set([...this.list.querySelectorAll("input:checked")].map((box) => box.value));
    return this.characters.filter((c) => ticked.has(c.id));
  }

  /** True when two or more interviewers are ticked. */
  get active() {
    return this.members().length >= MIN_PANEL;
  }

  /** The set-up panel's settings for a panel interview: who sits on it, no single avatar or voice. */
  settings(values) {
    const members = this.members();
    localStorage.setItem(STORAGE_KEY, JSON.stringify(members.map((c) => c.id)));
    if (members.length < MIN_PANEL) return values;
    const chosen = { ...values, panel: members.map((c) => c.id) };
    for (const key of SERVER_CHOSEN) delete chosen[key];
    this.seated = members;
    return chosen;
  }

  /** Seat the interviewers of a stored panel interview (`ids`, its `panel`); false when some are not known here. */
  seat(ids) {
    const members = ids.map((id) => this.characters.find((c) => c.id === id));
    if (members.length < MIN_PANEL || members.includes(undefined)) return false;
    this.seated = members;
    return true;
  }

  /** The seated interviewer called `name` (a reply's `speaker`: the server decides who speaks), if any. */
  member(name) {
    return this.seated?.find((c) => c.name === name);
  }

  /** Re-label after a language switch. */
  relabel() {
    if (this.characters.length) {
      const ticked = new Set(this.members().map((c) => c.id));
      this.saved = ticked;
      this.render();
    }
  }
}
