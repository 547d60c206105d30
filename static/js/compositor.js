// Face-region delivery on the page: a turn's video carries only the face box, and this draws each of its frames at
// the segment's `region` over the idle-loop frame at the same loop position, on a canvas the avatar's size.
//
// The face video's own clock drives it: requestVideoFrameCallback names the frame just presented (its media time),
// that frame is copied at once, and the idle frame of turn frame f (loop position f % length: every turn starts at
// loop position 0) is drawn under it. Outside the box a speaking frame equals that idle frame (lipsync/region.py),
// so the canvas shows the same picture as the full-frame video, from a stream a fraction of its size.

import { canDecodeFrames, IdleFrames } from "./idle-frames.js";

const FACE_BUFFERS = 4; // copies of face frames whose idle frame is still decoding
// Frame f ≥ 1 of a turn plays at f / fps plus the AAC priming (21.3 ms, 0.53 frame at 25 fps), frame 0 at 0:
// rounding down from a quarter frame later names the frame for any offset in [0, 0.75) frame.
const FRAME_ROUNDING = 0.25;

/** The turn frame of a presented video frame whose timestamp is `mediaTime` seconds. */
export function frameAt(mediaTime, fps) {
  return Math.max(0, Math.floor(mediaTime * fps + FRAME_ROUNDING));
}

/** True where the page can composite face-region turns (`?delivery=full` in the page's URL turns it off). */
export function canComposite() {
  if (new URLSearchParams(window.location.search).get("delivery") === "full") return false;
  return Boolean(window.MediaSource) && canDecodeFrames() && "requestVideoFrameCallback" in HTMLVideoElement.prototype
    && Boolean(document.createElement("canvas").getContext("2d"));
}

export class FaceCompositor {
  /** Draws `video`'s frames onto `canvas`; `onError(error)` when the idle loop cannot be decoded mid-turn. */
  constructor(canvas, video, onError) {
    Object.assign(this, { canvas, video, onError });
    this.context = canvas.getContext("2d");
    this.faces = Array.from({ length: FACE_BUFFERS }, () => document.createElement("canvas"));
    this.idle = null; // {url, frames: Promise<IdleFrames>} of the idle loop last prepared
    this.session = null; // the turn being drawn
  }

  /** Fetch and check the idle loop `loop` ({url, fps}) ahead of a face turn; resolves to its IdleFrames. */
  prepare(loop) {
    if (this.idle?.url !== loop.url) {
      this.idle?.frames.then((frames) => frames.close(), () => {});
      const idle = { url: loop.url, frames: IdleFrames.open(loop.url, loop.fps), ready: false };
      idle.frames.then(() => {
        idle.ready = true;
        if (this.idle === idle) this.canvas.dataset.idle = loop.url; // tests wait for it
      }, (e) => console.warn("face-region playback unavailable; turns stream whole frames", e));
      this.idle = idle;
    }
    return this.idle.frames;
  }

  /** True once the idle loop `loop` is fetched and decodable here (a turn never waits for it: it asks for whole frames). */
  ready(loop) {
    return this.idle?.url === loop.url && this.idle.ready;
  }

  /** Draw the video's frames at `region` over the idle loop's `frames` (prepared), from loop position 0, until stop(). */
  start(region, frames) {
    this.stop();
    frames.restart();
    const session = { region, frames, fps: frames.fps, drawn: -1, count: 0 };
    this.session = session;
    this.canvas.width = region.frame_width;
    this.canvas.height = region.frame_height;
    for (const face of this.faces) {
      face.width = region.width;
      face.height = region.height;
    }
    delete this.canvas.dataset.frame;
    const onFrame = (now, metadata) => {
      if (this.session !== session) return;
      this.draw(session, frameAt(metadata.mediaTime, session.fps));
      this.video.requestVideoFrameCallback(onFrame);
    };
    this.video.requestVideoFrameCallback(onFrame);
  }

  /** Stop drawing (the canvas keeps its last frame) and release the decoded frames. */
  stop() {
    if (!this.session) return;
    this.session.frames.close();
    this.session = null;
  }

  draw(session, f) {
    const { x, y, width, height } = session.region;
    const face = this.faces[session.count++ % FACE_BUFFERS];
    face.getContext("2d").drawImage(this.video, 0, 0, width, height); // now: the video moves on meanwhile
    session.frames.frame(f).then((idle) => {
      if (!idle || this.session !== session || f < session.drawn) return;
      this.context.drawImage(idle, 0, 0, this.canvas.width, this.canvas.height);
      this.context.drawImage(face, x, y);
      session.drawn = f;
      this.canvas.dataset.frame = String(f); // which turn frame is on the canvas (tests compare it)
    }, (error) => {
      if (this.session !== session) return;
      this.stop();
      this.onError(error);
    });
  }
}
