// The interview's transcript: entries with their time and (for the interviewer) how long each stage took.

import { fileStamp, saveBlob } from "./files.js";
import { t } from "./i18n.js";

const seconds = (value) => (typeof value === "number" ? value.toFixed(1) : "–");

function clock(date) {
  return date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

/** Timing line of an interviewer turn: server stage times plus what the page measured. */
export function timingText(timing) {
  return t("timing", {
    llm: seconds(timing.llm), tts: seconds(timing.tts), lipsync: seconds(timing.lipsync),
    first: seconds(timing.firstVideo), total: seconds(timing.total),
  });
}

export class Transcript {
  /** `onPlay(url)`: an interviewer entry's video button was pressed. */
  constructor(list, onPlay) {
    this.list = list;
    this.onPlay = onPlay;
    this.entries = [];
    this.render();
  }

  /** Add an entry {role: "interviewer"|"candidate", speaker?, text, at: Date, timing?, video?, pending?}; returns it. */
  add(entry) {
    this.entries.push(entry);
    this.render();
    return entry;
  }

  remove(entry) {
    this.entries = this.entries.filter((e) => e !== entry);
    this.render();
  }

  clear() {
    this.entries = [];
    this.render();
  }

  render() {
    this.list.replaceChildren();
    if (!this.entries.length) {
      const empty = document.createElement("li");
      empty.className = "empty";
      empty.textContent = t("transcript.empty");
      this.list.append(empty);
      return;
    }
    for (const entry of this.entries) {
      const item = document.createElement("li");
      item.className = `entry ${entry.role}${entry.pending ? " pending" : ""}`;
      const head = document.createElement("div");
      head.className = "entry-head";
      const who = document.createElement("strong");
      who.textContent = entry.speaker ?? t(`role.${entry.role}`);
      const when = document.createElement("time");
      when.dateTime = entry.at.toISOString();
      when.textContent = clock(entry.at);
      head.append(who, when);
      if (entry.video) {
        const play = document.createElement("button");
        play.type = "button";
        play.className = "chip play-turn";
        play.textContent = t("transcript.play");
        play.addEventListener("click", () => this.onPlay(entry.video));
        head.append(play);
      }
      const text = document.createElement("p");
      text.className = "text";
      text.textContent = entry.text;
      item.append(head, text);
      if (entry.timing) {
        const timing = document.createElement("p");
        timing.className = "timing";
        timing.textContent = timingText(entry.timing);
        item.append(timing);
      }
      this.list.append(item);
    }
    this.list.lastElementChild.scrollIntoView({ block: "nearest" });
  }

  /** The transcript as plain text, headed by the interview's settings. */
  toText(heading) {
    const lines = [t("transcript.title"), heading, new Date().toLocaleString(), ""];
    for (const entry of this.entries.filter((e) => !e.pending)) {
      lines.push(`[${clock(entry.at)}] ${entry.speaker ?? t(`role.${entry.role}`)}: ${entry.text}`);
      if (entry.timing) lines.push(`    (${timingText(entry.timing)})`);
    }
    return `${lines.join("\n")}\n`;
  }

  /** Save the transcript as a .txt file. */
  download(heading) {
    saveBlob(new Blob([this.toText(heading)], { type: "text/plain;charset=utf-8" }), `interview-${fileStamp()}.txt`);
  }
}
