// Captions of what the avatar says: each sentence at its real time on the reply's timeline (the server's
// `segment.caption`: text, start, duration), a long sentence split into parts timed by their length.

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

/** Cues [{start, end, text}] (seconds) of a caption {text, start, duration}: its parts share its time by length. */
export function sentenceCues({ text, start, duration }) {
  const pieces = splitLong(text.trim());
  const total = pieces.reduce((sum, piece) => sum + piece.length, 0);
  if (!total || !(duration > 0)) return [];
  let at = start;
  return pieces.map((piece) => {
    const end = at + (duration * piece.length) / total;
    const cue = { start: at, end, text: piece };
    at = end;
    return cue;
  });
}

/** Shows the cue under the video's current time in `element`, checked every animation frame while it plays. */
export class Captions {
  constructor(element, video) {
    this.element = element;
    this.video = video;
    this.cues = [];
    this.enabled = true;
    this.frame = null;
    video.addEventListener("playing", () => this.follow());
    for (const event of ["seeked", "pause"]) video.addEventListener(event, () => this.update());
    video.addEventListener("ended", () => this.show(""));
  }

  /** Add the cues of one sentence of the reply being made (`segment.caption`). */
  add(caption) {
    this.cues.push(...sentenceCues(caption));
    this.update();
  }

  /** Forget the cues: a new reply is coming (nothing shows until its video plays). */
  clear() {
    this.cues = [];
    this.show("");
  }

  setEnabled(enabled) {
    this.enabled = enabled;
    this.update();
  }

  /** Update on every frame while the video advances (timeupdate comes only every ~250 ms). */
  follow() {
    if (this.frame !== null) return;
    const tick = () => {
      this.update();
      this.frame = this.video.paused || this.video.ended ? null : requestAnimationFrame(tick);
    };
    tick();
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
