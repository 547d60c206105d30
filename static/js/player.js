// The avatar screen: plays a turn's fMP4 segments through MediaSource as they arrive (or the turn's whole MP4),
// and between turns shows the last frame on a canvas with a gentle breathing motion, so the face never vanishes.

const DEFAULT_CODECS = "avc1.42c01f,mp4a.40.2"; // H.264 Constrained Baseline 3.1 + AAC-LC
const AUDIO_CODEC = "mp4a.40.2"; // the server encodes AAC-LC
const AVCC = [0x61, 0x76, 0x63, 0x43]; // "avcC": the box whose next bytes are version, profile, compat, level

/** The RFC 6381 codecs of an MP4's H.264 + AAC tracks, read from its avcC box (the default when absent). */
export function codecsOf(bytes) {
  for (let i = 0; i + 7 < bytes.length; i++) {
    if (bytes[i] === AVCC[0] && bytes[i + 1] === AVCC[1] && bytes[i + 2] === AVCC[2] && bytes[i + 3] === AVCC[3]
        && bytes[i + 4] === 1) {
      const hex = (b) => b.toString(16).padStart(2, "0");
      return `avc1.${hex(bytes[i + 5])}${hex(bytes[i + 6])}${hex(bytes[i + 7])},${AUDIO_CODEC}`;
    }
  }
  return DEFAULT_CODECS;
}

function once(target, event) {
  return new Promise((resolve, reject) => {
    target.addEventListener(event, resolve, { once: true });
    target.addEventListener("error", () => reject(new Error(`${event} failed`)), { once: true });
  });
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
  }
}

export class AvatarPlayer {
  /** `handlers`: onPlaying(), onEnded(), onError(message). */
  constructor({ screen, video, still, placeholder, playButton }, handlers) {
    Object.assign(this, { screen, video, still, placeholder, playButton, handlers });
    this.turn = null;
    video.addEventListener("playing", () => {
      this.show("video");
      this.playButton.hidden = true;
      this.handlers.onPlaying();
    });
    video.addEventListener("ended", () => {
      this.snapshot();
      this.show("idle");
      this.handlers.onEnded();
    });
    video.addEventListener("error", () => this.videoFailed());
    playButton.addEventListener("click", () => this.play());
    this.show("idle");
  }

  /** True while a video (not the still) is on screen and advancing. */
  get playing() {
    return this.screen.dataset.mode === "video" && !this.video.paused && !this.video.ended;
  }

  /** A new turn begins: keep showing the current face until its first video arrives. */
  startTurn() {
    this.turn = new Turn();
  }

  /** Queue a `segment` event's file for MediaSource playback (ignored once MediaSource failed). */
  addSegment(segment) {
    const turn = this.turn;
    if (!turn || turn.mseFailed) return;
    const bytes = fetchBytes(segment.url);
    bytes.catch(() => {}); // awaited in order below; a failure there switches to the fallback
    turn.chain = turn.chain.then(async () => {
      if (turn.mseFailed || turn !== this.turn) return;
      try {
        await this.append(turn, await bytes, segment.start);
      } catch (e) {
        console.warn("MediaSource playback failed; the whole MP4 will play instead", e);
        turn.mseFailed = true;
        turn.resumeAt = this.video.currentTime;
      }
    });
  }

  async append(turn, bytes, start) {
    if (!turn.sourceBuffer) {
      const mime = `video/mp4; codecs="${codecsOf(bytes)}"`;
      if (!MediaSource.isTypeSupported(mime)) throw new Error(`unsupported: ${mime}`);
      turn.mediaSource = new MediaSource();
      const opened = once(turn.mediaSource, "sourceopen");
      this.load(URL.createObjectURL(turn.mediaSource));
      await opened;
      URL.revokeObjectURL(this.video.src);
      turn.sourceBuffer = turn.mediaSource.addSourceBuffer(mime);
      turn.sourceBuffer.mode = "segments"; // each file starts at t=0: place it with timestampOffset
    }
    turn.sourceBuffer.timestampOffset = start;
    const appended = once(turn.sourceBuffer, "updateend");
    turn.sourceBuffer.appendBuffer(bytes);
    await appended;
    if (this.video.paused && !this.video.ended) this.play();
  }

  /** The turn's `done`: end the MediaSource stream, or play the whole MP4 when segments could not play. */
  async finish(videoUrl) {
    const turn = this.turn;
    if (!turn) return;
    turn.doneUrl = videoUrl;
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
    turn.fileUrl = url;
    this.load(url);
    if (turn.resumeAt > 0) this.video.currentTime = turn.resumeAt;
    this.play();
  }

  /** Stop the turn (cancel or error): freeze nothing, go back to the breathing still. */
  stop() {
    this.turn = null;
    this.snapshot();
    this.video.pause();
    this.show("idle");
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

  load(src) {
    this.snapshot();
    this.show("idle");
    this.video.src = src;
  }

  /** Copy the current video frame onto the still canvas (the face shown between turns). */
  snapshot() {
    if (this.video.readyState < 2 || !this.video.videoWidth) return;
    this.still.width = this.video.videoWidth;
    this.still.height = this.video.videoHeight;
    this.still.getContext("2d").drawImage(this.video, 0, 0);
    this.placeholder.hidden = true;
  }

  show(mode) {
    this.screen.dataset.mode = mode;
  }
}
