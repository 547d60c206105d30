// The avatar screen: the avatar's idle loop (a muted looping MP4) whenever the interviewer is not speaking, and a
// turn's fMP4 segments through MediaSource as they arrive (or the turn's whole MP4) faded in over it. The server
// sends a turn as one fragmented MP4: the first segment file is appended whole (init segment + fragment), later
// ones from their `fragment_offset` on, so one SourceBuffer gets one continuous stream (no gap at the joins). A reply ends
// on the idle loop at the loop position where it stopped (every turn starts at loop position 0), so the face
// never jumps or freezes. Without an idle loop the last frame stays on a canvas with a gentle breathing motion.
// Face-region delivery (`delivery`: "face" where the browser can composite, `?delivery=full` to opt out): the
// stream carries only the face box, the video element plays it unseen (its sound, its clock) and compositor.js
// draws each frame over the idle loop onto a canvas; when that fails, the turn's whole MP4 plays instead.

import { FaceCompositor, canComposite } from "./compositor.js";
import { avcCodec } from "./mp4.js";

const DEFAULT_CODECS = "avc1.42c01f,mp4a.40.2"; // H.264 Constrained Baseline 3.1 + AAC-LC
const AUDIO_CODEC = "mp4a.40.2"; // the server encodes AAC-LC
const AVCC = [0x61, 0x76, 0x63, 0x43]; // "avcC": the box whose next bytes are version, profile, compat, level
const FADE_MS = 200; // the cross-fade between the idle loop and a reply (matches app.css)
const SEEK_WAIT_MS = 300; // longest wait for the idle loop to reach a reply's last loop position

/** The RFC 6381 codecs of an MP4's H.264 + AAC tracks, read from its avcC box (the default when absent). */
export function codecsOf(bytes) {
  for (let i = 0; i + 7 < bytes.length; i++) {
    if (bytes[i] === AVCC[0] && bytes[i + 1] === AVCC[1] && bytes[i + 2] === AVCC[2] && bytes[i + 3] === AVCC[3]
        && bytes[i + 4] === 1) {
      return `${avcCodec(bytes, i + 4)},${AUDIO_CODEC}`;
    }
  }
  return DEFAULT_CODECS;
}

/** Seconds into the idle loop that show loop position `frame` (the middle of the frame, so a seek lands on it). */
export function idleTime(frame, loopFrames, fps) {
  return ((frame % loopFrames) + 0.5) / fps;
}

function once(target, event) {
  return new Promise((resolve, reject) => {
    target.addEventListener(event, resolve, { once: true });
    target.addEventListener("error", () => reject(new Error(`${event} failed`)), { once: true });
  });
}

const delay = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

/** What to append of a segment file: all of it for the turn's first one (it carries the init segment), else its fragment. */
export function streamPart(bytes, segment, first) {
  const offset = segment.fragment_offset;
  return first || offset === undefined ? bytes : bytes.subarray(offset);
}

async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** One turn's playback: its MediaSource path (while it works) and the whole-file fallback. */
class Turn {
  constructor() {
    this.chain = Promise.resolve(); // segment appends, in order
    this.mediaSource = null;
    this.sourceBuffer = null;
    this.mseFailed = !window.MediaSource;
    this.resumeAt = 0; // where the fallback file starts when MediaSource failed mid-turn
    this.doneUrl = null; // the whole turn's MP4, once `done` arrived
    this.fileUrl = null; // set when playing the whole MP4
    this.duration = 0; // seconds of the turn known so far (segments, then `done`)
    this.face = false; // its frames are face boxes drawn over the idle loop (the first segment had a `region`)
  }
}

export class AvatarPlayer {
  /** `handlers`: onPlaying(), onEnded(), onError(message). */
  constructor({ screen, video, idle, still, placeholder, playButton }, handlers) {
    Object.assign(this, { screen, video, idle, still, placeholder, playButton, handlers });
    this.turn = null;
    this.loop = null; // {url, frames, fps} of the idle loop shown between replies
    const canvas = document.createElement("canvas"); // the face-region turns' composited frames
    canvas.id = "face-canvas";
    canvas.className = "composite";
    canvas.setAttribute("aria-hidden", "true");
    video.after(canvas);
    this.compositor = new FaceCompositor(canvas, video, (e) => this.faceFailed(e));
    video.addEventListener("playing", () => {
      this.show("video");
      this.playButton.hidden = true;
      this.handlers.onPlaying();
    });
    video.addEventListener("ended", () => this.ended());
    video.addEventListener("error", () => this.videoFailed());
    idle.addEventListener("loadeddata", () => { this.screen.dataset.idle = "ready"; });
    idle.addEventListener("error", () => {
      console.warn("the idle loop cannot play; the last frame stays on screen instead", idle.error);
      this.screen.dataset.idle = "failed";
    });
    playButton.addEventListener("click", () => this.play());
    this.show("idle");
  }

  /** True while a video (not the still) is on screen and advancing. */
  get playing() {
    return this.screen.dataset.mode === "video" && !this.video.paused && !this.video.ended;
  }

  /** The `delivery` to ask for: "face" when this page can composite over the current idle loop now, else "full". */
  get delivery() {
    return this.loop && canComposite() && this.compositor.ready(this.loop) ? "face" : "full";
  }

  /** Fetch the idle clip of `avatar` (an /api/avatars entry) ahead of the interview, without playing it. */
  preloadIdle(avatar) {
    if (!avatar?.idle_url) return;
    this.loop = { url: avatar.idle_url, frames: avatar.idle_frames, fps: avatar.fps };
    if (canComposite()) this.compositor.prepare(this.loop).catch(() => {});
    if (this.idle.getAttribute("src") !== avatar.idle_url) {
      this.screen.dataset.idle = "loading";
      this.idle.src = avatar.idle_url;
    }
  }

  /** Loop the idle clip of `avatar` whenever no reply plays. */
  setIdle(avatar) {
    this.preloadIdle(avatar);
    this.handlers.onAvatar?.(avatar);
    if (this.screen.dataset.mode === "idle") this.playIdle();
  }

  /** Pause the idle loop (the interview view is closed). */
  hideIdle() {
    this.idle.pause();
  }

  /** A new turn begins: a reply still playing stops (the candidate spoke), the idle loop shows until video comes. */
  startTurn() {
    if (this.playing) this.stop();
    this.turn = new Turn();
  }

  /** Queue a `segment` event's file for MediaSource playback (ignored once MediaSource failed). */
  addSegment(segment) {
    const turn = this.turn;
    if (!turn) return;
    turn.duration = Math.max(turn.duration, segment.start + segment.duration);
    if (turn.mseFailed) return;
    const bytes = fetchBytes(segment.url);
    bytes.catch(() => {}); // awaited in order below; a failure there switches to the fallback
    turn.chain = turn.chain.then(async () => {
      if (turn.mseFailed || turn !== this.turn) return;
      try {
        await this.append(turn, streamPart(await bytes, segment, !turn.sourceBuffer), segment);
      } catch (e) {
        console.warn("MediaSource playback failed; the whole MP4 will play instead", e);
        turn.mseFailed = true;
        turn.resumeAt = this.video.currentTime;
      }
    });
  }

  async append(turn, bytes, segment) {
    if (!turn.sourceBuffer) {
      const mime = `video/mp4; codecs="${codecsOf(bytes)}"`;
      if (!MediaSource.isTypeSupported(mime)) throw new Error(`unsupported: ${mime}`);
      const idleFrames = segment.region && this.loop ? await this.compositor.prepare(this.loop) : null;
      turn.mediaSource = new MediaSource();
      const opened = once(turn.mediaSource, "sourceopen");
      this.load(URL.createObjectURL(turn.mediaSource));
      turn.face = Boolean(idleFrames);
      this.screen.dataset.delivery = turn.face ? "face" : "full";
      if (turn.face) this.compositor.start(segment.region, idleFrames);
      await opened;
      URL.revokeObjectURL(this.video.src);
      turn.sourceBuffer = turn.mediaSource.addSourceBuffer(mime);
      turn.sourceBuffer.mode = "segments"; // the media's own timestamps place each fragment
    }
    // A server without fragment_offset sends segments that each start at t=0: place them with timestampOffset.
    turn.sourceBuffer.timestampOffset = segment.fragment_offset === undefined ? segment.start : 0;
    const appended = once(turn.sourceBuffer, "updateend");
    turn.sourceBuffer.appendBuffer(bytes);
    await appended;
    if (this.video.paused && !this.video.ended) this.play();
  }

  /** The turn's `done`: end the MediaSource stream, or play the whole MP4 when segments could not play. */
  async finish(videoUrl, duration) {
    const turn = this.turn;
    if (!turn) return;
    turn.doneUrl = videoUrl;
    turn.duration = duration || turn.duration;
    await turn.chain;
    if (turn !== this.turn) return;
    if (turn.mseFailed || !turn.sourceBuffer) {
      this.playFile(turn, videoUrl);
    } else if (turn.mediaSource.readyState === "open") {
      turn.mediaSource.endOfStream();
    }
  }

  playFile(turn, url) {
    turn.mseFailed = true;
    turn.face = false;
    this.compositor.stop();
    this.screen.dataset.delivery = "full"; // the whole MP4 has every pixel
    turn.fileUrl = url;
    this.load(url);
    if (turn.resumeAt > 0) this.video.currentTime = turn.resumeAt;
    this.play();
  }

  /** Stop the turn (cancel, error, the candidate answering): back to the idle loop from where it is. */
  stop() {
    this.turn = null;
    this.snapshot();
    this.compositor.stop();
    this.video.pause();
    this.show("idle");
  }

  /** A reply ended: the idle loop goes on from the loop position after the reply's last frame. */
  async ended() {
    this.snapshot();
    this.compositor.stop();
    const turn = this.turn;
    if (turn && this.loop && this.screen.dataset.idle === "ready") {
      const frame = Math.round(turn.duration * this.loop.fps);
      this.idle.currentTime = idleTime(frame, this.loop.frames, this.loop.fps);
      await Promise.race([once(this.idle, "seeked").catch(() => {}), delay(SEEK_WAIT_MS)]);
    }
    if (this.video.ended || this.video.paused) this.show("idle");
    this.handlers.onEnded();
  }

  /** The idle loop stopped decoding mid-turn: the rest of the turn plays from its whole MP4. */
  faceFailed(error) {
    console.warn("face-region compositing failed; the whole MP4 plays instead", error);
    this.videoFailed();
  }

  videoFailed() {
    const turn = this.turn;
    const message = this.video.error?.message || "decode error";
    if (turn && !turn.fileUrl) {
      turn.mseFailed = true;
      turn.resumeAt = this.video.currentTime;
      if (turn.doneUrl) this.playFile(turn, turn.doneUrl); // else `finish` will load it
      return;
    }
    this.show("idle");
    this.handlers.onError(message);
  }

  play() {
    this.video.play().catch((e) => {
      if (e.name === "NotAllowedError") this.playButton.hidden = false; // autoplay blocked: ask for a tap
      else if (e.name !== "AbortError") this.handlers.onError(e.message);
    });
  }

  playIdle() {
    if (!this.loop) return;
    this.idle.play().catch((e) => {
      if (e.name !== "AbortError") console.warn("the idle loop did not start", e);
    });
  }

  load(src) {
    this.snapshot();
    this.show("idle");
    this.video.src = src;
  }

  /** Copy the frame on screen onto the still canvas (the face shown when there is no idle loop). */
  snapshot() {
    const composite = this.compositor.canvas;
    const face = this.screen.dataset.delivery === "face";
    if (face ? composite.dataset.frame === undefined : this.video.readyState < 2 || !this.video.videoWidth) return;
    const source = face ? composite : this.video;
    this.still.width = face ? composite.width : this.video.videoWidth;
    this.still.height = face ? composite.height : this.video.videoHeight;
    this.still.getContext("2d").drawImage(source, 0, 0);
    this.placeholder.hidden = true;
  }

  /** "idle": the idle loop plays; "video": a reply fades in over it, and the loop pauses once it is covered. */
  show(mode) {
    this.screen.dataset.mode = mode;
    if (mode === "idle") {
      this.playIdle();
      return;
    }
    setTimeout(() => {
      if (this.screen.dataset.mode === "video") this.idle.pause();
    }, FADE_MS + 50);
  }
}
