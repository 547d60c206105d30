// The interviewer listens while the candidate answers: a quiet listening loop while they type or the microphone is
// live, a small nod at each of their pauses (a typing pause, or a pause in the live transcript), and back to the idle
// loop once nothing has happened for a while or the answer is sent. Both clips come from the server
// (lipsync/listening.py: `listening_url`, `nod_url` of /api/avatars) and start and end at the same pose, so switching
// between them is seamless; the idle loop and a reply cross-fade with them like they do with each other (app.css).
// The screen shows what plays in `data-listening`: "off" (the idle loop), "on" (the listening loop) or "nod".

const PAUSE_MS = 900; // no keystroke or new transcript text for this long: a pause, worth a nod
const QUIET_MS = 6000; // nothing for this long (and the microphone off): back to the idle loop
const NOD_GAP_MS = 2500; // at most one nod in this time (a nod at every short pause would look eager)

export class Listening {
  /** `screen`: the avatar screen; the two videos are made here, beside the idle loop. */
  constructor(screen) {
    this.screen = screen;
    this.loop = this.video("listening-loop", true, screen.querySelector("video.idle"));
    this.nod = this.video("listening-nod", false, this.loop); // above the loop
    for (const event of ["ended", "error"]) this.nod.addEventListener(event, () => this.state === "nod" && this.show("on"));
    this.urls = null; // {loop, nod} of the current avatar
    this.micLive = false;
    this.lastNod = -Infinity;
    this.timers = { pause: null, quiet: null };
    this.show("off");
  }

  video(className, loop, after) {
    const video = document.createElement("video");
    Object.assign(video, { muted: true, loop, playsInline: true, preload: "auto" }); // ready before the first answer
    video.className = `listening ${className}`;
    video.setAttribute("aria-hidden", "true");
    after.after(video);
    return video;
  }

  /** Use the listening clips of `avatar` (an /api/avatars entry); fetched now, while the interviewer speaks. */
  setAvatar(avatar) {
    const urls = avatar?.listening_url && avatar?.nod_url ? { loop: avatar.listening_url, nod: avatar.nod_url } : null;
    if (urls?.loop === this.urls?.loop) return;
    this.stop();
    this.urls = urls;
    for (const [video, url] of [[this.loop, urls?.loop], [this.nod, urls?.nod]]) {
      if (url) video.src = url;
      else video.removeAttribute("src");
    }
  }

  get state() {
    return this.screen.dataset.listening;
  }

  /** The candidate did something (a keystroke, new transcript text): listen, and nod if they now pause. */
  activity() {
    if (!this.urls) return;
    if (this.state === "off") this.show("on");
    clearTimeout(this.timers.pause);
    this.timers.pause = setTimeout(() => this.paused(), PAUSE_MS);
    this.armQuiet();
  }

  /** The microphone went live (true) or off (false). */
  microphone(live) {
    this.micLive = live;
    if (live) this.activity();
    else this.armQuiet();
  }

  /** The answer was sent or the interview closed: back to the idle loop now. */
  stop() {
    clearTimeout(this.timers.pause);
    clearTimeout(this.timers.quiet);
    this.show("off");
  }

  paused() {
    if (this.state !== "on" || performance.now() - this.lastNod < NOD_GAP_MS) return;
    this.lastNod = performance.now();
    this.nod.currentTime = 0;
    this.show("nod");
  }

  armQuiet() {
    clearTimeout(this.timers.quiet);
    this.timers.quiet = setTimeout(() => { if (!this.micLive) this.stop(); }, QUIET_MS);
  }

  show(state) {
    this.screen.dataset.listening = state;
    const play = (video) => video.play().catch((e) => {
      if (e.name !== "AbortError") console.warn("the listening clip did not start", e);
    });
    if (state === "off") {
      this.loop.pause();
      this.nod.pause();
      return;
    }
    play(this.loop); // under the nod too: the nod ends on the pose the loop holds
    if (state === "nod") play(this.nod);
  }
}

/** Wire the answer box (`answer`: textarea) to `listening`; returns the answer input's hooks (voice-answer.js). */
export function wireListening(listening, answer) {
  answer.addEventListener("input", () => listening.activity());
  return {
    microphone: (live) => listening.microphone(live),
    heard: () => listening.activity(),
    answered: () => listening.stop(),
  };
}
