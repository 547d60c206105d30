// The avatar's idle loop decoded frame by frame (WebCodecs), for the face-region compositor.
//
// A turn plays the loop forward from loop position 0, one loop frame per turn frame, so the frames are decoded in
// order a few ahead of the one asked for and dropped once passed: memory stays at a handful of frames whatever the
// loop's length or resolution. Frames are keyed by the turn's frame index f (loop position f % length), so the
// decoder runs on across the loop's end (position 0 is a keyframe) and the timestamps never go back.

import { videoTrack } from "./mp4.js";

const AHEAD = 6; // frames decoded ahead of the one asked for (the decoder's latency, and a little slack)
const US_PER_S = 1_000_000;

/** True where this browser can decode H.264 frames itself (WebCodecs; secure contexts only). */
export function canDecodeFrames() {
  return typeof window.VideoDecoder === "function" && typeof window.EncodedVideoChunk === "function";
}

export class IdleFrames {
  /** Fetch the idle loop MP4 at `url` and check this browser can decode it; rejects otherwise. */
  static async open(url, fps) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const track = videoTrack(bytes);
    const config = { codec: track.codec, codedWidth: track.width, codedHeight: track.height,
                     description: track.description, optimizeForLatency: true };
    const support = await VideoDecoder.isConfigSupported(config);
    if (!support.supported) throw new Error(`this browser cannot decode ${track.codec}`);
    if (!track.samples.length || !track.samples[0].key) throw new Error("the idle loop does not start with a keyframe");
    return new IdleFrames(bytes, track, config, fps);
  }

  constructor(bytes, track, config, fps) {
    Object.assign(this, { bytes, track, config, fps });
    this.length = track.samples.length; // loop frames
    this.decoder = null;
  }

  /** Decode from the start of the loop lap holding turn frame `from` (0: a new turn). */
  restart(from = 0) {
    this.close();
    this.ready = new Map(); // f -> VideoFrame, decoded and not yet passed
    this.waiting = new Map(); // f -> [resolve, reject] of `frame(f)` calls
    this.fed = from - (from % this.length); // next turn frame to give the decoder (position 0 is a keyframe)
    this.wanted = this.fed; // the lowest frame still asked for: older ones are closed as they come
    this.decoder = new VideoDecoder({ output: (frame) => this.decoded(frame), error: (e) => this.failed(e) });
    this.decoder.configure(this.config);
  }

  /** The idle frame under turn frame `f` (loop position f % length); null when `f` was passed before it came. */
  frame(f) {
    if (this.error) return Promise.reject(this.error);
    if (!this.decoder || f < this.wanted) this.restart(f); // went back in time: decode again from the lap's start
    this.pass(f);
    this.feed(f + AHEAD);
    const ready = this.ready.get(f);
    if (ready) return Promise.resolve(ready);
    return new Promise((resolve, reject) => this.waiting.set(f, [resolve, reject]));
  }

  /** Close the decoder and every frame it holds. */
  close() {
    if (this.decoder && this.decoder.state !== "closed") this.decoder.close();
    this.decoder = null;
    this.error = null;
    for (const frame of this.ready?.values() ?? []) frame.close();
    for (const [resolve] of this.waiting?.values() ?? []) resolve(null);
  }

  /** Frames before `f` are done with. */
  pass(f) {
    this.wanted = Math.max(this.wanted, f);
    for (const [k, frame] of this.ready) {
      if (k < this.wanted) {
        frame.close();
        this.ready.delete(k);
      }
    }
    for (const [k, [resolve]] of this.waiting) {
      if (k < this.wanted) {
        resolve(null);
        this.waiting.delete(k);
      }
    }
  }

  feed(until) {
    for (; this.fed <= until; this.fed++) {
      const sample = this.track.samples[this.fed % this.length];
      this.decoder.decode(new EncodedVideoChunk({
        type: sample.key ? "key" : "delta",
        timestamp: Math.round((this.fed * US_PER_S) / this.fps),
        data: this.bytes.subarray(sample.offset, sample.offset + sample.size),
      }));
    }
  }

  decoded(frame) {
    const f = Math.round((frame.timestamp * this.fps) / US_PER_S);
    const waiter = this.waiting.get(f);
    if (f < this.wanted) {
      frame.close();
    } else {
      this.ready.set(f, frame);
    }
    if (waiter) {
      this.waiting.delete(f);
      waiter[0](f < this.wanted ? null : frame);
    }
  }

  failed(error) {
    this.error = error;
    for (const [, reject] of this.waiting.values()) reject(error);
    this.waiting.clear();
  }
}
