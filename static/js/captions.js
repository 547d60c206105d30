// Captions of what the avatar says: sentences timed in proportion to their length over the speech duration.

const SENTENCE_END = /(?<=[.!?。？！…])\s+/u;
const MAX_CAPTION_CHARS = 90; // longer sentences are split at a space so a caption fits two lines on a phone

function splitLong(sentence) {
  const parts = [];
  let rest = sentence;
  while (rest.length > MAX_CAPTION_CHARS) {
    const cut = rest.lastIndexOf(" ", MAX_CAPTION_CHARS);
    const at = cut > MAX_CAPTION_CHARS / 2 ? cut : MAX_CAPTION_CHARS;
    parts.push(rest.slice(0, at).trim());
    rest = rest.slice(at).trim();
  }
  if (rest) parts.push(rest);
  return parts;
}

/** Cues [{start, end, text}] (seconds) for `text` spoken over `duration` seconds. */
export function timeCues(text, duration) {
  const pieces = text.trim().split(SENTENCE_END).flatMap(splitLong).filter(Boolean);
  const total = pieces.reduce((sum, piece) => sum + piece.length, 0);
  if (!total || !(duration > 0)) return [];
  let start = 0;
  return pieces.map((piece) => {
    const end = start + (duration * piece.length) / total;
    const cue = { start, end, text: piece };
    start = end;
    return cue;
  });
}

/** Shows the cue under the video's current time in `element`; toggled by the captions button. */
export class Captions {
  constructor(element, video) {
    this.element = element;
    this.video = video;
    this.cues = [];
    this.enabled = true;
    video.addEventListener("timeupdate", () => this.update());
    video.addEventListener("ended", () => this.show(""));
  }

  /** New cues for the next turn (nothing shows until its video plays). */
  set(text, duration) {
    this.cues = timeCues(text, duration);
    this.show("");
  }

  clear() {
    this.cues = [];
    this.show("");
  }

  setEnabled(enabled) {
    this.enabled = enabled;
    this.update();
  }

  update() {
    const now = this.video.currentTime;
    const cue = this.cues.find((c) => now >= c.start && now < c.end) ?? null;
    this.show(this.enabled && cue && !this.video.paused ? cue.text : "");
  }

  show(text) {
    if (this.element.textContent !== text) this.element.textContent = text;
    this.element.classList.toggle("visible", Boolean(text));
  }
}
